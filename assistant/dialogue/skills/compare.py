"""Side-by-side comparison of shown items, with a pick tied to what the shopper said they need."""

from __future__ import annotations

import re

from assistant.dialogue.skills.base import (
    SkillResult,
    TurnContext,
    item_facts,
    item_from,
    product_of,
    resolve_referenced,
    voice,
)
from assistant.dialogue.skills.product_question import which_one
from assistant.ingest.values import key_unit, label_of, value_text
from assistant.records import Product, Variant
from assistant.retrieve.explain import LESS_IS_BETTER, MORE_IS_BETTER, money
from assistant.retrieve.rank import bayesian_rating

MAX_COMPARED = 4


def _cell(product: Product, key: str) -> str:
    """The product's value for `key` as the shop wrote it ("1.34 kg", "yes"), "—" when absent."""
    value = product.attributes.get(key)
    if value is None:
        return "—"
    return value_text(key, value, product.attribute_texts)


# General words for what a measure's dimension (the unit its key carries) is good for.
NEED_WORDS: dict[str, tuple[str, ...]] = {
    "g": ("light", "weight", "carry", "heavy"),
    "ml": ("capacity", "space", "big", "roomy"),
    "hours": ("last", "lasting", "long"),
}


def compare_table(rows: list[tuple[Product, Variant | None]]) -> str:
    headers = ["", *(p.title for p, _ in rows)]
    lines = [
        ["price", *(money(p.variant_price(v), p.currency) for p, v in rows)],
        ["rating", *(f"{p.rating:.1f} ({p.review_count})" if p.rating else "—" for p, _ in rows)],
        ["brand", *(p.brand for p, _ in rows)],
    ]
    keys: list[str] = []
    for p, _ in rows:
        keys.extend(k for k in p.attributes if k not in keys)
    for key in keys:
        values = [p.attributes.get(key) for p, _ in rows]
        if len({str(v) for v in values}) > 1:  # only what differs helps a choice
            label = next(label_of(key, p.attribute_labels) for p, _ in rows if key in p.attributes)
            lines.append([label, *(_cell(p, key) for p, _ in rows)])
    table = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    table.extend("| " + " | ".join(row) + " |" for row in lines)
    return "\n".join(table)


def recommend_one(ctx: TurnContext, rows: list[tuple[Product, Variant | None]]) -> str:
    c, say = ctx.state.get_constraints(), voice(ctx)
    wishes = " ".join(c.wishes).lower() + " " + ctx.message.lower()
    said = set(re.findall(r"[a-z]+", wishes))
    keys = list(dict.fromkeys(k for p, _ in rows for k in p.attributes))
    for key in keys:
        unit = key_unit(key)
        if unit not in LESS_IS_BETTER and unit not in MORE_IS_BETTER:
            continue  # no general "better" direction (length, temperature...)
        label = next(label_of(key, p.attribute_labels) for p, _ in rows if key in p.attributes)
        words = {*re.findall(r"[a-z]+", label.lower()), *NEED_WORDS.get(unit, ())}
        values = [(p.attributes.get(key), p) for p, _ in rows]
        numeric = [(v, p) for v, p in values if isinstance(v, int | float) and not isinstance(v, bool)]
        if words & said and len(numeric) >= 2:
            pick = min if unit in LESS_IS_BETTER else max
            best = pick(numeric, key=lambda t: t[0])
            need, value = label, _cell(best[1], key)
            return say("compare.pick_for_need", need=need, title=best[1].title, value=value)
    if c.price_max is not None or "cheap" in wishes or "budget" in wishes:
        p, v = min(rows, key=lambda r: r[0].variant_price(r[1]))
        return say("compare.pick_for_budget", title=p.title, price=money(p.variant_price(v), p.currency))
    p, _ = max(rows, key=lambda r: bayesian_rating(r[0].rating, r[0].review_count))
    if p.rating:
        rating = f"{p.rating:.1f}"
        return say("compare.pick_by_rating", title=p.title, rating=rating, reviews=p.review_count)
    return say("compare.close_call")


def compare(ctx: TurnContext) -> SkillResult:
    referenced = resolve_referenced(ctx, default_all=True)[:MAX_COMPARED]
    if len(referenced) < 2:
        return which_one(ctx, "compare", "compare")
    rows = [product_of(ctx, s) for s in referenced]
    pairs = [(p, v) for p, v in rows if p is not None]
    items = [item_from(p, v) for p, v in pairs]
    table = compare_table(pairs)
    verdict = recommend_one(ctx, pairs)
    facts = item_facts(items, [table, verdict])
    return SkillResult(
        "compare",
        "compare",
        f"{table}\n\n{verdict}",
        lead=voice(ctx)("compare.lead"),
        purpose="compare",
        facts=facts,
        items=items,
    )
