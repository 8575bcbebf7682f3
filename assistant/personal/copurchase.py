"""Collaborative signals from the order history.

- item-item cosine on the customer x product purchase matrix (scipy sparse): "customers who bought
  X also bought Y", used as a ranking feature;
- same-order co-occurrence with the order ids as evidence: "often bought with it", used for
  cross-sell lines and reasons that must be traceable to orders;
- content similarity from the catalog embeddings (Chroma) for cold-start products nobody bought.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse

from assistant.records import Order
from assistant.storage.vectors import VectorStore

COLD_START_FLOOR = 0.5  # content cosine below this says nothing (same-category items sit at ~0.5-0.8)
COLD_START_SCALE = 0.5  # a content match counts at most half as much as a co-purchase


class CoPurchaseModel:
    def __init__(
        self,
        product_ids: Sequence[str],
        similarity: sparse.csr_matrix,
        purchases: Counter[str],
        together: Mapping[tuple[str, str], list[str]],
        embeddings: Mapping[str, np.ndarray] | None = None,
        category_together: Mapping[tuple[str, str], list[str]] | None = None,
    ) -> None:
        self.category_together = dict(category_together or {})  # (cat a, cat b), a < b -> order ids
        self.product_ids = list(product_ids)
        self.index = {pid: i for i, pid in enumerate(self.product_ids)}
        self.similarity = similarity
        self.purchases = purchases  # customers who bought each product (popularity)
        self.together = together  # (a, b) with a < b -> order ids holding both
        self.embeddings = dict(embeddings or {})

    @classmethod
    def from_orders(
        cls,
        orders: Iterable[Order],
        product_ids: Sequence[str],
        embeddings: Mapping[str, np.ndarray] | None = None,
        categories: Mapping[str, str] | None = None,
    ) -> CoPurchaseModel:
        """`categories` (product id -> category) adds category-level pairs ("running shoes with
        running socks"), which a small shop's history supports long before product pairs repeat."""
        categories = categories or {}
        by_category: dict[tuple[str, str], list[str]] = defaultdict(list)
        index = {pid: i for i, pid in enumerate(product_ids)}
        customers: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        together: dict[tuple[str, str], list[str]] = defaultdict(list)
        for order in orders:
            row = customers.setdefault(order.customer_id, len(customers))
            ids = sorted({item.product_id for item in order.items if item.product_id in index})
            for pid in ids:
                rows.append(row)
                cols.append(index[pid])
            for i, a in enumerate(ids):
                for b in ids[i + 1 :]:
                    together[(a, b)].append(order.order_id)
            cats = sorted({categories[pid] for pid in ids if categories.get(pid)})
            for i, a in enumerate(cats):
                for b in cats[i + 1 :]:
                    by_category[(a, b)].append(order.order_id)
        shape = (max(len(customers), 1), len(product_ids))
        matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
        matrix.data[:] = 1.0  # bought at all, not how often: a re-bought cream is one vote
        matrix.sum_duplicates()
        matrix.data[:] = 1.0
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=0))).ravel()
        norms[norms == 0] = 1.0
        normed = matrix @ sparse.diags(1.0 / norms)
        similarity = sparse.csr_matrix(normed.T @ normed)
        counts = np.asarray(matrix.sum(axis=0)).ravel()
        purchases = Counter({pid: int(counts[i]) for pid, i in index.items() if counts[i] > 0})
        return cls(product_ids, similarity, purchases, dict(together), embeddings, dict(by_category))

    # --- collaborative ---------------------------------------------------------------------------
    def cosine(self, a: str, b: str) -> float:
        """Item-item cosine over customers; 0 for unknown products."""
        i, j = self.index.get(a), self.index.get(b)
        if i is None or j is None or a == b:
            return 0.0
        return float(self.similarity[i, j])

    def content(self, a: str, b: str) -> float:
        """Embedding cosine, rescaled so only close neighbours count (0..COLD_START_SCALE)."""
        va, vb = self.embeddings.get(a), self.embeddings.get(b)
        if va is None or vb is None or a == b:
            return 0.0
        cos = float(np.dot(va, vb) / ((np.linalg.norm(va) * np.linalg.norm(vb)) or 1.0))
        return max(0.0, (cos - COLD_START_FLOOR) / (1 - COLD_START_FLOOR)) * COLD_START_SCALE

    def is_cold(self, product_id: str) -> bool:
        return self.purchases.get(product_id, 0) == 0

    def score(self, candidate: str, basket: Iterable[str]) -> tuple[float, str | None]:
        """(0..1, the basket product behind it): the best link between a candidate and a basket.
        Cold-start candidates fall back to content similarity."""
        best, source = 0.0, None
        cold = self.is_cold(candidate)
        for pid in set(basket):
            value = self.content(candidate, pid) if cold else self.cosine(candidate, pid)
            if value > best:
                best, source = value, pid
        return min(best, 1.0), source

    def related(self, product_id: str, k: int = 5) -> list[tuple[str, float]]:
        """Customers who bought this also bought ..., best first."""
        i = self.index.get(product_id)
        if i is None:
            return []
        row = self.similarity.getrow(i)
        pairs = [
            (self.product_ids[j], float(v)) for j, v in zip(row.indices, row.data, strict=True) if j != i
        ]
        return sorted(pairs, key=lambda p: (-p[1], p[0]))[:k]

    # --- same-order evidence ---------------------------------------------------------------------
    def orders_with_both(self, a: str, b: str) -> list[str]:
        key = (a, b) if a < b else (b, a)
        return list(self.together.get(key, []))

    def bought_with(self, product_id: str, min_orders: int = 2) -> list[tuple[str, list[str]]]:
        """Products in the same orders as this one at least `min_orders` times, most often first."""
        return _partners(self.together, product_id, min_orders)

    def categories_bought_with(self, category: str, min_orders: int = 3) -> list[tuple[str, list[str]]]:
        """Other categories in the same orders as this one at least `min_orders` times."""
        return _partners(self.category_together, category, min_orders)


def _partners(
    pairs: Mapping[tuple[str, str], list[str]], item: str, min_orders: int
) -> list[tuple[str, list[str]]]:
    """What shares at least `min_orders` orders with `item`, most often first, then by name."""
    found = [
        (b if a == item else a, order_ids)
        for (a, b), order_ids in pairs.items()
        if item in (a, b) and len(order_ids) >= min_orders
    ]
    return sorted(found, key=lambda p: (-len(p[1]), p[0]))


def product_embeddings(store: object, product_ids: Sequence[str]) -> dict[str, np.ndarray]:
    """The catalog's own vectors from the store's products collection; {} if the store can't say."""
    if not isinstance(store, VectorStore):  # no store (None) or a stand-in without vectors
        return {}
    try:
        return store.embeddings("products", list(product_ids))
    except Exception:  # an unreachable store: co-purchase works without vectors
        return {}
