"""Hybrid product search: dense (Chroma, filtered by `where`) + BM25 over the same filtered set,
fused by reciprocal rank, checked variant by variant, relaxed in a stated order when empty."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from assistant.catalog import Catalog
from assistant.matching import match_variant, where_clause
from assistant.schema import Product, Variant
from assistant.store import VectorStore
from assistant.understand import Constraints

RRF_K = 60  # the usual reciprocal-rank-fusion constant; small changes barely move results


@dataclass(frozen=True)
class Match:
    product: Product
    variant: Variant | None
    relevance: float  # fused relevance, higher is better
    dense: float  # cosine similarity (0 when the dense search did not return it)
    lexical: float  # BM25 score (0 when no query word matched)

    @property
    def price(self) -> float:
        return self.product.variant_price(self.variant)


@dataclass
class RetrievalResult:
    matches: list[Match]
    constraints: Constraints  # what was finally searched with (after any relaxation)
    relaxed: list[str] = field(default_factory=list)  # human-readable, in the order applied
    total_matching: int = 0  # products satisfying every hard constraint (before the top-k cut)
    timings_ms: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class RetrievalOptions:
    candidate_k: int = 60  # candidates taken from each retriever before fusion
    dense_weight: float = 1.0  # RRF weight of the dense list
    lexical_weight: float = 1.0  # RRF weight of the BM25 list
    use_lexical: bool = True  # False gives plain dense retrieval (the evaluation baseline)
    use_filters: bool = True  # False ignores hard constraints (the evaluation baseline)


class ProductRetriever:
    def __init__(
        self,
        catalog: Catalog,
        store: VectorStore,
        embed_query: Callable[[str], np.ndarray],
        options: RetrievalOptions | None = None,
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.embed_query = embed_query
        self.options = options or RetrievalOptions()
        self.variant_keys = frozenset(k for p in catalog.products for v in p.variants for k in v.attributes)

    # --- one pass at fixed constraints -----------------------------------------------------
    def _search_once(self, text: str, c: Constraints, timings: dict[str, float]) -> tuple[list[Match], int]:
        opts = self.options
        started = time.perf_counter()
        query_vec = self.embed_query(text or " ".join(c.categories) or "popular products")
        timings["embed"] = timings.get("embed", 0.0) + (time.perf_counter() - started) * 1000

        started = time.perf_counter()
        allowed: dict[str, Variant | None] = {}
        for product in self.catalog.products:
            if not opts.use_filters:
                allowed[product.id] = None
                continue
            ok, variant = match_variant(product, c)
            if ok:
                allowed[product.id] = variant
        timings["filter"] = timings.get("filter", 0.0) + (time.perf_counter() - started) * 1000
        if not allowed:
            return [], 0

        started = time.perf_counter()
        where = where_clause(c, self.variant_keys) if opts.use_filters else None
        hits = self.store.query("products", query_vec, opts.candidate_k, where)
        dense = {h.id: h.score for h in hits if h.id in allowed}
        timings["dense"] = timings.get("dense", 0.0) + (time.perf_counter() - started) * 1000

        started = time.perf_counter()
        lexical: dict[str, float] = {}
        if opts.use_lexical and text.strip():
            scores = self.catalog.lexical.scores(text)
            positions = np.array([self.catalog.position[pid] for pid in allowed], dtype=np.int64)
            local = scores[positions]
            order = np.argsort(-local)[: opts.candidate_k]
            lexical = {self.catalog.products[positions[i]].id: float(local[i]) for i in order if local[i] > 0}
        timings["lexical"] = timings.get("lexical", 0.0) + (time.perf_counter() - started) * 1000

        fused: dict[str, float] = {}
        for weight, ranking in ((opts.dense_weight, dense), (opts.lexical_weight, lexical)):
            for rank, pid in enumerate(sorted(ranking, key=lambda i: -ranking[i])):
                fused[pid] = fused.get(pid, 0.0) + weight / (RRF_K + rank + 1)
        if c.sort != "relevance" or not fused:
            # Shape questions ("the cheapest", "most expensive") range over the whole filtered set,
            # never only over the relevance top-k.
            for pid in allowed:
                fused.setdefault(pid, 0.0)
        matches = [
            Match(
                product=self.catalog.by_id[pid],
                variant=allowed[pid],
                relevance=score,
                dense=dense.get(pid, 0.0),
                lexical=lexical.get(pid, 0.0),
            )
            for pid, score in fused.items()
        ]
        matches.sort(key=lambda m: -m.relevance)
        return matches, len(allowed)

    # --- with relaxation ---------------------------------------------------------------------
    def search(self, text: str, constraints: Constraints) -> RetrievalResult:
        timings: dict[str, float] = {}
        matches, total = self._search_once(text, constraints, timings)
        result = RetrievalResult(matches, constraints, [], total, timings)
        if matches or not self.options.use_filters:
            return result
        current = constraints
        for label, relaxed in relaxation_steps(constraints):
            current = relaxed
            matches, total = self._search_once(text, current, timings)
            result.relaxed.append(label)
            if matches:
                return RetrievalResult(matches, current, result.relaxed, total, timings)
        return RetrievalResult([], constraints, [], 0, timings)


def relaxation_steps(c: Constraints) -> list[tuple[str, Constraints]]:
    """Cumulative relaxations, in order: colour, then brand, then size, then price by 10% and 25%.

    The category is never relaxed (a shop that has no tents says so), and neither is anything the
    shopper marked as the only acceptable choice.
    """
    steps: list[tuple[str, Constraints]] = []
    current = c
    if (current.colors or current.exclude_colors) and not current.only:
        current = replace(current, colors=[], exclude_colors=[])
        steps.append(("colour", current))
    if current.brands and not current.only:
        current = replace(current, brands=[])
        steps.append(("brand", current))
    if current.sizes and not current.only:
        current = replace(current, sizes=[])
        steps.append(("size", current))
    for pct in (10, 25):
        if current.price_max is None and current.price_min is None:
            break
        current = replace(
            current,
            price_max=None if c.price_max is None else round(c.price_max * (1 + pct / 100), 2),
            price_min=None if c.price_min is None else round(c.price_min * (1 - pct / 100), 2),
        )
        steps.append((f"price by {pct}%", current))
    return steps
