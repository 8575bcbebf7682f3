"""Labelled shopper constraints and the deterministic grades derived from them.

This module deliberately does not import `assistant.retrieve.matching`: the labels are the ground truth the
pipeline is measured against, so they are checked by an independent, deliberately plain reading of
the data contract (a product fits when one in-stock variant, or the product itself when it has no
variants, satisfies every labelled constraint at once).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.records import AttrValue, Product, Variant

WORD = re.compile(r"[a-z0-9]+")


def _same(a: AttrValue, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, str) or isinstance(b, str):
        return str(a).strip().lower() == str(b).strip().lower()
    return float(a) == float(b)


def _any_same(value: AttrValue, wanted: Any) -> bool:
    options = wanted if isinstance(wanted, list) else [wanted]
    return any(_same(value, w) for w in options)


@dataclass(frozen=True)
class Labels:
    """What a query asks for, written by a person. Lists mean "any of"."""

    categories: list[str] = field(default_factory=list)  # category paths or path prefixes ("Shoes")
    price_min: float | None = None
    price_max: float | None = None
    colors: list[str] = field(default_factory=list)
    exclude_colors: list[str] = field(default_factory=list)
    sizes: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    exclude_brands: list[str] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)  # value or list of acceptable values
    exclude_attributes: dict[str, list[Any]] = field(default_factory=dict)
    ranges: dict[str, list[float | None]] = field(default_factory=dict)  # {"weight_g": [null, 2000]}
    keywords: list[str] = field(default_factory=list)  # soft: any of them in the text earns grade 2
    sort: str = "relevance"  # price_asc / price_desc / rating: the top 10 in that order earn grade 2
    cheap: bool = False  # soft: at or below the median price of the fitting items earns grade 2

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Labels:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for key in (
            "categories",
            "colors",
            "exclude_colors",
            "sizes",
            "brands",
            "exclude_brands",
            "keywords",
        ):
            if key in known and isinstance(known[key], str):
                known[key] = [known[key]]
        if "sizes" in known:
            known["sizes"] = [str(s) for s in known["sizes"]]
        return cls(**known)

    def is_hard_empty(self) -> bool:
        return not (
            self.categories or self.price_min is not None or self.price_max is not None or self.colors
            or self.exclude_colors or self.sizes or self.brands or self.exclude_brands or self.attributes
            or self.exclude_attributes or self.ranges
        )  # fmt: skip


def in_categories(product: Product, categories: Sequence[str]) -> bool:
    if not categories:
        return True
    path = " > ".join(product.category_path).lower()
    return any(path == c.lower() or path.startswith(c.lower() + " >") for c in categories)


def _product_ok(product: Product, lab: Labels) -> bool:
    if not in_categories(product, lab.categories):
        return False
    brand = product.brand.strip().lower()
    if lab.brands and brand not in {b.lower() for b in lab.brands}:
        return False
    return not (brand and brand in {b.lower() for b in lab.exclude_brands})


def variant_ok(product: Product, variant: Variant | None, lab: Labels, price: float | None = None) -> bool:
    """Does this variant (None: the product itself) satisfy every labelled constraint?"""
    if not _product_ok(product, lab):
        return False
    attrs: dict[str, AttrValue] = dict(product.attributes)
    if variant is not None:
        attrs.update(variant.attributes)
    if not (variant.in_stock if variant is not None else product.in_stock):
        return False
    value = product.variant_price(variant) if price is None else price
    if lab.price_min is not None and value < lab.price_min - 1e-9:
        return False
    if lab.price_max is not None and value > lab.price_max + 1e-9:
        return False
    color = attrs.get("color")
    if lab.colors and (color is None or not _any_same(color, lab.colors)):
        return False
    if color is not None and lab.exclude_colors and _any_same(color, lab.exclude_colors):
        return False
    size = attrs.get("size")
    if lab.sizes and (size is None or not _any_same(size, lab.sizes)):
        return False
    for key, wanted in lab.attributes.items():
        if key not in attrs or not _any_same(attrs[key], wanted):
            return False
    for key, banned in lab.exclude_attributes.items():
        if key in attrs and _any_same(attrs[key], list(banned)):
            return False
    for key, (low, high) in lab.ranges.items():
        measure = attrs.get(key)
        if not isinstance(measure, int | float) or isinstance(measure, bool):
            return False
        if (low is not None and measure < low) or (high is not None and measure > high):
            return False
    return True


def fits(product: Product, lab: Labels) -> bool:
    """At least one in-stock variant (or the variant-less product) satisfies every constraint."""
    if not product.variants:
        return variant_ok(product, None, lab)
    return any(variant_ok(product, v, lab) for v in product.variants)


def item_fits(product: Product, variant_id: str | None, price: float, lab: Labels) -> bool:
    """A shown item fits when the variant it names (and the price it shows) satisfies every label."""
    if variant_id is not None:
        variant = next((v for v in product.variants if v.id == variant_id), None)
        return variant is not None and variant_ok(product, variant, lab, price)
    if product.variants:  # the item names no variant: some variant must fit at the shown price
        return any(variant_ok(product, v, lab, price) for v in product.variants)
    return variant_ok(product, None, lab, price)


def product_text(product: Product) -> str:
    attrs = " ".join(f"{k} {v}" for k, v in product.attributes.items())
    return f"{product.title} {product.description} {' '.join(product.tags)} {attrs}".lower()


def smoothed_rating(product: Product, prior: float = 4.0, weight: int = 20) -> float:
    """Bayesian average: a 5.0 from 2 reviews does not beat 4.7 from 900 (a common shop rule)."""
    if product.rating is None or product.review_count <= 0:
        return prior
    return (product.rating * product.review_count + prior * weight) / (product.review_count + weight)


def grades(products: Sequence[Product], lab: Labels) -> dict[str, int]:
    """Product id -> grade (0, 1, 2), reproducible from the catalog and the labels alone.

    1 = fits every labelled hard constraint (in stock; category, price, colour, size, brand,
        attribute and their exclusions);
    2 = fits, and also the soft part of the label: contains a labelled keyword (when any are
        labelled), is among the 10 first of the fitting items in the labelled sort order (when a
        sort is labelled), and costs at most the median of the fitting items (when `cheap`).
    """
    fitting = [p for p in products if fits(p, lab)]
    top: set[str] | None = None
    if lab.sort == "price_asc":
        top = {p.id for p in sorted(fitting, key=lambda p: _best_price(p, lab))[:10]}
    elif lab.sort == "price_desc":
        top = {p.id for p in sorted(fitting, key=lambda p: -_best_price(p, lab, highest=True))[:10]}
    elif lab.sort == "rating":
        top = {p.id for p in sorted(fitting, key=lambda p: -smoothed_rating(p))[:10]}
    median = None
    if lab.cheap and fitting:
        prices = sorted(_best_price(p, lab) for p in fitting)
        median = prices[(len(prices) - 1) // 2]
    fitting_ids = {p.id for p in fitting}
    result: dict[str, int] = {}
    for p in products:
        if p.id not in fitting_ids:
            result[p.id] = 0
            continue
        grade = 2
        if lab.keywords:
            text = product_text(p)
            if not any(re.search(rf"\b{re.escape(k.lower())}", text) for k in lab.keywords):
                grade = 1
        if top is not None and p.id not in top:
            grade = 1
        if median is not None and _best_price(p, lab) > median:
            grade = 1
        result[p.id] = grade
    return result


def _best_price(product: Product, lab: Labels, highest: bool = False) -> float:
    options = [product.variant_price(v) for v in product.variants if variant_ok(product, v, lab)]
    if not product.variants:
        options = [product.price]
    if not options:
        return product.price
    return max(options) if highest else min(options)


class LabelCatalog:
    """The shop's products as its file gives them, which is what the labels were written against.

    The index normalises values on the way in (keys with spaces, "yes"/"true" strings, "1.82 kg"
    measures); the labels name the shop's own spellings, so they are read against the source
    records, never against the pipeline's reading of them (that is what is being measured).
    """

    def __init__(self, products: Sequence[Product]) -> None:
        self.products = list(products)
        self._by_id = {p.id: p for p in self.products}

    def get(self, product_id: str) -> Product | None:
        return self._by_id.get(product_id)

    def categories(self) -> list[str]:
        return sorted({p.category for p in self.products if p.category})


def label_catalog(assistant: Any) -> Any:
    """The catalog labels are checked against: the source records when the evaluation attached
    them (`run.py`), else the assistant's own catalog."""
    return getattr(assistant, "label_catalog", None) or assistant.catalog
