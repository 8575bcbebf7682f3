"""Turn-level signals that do not depend on the catalog: ids, yes/no, resets, handoff, mood."""

from __future__ import annotations

import re
from typing import cast

from assistant.contracts import Comparative, OrderAction
from assistant.understand.order_ids import OrderIdFormat
from assistant.understand.words import (
    AROUND_BEFORE,
    ASSENT,
    COMPARATIVE_SIGNALS,
    MAX_BEFORE,
    MIN_BEFORE,
    ORDER_ACTION_SIGNALS,
    ORDER_WORDS,
    QUESTION_RE,
    SIGNALS,
    alternation,
)

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Letters+digits ids ("ORD-1042", "SO12345") are order ids wherever they appear, in a shop whose
# own order ids are unknown; a shop with orders recognises only its own shapes ("Z800" is a model).
ALNUM_ID_RE = re.compile(r"(?<![\w@.-])#?([A-Za-z]{1,5}-\d{2,}(?:-\d+)?|[A-Za-z]{1,5}\d{3,})\b")
DIGITS_RE = re.compile(r"(?<![\w$€£.,@-])#?(\d{4,20})(?![\w.,]\d)")
ORDER_CONTEXT_RE = re.compile(rf"\b(?:{alternation(ORDER_WORDS)})\b|#\s*$", re.I)
ZIP_CONTEXT_RE = re.compile(r"\b(?:zip|postcode|post code|postal code|zip code)\b", re.I)
ZIP_AFTER_CONTEXT_RE = re.compile(
    r"\b(?:zip|postcode|post code|postal code|zip code)\s*(?:code)?\s*(?:is|:|=)?\s*"
    r"(\d{5}(?:-\d{4})?|[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}|[A-Za-z0-9-]{3,10})\b",
    re.I,
)

YES_RE = SIGNALS["yes"]
NO_RE = SIGNALS["no"]
RESET_RE = SIGNALS["reset"]
# Profile talk ("forget my sizes") is never a reset of the search, though it says "forget".
PROFILE_RE = SIGNALS["profile"]
HANDOFF_RE = SIGNALS["handoff"]
FRUSTRATION_RE = SIGNALS["frustration"]
ORDER_ACTIONS: list[tuple[OrderAction, re.Pattern[str]]] = [
    (cast(OrderAction, name), pattern) for name, pattern in ORDER_ACTION_SIGNALS
]
COMPARATIVES: list[tuple[Comparative, re.Pattern[str]]] = [
    (cast(Comparative, name), pattern) for name, pattern in COMPARATIVE_SIGNALS
]


_DOESNT_MATTER = r"(?:doesn'?t|does not|don'?t) matter"
# "any colour", "whatever brand", "price doesn't matter": the shopper lifts a filter set before.
LIFTED_SLOTS: dict[str, re.Pattern[str]] = {
    "colors": re.compile(
        rf"\b(?:any|whatever|other|all|different) colou?rs?\b|\bcolou?rs? {_DOESNT_MATTER}", re.I
    ),
    "brands": re.compile(rf"\b(?:any|whatever|all) brands?\b|\bbrands? {_DOESNT_MATTER}", re.I),
    "sizes": re.compile(rf"\b(?:any|whatever|all) sizes?\b|\bsizes? {_DOESNT_MATTER}", re.I),
    "price": re.compile(rf"\b(?:any|whatever) (?:price|budget)\b|\b(?:price|budget) {_DOESNT_MATTER}", re.I),
}


def find_lifted_slots(text: str) -> list[str]:
    """The slots ("colors", "brands", "sizes", "price") a turn lifts."""
    return [slot for slot, pattern in LIFTED_SLOTS.items() if pattern.search(text)]


def find_email(text: str) -> str | None:
    match = EMAIL_RE.search(text)
    return match.group(0).lower().rstrip(".") if match else None


# A number right after a bound word ("over 1000", "between 20 and 30") is an amount, not an id.
_BOUND_WORDS = (*MAX_BEFORE, *MIN_BEFORE, *AROUND_BEFORE, "between", "to", "and")
PRICE_BEFORE_NUMBER = rf"(?:\b(?:{alternation(w for w in _BOUND_WORDS if w[0].isalpha())})|[$€£<>~≤≥])\s*$"


def knows_shapes(shop_ids: OrderIdFormat | None) -> bool:
    """Whether the shop's own order id shapes are known (it has orders)."""
    return shop_ids is not None and bool(shop_ids.shapes)


def has_lettered_id(text: str, shop_ids: OrderIdFormat | None = None) -> bool:
    """An order id holding letters: one of the shop's own shapes when those are known, else any
    letters+digits word ("ORD-1042")."""
    if knows_shapes(shop_ids):
        assert shop_ids is not None
        return shop_ids.find(text) is not None
    return ALNUM_ID_RE.search(text) is not None


