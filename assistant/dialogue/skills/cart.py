"""The cart in the conversation: "add the second one in size 42", "make it two", "swap it for the
blue one", "remove the jacket", "what's in my cart?", "check out".

The cart holds variant ids and quantities (assistant.storage.carts); every change and the checkout
are checked against the catalog (the variant exists and is in stock, the quantity is within the
per-line cap). A variant is chosen only from what the shopper said, now or earlier in the chat:
when an option still varies ("which size?") the skill asks, it never guesses. The assistant never
takes payment: the shop's own cart and checkout take over (see cart_view.checkout_url).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.compose.replies import Say
from assistant.contracts import CartChange
from assistant.dialogue.skills.base import SkillResult, TurnContext, resolve_referenced, variant_label, voice
from assistant.dialogue.skills.cart_turns import (
    CART_WORDS,
    answered_options,
    cart_verb,
    is_cart_turn,
    offered_only,
    turn_options,
    varying_options,
)
from assistant.dialogue.skills.cart_view import (
    CartOutcome,
    cart_store,
    cart_text,
    choose_variant,
    line_name,
    parse_quantity,
    remembered_options,
    revalidate,
)
from assistant.dialogue.state import PendingCartQuestion
from assistant.records import Product, Variant
from assistant.storage.carts import StoredCart, StoredLine
from assistant.understand.vocabulary import category_in

# Replies that leave the add open for an option answer: kept as a PendingCartQuestion.
_ASKS_FOR_OPTION = ("cart.which_option", "cart.no_such_option", "cart.out_of_stock_options")
_EVERYTHING = re.compile(rf"\b(?:everything|all of (?:it|them)|empty (?:my|the) {CART_WORDS})\b", re.I)
_POINTER = re.compile(r"\b(?:it|that|this|them|those)\b", re.I)
# Words of the command itself, so what is left of the turn is what it names ("the jacket").
_COMMAND_WORDS = re.compile(
    r"\b(?:remove|delete|take|out|drop|get|rid|of|swap|switch|change|exchange|make|set|quantity|cart|basket|"
    r"bag|from|my|for|to|with|into|size|colou?r|one|ones|please|it|that|this|them|those|instead|empty|add|"
    r"two|three|four|five|six|seven|eight|nine|ten|couple|pairs?|units?|pieces?|items?|quantity|just|only)\b"
)


@dataclass
class Turn:
    """One cart turn: the context, the stored cart and what this turn changed."""

    ctx: TurnContext
    cart: StoredCart
    changes: list[CartChange] = field(default_factory=list)
    pending: PendingCartQuestion | None = None  # the question the last turn asked, if any

    @property
    def speak(self) -> Say:
        return voice(self.ctx)

    @property
    def cap(self) -> int:
        return self.ctx.services.settings.cart_max_quantity

    def product(self, index: int) -> tuple[Product | None, Variant | None]:
        line = self.cart.lines[index]
        product = self.ctx.services.catalog.get(line.product_id)
        if product is None:
            return None, None
        return product, next((v for v in product.variants if v.id == line.variant_id), None)


def cart_skill(ctx: TurnContext) -> SkillResult:
    store = cart_store(ctx.services.db)
    # A question lives one turn: this turn answers it or moves on; asking again sets it anew.
    pending, ctx.state.pending_cart = ctx.state.pending_cart, None
    turn = Turn(ctx, store.load(ctx.state.session_id), pending=pending)
    verb = cart_verb(ctx.message)
    if verb is None and pending is not None and answered_options(ctx.understanding, ctx.message, pending):
        outcome = _answer_pending(turn, pending)  # "42" after "Which size…?" (router: cart_answer)
    elif verb == "swap" and not turn.cart.lines and ctx.state.shown:
        from assistant.dialogue.skills.search import search_products

        return search_products(ctx)  # "swap it for the blue one" about the list: no cart yet
    else:
        handler = {
            "add": _add_from_chat,
            "quantity": _set_quantity,
            "swap": _swap,
            "remove": _remove,
            "view": _view,
            "checkout": _checkout,
        }[verb or "view"]
        outcome = handler(turn)
    store.save(ctx.state.session_id, turn.cart)
    return SkillResult("cart", "cart", outcome.text, cart_changes=turn.changes)


# --- the actions ---------------------------------------------------------------------------------


def add_line(turn: Turn, product: Product, variant: Variant | None, quantity: int) -> CartOutcome:
    """Adds (or tops up) one checked line; the card button and the chat both come here."""
    if not product.variants and not product.in_stock:
        return CartOutcome(turn.speak("cart.out_of_stock", item=product.title), helped=False)
    if variant is not None and not variant.in_stock:
        return CartOutcome(turn.speak("cart.out_of_stock", item=line_name(product, variant)), helped=False)
    variant_id = variant.id if variant else None
    index = turn.cart.find(product.id, variant_id)
    current = turn.cart.lines[index].quantity if index is not None else 0
    if current + quantity > turn.cap:
        return CartOutcome(
            turn.speak("cart.over_cap", cap=turn.cap, item=product.title, have=current), helped=False
        )
    if index is None:
        turn.cart.lines.append(StoredLine(product_id=product.id, variant_id=variant_id, quantity=quantity))
        index = len(turn.cart.lines) - 1
        turn.changes.append(
            CartChange(action="add", product_id=product.id, variant_id=variant_id, quantity=quantity)
        )
    else:
        turn.cart.lines[index].quantity = current + quantity
        turn.changes.append(
            CartChange(
                action="update", product_id=product.id, variant_id=variant_id, quantity=current + quantity
            )
        )
    turn.cart.focus = index
    added = turn.speak("cart.added", quantity=quantity, item=line_name(product, variant))
    return CartOutcome(f"{added}\n\n{cart_text(turn.ctx.services, turn.cart, turn.speak)}")


def _wanted_options(turn: Turn) -> dict[str, str]:
    return turn_options(turn.ctx.understanding, turn.ctx.message)


def _choose_or_ask(turn: Turn, product: Product, wanted: dict[str, str], quantity: int) -> CartOutcome:
    """Adds the variant the options pick, or asks for the option still open and keeps the question
    (PendingCartQuestion) so the shopper's bare answer on the next turn completes this add."""
    choice = choose_variant(product, wanted, remembered_options(turn.ctx.state))
    if not choice.question:
        return add_line(turn, product, choice.variant, quantity)
    turn.ctx.state.focus_product_id = product.id  # "it" is this item while we ask
    options = varying_options(product)
    if options and choice.question in _ASKS_FOR_OPTION:
        turn.ctx.state.pending_cart = PendingCartQuestion(
            product_id=product.id,
            asked=str(choice.values.get("key", "")),
            options=options,
            chosen=offered_only(product, wanted),
            quantity=quantity,
        )
    return CartOutcome(choice.text(turn.speak), helped=choice.helped)


