"""How a cart turn reads, from its words and its understanding alone: which cart action it asks
for, which product options it names, and whether it answers the cart's open question.

When an add is ambiguous the cart skill asks ("Which size would you like…? In stock: 40, 41, 42")
and keeps a PendingCartQuestion on the state. The next turn answers it when it gives a value for
one of the product's varying options, read from the turn's Constraints (sizes, colours, attribute
values), from "the navy one", from "<option> <value>" ("size 99"), or as a bare value the catalog
offers for that product ("42"). The offered values come from the product's variants, so any shop's
options work without a word list. A turn that also searches anew (a category, a brand, a price, a
sort, a comparative), asks a question or points at another shown item is not an answer: it routes
as before and the question is dropped.
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.contracts import Understanding
from assistant.dialogue.state import PendingCartQuestion
from assistant.records import Product
from assistant.understand.words import QUESTION_WORD_RE

CartVerb = Literal["add", "quantity", "swap", "remove", "view", "checkout"]
_NUMBER = r"(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a couple|a pair)"
CART_WORDS = r"(?:cart|basket|bag)"
VERBS: list[tuple[CartVerb, re.Pattern[str]]] = [
    (
        "view",
        re.compile(
            rf"\bwhat'?s in (?:my|the) {CART_WORDS}|\b(?:show|view|see|open) (?:me )?(?:my|the) "
            rf"{CART_WORDS}\b|^\s*(?:my )?{CART_WORDS}\s*\??\s*$",
            re.I,
        ),
    ),
    (
        "checkout",
        re.compile(
            r"\bcheck ?out\s*(?:now|please)?\s*[.!]*\s*$|\b(?:go|proceed|take me) to "
            r"(?:the )?(?:checkout|payment)\b|^\s*checkout\b",
            re.I,
        ),
    ),
    (
        "remove",
        re.compile(rf"\b(?:remove|delete|take out|drop|get rid of)\b|\bempty (?:my|the) {CART_WORDS}", re.I),
    ),
    (
        "quantity",
        re.compile(
            rf"\bmake (?:it|that|them|those|this|the \w+(?: \w+)?) {_NUMBER}\b|"
            rf"\b(?:change|set) (?:the )?quantity\b",
            re.I,
        ),
    ),
    (
        "swap",
        re.compile(
            r"\b(?:swap|switch|change|exchange) (?:it|that|this|them|the \w+(?: \w+)?) ?"
            r"(?:for|to|with|into)\b",
            re.I,
        ),
    ),
    (
        "add",
        re.compile(
            rf"^\s*(?:please |ok(?:ay)?,? |yes,? |can you |could you )?add\b|\b(?:add|put) .*\b(?:to|in|into) "
            rf"(?:my|the) {CART_WORDS}\b|\bi'?ll (?:take|buy|get) (?:it|that|this|the|one|both)\b",
            re.I,
        ),
    ),
]
# A verb inside a condition is no request: "is it covered if I drop it?", "what if we remove the tag?".
_CONDITION_BEFORE = re.compile(
    r"\b(?:if|when|whenever|in case|once|after) (?:i|we|you|someone|they)(?: \w+ly)?\s*$", re.I
)
# Turns about an order the shop already has belong to the order skill ("exchange my order").
_ORDER_TALK = re.compile(r"\b(?:order|purchase|parcel|package|shipment|delivery)s?\b|#\s?\d{3,}", re.I)
_SAID_SIZE = re.compile(r"\bsize\s+([a-z0-9][a-z0-9./-]{0,9})\b", re.I)


def cart_verb(message: str) -> CartVerb | None:
    """Which cart action a turn asks for; None when it is not about the cart."""
    if _ORDER_TALK.search(message):
        return None
    for verb, pattern in VERBS:
        found = pattern.search(message)
        if found and not _CONDITION_BEFORE.search(message[: found.start()]):
            return verb
    return None


def is_cart_turn(intent: str, message: str) -> bool:
    """Routing test: a cart verb, and not a profile request ("remove my sizes")."""
    return intent != "profile" and cart_verb(message) is not None


def turn_options(u: Understanding, message: str) -> dict[str, str]:
    """The options a turn names: its sizes and colours, and "size 10" even when the catalog has no
    such size (so the shopper hears that it does not exist rather than a wrong size)."""
    wanted: dict[str, str] = {}
    said_size = _SAID_SIZE.search(message)
    if u.constraints.sizes:
        wanted["size"] = u.constraints.sizes[0]
    elif said_size:
        wanted["size"] = said_size.group(1).upper() if said_size.group(1).isalpha() else said_size.group(1)
    if u.constraints.colors:
        wanted["color"] = u.constraints.colors[0]
    elif u.reference is not None and u.reference.attribute and u.reference.attribute[0] == "color":
        wanted["color"] = u.reference.attribute[1]
    for key, value in u.constraints.attributes.items():
        if isinstance(value, str):
            wanted.setdefault(key, value)
    return wanted


def varying_options(product: Product) -> dict[str, list[str]]:
    """Each option the product's variants differ in, with every value the catalog has for it (sold
    out ones too, so an answer naming one hears that it is out of stock, not a search)."""
    keys = dict.fromkeys(k for v in product.variants for k in v.attributes)
    options = {
        key: list(dict.fromkeys(str(v.attributes[key]) for v in product.variants if key in v.attributes))
        for key in keys
    }
    return {key: values for key, values in options.items() if len(values) > 1}


def offered_only(product: Product, wanted: dict[str, str]) -> dict[str, str]:
    """The options in `wanted` that some variant of the product has: what a kept question may
    carry forward (a value the catalog refused is not remembered as chosen)."""
    return {
        key: value
        for key, value in wanted.items()
        if any(_same(v.attributes.get(key, ""), value) for v in product.variants)
    }


def answered_options(u: Understanding, message: str, pending: PendingCartQuestion) -> dict[str, str]:
    """The values this turn gives for the pending question's options; {} when it is no answer."""
    if QUESTION_WORD_RE.search(message) or _searches_anew(u, pending) or _points_elsewhere(u):
        return {}
    answered: dict[str, str] = {}
    for key, offered in pending.options.items():
        # The catalog's own spelling first: "navy blue" is the offered value, not the colour "blue".
        value = _offered_in(message, offered) or _named_with_key(message, key)
        if value:
            answered[key] = value
    said = turn_options(u, message)
    if u.reference is not None and u.reference.attribute is not None:
        said.setdefault(*u.reference.attribute)  # "the 7 ft one" for an option "length"
    for key, value in said.items():
        if key in pending.options:
            answered.setdefault(key, value)
    return answered


