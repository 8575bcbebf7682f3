"""Categorical facets read off the working turn: materials, types, models, fits and activities.

Split from understand_slots because these readers look at the whole vocabulary at once: the
longest phrase wins, keys follow the named category, and a misspelt or unlisted value still reads.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence

import numpy as np

from assistant.records import AttrValue
from assistant.understand.catalog_facts import is_color_key, is_size_key
from assistant.understand.price import Work
from assistant.understand.slots import AUDIENCES, COMMON_WORDS, FILTER_WORDS, SlotReading
from assistant.understand.values import fold_key, unit_of
from assistant.understand.vocabulary import CatalogVocabulary, category_in, norm_phrase, singular, tokens
from assistant.understand.words import (
    COLLECTIVES,
    FILLERS,
    FUNCTION_WORDS,
    PLAIN_VALUES,
    QUESTION_OPENERS,
    VALUE_SYNONYMS,
    VALUES_ALSO,
)


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


def _literal(form: str) -> str:
    """A value's words as typed: a space, a hyphen or nothing between them ("in-ear", "in ear")."""
    words = [re.escape(w) for w in re.split(r"[\s-]+", form.strip()) if w]
    return r"(?:\s+|-)?".join(words) if words else r"(?!x)x"  # a value of dashes names nothing


def _value_pattern(key: str, value: str, form: str) -> str:
    # A plural value ("dinosaurs", "board games") is also named in the singular: "dinosaur set".
    one = singular(form) if form[-1:] == "s" and form[-2:-1].isalpha() else form
    stems = [_literal(form)] if one in (form, *COMMON_WORDS) else [_literal(form), _literal(one)]
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
    # start, end, key, value, names a category, linked loosely (another word or a part of the value)
    found: list[tuple[int, int, str, str, bool, bool]] = []
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
                    found.append((match.start(), match.end(), key, value, bool(named), False))
            for pattern, cut in _loose_patterns(key, value):
                for match in re.finditer(pattern, work.text):
                    said = norm_phrase(match.group(0))
                    # A cut-short word must not be a product the shop sells under that name
                    # ("cushion" is no "cushioned"), and its value must belong to the turn's categories.
                    if cut and (
                        said in vocab.head_nouns
                        or vocab.resolve_term(said)
                        or not _carried_here(vocab, key, value, hint_categories, work)
                    ):
                        continue
                    # A cut-short word stays in the turn: its products' titles use it ("robot").
                    names = bool(cut or named or vocab.resolve_term(said))
                    found.append((match.start(), match.end(), key, value, names, True))

    def preference(item: tuple[int, int, str, str, bool, bool]) -> tuple[int, bool, bool, bool, str, int]:
        start, end, key, value, _, loose = item
        carried = vocab.attribute_categories.get(key, {}).get(value, [])
        in_named = bool(hint_categories) and any(category_in(path, hint_categories) for path in carried)
        return (start - end, loose, not in_named, key != "type", key, start)

    taken: list[tuple[int, int]] = []
    for start, end, key, value, names_category, _ in sorted(found, key=preference):
        if key in reading.attributes or any(start < e and s < end for s, e in taken):
            continue
        reading.attributes[key] = value
        taken.append((start, end))
        if not names_category:
            # "tent" narrows Camping to tents: a word naming a category stays so the category reads it too.
            work.consume(start, end)


def values_also_fitting(vocab: CatalogVocabulary, reading: SlotReading) -> dict[str, list[AttrValue]]:
    """The shop's values that also fit what the turn named: "women's" admits the key's "unisex",
    "moisturizer" a "night cream" (lexicon `values_also`), only where the shop's key has that value
    and the turn did not exclude it."""
    also: dict[str, list[AttrValue]] = {}
    for key, value in reading.attributes.items():
        if not isinstance(value, str):
            continue
        carried = vocab.text_attributes.get(key, [])
        banned = {str(b).lower() for b in reading.exclude_attributes.get(key, [])}
        fits: list[AttrValue] = [
            v for v in VALUES_ALSO.get(value.lower(), ()) if v in carried and v not in banned
        ]
        if fits:
            also[key] = fits
    return also


