"""The catalog as the assistant sees it: every product, read from the vector store's records.

Read from Chroma rather than from the source files so that several app processes sharing one
Chroma server see the same catalog. Held in memory: a 100k-product shop is a few hundred MB.
Beside the products it keeps numpy facet columns (a vectorised superset pre-filter for hard
constraints) and, when read from the store, the product vectors (exact dense search in memory).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np

from assistant.contracts import Constraints
from assistant.ingest.documents import product_document, product_from_metadata
from assistant.records import AttrValue, Product, Variant
from assistant.retrieve.lexical import BM25Index
from assistant.retrieve.matching import _material_like, _same, match_variant
from assistant.storage.vectors import VectorStore
from assistant.understand.vocabulary import CatalogVocabulary, category_in


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
        # Negated as `_variant_ok` writes them, so a NaN bound filters nothing there or here.
        if c.price_max is not None:
            mask &= ~(self.price_lo > c.price_max)
        if c.price_min is not None:
            mask &= ~(self.price_hi < c.price_min)
        if c.colors:
            mask &= self._any_of(self._color_arrays, list(c.colors))
        if c.sizes:
            mask &= self._any_of(self._size_arrays, list(c.sizes))
        for key, wanted in c.attributes.items():
            if key not in ("color", "size"):
                mask &= self._attribute(key, wanted)
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
    {"categories", "brands", "exclude_brands", "wishes", "sort", "limit", "only", "notes"}
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


_ATTR_TYPES = (str, int, float, bool)
# The `Constraints` fields that `FacetColumns` and `VariantTable` decide, or that `match_variant`
# does not read. A field added later is not among them: constraints setting it keep the Python check.
_DECIDED = frozenset(
    {
        "categories", "price_min", "price_max", "brands", "exclude_brands", "colors", "exclude_colors",
        "sizes", "attributes", "exclude_attributes", "ranges", "wishes", "sort", "limit", "only", "notes",
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
        values: list[Any] = [*c.colors, *c.exclude_colors, *c.sizes, *c.attributes.values()]
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
        for key, wanted in c.attributes.items():
            if key in ("color", "size"):
                continue  # checked per variant only (see `product_level_ok`)
            codes = self.attr[key][pos] if key in self.attr else none
            good = np.isin(codes, self.codes_matching(key, [wanted], material=True))
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
        for key, wanted in c.attributes.items():
            if key in self.own:
                own = self.own[key][rows]
                ok &= (own < 0) | np.isin(own, self.codes_matching(key, [wanted], material=False))
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


class Catalog:
    def __init__(self, products: Sequence[Product], vectors: np.ndarray | None = None) -> None:
        self.products: list[Product] = list(products)
        self.by_id: dict[str, Product] = {p.id: p for p in self.products}
        self.position: dict[str, int] = {p.id: i for i, p in enumerate(self.products)}
        self.lexical = BM25Index([product_document(p) for p in self.products])
        self.vocabulary = CatalogVocabulary.from_products(self.products)
        self.variant_table = VariantTable(self.products)
        self.facets = FacetColumns(self.products, self.variant_table)
        # Row i is products[i]'s normalised embedding; None: dense search asks the store.
        self.vectors = vectors

    @classmethod
    def from_store(cls, store: VectorStore) -> Catalog:
        products = [product_from_metadata(meta) for _, meta, _ in store.all_records("products")]
        products.sort(key=lambda p: p.id)
        return cls(products, _read_vectors(store, [p.id for p in products]))

    def __len__(self) -> int:
        return len(self.products)

    def get(self, product_id: str) -> Product | None:
        return self.by_id.get(product_id)

    def categories(self) -> list[str]:
        return sorted({p.category for p in self.products if p.category})


def _read_vectors(store: VectorStore, ids: list[str], page: int = 2000) -> np.ndarray | None:
    """Every product vector in catalog order, or None when the store cannot give them all."""
    if not ids:
        return None
    position = {pid: i for i, pid in enumerate(ids)}
    out: np.ndarray | None = None
    seen = 0
    try:
        col = store.collection("products")
        offset = 0
        while True:
            got = col.get(include=["embeddings"], limit=page, offset=offset)
            page_ids = list(got["ids"])
            if not page_ids:
                break
            vecs = np.asarray(got["embeddings"], dtype=np.float32)
            if out is None:
                out = np.zeros((len(ids), vecs.shape[1]), dtype=np.float32)
            for pid, vec in zip(page_ids, vecs, strict=True):
                if pid in position:
                    out[position[pid]] = vec
                    seen += 1
            offset += len(page_ids)
    except Exception:  # a store without embeddings access: fall back to its own query
        return None
    return out if seen == len(ids) else None
