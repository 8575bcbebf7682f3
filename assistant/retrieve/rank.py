"""Final order of the matches: relevance, wishes, rating evidence, explicit sort, diversity, and
hooks for personal signals (a `Personalizer` supplies per-product affinity)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.contracts import Constraints
from assistant.retrieve.lexical import tokenize
from assistant.retrieve.products import Match


class Personalizer(Protocol):
    def affinity(self, product_id: str) -> float:
        """0..1: how well this product fits what we know of the shopper."""
        ...


@dataclass(frozen=True)
class PersonalSignals:
    """What a richer personalizer knows about one product, each on its own scale."""

    affinity: float = 0.0  # 0..1 fit with the shopper's purchases and stated preferences
    copurchase: float = 0.0  # 0..1 item-item similarity to what the shopper bought
    prior: float = 0.0  # -1..1 feedback prior (thumbs, clicks) from all shoppers


@dataclass(frozen=True)
class RankWeights:
    relevance: float = 1.0  # fused retrieval relevance, normalised to 0..1 within the list
    wishes: float = 0.35  # share of soft wishes ("light", "comfortable") found in the item's text
    rating: float = 0.25  # Bayesian-smoothed rating, so 5.0 from 2 reviews does not beat 4.7 from 900
    personal: float = 0.3  # affinity from a Personalizer, when one is given
    same_brand_penalty: float = 0.15  # per earlier pick of the same brand: variety in a short list
    copurchase: float = 0.0  # co-purchase signal, when the personalizer gives `signals`
    feedback: float = 0.0  # feedback prior, when the personalizer gives `signals`
    # Share of the shopper's words in the title: fused relevance is compressed (reciprocal ranks
    # differ by a few %), so without it ratings outrank the product the shopper named.
    title: float = 0.5

    @classmethod
    def from_settings(cls, settings: object) -> RankWeights:
        """The blend configured in Settings (rank_weight_*); defaults for anything missing."""
        base = cls()
        return cls(
            relevance=float(getattr(settings, "rank_weight_relevance", base.relevance)),
            wishes=float(getattr(settings, "rank_weight_wishes", base.wishes)),
            rating=float(getattr(settings, "rank_weight_rating", base.rating)),
            personal=float(getattr(settings, "rank_weight_personal", base.personal)),
            same_brand_penalty=base.same_brand_penalty,
            copurchase=float(getattr(settings, "rank_weight_copurchase", base.copurchase)),
            feedback=float(getattr(settings, "rank_weight_feedback", base.feedback)),
            title=float(getattr(settings, "rank_weight_title", base.title)),
        )


def personal_score(personalizer: Personalizer, product_id: str, w: RankWeights) -> float:
    """The personal part of a score: affinity only, or the full blend when `signals` is offered."""
    signals = getattr(personalizer, "signals", None)
    if signals is None:
        return w.personal * personalizer.affinity(product_id)
    s: PersonalSignals = signals(product_id)
    return w.personal * s.affinity + w.copurchase * s.copurchase + w.feedback * s.prior


def bayesian_rating(rating: float | None, count: int, prior: float = 4.0, weight: int = 20) -> float:
    if rating is None or count <= 0:
        return prior
    return (rating * count + prior * weight) / (count + weight)


def wish_fit(match: Match, wishes: Sequence[str]) -> float:
    if not wishes:
        return 0.0
    text = set(tokenize(f"{match.product.title} {match.product.description} {' '.join(match.product.tags)}"))
    hits = 0
    for wish in wishes:
        words = [w for w in tokenize(wish) if w not in {"not", "too", "very"}]
        if words and all(w in text for w in words):
            hits += 1
    return hits / len(wishes)


def rank_matches(
    matches: Sequence[Match],
    constraints: Constraints,
    k: int,
    weights: RankWeights | None = None,
    personalizer: Personalizer | None = None,
) -> list[Match]:
    if not matches:
        return []
    w = weights or RankWeights()
    if constraints.sort == "price_asc":
        return sorted(matches, key=lambda m: (m.price, -m.relevance))[:k]
    if constraints.sort == "price_desc":
        return sorted(matches, key=lambda m: (-m.price, -m.relevance))[:k]
    top_rel = max(m.relevance for m in matches) or 1.0

    def base_score(m: Match) -> float:
        rating = (bayesian_rating(m.product.rating, m.product.review_count) - 3.0) / 2.0
        score = w.relevance * (m.relevance / top_rel) + w.wishes * wish_fit(m, constraints.wishes)
        score += w.title * m.title_fit
        score += (w.rating * 2 if constraints.sort == "rating" else w.rating) * rating
        if personalizer is not None:
            score += personal_score(personalizer, m.product.id, w)
        return score

    scored = sorted(matches, key=base_score, reverse=True)
    pool = scored[: max(k * 4, 20)]
    base = {id(m): base_score(m) for m in pool}
    picked: list[Match] = []
    brand_count: dict[str, int] = {}
    while pool and len(picked) < k:
        best = max(
            pool, key=lambda m: base[id(m)] - w.same_brand_penalty * brand_count.get(m.product.brand, 0)
        )
        pool.remove(best)
        picked.append(best)
        brand_count[best.product.brand] = brand_count.get(best.product.brand, 0) + 1
    return picked


def ndcg(relevances: Sequence[float], ideal: Sequence[float], k: int = 10) -> float:
    def dcg(values: Sequence[float]) -> float:
        return sum((2**r - 1) / math.log2(i + 2) for i, r in enumerate(values[:k]))

    best = dcg(sorted(ideal, reverse=True))
    return dcg(relevances) / best if best > 0 else 0.0
