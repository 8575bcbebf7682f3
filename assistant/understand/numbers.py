"""Measures the shopper states: "under 1 kg", "at least 20,000 mAh", "a 2-person tent", "30 litre".

A measure becomes a bound on the catalog's own numeric attribute of that dimension (a key ending
in a unit, as ingest writes it: "mass_g", "charge_mah"), chosen among the attributes the asked-for
category carries. Units are converted with the one unit table (assistant.ingest.values) into the
attribute's unit (kg -> g, l -> ml), never between size systems. A measure with no attribute to
hold it stays in the search text, where it still ranks.

Among keys of one dimension, the one whose name words (or the lexicon's words for them: "send
back" for return) the shopper says next to the amount wins: "return within 60 days" is the return
window, "a 2 year warranty" the warranty. A bare amount is the shop's own value where it has it,
else within 15% and said so. Keys whose text values carried amounts ("No return policy" = 0,
"Lifetime warranty" = unbounded, see assistant.ingest.values) are read by those texts too, and
named with no amount ("kitchen stuff I can send back") they ask for some of it. A number after
the words of a key with no unit ("minimum order of 5 or less") bounds that key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.ingest.values import UNBOUNDED, unit_text, word_amount
from assistant.understand.price import Work
from assistant.understand.slots import SlotReading
from assistant.understand.values import UNIT_PATTERN, Unit, fold_key, key_factor, unit_of
from assistant.understand.vocabulary import CatalogVocabulary, category_in
from assistant.understand.words import (
    ATTRIBUTE_WORDS,
    FUNCTION_WORDS,
    MAX_AFTER,
    MAX_BEFORE,
    MIN_AFTER,
    MIN_BEFORE,
    NUMBER_WORDS,
    QUESTION_RE,
    WINDOW_BEFORE,
    alternation,
)

_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_MAX = rf"(?:{alternation(w for w in (*MAX_BEFORE, *WINDOW_BEFORE) if w[0].isalpha())})"
_MIN = rf"(?:{alternation(w for w in MIN_BEFORE if w[0].isalpha())})"
_MORE = rf"(?:{alternation(MIN_AFTER)})"
_LESS = rf"(?:{alternation(w for w in MAX_AFTER if ' ' in w)})"  # "5 or less"; not a bare "max"
_AROUND_SHARE = 0.15  # "30 litre backpack": 25.5-34.5 l, when the shop has no 30 l one
_KEY_WINDOW = 30  # characters either side of an amount in which the words naming its key count


_MEASURE = rf"{_NUMBER}\s?-?\s?(?P<unit>{UNIT_PATTERN})(?![a-z0-9])"
# "at least a 2 year warranty": an article may stand between the bound and the amount.
_BOUND = rf"(?:\b(?P<max>{_MAX})|\b(?P<min>{_MIN}))(?:\s+(?:a|an))?"
_MEASURE_RE = re.compile(rf"(?:{_BOUND})?\s*{_MEASURE}(?P<more>\s*{_MORE})?(?P<less>\s+{_LESS}\b)?")
_COUNT = "|".join(w for w in NUMBER_WORDS if " " not in w) + r"|\d"
_PEOPLE_RE = re.compile(
    rf"\b(?:for\s+)?(?P<n>{_COUNT})[\s-]*(?:persons?|people|man|men)\b"
    # "a tent for two": a bare count after "for", at the end or before another slot
    rf"|\bfor\s+(?P<m>{_COUNT})\b(?=\s*(?:$|[,.!?]|under|below|over|with|and|in|at|that|please))"
)
_WINDOW_RE = re.compile(rf"^(?:{alternation(WINDOW_BEFORE)})$")


def key_words(key: str) -> list[str]:
    """The words that name a numeric key, without its unit: "return_policy_hours" -> return, policy."""
    label, _ = _label_and_unit(key)
    return [w for w in label.split() if w not in FUNCTION_WORDS]


def _word_re(word: str) -> str:
    """A key's word as a shopper inflects it: "return" also "returns", "returnable"; "policy" also
    "policies"."""
    stem = word[:-1] if word.endswith("y") and len(word) > 3 else word
    return rf"\b{re.escape(stem)}\w*"


def _naming_patterns(key: str) -> list[re.Pattern[str]]:
    """Each word of the key's name, with the general words a shopper says for it (lexicon)."""
    patterns = []
    for word in key_words(key):
        forms = [_word_re(word), *(rf"\b{alternation([cue])}\b" for cue in ATTRIBUTE_WORDS.get(word, ()))]
        patterns.append(re.compile("|".join(forms)))
    return patterns


