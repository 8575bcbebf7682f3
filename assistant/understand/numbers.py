"""Measures the shopper states: "under 1 kg", "at least 20,000 mAh", "a 2-person tent", "30 litre".

A measure becomes a bound on the catalog's own numeric attribute of that dimension (a key ending
in a unit, as ingest writes it: "mass_g", "charge_mah"), chosen among the attributes the asked-for
category carries. Units are converted with the one unit table (assistant.ingest.values) into the
attribute's unit (kg -> g, l -> ml), never between size systems. A measure with no attribute to
hold it stays in the search text, where it still ranks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.ingest.values import BASE_UNIT_TEXT
from assistant.understand.price import Work
from assistant.understand.slots import SlotReading
from assistant.understand.values import UNIT_PATTERN, Unit, fold_key, key_factor, unit_of
from assistant.understand.vocabulary import CatalogVocabulary, category_in
from assistant.understand.words import MAX_BEFORE, MIN_AFTER, MIN_BEFORE, NUMBER_WORDS, alternation

_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_MAX = rf"(?:{alternation(w for w in MAX_BEFORE if w[0].isalpha())})"
_MIN = rf"(?:{alternation(w for w in MIN_BEFORE if w[0].isalpha())})"
_MORE = rf"(?:{alternation(MIN_AFTER)})"
_AROUND_SHARE = 0.15  # "30 litre backpack": 25.5-34.5 l; a bare measure is approximate


_MEASURE = rf"{_NUMBER}\s?-?\s?(?P<unit>{UNIT_PATTERN})(?![a-z0-9])"
_MEASURE_RE = re.compile(rf"(?:\b(?P<max>{_MAX})|\b(?P<min>{_MIN}))?\s*{_MEASURE}(?P<more>\s*{_MORE})?")
_COUNT = "|".join(w for w in NUMBER_WORDS if " " not in w) + r"|\d"
_PEOPLE_RE = re.compile(
    rf"\b(?:for\s+)?(?P<n>{_COUNT})[\s-]*(?:persons?|people|man|men)\b"
    # "a tent for two": a bare count after "for", at the end or before another slot
    rf"|\bfor\s+(?P<m>{_COUNT})\b(?=\s*(?:$|[,.!?]|under|below|over|with|and|in|at|that|please))"
)


def _attribute_for(
    unit: Unit, vocab: CatalogVocabulary, categories: Sequence[str]
) -> tuple[str, float] | None:
    """The numeric attribute holding amounts of this unit's dimension, preferring those the
    asked-for categories carry, and the factor from the typed unit into the key's unit."""
    options: list[tuple[bool, int, str, float]] = []
    for key in vocab.numeric_attributes:
        held = key_factor(key)
        if held is None or held[0] != unit.base:
            continue
        carried = vocab.numeric_categories.get(key, [])
        in_named = bool(categories) and any(category_in(path, categories) for path in carried)
        if categories and not in_named:
            continue  # a tent's weight says nothing about a headphone's
        options.append((not in_named, len(key), key, unit.factor / held[1]))
    if not options:
        return None
    _, _, key, factor = min(options)
    return key, factor


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
        found = _attribute_for(unit, vocab, categories) if unit else None
        if found is None:
            continue
        key, factor = found
        value = float(match.group("num").replace(",", "")) * factor
        if match.group("max"):
            bounds: tuple[float | None, float | None] = (None, value)
        elif match.group("min") or match.group("more"):
            bounds = (value, None)
        elif "max" in fold_key(key).split():
            bounds = (value, None)  # "for a 16 inch laptop": a sleeve whose maximum is at least 16
        else:
            bounds = (round(value * (1 - _AROUND_SHARE), 2), round(value * (1 + _AROUND_SHARE), 2))
        reading.ranges[key] = bounds
        work.consume(*match.span())


def _label_and_unit(key: str) -> tuple[str, str]:
    words = fold_key(key).split()
    held = key_factor(key)
    if held is None:
        return " ".join(words), ""
    shown = BASE_UNIT_TEXT.get(words[-1], words[-1])
    return " ".join(words[:-1]), f"{'' if shown == '%' else ' '}{shown}"


def describe_measure(key: str, value: float) -> str:
    """ "weight 1381 g", "capacity 2 persons": an item's measure, for a reason line."""
    label, shown = _label_and_unit(key)
    return f"{label} {value:g}{shown}"


def describe_range(key: str, bounds: Sequence[float | None]) -> str:
    """ "weight under 1000 g", "capacity at least 2 persons", "capacity about 30 l"."""
    label, shown = _label_and_unit(key)
    low, high = bounds[0], bounds[1]
    if low is not None and high is not None:
        return f"{label} about {(low + high) / 2:g}{shown}"  # a bare measure is read as +-15%
    if high is not None:
        return f"{label} under {high:g}{shown}"
    return f"{label} at least {low:g}{shown}"
