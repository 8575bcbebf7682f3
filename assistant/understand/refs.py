"""References to items already shown ("the second one", "the black one", "compare 1 and 3") and
the attribute a product question asks about, mapped onto the catalog's own attribute keys."""

from __future__ import annotations

import re

from assistant.contracts import Reference
from assistant.understand.catalog_facts import is_color_key
from assistant.understand.price import Work
from assistant.understand.values import fold_key, key_factor, link_value
from assistant.understand.vocabulary import CatalogVocabulary
from assistant.understand.words import NUMBER_WORDS, ORDINALS, QUESTION_CONCEPTS, alternation

_COUNTS = {**{w: n for w, n in NUMBER_WORDS.items() if 2 <= n <= 4 and " " not in w}, "2": 2, "3": 3, "4": 4}
_ORDINAL_RE = re.compile(rf"\b(?:the )?({'|'.join(ORDINALS)})\b(?: (?:one|ones|option|item|pair|pick))?")
_NUMBERED_RE = re.compile(r"\b(?:number|no\.?|#|option|item|pick|choice)\s*(\d{1,2})\b")
_FIRST_N_RE = re.compile(rf"\bthe (first|top|last) ({'|'.join(_COUNTS)})\b")
_DIGIT_PAIR_RE = re.compile(
    r"(?<![\d$€£.])\b(\d{1,2})\s*(?:,|and|&|vs\.?|versus|or|with|to)\s*(\d{1,2})\b(?![\d.%])"
)
_ATTR_ONE_RE = re.compile(r"\bthe ([a-z0-9][a-z0-9'%.,\" -]{0,25}?) (?:one|ones|pair|version|model)\b")
_PRONOUN_PLURAL_RE = re.compile(r"\b(?:them|they|these|those|both|all of them|all three|each|either)\b")
_PRONOUN_RE = re.compile(r"\b(?:it|its|it's|that one|this one|the one|that|this)\b")
_PRICE_REF = {
    "cheaper": ("price", "min"),
    "cheapest": ("price", "min"),
    "more expensive": ("price", "max"),
    "pricier": ("price", "max"),
    "best rated": ("rating", "max"),
    "better rated": ("rating", "max"),
    "least expensive": ("price", "min"),
    "lowest priced": ("price", "min"),
    "priciest": ("price", "max"),
    "most expensive": ("price", "max"),
    "dearest": ("price", "max"),
}
# "the cheapest of those", "the priciest among them": a superlative over the items just shown.
_OF_SHOWN_RE = re.compile(
    rf"\b(?:the )?({alternation(_PRICE_REF)})(?: (?:one|ones|item|option|pick))?\s+"
    r"(?:of|among|out of|from)\s+(?:those|these|them|the(?:se|m)? (?:ones|options|items)|what you (?:showed|sent))\b"
)

# Product-question concepts (lexicon/synonyms.yaml "questions"): a word a shop's key may contain
# -> the phrases that ask about it. The key answered is always the shop's own.
ASK_CONCEPTS: list[tuple[str, re.Pattern[str]]] = [
    (concept, re.compile(rf"\b(?:{alternation(phrases)})")) for concept, phrases in QUESTION_CONCEPTS.items()
]
_BUILT_IN = {"price", "rating", "in_stock", "size", "color"}  # answered from the record's own fields


def _catalog_keys(vocab: CatalogVocabulary) -> list[str]:
    return [*vocab.boolean_attributes, *vocab.numeric_attributes, *vocab.text_attributes]


def find_asked_attribute(text: str, vocab: CatalogVocabulary) -> str | None:
    """The catalog attribute key a question asks about; the concept word when the catalog has none."""
    keys = _catalog_keys(vocab)
    # A catalog key named outright ("what's the battery life", "is it machine washable") wins;
    # a key's unit word is not part of its name ("mass_kg" is asked as "mass").
    for key in sorted(keys, key=len, reverse=True):
        words = fold_key(key).split()
        stem = " ".join(words[:-1] if len(words) > 1 and key_factor(key) else words)
        if stem and re.search(rf"\b{re.escape(stem)}", text):
            return key
    for concept, pattern in ASK_CONCEPTS:
        if pattern.search(text):
            if concept in _BUILT_IN:
                return concept
            # The key that is the concept ("mass_kg") before one that only mentions it
            # ("tare_mass_kg"): first word first, then the shortest.
            named = [k for k in keys if concept in fold_key(k).split()] or [
                k for k in keys if concept in fold_key(k)
            ]
            if named:
                return min(named, key=lambda k: (fold_key(k).split()[0] != concept, len(k), k))
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
        if phrase in values and not is_color_key(key):
            return (key, phrase)
    size = vocab.match_size(phrase)
    if size:
        return ("size", size)
    # "the 7 ft one", "the 1tb one": a value as the shop wrote it, matched folded or by amount.
    for key, texts in vocab.value_texts.items():
        found = link_value(phrase, texts, fuzzy=False)
        if found:
            return (key, found)
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
    of_shown = _OF_SHOWN_RE.search(text)
    if of_shown:
        # The superlative stays for the sort reader ("least expensive" -> cheapest first, one item);
        # "of those" is what makes it a pick among the shown items.
        work.consume(of_shown.end(1), of_shown.end())
        return Reference(pronoun=True, plural=True, attribute=_PRICE_REF[" ".join(of_shown.group(1).split())])
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
