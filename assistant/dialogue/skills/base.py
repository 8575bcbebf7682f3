"""What every skill gets (the turn's context) and returns (facts, items and a template body)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from assistant.compose.composer import Composer, Facts
from assistant.compose.replies import Say
from assistant.config import Settings
from assistant.contracts import CartChange, Citation, Constraints, RecommendedItem, Understanding
from assistant.dialogue.state import DialogueState, ShownItem
from assistant.ingest.values import variant_label as display_variant_label
from assistant.records import Product, Variant
from assistant.retrieve.catalog import Catalog
from assistant.retrieve.explain import explain_match, money
from assistant.retrieve.products import Match, ProductRetriever
from assistant.retrieve.rank import Personalizer
from assistant.storage.sqlite import ShopDatabase
from assistant.storage.vectors import VectorStore
from assistant.understand.values import value_matches

Purpose = Literal["recommend", "compare", "faq", "order", "reviews"]


@dataclass
class Services:
    settings: Settings
    catalog: Catalog
    store: VectorStore
    retriever: ProductRetriever
    db: ShopDatabase
    composer: Composer
    embed_query: Callable[[str], np.ndarray]
    personalizer_for: Callable[[str | None], Personalizer | None] = lambda user_id: None


@dataclass
class TurnContext:
    message: str
    understanding: Understanding
    state: DialogueState
    services: Services


def voice(ctx: TurnContext) -> Say:
    """The shop's sentences (compose/replies.yaml) for this turn: say("key", value=...). Variants are
    picked by the message and the turn number, not the session id: a replayed conversation reads the
    same in any session, so a template fallback equals the template it falls back to."""
    return ctx.services.composer.replies.voice(f"{ctx.message}|{ctx.state.turn}")


@dataclass
class SkillResult:
    intent: str
    skill: str
    body: str  # the fact-bearing text, built from data
    lead: str = ""  # template lead-in sentence; the generator may replace it (checked)
    purpose: Purpose | None = None  # prompt used for a generated lead-in; None: no generation
    facts: Facts | None = None
    items: list[RecommendedItem] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    handoff: bool = False
    helped: bool = True  # False counts towards a handoff after repeated failure
    offered_person: bool = False  # the body already offers a person: the manager adds no second offer
    confidence: float = 1.0
    cart_changes: list[CartChange] = field(default_factory=list)  # what a cart turn changed


def variant_label(variant: Variant | None) -> str:
    # The display form (ingest/values.py): a flag as its name, a measure as the shop wrote it.
    return display_variant_label(variant)


def item_from(product: Product, variant: Variant | None, reasons: list[str] | None = None) -> RecommendedItem:
    """A card's worth of facts, all from the record: the variant's own price and stock."""
    return RecommendedItem(
        product_id=product.id,
        variant_id=variant.id if variant else None,
        title=product.title,
        price=product.variant_price(variant),
        currency=product.currency,
        url=product.url,
        image_url=product.image_url,
        category=product.category,
        brand=product.brand,
        in_stock=variant.in_stock if variant else product.in_stock,
        variant_label=variant_label(variant),
        reasons=reasons or [],
    )


def to_item(match: Match, constraints: Constraints, shown: Sequence[Match]) -> RecommendedItem:
    reasons = [r.text for r in explain_match(match, constraints, shown)]
    return item_from(match.product, match.variant, reasons)


def shown_record(items: Sequence[RecommendedItem], turn: int, catalog: Catalog) -> list[ShownItem]:
    record = []
    for position, item in enumerate(items):
        product = catalog.get(item.product_id)
        color = ""
        if product is not None:
            variant = next((v for v in product.variants if v.id == item.variant_id), None)
            attrs = {**product.attributes, **(variant.attributes if variant else {})}
            color = str(attrs.get("color", ""))
        record.append(
            ShownItem(
                turn=turn,
                position=position,
                product_id=item.product_id,
                variant_id=item.variant_id,
                title=item.title,
                price=item.price,
                brand=item.brand,
                color=color,
            )
        )
    return record


def item_line(index: int, item: RecommendedItem) -> str:
    variant = f" ({item.variant_label})" if item.variant_label else ""
    reasons = "; ".join(item.reasons)
    return f"{index}. {item.title}{variant} — {money(item.price, item.currency)}" + (
        f": {reasons}." if reasons else "."
    )


def item_facts(items: Sequence[RecommendedItem], extra: Sequence[str] = ()) -> Facts:
    lines = [
        f"- {it.title} by {it.brand}, {money(it.price, it.currency)}. {'; '.join(it.reasons)}" for it in items
    ]
    names = frozenset([it.title.lower() for it in items] + [it.brand.lower() for it in items if it.brand])
    return Facts(tuple(lines) + tuple(extra), names)


def _shown_value_is(ctx: TurnContext, shown: ShownItem, key: str, value: str) -> bool:
    """Whether a shown item (its variant first) has `value` under `key`, compared the way the
    understanding links values: folded text or the same amount in the key's unit."""
    product, variant = product_of(ctx, shown)
    if product is None:
        return False
    have = variant.attributes.get(key) if variant is not None else None
    have = product.attributes.get(key) if have is None else have
    return have is not None and value_matches(key, have, value)


def resolve_referenced(ctx: TurnContext, default_all: bool = False) -> list[ShownItem]:
    """The shown items a turn refers to; [] when the reference is ambiguous or absent."""
    state, ref = ctx.state, ctx.understanding.reference
    shown = state.shown
    if ref is not None:
        if ref.indices:
            picked = [shown[i] for i in ref.indices if -len(shown) <= i < len(shown)]
            if picked:
                return picked
        if ref.ordinal is not None and shown and -len(shown) <= ref.ordinal < len(shown):
            return [shown[ref.ordinal]]
        if ref.attribute is not None:
            key, value = ref.attribute
            value = value.lower()
            found = [
                s
                for s in shown
                if (key == "color" and s.color.lower() == value)
                or value in s.title.lower()
                or _shown_value_is(ctx, s, key, value)  # "the 7 ft one": the item's own value
            ]
            if found:
                return found
            return []
        if ref.plural and shown:
            return list(shown)
    if state.focus_product_id:
        focus = [s for s in shown if s.product_id == state.focus_product_id]
        if focus:
            return focus
    if default_all:
        return list(shown)
    if len(shown) == 1:
        return list(shown)
    return []


def product_of(ctx: TurnContext, shown: ShownItem) -> tuple[Product | None, Variant | None]:
    product = ctx.services.catalog.get(shown.product_id)
    if product is None:
        return None, None
    variant = next((v for v in product.variants if v.id == shown.variant_id), None)
    return product, variant
