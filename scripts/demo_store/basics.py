"""The seed, the shop's constants and the deterministic draws every generator module uses."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

SEED = 20261124
SHOP_URL = "https://demo-shop.example"
TODAY = date(2026, 11, 24)  # "now" for order statuses: recent orders are still open

T = TypeVar("T")
Attrs = dict[str, Any]


def slugify(text: str) -> str:
    text = text.lower().replace("&", "and").replace("'", "").replace("+", " plus")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def one(rng: random.Random, items: Sequence[T]) -> T:
    return items[rng.randrange(len(items))]


def spread(slot: int, pairs: Sequence[tuple[T, float]]) -> T:
    """Deterministic low-discrepancy pick: consecutive slots cover every option in proportion to its weight,
    so even a rare kind (say, charging cables) appears in a category of 26 products."""
    point = (slot * 0.6180339887 + 0.31) % 1.0 * sum(p[1] for p in pairs)
    for value, weight in pairs:
        point -= weight
        if point < 0:
            return value
    return pairs[-1][0]


def weighted(rng: random.Random, pairs: Sequence[tuple[T, float]]) -> T:
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]