def _named_spans(key: str, text: str) -> list[tuple[int, int]]:
    """Where the turn names the key: one span per key word said (its first occurrence)."""
    spans = []
    for pattern in _naming_patterns(key):
        found = pattern.search(text)
        if found:
            spans.append(found.span())
    return spans


def is_allowance(vocab: CatalogVocabulary, key: str) -> bool:
    """A key the shop also gives none of, or without end ("No return policy", "Lifetime warranty"):
    an allowance, where more is better and "within 60 days" asks for at least 60 days."""
    return any(word_amount(text) is not None for text in vocab.amounts.get(key, {}))


def _attribute_for(
    unit: Unit, vocab: CatalogVocabulary, categories: Sequence[str], near: str = ""
) -> tuple[str, float] | None:
    """The numeric attribute holding amounts of this unit's dimension, and the factor from the typed
    unit into the key's unit. A key whose name the shopper says next to the amount wins ("within
    60 days" after "return" is the return window, not the warranty); then those the asked-for
    categories carry; then the shortest key."""
    options: list[tuple[bool, int, int, int, str, float]] = []
    for key in vocab.numeric_attributes:
        held = key_factor(key)
        if held is None or held[0] != unit.base:
            continue
        carried = vocab.numeric_categories.get(key, [])
        in_named = bool(categories) and any(category_in(path, categories) for path in carried)
        if categories and not in_named:
            continue  # a tent's weight says nothing about a headphone's
        said = len(_named_spans(key, near)) if near else 0
        unsaid = len(key_words(key)) - said
        options.append((not in_named, -said, unsaid, len(key), key, unit.factor / held[1]))
    if not options:
        return None
    *_, key, factor = min(options)
    return key, factor


def _carried_values(vocab: CatalogVocabulary, key: str, categories: Sequence[str]) -> list[float] | None:
    """The key's values in the asked-for categories, None when the shop has too many to list."""
    values = vocab.numeric_values.get(key)
    if values is None:
        return None
    return [
        v for v, paths in values.items() if not categories or any(category_in(p, categories) for p in paths)
    ]


def _bare_bounds(
    vocab: CatalogVocabulary,
    key: str,
    value: float,
    categories: Sequence[str],
    typed: str,
    reading: SlotReading,
) -> tuple[float | None, float | None]:
    """ "a 40 litre backpack", "a 90 day return window": the shop's own value when it has it (exact),
    else within 15% of it, and the answer says that nothing is exactly what was asked."""
    if "max" in fold_key(key).split():
        return value, None  # "for a 16 inch laptop": a sleeve whose maximum is at least 16
    carried = _carried_values(vocab, key, categories)
    same = [v for v in carried or () if abs(v - value) <= 1e-6 * max(1.0, abs(value))]
    if same:
        return same[0], same[0]
    low, high = round(value * (1 - _AROUND_SHARE), 2), round(value * (1 + _AROUND_SHARE), 2)
    near = sorted(v for v in carried or () if low <= v <= high)
    if near:
        label, _ = _label_and_unit(key)
        said = {amount: text for text, amount in vocab.amounts.get(key, {}).items()}
        have = ", ".join(said.get(v) or _amount_text(key, v) for v in near[:4])
        reading.notes.append(
            f"Nothing here has a {label} of exactly {typed}, so I included those within 15% of it ({have})."
        )
    return low, high


