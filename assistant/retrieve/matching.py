"""Exact hard-constraint checks, variant by variant, and the Chroma `where` clause for them.

A product matches when at least one in-stock variant (or the product itself, if it has none)
satisfies every hard constraint at once; that variant is the one recommended. The `where` clause
is a superset pre-filter for the dense search; `match_variant` is the final word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.contracts import Constraints
from assistant.records import AttrValue, Product, Variant
from assistant.understand.catalog_facts import is_material_key
from assistant.understand.text import name_terms
from assistant.understand.vocabulary import category_in


def _same(a: AttrValue, b: AttrValue) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or (isinstance(a, bool) and isinstance(b, bool) and a == b)
    if isinstance(a, str) or isinstance(b, str):
        return str(a).strip().lower() == str(b).strip().lower()
    return float(a) == float(b)


def _material_like(key: str, value: AttrValue, wanted: AttrValue) -> bool:
    """ "leather" names the material of "full-grain leather" (under any material key: "strap
    material" too); other text facets match exactly."""
    if not is_material_key(key) or not isinstance(value, str) or not isinstance(wanted, str):
        return False
    return re.search(rf"\b{re.escape(wanted.strip().lower())}\b", value.lower()) is not None


def in_category(product: Product, categories: list[str]) -> bool:
    return category_in(product.category, categories)


def product_level_ok(product: Product, c: Constraints) -> bool:
    """Constraints that do not depend on the variant."""
    if not in_category(product, c.categories):
        return False
    brand = product.brand.lower()
    if c.brands and brand not in {b.lower() for b in c.brands}:
        return False
    if brand and brand in {b.lower() for b in c.exclude_brands}:
        return False
    if c.names and not set(c.names) <= set(name_terms(product.title)):
        return False
    variant_keys = {k for v in product.variants for k in v.attributes}
    for key in c.attributes:
        if key in ("color", "size") or key in variant_keys:
            continue  # checked per variant
        value = product.attributes.get(key)
        if value is None or not any(
            _same(value, w) or _material_like(key, value, w) for w in c.accepted(key)
        ):
            return False
    for key, banned in c.exclude_attributes.items():
        if key in ("color", "size"):
            continue
        value = product.attributes.get(key)
        if value is not None and any(_same(value, b) or _material_like(key, value, b) for b in banned):
            return False
    return True


def _attr(product: Product, variant: Variant | None, key: str) -> AttrValue | None:
    """The variant's value, else the product's (no merged dict per variant: this runs per survivor)."""
    if variant is not None and key in variant.attributes:
        return variant.attributes[key]
    return product.attributes.get(key)


def _variant_ok(product: Product, variant: Variant | None, c: Constraints) -> bool:
    in_stock = variant.in_stock if variant is not None else product.in_stock
    if not in_stock:
        return False
    price = product.variant_price(variant)
    if c.price_min is not None and price < c.price_min:
        return False
    if c.price_max is not None and price > c.price_max:
        return False
    color = _attr(product, variant, "color")
    if c.colors and (color is None or not any(_same(color, x) for x in c.colors)):
        return False
    if color is not None and any(_same(color, x) for x in c.exclude_colors):
        return False
    size = _attr(product, variant, "size")
    if c.sizes and (size is None or not any(_same(size, s) for s in c.sizes)):
        return False
    if variant is not None:
        for key in c.attributes:
            if key in variant.attributes and not any(
                _same(variant.attributes[key], w) for w in c.accepted(key)
            ):
                return False
    return all(in_range(_attr(product, variant, key), bounds) for key, bounds in c.ranges.items())


def in_range(value: AttrValue | None, bounds: Sequence[float | None]) -> bool:
    """A measure within inclusive bounds; a missing or non-numeric value never qualifies."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    low, high = bounds[0], bounds[1]
    return (low is None or value >= low) and (high is None or value <= high)


def match_variant(product: Product, c: Constraints) -> tuple[bool, Variant | None]:
    """(matches, the variant to recommend). With no variants the product stands for itself."""
    if not product_level_ok(product, c):
        return False, None
    if not product.variants:
        return _variant_ok(product, None, c), None
    candidates = [v for v in product.variants if _variant_ok(product, v, c)]
    if not candidates:
        return False, None
    if c.sort == "price_desc":
        return True, max(candidates, key=product.variant_price)
    return True, min(candidates, key=product.variant_price)


def where_clause(c: Constraints, variant_keys: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """Chroma pre-filter. Exclusions on optional fields stay out: `$nin` would also drop
    products that lack the field."""
    clauses: list[dict[str, Any]] = [{"in_stock": True}]

    def any_of(field: str, values: list[str]) -> dict[str, Any]:
        parts = [{field: {"$contains": v}} for v in values]
        return parts[0] if len(parts) == 1 else {"$or": parts}

    if c.categories:
        clauses.append(any_of("categories", list(c.categories)))
    if c.price_max is not None:
        clauses.append({"price_min": {"$lte": float(c.price_max)}})
    if c.price_min is not None:
        clauses.append({"price_max": {"$gte": float(c.price_min)}})
    if c.brands:
        clauses.append({"brand": {"$in": [b.lower() for b in c.brands]}})
    if c.exclude_brands:
        clauses.append({"brand": {"$nin": [b.lower() for b in c.exclude_brands]}})
    if c.colors:
        clauses.append(any_of("colors", [x.lower() for x in c.colors]))
    if c.sizes:
        clauses.append(any_of("sizes", [str(s).lower() for s in c.sizes]))
    for key in c.attributes:
        if key in ("color", "size") or is_material_key(key) or key in variant_keys:
            continue  # variant-level facets and word matches on materials: the exact check decides
        values = [v.lower() if isinstance(v, str) else v for v in c.accepted(key)]
        clauses.append({f"attr_{key}": {"$eq": values[0]} if len(values) == 1 else {"$in": values}})
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
