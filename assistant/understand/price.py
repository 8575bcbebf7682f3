"""Price phrases, sort words and result counts, read off a working copy of the turn.

The working copy is the lower-cased turn; every phrase consumed here is blanked out (same
length, so offsets stay valid) so later stages and the search text do not see it again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.contracts import Sort
from assistant.understand.values import PLAIN_UNIT_PATTERN
from assistant.understand.words import (
    AROUND_BEFORE,
    MAX_AFTER,
    MAX_BEFORE,
    MIN_AFTER,
    MIN_BEFORE,
    NUMBER_SCALES,
    NUMBER_TENS,
    NUMBER_UNITS,
    NUMBER_WORDS,
    alternation,
)


class Work:
    """The lower-cased turn with consumed phrases blanked out."""

    def __init__(self, text: str) -> None:
        self.text = text

    def consume(self, start: int, end: int) -> None:
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]


CURRENCY_WORDS: dict[str, str] = {
    "$": "USD",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "bucks": "USD",
    "buck": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "quid": "GBP",
}
_PRE = r"(?:[$€£]\s?|(?:usd|eur|gbp)\s)"
_POST = r"\s?(?:[$€£]|usd\b|eur\b|euros?\b|dollars?\b|bucks?\b|pounds?\b|gbp\b|quid\b)"
# A number followed by a unit is a measure ("under 2 kg", "30 l", "20 hours"), not a price; the
# units are the one unit table's, plus the counts a shopper attaches to a number.
# A symbol unit ends at any non-letter: "15% off" is a share, not a price of 15.
_UNIT = rf"(?!\s?(?:{PLAIN_UNIT_PATTERN}|x|yo|players?|stars?|degrees?|°|people|person)(?![a-z0-9]))"


def money(name: str) -> str:
    return (
        rf"(?P<{name}pre>{_PRE})?(?P<{name}num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d{{1,2}})?|\d+(?:[.,]\d{{1,2}})?)"
        # A number runs to its end: "1000 g" is never a price of 100 followed by "0 g".
        rf"(?![\d]|,\d)(?P<{name}k>\s?k\b)?"
        rf"(?P<{name}post>{_POST})?{_UNIT}"
    )


# A bound word negated by a word before it is the other bound ("not under $50" is a minimum); the
# negated phrases that are themselves bound words ("not over", "nothing above") are in the lists.
_NOT_NEGATED = r"(?<!\bnot )(?<!\bno )(?<!\bnothing )"
_MAX = rf"{_NOT_NEGATED}(?:\b(?:{alternation(w for w in MAX_BEFORE if w[0].isalpha())})|[<≤])"
_MIN = rf"{_NOT_NEGATED}(?:\b(?:{alternation(w for w in MIN_BEFORE if w[0].isalpha())})|[>≥])"
_AROUND = rf"(?:\b(?:{alternation(w for w in AROUND_BEFORE if w[0].isalpha())}|ish)|~)"
_MAX_AFTER = rf"(?:{alternation(MAX_AFTER)})"
_MIN_AFTER = rf"(?:{alternation(w for w in MIN_AFTER if w != '+')})"
PRICE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("range", re.compile(rf"\bbetween\s+{money('a')}\s*(?:and|to|-|–)\s*{money('b')}")),
    ("range", re.compile(rf"(?:\bfrom\s+)?{money('a')}\s*(?:to|-|–|—)\s*{money('b')}")),
    ("max", re.compile(rf"{_MAX}\s*:?\s*{money('a')}")),
    ("max", re.compile(rf"{money('a')}\s+{_MAX_AFTER}\b")),
    ("min", re.compile(rf"{_MIN}\s*:?\s*{money('a')}")),
    ("min", re.compile(rf"{money('a')}\s*(?:\+|\s{_MIN_AFTER}\b)")),
    ("around", re.compile(rf"{_AROUND}\s*{money('a')}")),
    ("max", re.compile(rf"\bfor\s+{money('a')}")),
    ("bare", re.compile(rf"{money('a')}")),
]
# "the same budget", "keep my spend": the cap already set stays; nothing new is read here.
SAME_BUDGET_RE = re.compile(
    r"\b(?:same|that|this|my|our|the previous|previous|the old|similar|unchanged)\s+"
    r"(?:spend(?:ing)?|budget|price(?: range| point| limit| cap)?|max(?:imum)?|limit|cap)\b"
)
CHEAP_RE = re.compile(
    r"\b(?:cheap|budget|affordable|inexpensive|low[- ]cost|bargain|economical|not (?:too |very |that |so )?"
    r"(?:expensive|pricey))\b"
)
PREMIUM_RE = re.compile(
    r"\b(?:premium|high[- ]end|luxury|luxurious|top[- ]of[- ]the[- ]line|top[- ]end|fancy|upscale|"
    r"expensive|pricey)\b"
)
SORTS: list[tuple[Sort, re.Pattern[str]]] = [
    (
        "price_asc",
        re.compile(
            r"\b(?:cheapest|least expensive|lowest[- ]price[d]?|lowest cost|price low to high|low to high|"
            r"sort(?:ed)? by price)\b"
        ),
    ),
    (
        "price_desc",
        re.compile(
            r"\b(?:most expensive|priciest|highest[- ]price[d]?|dearest|price high to low|high to low)\b"
        ),
    ),
    (
        "rating",
        re.compile(
            r"\b(?:(?:best|top|highest)[- ](?:rated|reviewed)|highest rating|best reviews|most popular|"
            r"best[- ]sell(?:ing|ers?)|sort(?:ed)? by rating)\b"
        ),
    ),
]
_COUNT = (
    rf"(\d{{1,2}}|{alternation(w for w in NUMBER_WORDS if w not in ('a pair', 'a pair of', 'couple of'))})"
)
LIMIT_PATTERNS = [
    re.compile(
        rf"\b(?:show|give|find|list|recommend|suggest|get|pick|send)(?: me| us)?(?: the)?"
        rf"(?: top| best)? {_COUNT}\b(?! (?:size|year|day|hour|liter|litre)s?\b)(?!\s?[$€£])"
    ),
    re.compile(rf"\btop {_COUNT}\b"),
    re.compile(
        rf"\b{_COUNT} (?:options|choices|items|products|ideas|picks|suggestions|alternatives|"
        rf"recommendations|of them|results|pairs)\b"
    ),
    re.compile(r"\b(a few|a couple)\b"),
]
_LIMIT_ONE_RE = re.compile(
    r"\b(?:the single|just the|only the) (?:cheapest|least expensive|lowest[- ]priced|most expensive|"
    r"priciest|dearest|best[- ]rated|top[- ]rated|highest[- ]rated)\b(?! (?:ones|options|few|two|three)\b)"
)


@dataclass(frozen=True)
class PriceReading:
    price_min: float | None = None  # inclusive lower bound
    price_max: float | None = None  # inclusive upper bound
    currencies: list[str] = field(default_factory=list)  # currency codes the shopper wrote
    phrases: list[str] = field(default_factory=list)  # the phrases read, for notes


def _amount(match: re.Match[str], name: str) -> tuple[float, str | None]:
    typed = match.group(f"{name}num")
    thousands = re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", typed)
    value = float(typed.replace(",", "") if thousands else typed.replace(",", "."))
    if match.group(f"{name}k"):
        value *= 1000
    cur = (match.group(f"{name}pre") or match.group(f"{name}post") or "").strip().lower()
    return value, CURRENCY_WORDS.get(cur)


def _preceded_by_size(text: str, start: int) -> bool:
    return bool(re.search(r"\b(?:size|sizes|sz|eu|uk|us|in a|in an)\s*$", text[max(0, start - 10) : start]))


_NUMBER_WORD = "|".join([*NUMBER_TENS, *reversed(NUMBER_UNITS), *NUMBER_SCALES, "a"])
# Number words count as an amount after a bound word ("under twenty five"), or before a currency.
_AFTER_PRICE_WORD = "|".join(
    rf"(?<=\b{re.escape(w)} )"
    for w in sorted(
        {p for p in (*MAX_BEFORE, *MIN_BEFORE, *AROUND_BEFORE) if p[0].isalpha()} | {"between", "for"}
    )
)
_NUMBER_WORDS_RE = re.compile(
    rf"\b(?:{_NUMBER_WORD})(?:(?:[\s-]+|(?:(?<=hundred)|(?<=thousand))\s+and\s+)(?:{_NUMBER_WORD}))*\b(?=\s*(?:dollars?|bucks?|euros?|pounds?|quid)\b)"
    rf"|(?:{_AFTER_PRICE_WORD})(?:{_NUMBER_WORD})(?:(?:[\s-]+|(?:(?<=hundred)|(?<=thousand))\s+and\s+)(?:{_NUMBER_WORD}))*\b"
)


def _number_value(words: list[str]) -> int | None:
    total, current = 0, 0
    for word in words:
        if word in NUMBER_UNITS:
            current += NUMBER_UNITS.index(word)
        elif word in NUMBER_TENS:
            current += 20 + 10 * NUMBER_TENS.index(word)
        elif word in NUMBER_SCALES and NUMBER_SCALES[word] < 1000:
            current = max(current, 1) * NUMBER_SCALES[word]
        elif word in NUMBER_SCALES:
            total += max(current, 1) * NUMBER_SCALES[word]
            current = 0
        elif word == "a":
            current += 1 if current == 0 else 0
        elif word != "and":
            return None
    value = total + current
    return value if value > 0 else None


def spell_digits(text: str) -> str:
    """ "under twenty five dollars" -> "under          25 dollars": number words next to a price
    word or a currency become digits, right-aligned in the same span so offsets stay valid."""

    def digits(match: re.Match[str]) -> str:
        phrase = match.group(0)
        words = re.split(r"[\s-]+", phrase.strip())
        if words[0] == "a" and len(words) == 1:
            return phrase
        value = _number_value(words)
        return phrase if value is None else str(value).rjust(len(phrase))

    return _NUMBER_WORDS_RE.sub(digits, text)


def read_price(work: Work) -> PriceReading:
    """Explicit price phrases. A bare number with no currency and no price word is not a price."""
    low: float | None = None
    high: float | None = None
    currencies: list[str] = []
    phrases: list[str] = []
    for same in list(SAME_BUDGET_RE.finditer(work.text)):
        work.consume(*same.span())
    for kind, pattern in PRICE_PATTERNS:
        for match in list(pattern.finditer(spell_digits(work.text))):
            if _preceded_by_size(work.text, match.start()) or not match.group(0).strip():
                continue
            a, cur_a = _amount(match, "a")
            if kind == "range":
                b, cur_b = _amount(match, "b")
                if not (cur_a or cur_b) and max(a, b) < 5:
                    continue  # "1 to 3" is a count or a pair of positions, not a price range
                lo, hi = sorted((a, b))
                low, high = lo, hi
                currencies += [c for c in (cur_a, cur_b) if c]
            elif kind == "bare":
                if cur_a is None:
                    continue
                low, high = round(a * 0.8, 2), round(a * 1.2, 2)
                currencies.append(cur_a)
            else:
                if cur_a is None and a < 5:
                    continue  # "at least 2", "for 3": a count, not a price
                if cur_a:
                    currencies.append(cur_a)
                if kind == "max":
                    high = a
                elif kind == "min":
                    low = a
                else:
                    low, high = round(a * 0.8, 2), round(a * 1.2, 2)
            phrases.append(match.group(0).strip())
            work.consume(*match.span())
    return PriceReading(low, high, currencies, phrases)


def read_cheap_word(work: Work) -> bool:
    """ "budget socks", "affordable backpack": the cheapest first, consumed. No price cap: in a
    category of six a cap at its lower third leaves one item, and the shopper asked for the cheap
    end of the range, not for a single product."""
    cheap = CHEAP_RE.search(work.text)
    if cheap:
        work.consume(*cheap.span())
    return cheap is not None


def read_price_words(work: Work, low_end: float, high_end: float) -> tuple[float | None, float | None]:
    """ "cheap" -> the lower third of the range, "premium" -> the upper third; None when unsaid."""
    span = high_end - low_end
    cheap = CHEAP_RE.search(work.text)
    if cheap:
        work.consume(*cheap.span())
        return None, round(low_end + span / 3, 2) if span > 0 else high_end
    premium = PREMIUM_RE.search(work.text)
    if premium and not re.search(r"\b(?:more|most|less|least|too)\s*$", work.text[: premium.start()]):
        work.consume(*premium.span())
        return (round(low_end + 2 * span / 3, 2) if span > 0 else low_end), None
    return None, None


def read_sort(work: Work) -> tuple[Sort, int | None]:
    """The requested order, and limit 1 only for "the single cheapest". "The cheapest thing you
    have" is answered by the sorted list, its answer first: the runners-up let the shopper weigh
    the price against what a little more buys."""
    limit: int | None = 1 if _LIMIT_ONE_RE.search(work.text) else None
    for sort, pattern in SORTS:
        match = pattern.search(work.text)
        if match:
            work.consume(*match.span())
            return sort, limit
    return "relevance", limit


def read_limit(work: Work) -> int | None:
    for pattern in LIMIT_PATTERNS:
        match = pattern.search(work.text)
        if match:
            word = match.group(1)
            value = int(word) if word.isdigit() else NUMBER_WORDS.get(" ".join(word.split()), 0)
            if 1 <= value <= 20:
                work.consume(*match.span(1))
                return value
    return None


def currency_note(reading: PriceReading, catalog_currency: str) -> str | None:
    foreign = sorted({c for c in reading.currencies if c != catalog_currency})
    if not foreign:
        return None
    return (
        f"Prices here are in {catalog_currency}; I read your {'/'.join(foreign)} amounts as "
        f"{catalog_currency} without converting them."
    )