def _answer_pending(turn: Turn, pending: PendingCartQuestion) -> CartOutcome:
    """ "42", "navy", "42 in navy" after "Which size…?": the asked-about add, completed or asked on."""
    ctx = turn.ctx
    product = ctx.services.catalog.get(pending.product_id)
    if product is None:
        return CartOutcome(turn.speak("cart.gone", item=pending.product_id), helped=False)
    # Every option the turn names goes in, so "42 in red" for a shoe made only in grey is refused
    # by name rather than added in grey; the catalog's spelling of an answer wins.
    answered = answered_options(ctx.understanding, ctx.message, pending)
    wanted = {**pending.chosen, **_wanted_options(turn), **answered}
    return _choose_or_ask(turn, product, wanted, parse_quantity(ctx.message, default=pending.quantity))


def card_add(ctx: TurnContext, product_id: str, variant_id: str | None, quantity: int) -> SkillResult:
    """An item's "Add to cart" button: the variant the card named, checked like a chat add; a card
    without a chosen variant gets the question a chat add would."""
    ctx.state.pending_cart = None  # a button press starts a new add: an open question is dropped
    store = cart_store(ctx.services.db)
    turn = Turn(ctx, store.load(ctx.state.session_id))
    product = ctx.services.catalog.get(product_id)
    variant = next((v for v in product.variants if v.id == variant_id), None) if product else None
    if product is None or (variant_id is not None and variant is None):
        outcome = CartOutcome(
            turn.speak("cart.gone", item=product.title if product else product_id), helped=False
        )
    elif quantity < 1:
        outcome = CartOutcome(turn.speak("cart.bad_quantity"), helped=False)
    elif variant is None and product.variants:
        outcome = _choose_or_ask(turn, product, {}, quantity)
        ctx.state.focus_product_id = product.id
    else:
        outcome = add_line(turn, product, variant, quantity)
    store.save(ctx.state.session_id, turn.cart)
    return SkillResult("cart", "cart", outcome.text, cart_changes=turn.changes)


