"""Ranking metrics over graded relevance (grades come from `labels.grades`)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def dcg(gains: Sequence[int], k: int) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:k]))


def ndcg_at(ranked: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    ideal = dcg(sorted(grades.values(), reverse=True), k)
    return dcg([grades.get(pid, 0) for pid in ranked], k) / ideal if ideal > 0 else 0.0


def recall_at(ranked: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    """Share of the relevant items found in the top k, capped at k so a 40-item answer set can score 1."""
    relevant = {pid for pid, g in grades.items() if g > 0}
    if not relevant:
        return 0.0
    found = len(relevant & set(ranked[:k]))
    return found / min(k, len(relevant))


def reciprocal_rank(ranked: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    for i, pid in enumerate(ranked[:k]):
        if grades.get(pid, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0