def find_ids(
    text: str, shop_ids: OrderIdFormat | None = None
) -> tuple[str | None, str | None, list[tuple[int, int]]]:
    """(order id, zip code, spans consumed). A bare 4-5 digit number is an order id unless the
    text says zip/postcode or an order id was already given (then it is the zip that verifies it).
    `shop_ids`: the shop's own id shapes, read first, so "w 2611340" is one id, not a number; when
    the shop has any, a letters+digits word of another shape is no id of this shop."""
    spans: list[tuple[int, int]] = []
    without_email = EMAIL_RE.sub(lambda m: " " * len(m.group(0)), text)
    order_id: str | None = None
    zip_code: str | None = None
    zip_match = ZIP_AFTER_CONTEXT_RE.search(without_email)
    if zip_match:
        zip_code = zip_match.group(1).strip().upper()
        spans.append(zip_match.span(1))
    shop_match = shop_ids.find(without_email) if shop_ids is not None else None
    if shop_match and not (zip_match and zip_match.start(1) <= shop_match[1][0] < zip_match.end(1)):
        order_id = shop_match[0]
        spans.append(shop_match[1])
    for match in ALNUM_ID_RE.finditer(without_email) if not knows_shapes(shop_ids) else ():
        if any(s <= match.start(1) < e for s, e in spans):
            continue
        if zip_match and zip_match.start(1) <= match.start(1) < zip_match.end(1):
            continue
        if re.fullmatch(r"(?i)(?:size|sz|eu|us|uk|top)\d+", match.group(1)):
            continue  # "size42" is a size, not an order
        order_id = order_id or match.group(1).upper()
        spans.append(match.span())
    for match in DIGITS_RE.finditer(without_email):
        if any(s <= match.start() < e for s, e in spans):
            continue
        digits = match.group(1)
        before = without_email[max(0, match.start() - 30) : match.start()]
        after = without_email[match.end() : match.end() + 12].lower()
        if re.match(r"\s*(?:\$|€|£|usd|eur|dollars?|euros?|bucks|k\b|g\b|kg|ml|mah|mm)", after):
            continue  # an amount or a measure, not an id
        if re.search(PRICE_BEFORE_NUMBER, before.lower()) and not ORDER_CONTEXT_RE.search(before):
            continue  # "headphones over 1000", "under 2000": a budget, not an order
        order_like = len(digits) >= 6 or match.group(0).startswith("#") or ORDER_CONTEXT_RE.search(before)
        if order_like and order_id is None:
            order_id = digits
            spans.append(match.span())
            continue
        if zip_code is None and len(digits) == 5 and (ZIP_CONTEXT_RE.search(before) or order_id is not None):
            zip_code = digits
            spans.append(match.span())
        elif order_id is None and len(digits) in (4, 5):
            order_id = digits
            spans.append(match.span())
    return order_id, zip_code, spans


def find_confirmation(text: str, pending: bool) -> bool | None:
    """An explicit yes/no. Without a pending question only short replies count."""
    if not pending and len(text.split()) > 6:
        return None
    if NO_RE.search(text):
        return False
    match = YES_RE.search(text)
    if match and _only_assent(text[match.end() :]):
        return True
    return None


# Words that may follow a yes without making it conditional ("yes please go ahead and cancel it").
ASSENT_WORDS = ASSENT


def _only_assent(rest: str) -> bool:
    """A yes acts on an order only when nothing after it hedges, asks or asks for something else:
    "sure, but first show me shoes", "yes I mean no" and "ok, what happens if ...?" are not a yes."""
    if "?" in rest:
        return False
    words = re.findall(r"[a-z0-9']+", rest.lower())
    return all(w in ASSENT_WORDS or any(c.isdigit() for c in w) for w in words)  # order ids may follow


def find_reset(text: str) -> bool:
    return bool(RESET_RE.search(text)) and not PROFILE_RE.search(text)


def find_order_action(text: str) -> OrderAction | None:
    for action, pattern in ORDER_ACTIONS:
        if pattern.search(text):
            return action
    return None


def find_comparative(text: str) -> Comparative | None:
    for name, pattern in COMPARATIVES:
        if pattern.search(text):
            return name
    return None


# "what hours is customer service open?" asks about the team; "can I talk to customer service?"
# asks for it. A bare team name in a question is a topic unless a verb asks for contact.
_TEAM_NAME = re.compile(r"customer (?:service|support|care)", re.I)
_ASKS_FOR_CONTACT = re.compile(
    r"\b(?:talk|speak|chat|connect|contact|reach|call|get|need|want|put|transfer|pass|escalate)\b", re.I
)


def find_handoff(text: str) -> bool:
    matches = list(HANDOFF_RE.finditer(text))
    if not matches:
        return False
    only_team = all(_TEAM_NAME.fullmatch(m.group(0)) for m in matches)
    return not (only_team and QUESTION_RE.search(text) and not _ASKS_FOR_CONTACT.search(text))


def find_frustration(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    shouting = len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.7
    return shouting or bool(FRUSTRATION_RE.search(text))
