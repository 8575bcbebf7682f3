"""The catalog as the assistant sees it: every product, read from the vector store's records.

Read from Chroma rather than from the source files so that several app processes sharing one
Chroma server see the same catalog. Held in memory: a 100k-product shop is a few hundred MB.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.indexing import product_document, product_from_metadata
from assistant.lexical import BM25Index
from assistant.schema import Product
from assistant.store import VectorStore
from assistant.vocabulary import CatalogVocabulary


class Catalog:
    def __init__(self, products: Sequence[Product]) -> None:
        self.products: list[Product] = list(products)
        self.by_id: dict[str, Product] = {p.id: p for p in self.products}
        self.position: dict[str, int] = {p.id: i for i, p in enumerate(self.products)}
        self.lexical = BM25Index([product_document(p) for p in self.products])
        self.vocabulary = CatalogVocabulary.from_products(self.products)

    @classmethod
    def from_store(cls, store: VectorStore) -> Catalog:
        products = [product_from_metadata(meta) for _, meta, _ in store.all_records("products")]
        products.sort(key=lambda p: p.id)
        return cls(products)

    def __len__(self) -> int:
        return len(self.products)

    def get(self, product_id: str) -> Product | None:
        return self.by_id.get(product_id)

    def categories(self) -> list[str]:
        return sorted({p.category for p in self.products if p.category})
