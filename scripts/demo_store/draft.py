"""A product before ids, stock and reviews (``Draft``), its category, and the colours and sizes to draw."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from .basics import Attrs

COLORS = [
    "black", "white", "grey", "navy", "blue", "red", "green", "olive", "beige", "brown", "pink",
    "purple", "yellow", "orange", "teal", "silver",
]  # fmt: skip
SHOE_COLORS = ["black", "white", "grey", "navy", "blue", "red", "green", "orange", "pink", "teal", "purple"]
OUTDOOR_COLORS = ["black", "grey", "olive", "brown", "green", "navy", "orange", "blue", "beige", "red"]
APPAREL_COLORS = [
    "black", "white", "grey", "navy", "blue", "red", "green", "olive", "beige", "pink", "purple", "yellow",
    "teal", "brown",
]  # fmt: skip
TECH_COLORS = ["black", "white", "grey", "silver", "navy", "blue", "pink", "green", "teal", "purple"]

SHOE_SIZES = {
    "men": [str(s) for s in range(40, 47)],
    "women": [str(s) for s in range(38, 44)],
    "unisex": [str(s) for s in range(38, 47)],
}
CLOTHING_SIZES = ["XS", "S", "M", "L", "XL", "XXL"]
SOCK_SIZES = ["S", "M", "L", "XL"]
SOCK_RANGES = {"S": "EU 35-38", "M": "EU 39-42", "L": "EU 43-46", "XL": "EU 47-49"}

# Real phone models, named only to say which phone a case fits.
PHONE_FAMILIES: dict[str, list[str]] = {
    "iPhone 17": ["iPhone 17", "iPhone 17 Pro", "iPhone 17 Pro Max"],
    "iPhone 16": ["iPhone 16", "iPhone 16 Plus", "iPhone 16 Pro", "iPhone 16 Pro Max"],
    "Galaxy S25": ["Galaxy S25", "Galaxy S25+", "Galaxy S25 Ultra"],
    "Pixel 10": ["Pixel 10", "Pixel 10 Pro", "Pixel 10 Pro XL"],
    "Pixel 9": ["Pixel 9", "Pixel 9 Pro", "Pixel 9 Pro XL"],
}


@dataclass
class Draft:
    """A product before ids, stock, ratings and reviews are attached."""

    kind: str  # internal product kind, drives bought-together rules
    title: str
    brand: str
    price: float
    attrs: Attrs
    intro: list[str]  # alternatives for the opening sentence
    features: list[str]  # true statements about this product; 1-3 are used
    praise: list[str]  # review lines consistent with the attributes
    tags: list[str]
    axis: str = ""  # variant axis: "shoe", "clothing", "sock", "phone" or "" for none
    colors: list[str] = field(default_factory=list)
    sizes: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    big_size_premium: float = 0.0

    def sized(
        self,
        axis: str,
        colors: list[str],
        sizes: list[str] | None = None,
        *,
        phones: list[str] | None = None,
        premium: float = 0.0,
    ) -> Draft:
        """Give the product variants along ``axis``: one per colour and size (or per phone model)."""
        self.axis, self.colors, self.big_size_premium = axis, colors, premium
        self.sizes, self.phones = sizes or [], phones or []
        return self


@dataclass(frozen=True)
class CategorySpec:
    name: str
    count: int  # how many products to draw
    make: Callable[[random.Random, str, int], Draft]  # (rng, brand, slot) -> a product
    brands: tuple[str, ...]
