"""Which of the shop's attribute keys a question about an item asks for, and the item's value.

"How much storage does the first one have?", "is it waterproof?", "what's the strap made of?":
the asked words are matched against the shop's own keys (their labels as the shop wrote them):
exactly, in normal form (lowercase, singular) and fuzzily (a misspelling), so any key any shop has
can be asked about. General English question words ("weigh", "made of") stand for the label word
they ask about; no shop's key names are listed here.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.ingest.values import label_of, value_text
from assistant.records import AttrValue, Product, Variant
from assistant.retrieve.lexical import STOPWORDS
from assistant.understand.vocabulary import singular, tokens

# Question words -> the label word they ask about (general English, not shop vocabulary).
QUESTION_WORDS: dict[str, tuple[str, ...]] = {
    "weigh": ("weight",),
    "weighs": ("weight",),
    "heavy": ("weight",),
    "made": ("material", "fabric"),
    "hold": ("capacity", "volume"),
    "holds": ("capacity", "volume"),
    "long": ("length",),
    "wide": ("width",),
    "tall": ("height",),
    "colour": ("color",),
    "ship": ("shipping",),
    "ships": ("shipping",),
}
_FUZZY_CUTOFF = 0.85  # "waterprof" -> "waterproof"; shorter words must match exactly
_FUZZY_MIN_LEN = 5


def _words(text: str) -> list[str]:
    return [singular(t) for t in tokens(text) if t not in STOPWORDS]


def shop_keys(products: Sequence[Product]) -> dict[str, str]:
    """Every attribute key the shop's products or variants carry -> the label a shopper reads."""
    keys: dict[str, str] = {}
    for product in products:
        owners: list[Product | Variant] = [product, *product.variants]
        for owner in owners:
            for key in owner.attributes:
                if key not in keys:
                    keys[key] = label_of(key, owner.attribute_labels)
    return keys


@dataclass(frozen=True)
class _Fit:
    share: float  # of the label's words found in the question
    words: int  # label words found: a longer label found whole is the more specific key
    held: bool  # the item carries the key


def _fit(label_words: list[str], asked: set[str], held: bool) -> _Fit:
    found = 0
    for word in label_words:
        if word in asked or (
            len(word) >= _FUZZY_MIN_LEN and difflib.get_close_matches(word, asked, n=1, cutoff=_FUZZY_CUTOFF)
        ):
            found += 1
    return _Fit(found / len(label_words), found, held)


def match_asked_key(question: str, keys: Mapping[str, str], held: frozenset[str] = frozenset()) -> str | None:
    """The shop key the question asks about, or None. A key whose label words all appear wins,
    the longest such label first ("strap material" over "material"), then keys the item carries;
    failing that, the key the question names most of (at least half its label words), preferring
    keys the item carries."""
    asked = set(_words(question))
    for word in list(asked):
        asked.update(QUESTION_WORDS.get(word, ()))
    if not asked:
        return None
    best: tuple[tuple[bool, int, bool, int, float], str] | None = None
    for key, label in keys.items():
        label_words = _words(label) or _words(key.replace("_", " "))
        if not label_words:
            continue
        fit = _fit(label_words, asked, key in held)
        if fit.share < 0.5:
            continue
        whole = fit.share == 1.0
        rank = (whole, fit.words if whole else 0, fit.held, fit.words, fit.share)
        if best is None or rank > best[0]:
            best = (rank, key)
    return best[1] if best else None


@dataclass(frozen=True)
class ItemValue:
    key: str
    label: str  # as the shopper reads it ("strap material", "weight")
    value: AttrValue | None  # the variant's value, else the product's; None: listed per variant only
    shown: str  # the value as the shop wrote it ("1TB SSD", "yes")
    options: tuple[str, ...] = ()  # in-stock variant values, when no one variant is meant


def item_value(product: Product, variant: Variant | None, key: str) -> ItemValue | None:
    """The item's value for `key`: the variant's own, else the product's, else (no variant meant)
    the values its in-stock variants come in; None when the item does not list it."""
    for owner in (variant, product):
        if owner is not None and key in owner.attributes:
            value = owner.attributes[key]
            label = label_of(key, owner.attribute_labels)
            return ItemValue(key, label, value, value_text(key, value, owner.attribute_texts))
    options: list[str] = []
    label = ""
    for v in product.variants:
        if v.in_stock and key in v.attributes:
            label = label or label_of(key, v.attribute_labels)
            shown = value_text(key, v.attributes[key], v.attribute_texts)
            if shown not in options:
                options.append(shown)
    if options:
        return ItemValue(key, label, None, ", ".join(options), tuple(options))
    return None
