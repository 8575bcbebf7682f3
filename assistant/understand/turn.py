"""Turn-level signals that do not depend on the catalog: ids, yes/no, resets, handoff, mood."""

from __future__ import annotations

import re

from assistant.contracts import Comparative, OrderAction
from assistant.understand.order_ids import OrderIdFormat

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Letters+digits ids ("ORD-1042", "SO12345") are order ids wherever they appear.
ALNUM_ID_RE = re.compile(r"(?<![\w@.-])#?([A-Za-z]{1,5}-\d{2,}(?:-\d+)?|[A-Za-z]{1,5}\d{3,})\b")
DIGITS_RE = re.compile(r"(?<![\w$€£.,@-])#?(\d{4,20})(?![\w.,]\d)")
ORDER_CONTEXT_RE = re.compile(r"\b(?:order|purchase|ord|parcel|package|shipment|tracking)\b|#\s*$", re.I)
ZIP_CONTEXT_RE = re.compile(r"\b(?:zip|postcode|post code|postal code|zip code)\b", re.I)
ZIP_AFTER_CONTEXT_RE = re.compile(
    r"\b(?:zip|postcode|post code|postal code|zip code)\s*(?:code)?\s*(?:is|:|=)?\s*"
    r"(\d{5}(?:-\d{4})?|[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}|[A-Za-z0-9-]{3,10})\b",
    re.I,
)

YES_RE = re.compile(
    r"^\s*(?:yes|yeah|yea|yep|yup|ya|sure|ok(?:ay)?|k|please do|go ahead|do it|confirm(?:ed)?|correct|"
    r"that'?s right|absolutely|definitely|of course|sounds good|y|please|i do|i confirm|proceed)\b",
    re.I,
)
NO_RE = re.compile(
    r"^\s*(?:no|nope|nah|n|not now|never ?mind|cancel that|stop)\b(?=\s*(?:[,.!]|$|thanks|thank|keep|"
    r"don'?t|do not|not|i\b|leave|stop|never|that'?s|it'?s|please))"
    r"|\b(?:keep it|leave it|don'?t (?:cancel|do|return|change) (?:it|that|anything)|"
    r"do not (?:cancel|proceed))\b",
    re.I,
)
RESET_RE = re.compile(
    r"\b(?:start (?:over|again|afresh|from scratch)|begin again|restart|new search|fresh start|"
    r"something (?:else|different) entirely|something completely different|"
    r"forget (?:that|it|all that|everything)|scratch that|"
    r"clear (?:everything|all|the filters|filters|my search)|"
    r"let'?s start fresh|reset(?: the search)?)\b",
    re.I,
)
PROFILE_HINT_RE = re.compile(
    r"\b(?:about me|my (?:sizes?|data|preferences?|profile|info(?:rmation)?|history|details|colou?rs?)|"
    r"remember (?:that |my |i )|what do you know)\b",
    re.I,
)
HANDOFF_RE = re.compile(
    r"\b(?:human(?! hair)|real person|live (?:agent|person|chat)|agent|representative|operator|someone real|"
    r"(?:speak|talk|chat) (?:to|with) (?:someone|somebody|a person|a human|staff|support|a rep)|"
    r"customer (?:service|support|care)|manager|supervisor|call me back|put me through|transfer me)\b",
    re.I,
)
FRUSTRATION_RE = re.compile(
    r"\b(?:useless|stupid|dumb|ridiculous|terrible|awful|worst|waste of (?:my )?time|not helpful|unhelpful|"
    r"wtf|what the hell|annoying|frustrat\w*|angry|fed up|you (?:don'?t|do not) (?:understand|get it)|"
    r"i (?:already|just) (?:told|said)|are you even|for god'?s sake|makes no sense|pathetic)\b|!!+|\?\?\?+",
    re.I,
)
ORDER_ACTIONS: list[tuple[OrderAction, re.Pattern[str]]] = [
    ("cancel", re.compile(r"\bcancel\w*\b", re.I)),
    ("exchange", re.compile(r"\b(?:exchang\w*|swap\w*|replace(?:ment)?|different size|other size)\b", re.I)),
    (
        "return",
        re.compile(r"\b(?:return\w*|send (?:it |them )?back|refund\w*|money back|reimburs\w*)\b", re.I),
    ),
]
COMPARATIVES: list[tuple[Comparative, re.Pattern[str]]] = [
    ("better_rated", re.compile(r"\b(?:better|higher)[ -](?:rated|reviewed|reviews|ratings?)\b", re.I)),
    (
        "cheaper",
        re.compile(
            r"\b(?:cheaper|less expensive|lower[ -]priced|lower price|more affordable|"
            r"too (?:expensive|pricey|much))\b",
            re.I,
        ),
    ),
    (
        "pricier",
        re.compile(
            r"\b(?:pricier|more expensive|higher[ -]end|fancier|more premium|nicer quality|better quality)\b",
            re.I,
        ),
    ),
    (
        "other_brand",
        re.compile(r"\b(?:other|different|another|else'?s?)\s+brands?\b|\bnot this brand\b", re.I),
    ),
    ("bigger", re.compile(r"\b(?:bigger|larger|roomier|more (?:room|space|capacity)|too small)\b", re.I)),
    ("smaller", re.compile(r"\b(?:smaller|more compact|tinier|too (?:big|large|bulky))\b", re.I)),
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


PRICE_BEFORE_NUMBER = (
    r"(?:\b(?:under|below|over|above|less than|more than|at least|at most|up to|around|about|between|"
    r"budget(?: of| is)?|spend|max(?:imum)?|min(?:imum)?|from|to|and)|[$€£<>~])\s*$"
)


def find_ids(
    text: str, shop_ids: OrderIdFormat | None = None
) -> tuple[str | None, str | None, list[tuple[int, int]]]:
    """(order id, zip code, spans consumed). A bare 4-5 digit number is an order id unless the
    text says zip/postcode or an order id was already given (then it is the zip that verifies it).
    `shop_ids`: the shop's own id shapes, read first, so "w 2611340" is one id, not a number."""
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
    for match in ALNUM_ID_RE.finditer(without_email):
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
ASSENT_WORDS = frozenset(
    re.findall(r"[a-z']+", "please go ahead do it that this cancel return exchange the order my thanks thank")
    + re.findall(r"[a-z']+", "you yes yeah yep sure ok okay confirm confirmed proceed i am absolutely fine")
    + re.findall(r"[a-z']+", "definitely right correct great perfect sounds good that's it's one")
)


def _only_assent(rest: str) -> bool:
    """A yes acts on an order only when nothing after it hedges, asks or asks for something else:
    "sure, but first show me shoes", "yes I mean no" and "ok, what happens if ...?" are not a yes."""
    if "?" in rest:
        return False
    words = re.findall(r"[a-z0-9']+", rest.lower())
    return all(w in ASSENT_WORDS or any(c.isdigit() for c in w) for w in words)  # order ids may follow


def find_reset(text: str) -> bool:
    return bool(RESET_RE.search(text)) and not PROFILE_HINT_RE.search(text)


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


def find_handoff(text: str) -> bool:
    return bool(HANDOFF_RE.search(text))


def find_frustration(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    shouting = len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.7
    return shouting or bool(FRUSTRATION_RE.search(text))