def _loose_patterns(key: str, value: str) -> list[tuple[str, bool]]:
    """The other ways a shopper names a shop's value, each with whether it is a cut-short word: the
    general words for it (lexicon: "earbuds" for "in-ear"), the words before a collective noun
    ("mixing bowls" for "mixing bowl set"), and a long one-word value cut short by at most three
    letters ("robot" for "robotics")."""
    if value in PLAIN_VALUES or value in COMMON_WORDS:
        return []
    folded = " ".join(re.split(r"[\s-]+", value))
    patterns = [
        (_value_pattern(key, value, said), False)
        for name, saids in VALUE_SYNONYMS.items()
        if " ".join(re.split(r"[\s-]+", name.lower())) == folded
        for said in saids
    ]
    words = folded.split()
    if len(words) >= 3 and words[-1] in COLLECTIVES:
        patterns.append((_value_pattern(key, value, " ".join(words[:-1])), False))
    if len(words) == 1 and value.isalpha() and len(value) >= 7:
        cuts = [re.escape(value[:n]) for n in range(max(5, len(value) - 3), len(value))]
        patterns.append((rf"\b(?:{'|'.join(cuts)})(?:'s|s)?\b", True))
    return patterns


def _carried_here(
    vocab: CatalogVocabulary, key: str, value: str, hint_categories: Sequence[str], work: Work
) -> bool:
    """Whether the categories the turn names (or whose products its words describe) carry the value."""
    here = list(hint_categories) or vocab.categories_by_words(work.text)
    carried = vocab.attribute_categories.get(key, {}).get(value, [])
    return bool(here) and any(category_in(path, here) for path in carried)