def _add_from_chat(turn: Turn) -> CartOutcome:
    ctx = turn.ctx
    if not ctx.state.shown:
        return CartOutcome(turn.speak("cart.nothing_shown"), helped=False)
    referenced = resolve_referenced(ctx)
    if len(referenced) != 1:
        return CartOutcome(
            turn.speak("cart.which_item", options=_numbered([s.title for s in ctx.state.shown]))
        )
    shown = referenced[0]
    product = ctx.services.catalog.get(shown.product_id)
    if product is None:
        return CartOutcome(turn.speak("cart.gone", item=shown.title), helped=False)
    quantity = parse_quantity(ctx.message, default=1)
    if quantity < 1:
        return CartOutcome(turn.speak("cart.bad_quantity"), helped=False)
    wanted = _wanted_options(turn)
    pending = turn.pending
    if pending is not None and pending.product_id == product.id:  # "add it in 42" after "which size?"
        wanted = {**pending.chosen, **wanted}
        quantity = parse_quantity(ctx.message, default=pending.quantity)
    return _choose_or_ask(turn, product, wanted, quantity)


def _pick_line(turn: Turn, by_color: bool = False) -> tuple[int | None, str]:
    """The cart line a turn means, or a question. A turn that names something (a category, title
    words, or for a removal a colour) means the line it names, and hears so when none matches;
    otherwise one line is that line and "it" is the line touched last."""
    lines = turn.cart.lines
    if not lines:
        return None, turn.speak("cart.empty")
    u = turn.ctx.understanding
    words = [w for w in re.findall(r"[a-z]+", _COMMAND_WORDS.sub(" ", u.search_text.lower())) if len(w) > 2]
    color = u.reference.attribute[1].lower() if by_color and u.reference and u.reference.attribute else ""
    if u.constraints.categories or words or color:
        named = [i for i in range(len(lines)) if _names_line(turn, i, words, color)]
        if len(named) == 1:
            return named[0], ""
        if not named:
            what = " ".join(words) or color or u.constraints.categories[0].split(" > ")[-1].lower()
            return None, turn.speak(
                "cart.not_in_cart", item=what, options=_numbered(_line_names(turn, range(len(lines))))
            )
        return None, turn.speak("cart.which_line", options=_numbered(_line_names(turn, named)))
    if len(lines) == 1:
        return 0, ""
    if turn.cart.focus is not None and turn.cart.focus < len(lines) and _POINTER.search(turn.ctx.message):
        return turn.cart.focus, ""
    return None, turn.speak("cart.which_line", options=_numbered(_line_names(turn, range(len(lines)))))


def _names_line(turn: Turn, index: int, words: list[str], color: str) -> bool:
    product, variant = turn.product(index)
    if product is None:
        return False
    categories = turn.ctx.understanding.constraints.categories
    if categories and not category_in(product.category, categories):
        return False
    if words and not all(w in product.title.lower() for w in words):
        return False
    return not color or color in variant_label(variant).lower()


def _line_names(turn: Turn, indices: Iterable[int]) -> list[str]:
    return [line_name(*turn.product(i)) for i in indices]


