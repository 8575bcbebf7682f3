"""Prices (brand position, shop rounding) and the variants of a product along its colour/size axis."""

from __future__ import annotations

import random
from typing import Any

from .basics import one, slugify
from .draft import Draft

# --- brands ---------------------------------------------------------------------------------
# Invented names only. The multiplier sets a brand's price position, so "premium brand" is learnable.
BRAND_TIER: dict[str, float] = {
    "Stridewell": 1.0, "Kestrelle": 1.18, "Fleetwing": 0.85, "Pacekeeper": 0.95, "Trailmark": 1.05,
    "Ridgeback Outfitters": 1.12, "Norrvik": 1.22, "Tarn & Fell": 1.0, "Alpenhorn": 1.1,
    "Greyfell": 1.08, "Halden": 0.9, "Marlow & Finch": 1.15, "Loomwell": 0.95, "Mossgrove": 1.0,
    "Packhound": 0.92, "Transitware": 1.05, "Pennant": 0.88, "Aurelo Audio": 1.25, "Quillon": 0.98,
    "Wavecrest": 0.85, "Fenwick Sound": 1.1, "Voltline": 0.9, "Shellguard": 1.0, "Casetta": 0.85,
    "Ampwell": 0.95, "Ohmbridge": 1.1, "Copperleaf": 1.2, "Hearthwell": 1.0, "Saltmarsh Kitchen": 0.88,
    "Driftwood Supply": 0.95, "Cirrus Home": 1.05, "Deskcraft": 1.1, "Glowmere": 0.92,
    "Dewbloom": 0.9, "Aloria Botanics": 1.2, "Clearleaf": 0.85, "Solenne": 1.1, "Juniper & Vale": 1.3,
    "Brickwise": 1.0, "Tinkerloft": 0.88, "Blocksmith": 1.12, "Little Foundry": 0.95, "Emberlight": 0.9,
}  # fmt: skip


def shop_price(rng: random.Random, raw: float, low: float, high: float) -> float:
    """Round a computed price the way shops do: x.99 / x.95 / whole dollars, within the category range."""
    value = min(high, max(low, raw))
    if value < 20:
        return float(int(value)) + one(rng, [0.99, 0.99, 0.49, 0.95])
    if value < 200:
        return float(int(value)) + one(rng, [0.99, 0.99, 0.95, 0.0, 0.0])
    return float(round(value / 5.0) * 5) - one(rng, [0.01, 0.01, 0.0, 0.05])


def brand_price(
    rng: random.Random,
    brand: str,
    base: float,
    jitter: tuple[float, float],
    bounds: tuple[float, float],
    markup: float = 1.0,
) -> float:
    """The shop price of a product whose generic price is ``base``, at the brand's price position, give or
    take ``jitter``, rounded the shop's way within the category's ``bounds``."""
    return shop_price(rng, base * BRAND_TIER[brand] * markup + rng.uniform(*jitter), *bounds)


def size_premium(rng: random.Random, chance: float, amount: float) -> float:
    """Some products cost a little more in their largest sizes (EU 45-46 shoes, XXL, Max/Ultra/XL phones)."""
    return amount if rng.random() < chance else 0.0


def make_variants(
    rng: random.Random, pid: str, draft: Draft, price: float, sold_out: bool
) -> list[dict[str, Any]]:
    """One variant per colour and size (or per phone model and colour); the largest cost the premium."""
    cells: list[tuple[str, dict[str, str], bool]]  # (name in the id, attributes, largest size?)
    if draft.axis == "phone":
        cells = [
            (phone, {"fits_phone": phone, "color": color}, any(w in phone for w in ("Max", "Ultra", "XL")))
            for phone in draft.phones
            for color in draft.colors
        ]
    elif draft.axis:
        big = {"shoe": ("45", "46"), "clothing": ("XXL",), "sock": ("XL",)}[draft.axis]
        cells = [
            (size, {"size": size, "color": color}, size in big)
            for color in draft.colors
            for size in draft.sizes
        ]
    else:
        return []
    rows: list[dict[str, Any]] = [
        {
            "id": f"{pid}-{slugify(name)}-{attributes['color']}",
            "attributes": attributes,
            "price": round(price + (draft.big_size_premium if largest else 0.0), 2),
            "in_stock": rng.random() > 0.12,
        }
        for name, attributes, largest in cells
    ]
    if sold_out:
        for row in rows:
            row["in_stock"] = False
    elif not any(row["in_stock"] for row in rows):
        rows[0]["in_stock"] = True
    return rows