def _same(a: object, b: object) -> bool:
    return str(a).strip().lower() == str(b).strip().lower()


def _offered_in(message: str, offered: list[str]) -> str:
    """The longest offered value standing alone in the message ("42", not the 42 in "42.5" or
    "B1042"; "S" not the s of "what's")."""
    for value in sorted(offered, key=len, reverse=True):
        if value.strip() and re.search(
            rf"(?<![\w'.]){re.escape(value.strip())}(?![\w'])(?!\.\d)", message, re.I
        ):
            return value
    return ""


def _named_with_key(message: str, key: str) -> str:
    """ "<option> <value>" with the option's own name: "size 99", "length 7ft"."""
    said = re.search(rf"\b{re.escape(key.replace('_', ' '))}\s+([\w./-]{{1,12}})", message, re.I)
    return said.group(1) if said else ""


def _searches_anew(u: Understanding, pending: PendingCartQuestion) -> bool:
    """Filters beyond the asked options: the shopper moved on to another search."""
    c = u.constraints
    return bool(
        c.categories
        or c.brands
        or c.exclude_brands
        or c.exclude_colors
        or c.exclude_attributes
        # Not c.ranges: a numeric size reads as a measure too ("40 in navy" as 40 inches).
        or c.price_min is not None
        or c.price_max is not None
        or c.sort != "relevance"
        or u.comparative
        or u.order_id
        or any(key not in pending.options for key in c.attributes)
    )


def _points_elsewhere(u: Understanding) -> bool:
    """ "the second one in 42" points at a shown item again: not a bare answer."""
    ref = u.reference
    return ref is not None and (ref.ordinal is not None or bool(ref.indices) or ref.plural)
