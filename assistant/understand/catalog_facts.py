"""Collecting the vocabulary's facts from the shop's products: one pass, then one classification.

Split from vocabulary.py (which reads with these facts) so the construction can be read, and
tested, on its own. Every key and value comes from the products; a value is classified by what it
is (a yes/no, an amount, a label), never by which key it sits under, except for the two facets
every shop's variants share: size and colour.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.records import AttrValue, Product
from assistant.understand.text import norm_phrase, singular, tokens
from assistant.understand.values import as_bool, fold_key

COLOR_KEYS = frozenset({"color", "colour"})  # a colour facet, however the shop spells the key
SIZE_KEY = "size"
MAX_FACET_VALUES = 300  # more distinct values than this is free text, not a facet a shopper names
MAX_FACET_CHARS = 40


def is_color_key(key: str) -> bool:
    return fold_key(key) in COLOR_KEYS


def is_size_key(key: str) -> bool:
    return fold_key(key) == SIZE_KEY


def is_material_key(key: str) -> bool:
    """ "material", "strap material", "upper_material": a key whose last word names a material."""
    words = fold_key(key).split()
    return bool(words) and words[-1] in ("material", "materials", "fabric")


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
    name: str  # attribute key, e.g. "mass_kg"
    minimum: float  # smallest value seen in the catalog
    maximum: float  # largest value seen in the catalog


@dataclass
class Collected:
    """What one pass over the products gathers, before classification."""

    prices_by_path: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    brands: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, None] = field(default_factory=dict)  # ordered set, the shop's spelling
    values: dict[str, list[AttrValue]] = field(default_factory=lambda: defaultdict(list))
    variant_values: dict[str, list[AttrValue]] = field(default_factory=lambda: defaultdict(list))
    texts: dict[str, dict[str, None]] = field(default_factory=lambda: defaultdict(dict))
    currencies: Counter[str] = field(default_factory=Counter)
    carried: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    category_sizes: dict[str, dict[str, None]] = field(default_factory=lambda: defaultdict(dict))
    numeric_paths: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # Numeric key -> value -> category paths carrying it (keys with few distinct values only).
    numeric_values: dict[str, dict[float, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    numeric_overflow: set[str] = field(default_factory=set)  # keys with too many values to list
    # Numeric key -> the shop's own text of a converted value -> its amount.
    amounts: dict[str, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    keys_by_path: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def _owners(product: Product) -> list[Any]:
    return [product, *product.variants]


def collect(products: Sequence[Product]) -> Collected:
    facts = Collected()
    for product in products:
        path = " > ".join(product.category_path)
        if path:
            facts.prices_by_path[path].append(product.price)
        if product.brand.strip():
            facts.brands.setdefault(product.brand.strip().lower(), product.brand.strip())
        facts.currencies[product.currency] += 1
        for owner in _owners(product):
            attrs: Mapping[str, AttrValue] = owner.attributes
            facts.keys_by_path[path].update(attrs)
            for key, value in attrs.items():
                _collect_value(facts, path, key, value)
                if owner is not product:
                    facts.variant_values[key].append(value)
            # The shop's own text of a converted value ("7 ft" for a length of 2133.6 mm).
            for key, text in getattr(owner, "attribute_texts", {}).items():
                facts.texts[key].setdefault(str(text).strip(), None)
                amount = attrs.get(key)
                if isinstance(amount, int | float) and not isinstance(amount, bool):
                    facts.amounts[key].setdefault(str(text).strip(), float(amount))
    return facts


def _collect_value(facts: Collected, path: str, key: str, value: AttrValue) -> None:
    if is_size_key(key):
        size = str(value).strip()
        facts.sizes.setdefault(size, None)
        facts.category_sizes[path].setdefault(size, None)
        return
    facts.values[key].append(value)
    if isinstance(value, str) and value.strip() and as_bool(value) is None:
        facts.carried[key][value.strip().lower()].add(path)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        facts.numeric_paths[key].add(path)
        if key not in facts.numeric_overflow:
            seen = facts.numeric_values[key]
            seen[float(value)].add(path)
            if len(seen) > MAX_FACET_VALUES:  # a measure of many values: no list of them is kept
                facts.numeric_overflow.add(key)
                del facts.numeric_values[key]


@dataclass(frozen=True)
class Classified:
    colors: list[str]
    booleans: list[str]
    numerics: dict[str, NumericRange]
    texts: dict[str, list[str]]


def classify(facts: Collected) -> Classified:
    """Keys by what their values are: yes/no, amounts, or short labels (free text is dropped)."""
    values = dict(facts.values)
    # Where variants carry a facet ("fits": "Model 9"), their values are the vocabulary; the
    # product-level field is often a list in one string ("Model 9, Model 9 Pro").
    for key, variant_values in facts.variant_values.items():
        if not is_size_key(key) and not is_color_key(key):
            values[key] = variant_values
    colors = sorted(
        {str(v).strip().lower() for key in list(values) if is_color_key(key) for v in values.pop(key)} - {""}
    )
    booleans: list[str] = []
    numerics: dict[str, NumericRange] = {}
    texts: dict[str, list[str]] = {}
    for key, seen in values.items():
        flags = [as_bool(v) for v in seen]
        if all(f is not None for f in flags) and any(
            not isinstance(v, int | float) or isinstance(v, bool) for v in seen
        ):
            booleans.append(key)
        elif all(isinstance(v, int | float) and not isinstance(v, bool) for v in seen):
            nums = [float(v) for v in seen if isinstance(v, int | float)]
            numerics[key] = NumericRange(key, min(nums), max(nums))
        else:
            distinct = sorted({str(v).strip().lower() for v in seen if str(v).strip() and as_bool(v) is None})
            if 0 < len(distinct) <= MAX_FACET_VALUES and all(len(v) <= MAX_FACET_CHARS for v in distinct):
                texts[key] = distinct
    return Classified(colors, sorted(booleans), dict(sorted(numerics.items())), dict(sorted(texts.items())))


def category_infos(prices_by_path: Mapping[str, list[float]]) -> dict[str, CategoryInfo]:
    return {
        path: CategoryInfo(
            path=path,
            leaf=path.split(" > ")[-1],
            parent=path.split(" > ")[0],
            count=len(prices),
            price_min=min(prices),
            price_max=max(prices),
        )
        for path, prices in sorted(prices_by_path.items())
    }


def head_nouns(
    categories: Mapping[str, CategoryInfo], products: Sequence[Product], types: Iterable[str]
) -> frozenset[str]:
    """Singular nouns the shop's products are: category words, title heads, type heads."""
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


