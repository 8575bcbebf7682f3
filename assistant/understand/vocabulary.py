"""The constraint vocabulary of the loaded catalog: categories, brands, colours, sizes, attributes.

Everything here is collected from the products themselves. The only hand-made tables are general
shopper words (synonyms, near colours); they are applied only onto facets this catalog has, so a
shop that sells no jackets never gets a "jackets" filter from the word "parka".
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.records import AttrValue, Product
from assistant.understand.words import BASIC_COLORS, CATEGORY_SYNONYMS, NEAR_COLORS

Embed = Callable[[list[str]], np.ndarray]

# Words too short or common to correct towards a category name.
_NO_FUZZY = frozenset({"home", "top", "shell", "case", "set", "one", "some", "more", "them"})


def singular(token: str) -> str:
    """Crude English singular, good enough for catalog nouns (shoes, boxes, glasses, cases)."""
    if len(token) <= 3 or token.endswith(("ss", "us", "is")):
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("ches", "shes", "xes", "sses", "zes")):
        return token[:-2]
    if token.endswith("s"):
        return token[:-1]
    return token


def category_in(category: str, categories: Sequence[str]) -> bool:
    """A category path is in a wanted category when it is that path or below it (no wanted
    categories: every path is)."""
    if not categories:
        return True
    path = category.lower()
    return any(path == c.lower() or path.startswith(c.lower() + " >") for c in categories)


def tokens(text: str) -> list[str]:
    """Lowercase word tokens; hyphens, underscores and apostrophes split words."""
    return re.findall(r"[a-z0-9]+(?:\.[0-9]+)?", text.lower())


def norm_phrase(text: str) -> str:
    """Lowercase, punctuation-free, singular tokens: the form every catalog word is matched in."""
    return " ".join(singular(tok) for tok in tokens(text))


@dataclass(frozen=True)
class CategoryInfo:
    path: str  # the catalog's own path, e.g. "Shoes > Running"
    leaf: str  # last path element, e.g. "Running"
    parent: str  # first path element, e.g. "Shoes"; equals leaf for one-level paths
    count: int  # products in the category
    price_min: float  # cheapest product price in the category
    price_max: float  # dearest product price in the category


@dataclass(frozen=True)
class NumericRange:
    name: str  # attribute key, e.g. "weight_g"
    minimum: float  # smallest value seen in the catalog
    maximum: float  # largest value seen in the catalog


@dataclass(frozen=True)
class ColorMatch:
    colors: list[str]  # catalog colour values the shopper's word maps onto (empty: none fit)
    exact: bool  # True when the shopper's word itself is a catalog colour
    note: str | None  # disclosure for a near match, e.g. 'I searched "cream" as beige and white.'


def join_names(values: Sequence[str]) -> str:
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


@dataclass(frozen=True)
class CatalogVocabulary:
    categories: dict[str, CategoryInfo]  # path -> info, every category in the catalog
    brands: list[str]  # brand names as the catalog spells them
    colors: list[str]  # lowercase colour values from products and variants
    sizes: list[str]  # variant "size" values exactly as spelled ("42", "M", "XL")
    materials: list[str]  # lowercase "material" values
    boolean_attributes: list[str]  # attribute keys whose values are all booleans
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
    # Numeric attribute key -> category paths whose products carry it ("weight_g" in tents and boots).
    numeric_categories: dict[str, list[str]] = field(default_factory=dict)
    # Category path -> the sizes its variants come in, so "small" reads as size S only where S exists.
    category_sizes: dict[str, list[str]] = field(default_factory=dict)
    # Category path -> every attribute key its products or variants carry (what can filter there).
    category_keys: dict[str, frozenset[str]] = field(default_factory=dict)
    # Singular nouns the catalog's products are (title heads, type heads, category words): what it carries.
    head_nouns: frozenset[str] = frozenset()

    # --- construction --------------------------------------------------------------------

    @classmethod
    def from_products(cls, products: Sequence[Product]) -> CatalogVocabulary:
        by_cat: dict[str, list[float]] = defaultdict(list)
        brands: dict[str, str] = {}
        colors: set[str] = set()
        sizes: dict[str, None] = {}
        attr_values: dict[str, list[AttrValue]] = defaultdict(list)
        variant_values: dict[str, list[AttrValue]] = defaultdict(list)
        currencies: Counter[str] = Counter()
        carried: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        cat_sizes: dict[str, dict[str, None]] = defaultdict(dict)
        numeric_paths: dict[str, set[str]] = defaultdict(set)
        keys_by_path: dict[str, set[str]] = defaultdict(set)
        for product in products:
            path = " > ".join(product.category_path)
            if path:
                by_cat[path].append(product.price)
            for attrs in [product.attributes, *(v.attributes for v in product.variants)]:
                keys_by_path[path].update(attrs)
                for key, value in attrs.items():
                    if key == "size":
                        cat_sizes[path].setdefault(str(value).strip(), None)
                    elif isinstance(value, str) and value.strip():
                        carried[key][value.strip().lower()].add(path)
                    elif isinstance(value, int | float) and not isinstance(value, bool):
                        numeric_paths[key].add(path)
            if product.brand.strip():
                brands.setdefault(product.brand.strip().lower(), product.brand.strip())
            currencies[product.currency] += 1
            for attrs in [product.attributes, *(v.attributes for v in product.variants)]:
                for key, value in attrs.items():
                    if key == "size":
                        sizes.setdefault(str(value).strip(), None)
                    else:
                        attr_values[key].append(value)
            for variant in product.variants:
                for key, value in variant.attributes.items():
                    variant_values[key].append(value)
        # Where variants carry a facet ("fits_phone": "Pixel 9"), their values are the vocabulary;
        # the product-level field is often a list in one string ("Pixel 9, Pixel 9 Pro").
        for key, values in variant_values.items():
            if key not in ("size", "color", "colour"):
                attr_values[key] = values
        for value in attr_values.pop("color", []) + attr_values.pop("colour", []):
            if isinstance(value, str) and value.strip():
                colors.add(value.strip().lower())

        booleans: list[str] = []
        numerics: dict[str, NumericRange] = {}
        texts: dict[str, list[str]] = {}
        for key, values in attr_values.items():
            if all(isinstance(v, bool) for v in values):
                booleans.append(key)
            elif all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
                nums = [float(v) for v in values if isinstance(v, int | float)]
                numerics[key] = NumericRange(key, min(nums), max(nums))
            else:
                distinct = sorted({str(v).strip().lower() for v in values if str(v).strip()})
                # Free text (descriptions in attributes) is not a facet a shopper names.
                if 0 < len(distinct) <= 300 and all(len(v) <= 40 for v in distinct):
                    texts[key] = distinct
        materials = texts.get("material", [])

        categories = {
            path: CategoryInfo(
                path=path,
                leaf=path.split(" > ")[-1],
                parent=path.split(" > ")[0],
                count=len(prices),
                price_min=min(prices),
                price_max=max(prices),
            )
            for path, prices in sorted(by_cat.items())
        }
        all_prices = [p.price for p in products]
        return cls(
            categories=categories,
            brands=sorted(brands.values(), key=str.lower),
            colors=sorted(colors),
            sizes=list(sizes),
            materials=materials,
            boolean_attributes=sorted(booleans),
            numeric_attributes=dict(sorted(numerics.items())),
            text_attributes=dict(sorted(texts.items())),
            price_min=min(all_prices) if all_prices else 0.0,
            price_max=max(all_prices) if all_prices else 0.0,
            currency=currencies.most_common(1)[0][0] if currencies else "USD",
            category_terms=_category_terms(categories, products),
            attribute_categories={
                key: {value: sorted(paths) for value, paths in values.items()}
                for key, values in carried.items()
            },
            category_sizes={path: list(sizes) for path, sizes in cat_sizes.items()},
            numeric_categories={key: sorted(paths) for key, paths in numeric_paths.items()},
            category_keys={path: frozenset(keys) for path, keys in keys_by_path.items()},
            head_nouns=_head_nouns(categories, products, texts.get("type", [])),
        )

    def uncarried_noun(self, text: str) -> str | None:
        """The well-known product the shopper names when this catalog has none of that kind.

        The head noun is the last word before any purpose or qualifier ("a road bike for
        commuting" -> "bike"); two-word nouns ("dog food") are tried first.
        """
        head = re.split(
            r"\b(?:for|with|that|which|to|from|in|under|below|over|without|by|like)\b", text.lower()
        )[0]
        words = [singular(t) for t in tokens(head) if t.isalpha()]
        if not words:
            return None
        for phrase in (" ".join(words[-2:]), words[-1]):
            if phrase in _retail_nouns() and phrase.split()[-1] not in self.head_nouns:
                return phrase
        return None

    # --- categories ----------------------------------------------------------------------

    def resolve_term(self, phrase: str) -> list[str]:
        """Category paths a normalised phrase names directly or through the synonym table."""
        direct = self.category_terms.get(phrase)
        if direct:
            return list(direct)
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
            return (overlap or narrow), phrases
        if broad:
            common = [p for p in broad[0] if all(p in group for group in broad[1:])]
            return (common or sorted({p for group in broad for p in group})), phrases
        return [], phrases

    def _fuzzy_term(self, word: str) -> list[str]:
        if len(word) < 5 or word in _NO_FUZZY:
            return []
        vocab = [t for t in list(self.category_terms) + list(CATEGORY_SYNONYMS) if " " not in t]
        close = difflib.get_close_matches(word, vocab, n=1, cutoff=0.84)
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
        if {word, *near} <= {"gray", "grey"}:  # one colour, two spellings: nothing to disclose
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
        """The catalog's own spelling of a size, compared case-insensitively; never converted."""
        lowered = word.strip().lower()
        for size in self.sizes:
            if size.lower() == lowered:
                return size
        return None


@functools.cache
def _retail_nouns() -> frozenset[str]:
    from assistant.understand.retail_nouns import RETAIL_NOUNS

    return frozenset(" ".join(singular(t) for t in tokens(noun)) for noun in RETAIL_NOUNS)


def _head_nouns(
    categories: Mapping[str, CategoryInfo], products: Sequence[Product], types: Sequence[str]
) -> frozenset[str]:
    heads: set[str] = set()
    for path in categories:
        heads.update(singular(tokens(part)[-1]) for part in path.split(">") if tokens(part))
    for product in products:
        words = [t for t in tokens(product.title) if t.isalpha()]
        if words:
            heads.add(singular(words[-1]))
    for value in types:
        words = tokens(value)
        if words:
            heads.add(singular(words[-1]))
    return frozenset(heads)


def _category_terms(
    categories: Mapping[str, CategoryInfo], products: Sequence[Product]
) -> dict[str, list[str]]:
    terms: dict[str, list[str]] = defaultdict(list)

    def add(phrase: str, path: str) -> None:
        key = norm_phrase(phrase)
        if key and path not in terms[key]:
            terms[key].append(path)

    for path, info in categories.items():
        add(info.leaf, path)
        add(info.parent, path)
        if info.leaf != info.parent:
            add(f"{info.leaf} {info.parent}", path)
        # "Phone Cases" also answers to "cases"; "Building Sets" to "sets" is too vague, so only
        # a multi-word leaf's last word with 4+ letters and unique to this category counts.
        leaf_tokens = norm_phrase(info.leaf).split()
        if len(leaf_tokens) > 1 and len(leaf_tokens[-1]) >= 4:
            add(leaf_tokens[-1], path)
    # Title head nouns ("... Hiking Boot") name a category when they almost always sit in it.
    noun_cats: dict[str, Counter[str]] = defaultdict(Counter)
    for product in products:
        words = [singular(t) for t in tokens(product.title) if not t.isdigit()]
        path = " > ".join(product.category_path)
        if words and path:
            noun_cats[words[-1]][path] += 1
    for noun, counts in noun_cats.items():
        path, top = counts.most_common(1)[0]
        if len(noun) >= 3 and top >= 2 and top / sum(counts.values()) >= 0.8 and noun not in terms:
            terms[noun].append(path)
    # A word shared by several leaves ("case" in two case categories) stays ambiguous: any of.
    return dict(terms)
