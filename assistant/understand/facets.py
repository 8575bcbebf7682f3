"""Categorical facets read off the working turn: materials, types, models, fits and activities.

Split from understand_slots because these readers look at the whole vocabulary at once: the
longest phrase wins, keys follow the named category, and a misspelt or unlisted value still reads.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from assistant.understand.catalog_facts import is_color_key, is_size_key
from assistant.understand.price import Work
from assistant.understand.slots import AUDIENCES, COMMON_WORDS, FILTER_WORDS, SlotReading
from assistant.understand.values import fold_key
from assistant.understand.vocabulary import CatalogVocabulary, category_in, singular, tokens
from assistant.understand.words import PLAIN_VALUES


def _inflected(phrase: str) -> str:
    """ "ships overnight" also as "ship overnight", "shipping overnight": a value of several words
    is named with its longer words inflected. One-word values keep the exact match above."""
    words = phrase.split()
    if len(words) < 2:
        return r"(?!x)x"
    return r"\s+".join(
        rf"{re.escape(_stem(w))}\w{{0,4}}" if len(w) >= 4 and w.isalpha() else re.escape(w) for w in words
    )


def _stem(word: str) -> str:
    """ "dispatched" -> "dispatch", "ships" -> "ship": the part every inflection of it starts with."""
    cut = re.sub(r"(?:ing|ed|es|s)$", "", word)
    return cut if len(cut) >= 3 else word


def _value_pattern(key: str, value: str, form: str) -> str:
    # A plural value ("dinosaurs", "board games") is also named in the singular: "dinosaur set".
    one = singular(form) if form[-1:] == "s" and form[-2:-1].isalpha() else form
    stems = [re.escape(form)] if one in (form, *COMMON_WORDS) else [re.escape(form), re.escape(one)]
    word = rf"(?:{'|'.join(stems)})(?:'s|s)?"
    # Values that are ordinary words ("long", "light", "low") name a facet only next to the key's
    # own word: "long sleeve", "light cushioning", "low cut", "dry skin".
    plain = value in PLAIN_VALUES or value in COMMON_WORDS or len(value) <= 2
    if not plain:
        return rf"\b(?:{word}|{_inflected(form)})\b"
    key_words = "|".join(re.escape(w) for w in fold_key(key).split() if len(w) > 2 and w != "type")
    if not key_words:
        return r"(?!x)x"  # never: a plain word with no key word to anchor it
    return rf"\b{word}[\s-]+(?:{key_words})\w*\b|\b(?:{key_words})\w*\s*(?:type\s*)?(?:is\s*|:\s*)?{word}\b"


def read_text_attributes(
    work: Work, vocab: CatalogVocabulary, reading: SlotReading, hint_categories: Sequence[str] = ()
) -> None:
    """Categorical facets ("organic cotton", "iphone 16 pro", "cast iron skillet").

    The longest phrase wins ("iphone 16 pro" over "iphone 16"); between keys naming the same
    words, the one the named categories carry wins ("down jacket": a jacket's insulation, not a
    sleeping bag's fill), then a product type.
    """
    found: list[tuple[int, int, str, str, bool]] = []  # start, end, key, value, names a category
    for key, values in vocab.text_attributes.items():
        if is_color_key(key) or is_size_key(key):
            continue
        for value in values:
            named = vocab.resolve_term(value)
            if named and any(_is_leaf(vocab, path, value) for path in named):
                continue  # "hiking" is the category itself; a second filter would only lose items
            # "ladies", "for him": a value that names who a product is for, in the shopper's words.
            forms = AUDIENCES.get(value, (value,))
            for form in forms:
                for match in re.finditer(_value_pattern(key, value, form), work.text):
                    found.append((match.start(), match.end(), key, value, bool(named)))

    def preference(item: tuple[int, int, str, str, bool]) -> tuple[int, bool, bool, str, int]:
        start, end, key, value, _ = item
        carried = vocab.attribute_categories.get(key, {}).get(value, [])
        in_named = bool(hint_categories) and any(category_in(path, hint_categories) for path in carried)
        return (start - end, not in_named, key != "type", key, start)

    taken: list[tuple[int, int]] = []
    for start, end, key, value, names_category in sorted(found, key=preference):
        if key in reading.attributes or any(start < e and s < end for s, e in taken):
            continue
        reading.attributes[key] = value
        taken.append((start, end))
        if not names_category:
            # "tent" narrows Camping to tents: a word naming a category stays so the category reads it too.
            work.consume(start, end)


def read_material_word(work: Work, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    """ "merino socks": a word that starts material names ("merino wool", "merino wool blend")
    filters on what those names share; the match is by whole words, so both qualify."""
    for key in vocab.material_keys:
        if key in reading.attributes:
            continue
        values = vocab.text_attributes.get(key, [])
        for match in re.finditer(r"[a-z]{5,}", work.text):
            word = match.group(0)
            if word in COMMON_WORDS or word in FILTER_WORDS:
                continue
            names = [v.split() for v in values if v.split() and v.split()[0] == word]
            if not names:
                continue
            shared = names[0]
            for other in names[1:]:
                n = 0
                while n < min(len(shared), len(other)) and shared[n] == other[n]:
                    n += 1
                shared = shared[:n]
            reading.attributes[key] = " ".join(shared)
            work.consume(*match.span())
            return


_MODEL_VALUE_RE = re.compile(r"^([a-z]+) [a-z]?\d+")


def read_unlisted_models(work: Work, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    """ "case for iphone 12" when only iPhone 16 and 17 are listed: the model is still the filter,
    so the answer says nothing fits instead of offering a case that does not fit the phone."""
    for key, values in vocab.text_attributes.items():
        if key in reading.attributes or is_color_key(key) or is_size_key(key):
            continue
        models = [m.group(1) for v in values if (m := _MODEL_VALUE_RE.match(v))]
        if len(values) < 2 or len(models) < 0.6 * len(values):
            continue  # not a facet of model names ("pixel 9", "galaxy s25")
        prefixes = set(models)
        alternatives = "|".join(re.escape(p) for p in sorted(prefixes))
        pattern = rf"\b(?:{alternatives}) ?[a-z]?\d+[a-z+]*(?: (?:pro|max|plus|ultra|mini|xl|fe|lite))*\b"
        match = re.search(pattern, work.text)
        if match:
            reading.attributes[key] = " ".join(match.group(0).split())
            work.consume(*match.span())


def read_leaf_attributes(
    work: Work, vocab: CatalogVocabulary, reading: SlotReading, categories: Sequence[str]
) -> None:
    """ "socks for running": a value that is also a category's name ("running") is a facet of the
    category actually asked for when that category carries it and the named one is not asked for."""
    if not categories:
        return
    for key, values in vocab.attribute_categories.items():
        if is_color_key(key) or is_size_key(key) or key == "type" or key in reading.attributes:
            continue
        for value, carried in values.items():
            named = vocab.resolve_term(value)
            if not named or any(category_in(path, categories) for path in named):
                continue
            if not any(category_in(path, categories) for path in carried):
                continue
            match = re.search(_value_pattern(key, value, value), work.text)
            if match:
                reading.attributes[key] = value
                break


def _is_leaf(vocab: CatalogVocabulary, path: str, value: str) -> bool:
    info = vocab.categories.get(path)
    leaf = info.leaf if info is not None else path.split(" > ")[-1]
    return " ".join(singular(t) for t in tokens(leaf)) == " ".join(singular(t) for t in tokens(value))


def read_misspelt_type(work: Work, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    """ "sleping bag": a product type of two or more words, typed with a slip, still names the type."""
    if "type" in reading.attributes:
        return
    words = list(re.finditer(r"[a-z'-]+", work.text))
    best: tuple[float, str, int, int] | None = None
    for value in vocab.text_attributes.get("type", []):
        n = len(value.split())
        if n < 2:
            continue
        for i in range(len(words) - n + 1):
            start, end = words[i].start(), words[i + n - 1].end()
            typed = " ".join(w.group(0) for w in words[i : i + n])
            ratio = difflib.SequenceMatcher(None, typed, value).ratio()
            if ratio >= 0.9 and (best is None or ratio > best[0]):
                best = (ratio, value, start, end)
    if best is not None:
        _, value, start, end = best
        reading.attributes["type"] = value
        if not vocab.resolve_term(value):
            work.consume(start, end)
