"""One row per variant: the exact hard-constraint check of `match_variant`, run in numpy.

Split from catalog.py; `FacetColumns` (columns.py) narrows the catalog first, this table decides.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np

from assistant.contracts import Constraints
from assistant.records import AttrValue, Product, Variant
from assistant.retrieve.matching import _material_like, _same, match_variant

_ATTR_TYPES = (str, int, float, bool)
# The `Constraints` fields that `FacetColumns` and `VariantTable` decide, or that `match_variant`
# does not read. A field added later is not among them: constraints setting it keep the Python check.
_DECIDED = frozenset(
    {
        "categories", "price_min", "price_max", "brands", "exclude_brands", "colors", "exclude_colors",
        "sizes", "attributes", "exclude_attributes", "ranges", "wishes", "sort", "limit", "only", "notes",
        "names", "attributes_also",
    }
)  # fmt: skip
_UNDECIDED = tuple(f for f in dataclasses.fields(Constraints) if f.name not in _DECIDED)


def _value_key(value: AttrValue) -> tuple[type, str]:
    """Values with one key behave alike under `_same` and `_material_like` (a plain dict key would
    merge True, 1 and 1.0, and 0.0 with -0.0, which `_same` can tell apart against text)."""
    return type(value), repr(value)


class VariantTable:
    """One row per variant (per product for a product without variants), so that the exact check
    of `match_variant` runs in numpy over the survivors of `FacetColumns.candidates`.

    Attribute values are coded per key, one code space for product and variant values; which codes
    satisfy a wanted value is decided by calling `_same` / `_material_like` on each distinct value
    (cached), so the table answers exactly what `match_variant` answers. Products the table cannot
    decide (a NaN price, whose ordering numpy and `min` disagree on) keep the Python check.
    """

    def __init__(self, products: Sequence[Product]) -> None:
        n = len(products)
        self.size = n
        self.values: dict[str, list[AttrValue]] = {}  # key -> code -> a value with that key
        self._codes: dict[str, dict[tuple[type, str], int]] = {}
        counts = np.fromiter((len(p.variants) or 1 for p in products), dtype=np.int64, count=n)
        self.start = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=self.start[1:])
        rows = int(self.start[-1])
        self.product = np.repeat(np.arange(n, dtype=np.int32), counts)
        in_stock: list[bool] = []
        price: list[float] = []
        variant: list[int] = []
        own_rows: dict[str, list[int]] = {}
        own_codes: dict[str, list[int]] = {}
        prod_rows: dict[str, list[int]] = {}
        prod_codes: dict[str, list[int]] = {}
        code = self._code
        row = 0
        for i, p in enumerate(products):
            for key, value in p.attributes.items():
                prod_rows.setdefault(key, []).append(i)
                prod_codes.setdefault(key, []).append(code(key, value))
            if not p.variants:
                in_stock.append(p.in_stock)
                price.append(p.price)
                variant.append(-1)
                row += 1
                continue
            for j, v in enumerate(p.variants):
                in_stock.append(v.in_stock)
                price.append(p.price if v.price is None else v.price)
                variant.append(j)
                for key, value in v.attributes.items():
                    own_rows.setdefault(key, []).append(row)
                    own_codes.setdefault(key, []).append(code(key, value))
                row += 1
        self.in_stock = np.array(in_stock, dtype=bool)
        self.price = np.array(price, dtype=np.float64)
        self.variant = np.array(variant, dtype=np.int32)
        # key -> code of the variant's own value per row (-1: the variant does not carry the key)
        self.own: dict[str, np.ndarray] = {}
        # key -> per product, True when one of its variants carries the key (checked per variant)
        self.on_variant: dict[str, np.ndarray] = {}
        for key, at in own_rows.items():
            column = np.full(rows, -1, dtype=self._dtype(key))
            column[np.array(at, dtype=np.int64)] = own_codes[key]
            self.own[key] = column
            carried = np.zeros(n, dtype=bool)
            carried[self.product[column >= 0]] = True
            self.on_variant[key] = carried
        # key -> code of the product's own value per product (-1: absent)
        self.attr: dict[str, np.ndarray] = {}
        for key, at in prod_rows.items():
            column = np.full(n, -1, dtype=self._dtype(key))
            column[np.array(at, dtype=np.int64)] = prod_codes[key]
            self.attr[key] = column
        # colour and size per row: the variant's value, else the product's (as `_attr` reads them)
        self.effective: dict[str, np.ndarray] = {}
        for key in ("color", "size"):
            column = np.full(rows, -1, dtype=np.int32)
            if key in self.attr:
                column = self.attr[key][self.product]
            if key in self.own:
                column = np.where(self.own[key] >= 0, self.own[key], column)
            self.effective[key] = column
        # Products the table does not decide; `match` runs `match_variant` on them.
        nan_rows = np.isnan(self.price)
        self.python_only = np.zeros(n, dtype=bool)
        self.python_only[self.product[nan_rows]] = True
        self._products = products
        self._matching: dict[tuple[Any, ...], np.ndarray] = {}
        self._measures: dict[str, np.ndarray] = {}

    def _dtype(self, key: str) -> type[np.signedinteger[Any]]:
        """The smallest code type for the key's values (-1 stands for "absent")."""
        count = len(self.values.get(key, []))
        return np.int8 if count < 2**7 else np.int16 if count < 2**15 else np.int32

    def _code(self, key: str, value: AttrValue) -> int:
        codes = self._codes.setdefault(key, {})
        vk = _value_key(value)
        found = codes.get(vk)
        if found is None:
            found = codes[vk] = len(codes)
            self.values.setdefault(key, []).append(value)
        return found

    def codes_matching(self, key: str, wanted: Sequence[AttrValue], material: bool) -> np.ndarray:
        """Codes of the values of `key` that `_same` (or, with `material`, `_material_like`) equates
        with any wanted value."""
        cache_key = (key, material, tuple(_value_key(w) for w in wanted))
        found = self._matching.get(cache_key)
        if found is None:
            found = np.array(
                [
                    code
                    for code, value in enumerate(self.values.get(key, []))
                    if any(_same(value, w) or (material and _material_like(key, value, w)) for w in wanted)
                ],
                dtype=np.int32,
            )
            if len(self._matching) > 4096:
                self._matching.clear()
            self._matching[cache_key] = found
        return found

    def measure(self, key: str) -> np.ndarray:
        """Per row, the numeric value `_attr` reads for `key` (the variant's, else the product's);
        NaN where it is absent or not a number, so no bound accepts it (as `in_range`)."""
        found = self._measures.get(key)
        if found is None:
            numbers = np.array(
                [
                    float(v) if isinstance(v, int | float) and not isinstance(v, bool) else np.nan
                    for v in self.values.get(key, [])
                ]
                + [np.nan],  # code -1 (absent) indexes this last entry
                dtype=np.float64,
            )
            codes = np.full(len(self.product), -1, dtype=np.int64)
            if key in self.attr:
                codes = self.attr[key][self.product].astype(np.int64)
            if key in self.own:
                codes = np.where(self.own[key] >= 0, self.own[key], codes)
            found = self._measures[key] = numbers[codes]
        return found

    @staticmethod
    def can_decide(c: Constraints) -> bool:
        """False when a wanted value is of a type the coding was not built for, or a constraint
        field unknown to the table is set."""
        for f in _UNDECIDED:
            default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
            if getattr(c, f.name) != default:
                return False
        values: list[Any] = [
            *c.colors,
            *c.exclude_colors,
            *c.sizes,
            *(v for k in c.attributes for v in c.accepted(k)),
        ]
        for banned in c.exclude_attributes.values():
            values.extend(banned)
        return all(isinstance(v, _ATTR_TYPES) for v in values)

    def match(self, c: Constraints, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Of the products where `mask` is True (a superset that is already exact for category,
        brand and stock), those `match_variant` accepts, ascending, and for each the index in
        `product.variants` of the variant it picks (-1: the product itself)."""
        pos = np.flatnonzero(mask & ~self.python_only)
        keep = np.ones(len(pos), dtype=bool)
        none = np.full(len(pos), -1, dtype=np.int32)
        for key in c.attributes:
            if key in ("color", "size"):
                continue  # checked per variant only (see `product_level_ok`)
            codes = self.attr[key][pos] if key in self.attr else none
            good = np.isin(codes, self.codes_matching(key, c.accepted(key), material=True))
            if key in self.on_variant:
                good |= self.on_variant[key][pos]
            keep &= good
        for key, banned in c.exclude_attributes.items():
            if key in ("color", "size") or key not in self.attr or not banned:
                continue
            keep &= ~np.isin(self.attr[key][pos], self.codes_matching(key, list(banned), material=True))
        pos = pos[keep]
        # Every row of the remaining products, in catalog order.
        starts = self.start[pos]
        counts = self.start[pos + 1] - starts
        total = int(counts.sum())
        offsets = np.cumsum(counts) - counts
        rows = np.repeat(starts - offsets, counts) + np.arange(total, dtype=np.int64)
        ok = self.in_stock[rows]
        price = self.price[rows]
        if c.price_min is not None:
            ok &= ~(price < c.price_min)
        if c.price_max is not None:
            ok &= ~(price > c.price_max)
        for key, wanted_list, banned_list in (
            ("color", c.colors, c.exclude_colors),
            ("size", c.sizes, []),
        ):
            if wanted_list:
                ok &= np.isin(self.effective[key][rows], self.codes_matching(key, list(wanted_list), False))
            if banned_list:
                ok &= ~np.isin(self.effective[key][rows], self.codes_matching(key, list(banned_list), False))
        for key in c.attributes:
            if key in self.own:
                own = self.own[key][rows]
                ok &= (own < 0) | np.isin(own, self.codes_matching(key, c.accepted(key), material=False))
        for key, bounds in c.ranges.items():
            value = self.measure(key)[rows]
            ok &= ~np.isnan(value)
            if bounds[0] is not None:
                ok &= value >= bounds[0]
            if bounds[1] is not None:
                ok &= value <= bounds[1]
        rows = rows[ok]
        # The variant to show: the cheapest (dearest for price_desc), the first one on a tie, as
        # `min`/`max` pick; lexsort is stable and rows are in variant order.
        price = self.price[rows]
        owner = self.product[rows]
        order = np.lexsort((-price if c.sort == "price_desc" else price, owner))
        rows, owner = rows[order], owner[order]
        first = np.ones(len(rows), dtype=bool)
        first[1:] = owner[1:] != owner[:-1]
        positions, chosen = owner[first].astype(np.int64), self.variant[rows[first]].astype(np.int64)
        slow = np.flatnonzero(mask & self.python_only)
        if len(slow):
            extra_pos: list[int] = []
            extra_var: list[int] = []
            for i in slow.tolist():
                ok_i, v = match_variant(self._products[i], c)
                if ok_i:
                    extra_pos.append(i)
                    extra_var.append(-1 if v is None else _index_of(self._products[i].variants, v))
            positions = np.concatenate([positions, np.array(extra_pos, dtype=np.int64)])
            chosen = np.concatenate([chosen, np.array(extra_var, dtype=np.int64)])
            order = np.argsort(positions, kind="stable")
            positions, chosen = positions[order], chosen[order]
        return positions, chosen


def _index_of(variants: Sequence[Variant], variant: Variant) -> int:
    return next(j for j, v in enumerate(variants) if v is variant)