def _set_quantity(turn: Turn) -> CartOutcome:
    index, question = _pick_line(turn)
    if index is None:
        return CartOutcome(question)
    quantity = parse_quantity(turn.ctx.message, default=0)
    if quantity < 1:
        return CartOutcome(turn.speak("cart.bad_quantity"), helped=False)
    if quantity > turn.cap:
        return CartOutcome(
            turn.speak(
                "cart.over_cap",
                cap=turn.cap,
                item=line_name(*turn.product(index)),
                have=turn.cart.lines[index].quantity,
            ),
            helped=False,
        )
    line = turn.cart.lines[index]
    line.quantity = quantity
    turn.cart.focus = index
    turn.changes.append(
        CartChange(action="update", product_id=line.product_id, variant_id=line.variant_id, quantity=quantity)
    )
    return CartOutcome(
        f"{turn.speak('cart.quantity_set', quantity=quantity, item=line_name(*turn.product(index)))}\n\n"
        f"{cart_text(turn.ctx.services, turn.cart, turn.speak)}"
    )


def _swap(turn: Turn) -> CartOutcome:
    """A size or colour change replaces the line (never a second line beside the old one)."""
    index, question = _pick_line(turn)
    if index is None:
        return CartOutcome(question)
    product, current = turn.product(index)
    if product is None:
        return CartOutcome(turn.speak("cart.gone", item=turn.cart.lines[index].product_id), helped=False)
    wanted = _wanted_options(turn)
    if not wanted:
        return CartOutcome(turn.speak("cart.swap_to_what", item=line_name(product, current)))
    keep = {k: str(v) for k, v in (current.attributes.items() if current else [])}
    choice = choose_variant(product, wanted, keep)
    if choice.question:
        return CartOutcome(choice.text(turn.speak), helped=choice.helped)
    old = turn.cart.lines.pop(index)
    turn.changes.append(CartChange(action="remove", product_id=old.product_id, variant_id=old.variant_id))
    outcome = add_line(turn, product, choice.variant, old.quantity)
    if turn.changes[-1].action == "remove":  # the new variant was refused: put the old line back
        turn.cart.lines.insert(index, old)
        turn.changes.pop()
        return outcome
    return CartOutcome(f"{turn.speak('cart.swapped', old=line_name(product, current))} {outcome.text}")


def _remove(turn: Turn) -> CartOutcome:
    if not turn.cart.lines:
        return CartOutcome(turn.speak("cart.empty"))
    if _EVERYTHING.search(turn.ctx.message):
        indices = list(range(len(turn.cart.lines)))
    else:
        index, question = _pick_line(turn, by_color=True)
        if index is None:
            return CartOutcome(question)
        indices = [index]
    names = [line_name(*turn.product(i)) for i in indices]
    for index in sorted(indices, reverse=True):
        line = turn.cart.lines.pop(index)
        turn.changes.append(
            CartChange(action="remove", product_id=line.product_id, variant_id=line.variant_id)
        )
    turn.cart.focus = None
    return CartOutcome(
        f"{turn.speak('cart.removed', item=' and '.join(names))}\n\n{cart_text(turn.ctx.services, turn.cart, turn.speak)}"
    )


def _view(turn: Turn) -> CartOutcome:
    return CartOutcome(cart_text(turn.ctx.services, turn.cart, turn.speak))


def _checkout(turn: Turn) -> CartOutcome:
    if not turn.cart.lines:
        return CartOutcome(turn.speak("cart.checkout_empty"), helped=False)
    problems = revalidate(turn.ctx.services, turn.cart, turn.changes, turn.speak)
    if not turn.cart.lines:
        return CartOutcome(" ".join([*problems, turn.speak("cart.checkout_empty")]), helped=False)
    body = cart_text(turn.ctx.services, turn.cart, turn.speak, checkout=True)
    return CartOutcome("\n\n".join([*problems, body]) if problems else body)


def _numbered(names: list[str]) -> str:
    return "; ".join(f"{i}. {name}" for i, name in enumerate(names, start=1))


__all__ = ["add_line", "card_add", "cart_skill", "cart_verb", "is_cart_turn"]
