"""Measures the shopper states: "under 1 kg", "at least 20,000 mAh", "a 2-person tent", "30 litre".

A measure becomes a bound on the catalog's own numeric attribute with that unit ("weight_g",
"capacity_mah"), chosen among the attributes the asked-for category carries. Units are converted
into the attribute's unit (kg -> g), never between size systems. A measure with no attribute to
hold it stays in the search text, where it still ranks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.understand.price import Work
from assistant.understand.slots import SlotReading
from assistant.understand.vocabulary import CatalogVocabulary, category_in


@dataclass(frozen=True)
class Unit:
    pattern: str  # regex for the unit as typed, after the number
    suffixes: tuple[tuple[str, float], ...]  # (attribute-name suffix, factor into that unit)


UNITS: tuple[Unit, ...] = (
    Unit(r"kg|kilos?|kilograms?", (("_kg", 1.0), ("_g", 1000.0))),
    Unit(r"g|grams?", (("_g", 1.0), ("_kg", 0.001))),
    Unit(r"ml|millilit(?:er|re)s?", (("_ml", 1.0), ("_l", 0.001))),
    Unit(r"l|lit(?:er|re)s?|ltr", (("_l", 1.0), ("_ml", 1000.0))),
    Unit(r"mah", (("_mah", 1.0),)),
    Unit(r"w|watts?", (("_w", 1.0),)),
    Unit(r"cm|centimet(?:er|re)s?", (("_cm", 1.0), ("_mm", 10.0))),
    Unit(r"mm|millimet(?:er|re)s?", (("_mm", 1.0), ("_cm", 0.1))),
    Unit(r"m|met(?:er|re)s?", (("_m", 1.0), ("_cm", 100.0))),
    Unit(r"h|hrs?|hours?", (("_hours", 1.0),)),
    Unit(r"inch(?:es)?|\"", (("_in", 1.0),)),
    Unit(r"lumens?|lm", (("lumens", 1.0),)),
    Unit(r"pieces?|pcs", (("pieces", 1.0),)),
    Unit(r"persons?|people|man|men", (("_persons", 1.0),)),
)
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_MAX = r"(?:under|below|less than|at most|max(?:imum)?|no more than|up to|lighter than|smaller than|shorter than)"
_MIN = r"(?:over|above|more than|at least|min(?:imum)?|bigger than|longer than|larger than)"
_AROUND_SHARE = 0.15  # "30 litre backpack": 25.5-34.5 l; a bare measure is approximate


def _unit_alternatives() -> str:
    return "|".join(f"(?:{u.pattern})" for u in UNITS)


_MEASURE = rf"{_NUMBER}\s?-?\s?(?P<unit>{_unit_alternatives()})(?![a-z])"
_MEASURE_RE = re.compile(
    rf"(?:(?P<max>{_MAX})|(?P<min>{_MIN}))?\s*{_MEASURE}(?P<more>\s*(?:\+|or more|and up|or bigger))?"
)
_COUNT = "|".join(_WORD_NUMBERS) + r"|\d"
_PEOPLE_RE = re.compile(
    rf"\b(?:for\s+)?(?P<n>{_COUNT})[\s-]*(?:persons?|people|man|men)\b"
    # "a tent for two": a bare count after "for", at the end or before another slot
    rf"|\bfor\s+(?P<m>{_COUNT})\b(?=\s*(?:$|[,.!?]|under|below|over|with|and|in|at|that|please))"
)


def _unit_of(typed: str) -> Unit | None:
    for unit in UNITS:
        if re.fullmatch(unit.pattern, typed):
            return unit
    return None


def _attribute_for(
    unit: Unit, vocab: CatalogVocabulary, categories: Sequence[str]
) -> tuple[str, float] | None:
    """The numeric attribute holding this unit, preferring those the asked-for categories carry."""
    options: list[tuple[bool, int, str, float]] = []
    for key in vocab.numeric_attributes:
        for suffix, factor in unit.suffixes:
            if key.endswith(suffix) or key == suffix:
                carried = vocab.numeric_categories.get(key, [])
                in_named = bool(categories) and any(category_in(path, categories) for path in carried)
                if categories and not in_named:
                    continue  # a tent's weight says nothing about a headphone's
                options.append((not in_named, len(key), key, factor))
                break
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
        unit = _unit_of("persons")
        found = _attribute_for(unit, vocab, categories) if unit else None
        if found:
            n = match.group("n") or match.group("m")
            reading.ranges[found[0]] = (float(_WORD_NUMBERS.get(n, 0) or n), None)
            work.consume(*match.span())
    for match in list(_MEASURE_RE.finditer(work.text)):
        unit = _unit_of(match.group("unit"))
        found = _attribute_for(unit, vocab, categories) if unit else None
        if found is None:
            continue
        key, factor = found
        value = float(match.group("num").replace(",", "")) * factor
        if match.group("max"):
            bounds: tuple[float | None, float | None] = (None, value)
        elif match.group("min") or match.group("more"):
            bounds = (value, None)
        elif "max" in key.split("_"):
            bounds = (value, None)  # "for a 16 inch laptop": a sleeve whose maximum is at least 16
        else:
            bounds = (round(value * (1 - _AROUND_SHARE), 2), round(value * (1 + _AROUND_SHARE), 2))
        reading.ranges[key] = bounds
        work.consume(*match.span())


def _label_and_unit(key: str) -> tuple[str, str]:
    parts = key.split("_")
    unit = parts[-1] if len(parts) > 1 and parts[-1] in _UNIT_WORDS else ""
    return " ".join(parts[:-1] if unit else parts), _UNIT_WORDS.get(unit, "")


def describe_measure(key: str, value: float) -> str:
    """ "weight 1381 g", "capacity 2 persons": an item's measure, for a reason line."""
    label, shown = _label_and_unit(key)
    return f"{label} {value:g}{shown}"


def describe_range(key: str, bounds: Sequence[float | None]) -> str:
    """ "weight under 1000 g", "capacity at least 2 persons", "capacity 25.5-34.5 l"."""
    label, shown = _label_and_unit(key)
    low, high = bounds[0], bounds[1]
    if low is not None and high is not None:
        return f"{label} about {(low + high) / 2:g}{shown}"  # a bare measure is read as +-15%
    if high is not None:
        return f"{label} under {high:g}{shown}"
    return f"{label} at least {low:g}{shown}"


_UNIT_WORDS = {
    "g": " g", "kg": " kg", "l": " l", "ml": " ml", "mah": " mAh", "w": " W", "cm": " cm", "mm": " mm",
    "m": " m", "hours": " hours", "in": " in", "persons": " persons",
}  # fmt: skip
