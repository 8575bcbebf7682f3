"""Questions about one shown product, answered from its record and reviews; never guessed."""

from __future__ import annotations

import re

from assistant.compose.composer import Facts
from assistant.compose.replies import Say
from assistant.dialogue.skills.base import (
    SkillResult,
    TurnContext,
    item_from,
    product_of,
    resolve_referenced,
    variant_label,
    voice,
)
from assistant.ingest.documents import in_stock_variant_values
from assistant.records import Product, Variant
from assistant.retrieve.explain import UNITS, money

SENTENCE = re.compile(r"(?<=[.!?])\s+")


def which_one(ctx: TurnContext, intent: str, skill: str) -> SkillResult:
    shown, say = ctx.state.shown, voice(ctx)
    if not shown:
        body = say("product.which_first")
    else:
        options = "; ".join(f"{s.position + 1}. {s.title}" for s in shown)
        body = say("product.which_one", options=options)
    return SkillResult(intent, skill, body, helped=False, confidence=0.5)


def _value_text(key: str, value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:g}{UNITS.get(key, '')}" if isinstance(value, int | float) else str(value)


SIZE_ORDER = ["xxs", "xs", "s", "m", "l", "xl", "xxl", "xxxl"]


def _size_key(size: str) -> tuple[int, float, str]:
    low = size.lower()
    if low in SIZE_ORDER:
        return (0, SIZE_ORDER.index(low), low)
    try:
        return (1, float(low), low)
    except ValueError:
        return (2, 0.0, low)


def summarize(product: Product, variant: Variant | None, say: Say) -> str:
    """What a shopper sees when pointing at an item without a question: facts only."""
    price = money(product.variant_price(variant), product.currency)
    first = SENTENCE.split(product.description.strip())[0] if product.description.strip() else ""
    details = [f"{k.replace('_', ' ')}: {_value_text(k, v)}" for k, v in product.attributes.items()][:5]
    parts = [say("product.summary", title=product.title, brand=product.brand, price=price)]
    if variant is not None:
        parts.append(say("product.fits_you", variant=variant_label(variant)))
    if first:
        parts.append(first)
    if details:
        parts.append(say("product.details", details="; ".join(details)))
    if product.rating is not None and product.review_count:
        parts.append(say("product.rated", rating=f"{product.rating:.1f}", reviews=product.review_count))
    return " ".join(parts)


def answer_about(
    product: Product, variant: Variant | None, asked: str | None, message: str, say: Say
) -> tuple[str, bool]:
    """(answer, found in data)."""
    attrs = {**product.attributes, **(variant.attributes if variant else {})}
    title = product.title
    words = (asked or "").lower().replace(" ", "_")
    if words in ("price", "cost") or re.search(r"\b(how much|price|cost)\b", message.lower()):
        price = money(product.variant_price(variant), product.currency)
        return say("product.price", title=title, price=price), True
    if words in ("size", "sizes") or re.search(r"\bsizes?\b", message.lower()):
        sizes = sorted(in_stock_variant_values(product, "size"), key=_size_key)
        if sizes:
            return say("product.sizes", title=title, sizes=", ".join(sizes)), True
    if words in ("color", "colour", "colors", "colours") or re.search(r"\bcolou?rs?\b", message.lower()):
        colors = in_stock_variant_values(product, "color") or (
            [str(attrs["color"])] if "color" in attrs else []
        )
        if colors:
            return say("product.colors", title=title, colors=", ".join(colors)), True
    if re.search(r"\b(in stock|available|availability)\b", message.lower()):
        in_stock = variant.in_stock if variant else product.in_stock
        return say("product.in_stock" if in_stock else "product.out_of_stock", title=title), True
    if words in attrs:
        value = attrs[words]
        label = words.replace("_", " ")
        if isinstance(value, bool):
            key = "product.has_feature" if value else "product.lacks_feature"
            return say(key, title=title, feature=label), True
        return say("product.attribute", title=title, attribute=label, value=_value_text(words, value)), True
    for key, value in attrs.items():
        if words and (words in key or key.split("_")[0] == words.split("_")[0]):
            label = key.replace("_", " ")
            return say("product.attribute", title=title, attribute=label, value=_value_text(key, value)), True
    if asked is None:
        return summarize(product, variant, say), True
    needle = (asked or "").lower().replace("_", " ").strip()
    if needle:
        for sentence in SENTENCE.split(product.description):
            if needle in sentence.lower():
                return say("product.description_says", sentence=sentence.strip()), True
        for review in product.reviews:
            if needle in review.text.lower():
                return say("product.review_says", review=review.text.strip()), True
    return say("product.not_stated", title=title), False


def product_question(ctx: TurnContext) -> SkillResult:
    referenced = resolve_referenced(ctx)
    if len(referenced) != 1:
        if len(referenced) > 1:
            ctx.state.focus_product_id = None
        return which_one(ctx, "product_question", "product_question")
    product, variant = product_of(ctx, referenced[0])
    if product is None:
        return which_one(ctx, "product_question", "product_question")
    ctx.state.focus_product_id = product.id
    answer, found = answer_about(product, variant, ctx.understanding.asked_attribute, ctx.message, voice(ctx))
    item = item_from(product, variant)
    facts = Facts((answer,), frozenset({product.title.lower(), product.brand.lower()}))
    return SkillResult(
        "product_question",
        "product_question",
        answer,
        facts=facts,
        items=[item],
        helped=found,
        confidence=1.0 if found else 0.6,
    )
