"""The constraint vocabulary of the loaded catalog: categories, brands, colours, sizes, attributes.

Everything here is collected from the products themselves (catalog_facts.py). The only hand-made
tables are general shopper words (lexicon/*.yaml: synonyms, near colours); they are applied only
onto facets this catalog has, so a shop that sells no jackets never gets a "jackets" filter from
the word "parka".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.records import Product
from assistant.understand.catalog_facts import (
    CategoryInfo,
    NumericRange,
    category_infos,
    category_terms,
    classify,
    collect,
    head_nouns,
    is_material_key,
    word_categories,
)
from assistant.understand.names import LineWord, brand_words, line_words, shop_words
from assistant.understand.text import category_in, edit_distance, join_names, norm_phrase, singular, tokens
from assistant.understand.values import link_value
from assistant.understand.words import (
    AUDIENCES,
    BASIC_COLORS,
    CATEGORY_SYNONYMS,
    COMMON_WORDS,
    FUNCTION_WORDS,
    NEAR_COLORS,
    NO_FUZZY,
    RETAIL_NOUNS,
    SAME_COLORS,
)

# Re-exported: later stages import these from here.
__all__ = [
    "CatalogVocabulary",
    "CategoryInfo",
    "ColorMatch",
    "NumericRange",
    "category_in",
    "join_names",
    "norm_phrase",
    "singular",
    "tokens",
]

Embed = Callable[[list[str]], np.ndarray]
_RETAIL_NOUNS = frozenset(norm_phrase(noun) for noun in RETAIL_NOUNS)
# Where a noun phrase's head ends: a purpose or qualifier follows ("a road bike for commuting").
_QUALIFIER_RE = re.compile(r"\b(?:for|with|that|which|to|from|in|under|below|over|without|by|like)\b")


@dataclass(frozen=True)
class ColorMatch:
    colors: list[str]  # catalog colour values the shopper's word maps onto (empty: none fit)
    exact: bool  # True when the shopper's word itself is a catalog colour
    note: str | None  # disclosure for a near match, e.g. 'I searched "cream" as beige and white.'


@dataclass(frozen=True)
class CatalogVocabulary:
    categories: dict[str, CategoryInfo]  # path -> info, every category in the catalog
    brands: list[str]  # brand names as the catalog spells them
    colors: list[str]  # lowercase colour values from products and variants
    sizes: list[str]  # variant "size" values exactly as spelled ("42", "M", "XL", "80%")
    materials: list[str]  # lowercase values of the material keys
    boolean_attributes: list[str]  # attribute keys whose values are all yes/no
    numeric_attributes: dict[str, NumericRange]  # attribute key -> range seen
    text_attributes: dict[str, list[str]]  # other short categorical attributes -> lowercase values
    price_min: float  # cheapest price overall (0.0 for an empty catalog)
    price_max: float  # dearest price overall
    currency: str  # the catalog's most common currency code
    # Normalised phrase -> category paths it names (leaf, parent, "leaf parent", title nouns).
    category_terms: dict[str, list[str]] = field(default_factory=dict)
    # Attribute key -> lowercase value -> category paths whose products carry it ("down" is a
    # jacket's insulation but a sleeping bag's fill), so a reading can prefer the named category's key.
    attribute_categories: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # Numeric attribute key -> category paths whose products carry it (a weight in tents and boots).
    numeric_categories: dict[str, list[str]] = field(default_factory=dict)
    # Category path -> the sizes its variants come in, so "small" reads as size S only where S exists.
    category_sizes: dict[str, list[str]] = field(default_factory=dict)
    # Category path -> every attribute key its products or variants carry (what can filter there).
    category_keys: dict[str, frozenset[str]] = field(default_factory=dict)
    # Singular nouns the catalog's products are (title heads, type heads, category words): what it carries.
    head_nouns: frozenset[str] = frozenset()
    # Title terms naming a product line or model ("airpod", "iphone13"; names.line_words).
    line_words: dict[str, LineWord] = field(default_factory=dict)
    # Every singular word of the shop's data, so a word it never uses can be said to be missing.
    shop_words: frozenset[str] = frozenset()
    # Brand (lower case) -> its titles' name terms -> the category paths of its products holding them.
    brand_words: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # Attribute key -> the shop's own texts of converted values ("7 ft", "1TB SSD"), for references.
    value_texts: dict[str, list[str]] = field(default_factory=dict)
    # Keys naming a material ("material", "strap material"), whose values "no leather" reads.
    material_keys: tuple[str, ...] = ()
    # Singular word of titles, tags and category names -> the categories its products sit in.
    word_categories: dict[str, list[str]] = field(default_factory=dict)
    # Singular words of the products' tags: what the shop says its products are.
    tag_words: frozenset[str] = frozenset()
    # Numeric key -> value -> category paths carrying it (keys with few distinct values), so a bare
    # "40 litre" filters on that value where the shop has it.
    numeric_values: dict[str, dict[float, list[str]]] = field(default_factory=dict)
    # Numeric key -> the shop's own text of each converted value -> its amount
    # ("lifetime warranty" -> UNBOUNDED, "30 days return policy" -> 720.0).
    amounts: dict[str, dict[str, float]] = field(default_factory=dict)

    # --- construction --------------------------------------------------------------------

    @classmethod
    def from_products(cls, products: Sequence[Product]) -> CatalogVocabulary:
        facts = collect(products)
        kinds = classify(facts)
        categories = category_infos(facts.prices_by_path)
        material_keys = tuple(k for k in kinds.texts if is_material_key(k))
        all_prices = [p.price for p in products]
        lines = line_words(products, _kind_words(products, kinds.texts, kinds.colors, categories))
        makers = {term for term, line in lines.items() if line.maker}  # no kind of product ("Zephra")
        # Words that end or fill titles without being a kind of product: colours, audiences.
        not_nouns = {
            *(singular(w) for w in [*kinds.colors, *BASIC_COLORS, *NEAR_COLORS, *COMMON_WORDS]),
            *(singular(w) for value, said in AUDIENCES.items() for w in (value, *said)),
            *FUNCTION_WORDS,
        }
        return cls(
            categories=categories,
            brands=sorted(facts.brands.values(), key=str.lower),
            colors=kinds.colors,
            sizes=list(facts.sizes),
            materials=sorted({v for k in material_keys for v in kinds.texts[k]}),
            boolean_attributes=kinds.booleans,
            numeric_attributes=kinds.numerics,
            text_attributes=kinds.texts,
            price_min=min(all_prices) if all_prices else 0.0,
            price_max=max(all_prices) if all_prices else 0.0,
            currency=facts.currencies.most_common(1)[0][0] if facts.currencies else "USD",
            category_terms=category_terms(categories, products, not_nouns),
            word_categories=word_categories(
                products, not_nouns | makers | _modifier_words(products, kinds.texts)
            ),
            tag_words=frozenset(singular(t) for p in products for tag in p.tags for t in tokens(tag)),
            attribute_categories={
                key: {value: sorted(paths) for value, paths in values.items()}
                for key, values in facts.carried.items()
            },
            category_sizes={path: list(sizes) for path, sizes in facts.category_sizes.items()},
            numeric_categories={key: sorted(paths) for key, paths in facts.numeric_paths.items()},
            category_keys={path: frozenset(keys) for path, keys in facts.keys_by_path.items()},
            head_nouns=head_nouns(categories, products, kinds.texts.get("type", [])),
            line_words=lines,
            shop_words=shop_words(products),
            brand_words=brand_words(products),
            value_texts={key: list(texts) for key, texts in facts.texts.items()},
            material_keys=material_keys,
            numeric_values={
                key: {value: sorted(paths) for value, paths in sorted(values.items())}
                for key, values in facts.numeric_values.items()
                if key in kinds.numerics
            },
            amounts={key: dict(texts) for key, texts in facts.amounts.items() if key in kinds.numerics},
        )

    def uncarried_noun(self, text: str) -> str | None:
        """The well-known product the shopper names when this catalog has none of that kind.

        The head noun is the last word before any purpose or qualifier ("a road bike for
        commuting" -> "bike"); two-word nouns ("dog food") are tried first.
        """
        head = _QUALIFIER_RE.split(text.lower())[0]
        words = [singular(t) for t in tokens(head) if t.isalpha()]
        if not words:
            return None
        for phrase in (" ".join(words[-2:]), words[-1]):
            # Carried: a title's head noun, a category's name, or a tag word ("mascara" tags
            # "Essence Mascara Lash Princess"); a title's other words may be modifiers ("Laptop Sleeve").
            last = phrase.split()[-1]
            carried = last in self.head_nouns or last in self.tag_words or self.resolve_term(phrase)
            if phrase in _RETAIL_NOUNS and not carried:
                return phrase
        return None

    # --- categories ----------------------------------------------------------------------

    def resolve_term(self, phrase: str) -> list[str]:
        """Category paths a normalised phrase names directly or through the synonym table."""
        direct = self.category_terms.get(phrase)
        if direct:
            return list(direct)
        # "scarf", "knife", "shelf": the crude singular keeps the shop's "Scarves" as "scarve".
        f_plural = re.sub(r"(?:fe|f)$", "ve", phrase)
        if f_plural != phrase and self.category_terms.get(f_plural):
            return list(self.category_terms[f_plural])
        for target in CATEGORY_SYNONYMS.get(phrase, ()):
            found = self.category_terms.get(target)
            if found:
                return list(found)
        return []

    def match_categories(self, text: str, fuzzy: bool = True) -> tuple[list[str], list[str]]:
        """Category paths named in the text, and the phrases (normalised) that named them.

        A phrase naming one category ("hiking") is narrow; one naming several ("shoes") is broad.
        Narrow matches win, narrowed further by a broad one when they overlap ("shoes for hiking").
        """
        toks = [singular(t) for t in tokens(text)]
        used = [False] * len(toks)
        narrow: list[str] = []
        broad: list[list[str]] = []
        phrases: list[str] = []
        for n in (3, 2, 1):
            for i in range(len(toks) - n + 1):
                if any(used[i : i + n]):
                    continue
                phrase = " ".join(toks[i : i + n])
                paths = self.resolve_term(phrase)
                if not paths and fuzzy and n == 1:
                    paths = self._fuzzy_term(phrase)
                if paths:
                    if len(paths) == 1:
                        narrow.extend(p for p in paths if p not in narrow)
                    else:
                        broad.append(paths)
                    phrases.append(phrase)
                    for j in range(i, i + n):
                        used[j] = True
        if narrow:
            overlap = [p for p in narrow if any(p in group for group in broad)]
            if not overlap and broad:
                # "phone accessories": the narrow word ("phone" -> Smartphones) is the modifier of
                # the broad head ("accessories"); the shop's texts say which of those it belongs to.
                said = {
                    w for phrase in phrases if len(self.resolve_term(phrase)) == 1 for w in phrase.split()
                }
                overlap = [
                    p for group in broad for p in group
                    if any(p in self.word_categories.get(w, ()) for w in said)
                ]  # fmt: skip
            return (overlap or narrow), phrases
        if broad:
            common = [p for p in broad[0] if all(p in group for group in broad[1:])]
            found = common or sorted({p for group in broad for p in group})
            left = [t for t, u in zip(toks, used, strict=True) if not u]
            return self._narrow_by_name(found, left), phrases
        return [], phrases

    def categories_by_words(self, text: str) -> list[str]:
        """ "body lotion", "tennis racket": no category is named, but the shop's own titles and tags
        say where these words' products sit. All words agreeing win; else the last one (the head
        noun of an English noun phrase: "office chair" is a chair). Only the words before a purpose
        or qualifier count: in "a minivan for the family" the family is no product."""
        head = _QUALIFIER_RE.split(text.lower())[0]
        groups = [
            self.word_categories[t] for t in (singular(t) for t in tokens(head)) if t in self.word_categories
        ]
        if not groups:
            return []
        common = [p for p in groups[0] if all(p in g for g in groups[1:])]
        return common or list(groups[-1])

    def _narrow_by_name(self, paths: list[str], words: Sequence[str]) -> list[str]:
        """ "sneakers for men" among Men's Shoes and Women's Shoes: a word of the turn (or the
        audience it names: "ladies" -> women) that is in some of the candidates' names only
        keeps those. The names are the shop's own; nothing is narrowed by a word none carries."""
        for word in (w for w in words if w not in FUNCTION_WORDS):
            forms = {word, *(value for value, said in AUDIENCES.items() if word in said)}
            kept = [p for p in paths if forms & set(norm_phrase(p).split())]
            if kept and len(kept) < len(paths):
                paths = kept
        return paths

    def _fuzzy_term(self, word: str) -> list[str]:
        # A word the shop's own titles and tags use is not a slip ("table" is not "tablet").
        if len(word) < 5 or word in NO_FUZZY or word in self.word_categories:
            return []
        vocab = sorted({t for t in [*self.category_terms, *CATEGORY_SYNONYMS] if " " not in t})
        close = difflib.get_close_matches(word, vocab, n=1, cutoff=0.84)
        if not close and len(word) >= 6:
            # One slip in a longer word ("labtop"): a single edit, when only one term is that near.
            near = [t for t in vocab if abs(len(t) - len(word)) <= 1 and edit_distance(word, t) == 1]
            close = near if len(near) == 1 else []
        return self.resolve_term(close[0]) if close else []

    def categories_by_embedding(self, phrase: str, embed: Embed, threshold: float = 0.55) -> list[str]:
        """Fuzzy fallback: categories whose name is close in meaning to the shopper's noun phrase."""
        if not phrase.strip() or not self.categories:
            return []
        paths = list(self.categories)
        names = [f"{self.categories[p].leaf} {self.categories[p].parent}".lower() for p in paths]
        vectors = embed([phrase, *names])
        scores = vectors[1:] @ vectors[0]
        best = float(np.max(scores))
        if best < threshold:
            return []
        # Ties within a small margin are genuinely ambiguous; keep them all ("any of").
        return [paths[i] for i in np.argsort(-scores) if scores[i] >= max(threshold, best - 0.03)]

    def price_range(self, categories: Sequence[str] = ()) -> tuple[float, float]:
        infos = [self.categories[c] for c in categories if c in self.categories]
        if not infos:
            return self.price_min, self.price_max
        return min(i.price_min for i in infos), max(i.price_max for i in infos)

    # --- colours, brands, sizes --------------------------------------------------------------

    def match_color(self, word: str) -> ColorMatch:
        """The catalog colours a shopper's colour word maps onto, with a disclosure if not exact."""
        word = " ".join(tokens(word))
        if word in self.colors:
            return ColorMatch([word], True, None)
        near = [c for c in NEAR_COLORS.get(word, ()) if c in self.colors]
        if not near and word not in NEAR_COLORS and word not in BASIC_COLORS and len(word) >= 4:
            close = difflib.get_close_matches(word, self.colors, n=1, cutoff=0.8)
            if close:  # a misspelling of a catalog colour ("balck") is the colour itself
                return ColorMatch(close, True, None)
        if not near:
            return ColorMatch([], False, None)
        if any({word, *near} <= same for same in SAME_COLORS):  # one colour, two spellings: no note
            return ColorMatch(near, True, None)
        return ColorMatch(near, False, f'I searched "{word}" as {join_names(near)}.')

    def is_color_word(self, word: str) -> bool:
        word = " ".join(tokens(word))
        return word in self.colors or word in NEAR_COLORS or word in BASIC_COLORS

    def match_brand(self, word: str, fuzzy: bool = True) -> str | None:
        lowered = word.strip().lower()
        for brand in self.brands:
            if brand.lower() == lowered:
                return brand
        if fuzzy and len(lowered) >= 4:
            lower_map = {b.lower(): b for b in self.brands}
            close = difflib.get_close_matches(lowered, list(lower_map), n=1, cutoff=0.8)
            if close:
                return lower_map[close[0]]
        return None

    def match_size(self, word: str) -> str | None:
        """The catalog's own spelling of a size ("80%", "XL", "10.5"): exact or folded, never
        converted between size systems and never a near spelling (10 is not 100)."""
        return link_value(word, self.sizes, fuzzy=False)

    def match_value(self, key: str, word: str) -> str | None:
        """The shop's own value of `key` a shopper's words name (exact, folded, unit-aware, fuzzy)."""
        values = [*self.text_attributes.get(key, []), *self.value_texts.get(key, [])]
        return link_value(word, values)