def _consume_key_words(work: Work, key: str, start: int, end: int) -> None:
    """The words naming the key next to its amount are read too: they leave the search text."""
    lo, hi = max(0, start - _KEY_WINDOW), min(len(work.text), end + _KEY_WINDOW)
    for a, b in _named_spans(key, work.text[lo:hi]):
        work.consume(lo + a, lo + b)


def read_ranges(
    work: Work, vocab: CatalogVocabulary, reading: SlotReading, categories: Sequence[str]
) -> None:
    """Bounds on numeric attributes, into `reading.ranges`; each phrase read is blanked out."""
    if not vocab.numeric_attributes:
        return
    for match in list(_PEOPLE_RE.finditer(work.text)):
        unit = unit_of("persons")
        found = _attribute_for(unit, vocab, categories) if unit else None
        if found:
            n = match.group("n") or match.group("m")
            reading.ranges[found[0]] = (float(NUMBER_WORDS.get(n, 0) or n), None)
            work.consume(*match.span())
    for match in list(_MEASURE_RE.finditer(work.text)):
        unit = unit_of(match.group("unit"))
        near = work.text[max(0, match.start() - _KEY_WINDOW) : match.end() + _KEY_WINDOW]
        found = _attribute_for(unit, vocab, categories, near) if unit else None
        if found is None:
            continue
        key, factor = found
        value = float(match.group("num").replace(",", "")) * factor
        window = bool(match.group("max") and _WINDOW_RE.match(" ".join(match.group("max").split())))
        if window and is_allowance(vocab, key):
            bounds: tuple[float | None, float | None] = (value, None)  # "return within 60 days"
        elif match.group("max") or match.group("less"):
            bounds = (None, value)
        elif match.group("min") or match.group("more"):
            bounds = (value, None)
        else:
            typed = f"{match.group('num')} {match.group('unit')}"
            bounds = _bare_bounds(vocab, key, value, categories, typed, reading)
        reading.ranges[key] = bounds
        work.consume(*match.span())
        _consume_key_words(work, key, *match.span())
    _read_amount_texts(work, vocab, reading)
    _read_allowances(work, vocab, reading, categories)


