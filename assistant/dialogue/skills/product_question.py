"""Questions about one shown product, answered from its record and reviews; never guessed."""

from __future__ import annotations

import re
from collections.abc import Mapping

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
from assistant.ingest.values import label_of, value_text
from assistant.records import Product, Variant
from assistant.retrieve.attribute_questions import item_value, match_asked_key
from assistant.retrieve.explain import money

SENTENCE = re.compile(r"(?<=[.!?])\s+")


def which_one(ctx: TurnContext, intent: str, skill: str) -> SkillResult:
    shown, say = ctx.state.shown, voice(ctx)
    if not shown:
        body = say("product.which_first")
    else:
        options = "; ".join(f"{s.position + 1}. {s.title}" for s in shown)
        body = say("product.which_one", options=options)
    return SkillResult(intent, skill, body, helped=False, confidence=0.5)


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
    details = [
        f"{label_of(k, product.attribute_labels)}: {value_text(k, v, product.attribute_texts)}"
        for k, v in product.attributes.items()
    ][:5]
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


def _offered(product: Product, key: str) -> list[str]:
    """What the product comes in (in-stock variants' values as the shop wrote them), else its own."""
    found = item_value(product, None, key)
    if found is None:
        return []
    return list(found.options) or [found.shown]


def answer_about(
    product: Product,
    variant: Variant | None,
    asked: str | None,
    message: str,
    say: Say,
    keys: Mapping[str, str] | None = None,
) -> tuple[str, bool]:
    """(answer, found in data). The asked words are matched to the shop's own attribute keys
    (`keys`: key -> label) before price or stock, so "how much storage" is not a price question;
    a key the shop has but this item lacks is "not listed", never another fact."""
    title = product.title
    lowered = message.lower()
    shop = dict(keys or {})
    held = frozenset([*product.attributes, *(variant.attributes if variant else {})])
    held |= {k for v in product.variants for k in v.attributes}
    key = match_asked_key(message, shop, held) if shop else None
    if key is None and asked is not None:
        hint = asked.lower().replace(" ", "_")
        key = hint if hint in shop or hint in held else None
    if key == "size" or (key is None and re.search(r"\bsizes?\b", lowered)):
        sizes = sorted(_offered(product, "size"), key=_size_key)
        if sizes:
            return say("product.sizes", title=title, sizes=", ".join(sizes)), True
    if key == "color" or (key is None and re.search(r"\bcolou?rs?\b", lowered)):
        colors = _offered(product, "color")
        if colors:
            return say("product.colors", title=title, colors=", ".join(colors)), True
    if key is not None and key not in ("size", "color"):
        value = item_value(product, variant, key)
        if value is None:
            return say("product.not_listed", title=title, attribute=shop.get(key, key)), False
        if isinstance(value.value, bool):
            flag = "product.has_feature" if value.value else "product.lacks_feature"
            return say(flag, title=title, feature=value.label), True
        return say("product.attribute", title=title, attribute=value.label, value=value.shown), True
    if (asked or "") in ("price", "cost") or re.search(r"\b(how much|price|cost)\b", lowered):
        price = money(product.variant_price(variant), product.currency)
        return say("product.price", title=title, price=price), True
    if re.search(r"\b(in stock|available|availability)\b", lowered):
        in_stock = variant.in_stock if variant else product.in_stock
        return say("product.in_stock" if in_stock else "product.out_of_stock", title=title), True
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
    answer, found = answer_about(
        product,
        variant,
        ctx.understanding.asked_attribute,
        ctx.message,
        voice(ctx),
        ctx.services.catalog.attribute_keys,
    )
    item = item_from(product, variant)
    facts = Facts((answer,), frozenset({product.title.lower(), product.brand.lower()}))
    # Of the product answers, only the "not stated" one offers a person (its replies.yaml key).
    offers = not found and answer == voice(ctx)("product.not_stated", title=product.title)
    return SkillResult(
        "product_question",
        "product_question",
        answer,
        facts=facts,
        items=[item],
        helped=found,
        offered_person=offers,
        confidence=1.0 if found else 0.6,
    )
