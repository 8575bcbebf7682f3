"""The catalog as the assistant sees it: every product, read from the vector store's records.

Read from Chroma rather than from the source files so that several app processes sharing one
Chroma server see the same catalog. Held in memory: a 100k-product shop is a few hundred MB.
Beside the products it keeps numpy facet columns (a vectorised superset pre-filter for hard
constraints) and, when read from the store, the product vectors (exact dense search in memory).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from assistant.indexing import product_document, product_from_metadata
from assistant.lexical import BM25Index
from assistant.matching import _material_like, category_in
from assistant.schema import Product, Variant
from assistant.store import VectorStore
from assistant.understand import Constraints
from assistant.vocabulary import CatalogVocabulary


def _keys(value: Any) -> set[str]:
    """Spellings under which `matching._same` could equate a value: its text, and as a number."""
    text = str(value).strip().lower()
    keys = {text}
    with contextlib.suppress(ValueError):  # not a number: the text is the only spelling
        keys.add(repr(float(text)))
    return keys


class FacetColumns:
    """Per-product arrays answering "could this product match?" without touching Python objects.

    Every mask is a superset of what `match_variant` accepts (the exact check stays the final
    word), except `exact_mask`, which is only used when the constraints touch nothing but
    category, brand and stock, where the columns are exact.
    """

    def __init__(self, products: Sequence[Product]) -> None:
        n = len(products)
        self.size = n
        cats = sorted({p.category for p in products})
        self._category_codes = {c: i for i, c in enumerate(cats)}
        self.categories = cats
        self.category = np.array([self._category_codes[p.category] for p in products], dtype=np.int32)
        brands = sorted({p.brand.lower() for p in products})
        self._brand_codes = {b: i for i, b in enumerate(brands)}
        self.brand = np.array([self._brand_codes[p.brand.lower()] for p in products], dtype=np.int32)
        self.in_stock = np.zeros(n, dtype=bool)
        self.price_lo = np.full(n, np.inf)
        self.price_hi = np.full(n, -np.inf)
        # value -> positions of products with an in-stock variant (or the product) of that value
        self.colors: dict[str, list[int]] = {}
        self.sizes: dict[str, list[int]] = {}
        # The variant `match_variant` picks when nothing but stock constrains it.
        self.cheapest: list[Variant | None] = [None] * n
        self.dearest: list[Variant | None] = [None] * n
        for i, p in enumerate(products):
            options: list[Variant | None] = (
                [v for v in p.variants if v.in_stock] if p.variants else ([None] if p.in_stock else [])
            )
            if not options:
                continue
            self.in_stock[i] = True
            prices = [p.variant_price(v) for v in options]
            self.price_lo[i], self.price_hi[i] = min(prices), max(prices)
            self.cheapest[i] = min(options, key=p.variant_price) if p.variants else None
            self.dearest[i] = max(options, key=p.variant_price) if p.variants else None
            for v in options:
                attrs = {**p.attributes, **(v.attributes if v is not None else {})}
                for column, name in ((self.colors, "color"), (self.sizes, "size")):
                    if name in attrs:
                        for key in _keys(attrs[name]):
                            column.setdefault(key, []).append(i)
        # Product-level attributes: key -> value spelling -> positions; and, per key, the products that
        # carry it on a variant (their check is per variant, so the column must keep them).
        self._attr_values: dict[str, dict[str, list[int]]] = {}
        self._attr_raw: dict[str, dict[str, list[int]]] = {}
        self._attr_on_variant: dict[str, list[int]] = {}
        for i, p in enumerate(products):
            for key, value in p.attributes.items():
                self._attr_raw.setdefault(key, {}).setdefault(str(value), []).append(i)
                for spelling in _keys(value):
                    self._attr_values.setdefault(key, {}).setdefault(spelling, []).append(i)
            for key in {k for v in p.variants for k in v.attributes}:
                self._attr_on_variant.setdefault(key, []).append(i)
        self._color_arrays = {k: np.unique(np.array(v, dtype=np.int64)) for k, v in self.colors.items()}
        self._size_arrays = {k: np.unique(np.array(v, dtype=np.int64)) for k, v in self.sizes.items()}

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
        if c.price_max is not None:
            mask &= self.price_lo <= c.price_max
        if c.price_min is not None:
            mask &= self.price_hi >= c.price_min
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
        mask = np.zeros(self.size, dtype=bool)
        mask[self._attr_on_variant.get(key, [])] = True
        values = self._attr_values.get(key, {})
        for spelling in _keys(wanted):
            mask[values.get(spelling, [])] = True
        if isinstance(wanted, bool):
            return mask  # `_same` with a bool needs the same bool, whose spellings are covered above
        for raw, rows in self._attr_raw.get(key, {}).items():
            if _material_like(key, raw, wanted):
                mask[rows] = True
        return mask


def columns_are_exact(c: Constraints) -> bool:
    """True when `FacetColumns.candidates` is exactly `match_variant`'s verdict."""
    return not (
        c.price_min is not None
        or c.price_max is not None
        or c.colors
        or c.exclude_colors
        or c.sizes
        or c.attributes
        or c.exclude_attributes
    )


class Catalog:
    def __init__(self, products: Sequence[Product], vectors: np.ndarray | None = None) -> None:
        self.products: list[Product] = list(products)
        self.by_id: dict[str, Product] = {p.id: p for p in self.products}
        self.position: dict[str, int] = {p.id: i for i, p in enumerate(self.products)}
        self.lexical = BM25Index([product_document(p) for p in self.products])
        self.vocabulary = CatalogVocabulary.from_products(self.products)
        self.facets = FacetColumns(self.products)
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