def read_named_numbers(work: Work, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    """ "minimum order of 5 or less": a number right after the words of a numeric key that has no
    unit is a bound on that key (at least two of its words, or its only one, as the shop names it).
    Read before prices, so "5 or less" after a key's name is never a budget."""
    for key in vocab.numeric_attributes:
        words = key_words(key)
        if key in reading.ranges or key_factor(key) is not None or not words:
            continue
        need = min(2, len(words))
        runs = [
            r"\s+".join(_word_re(w) for w in words[i : i + n])
            for n in range(len(words), need - 1, -1)
            for i in range(len(words) - n + 1)
        ]
        pattern = re.compile(
            rf"(?:{'|'.join(runs)})\s*(?:(?:of|is|at|:|=)\s*)?(?:{_BOUND}\s*)?"
            rf"{_NUMBER}(?![\d.,])(?!\s?(?:[%$€£]|(?:{UNIT_PATTERN})(?![a-z0-9])))"
            rf"(?P<more>\s*{_MORE})?(?P<less>\s+{_LESS}\b)?"
        )
        match = pattern.search(work.text)
        if match is None:
            continue
        value = float(match.group("num").replace(",", ""))
        if match.group("max") or match.group("less"):
            reading.ranges[key] = (None, value)
        elif match.group("min") or match.group("more"):
            reading.ranges[key] = (value, None)
        else:
            reading.ranges[key] = (value, value)
        work.consume(*match.span())


def _read_amount_texts(work: Work, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    """ "a lifetime warranty", "no return policy": the shop's own text of a converted value, said
    whole, is that value ("Lifetime warranty" is the unbounded amount), longest text first."""
    for key, texts in vocab.amounts.items():
        if key in reading.ranges:
            continue
        for text in sorted(texts, key=len, reverse=True):
            words = re.findall(r"[a-z0-9]+", text.lower())
            if len(words) < 2 or any(w.isdigit() for w in words):
                continue  # an amount with its number was read above; one word names no value
            parts = [_word_re(w) if len(w) > 3 else rf"\b{re.escape(w)}" for w in words]
            match = re.search(r"\W+".join(parts) + r"\b", work.text)
            if match:
                amount = texts[text]
                reading.ranges[key] = (amount, amount)
                work.consume(*match.span())
                break


def _read_allowances(
    work: Work, vocab: CatalogVocabulary, reading: SlotReading, categories: Sequence[str]
) -> None:
    """ "kitchen stuff I can send back", "with any warranty": an allowance named with no amount asks
    for some of it, so the items the shop gives none of ("No return policy") are left out, within
    the named products. A question about it ("what is the return policy?") asks, it does not filter."""
    if QUESTION_RE.search(work.text) or not any(is_allowance(vocab, k) for k in vocab.numeric_attributes):
        return
    # The products named so far, or those the turn's words sit in ("kitchen stuff").
    products = list(categories) or vocab.categories_by_words(work.text)
    if not products:
        return  # "I'd like to return something" names no products to filter
    for key in vocab.numeric_attributes:
        if key in reading.ranges or not is_allowance(vocab, key):
            continue
        carried = _carried_values(vocab, key, products) or []
        positive = [v for v in carried if v > 0]
        spans = _named_spans(key, work.text)
        if not positive or not spans:
            continue
        # The word for the key's first word ("return", "send back") must be among those said.
        first = _naming_patterns(key)[0]
        said = first.search(work.text)
        if said is None:
            continue
        reading.ranges[key] = (min(positive), None)
        for start, end in spans:
            work.consume(start, end)


def _label_and_unit(key: str) -> tuple[str, str]:
    words = fold_key(key).split()
    held = key_factor(key)
    if held is None:
        return " ".join(words), ""
    shown = unit_text(words[-1])
    return " ".join(words[:-1]), f"{'' if shown == '%' else ' '}{shown}"


# Long durations read in the largest whole unit of the unit table ("17520 hours" -> "2 years").
_DURATIONS = tuple(
    (name, unit.factor) for name in ("year", "month", "week", "day") if (unit := unit_of(name))
)
_LONG_DURATION = 168.0  # from a week up; "48 hours" of battery stays in hours


def _amount_text(key: str, value: float) -> str:
    """ "36 L", "15%", "2 years", "unlimited": an amount of a key as a shopper reads it."""
    if value >= UNBOUNDED:
        return "unlimited"
    _, shown = _label_and_unit(key)
    held = key_factor(key)
    if held is not None and held == ("hours", 1.0) and value >= _LONG_DURATION:
        for name, factor in _DURATIONS:
            count = value / factor
            if abs(count - round(count)) < 1e-9:
                return f"{round(count)} {name}{'' if round(count) == 1 else 's'}"
    return f"{value:g}{shown}"


def describe_measure(key: str, value: float) -> str:
    """ "weight 1381 g", "capacity 2 persons": an item's measure, for a reason line."""
    label, _ = _label_and_unit(key)
    return f"{label} {_amount_text(key, value)}"


def describe_range(key: str, bounds: Sequence[float | None]) -> str:
    """ "weight under 1000 g", "capacity at least 2 persons", "capacity about 30 l", "capacity 40 L"."""
    label, _ = _label_and_unit(key)
    low, high = bounds[0], bounds[1]
    if low is not None and high is not None:
        if low == high:
            return f"unlimited {label}" if low >= UNBOUNDED else f"{label} {_amount_text(key, low)}"
        return f"{label} about {_amount_text(key, (low + high) / 2)}"  # a bare measure read as +-15%
    if high is not None:
        return f"{label} under {_amount_text(key, high)}"
    return f"{label} at least {_amount_text(key, low or 0.0)}"
