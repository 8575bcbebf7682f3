"""What the cart skill reads and says: variant choice against the catalog, the cart as the Reply
carries it (lines, total, checkout link), the item buttons, and the cart's sentences.

The checkout link hands the cart to the shop: ``ASSISTANT_CHECKOUT_URL_TEMPLATE`` when set, else
Shopify's cart permalink (``/cart/VARIANT:QTY,...``, relative to the shop page the widget sits on)
when the catalog is a Shopify export, else none (the host page's own cart got every change as a
``shop-assistant:cart`` event).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from assistant.compose.replies import Say
from assistant.config import Settings
from assistant.contracts import Cart, CartChange, CartLine, ItemAction, RecommendedItem
from assistant.dialogue.skills.base import Services, variant_label
from assistant.dialogue.state import DialogueState
from assistant.records import Product, Variant
from assistant.retrieve.explain import money
from assistant.storage.carts import CartStore, StoredCart
from assistant.storage.sqlite import ShopDatabase
from assistant.understand.words import NUMBER_WORDS

_QUANTITY_RE = re.compile(
    r"\b(?:make (?:it|that|them|those|this|the \w+(?: \w+)?)|quantity(?: of \w+)? to|add|take|get|buy|put in)"
    r" (\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a couple|a pair)\b(?!\s*(?:st|nd|rd|th)\b)"
    r"|\b(\d{1,3}) ?(?:x\b|of (?:them|it|those|these|the))|\bx ?(\d{1,3})\b",
    re.I,
)


@dataclass
class CartOutcome:
    text: str
    helped: bool = True


@dataclass
class Choice:
    variant: Variant | None = None
    question: str = ""  # replies key of a question or refusal; empty: `variant` (None: no variants)
    values: dict[str, object] = field(default_factory=dict)  # the question's placeholders
    helped: bool = True

    def text(self, speak: Say) -> str:
        return speak(self.question, **self.values)


_STORES: weakref.WeakKeyDictionary[ShopDatabase, CartStore] = weakref.WeakKeyDictionary()


def cart_store(db: ShopDatabase) -> CartStore:
    """One store per database (its table is created once)."""
    store = _STORES.get(db)
    if store is None:
        store = _STORES[db] = CartStore(db)
    return store


def parse_quantity(message: str, default: int) -> int:
    match = _QUANTITY_RE.search(message)
    if not match:
        return default
    word = next(g for g in match.groups() if g).lower()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def line_name(product: Product | None, variant: Variant | None) -> str:
    if product is None:
        return "that item"
    label = variant_label(variant)
    return f"{product.title} ({label})" if label else product.title


def _same(a: object, b: object) -> bool:
    return str(a).strip().lower() == str(b).strip().lower()


def _values(variants: Sequence[Variant], key: str) -> list[str]:
    return list(dict.fromkeys(str(v.attributes[key]) for v in variants if key in v.attributes))


def choose_variant(product: Product, wanted: dict[str, str], fallback: dict[str, str]) -> Choice:
    """The one variant the shopper's words pick, or the question that decides it.

    `wanted`: options this turn names (must exist); `fallback`: options said earlier or of the line
    being changed (used only where they exist). An option still varying after both is asked for.
    """
    if not product.variants:
        wrong = [
            (k, v)
            for k, v in wanted.items()
            if k in product.attributes and not _same(product.attributes[k], v)
        ]
        if wrong:
            key, value = wrong[0]
            return Choice(
                None,
                "cart.no_such_option",
                {"item": product.title, "key": key, "value": value, "options": product.attributes[key]},
                helped=False,
            )
        return Choice()
    pool = list(product.variants)
    for key, value in wanted.items():
        if not any(key in v.attributes for v in pool):
            if key in product.attributes and not _same(product.attributes[key], value):
                return Choice(
                    None,
                    "cart.no_such_option",
                    {"item": product.title, "key": key, "value": value, "options": product.attributes[key]},
                    helped=False,
                )
            continue
        matched = [v for v in pool if _same(v.attributes.get(key, ""), value)]
        if not matched:
            options = ", ".join(_values(pool, key))
            return Choice(
                None,
                "cart.no_such_option",
                {"item": product.title, "key": key, "value": value, "options": options},
                helped=False,
            )
        pool = matched
    keys = list(dict.fromkeys(k for v in product.variants for k in v.attributes))
    for key in keys:
        if key in wanted or len(_values(pool, key)) <= 1:
            continue
        kept = [v for v in pool if key in fallback and _same(v.attributes.get(key, ""), fallback[key])]
        if kept:
            pool = kept
            continue
        in_stock = _values([v for v in pool if v.in_stock], key)
        if not in_stock:
            return Choice(None, "cart.none_in_stock", {"item": product.title, "key": key}, helped=False)
        return Choice(
            None, "cart.which_option", {"key": key, "item": product.title, "options": ", ".join(in_stock)}
        )
    variant = pool[0]
    if not variant.in_stock:
        others = [v for v in product.variants if v.in_stock]
        if others:
            options = ", ".join(variant_label(v) for v in others[:8])
            return Choice(
                None,
                "cart.out_of_stock_options",
                {"item": line_name(product, variant), "options": options},
                helped=False,
            )
        return Choice(None, "cart.out_of_stock", {"item": line_name(product, variant)}, helped=False)
    return Choice(variant=variant)


def revalidate(services: Services, cart: StoredCart, changes: list[CartChange], speak: Say) -> list[str]:
    """Drops lines whose product or variant vanished or sold out since they were added; says so."""
    notes: list[str] = []
    cap = services.settings.cart_max_quantity
    for index in range(len(cart.lines) - 1, -1, -1):
        line = cart.lines[index]
        product = services.catalog.get(line.product_id)
        variant = next((v for v in product.variants if v.id == line.variant_id), None) if product else None
        exists = product is not None and (
            variant is not None or (line.variant_id is None and not product.variants)
        )
        available = exists and (variant.in_stock if variant else bool(product and product.in_stock))
        if not available:
            notes.append(
                speak("cart.dropped", item=line_name(product, variant) if product else line.product_id)
            )
            cart.lines.pop(index)
            changes.append(
                CartChange(action="remove", product_id=line.product_id, variant_id=line.variant_id)
            )
        elif line.quantity > cap:
            line.quantity = cap
            changes.append(
                CartChange(
                    action="update", product_id=line.product_id, variant_id=line.variant_id, quantity=cap
                )
            )
    if cart.focus is not None and cart.focus >= len(cart.lines):
        cart.focus = None
    return list(reversed(notes))


# --- the cart as the Reply carries it ---------------------------------------------------------------


@lru_cache(maxsize=8)
def _is_shopify_export(path: str) -> bool:
    from assistant.ingest.detect import detect_product_format

    return Path(path).is_file() and detect_product_format(Path(path)) == "shopify"


def checkout_url(settings: Settings, lines: Sequence[CartLine]) -> str:
    if not lines:
        return ""
    template = settings.checkout_url_template
    if not template and _is_shopify_export(str(settings.catalog_path)):
        template = "/cart/{lines}"
    if not template:
        return ""
    ids = [quote(line.variant_id or line.product_id, safe="") for line in lines]
    quantities = [str(line.quantity) for line in lines]
    filled = template.replace("{lines}", ",".join(f"{i}:{q}" for i, q in zip(ids, quantities, strict=True)))
    return filled.replace("{ids}", ",".join(ids)).replace("{quantities}", ",".join(quantities))


def build_cart(services: Services, stored: StoredCart, changes: Sequence[CartChange] = ()) -> Cart:
    lines: list[CartLine] = []
    for line in stored.lines:
        product = services.catalog.get(line.product_id)
        if product is None:
            continue
        variant = next((v for v in product.variants if v.id == line.variant_id), None)
        lines.append(
            CartLine(
                product_id=product.id,
                variant_id=line.variant_id,
                title=product.title,
                variant_label=variant_label(variant),
                price=product.variant_price(variant),
                currency=product.currency,
                quantity=line.quantity,
                url=product.url,
                image_url=product.image_url,
            )
        )
    total = round(sum(line.price * line.quantity for line in lines), 2)
    currency = lines[0].currency if lines else "USD"
    return Cart(
        lines=lines,
        total=total,
        currency=currency,
        checkout_url=checkout_url(services.settings, lines),
        changes=list(changes),
    )


def cart_text(services: Services, stored: StoredCart, speak: Say, checkout: bool = False) -> str:
    cart = build_cart(services, stored)
    if not cart.lines:
        return speak("cart.empty")
    rows = [speak("cart.header")]
    for line in cart.lines:
        item = f"{line.title} ({line.variant_label})" if line.variant_label else line.title
        rows.append(
            speak(
                "cart.line",
                quantity=line.quantity,
                item=item,
                price=money(line.price * line.quantity, line.currency),
            )
        )
    rows.append(speak("cart.total", total=money(cart.total, cart.currency)))
    if checkout:
        rows.append(
            speak("cart.checkout_link", url=cart.checkout_url)
            if cart.checkout_url
            else speak("cart.checkout_no_link")
        )
    return "\n".join(rows)


def reply_cart(services: Services, session_id: str, changes: Sequence[CartChange]) -> Cart | None:
    """The cart for a Reply: after a change, and whenever it holds something; None otherwise."""
    stored = cart_store(services.db).load(session_id)
    if not stored.lines and not changes:
        return None
    return build_cart(services, stored, changes)


def remembered_options(state: DialogueState) -> dict[str, str]:
    """The options the shopper stated earlier in the chat (the slots in force)."""
    c = state.get_constraints()
    remembered: dict[str, str] = {}
    if c.sizes:
        remembered["size"] = c.sizes[0]
    if c.colors:
        remembered["color"] = c.colors[0]
    return remembered


def with_cart_actions(services: Services, items: list[RecommendedItem], remembered: dict[str, str]) -> None:
    """Gives each in-stock item an "Add to cart" button. The button names the card's variant only
    when the shopper's own words chose it; otherwise pressing it asks which one."""
    for item in items:
        product = services.catalog.get(item.product_id)
        if product is None or not item.in_stock or item.actions:
            continue
        choice = choose_variant(product, {}, remembered)
        chosen = choice.variant.id if choice.variant is not None else None
        variant_id = item.variant_id if chosen == item.variant_id else None
        item.actions = [ItemAction(product_id=item.product_id, variant_id=variant_id)]
