"""General-English word tables, read once from lexicon/*.yaml (package data).

Nothing here knows a shop: these are the words any shopper uses (synonyms, near colours, number
words, bound words, units, function words). Every table is applied only onto what the loaded shop
has, so a word with no counterpart in the catalog is inert. A shop extends a table by editing the
YAML; the code below only gives each table its type.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from importlib.resources import files
from typing import Any

import yaml


@functools.cache
def lexicon(name: str) -> dict[str, Any]:
    """One lexicon file as loaded from the package (cached: read once per process)."""
    text = files("assistant.understand").joinpath("lexicon", f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"lexicon/{name}.yaml must be a mapping")
    return data


def _strings(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def _table(section: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    return {str(k): _strings(v) for k, v in section.items()}


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternative of phrases, longest first so "less than" wins over "less"; spaces in a
    phrase match any run of white space."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered)


# --- synonyms.yaml -----------------------------------------------------------------------------
_SYNONYMS = lexicon("synonyms")
CATEGORY_SYNONYMS: Mapping[str, tuple[str, ...]] = _table(_SYNONYMS["categories"])
PROPERTY_SYNONYMS: Mapping[str, tuple[str, ...]] = _table(_SYNONYMS["properties"])
ANTONYMS: Mapping[str, str] = {str(k): str(v) for k, v in _SYNONYMS["antonyms"].items()}
EXPECTED_FILTERS: tuple[str, ...] = _strings(_SYNONYMS["expected_filters"])
AUDIENCES: Mapping[str, tuple[str, ...]] = _table(_SYNONYMS["audiences"])
VALUES_ALSO: Mapping[str, tuple[str, ...]] = _table(_SYNONYMS["values_also"])
SIZE_WORDS: Mapping[str, str] = {str(k): str(v) for k, v in _SYNONYMS["size_words"].items()}
QUESTION_CONCEPTS: Mapping[str, tuple[str, ...]] = _table(_SYNONYMS["questions"])
# A value as shops write it -> the shopper's other words for it ("in-ear": earbud, earphone).
VALUE_SYNONYMS: Mapping[str, tuple[str, ...]] = _table(_SYNONYMS["values"])
COLLECTIVES: frozenset[str] = frozenset(_strings(_SYNONYMS["collectives"]))
# A word of an attribute key's name -> the shopper's other words for it ("return": send back).
ATTRIBUTE_WORDS: Mapping[str, tuple[str, ...]] = _table(_SYNONYMS["attribute_words"])

# --- colours.yaml / materials.yaml -------------------------------------------------------------
NEAR_COLORS: Mapping[str, tuple[str, ...]] = _table(lexicon("colours")["near"])
BASIC_COLORS: frozenset[str] = frozenset(_strings(lexicon("colours")["basic"]))
SAME_COLORS: tuple[frozenset[str], ...] = tuple(frozenset(_strings(s)) for s in lexicon("colours")["same"])
MATERIAL_KIN: Mapping[str, tuple[str, ...]] = _table(lexicon("materials")["kin"])

# --- numbers.yaml ------------------------------------------------------------------------------
_NUMBERS = lexicon("numbers")
NUMBER_UNITS: tuple[str, ...] = _strings(_NUMBERS["units"])  # zero..nineteen, index = value
NUMBER_TENS: tuple[str, ...] = _strings(_NUMBERS["tens"])  # twenty..ninety
NUMBER_SCALES: Mapping[str, int] = {str(k): int(v) for k, v in _NUMBERS["scales"].items()}
QUANTITY_WORDS: Mapping[str, int] = {str(k): int(v) for k, v in _NUMBERS["quantities"].items()}
ORDINALS: Mapping[str, int] = {str(k): int(v) for k, v in _NUMBERS["ordinals"].items()}
# "one".."ten" and the vague counts: the words a shopper counts items with.
NUMBER_WORDS: Mapping[str, int] = {
    **{w: i for i, w in enumerate(NUMBER_UNITS) if 1 <= i <= 10},
    **QUANTITY_WORDS,
}

# --- bounds.yaml -------------------------------------------------------------------------------
_BOUNDS = lexicon("bounds")
MAX_BEFORE: tuple[str, ...] = _strings(_BOUNDS["max_before"])
MIN_BEFORE: tuple[str, ...] = _strings(_BOUNDS["min_before"])
AROUND_BEFORE: tuple[str, ...] = _strings(_BOUNDS["around_before"])
MAX_AFTER: tuple[str, ...] = _strings(_BOUNDS["max_after"])
MIN_AFTER: tuple[str, ...] = _strings(_BOUNDS["min_after"])
WINDOW_BEFORE: tuple[str, ...] = _strings(_BOUNDS["window_before"])

# --- common.yaml -------------------------------------------------------------------------------
_COMMON = lexicon("common")
COMMON_WORDS: frozenset[str] = frozenset(_strings(_COMMON["common"]))
FUNCTION_WORDS: frozenset[str] = frozenset(_strings(_COMMON["function"]))
FILLERS: tuple[str, ...] = _strings(_COMMON["fillers"])
QUESTION_OPENERS: tuple[str, ...] = _strings(_COMMON["question_openers"])
PLAIN_VALUES: frozenset[str] = frozenset(_strings(_COMMON["plain_values"]))
NO_FUZZY: frozenset[str] = frozenset(_strings(_COMMON["no_fuzzy"]))
ORDER_WORDS: tuple[str, ...] = _strings(_COMMON["order_words"])
SOFT_WISHES: tuple[str, ...] = _strings(_COMMON["soft_wishes"])
ASSENT: frozenset[str] = frozenset(_strings(_COMMON["assent"]))

# A question: opens with a question word, or ends with "?". The one question test of the package.
QUESTION_RE = re.compile(rf"^\s*(?:{alternation(QUESTION_OPENERS)})\b|\?\s*$", re.I)
# A question word anywhere, for a turn already known to ask about an attribute.
QUESTION_WORD_RE = re.compile(
    rf"\?|\b(?:{alternation(w for w in QUESTION_OPENERS if w not in ('any', 'has', 'have'))})\b", re.I
)
# A turn about an order ("my parcel", "order #1042").
ORDER_WORDS_RE = re.compile(rf"\b(?:{alternation(ORDER_WORDS)})s?\b", re.I)

# --- retail_nouns.yaml -------------------------------------------------------------------------
RETAIL_NOUNS: frozenset[str] = frozenset(_strings(lexicon("retail_nouns")["nouns"]))

# --- signals.yaml ------------------------------------------------------------------------------
_SIGNALS = lexicon("signals")
# Turn signals (yes, no, reset, profile, handoff, frustration, greeting, injection, compare, ...).
SIGNALS: Mapping[str, re.Pattern[str]] = {
    str(name): re.compile(str(pattern), re.I) for name, pattern in _SIGNALS["patterns"].items()
}
ORDER_ACTION_SIGNALS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (str(name), re.compile(str(pattern), re.I)) for name, pattern in _SIGNALS["order_actions"].items()
)
COMPARATIVE_SIGNALS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (str(name), re.compile(str(pattern), re.I)) for name, pattern in _SIGNALS["comparatives"].items()
)
