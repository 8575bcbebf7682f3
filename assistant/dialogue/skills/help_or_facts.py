"""The faq skill as routed: the help pages first, then the named products' own facts.

"How long does the <maker> bed take to ship?" may be answered by no help page while the shop's
products carry the fact themselves (a per-product shipping, warranty or return text). When the help
pages do not answer, the turn names products (a maker or a kind) and asks a key the shop's products
carry, the named products are shown with the best match's own value first. Otherwise the FAQ's "I
don't know" stands. Other callers of `answer_faq` (the search and order skills) keep the help pages
alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.dialogue.skills.base import SkillResult, TurnContext, voice
from assistant.dialogue.skills.faq import answer_faq
from assistant.dialogue.skills.search import search_products
from assistant.retrieve.attribute_questions import item_value, match_asked_key
from assistant.understand.vocabulary import singular


def _without_named_words(message: str, names: list[str]) -> str:
    """The question less the words that named the products: "what's your phone number?" names phone
    cases, and the key "fits phone" is their kind, not an asked fact."""
    named = {w for name in names for w in re.findall(r"[a-z0-9]+", name.lower())}
    named |= {singular(w) for w in named}
    words = re.findall(r"[\w']+", message.lower())
    return " ".join(w for w in words if w not in named and singular(w) not in named)


def products_own_fact(ctx: TurnContext) -> SkillResult | None:
    """The named products with the asked fact; None when the turn names no products or asks no key
    of the shop's, or the search finds nothing."""
    c = ctx.understanding.constraints
    if not (c.brands or c.categories):
        return None
    catalog = ctx.services.catalog
    asked = _without_named_words(ctx.message, [*c.categories, *c.brands])
    key = match_asked_key(asked, catalog.attribute_keys) if catalog.attribute_keys else None
    if key is None:
        return None
    found = search_products(ctx)
    if not found.items:
        return None
    first = catalog.get(found.items[0].product_id)
    value = item_value(first, None, key) if first is not None else None
    if first is not None and value is not None:  # the best match's own fact first, then the list
        line = voice(ctx)("product.attribute", title=first.title, attribute=value.label, value=value.shown)
        found.body = f"{line}\n\n{found.body}"
        if found.facts is not None:
            found.facts = replace(found.facts, lines=(line, *found.facts.lines))
    return found


def answer_help(ctx: TurnContext) -> SkillResult:
    answer = answer_faq(ctx)
    if answer.helped:
        return answer
    return products_own_fact(ctx) or answer
