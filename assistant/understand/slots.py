"""Catalog slots read off the working turn: exclusions, booleans, sizes, colours, brands, attributes."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.records import AttrValue
from assistant.understand.price import Work
from assistant.understand.vocabulary import CatalogVocabulary, category_in, join_names, tokens

# Frequent English words a fuzzy match must never turn into a brand or colour ("while" ~ "white").
_COMMON = """
about after again also always another anything back because before being below between both could
different does doing during each either every first from good great have here however just know
large least like little looking make many maybe might more most much need never nothing other over
please pretty quite rather really right same should show since small some something still such sure
than thank thanks that their them then there these they thing think those through under until very
want well were what when where which while white will with without would write your price cheap
light heavy great black green brown
"""
COMMON_WORDS = frozenset(_COMMON.split())
# Filter-like words a shopper expects to filter on; absent from the catalog they become wishes.
FILTER_WORDS = (
    "waterproof",
    "wireless",
    "noise cancelling",
    "machine washable",
    "dishwasher safe",
    "vegan",
    "organic",
    "rechargeable",
    "foldable",
    "insulated",
    "water resistant",
    "bluetooth",
    "recycled",
)
BOOLEAN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "waterproof": ("water resistant", "water proof", "rainproof", "weatherproof"),
    "wireless": ("bluetooth", "cordless"),
    "noise_cancelling": ("noise canceling", "noise cancellation", "anc"),
    "machine_washable": ("machine wash", "washing machine safe", "washable"),
    "magnetic_charging": ("magnetic", "magsafe", "mag safe"),
}
# Materials that are a kind of another without sharing its word: "no leather" rules out suede too.
MATERIAL_KIN: dict[str, tuple[str, ...]] = {
    "leather": ("nubuck", "suede", "full-grain leather", "top-grain leather"),
    "wool": ("merino", "merino wool", "merino wool blend", "cashmere"),
    "plastic": ("abs plastic", "polycarbonate", "tpu", "recycled plastic", "plant-based plastic"),
}
BOOLEAN_ANTONYMS: dict[str, str] = {"wired": "wireless"}
SOFT_WISHES = re.compile(
    r"\b(?:not too (?:heavy|big|bulky|loud|warm|small|tight)|comfortable|comfy|lightweight|light|durable|"
    r"warm|cozy|cosy|breathable|stylish|quiet|compact|sturdy|soft|eco[- ]friendly|sustainable|packable|"
    r"cute|minimalist|versatile|easy to clean|good grip|for (?:winter|summer|rain|travel|kids|children|"
    r"beginners|running|hiking|the gym|gym|commuting|camping|school|work|the office|a gift|gifts?))\b"
)
GENDER_WORDS: dict[str, tuple[str, ...]] = {
    "men": ("men", "mens", "man", "male", "guys", "his"),
    "women": ("women", "womens", "woman", "female", "ladies", "lady", "hers"),
    "unisex": ("unisex",),
    "kids": ("kids", "kid", "children", "child", "boys", "girls"),
}
_NEGATION = (
    r"(?:not|no|without|except(?: for)?|anything but|other than|excluding|but not|non|avoid|"
    r"nothing(?: in| from| made of)?|never)"
)
_LETTER_SIZES = r"xxs|xs|s|m|l|xl|xxl|xxxl|[2-5]xl|small|medium|large|extra[ -]large|x[ -]large"
_SIZE_WORDS = {
    "small": "S",
    "medium": "M",
    "large": "L",
    "extra large": "XL",
    "extra-large": "XL",
    "x large": "XL",
    "x-large": "XL",
}
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
        if key in ("color", "colour", "size"):
            continue
        for value in values:
            if value == word or value == word.rstrip("s"):
                excluded = reading.exclude_attributes.setdefault(key, [])
                excluded.append(value)
                if key == "material":
                    excluded.extend(kin for kin in MATERIAL_KIN.get(value, ()) if kin in values)
                return True
    for key in vocab.boolean_attributes:
        if re.fullmatch(_phrase_re(key), word):
            reading.attributes[key] = False
            return True
    return False


def read_exclusions(work: Work, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    pattern = re.compile(
        rf"\b{_NEGATION}[\s-]+(?:in |from |made of |by |with |the |any )?"
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


def read_booleans(work: Work, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    for key in vocab.boolean_attributes:
        for phrase in (key, *BOOLEAN_SYNONYMS.get(key, ())):
            match = re.search(rf"\b{_phrase_re(phrase)}\b", work.text)
            if match:
                reading.attributes.setdefault(key, True)
                work.consume(*match.span())
                break
    _read_misspelt_booleans(work, vocab, reading)
    for word, key in BOOLEAN_ANTONYMS.items():
        match = re.search(rf"\b{word}\b", work.text)
        if match and key in vocab.boolean_attributes:
            reading.attributes[key] = False
            work.consume(*match.span())
    for phrase in FILTER_WORDS:
        match = re.search(rf"\b{_phrase_re(phrase)}\b", work.text)
        if match:
            reading.wishes.append(phrase)
            reading.notes.append(f'I can\'t filter on "{phrase}" in this catalog, so I ranked by it instead.')
            work.consume(*match.span())


def _read_misspelt_booleans(work: Work, vocab: CatalogVocabulary, reading: SlotReading) -> None:
    """ "waterprof": a long one-word facet typed with a slip still filters."""
    single = [key for key in vocab.boolean_attributes if "_" not in key and len(key) >= 7]
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
    spelled = _SIZE_WORDS.get(typed, typed)
    found = vocab.match_size(typed) or vocab.match_size(spelled)
    if found:
        reading.sizes.append(found)
        return
    value = spelled.upper() if spelled.isalpha() or spelled[-1:].isalpha() else spelled
    if not vocab.sizes:
        reading.wishes.append(f"size {value}")
        return
    reading.sizes.append(value)
    listed = ", ".join(vocab.sizes[:12])
    reading.notes.append(
        f"This shop lists sizes as {listed}; I kept size {value} exactly as you wrote it "
        "(sizes are never converted between systems)."
    )


def read_sizes(work: Work, raw: str, vocab: CatalogVocabulary, reading: SlotReading) -> None:
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
        size = _SIZE_WORDS.get(match.group(1), "")
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
