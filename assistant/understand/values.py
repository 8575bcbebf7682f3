"""Linking a shopper's words to the shop's own attribute values, whatever their shape.

The shop's values are normalised once at ingest (assistant.ingest.values: yes/no words become
booleans, "1.34 kg" becomes `mass_g: 1340.0` with the shop's text kept, keys become
"strap_material"); that module holds the one unit table. Here the same table reads the amounts a
shopper types ("under 2 kg", "7ft", "80%"), and `link_value` finds which of the shop's own values a
shopper's words name: exact, normalised, unit-aware, then by edit distance. No list of any shop's
words is involved: the candidates are always the shop's values.
"""

from __future__ import annotations

import difflib
import re

from assistant.ingest.values import UNITS, Unit, canonical_key, parse_flag, parse_measure
from assistant.records import AttrValue

__all__ = [
    "UNIT_PATTERN",
    "Unit",
    "as_bool",
    "fold_key",
    "fold_value",
    "key_factor",
    "link_value",
    "unit_of",
    "value_matches",
]

# Every way a unit is typed, longest alternatives first within each unit's own pattern.
UNIT_PATTERN = "|".join(f"(?:{u.pattern})" for u in UNITS)
# Unit spellings that are also everyday words or quote marks ("under 50 in black", "it's 5"):
# after an amount they do not by themselves make it a measure.
_WORDLIKE = frozenset({"in", "s", "v", "'", "''", '\\"'})


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex ("a|b(?:c|d)" -> ["a", "b(?:c|d)"])."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        if ch == "(" and pattern[i - 1 : i] != "\\":
            depth += 1
        elif ch == ")" and pattern[i - 1 : i] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    return [*parts, pattern[start:]]


# The unit spellings that unmistakably make a number a measure, for telling measures from prices.
PLAIN_UNIT_PATTERN = "|".join(
    alt for unit in UNITS for alt in _alternatives(unit.pattern) if alt not in _WORDLIKE
)


def unit_of(typed: str) -> Unit | None:
    """The unit a typed unit word names ("kilos" -> kg into base g), or None."""
    typed = typed.strip().lower()
    for unit in UNITS:
        if re.fullmatch(unit.pattern, typed, re.I):
            return unit
    return None


def key_factor(key: str) -> tuple[str, float] | None:
    """(base unit, factor into it) of the unit an attribute key ends with: "mass_g" -> ("g", 1),
    "volume_l" -> ("ml", 1000), "run_time_hours" -> ("hours", 1). None when the key names no unit."""
    parts = canonical_key(key).split("_")
    if len(parts) < 2:
        return None
    unit = unit_of(parts[-1])
    if unit is None or unit.offset:
        return None
    return unit.base, unit.factor


def to_base(value: float, unit: Unit) -> float:
    return value * unit.factor + unit.offset


def as_bool(value: AttrValue) -> bool | None:
    """A yes/no value however the shop wrote it (True, "yes", "true"); None when not yes/no."""
    return parse_flag(value) if isinstance(value, bool | str) else None


def fold_key(key: str) -> str:
    """An attribute key as words: "strap_material", "Strap-Material" -> "strap material"."""
    return canonical_key(key).replace("_", " ")


def fold_value(value: str) -> str:
    """A value as compared with a shopper's words: lower case, punctuation folded to spaces, no
    space between a number and its unit ("7 ft", "7-ft" and "7ft" are one value)."""
    text = " ".join(re.findall(r"[a-z0-9.%+]+", value.lower()))
    return re.sub(r"(?<=\d) (?=[a-z%])", "", text)


def _same_amount(typed: str, value: str) -> bool:
    wanted, have = parse_measure(typed), parse_measure(value)
    if wanted is None or have is None or wanted.unit != have.unit:
        return False
    return abs(wanted.value - have.value) <= 1e-6 * max(1.0, abs(wanted.value))


def link_value(typed: str, values: list[str], fuzzy: bool = True) -> str | None:
    """The shop's own value a shopper's words name, in the shop's spelling: exact, then folded
    ("7ft" ~ "7 ft"), then the same amount in another unit ("84 inches" ~ "7 ft"), then a near
    spelling (edit distance, words of 5+ letters only). An amount is never fuzzily another amount."""
    lowered = typed.strip().lower()
    if not lowered:
        return None
    for value in values:
        if value.lower() == lowered:
            return value
    folded = fold_value(lowered)
    for value in values:
        if fold_value(value) == folded:
            return value
    if parse_measure(lowered) is not None or any(ch.isdigit() for ch in lowered):
        return next((v for v in values if _same_amount(lowered, v)), None)
    if fuzzy and len(folded) >= 5:
        by_fold = {fold_value(v): v for v in values}
        close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.85)
        if close:
            return by_fold[close[0]]
    return None


def value_matches(key: str, have: AttrValue, typed: str) -> bool:
    """Whether an item's value of `key` is the one a shopper named ("the 7 ft one"): the same
    text folded, or the same amount (a normalised number is compared in its key's unit)."""
    if isinstance(have, bool):
        return False
    if isinstance(have, int | float):
        measure, unit = parse_measure(typed), key_factor(key)
        if measure is None or unit is None or measure.unit != unit[0]:
            return False
        return abs(float(have) * unit[1] - measure.value) <= 1e-6 * max(1.0, abs(measure.value))
    return link_value(typed, [str(have)], fuzzy=False) is not None