def read_material_word(work: Work, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    """ "merino socks": a word that starts material names ("merino wool", "merino wool blend")
    filters on what those names share; the match is by whole words, so both qualify. A word that
    ends one ("leather" of "full-grain leather") filters on itself, matched the same way."""
    for key in vocab.material_keys:
        if key in reading.attributes:
            continue
        values = vocab.text_attributes.get(key, [])
        for match in re.finditer(r"[a-z]{5,}", work.text):
            word = match.group(0)
            if word in COMMON_WORDS or word in FILTER_WORDS:
                continue
            names = [v.split() for v in values if v.split() and v.split()[0] == word]
            if not names and any(re.split(r"[\s-]+", v)[-1] == word for v in values):
                if vocab.resolve_term(word) or vocab.is_color_word(word):
                    continue
                names = [[word]]
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


# Cosine of the bundled embedder between a shopper's word and a shop value it names, measured:
# "car" ~ "vehicles" 0.80, "jogging" ~ "running" 0.80, "dino" ~ "dinosaurs" 0.76, "trucks" ~
# "vehicles" 0.75; not "snowboarding" ~ "skiing" 0.67, "animals" ~ "dinosaurs" 0.53, "gym" ~
# "running" 0.47, nor "earbuds" ~ "in-ear" 0.62 (~ "over-ear" 0.59: the lexicon links that one).
# No labelled query of the three development stores fires below 0.6. The winner must also lead
# the next value by a margin.
SIMILAR_VALUE = 0.7
SIMILAR_MARGIN = 0.08
_MODEL_VALUE_RE = re.compile(r"^([a-z]+) [a-z]?\d+")
_MODEL_TAIL = r"[a-z]?\d+[a-z+]*(?: (?:pro|max|plus|ultra|mini|xl|fe|lite))*\b"


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
        pattern = rf"\b(?:{alternatives}) ?{_MODEL_TAIL}"
        match = re.search(pattern, work.text)
        if match:
            reading.attributes[key] = " ".join(match.group(0).split())
            work.consume(*match.span())
            continue
        # "case for iphone 16" in a shop listing only other makers: a model named after "for" is
        # still the filter where the turn's products carry this facet, so nothing fits, and it says so.
        for found in re.finditer(
            rf"\b(?:for|fits?|fitting)\s+(?:an?\s+|the\s+|my\s+)?(([a-z]{{3,}}) ?{_MODEL_TAIL})", work.text
        ):
            maker = found.group(2)
            if (
                maker in FUNCTION_WORDS
                or maker in COMMON_WORDS
                or vocab.resolve_term(maker)
                or unit_of(maker)
            ):
                continue
            here = vocab.match_categories(work.text)[0] or vocab.categories_by_words(work.text)
            carried = {p for paths in vocab.attribute_categories.get(key, {}).values() for p in paths}
            if here and any(category_in(path, here) for path in carried):
                reading.attributes[key] = " ".join(found.group(1).split())
                work.consume(*found.span(1))
                break


# Words before a noun that say nothing of its kind ("for my skin", "what skin type", "all skin").
_NOT_KINDS = frozenset(
    {*FUNCTION_WORDS, *COMMON_WORDS, *QUESTION_OPENERS, *FILLERS, *PLAIN_VALUES} - {"normal"}
)


def read_unlisted_kinds(
    work: Work, vocab: CatalogVocabulary, reading: SlotReading, hint_categories: Sequence[str] = ()
) -> None:
    """ "a serum for oily skin" where the shop's "skin type" lists only dry, normal and combination:
    a word before the noun of a "<noun> type" key names a kind the shop does not list. It stays the
    filter, so the answer says nothing fits instead of offering serums for any skin."""
    for key, values in vocab.text_attributes.items():
        words = fold_key(key).split()
        if key in reading.attributes or len(words) != 2 or words[1] != "type" or len(words[0]) < 3:
            continue
        carried = {p for paths in vocab.attribute_categories.get(key, {}).values() for p in paths}
        here = list(hint_categories) or vocab.match_categories(work.text)[0]
        if here and not any(category_in(path, here) for path in carried):
            continue
        noun = re.escape(words[0])
        for match in re.finditer(rf"\b([a-z]{{3,}}(?:-[a-z]+)?)[\s-]+{noun}s?\b", work.text):
            kind = match.group(1)
            if kind in values or kind in _NOT_KINDS or vocab.is_color_word(kind):
                continue
            if vocab.resolve_term(kind) or any(kind in vals for vals in vocab.text_attributes.values()):
                continue
            reading.attributes[key] = kind
            work.consume(*match.span(1))
            break


def read_similar_values(
    work: Work,
    vocab: CatalogVocabulary,
    reading: SlotReading,
    categories: Sequence[str],
    embed: Callable[[list[str]], np.ndarray],
    threshold: float = SIMILAR_VALUE,
) -> None:
    """ "race cars" where the kits' themes are "vehicles": a word no reader linked, close in meaning
    to exactly one of the shop's values in the asked-for categories, names that value; said back
    ('I searched "cars" as vehicles.'). Only inside named categories, one clear winner, never a
    product noun, a category word, a colour or a word the lexicon already knows."""
    if not categories:
        return
    values: list[tuple[str, str]] = []
    keys = {
        k for path, carried in vocab.category_keys.items() if category_in(path, categories) for k in carried
    }
    for key in sorted(keys):
        if key in reading.attributes or is_color_key(key) or is_size_key(key):
            continue
        for value, paths in vocab.attribute_categories.get(key, {}).items():
            plain = value in PLAIN_VALUES or value in COMMON_WORDS or len(value) <= 2
            if (
                not plain
                and not any(ch.isdigit() for ch in value)
                and any(category_in(p, categories) for p in paths)
            ):
                values.append((key, value))
    named = {w for path in categories for w in norm_phrase(path.replace(">", " ")).split()}
    # A word of a key's own name ("warranty") names the attribute, not one of its values.
    named |= {singular(w) for key, _ in values for w in fold_key(key).split()}
    words = [
        w
        for w in dict.fromkeys(m.group(0) for m in re.finditer(r"[a-z]{3,}", work.text))
        if w not in _NOT_KINDS and w not in FILTER_WORDS and singular(w) not in named
        and singular(w) not in vocab.head_nouns and not vocab.resolve_term(singular(w))
        and not vocab.is_color_word(w) and not any(w in wish.split() for wish in reading.wishes)
    ]  # fmt: skip
    if not values or not words:
        return
    vectors = embed([*words, *(value for _, value in values)])
    scores = vectors[len(words) :] @ vectors[: len(words)].T  # value x word
    for j, word in enumerate(words):
        order = np.argsort(-scores[:, j])
        best = float(scores[order[0], j])
        second = float(scores[order[1], j]) if len(order) > 1 else -1.0
        key, value = values[int(order[0])]
        if singular(word) in {singular(t) for t in tokens(value)}:
            continue  # "warranty" ~ "no warranty": the shared word, not the meaning, made it close
        if best >= threshold and best - second >= SIMILAR_MARGIN and key not in reading.attributes:
            reading.attributes[key] = value
            reading.notes.append(f'I searched "{word}" as {value}.')


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
