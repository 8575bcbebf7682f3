"""The catalog as the assistant sees it: every product, read from the vector store's records.

Read from Chroma rather than from the source files so that several app processes sharing one
Chroma server see the same catalog. Held in memory: a 100k-product shop is a few hundred MB.
Beside the products it keeps numpy facet columns (columns.py, a vectorised superset pre-filter for
hard constraints), the variant table (variant_table.py, the exact check in numpy) and, when read
from the store, the product vectors (exact dense search in memory).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np

from assistant.ingest.documents import product_from_metadata
from assistant.ingest.values import normalise_products
from assistant.records import Product
from assistant.retrieve.attribute_questions import shop_keys
from assistant.retrieve.columns import FacetColumns, columns_are_exact
from assistant.retrieve.lexical import PRODUCT_FIELD_WEIGHTS, BM25Index, product_fields
from assistant.retrieve.variant_table import _DECIDED, _UNDECIDED, VariantTable
from assistant.storage.vectors import VectorStore
from assistant.understand.vocabulary import CatalogVocabulary

# Re-exported: callers and tests import these from here.
__all__ = ["_DECIDED", "_UNDECIDED", "Catalog", "FacetColumns", "VariantTable", "columns_are_exact"]


class Catalog:
    def __init__(self, products: Sequence[Product], vectors: np.ndarray | None = None) -> None:
        # Normal form (ingest/values.py): already so for products read from the store, which were
        # normalised on import; products built in code or read from files are normalised here.
        self.products: list[Product] = normalise_products(products)
        self.by_id: dict[str, Product] = {p.id: p for p in self.products}
        self.position: dict[str, int] = {p.id: i for i, p in enumerate(self.products)}
        self.lexical = BM25Index([product_fields(p) for p in self.products], PRODUCT_FIELD_WEIGHTS)
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

    @functools.cached_property
    def attribute_keys(self) -> dict[str, str]:
        """Every attribute key the shop has -> the label a shopper reads (questions match these)."""
        return shop_keys(self.products)

    def __len__(self) -> int:
        return len(self.products)

    def get(self, product_id: str) -> Product | None:
        return self.by_id.get(product_id)

    def categories(self) -> list[str]:
        return sorted({p.category for p in self.products if p.category})


def _read_vectors(store: VectorStore, ids: list[str]) -> np.ndarray | None:
    """Every product vector in catalog order, or None when the store cannot give them all."""
    if not ids:
        return None
    try:
        found = store.embeddings("products", ids)
    except Exception:  # a store without embeddings access: fall back to its own query
        return None
    if len(found) != len(ids) or any(pid not in found for pid in ids):
        return None
    return np.stack([np.asarray(found[pid], dtype=np.float32) for pid in ids])