def category_terms(
    categories: Mapping[str, CategoryInfo], products: Sequence[Product], not_nouns: Iterable[str] = ()
) -> dict[str, list[str]]:
    """Normalised phrase -> the category paths it names (leaf, parent, "leaf parent", title nouns).

    `not_nouns` are words that end titles without being what the product is ("... Red",
    "... Women"): a colour or an audience must never become a category's name.
    """
    skip = frozenset(not_nouns)
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
        if noun in skip:
            continue
        if len(noun) >= 3 and top >= 2 and top / sum(counts.values()) >= 0.8 and noun not in terms:
            terms[noun].append(path)
    # A word shared by several leaves ("case" in two case categories) stays ambiguous: any of.
    return dict(terms)


def word_categories(
    products: Sequence[Product], not_nouns: Iterable[str] = (), share: float = 0.6
) -> dict[str, list[str]]:
    """Singular word -> the category paths whose products carry it in their title, tags or
    category name, when those products mostly sit there ("lotion", "racket", "kitchen").

    A weaker reading than category_terms, used only when the turn names no category at all: the
    shop's own texts say where a product noun it does not use as a category name belongs.
    """
    skip = frozenset(not_nouns)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for product in products:
        path = " > ".join(product.category_path)
        if not path:
            continue
        texts = [product.title, *product.tags, *product.category_path]
        words = {singular(t) for text in texts for t in tokens(text) if t.isalpha() and len(t) >= 3}
        for word in words - skip:
            counts[word][path] += 1
    found: dict[str, list[str]] = {}
    for word, per_path in counts.items():
        top = per_path.most_common(1)[0][1]
        leaders = [p for p, n in per_path.items() if n == top]
        # Two leaders at most ("lamp": a desk lamp and a ring light lamp): any of them.
        if len(leaders) <= 2 and top * len(leaders) / sum(per_path.values()) >= share:
            found[word] = sorted(leaders)
    return found
