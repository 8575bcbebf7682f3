"""Per-product numpy facet columns: a vectorised superset pre-filter for hard constraints.

Split from catalog.py. Every mask is a superset of what `match_variant` accepts; `VariantTable`
(variant_table.py) then decides exactly.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np

from assistant.contracts import Constraints
from assistant.records import Product, Variant
from assistant.retrieve.matching import _material_like
from assistant.retrieve.variant_table import VariantTable
from assistant.understand.text import name_terms
from assistant.understand.vocabulary import category_in


def _keys(value: Any) -> set[str]:
    """Spellings under which `matching._same` could equate a value: its text, and as a number."""
    text = str(value).strip().lower()
    keys = {text}
    with contextlib.suppress(ValueError):  # not a number: the text is the only spelling
        keys.add(repr(float(text) + 0.0))  # + 0.0: -0.0 and 0 are `_same` numbers
    return keys


class FacetColumns:
    """Per-product arrays answering "could this product match?" without touching Python objects.

    Every mask is a superset of what `match_variant` accepts (`VariantTable.match` then decides
    exactly); for constraints that touch nothing but category, brand and stock (`columns_are_exact`)
    the mask is already exact and `cheapest` / `dearest` are the variants to show.
    """

    def __init__(self, products: Sequence[Product], table: VariantTable | None = None) -> None:
        n = len(products)
        self.size = n
        cats = sorted({p.category for p in products})
        self._category_codes = {c: i for i, c in enumerate(cats)}
        self.categories = cats
        self.category = np.array([self._category_codes[p.category] for p in products], dtype=np.int32)
        brands = sorted({p.brand.lower() for p in products})
        self._brand_codes = {b: i for i, b in enumerate(brands)}
        self.brand = np.array([self._brand_codes[p.brand.lower()] for p in products], dtype=np.int32)
        # Title name term -> positions of the products whose title holds it (Constraints.names).
        named: dict[str, list[int]] = {}
        for i, p in enumerate(products):
            for term in set(name_terms(p.title)):
                named.setdefault(term, []).append(i)
        self._names = {term: np.array(rows, dtype=np.int64) for term, rows in named.items()}
        # Everything else comes from the variant table's rows (one Python pass over the variants).
        table = table if table is not None else VariantTable(products)
        # A product is in stock when an in-stock variant (or the product, without variants) is.
        self.in_stock = np.zeros(n, dtype=bool)
        self.price_lo = np.full(n, np.inf)
        self.price_hi = np.full(n, -np.inf)
        # The variant `match_variant` picks when nothing but stock constrains it.
        self.cheapest: list[Variant | None] = [None] * n
        self.dearest: list[Variant | None] = [None] * n
        # value spelling -> positions of products with an in-stock variant (or the product) of that value
        self._color_arrays: dict[str, np.ndarray] = {}
        self._size_arrays: dict[str, np.ndarray] = {}
        # Product-level attributes: key -> value spelling (or raw text) -> positions; and, per key, the
        # products that carry it on a variant (their check is per variant, so the column keeps them).
        self._attr_values: dict[str, dict[str, np.ndarray]] = {}
        self._attr_raw: dict[str, dict[str, np.ndarray]] = {}
        self._attr_on_variant = table.on_variant
        if n == 0:
            return
        first_row = table.start[:-1]
        stocked = table.in_stock
        self.in_stock = np.logical_or.reduceat(stocked, first_row)
        self.price_lo = np.minimum.reduceat(np.where(stocked, table.price, np.inf), first_row)
        self.price_hi = np.maximum.reduceat(np.where(stocked, table.price, -np.inf), first_row)
        nan = np.isnan(self.price_lo) | np.isnan(
            self.price_hi
        )  # `match_variant` compares NaN as neither < nor >
        self.price_lo[nan], self.price_hi[nan] = -np.inf, np.inf
        rows = np.flatnonzero(stocked)
        owner = table.product[rows]
        for sign, out in ((1.0, self.cheapest), (-1.0, self.dearest)):
            order = np.lexsort((sign * table.price[rows], owner))  # stable: the first on a tie, as min/max
            picked, by = rows[order], owner[order]
            first = np.ones(len(picked), dtype=bool)
            first[1:] = by[1:] != by[:-1]
            for i, j in zip(by[first].tolist(), table.variant[picked[first]].tolist(), strict=True):
                if j >= 0:
                    out[i] = products[i].variants[j]
        for i in np.flatnonzero(table.python_only).tolist():  # NaN prices: as Python's min/max order them
            p = products[i]
            options = [v for v in p.variants if v.in_stock]
            self.cheapest[i] = min(options, key=p.variant_price) if options else None
            self.dearest[i] = max(options, key=p.variant_price) if options else None
        for key, arrays in (("color", self._color_arrays), ("size", self._size_arrays)):
            column = table.effective[key]
            kept = stocked & (column >= 0)
            for code, positions in _grouped(column[kept], table.product[kept], n):
                for spelling in _keys(table.values[key][code]):
                    _add(arrays, spelling, positions)
        for key, column in table.attr.items():
            values: dict[str, np.ndarray] = {}
            raw: dict[str, np.ndarray] = {}
            at = np.flatnonzero(column >= 0)
            for code, positions in _grouped(column[at], at, n):
                value = table.values[key][code]
                _add(raw, str(value), positions)
                for spelling in _keys(value):
                    _add(values, spelling, positions)
            self._attr_values[key] = values
            self._attr_raw[key] = raw

    def _any_of(self, arrays: dict[str, np.ndarray], wanted: list[Any]) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        for value in wanted:
            for key in _keys(value):
                rows = arrays.get(key)
                if rows is not None:
                    mask[rows] = True
        return mask

    def candidates(self, c: Constraints) -> np.ndarray:
        """Boolean mask: every product `match_variant` could accept is True."""
        mask = self.in_stock.copy()
        if c.categories:
            codes = [code for cat, code in self._category_codes.items() if category_in(cat, c.categories)]
            mask &= np.isin(self.category, codes)
        if c.brands:
            mask &= np.isin(self.brand, [self._brand_codes.get(b.lower(), -1) for b in c.brands])
        if c.exclude_brands:
            # An empty brand is never excluded (as in `product_level_ok`).
            banned = [
                self._brand_codes[b.lower()] for b in c.exclude_brands if b and b.lower() in self._brand_codes
            ]
            mask &= ~np.isin(self.brand, banned)
        for term in c.names:
            named = np.zeros(self.size, dtype=bool)
            named[self._names.get(term, np.zeros(0, dtype=np.int64))] = True
            mask &= named
        # Negated as `_variant_ok` writes them, so a NaN bound filters nothing there or here.
        if c.price_max is not None:
            mask &= ~(self.price_lo > c.price_max)
        if c.price_min is not None:
            mask &= ~(self.price_hi < c.price_min)
        if c.colors:
            mask &= self._any_of(self._color_arrays, list(c.colors))
        if c.sizes:
            mask &= self._any_of(self._size_arrays, list(c.sizes))
        for key in c.attributes:
            if key not in ("color", "size"):
                mask &= np.logical_or.reduce([self._attribute(key, wanted) for wanted in c.accepted(key)])
        return mask

    def _attribute(self, key: str, wanted: Any) -> np.ndarray:
        """Products whose own value could equal `wanted` (or, for materials, contain the word), plus
        every product that carries the key on a variant."""
        carried = self._attr_on_variant.get(key)
        mask = carried.copy() if carried is not None else np.zeros(self.size, dtype=bool)
        values = self._attr_values.get(key, {})
        for spelling in _keys(wanted):
            if spelling in values:
                mask[values[spelling]] = True
        if isinstance(wanted, bool):
            return mask  # `_same` with a bool needs the same bool, whose spellings are covered above
        for raw, rows in self._attr_raw.get(key, {}).items():
            if _material_like(key, raw, wanted):
                mask[rows] = True
        return mask


def _grouped(codes: np.ndarray, positions: np.ndarray, n: int) -> list[tuple[int, np.ndarray]]:
    """(code, the distinct positions carrying it), per distinct code."""
    if len(codes) == 0:
        return []
    pairs = np.unique(codes.astype(np.int64) * n + positions)
    by_code, at = pairs // n, pairs % n
    cuts = np.flatnonzero(by_code[1:] != by_code[:-1]) + 1
    heads = by_code[np.concatenate(([0], cuts))].tolist()
    return list(zip(heads, np.split(at, cuts), strict=True))


def _add(index: dict[str, np.ndarray], spelling: str, positions: np.ndarray) -> None:
    found = index.get(spelling)
    index[spelling] = positions if found is None else np.union1d(found, positions)


# Fields the facet columns decide exactly, or that filter nothing. Any other field set (a field
# added later included) sends the constraints on to the exact check.
_EXACT_IN_COLUMNS = frozenset(
    {"categories", "brands", "exclude_brands", "names", "wishes", "sort", "limit", "only", "notes"}
)


def columns_are_exact(c: Constraints) -> bool:
    """True when `FacetColumns.candidates` is exactly `match_variant`'s verdict."""
    for f in dataclasses.fields(Constraints):
        if f.name in _EXACT_IN_COLUMNS:
            continue
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
        if getattr(c, f.name) != default:
            return False
    return True
