"""Hybrid product search: dense (Chroma, filtered by `where`) + BM25 over the same filtered set,
fused by reciprocal rank, checked variant by variant, relaxed in a stated order when empty."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from assistant.contracts import Constraints
from assistant.records import Product, Variant
from assistant.retrieve.catalog import Catalog, columns_are_exact
from assistant.retrieve.lexical import tokenize
from assistant.retrieve.matching import match_variant, where_clause
from assistant.storage.vectors import VectorStore

RRF_K = 60  # the usual reciprocal-rank-fusion constant; small changes barely move results


@dataclass(frozen=True)
class Match:
    product: Product
    variant: Variant | None
    relevance: float  # fused relevance, higher is better
    dense: float  # cosine similarity (0 when the dense search did not return it)
    lexical: float  # BM25 score (0 when no query word matched)
    title_fit: float = 0.0  # share of the query's words found in the title (how shoppers name things)

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
    def _allowed(self, c: Constraints) -> tuple[np.ndarray, np.ndarray | None]:
        """Positions of the products that satisfy every hard constraint, and per catalog position
        the index in `product.variants` of the variant to show (-1: the product itself; None: the
        precomputed cheapest/dearest in-stock variant applies).

        The facet columns narrow the catalog in numpy; the variant table then decides exactly what
        `match_variant` decides, variant by variant, over the survivors' rows (not at all when the
        columns are already exact for these constraints). `match_variant` runs only for what the
        table cannot decide.
        """
        n = len(self.catalog.products)
        if not self.options.use_filters:
            return np.arange(n), np.full(n, -1, dtype=np.int64)
        mask = self.catalog.facets.candidates(c)
        if columns_are_exact(c):
            return np.flatnonzero(mask), None
        table = self.catalog.variant_table
        chosen = np.full(n, -1, dtype=np.int64)
        if table.can_decide(c):
            positions, variants = table.match(c, mask)
            chosen[positions] = variants
            return positions, chosen
        products = self.catalog.products
        found: list[int] = []
        for i in np.flatnonzero(mask).tolist():
            ok, variant = match_variant(products[i], c)
            if ok:
                found.append(i)
                if variant is not None:
                    chosen[i] = next(j for j, v in enumerate(products[i].variants) if v is variant)
        return np.array(found, dtype=np.int64), chosen

    def _variant(self, i: int, c: Constraints, variants: np.ndarray | None) -> Variant | None:
        if variants is not None:
            j = int(variants[i])
            return None if j < 0 else self.catalog.products[i].variants[j]
        facets = self.catalog.facets
        return facets.dearest[i] if c.sort == "price_desc" else facets.cheapest[i]

    def _dense(
        self, query_vec: np.ndarray, c: Constraints, allowed: np.ndarray, is_allowed: np.ndarray
    ) -> dict[int, float]:
        """Cosine similarity of the top candidates among the allowed products, best first."""
        k = self.options.candidate_k
        vectors = self.catalog.vectors
        if vectors is None:  # a catalog built without its vectors: ask the store, pre-filtered
            where = where_clause(c, self.variant_keys) if self.options.use_filters else None
            hits = self.store.query("products", query_vec, k, where)
            position = self.catalog.position
            return {position[h.id]: h.score for h in hits if h.id in position and is_allowed[position[h.id]]}
        # Exact search in memory: one matrix-vector product over the allowed rows (all rows when
        # most are allowed, which is cheaper than gathering them).
        q = np.asarray(query_vec, dtype=np.float32)
        if len(allowed) * 3 > len(vectors):
            sims = vectors @ q
            sims[~is_allowed] = -np.inf
            rows = np.arange(len(vectors))
        else:
            rows = allowed
            sims = vectors[allowed] @ q
        top = _top(sims, k)
        return {int(rows[j]): float(sims[j]) for j in top if np.isfinite(sims[j])}

    def _search_once(self, text: str, c: Constraints, timings: dict[str, float]) -> tuple[list[Match], int]:
        opts = self.options
        started = time.perf_counter()
        query_vec = self.embed_query(text or " ".join(c.categories) or "popular products")
        timings["embed"] = timings.get("embed", 0.0) + (time.perf_counter() - started) * 1000

        started = time.perf_counter()
        allowed, variants = self._allowed(c)
        timings["filter"] = timings.get("filter", 0.0) + (time.perf_counter() - started) * 1000
        if len(allowed) == 0:
            return [], 0
        is_allowed = np.zeros(len(self.catalog.products), dtype=bool)
        is_allowed[allowed] = True

        started = time.perf_counter()
        dense = self._dense(query_vec, c, allowed, is_allowed)
        timings["dense"] = timings.get("dense", 0.0) + (time.perf_counter() - started) * 1000

        started = time.perf_counter()
        lexical: dict[int, float] = {}
        if opts.use_lexical and text.strip():
            local = self.catalog.lexical.scores(text)[allowed]
            lexical = {
                int(allowed[i]): float(local[i]) for i in _top(local, opts.candidate_k) if local[i] > 0
            }
        timings["lexical"] = timings.get("lexical", 0.0) + (time.perf_counter() - started) * 1000

        fused: dict[int, float] = {}
        for weight, ranking in ((opts.dense_weight, dense), (opts.lexical_weight, lexical)):
            for rank, pos in enumerate(sorted(ranking, key=lambda i: -ranking[i])):
                fused[pos] = fused.get(pos, 0.0) + weight / (RRF_K + rank + 1)
        if c.sort != "relevance" or not fused:
            # Shape questions ("the cheapest", "most expensive") range over the whole filtered set,
            # never only over the relevance top-k.
            for pos in allowed.tolist():
                fused.setdefault(pos, 0.0)
        products = self.catalog.products
        asked = set(tokenize(text))
        matches = [
            Match(
                product=products[pos],
                variant=self._variant(pos, c, variants),
                relevance=score,
                dense=dense.get(pos, 0.0),
                lexical=lexical.get(pos, 0.0),
                title_fit=title_fit(asked, products[pos].title) if pos in lexical else 0.0,
            )
            for pos, score in fused.items()
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
    """Cumulative relaxations, in order: colour, then brand, then size, then price by 10% and 25%,
    then a named product line.

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
    while current.names:
        # Last: the product line the shopper named outranks every other wish (said in the answer).
        # Names come broadest first, so "iphone 14" goes before "iphone".
        current = replace(current, names=current.names[:-1])
        steps.append(("name", current))
    return steps


def title_fit(asked: set[str], title: str) -> float:
    """Share of the query's words (as BM25 tokenises them) that the title holds."""
    if not asked:
        return 0.0
    return len(asked & set(tokenize(title))) / len(asked)


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k highest scores, best first (ties by index, as a stable sort gives)."""
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    if len(scores) > k:
        part = np.argpartition(-scores, k - 1)[:k]
        return part[np.lexsort((part, -scores[part]))]
    return np.argsort(-scores, kind="stable")
