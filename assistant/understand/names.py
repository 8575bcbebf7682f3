"""Product-line and model names, and words the shop has never heard of.

A shopper who types "AirPods", "Galaxy Tab" or "iPhone 13 Pro" names products by the words of the
shop's own titles. Such a word is a product-line name when few titles hold it, the products holding
it come from one maker (a line is a brand's), and it is no kind of product, colour, facet or
general shopper word (those are read by the other readers). The reader returns those terms; the
search then keeps only titles holding them all (`Constraints.names`).

A word that occurs nowhere in the shop's data (titles, descriptions, tags, categories, brands,
attributes), that no lexicon knows and that is no general English word (the embedder's whole-word
vocabulary, when the assistant has one) names something the shop does not have: "Maybelline"
in a shop without that brand. The answer says so instead of silently showing other things.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.records import Product
from assistant.understand.text import category_in, name_terms, singular, tokens
from assistant.understand.words import (
    ANTONYMS,
    AUDIENCES,
    BASIC_COLORS,
    CATEGORY_SYNONYMS,
    COMMON_WORDS,
    EXPECTED_FILTERS,
    FILLERS,
    FUNCTION_WORDS,
    NEAR_COLORS,
    NUMBER_WORDS,
    ORDER_WORDS,
    PLAIN_VALUES,
    PROPERTY_SYNONYMS,
    QUESTION_CONCEPTS,
    QUESTION_OPENERS,
    RETAIL_NOUNS,
    SIZE_WORDS,
    SOFT_WISHES,
)

if TYPE_CHECKING:
    from assistant.understand.vocabulary import CatalogVocabulary

# Where a noun phrase's head ends: a purpose or qualifier follows ("lego for kids").
QUALIFIER_RE = re.compile(r"\b(?:for|with|that|which|to|from|in|under|below|over|without|by|like)\b")
# A line is a maker's: at least this share of the products whose titles hold the word share a brand.
LINE_BRAND_SHARE = 0.75
# ... more than twice as often as that brand's share of the whole catalog (a one-brand shop has no lines) ...
LINE_BRAND_LIFT = 2.0
# ... and it is a narrow word: at most this share of the catalog's titles (and never fewer than 5).
LINE_MAX_SHARE = 0.1
# A maker's name read off titles in a shop that gives no brand leads at most this share of them.
MAKER_MAX_SHARE = 0.5


@dataclass(frozen=True)
class LineWord:
    count: int  # titles holding the word
    # (category path, brand) of each product whose title holds the word, without repeats
    places: tuple[tuple[str, str], ...]
    maker: bool = False  # a maker's name read off the titles of a shop without brands (title_makers)


def _words(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(singular(t) for phrase in phrases for t in tokens(phrase))


# General words that never name a line: function, request, colour, audience and plain value words.
PLAIN_WORDS = _words(
    [
        *COMMON_WORDS, *FUNCTION_WORDS, *FILLERS, *PLAIN_VALUES, *QUESTION_OPENERS, *ORDER_WORDS,
        *SOFT_WISHES, *BASIC_COLORS, *NEAR_COLORS, *NUMBER_WORDS,
        *(w for value, said in AUDIENCES.items() for w in (value, *said)),
    ]
)  # fmt: skip
# Every word a lexicon table knows (well-known products and shopper nouns too): never unknown.
LEXICON_WORDS = PLAIN_WORDS | _words(
    [
        *RETAIL_NOUNS, *CATEGORY_SYNONYMS, *(t for targets in CATEGORY_SYNONYMS.values() for t in targets),
        *PROPERTY_SYNONYMS, *(t for said in PROPERTY_SYNONYMS.values() for t in said), *EXPECTED_FILTERS,
        *ANTONYMS, *SIZE_WORDS, *(t for said in QUESTION_CONCEPTS.values() for t in said),
    ]
)  # fmt: skip
# Endings an English word takes; a word whose stem (or inflection) the general vocabulary holds is known.
_ENDINGS = ("s", "es", "ed", "d", "ing", "er", "y", "ly", "al", "ion", "ment", "ness")


def _forms(word: str) -> set[str]:
    """ "warranty" -> "warrant", "expire" -> "expired": the spellings a general vocabulary may list."""
    out = {word, *(word + e for e in _ENDINGS)}
    if word.endswith("e"):
        out |= {word[:-1] + "ing", word[:-1] + "ed"}
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            stem = word[: -len(ending)]
            out |= {stem, stem + "e"}
    return out


def shop_words(products: Sequence[Product]) -> frozenset[str]:
    """Every singular word of the shop's own data: titles, descriptions, tags, categories, brands,
    attribute keys and text values."""
    words: set[str] = set()
    word = re.compile(r"[a-z0-9]+")  # one pass per product: markup and possessives only add short words
    for p in products:
        texts = [p.title, p.description, p.brand, *p.tags, *p.category_path]
        for source in (p.attributes, *(v.attributes for v in p.variants)):
            for key, value in source.items():
                texts.append(str(key))
                if isinstance(value, str):
                    texts.append(value)
        words.update(word.findall(" ".join(texts).lower()))
    return frozenset(words | {singular(w) for w in words})


def line_words(products: Sequence[Product], kinds: Iterable[str]) -> dict[str, LineWord]:
    """Title terms that name a product line or model ("airpod", "galaxy", "z800", "iphone13").

    `kinds` are the shop's words for what products are and how they differ (tag and category
    words, attribute values, colours): never a line, whatever titles hold them."""
    skip = frozenset(kinds) | PLAIN_WORDS
    holders: dict[str, list[Product]] = defaultdict(list)
    for p in products:
        for term in set(name_terms(p.title)):
            if len(term) >= 2 and not term.isdigit() and term not in skip:
                holders[term].append(p)
    most = max(5, int(LINE_MAX_SHARE * len(products)))
    catalog_brands = Counter(p.brand.strip().lower() for p in products)
    found: dict[str, LineWord] = {}
    for term, held in holders.items():
        if len(held) > most:
            continue
        brand, count = Counter(p.brand.strip().lower() for p in held).most_common(1)[0]
        if not brand or count < LINE_BRAND_SHARE * len(held):
            continue  # no maker behind it: a plain word of titles ("tray", "lamp")
        if count / len(held) < LINE_BRAND_LIFT * catalog_brands[brand] / len(products):
            continue  # the maker makes most of the shop: its words say nothing of a line
        if term in {singular(t) for t in tokens(brand)}:
            continue  # the brand's own words are read as the brand
        found[term] = LineWord(
            count=len(held),
            places=tuple(sorted({(" > ".join(p.category_path), p.brand) for p in held})),
        )
    return {**title_makers(products, skip), **found}


def title_makers(products: Sequence[Product], skip: frozenset[str]) -> dict[str, LineWord]:
    """Makers' names in a shop that gives no brand: it still names them, first in its titles
    ("Zephra Lumen Headphones", "Zephra Shell Case ..."). A title's first word is a
    maker's when at least two brandless titles start with it, no title holds it anywhere else, the
    shop never writes it as a plain lower-case word (descriptions, text values: "cricket ball",
    "ice cream" are kinds of product) and it is no kind, colour, audience or general request word
    (`skip`; "Women's", "Green"). The understander ranks the maker's titles first (a wish, not a
    filter: the rest of the kind follows) and never reads a category from it."""
    led: dict[str, list[Product]] = defaultdict(list)
    anywhere: Counter[str] = Counter()
    plain: set[str] = set()
    for p in products:
        terms = name_terms(p.title)
        anywhere.update(set(terms))
        if terms and terms[0].isalpha() and not p.brand.strip():
            led[terms[0]].append(p)
        texts = [p.description, *(v for v in p.attributes.values() if isinstance(v, str))]
        plain.update(singular(w) for w in re.findall(r"(?<![\w-])[a-z][a-z]+", " ".join(texts)))
    most = MAKER_MAX_SHARE * len(products)
    found: dict[str, LineWord] = {}
    for term, held in led.items():
        if len(held) < 2 or len(held) > most or anywhere[term] != len(held):
            continue
        if term in skip or term in LEXICON_WORDS or term in plain or len(term) < 3:
            continue
        found[term] = LineWord(
            count=len(held),
            places=tuple(sorted({(" > ".join(p.category_path), "") for p in held})),
            maker=True,
        )
    return found


def read_names(text: str, vocab: CatalogVocabulary, general: frozenset[str] | None = None) -> list[str]:
    """The product-line terms the (working) turn names, in the shop's normalised title form.

    A word only one title holds is a name when it is coined ("macbook", "z800"): an English word
    in one title ("executive", "golden") only describes that product. Without a general English
    vocabulary (`general`), such one-title words are never names."""
    found: dict[str, int] = {}  # term -> titles holding it
    for term in name_terms(text):
        line = vocab.line_words.get(term)
        if line is None or term in found:
            continue
        coined = any(ch.isdigit() for ch in term) or (general is not None and term not in general)
        if line.count >= 2 or coined:
            found[term] = line.count
    for term in name_terms(text):
        if term in found or not found:
            continue
        joined = re.fullmatch(r"([a-z]+)\d+", term)
        code = re.fullmatch(r"[a-z]{1,3}\d+[a-z]?", term) and term not in vocab.shop_words
        if (joined and joined.group(1) in found) or code:
            # "iphone 14", "galaxy s9" where only other models are listed: no title holds the model.
            found[term] = 0
    # Broadest first: a relaxation lets go of the narrowest name first ("iphone 14", then "iphone").
    return sorted(found, key=lambda t: -found[t])


def categories_with_names(
    names: Sequence[str], vocab: CatalogVocabulary, categories: Sequence[str]
) -> list[str]:
    """The categories to search for named lines: the named category when the line sits there
    ("a galaxy phone"), else the one category the line sits in ("AirPods"; "Apple Watch" even
    though "watch" names the watch categories), else none (a line across several)."""
    lines = [vocab.line_words[n] for n in names if n in vocab.line_words]
    if not lines:
        return list(categories)
    places = set(lines[0].places).intersection(*(line.places for line in lines[1:]))
    paths = {path for path, _ in places if path}
    if categories and (not paths or any(category_in(path, categories) for path in paths)):
        return list(categories)
    return sorted(paths) if len(paths) == 1 else []


def unknown_words(text: str, vocab: CatalogVocabulary, general: frozenset[str] | None) -> list[str]:
    """Words of the (working) turn the shop's data never uses and no general word list knows.

    Without a general English vocabulary nothing is unknown (an ordinary word the shop happens not
    to use must never read as a missing product). Near spellings of a shop word are slips, not
    unknown words ("perfum", "samsnug")."""
    if general is None or not vocab.shop_words:
        return []
    found: list[str] = []
    for word in re.findall(r"[a-z]+", text.lower()):
        if len(word) < 4 or any(f in vocab.shop_words or f in LEXICON_WORDS for f in (word, singular(word))):
            continue
        if _forms(word) & general:
            continue
        if difflib.get_close_matches(word, vocab.shop_words, n=1, cutoff=0.8):
            continue
        found.append(word)
    return list(dict.fromkeys(found))


def unheard_kind(text: str, vocab: CatalogVocabulary) -> str | None:
    """ "lego for kids" in a shop whose data never says "lego": the head noun is a shopper noun the
    lexicon knows (a synonym's key) and no product, description or tag of this shop uses it."""
    head = QUALIFIER_RE.split(text.lower())[0]
    words = [singular(t) for t in tokens(head) if t.isalpha()]
    if not words or words[-1] not in CATEGORY_SYNONYMS or words[-1] in vocab.shop_words:
        return None
    return None if vocab.resolve_term(words[-1]) else words[-1]


def brand_words(products: Sequence[Product]) -> dict[str, dict[str, tuple[str, ...]]]:
    """Brand (lower case) -> the name terms of its titles -> the category paths of the products."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for p in products:
        if p.brand.strip():
            for term in name_terms(p.title):
                found[p.brand.strip().lower()][term].add(" > ".join(p.category_path))
    return {b: {t: tuple(sorted(paths)) for t, paths in terms.items()} for b, terms in found.items()}


def read_brand_line(
    text: str, vocab: CatalogVocabulary, brands: Sequence[str], categories: Sequence[str]
) -> tuple[list[str], list[str]] | None:
    """ "apple watch" where the maker sells no watches of the watch category, but one of its
    titles holds "watch": the word names the maker's line, not the category. The names and the
    category that line sits in; None when the brand is sold in the named category."""
    held = [vocab.brand_words.get(b.lower(), {}) for b in brands]
    if not categories or not any(held):
        return None
    if any(category_in(path, categories) for words in held for paths in words.values() for path in paths):
        return None
    terms = [t for t in dict.fromkeys(name_terms(text)) if not t.isdigit() and any(t in w for w in held)]
    terms = [t for t in terms if t not in PLAIN_WORDS]
    if not terms:
        return None
    paths = set.intersection(*({p for w in held for p in w.get(t, ())} for t in terms))
    return terms, (sorted(paths) if len(paths) == 1 else [])
