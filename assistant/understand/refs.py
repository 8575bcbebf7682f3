"""References to items already shown ("the second one", "the black one", "compare 1 and 3") and
the attribute a product question asks about, mapped onto the catalog's own attribute keys."""

from __future__ import annotations

import re

from assistant.contracts import Reference
from assistant.understand.price import Work
from assistant.understand.vocabulary import CatalogVocabulary

ORDINALS: dict[str, int] = {
    "first": 0,
    "1st": 0,
    "second": 1,
    "2nd": 1,
    "third": 2,
    "3rd": 2,
    "fourth": 3,
    "4th": 3,
    "fifth": 4,
    "5th": 4,
    "sixth": 5,
    "6th": 5,
    "last": -1,
    "final": -1,
    "latter": -1,
    "former": 0,
}
_COUNTS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}
_ORDINAL_RE = re.compile(rf"\b(?:the )?({'|'.join(ORDINALS)})\b(?: (?:one|ones|option|item|pair|pick))?")
_NUMBERED_RE = re.compile(r"\b(?:number|no\.?|#|option|item|pick|choice)\s*(\d{1,2})\b")
_FIRST_N_RE = re.compile(r"\bthe (first|top|last) (two|three|four|2|3|4)\b")
_DIGIT_PAIR_RE = re.compile(
    r"(?<![\d$€£.])\b(\d{1,2})\s*(?:,|and|&|vs\.?|versus|or|with|to)\s*(\d{1,2})\b(?![\d.%])"
)
_ATTR_ONE_RE = re.compile(r"\bthe ([a-z][a-z' -]{1,25}?) (?:one|ones|pair|version|model)\b")
_PRONOUN_PLURAL_RE = re.compile(r"\b(?:them|they|these|those|both|all of them|all three|each|either)\b")
_PRONOUN_RE = re.compile(r"\b(?:it|its|it's|that one|this one|the one|that|this)\b")
_PRICE_REF = {
    "cheaper": ("price", "min"),
    "cheapest": ("price", "min"),
    "more expensive": ("price", "max"),
    "pricier": ("price", "max"),
    "best rated": ("rating", "max"),
    "better rated": ("rating", "max"),
}

# Product-question concepts: the words that ask, and how to find the catalog key that answers.
ASK_CONCEPTS: list[tuple[str, re.Pattern[str], str]] = [
    ("waterproof", re.compile(r"\b(?:water[ -]?proof|water resistant|rain|wet)\b"), "waterproof"),
    ("dishwasher_safe", re.compile(r"\bdishwasher\b"), "dishwasher"),
    (
        "machine_washable",
        re.compile(r"\b(?:machine[ -]washable|washing machine|washable|wash (?:it|them))\b"),
        "wash",
    ),
    ("noise_cancelling", re.compile(r"\bnoise[ -]?cancel"), "noise"),
    ("wireless", re.compile(r"\b(?:wireless|bluetooth|cordless)\b"), "wireless"),
    ("battery_hours", re.compile(r"\b(?:battery|charge lasts?|how long does it last)\b"), "battery"),
    ("weight_g", re.compile(r"\b(?:how heavy|weigh\w*|how light)\b"), "weight"),
    (
        "capacity_l",
        re.compile(
            r"\b(?:capacity|how many lit\w*|volume|how much (?:does it|can it) hold|lit(?:re|er)s?)\b"
        ),
        "capacity",
    ),
    ("wattage_w", re.compile(r"\b(?:watt\w*|how powerful|power)\b"), "watt"),
    ("material", re.compile(r"\b(?:made (?:of|from)|materials?|fabric)\b"), "material"),
    ("size", re.compile(r"\b(?:sizes?|fit|true to size)\b"), "size"),
    ("color", re.compile(r"\bcolou?rs?\b"), "color"),
    ("in_stock", re.compile(r"\b(?:in stock|available|availability|sold out)\b"), "in_stock"),
    ("rating", re.compile(r"\b(?:ratings?|reviews?|rated)\b"), "rating"),
    ("price", re.compile(r"\b(?:how much|price|cost)\b"), "price"),
]


def _catalog_keys(vocab: CatalogVocabulary) -> list[str]:
    return [*vocab.boolean_attributes, *vocab.numeric_attributes, *vocab.text_attributes]


def find_asked_attribute(text: str, vocab: CatalogVocabulary) -> str | None:
    """The catalog attribute key a question asks about; the concept word when the catalog has none."""
    keys = _catalog_keys(vocab)
    # A catalog key named outright ("what's the battery hours", "is it machine washable") wins.
    for key in sorted(keys, key=len, reverse=True):
        stem = re.sub(r"_(?:g|kg|l|ml|w|h|hours|mm|cm)$", "", key).replace("_", " ")
        if re.search(rf"\b{re.escape(stem)}", text):
            return key
    for concept, pattern, key_hint in ASK_CONCEPTS:
        if pattern.search(text):
            for key in keys:
                if key_hint in key:
                    return key
            return concept
    return None


def _attribute_of(phrase: str, vocab: CatalogVocabulary) -> tuple[str, str] | None:
    phrase = phrase.strip()
    if phrase in _PRICE_REF:
        return _PRICE_REF[phrase]
    color = vocab.match_color(phrase)
    if color.colors:
        return ("color", color.colors[0])
    brand = vocab.match_brand(phrase, fuzzy=False)
    if brand:
        return ("brand", brand)
    for key, values in vocab.text_attributes.items():
        if phrase in values:
            return (key, phrase)
    size = vocab.match_size(phrase)
    if size:
        return ("size", size)
    paths, _ = vocab.match_categories(phrase, fuzzy=False)
    if len(paths) == 1:
        return ("category", paths[0])
    return None


def find_reference(work: Work, vocab: CatalogVocabulary) -> Reference | None:
    """How the turn points at shown items; consumed phrases leave the working text."""
    text = work.text
    indices: list[int] = []
    first_n = _FIRST_N_RE.search(text)
    if first_n:
        n = _COUNTS[first_n.group(2)]
        indices = list(range(n)) if first_n.group(1) != "last" else list(range(-n, 0))
        work.consume(*first_n.span())
        return Reference(indices=indices, plural=True)
    attribute: tuple[str, str] | None = None
    attr_match = _ATTR_ONE_RE.search(text)
    if attr_match and attr_match.group(1).split()[-1] not in ORDINALS:
        attribute = _attribute_of(attr_match.group(1), vocab)
        if attribute:
            work.consume(*attr_match.span())
    ordinals: list[int] = []
    for match in _ORDINAL_RE.finditer(work.text):
        ordinals.append(ORDINALS[match.group(1)])
        work.consume(*match.span())
    for match in _NUMBERED_RE.finditer(work.text):
        ordinals.append(int(match.group(1)) - 1)
        work.consume(*match.span())
    pair = _DIGIT_PAIR_RE.search(work.text)
    if pair and not ordinals and all(1 <= int(g) <= 10 for g in pair.groups()):
        ordinals = [int(pair.group(1)) - 1, int(pair.group(2)) - 1]
        work.consume(*pair.span())
    plural_pronoun = bool(_PRONOUN_PLURAL_RE.search(work.text))
    pronoun = plural_pronoun or bool(_PRONOUN_RE.search(work.text))
    if len(ordinals) >= 2:
        return Reference(indices=ordinals, plural=True, attribute=attribute)
    if ordinals or attribute:
        return Reference(ordinal=ordinals[0] if ordinals else None, attribute=attribute)
    if pronoun:
        both = bool(re.search(r"\bboth\b", work.text))
        return Reference(pronoun=True, plural=plural_pronoun, indices=[0, 1] if both else [])
    return None
