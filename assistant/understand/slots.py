"""Catalog slots read off the working turn: exclusions, booleans, sizes, colours, brands, attributes."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.records import AttrValue
from assistant.understand import words
from assistant.understand.catalog_facts import is_color_key, is_material_key, is_size_key
from assistant.understand.price import Work
from assistant.understand.values import fold_key
from assistant.understand.vocabulary import CatalogVocabulary, category_in, join_names, tokens
from assistant.understand.words import ANTONYMS, MATERIAL_KIN, PROPERTY_SYNONYMS, SIZE_WORDS

# Re-exported for the facet readers: one list each, from lexicon/*.yaml.
COMMON_WORDS = words.COMMON_WORDS
FILTER_WORDS = words.EXPECTED_FILTERS
AUDIENCES = words.AUDIENCES
SOFT_WISHES = re.compile(rf"\b(?:{words.alternation(words.SOFT_WISHES)})\b")
# "that aren't waterproof", "one that isn't leather": a verb's contracted not negates like "not".
_NEGATION = (
    r"(?:not|no|without|except(?: for)?|anything but|other than|excluding|but not|non|avoid|"
    r"nothing(?: in| from| made of)?|never|(?:are|is|was|were|do|does|did)n[’']?t(?: made of| in)?)"
)
_LETTER_SIZES = r"xxs|xs|s|m|l|xl|xxl|xxxl|[2-5]xl|small|medium|large|extra[ -]large|x[ -]large"
_SIZE = rf"(\d{{1,2}}(?:[.,]5)?|{_LETTER_SIZES})"
SIZE_AFTER_WORD_RE = re.compile(rf"\b(?:size|sz|sized|eu|uk|us)\s*:?\s*{_SIZE}\b")
SIZE_AFTER_IN_RE = re.compile(
    rf"\b(?:in|make (?:it|that|them)|change (?:it|that|them) to|swap (?:it|that) for) (?:a|an|size)\s+"
    rf"{_SIZE}\b(?!\s*(?:year|day|hour|week)s?)"
)
MULTI_LETTER_SIZE_RE = re.compile(r"\b(xxs|xs|xl|xxl|xxxl|[2-5]xl)\b")


@dataclass
class SlotReading:
    """Mutable accumulator while one turn is read; copied into Constraints at the end."""

    brands: list[str] = field(default_factory=list)
    exclude_brands: list[str] = field(default_factory=list)
    colors: list[str] = field(default_factory=list)
    exclude_colors: list[str] = field(default_factory=list)
    sizes: list[str] = field(default_factory=list)
    attributes: dict[str, AttrValue] = field(default_factory=dict)
    exclude_attributes: dict[str, list[AttrValue]] = field(default_factory=dict)
    ranges: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    wishes: list[str] = field(default_factory=list)
    only: bool = False
    notes: list[str] = field(default_factory=list)
    unlisted_sizes: list[str] = field(default_factory=list)  # sizes typed that the shop does not list


def _phrase_re(phrase: str) -> str:
    """Words of a catalog phrase, allowing space/hyphen/underscore and a doubled or single l."""
    parts = [re.escape(w).replace("ll", "ll?") for w in phrase.replace("_", " ").split()]
    return r"[\s_-]*".join(parts)


def _add_exclusion(reading: SlotReading, vocab: CatalogVocabulary, word: str) -> bool:
    brand = vocab.match_brand(word, fuzzy=len(word) >= 5 and word not in COMMON_WORDS)
    if brand:
        reading.exclude_brands.append(brand)
        return True
    color = vocab.match_color(word)
    if color.exact:
        reading.exclude_colors.extend(color.colors)
        return True
    for key, values in vocab.text_attributes.items():
        if is_color_key(key) or is_size_key(key):
            continue
        for value in values:
            if value == word or value == word.rstrip("s"):
                excluded = reading.exclude_attributes.setdefault(key, [])
                excluded.append(value)
                if is_material_key(key):
                    excluded.extend(kin for kin in MATERIAL_KIN.get(value, ()) if kin in values)
                return True
    for key in vocab.boolean_attributes:
        if re.fullmatch(_phrase_re(key), word):
            reading.attributes[key] = False
            return True
    return False


def read_exclusions(work: Work, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    pattern = re.compile(
        rf"\b{_NEGATION}[\s-]+(?:in |from |made of |by |with |the |any |an? )?"
        r"([a-z0-9][a-z0-9'&.-]*(?: [a-z0-9]+)?)"
    )
    for match in list(pattern.finditer(work.text)):
        words = match.group(1).split()
        # Try the two-word phrase first ("noise cancelling"), then the first word alone.
        for candidate, end in ((" ".join(words), match.end(1)), (words[0], match.start(1) + len(words[0]))):
            if _add_exclusion(reading, vocab, candidate):
                chain_end = end
                tail = re.compile(r"\s*(?:,|or|and|nor)\s+(?:in |from )?([a-z0-9][a-z0-9'&.-]*)")
                more = tail.match(work.text, chain_end)
                while more and _add_exclusion(reading, vocab, more.group(1)):
                    chain_end = more.end()
                    more = tail.match(work.text, chain_end)
                work.consume(match.start(), chain_end)
                break
    for match in list(re.finditer(r"\b([a-z]+)[- ]free\b", work.text)):
        if _add_exclusion(reading, vocab, match.group(1)):
            work.consume(*match.span())
        else:
            reading.wishes.append(match.group(0))


def property_phrases(key: str) -> tuple[str, ...]:
    """The ways a shopper names a yes/no key: the key's own words, plus the general synonyms of
    the property those words are ("water resistant" for a key spelled "Waterproof")."""
    folded = fold_key(key)
    phrases = [folded]
    for name, synonyms in PROPERTY_SYNONYMS.items():
        if folded == name or folded in synonyms:
            phrases.extend(p for p in (name, *synonyms) if p not in phrases)
    return tuple(phrases)


def read_booleans(work: Work, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    for key in vocab.boolean_attributes:
        for phrase in property_phrases(key):
            match = re.search(rf"\b{_phrase_re(phrase)}\b", work.text)
            if match:
                reading.attributes.setdefault(key, True)
                work.consume(*match.span())
                break
    _read_misspelt_booleans(work, vocab, reading)
    for word, name in ANTONYMS.items():
        match = re.search(rf"\b{word}\b", work.text)
        flag = next((k for k in vocab.boolean_attributes if fold_key(k) == name), None)
        if match and flag is not None:
            reading.attributes[flag] = False
            work.consume(*match.span())
    for phrase in FILTER_WORDS:
        match = re.search(rf"\b{_phrase_re(phrase)}\b", work.text)
        if match:
            reading.wishes.append(phrase)
            reading.notes.append(f'I can\'t filter on "{phrase}" in this catalog, so I ranked by it instead.')
            work.consume(*match.span())


def _read_misspelt_booleans(work: Work, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    """ "waterprof": a long one-word facet typed with a slip still filters."""
    single = [key for key in vocab.boolean_attributes if " " not in fold_key(key) and len(key) >= 7]
    for match in list(re.finditer(r"[a-z]{6,}", work.text)):
        word = match.group(0)
        if word in COMMON_WORDS or vocab.resolve_term(word) or vocab.is_color_word(word):
            continue
        close = difflib.get_close_matches(word, single, n=1, cutoff=0.85)
        if close and close[0] not in reading.attributes:
            reading.attributes[close[0]] = True
            work.consume(*match.span())


def _size_value(vocab: CatalogVocabulary, typed: str, reading: SlotReading) -> None:
    typed = typed.replace(",", ".")
    spelled = SIZE_WORDS.get(typed, typed)
    found = vocab.match_size(typed) or vocab.match_size(spelled)
    if found:
        reading.sizes.append(found)
        return
    value = spelled.upper() if spelled.isalpha() or spelled[-1:].isalpha() else spelled
    if not vocab.sizes:
        reading.wishes.append(f"size {value}")
        return
    reading.sizes.append(value)
    reading.unlisted_sizes.append(value)  # said back once the categories are known


def note_unlisted_sizes(vocab: CatalogVocabulary, reading: SlotReading, categories: Sequence[str]) -> None:
    """ "This shop lists sizes as ...": the sizes of the asked-for kind of product only (a shoe
    size is not answered with the sizes of bottles), all sizes when no kind was named."""
    if not reading.unlisted_sizes:
        return
    sold = [
        size
        for path, sizes in vocab.category_sizes.items()
        if categories and category_in(path, categories)
        for size in sizes
    ] or ([] if categories else vocab.sizes)
    for value in reading.unlisted_sizes:
        if not sold:
            reading.notes.append(f"These products are not sold by size; I kept size {value} as you wrote it.")
            continue
        listed = ", ".join(dict.fromkeys(sold[:12]))
        reading.notes.append(
            f"This shop lists sizes here as {listed}; I kept size {value} exactly as you wrote it "
            "(sizes are never converted between systems)."
        )


# After a size word, the shop's own size spelling in full ("size 80%", "size 10.5", "sz full size").
_SIZE_LABEL_RE = re.compile(r"\b(?:size|sz|sized)\s*:?\s*([a-z0-9][\w.,%+/-]*(?: [a-z0-9][\w.%+-]*)?)")


def _read_catalog_sizes(work: Work, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    """Sizes written the shop's way: the words after a size word linked to the shop's own sizes,
    longest first, so "size 80%" is the size "80%" and never size 80 followed by a stray "%"."""
    if not vocab.sizes:
        return
    for match in list(_SIZE_LABEL_RE.finditer(work.text)):
        words = match.group(1).split()
        for n in (2, 1):
            if len(words) < n:
                continue
            typed = " ".join(words[:n]).rstrip(".,")
            found = vocab.match_size(typed)
            if found:
                reading.sizes.append(found)
                work.consume(match.start(), match.start(1) + len(typed))
                break
        else:
            # Not a size the shop lists, but written with its symbol ("75%", "8+"): kept whole.
            symbol = re.match(r"\d[\d.,]*[%+]", match.group(1))
            if symbol:
                _size_value(vocab, symbol.group(0), reading)
                work.consume(match.start(), match.start(1) + symbol.end())


def read_sizes(work: Work, raw: str, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    _read_catalog_sizes(work, vocab, reading)
    for pattern in (SIZE_AFTER_WORD_RE, SIZE_AFTER_IN_RE):
        for match in list(pattern.finditer(work.text)):
            _size_value(vocab, match.group(1), reading)
            work.consume(*match.span())
    for match in list(MULTI_LETTER_SIZE_RE.finditer(work.text)):
        _size_value(vocab, match.group(1), reading)
        work.consume(*match.span())
    # A lone capital S, M or L counts only when the catalog sells that size and it was typed in
    # capitals: "M" is a size, "m" is usually a typo or a unit.
    for match in list(re.finditer(r"(?<![\w'’])([SML])(?![\w'’])", raw)):
        if work.text[match.start()] != " " and vocab.match_size(match.group(1)):
            reading.sizes.append(vocab.match_size(match.group(1)) or match.group(1))
            work.consume(*match.span())


_SIZE_WORD_RE = re.compile(r"(?<!too )(?<!not )\b(small|medium|large|extra[ -]large|x[ -]large)\b")


def read_size_words(
    work: Work, vocab: CatalogVocabulary, reading: SlotReading, categories: Sequence[str]
) -> None:
    """ "a small t-shirt" is size S, but only where the asked-for category sells S: a small
    backpack or a large tent stays a wish for the ranking."""
    if reading.sizes or not categories:
        return
    sold = {
        size
        for path, sizes in vocab.category_sizes.items()
        if category_in(path, categories)
        for size in sizes
    }
    for match in _SIZE_WORD_RE.finditer(work.text):
        size = SIZE_WORDS.get(match.group(1), "")
        if size in sold:
            reading.sizes.append(size)
            work.consume(*match.span())
            return


def read_colors(work: Work, raw: str, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    only_re = re.compile(r"\b(?:only|just|exclusively)\b(?: in)?\s*$")
    # A two-word colour ("navy blue", "off white") first; otherwise the single word. A lookahead
    # keeps "in blue" from swallowing "blue" when "in blue" is not itself a colour.
    words = list(re.finditer(r"[a-z]+(?=( (?:blue|white|green))?)", work.text))
    for match in words:
        word = match.group(0)
        compound = word + (match.group(1) or "")
        if match.group(1) and vocab.is_color_word(compound):
            word = compound
        if not vocab.is_color_word(word):
            fuzzy = len(word) >= 5 and word not in COMMON_WORDS
            close = difflib.get_close_matches(word, vocab.colors, n=1, cutoff=0.8) if fuzzy else []
            if not close:
                continue
        start, end = match.start(), match.start() + len(word)
        before, after = work.text[max(0, start - 20) : start], work.text[end : end + 12]
        only = bool(only_re.search(before) or re.match(r"\s*only\b", after) or "ONLY" in raw)
        result = vocab.match_color(word)
        reading.only = reading.only or only
        if result.colors and (result.exact or not only):
            reading.colors.extend(c for c in result.colors if c not in reading.colors)
            if result.note:
                reading.notes.append(result.note)
        elif only:
            reading.colors.append(word)  # nothing may stand in: the filter rightly finds nothing
            near = join_names(result.colors)
            offer = f" I can show {near} instead." if near else ""
            reading.notes.append(f"Nothing here is listed in {word}.{offer}")
        else:
            reading.wishes.append(word)
            reading.notes.append(f"Nothing here is listed in {word}, so I left the colour open.")
        work.consume(start, end)


def read_brand_phrases(work: Work, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    """ "off white sneakers" where Off White is a brand and no colour of this shop: a brand name
    of several words, written out whole, is read before its words can be taken as a colour."""
    phrases = [b for b in vocab.brands if len(b.split()) > 1 and b.lower() not in vocab.colors]
    for brand in sorted(phrases, key=len, reverse=True):
        match = re.search(rf"(?<![\w]){re.escape(brand.lower())}(?:'s)?(?![\w])", work.text)
        if match and brand not in reading.brands:
            reading.brands.append(brand)
            work.consume(*match.span())


def read_brands(work: Work, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    for brand in sorted(vocab.brands, key=len, reverse=True):
        match = re.search(rf"(?<![\w]){re.escape(brand.lower())}(?:'s)?(?![\w])", work.text)
        if match:
            reading.brands.append(brand)
            work.consume(*match.span())
    for match in list(re.finditer(r"[a-z][a-z0-9-]{4,}", work.text)):
        word = match.group(0)
        if word in COMMON_WORDS or vocab.is_color_word(word) or vocab.resolve_term(word):
            continue
        found = vocab.match_brand(word)
        if found and found not in reading.brands:
            reading.brands.append(found)
            work.consume(*match.span())


def read_wishes(work: Work, reading: SlotReading) -> None:
    for match in SOFT_WISHES.finditer(work.text):
        if match.group(0) not in reading.wishes:
            reading.wishes.append(match.group(0))


def word_count(text: str) -> int:
    return len(tokens(text))