def _kind_words(
    products: Sequence[Product],
    texts: Mapping[str, Iterable[str]],
    colors: Iterable[str],
    categories: Mapping[str, CategoryInfo],
) -> set[str]:
    """Words saying what the shop's products are or how they differ: tag and category words,
    attribute keys and values, colours, and shopper nouns for this shop's categories ("sneaker"
    where shoes are sold). No product line is named by one of them."""
    phrases = [*colors, *texts, *(str(v) for vals in texts.values() for v in vals)]
    named = {norm_phrase(part) for path in categories for part in path.split(">")}
    named |= {phrase.split()[-1] for phrase in named if phrase}
    phrases.extend(k for k, targets in CATEGORY_SYNONYMS.items() if named & {norm_phrase(t) for t in targets})
    for p in products:
        brand = set(tokens(p.brand))
        # A tag holding the brand ("samsung galaxy") names the brand's line, not a kind.
        phrases.extend([*(t for t in p.tags if not brand & set(tokens(t))), *p.category_path])
    return {singular(t) for phrase in phrases for t in tokens(phrase)}


def _modifier_words(products: Sequence[Product], texts: Mapping[str, Iterable[str]]) -> set[str]:
    """Words of the shop's attribute values that never end a title: they describe a product ("long"
    sleeves, "leather"), they do not name one, so they must not pick a category by themselves
    ("how long is your warranty?" is no T-shirt question)."""
    heads = {singular(words[-1]) for p in products if (words := [t for t in tokens(p.title) if t.isalpha()])}
    values = {singular(t) for vals in texts.values() for v in vals for t in tokens(str(v)) if t.isalpha()}
    return values - heads
