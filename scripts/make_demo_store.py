"""Generate the demo store in ``knowledge/``: catalog, FAQs, policy pages, customers and orders.

Run ``python scripts/make_demo_store.py [--out DIR]``. The output is a pure function of the seed: the
same code writes the same bytes, so ``tests/unit/test_demo_store.py`` can regenerate the store into a
temp dir and compare it with the committed files. Nothing here touches the network or a model; all
text comes from templates whose every sentence is derived from the product's own attributes, so a
description never contradicts the facts the assistant filters on.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.schema import Customer, FaqEntry, Order, Product  # noqa: E402

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


def shop_price(rng: random.Random, raw: float, low: float, high: float) -> float:
    """Round a computed price the way shops do: x.99 / x.95 / whole dollars, within the category range."""
    value = min(high, max(low, raw))
    if value < 20:
        return float(int(value)) + one(rng, [0.99, 0.99, 0.49, 0.95])
    if value < 200:
        return float(int(value)) + one(rng, [0.99, 0.99, 0.95, 0.0, 0.0])
    return float(round(value / 5.0) * 5) - one(rng, [0.01, 0.01, 0.0, 0.05])


def fix_articles(text: str) -> str:
    """Templates write "a" everywhere; switch to "an" before a vowel sound (an 8 W lamp, an organic tee)."""
    return re.sub(r"\b([Aa]) (?=[aeioAEIO]|8|1[18]\b|1[18][- ])", r"\1n ", text)


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeio" else "a"


def listing(words: Sequence[str]) -> str:
    words = list(words)
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


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


def gender_word(gender: str) -> str:
    return {"men": "Men's ", "women": "Women's "}.get(gender, "")


def color_note(rng: random.Random, colors: list[str]) -> str:
    if len(colors) == 1:
        return one(rng, [f"Comes in {colors[0]}.", f"Offered in {colors[0]}."])
    return one(rng, [f"Available in {listing(colors)}.", f"Choose from {listing(colors)}."])


def size_note(sizes: list[str], kind: str) -> str:
    if kind == "shoe":
        return f"Stocked in EU sizes {sizes[0]} to {sizes[-1]}."
    return f"Sizes run from {sizes[0]} to {sizes[-1]}."


# --- category makers -------------------------------------------------------------------------
# Each maker draws one product: attributes first, then text derived only from those attributes.

RUN_MODELS = [
    "Tempo", "Glide", "Surge", "Drift", "Zephyr", "Apex", "Cadence", "Pacer", "Swift", "Flux", "Vela",
    "Comet", "Rally", "Sprint", "Horizon", "Torrent", "Quill", "Arrow", "Nova", "Breeze", "Rush", "Echo",
    "Kinetic", "Lumen", "Halo", "Vector", "Vireo", "Tailwind", "Slipstream", "Falcon", "Jetstream",
    "Blaze", "Meteor", "Sonic", "Strider", "Cinder", "Mistral", "Orbit", "Razor", "Fathom", "Photon",
    "Skylark", "Kite", "Lark", "Racer", "Glint", "Rapid", "Dart",
]  # fmt: skip


def make_running_shoe(rng: random.Random, brand: str, slot: int) -> Draft:
    terrain = spread(slot, [("road", 0.65), ("trail", 0.35)])
    gender = weighted(rng, [("men", 0.4), ("women", 0.4), ("unisex", 0.2)])
    racing = terrain == "road" and rng.random() < 0.18
    cushioning = "light" if racing else weighted(rng, [("light", 0.2), ("moderate", 0.5), ("max", 0.3)])
    if terrain == "road":
        material = one(rng, ["engineered mesh", "knit", "recycled mesh"])
    else:
        material = one(rng, ["ripstop mesh", "engineered mesh", "recycled mesh"])
    waterproof = terrain == "trail" and rng.random() < 0.35
    drop = one(rng, [6, 8]) if racing else one(rng, [0, 4, 4, 6, 8, 8, 10, 12])
    weight = {"light": 205, "moderate": 255, "max": 290}[cushioning] + rng.randint(-20, 25)
    weight += 35 if terrain == "trail" else 0
    weight -= 25 if gender == "women" else 0
    colors = rng.sample(SHOE_COLORS, one(rng, [1, 1, 2, 2, 3]))
    attrs: Attrs = {
        "color": colors[0], "material": material, "gender": gender, "terrain": terrain,
        "cushioning": cushioning, "drop_mm": drop, "weight_g": weight, "waterproof": waterproof,
    }  # fmt: skip
    features = []
    if terrain == "trail":
        lug = one(rng, [3.5, 4.0, 5.0, 6.0])
        attrs["lug_mm"] = lug
        features.append(
            one(
                rng,
                [
                    f"{lug:g} mm lugs bite into mud and loose gravel.",
                    f"The outsole's {lug:g} mm lugs hold on wet roots and rocky descents.",
                ],
            )
        )
    if racing:
        attrs["carbon_plate"] = True
        features.append("A full-length carbon plate adds snap for race day.")
    features.append(
        one(
            rng,
            [
                f"The {material} upper breathes well on warm days.",
                f"A {material} upper wraps the foot without pressure points.",
            ],
        )
    )
    if drop == 0:
        features.append("A zero-drop platform keeps heel and forefoot level for a natural stride.")
    elif drop <= 6:
        features.append(f"The {drop} mm heel-to-toe drop suits runners who land on the midfoot.")
    else:
        features.append(f"A {drop} mm heel-to-toe drop gives heel strikers a smooth roll forward.")
    features.append(
        one(
            rng,
            [
                f"Each shoe weighs about {weight} g in EU 42.",
                f"It weighs roughly {weight} g per shoe (EU 42).",
            ],
        )
    )
    features.append(
        {
            "light": "Light cushioning keeps it low and quick for intervals and tempo work.",
            "moderate": "Moderate cushioning balances protection and ground feel for daily training.",
            "max": "A thick, max-cushioned midsole soaks up the impact of every stride.",
        }[cushioning]
    )
    if waterproof:
        features.insert(0, "A waterproof membrane keeps feet dry through puddles and wet grass.")
    elif terrain == "trail":
        features.append("It is not waterproof, so it drains and dries fast after stream crossings.")
    kind_name = "Racing Shoe" if racing else ("Trail Running Shoe" if terrain == "trail" else "Running Shoe")
    if waterproof:
        kind_name = "Waterproof " + kind_name
    model = f"{one(rng, RUN_MODELS)} {rng.randint(1, 6)}"
    title = f"{brand} {model} {gender_word(gender)}{kind_name}"
    use = {
        "light": "fast sessions and race day",
        "moderate": "everyday miles",
        "max": "long runs and recovery days",
    }[cushioning]
    ground = "trails" if terrain == "trail" else "roads and paths"
    intro = [
        f"The {model} is a {cushioning}-cushioned shoe built for {use} on {ground}.",
        f"A {terrain} running shoe for {use}.",
        f"Built for {use}, the {model} is at home on {ground}.",
    ]
    praise = ["Runs true to size.", "Comfortable right out of the box.", "Great lockdown around the heel."]
    if waterproof:
        praise += [
            "Kept my feet dry on a wet trail.",
            "Splashed through puddles all week and my socks stayed dry.",
        ]
    if terrain == "trail":
        praise += ["Grippy on muddy descents.", "Confident on loose gravel and roots."]
    if cushioning == "max":
        praise += ["Plenty of cushion for my long Sunday runs.", "My knees feel fine after 20 km in these."]
    if cushioning == "light" or weight < 230:
        praise += ["Feels fast and light on tempo days.", "I barely notice them on my feet."]
    if drop <= 4:
        praise.append("Took two weeks to adapt to the low drop, now I love it.")
    if racing:
        praise.append("Took three minutes off my half marathon time.")
    price: float = 66 + {"light": 0, "moderate": 16, "max": 42}[cushioning] + (22 if waterproof else 0)
    price += 105 if racing else 0
    price = shop_price(rng, price * BRAND_TIER[brand] + rng.uniform(-20, 22), 49, 189)
    tags = ["running"]
    if weight < 230:
        tags.append("lightweight")
    if "recycled" in material:
        tags.append("eco")
    if waterproof:
        tags.append("waterproof")
    if racing:
        tags.append("race day")
    return Draft(
        "running shoe",
        title,
        brand,
        price,
        attrs,
        intro,
        features,
        praise,
        tags,
        axis="shoe",
        colors=colors,
        sizes=SHOE_SIZES[gender],
        big_size_premium=5.0 if rng.random() < 0.3 else 0.0,
    )


HIKE_MODELS = [
    "Summit", "Cairn", "Ridge", "Scree", "Talus", "Fjell", "Moraine", "Cirque", "Crag", "Basalt",
    "Granite", "Switchback", "Larch", "Juniper", "Bluff", "Highpass", "Timberline", "Corrie", "Ascent",
    "Outlier", "Tor", "Gully", "Massif", "Escarpment", "Ptarmigan", "Ibex", "Chamois", "Heather",
    "Bracken", "Glen", "Saddle", "Arete", "Couloir", "Boulder", "Ravine", "Pinnacle", "Gorge", "Bothy",
    "Cornice", "Heathland",
]  # fmt: skip


def make_hiking_shoe(rng: random.Random, brand: str, slot: int) -> Draft:
    cut = spread(slot, [("low", 0.35), ("mid", 0.45), ("high", 0.2)])
    gender = weighted(rng, [("men", 0.42), ("women", 0.42), ("unisex", 0.16)])
    material = one(rng, ["full-grain leather", "suede", "synthetic", "nubuck", "recycled synthetic"])
    waterproof = rng.random() < 0.65
    insulated = cut == "high" and rng.random() < 0.45
    lug = one(rng, [4.0, 4.5, 5.0, 6.0])
    weight = {"low": 390, "mid": 520, "high": 640}[cut] + rng.randint(-40, 50) + (60 if insulated else 0)
    weight -= 50 if gender == "women" else 0
    colors = rng.sample(["brown", "grey", "black", "olive", "beige", "navy", "teal"], one(rng, [1, 1, 2]))
    season = "winter" if insulated else one(rng, ["3-season", "3-season", "summer"])
    attrs: Attrs = {
        "color": colors[0], "material": material, "gender": gender, "cut": cut, "waterproof": waterproof,
        "insulated": insulated, "lug_mm": lug, "weight_g": weight, "season": season,
    }  # fmt: skip
    kind_name = {"low": "Hiking Shoe", "mid": "Mid Hiking Boot", "high": "Backpacking Boot"}[cut]
    if insulated:
        kind_name = "Insulated Winter Boot"
    if waterproof and not insulated:
        kind_name = "Waterproof " + kind_name
    model = f"{one(rng, HIKE_MODELS)} {one(rng, ['', 'II ', 'III ', 'Pro ', 'Lite ', 'XT '])}".strip()
    title = f"{brand} {model} {gender_word(gender)}{kind_name}"
    features = [
        f"The {material} upper "
        + one(
            rng, ["shrugs off scuffs from rock and scree.", "holds its shape over long days on the trail."]
        ),
        f"{lug:g} mm lugs on a sticky rubber outsole grip wet rock and loose dirt.",
        f"Each boot weighs about {weight} g in EU 42."
        if cut != "low"
        else f"Each shoe weighs about {weight} g in EU 42.",
    ]
    if waterproof:
        features.insert(
            0,
            one(
                rng,
                [
                    "A waterproof, breathable membrane keeps water out on rainy hikes.",
                    "A waterproof liner keeps feet dry through bogs and shallow streams.",
                ],
            ),
        )
    else:
        features.append("There is no waterproof liner, which keeps it cooler on dry summer trails.")
    if insulated:
        features.append("Light insulation keeps toes warm on snowy winter walks.")
    if cut != "low":
        features.append(f"The {cut}-cut collar supports the ankle under a loaded pack.")
    intro = {
        "low": [
            f"A nimble low-cut hiking shoe for day hikes and {season} trails.",
            f"The {model} is a low hiker that feels closer to a trail runner than a boot.",
        ],
        "mid": [
            f"A {season} mid boot for day hikes and light overnight trips.",
            f"The {model} mid boot balances ankle support and agility.",
        ],
        "high": [
            "A high-cut boot for multi-day trips with a heavy pack.",
            f"The {model} is built for rough ground and long carries.",
        ],
    }[cut]
    praise = ["Needed almost no break-in.", "Solid grip on slick granite.", "True to size with thick socks."]
    if waterproof:
        praise += ["Kept my feet dry on a wet trail.", "Stood in a creek for a photo, feet stayed dry."]
    if cut != "low":
        praise.append("Great ankle support on rocky descents.")
    if insulated:
        praise.append("Toes stayed warm on a snowy February hike.")
    if cut == "low":
        praise.append("Light enough that I use them for travel too.")
    price: float = (
        {"low": 95, "mid": 135, "high": 175}[cut] + (25 if waterproof else 0) + (30 if insulated else 0)
    )
    price += 15 if "leather" in material else 0
    price = shop_price(rng, price * BRAND_TIER[brand] + rng.uniform(-20, 20), 69, 259)
    tags = ["hiking"] + (["waterproof"] if waterproof else []) + (["winter"] if insulated else [])
    if "recycled" in material:
        tags.append("eco")
    if cut == "low" and weight < 400:
        tags.append("lightweight")
    return Draft(
        "hiking boot",
        title,
        brand,
        price,
        attrs,
        intro,
        features,
        praise,
        tags,
        axis="shoe",
        colors=colors,
        sizes=SHOE_SIZES[gender],
        big_size_premium=5.0 if rng.random() < 0.25 else 0.0,
    )


JACKET_MODELS = [
    "Squall", "Nimbus", "Fjord", "Harbor", "Stratus", "Gale", "Aspen", "Tundra", "Birch", "Cascade",
    "Meridian", "Drizzle", "Northwind", "Skye", "Alder", "Halyard", "Cobalt", "Ember", "Loft", "Rime",
    "Downpour", "Sleet", "Frost", "Sirocco", "Borealis", "Tempest", "Petrel", "Shearwater", "Kittiwake",
    "Solstice", "Equinox", "Glacier", "Hinterland", "Driftline", "Selkie", "Puffin", "Brume", "Haar",
    "Scud", "Ptarmigan", "Flurry", "Thaw",
]  # fmt: skip


def make_jacket(rng: random.Random, brand: str, slot: int) -> Draft:
    kind = spread(
        slot,
        [
            ("rain jacket", 0.24),
            ("down jacket", 0.2),
            ("insulated parka", 0.12),
            ("softshell jacket", 0.16),
            ("fleece jacket", 0.16),
            ("windbreaker", 0.12),
        ],
    )
    gender = weighted(rng, [("men", 0.42), ("women", 0.42), ("unisex", 0.16)])
    spec: dict[str, tuple[list[str], bool, str, str, int, int]] = {
        # kind: materials, waterproof, insulation, season, weight, base price
        "rain jacket": (["recycled nylon", "nylon", "polyester"], True, "none", "spring", 330, 139),
        "down jacket": (["nylon", "recycled nylon"], False, "down", "winter", 390, 199),
        "insulated parka": (["polyester", "recycled polyester"], True, "synthetic", "winter", 1050, 239),
        "softshell jacket": (["stretch polyester", "nylon"], False, "none", "autumn", 480, 119),
        "fleece jacket": (["fleece", "recycled fleece"], False, "none", "autumn", 420, 69),
        "windbreaker": (["ripstop nylon", "polyester"], False, "none", "spring", 190, 59),
    }
    materials, waterproof, insulation, season, base_weight, base_price = spec[kind]
    material = one(rng, materials)
    hood = kind != "fleece jacket" or rng.random() < 0.3
    packable = kind in ("rain jacket", "windbreaker", "down jacket") and rng.random() < 0.6
    weight = base_weight + rng.randint(-60, 80)
    weight -= int(weight * 0.1) if gender == "women" else 0
    colors = rng.sample(APPAREL_COLORS if kind == "fleece jacket" else OUTDOOR_COLORS, one(rng, [1, 2, 2, 3]))
    attrs: Attrs = {
        "color": colors[0], "material": material, "gender": gender, "type": kind, "waterproof": waterproof,
        "insulation": insulation, "hood": hood, "packable": packable, "season": season, "weight_g": weight,
        "machine_washable": kind != "down jacket" or rng.random() < 0.5,
    }  # fmt: skip
    features: list[str] = []
    if insulation == "down":
        fill = one(rng, [600, 650, 700, 750, 800, 850])
        attrs["fill_power"] = fill
        features.append(f"{fill}-fill-power responsibly sourced down traps heat without bulk.")
        base_price += (fill - 600) // 2
    if insulation == "synthetic":
        features.append("Synthetic insulation stays warm even when it gets damp.")
    if waterproof:
        mm = one(rng, [10000, 15000, 20000])
        attrs["waterproof_rating_mm"] = mm
        features.append(f"A {mm:,} mm waterproof shell with taped seams keeps out steady rain.")
        base_price += (mm - 10000) // 500
    elif kind in ("softshell jacket", "windbreaker"):
        features.append("It blocks wind and sheds a light shower but is not waterproof.")
    features.append(f"It weighs about {weight} g in size M.")
    if hood:
        features.append(
            one(
                rng,
                [
                    "An adjustable hood cinches down in gusty weather.",
                    "The hood adjusts at the back and fits over a cap.",
                ],
            )
        )
    if packable:
        features.append("It packs into its own pocket for travel.")
    features.append(
        "Machine washable on a cold, gentle cycle."
        if attrs["machine_washable"]
        else "Spot clean or take it to a down-specialist cleaner."
    )
    model = one(rng, JACKET_MODELS) + one(rng, ["", " Pro", " Lite", " 2", " Trek", " City"])
    title = f"{brand} {model} {gender_word(gender)}{kind.title()}"
    intro = {
        "rain jacket": [
            f"A {material} rain shell for wet commutes and hikes.",
            "A breathable rain jacket that earns its place in every daypack.",
        ],
        "down jacket": [
            "A warm, light down jacket for cold, dry days.",
            f"The {model} is a puffy that layers under a shell or works on its own.",
        ],
        "insulated parka": [
            "A long, waterproof winter parka for freezing commutes.",
            "A hip-length parka built for sleet, snow and long waits at the bus stop.",
        ],
        "softshell jacket": [
            "A stretchy softshell for brisk hikes and bike rides.",
            "A softshell that moves with you on active autumn days.",
        ],
        "fleece jacket": [
            f"A cosy {material} jacket for cool evenings and layering.",
            "A soft mid-layer that doubles as a light jacket around town.",
        ],
        "windbreaker": [
            "A featherweight windbreaker for breezy runs and rides.",
            f"A {material} wind shell that disappears into a pocket until you need it.",
        ],
    }[kind]
    praise = ["Fits true to size with room for a sweater.", "Pockets are in exactly the right place."]
    if waterproof:
        praise += [
            "Stayed dry through a two-hour downpour.",
            "Finally a waterproof jacket that doesn't feel clammy.",
        ]
    if insulation != "none":
        praise += ["Warm enough for minus ten with a base layer.", "So warm I rarely need a heavy sweater."]
    if packable:
        praise.append("Packs down small in my bag.")
    if kind == "fleece jacket":
        praise.append("Soft and warm, my go-to for evenings.")
    price = shop_price(rng, base_price * BRAND_TIER[brand] + rng.uniform(-15, 20), 45, 349)
    tags = ["outerwear"] + (["waterproof"] if waterproof else []) + (["packable"] if packable else [])
    if "recycled" in material:
        tags.append("eco")
    if season == "winter":
        tags.append("winter")
    return Draft(
        kind,
        title,
        brand,
        price,
        attrs,
        intro,
        features,
        praise,
        tags,
        axis="clothing",
        colors=colors,
        sizes=CLOTHING_SIZES,
        big_size_premium=5.0 if rng.random() < 0.4 else 0.0,
    )


TEE_LINES = [
    "Everyday", "Essential", "Heritage", "Field", "Studio", "Weekend", "Coastline", "Daybreak", "Pace",
    "Basecamp", "Harbor", "Fieldnote", "Meadow", "Sunday", "Journey", "Dawn", "Tempo", "Atlas", "Canvas",
    "Linden", "Marina", "Olive", "Hazel", "Fable", "Parkside", "Rowan", "Willow", "Common", "Union",
    "Sable", "Ember", "Loom", "Sundown", "Tidal", "Porch", "Ramble", "Copper", "Easel", "Moss", "Acre",
]  # fmt: skip


def make_tshirt(rng: random.Random, brand: str, slot: int) -> Draft:
    kind = spread(
        slot,
        [
            ("crew tee", 0.3),
            ("v-neck tee", 0.14),
            ("performance tee", 0.2),
            ("long sleeve tee", 0.14),
            ("pocket tee", 0.12),
            ("merino tee", 0.1),
        ],
    )
    gender = weighted(rng, [("men", 0.4), ("women", 0.4), ("unisex", 0.2)])
    material = {
        "crew tee": ["organic cotton", "cotton", "cotton-linen blend"],
        "v-neck tee": ["organic cotton", "cotton", "bamboo lyocell"],
        "performance tee": ["recycled polyester", "polyester"],
        "long sleeve tee": ["organic cotton", "cotton", "recycled polyester"],
        "pocket tee": ["cotton", "organic cotton"],
        "merino tee": ["merino wool"],
    }[kind]
    material_name = one(rng, material)
    fit = one(rng, ["slim", "regular", "regular", "relaxed"])
    gsm = rng.randint(130, 160) if kind == "performance tee" else rng.randint(150, 230)
    wicking = kind in ("performance tee", "merino tee") or (
        kind == "long sleeve tee" and material_name == "recycled polyester"
    )
    colors = rng.sample(APPAREL_COLORS, one(rng, [1, 2, 3, 3, 4]))
    attrs: Attrs = {
        "color": colors[0], "material": material_name, "gender": gender, "type": kind, "fit": fit,
        "sleeve": "long" if kind == "long sleeve tee" else "short",
        "neckline": "v-neck" if kind == "v-neck tee" else "crew", "fabric_weight_gsm": gsm,
        "moisture_wicking": wicking, "machine_washable": True,
    }  # fmt: skip
    features = [
        f"Cut in a {fit} fit from {gsm} gsm {material_name}.",
        one(
            rng,
            [
                "Machine wash cold and tumble dry low.",
                "Machine washable; it keeps its shape wash after wash.",
            ],
        ),
    ]
    if wicking:
        features.append("The fabric wicks sweat and dries quickly after a workout.")
    if material_name == "merino wool":
        features.append("Merino resists odour, so it handles several days of travel between washes.")
    if "organic" in material_name:
        features.append("Made from certified organic cotton grown without synthetic pesticides.")
    if kind == "pocket tee":
        features.append("A chest pocket adds a workwear touch.")
    if gsm >= 200:
        features.append("The heavyweight fabric is opaque and holds its structure.")
    model = one(rng, TEE_LINES)
    title = f"{brand} {model} {gender_word(gender)}{kind.title().replace('V-Neck', 'V-Neck')}"
    if kind == "merino tee":
        title = f"{brand} {model} {gender_word(gender)}Merino Tee"
    intro = [
        f"A {fit}-fit {kind} for everyday wear.",
        f"The {model} {kind} is an easy layer for any season.",
        f"A {material_name} {kind} that works on its own or under a jacket.",
    ]
    if kind == "performance tee":
        intro = [
            f"A {fit}-fit training tee for runs, gym sessions and hot hikes.",
            "A quick-drying tee built for sweaty workouts.",
        ]
    praise = [
        "Washed it a dozen times and it still looks new.",
        "Great fit through the shoulders.",
        "Bought a second colour the week after.",
    ]
    if wicking:
        praise.append("Stays dry on humid runs.")
    if gsm >= 200:
        praise.append("Nice heavy fabric, not see-through at all.")
    if fit == "relaxed":
        praise.append("Relaxed without looking sloppy.")
    price: float = {
        "crew tee": 24,
        "v-neck tee": 24,
        "performance tee": 32,
        "long sleeve tee": 34,
        "pocket tee": 28,
        "merino tee": 62,
    }[kind] + (6 if "organic" in material_name else 0)
    price = shop_price(rng, price * BRAND_TIER[brand] + rng.uniform(-6, 6), 14, 79)
    tags = ["basics"] + (["eco"] if ("organic" in material_name or "recycled" in material_name) else [])
    if wicking:
        tags.append("training")
    if price < 25:
        tags.append("value")
    return Draft(
        kind,
        title,
        brand,
        price,
        attrs,
        intro,
        features,
        praise,
        tags,
        axis="clothing",
        colors=colors,
        sizes=CLOTHING_SIZES,
        big_size_premium=3.0 if rng.random() < 0.3 else 0.0,
    )


SOCK_LINES = [
    "Tempo", "Trail", "Summit", "Daily", "Cushion", "Breeze", "Ridge", "Alpine", "Stride", "Crest", "Flow",
    "Glide", "Hearth", "Marathon", "Pathfinder", "Drift", "Cadence", "Foothill", "Ridgeway", "Lope",
    "Snowline", "Hollow", "Kindle", "Bramble", "Tread", "Bounce", "Heron", "Quarry", "Shale", "Canter",
    "Amble", "Lantern", "Tussock",
]  # fmt: skip


def make_sock(rng: random.Random, brand: str, slot: int) -> Draft:
    activity = spread(slot, [("running", 0.36), ("hiking", 0.3), ("everyday", 0.22), ("skiing", 0.12)])
    height = {
        "running": ["no-show", "ankle", "quarter"],
        "hiking": ["quarter", "crew", "crew"],
        "everyday": ["ankle", "crew"],
        "skiing": ["over-the-calf"],
    }[activity]
    height_name = one(rng, height)
    material = {
        "running": ["polyester blend", "merino wool blend", "nylon blend"],
        "hiking": ["merino wool blend", "merino wool blend", "nylon blend"],
        "everyday": ["organic cotton", "cotton blend", "bamboo viscose blend"],
        "skiing": ["merino wool blend"],
    }[activity]
    material_name = one(rng, material)
    cushioning = {
        "running": ["light", "light", "medium"],
        "hiking": ["medium", "heavy"],
        "everyday": ["light", "medium"],
        "skiing": ["medium", "heavy"],
    }[activity]
    cushion = one(rng, cushioning)
    pack = one(rng, [1, 3, 3, 6]) if activity in ("running", "everyday") else one(rng, [1, 1, 2, 3])
    colors = rng.sample(
        ["black", "white", "grey", "navy", "blue", "green", "pink", "orange", "teal", "olive"],
        one(rng, [1, 2, 3]),
    )
    attrs: Attrs = {
        "color": colors[0], "material": material_name, "gender": "unisex", "activity": activity,
        "height": height_name, "cushioning": cushion, "pack_size": pack, "machine_washable": True,
    }  # fmt: skip
    model = one(rng, SOCK_LINES)
    pack_word = f"{pack}-Pack " if pack > 1 else ""
    title = (
        f"{brand} {model} {cushion.title()} {height_name.title()} {activity.title()} Sock {pack_word}".strip()
    )
    title = title.replace(" Sock ", " Socks ") if pack > 1 else title
    features = [
        f"Knit from a {material_name} with a seamless toe to prevent rubbing.",
        f"{cushion.capitalize()} cushioning under the heel and forefoot.",
        "Sizes: " + ", ".join(f"{s} fits {SOCK_RANGES[s]}" for s in SOCK_SIZES) + ".",
    ]
    if "merino" in material_name:
        features.append("Merino keeps feet warm when wet and resists odour on multi-day trips.")
    if activity == "running":
        features.append("A snug arch band keeps the sock from slipping inside the shoe.")
    if pack > 1:
        features.append(f"Sold as a pack of {pack} pairs.")
    use = {
        "running": "stays put mile after mile",
        "hiking": "cushions long days in boots",
        "everyday": "feels soft from morning to night",
        "skiing": "keeps shins comfortable in ski boots",
    }[activity]
    intro = [
        f"A {height_name} {activity} sock with {cushion} cushioning where it counts.",
        f"The {model} is a {activity} sock that {use}.",
    ]
    praise = ["No blisters after a long day.", "Held up well after many washes.", "Sizing chart was spot on."]
    if "merino" in material_name:
        praise.append("Warm and not itchy at all.")
    if activity == "running":
        praise.append("No slipping or bunching on my long runs.")
    if activity == "hiking":
        praise.append("Comfortable inside my boots on a 20 km hike.")
    price: float = {"running": 14, "hiking": 19, "everyday": 9, "skiing": 26}[activity]
    price = price * (1 + 0.55 * (pack - 1)) + (6 if "merino" in material_name else 0)
    price = shop_price(rng, price * BRAND_TIER[brand] + rng.uniform(-2, 3), 8, 49)
    tags = [activity] + (["multipack"] if pack > 1 else []) + (["gift"] if activity == "skiing" else [])
    return Draft(
        f"{activity} sock",
        title,
        brand,
        price,
        attrs,
        intro,
        features,
        praise,
        tags,
        axis="sock",
        colors=colors,
        sizes=SOCK_SIZES,
    )


PACK_MODELS = [
    "Voyager", "Commuter", "Transit", "Rambler", "Trekker", "Metro", "Scout", "Pathway", "Nomad",
    "Courier", "Wayfarer", "Ranger", "Drifter", "Pioneer", "Rover", "Summit", "Harbor", "Quarry", "Depot",
    "Atlas", "Compass", "Trailhead", "Vagabond", "Expedition", "Outpost", "Hinterland", "Meridian",
    "Errand", "Transom", "Basin", "Stowaway", "Vista", "Cartographer", "Longitude", "Tessera", "Portage",
]  # fmt: skip


def make_backpack(rng: random.Random, brand: str, slot: int) -> Draft:
    kind = spread(
        slot,
        [
            ("daypack", 0.22),
            ("hiking pack", 0.22),
            ("laptop backpack", 0.28),
            ("travel pack", 0.14),
            ("kids' backpack", 0.14),
        ],
    )
    capacity = {
        "daypack": rng.randint(15, 25),
        "hiking pack": one(rng, [28, 32, 36, 40, 45, 50, 55, 65]),
        "laptop backpack": rng.randint(18, 30),
        "travel pack": one(rng, [35, 40, 45]),
        "kids' backpack": rng.randint(8, 14),
    }[kind]
    material = one(
        rng,
        {
            "daypack": ["recycled nylon", "ripstop nylon", "polyester"],
            "hiking pack": ["ripstop nylon", "recycled nylon"],
            "laptop backpack": ["recycled polyester", "waxed canvas", "ballistic nylon", "leather"],
            "travel pack": ["ballistic nylon", "recycled polyester"],
            "kids' backpack": ["polyester", "recycled polyester"],
        }[kind],
    )
    waterproof = material in ("waxed canvas",) or rng.random() < (0.35 if kind != "kids' backpack" else 0.1)
    weight = int(capacity * (38 if kind == "hiking pack" else 30) + rng.randint(120, 420))
    weight += 400 if material == "leather" else 0
    color = one(rng, OUTDOOR_COLORS if kind in ("hiking pack", "daypack") else COLORS)
    attrs: Attrs = {
        "color": color, "material": material, "type": kind, "capacity_l": capacity, "waterproof": waterproof,
        "weight_g": weight,
    }  # fmt: skip
    features = [
        f"{capacity} litres of space "
        + one(
            rng,
            [
                "with a clamshell main compartment.",
                "split between a main pocket and two side pockets.",
                "plus a quick-grab top pocket.",
            ],
        )
    ]
    if kind in ("laptop backpack", "travel pack") or (kind == "daypack" and rng.random() < 0.4):
        laptop = one(rng, [13, 14, 15, 16, 16])
        attrs["laptop_max_in"] = laptop
        features.append(f"A padded sleeve holds a laptop up to {laptop} inches.")
    if kind == "hiking pack":
        attrs["hydration_compatible"] = True
        attrs["frame"] = "internal" if capacity >= 36 else "frameless"
        features.append("It has a sleeve and port for a hydration bladder.")
        if capacity >= 36:
            features.append("An internal frame and padded hip belt move the load onto your hips.")
    if kind == "travel pack":
        features.append("It meets most airlines' carry-on limits and opens flat like a suitcase.")
    if kind == "kids' backpack":
        attrs["age_min"] = one(rng, [3, 4, 5, 6])
        features.append(
            f"Sized for children aged {attrs['age_min']} and up, with a chest strap and reflective trim."
        )
    features.append(
        "The fabric and zips are waterproof, so contents stay dry in a downpour."
        if waterproof
        else "The fabric sheds light rain; add a rain cover for storms."
    )
    features.append(f"It weighs {weight / 1000:.2f} kg empty.")
    model = one(rng, PACK_MODELS) + " " + str(capacity)
    title = f"{brand} {model} {kind.title().replace(chr(39) + 'S', chr(39) + 's')}"
    intro = {
        "daypack": ["A light daypack for city days and short hikes.", f"An everyday {capacity} L pack."],
        "hiking pack": [
            f"A {capacity}-litre hiking pack for long days and overnights.",
            f"The {model} carries a full day's gear in comfort.",
        ],
        "laptop backpack": [
            "A tidy work backpack for the daily commute.",
            f"A {material} commuter pack that keeps a laptop safe and organised.",
        ],
        "travel pack": [
            "A carry-on travel backpack for one-bag trips.",
            "Pack once and skip the baggage carousel.",
        ],
        "kids' backpack": [
            "A small, light school backpack for kids.",
            "A bright backpack sized for little shoulders.",
        ],
    }[kind]
    praise = ["Lots of pockets without being fiddly.", "Comfortable even when fully loaded."]
    if waterproof:
        praise.append("Got caught in heavy rain and my laptop stayed dry.")
    if kind == "hiking pack":
        praise.append("Hip belt carries the weight beautifully on long climbs.")
    if kind == "travel pack":
        praise.append("Fit in the overhead bin on every flight.")
    if kind == "kids' backpack":
        praise.append("My daughter loves it and it survived a whole school year.")
    price = (
        {
            "daypack": 49,
            "hiking pack": 60 + 2.4 * capacity,
            "laptop backpack": 79,
            "travel pack": 149,
            "kids' backpack": 32,
        }[kind]
        + (25 if material == "leather" else 0)
        + (10 if waterproof else 0)
    )
    price = shop_price(rng, price * BRAND_TIER[brand] + rng.uniform(-10, 12), 24, 289)
    tags = ["bags"] + (["waterproof"] if waterproof else []) + (["eco"] if "recycled" in material else [])
    tags += ["travel"] if kind in ("travel pack", "laptop backpack") else []
    tags += ["back to school"] if kind == "kids' backpack" else []
    return Draft(kind, title, brand, price, attrs, intro, features, praise, tags)


AUDIO_MODELS = [
    "Aria", "Cadenza", "Sonata", "Pulse", "Reverb", "Timbre", "Octave", "Tempo", "Crescendo", "Mono",
    "Chord", "Encore", "Lyric", "Verse", "Hush", "Studio", "Riff", "Vibe", "Nocturne", "Cadence",
    "Harmony", "Resonance", "Aurora", "Bassline", "Tremolo", "Fugue", "Motif", "Legato", "Staccato",
    "Rhapsody", "Overture", "Prelude", "Serenade", "Sonnet", "Ballad", "Chorus", "Ostinato", "Interlude",
    "Cantata",
]  # fmt: skip


def make_headphones(rng: random.Random, brand: str, slot: int) -> Draft:
    kind = spread(
        slot,
        [
            ("over-ear headphones", 0.3),
            ("on-ear headphones", 0.15),
            ("true wireless earbuds", 0.32),
            ("sport earbuds", 0.13),
            ("wired earphones", 0.1),
        ],
    )
    wireless = kind != "wired earphones"
    anc = kind in ("over-ear headphones", "true wireless earbuds") and rng.random() < 0.6
    form = {"over-ear headphones": "over-ear", "on-ear headphones": "on-ear"}.get(kind, "in-ear")
    color = one(rng, TECH_COLORS)
    attrs: Attrs = {"color": color, "type": kind, "form": form, "wireless": wireless, "noise_cancelling": anc}
    features: list[str] = []
    if wireless:
        hours = {"over-ear": rng.randint(24, 60), "on-ear": rng.randint(20, 45)}.get(form, rng.randint(5, 10))
        attrs["battery_hours"] = hours
        if form == "in-ear":
            case = hours * one(rng, [3, 4, 5])
            attrs["case_battery_hours"] = case
            features.append(f"Up to {hours} hours per charge and {case} hours in total with the case.")
        else:
            features.append(
                f"Up to {hours} hours of playback per charge" + (" with noise cancelling on." if anc else ".")
            )
        attrs["bluetooth"] = one(rng, ["5.3", "5.3", "5.4"])
        features.append(f"Bluetooth {attrs['bluetooth']} with multipoint pairing for a phone and a laptop.")
    else:
        attrs["connector"] = one(rng, ["3.5 mm", "USB-C"])
        features.append(f"A {attrs['connector']} plug means no charging and no pairing.")
    if anc:
        features.append(
            one(
                rng,
                [
                    "Active noise cancelling hushes trains, planes and open offices.",
                    "Noise cancelling with a transparency mode for announcements.",
                ],
            )
        )
    ip = {
        "sport earbuds": one(rng, ["IPX5", "IPX7"]),
        "true wireless earbuds": one(rng, ["IPX4", "IPX4", "IPX5"]),
        "wired earphones": one(rng, ["none", "IPX4"]),
    }.get(kind, "none")
    attrs["water_resistance"] = ip
    if ip != "none":
        features.append(f"{ip} rated against sweat and splashes.")
    weight = {"over-ear": rng.randint(230, 320), "on-ear": rng.randint(160, 220)}.get(form, rng.randint(4, 7))
    attrs["weight_g"] = weight
    features.append(f"Weighs {weight} g" + (" per earbud." if form == "in-ear" else "."))
    attrs["mic"] = True
    driver = {"over-ear": one(rng, [40, 40, 45, 50]), "on-ear": one(rng, [32, 40])}.get(
        form, one(rng, [6, 10, 11])
    )
    attrs["driver_mm"] = driver
    features.append(
        f"{driver} mm drivers give "
        + one(
            rng, ["a warm, full sound.", "clear vocals and tight bass.", "balanced sound with crisp highs."]
        )
    )
    if kind == "sport earbuds":
        features.append("Flexible ear hooks keep them in place on runs and at the gym.")
    model = one(rng, AUDIO_MODELS) + " " + one(rng, ["", "2", "3", "Pro", "Air", "Max", "Go", "X"])
    model = model.strip()
    title_kind = kind.title().replace("Over-Ear", "Over-Ear").replace("On-Ear", "On-Ear")
    if anc and "Noise" not in title_kind:
        title_kind = "Noise Cancelling " + title_kind
    title = f"{brand} {model} {title_kind}"
    intro = {
        "over-ear headphones": [
            "Comfortable over-ear headphones for long listening sessions.",
            f"The {model} are full-size headphones for travel, work and home.",
        ],
        "on-ear headphones": [
            "Compact on-ear headphones that fold flat into a bag.",
            "Light on-ear headphones for the commute.",
        ],
        "true wireless earbuds": [
            "Pocketable true wireless earbuds with a charging case.",
            f"The {model} earbuds are small, secure and easy to pair.",
        ],
        "sport earbuds": [
            "Secure-fit earbuds built for workouts.",
            "Earbuds that stay put through sprints and burpees.",
        ],
        "wired earphones": [
            "Simple wired earphones with an inline mic.",
            "Plug-in earphones that never need charging.",
        ],
    }[kind]
    praise = ["Sound is clear and well balanced.", "Calls sound great according to my colleagues."]
    if anc:
        praise += ["The noise cancelling makes my train commute peaceful.", "Blocks out the office chatter."]
    if wireless and attrs.get("battery_hours", 0) >= 30:
        praise.append("Battery lasts me a full week of commuting.")
    if form == "over-ear":
        praise.append("Comfortable for hours, even with glasses.")
    if kind == "sport earbuds" or ip in ("IPX5", "IPX7"):
        praise.append("Survived sweaty summer runs without a hiccup.")
    if not wireless:
        praise.append("No batteries to worry about, just plug in and go.")
    price: float = {
        "over-ear headphones": 149,
        "on-ear headphones": 69,
        "true wireless earbuds": 79,
        "sport earbuds": 69,
        "wired earphones": 19,
    }[kind] + ((95 if form == "over-ear" else 60) if anc else 0)
    price = shop_price(rng, price * BRAND_TIER[brand] + rng.uniform(-15, 25), 12, 399)
    tags = ["audio"] + (["noise cancelling"] if anc else []) + (["wireless"] if wireless else [])
    tags += ["gift"] if price > 60 else ["value"]
    return Draft(kind, title, brand, price, attrs, intro, features, praise, tags)


CASE_MODELS = [
    "Armor", "Clarity", "Shield", "Edge", "Aegis", "Halo", "Grip", "Feather", "Bumper", "Guard", "Canvas",
    "Frame", "Slate", "Prism", "Keel", "Vault", "Ridge", "Pebble", "Bastion", "Citadel", "Rampart",
    "Cocoon", "Ember", "Glacier", "Haven", "Mantle", "Onyx", "Quartz", "Shell", "Tundra", "Vista", "Wren",
    "Zenith", "Husk", "Cove",
]  # fmt: skip


def make_phone_case(rng: random.Random, brand: str, slot: int) -> Draft:
    kind = spread(
        slot,
        [
            ("clear case", 0.2),
            ("rugged case", 0.2),
            ("slim case", 0.2),
            ("wallet case", 0.14),
            ("silicone case", 0.16),
            ("leather case", 0.1),
        ],
    )
    family = one(rng, list(PHONE_FAMILIES))
    phones = PHONE_FAMILIES[family]
    material = {
        "clear case": "polycarbonate",
        "rugged case": "TPU and polycarbonate",
        "slim case": "TPU",
        "wallet case": one(rng, ["vegan leather", "leather"]),
        "silicone case": "silicone",
        "leather case": "leather",
    }[kind]
    if kind == "slim case" and rng.random() < 0.4:
        material = "recycled plastic"
    drop_m = {
        "rugged case": one(rng, [3.0, 3.5, 4.0]),
        "clear case": one(rng, [1.5, 2.0]),
        "wallet case": 1.2,
    }.get(kind, one(rng, [1.2, 1.5]))
    magnetic = kind != "wallet case" and rng.random() < 0.6
    colors = ["clear"] if kind == "clear case" else rng.sample(TECH_COLORS, one(rng, [1, 2, 2, 3]))
    if kind in ("leather case", "wallet case"):
        colors = rng.sample(["brown", "black", "beige", "navy", "green"], one(rng, [1, 2]))
    attrs: Attrs = {
        "color": colors[0], "material": material, "type": kind, "fits_phone": ", ".join(phones),
        "drop_tested_m": drop_m, "magnetic_charging": magnetic,
        "wireless_charging_compatible": kind != "wallet case",
    }  # fmt: skip
    if kind == "clear case":
        attrs["color"] = "clear"
    features = [
        f"Made for the {listing(phones)}; pick your model when ordering.",
        f"Drop-tested from {drop_m:g} m onto concrete.",
    ]
    if magnetic:
        features.append("Built-in magnets snap onto magnetic chargers and car mounts.")
    elif kind != "wallet case":
        features.append("Works with standard wireless chargers without taking it off.")
    if kind == "wallet case":
        attrs["card_slots"] = one(rng, [2, 3, 4])
        features.append(f"The folio cover holds {attrs['card_slots']} cards and some cash.")
    if kind == "clear case":
        features.append("An anti-yellowing coating keeps it clear for longer.")
    if kind == "rugged case":
        features.append("Raised edges protect the screen and camera when it lands face down.")
    if kind == "leather case":
        features.append("The leather develops a soft patina with use.")
    if material == "recycled plastic":
        features.append("The shell is made from recycled plastic.")
    model = one(rng, CASE_MODELS)
    title = f"{brand} {model} {kind.title()} for {family}"
    intro = {
        "clear case": ["A crystal-clear case that shows off your phone's colour."],
        "rugged case": [
            "A rugged case for clumsy hands and busy job sites.",
            "Serious drop protection without a bulky brick.",
        ],
        "slim case": ["A thin case that adds almost no bulk.", "A slim, grippy case for everyday carry."],
        "wallet case": ["A folio wallet case that carries your phone, cards and cash in one."],
        "silicone case": ["A soft-touch silicone case with a microfibre lining."],
        "leather case": ["A leather case that ages handsomely."],
    }[kind]
    praise = ["Buttons are clicky and responsive.", "Fits my phone perfectly."]
    if drop_m >= 3:
        praise.append("Dropped it down a flight of stairs and the phone survived.")
    if magnetic:
        praise.append("Magnets are strong, it sticks to my car mount over bumps.")
    if kind == "slim case":
        praise.append("Barely adds any thickness.")
    if kind == "wallet case":
        praise.append("I left my wallet at home for good.")
    price: float = (
        {
            "clear case": 19,
            "rugged case": 39,
            "slim case": 22,
            "wallet case": 35,
            "silicone case": 25,
            "leather case": 49,
        }[kind]
        + (8 if magnetic else 0)
        + (10 if material == "leather" else 0)
    )
    price = shop_price(rng, price * BRAND_TIER[brand] + rng.uniform(-4, 6), 12, 69)
    tags = ["phone"] + (["rugged"] if drop_m >= 3 else []) + (["slim"] if kind == "slim case" else [])
    tags += ["eco"] if material == "recycled plastic" else (["gift"] if "leather" in material else [])
    return Draft(
        kind,
        title,
        brand,
        price,
        attrs,
        intro,
        features,
        praise,
        tags,
        axis="phone",
        colors=colors,
        phones=phones,
        big_size_premium=3.0 if rng.random() < 0.3 else 0.0,
    )


CHARGER_MODELS = [
    "Nano", "Volt", "Surge", "Boost", "Flux", "Dash", "Spark", "Current", "Arc", "Relay", "Joule", "Pylon",
    "Cell", "Grid", "Quanta", "Ion", "Watt", "Ampere", "Circuit", "Dynamo", "Ohm", "Photon", "Tandem",
    "Vortex", "Zap", "Kilowatt", "Torrent", "Beacon", "Capacitor", "Filament", "Solenoid", "Magneto",
    "Lumen", "Coil", "Fuse",
]  # fmt: skip


def make_charger(rng: random.Random, brand: str, slot: int) -> Draft:
    kind = spread(
        slot,
        [
            ("wall charger", 0.3),
            ("power bank", 0.26),
            ("wireless charger", 0.16),
            ("car charger", 0.12),
            ("charging cable", 0.16),
        ],
    )
    color = one(rng, ["black", "white", "grey", "silver", "navy", "blue", "green"])
    attrs: Attrs = {"color": color, "type": kind}
    features: list[str] = []
    if kind == "wall charger":
        watts = one(rng, [20, 30, 45, 65, 100, 140])
        ports = 1 if watts <= 30 else one(rng, [2, 3, 4])
        attrs.update(
            {
                "wattage_w": watts,
                "ports": ports,
                "gan": watts >= 45,
                "foldable_plug": rng.random() < 0.5,
                "material": "polycarbonate",
            }
        )
        name = f"{watts}W {ports}-Port USB-C Wall Charger" if ports > 1 else f"{watts}W USB-C Wall Charger"
        features.append(
            f"Delivers up to {watts} W" + (f" shared across {ports} ports." if ports > 1 else ".")
        )
        features.append(
            "Fast-charges most phones to about 50% in 30 minutes."
            if watts <= 30
            else "Enough power for a laptop and a phone at the same time."
        )
        if attrs["gan"]:
            features.append("GaN components keep it small and cool.")
        if attrs["foldable_plug"]:
            features.append("The prongs fold away so it won't scratch your bag.")
        base = 15 + watts * 0.55 + ports * 4
    elif kind == "power bank":
        mah = one(rng, [5000, 10000, 10000, 20000, 26800])
        watts = one(rng, [20, 30, 45, 65])
        attrs.update(
            {
                "capacity_mah": mah,
                "wattage_w": watts,
                "ports": one(rng, [1, 2, 3]),
                "wireless": mah <= 10000 and rng.random() < 0.4,
                "material": "aluminium",
            }
        )
        name = f"{mah:,} mAh Power Bank"
        features.append(f"{mah:,} mAh is enough for about {max(1, mah // 4500)} full phone charges.")
        features.append(
            f"It outputs up to {watts} W over USB-C and recharges itself in about "
            f"{max(2, mah // 5000)} hours."
        )
        features.append("Under 100 Wh, so it is allowed in airline carry-on bags.")
        if attrs["wireless"]:
            features.append("It also charges phones wirelessly when you set them on top.")
        base = 20 + mah / 600 + watts * 0.3
    elif kind == "wireless charger":
        watts = one(rng, [10, 15, 15])
        stand = rng.random() < 0.5
        attrs.update(
            {
                "wattage_w": watts,
                "wireless": True,
                "stand": stand,
                "material": one(rng, ["aluminium", "fabric", "silicone"]),
            }
        )
        name = f"{watts}W Wireless Charging {'Stand' if stand else 'Pad'}"
        features.append(f"Charges any wireless-charging phone at up to {watts} W.")
        features.append(
            "The stand holds your phone upright for video calls."
            if stand
            else "A non-slip top keeps your phone in place on the nightstand."
        )
        features.append(f"The top is finished in {attrs['material']}.")
        base = 22 + watts * 1.2 + (8 if stand else 0)
    elif kind == "car charger":
        watts = one(rng, [30, 45, 60])
        attrs.update({"wattage_w": watts, "ports": 2, "material": "aluminium"})
        name = f"{watts}W Dual-Port Car Charger"
        features.append(f"Two ports share {watts} W, so driver and passenger charge at once.")
        features.append("It sits flush in a 12 V socket.")
        base = 14 + watts * 0.3
    else:
        length = one(rng, [0.5, 1.0, 1.0, 2.0, 3.0])
        watts = one(rng, [60, 100, 240])
        attrs.update(
            {
                "cable_length_m": length,
                "wattage_w": watts,
                "material": one(rng, ["braided nylon", "silicone"]),
            }
        )
        name = f"{length:g} m USB-C Charging Cable ({watts}W)"
        features.append(f"A {length:g} m {attrs['material']} USB-C to USB-C cable rated for {watts} W.")
        features.append("Tested to 20,000 bends at the connector.")
        base = 9 + length * 4 + watts / 30
    features = [f for f in features if f]
    model = one(rng, CHARGER_MODELS)
    title = f"{brand} {model} {name}"
    intro = [f"A dependable {kind} for home, work and travel.", f"The {model} is a compact {kind}."]
    praise = ["Charges my phone noticeably faster than my old one.", "Solid build, no heat issues."]
    if kind == "power bank":
        praise.append("Got me through a weekend of camping with charge to spare.")
    if kind == "wall charger" and attrs["wattage_w"] >= 65:
        praise.append("Replaced my bulky laptop brick.")
    if kind == "charging cable":
        praise.append("The length is just right for the sofa.")
    price = shop_price(rng, base * BRAND_TIER[brand] + rng.uniform(-3, 5), 9, 129)
    tags = (
        ["charging"]
        + (["travel"] if kind in ("power bank", "wall charger") else [])
        + (["gift"] if kind == "wireless charger" else ["essentials"])
    )
    return Draft(kind, title, brand, price, attrs, intro, features, praise, tags)


KITCHEN_LINES = [
    "Everyday", "Heritage", "Signature", "Classic", "Artisan", "Provence", "Harvest", "Pro", "Origin",
    "Foundry", "Hearth", "Coastal", "Orchard", "Bistro", "Larder", "Brasserie", "Pantry", "Farmhouse",
    "Trattoria", "Galley", "Scullery", "Maple", "Saffron", "Fennel", "Thyme", "Sorrel", "Caraway",
    "Juniper", "Tamarind", "Cardamom", "Nutmeg", "Paprika", "Rosemary", "Sage", "Basil", "Clove", "Anise",
    "Marjoram", "Cumin", "Tarragon",
]  # fmt: skip


def make_kitchen(rng: random.Random, brand: str, slot: int) -> Draft:
    base: float
    kind = spread(
        slot,
        [
            ("chef's knife", 0.1),
            ("frying pan", 0.14),
            ("cast iron skillet", 0.08),
            ("dutch oven", 0.08),
            ("electric kettle", 0.1),
            ("french press", 0.08),
            ("blender", 0.08),
            ("cutting board", 0.1),
            ("mixing bowl set", 0.08),
            ("water bottle", 0.08),
            ("knife set", 0.08),
        ],
    )
    attrs: Attrs = {"type": kind}
    features: list[str] = []
    size_label = ""
    if kind == "chef's knife":
        cm = one(rng, [15, 18, 20, 20, 23])
        steel = one(rng, ["German stainless steel", "Japanese VG-10 steel", "high-carbon stainless steel"])
        attrs.update(
            {
                "material": steel,
                "blade_cm": cm,
                "dishwasher_safe": False,
                "color": one(rng, ["black", "brown", "olive", "navy"]),
            }
        )
        features += [
            f"A {cm} cm blade forged from {steel}.",
            f"The {attrs['color']} handle stays grippy when wet.",
            "Hand wash and dry it straight away to keep the edge keen.",
        ]
        size_label, base = f"{cm} cm", 35 + cm * 2 + (40 if "VG-10" in steel else 0)
    elif kind == "knife set":
        pieces = one(rng, [3, 5, 7, 12])
        attrs.update(
            {
                "material": "high-carbon stainless steel",
                "pieces": pieces,
                "dishwasher_safe": False,
                "color": one(rng, ["black", "brown", "beige"]),
            }
        )
        features += [
            f"{pieces} pieces including a chef's knife, a paring knife and a bread knife."
            if pieces >= 5
            else f"{pieces} pieces: a chef's knife, a utility knife and a paring knife.",
            "Hand wash only; the block has a slot for every blade." if pieces >= 5 else "Hand wash only.",
        ]
        size_label, base = f"{pieces}-Piece", 45 + pieces * 11
    elif kind in ("frying pan", "cast iron skillet"):
        cm = one(rng, [20, 24, 26, 28, 30])
        cast = kind == "cast iron skillet"
        attrs.update(
            {
                "material": "cast iron"
                if cast
                else one(rng, ["aluminium with ceramic nonstick", "stainless steel tri-ply", "carbon steel"]),
                "diameter_cm": cm,
                "induction_compatible": cast or "aluminium" not in str(attrs.get("material")),
                "dishwasher_safe": False,
                "oven_safe_c": 260 if cast else one(rng, [200, 230, 260]),
                "color": "black" if cast else one(rng, ["black", "grey", "silver", "teal", "beige"]),
            }
        )
        if "aluminium" in str(attrs["material"]):
            attrs["induction_compatible"] = rng.random() < 0.5
        features.append(f"A {cm} cm {attrs['material']} pan, oven safe to {attrs['oven_safe_c']} °C.")
        features.append(
            "It works on induction, gas and electric hobs."
            if attrs["induction_compatible"]
            else "Use it on gas and electric hobs; it is not induction compatible."
        )
        features.append(
            "Comes pre-seasoned; hand wash and dry over low heat."
            if cast or "carbon" in attrs["material"]
            else "Hand washing keeps the surface at its best."
        )
        size_label, base = (
            f"{cm} cm",
            (25 if cast else 30) + cm * 1.3 + (35 if "tri-ply" in attrs["material"] else 0),
        )
    elif kind == "dutch oven":
        litres = one(rng, [3.8, 4.7, 5.5, 6.7])
        attrs.update(
            {
                "material": "enamelled cast iron",
                "capacity_l": litres,
                "induction_compatible": True,
                "dishwasher_safe": False,
                "oven_safe_c": 250,
                "color": one(rng, ["red", "teal", "navy", "green", "white", "black", "orange", "beige"]),
            }
        )
        features += [
            f"{litres:g} litres of {attrs['color']} enamelled cast iron, oven safe to 250 °C.",
            "Works on every hob, including induction.",
            "The heavy lid traps steam for tender braises and crusty bread.",
        ]
        size_label, base = f"{litres:g} L", 70 + litres * 22
    elif kind == "electric kettle":
        litres = one(rng, [1.0, 1.2, 1.5, 1.7])
        watts = one(rng, [1500, 1800, 2200])
        temp = rng.random() < 0.5
        attrs.update(
            {
                "material": one(rng, ["stainless steel", "glass"]),
                "capacity_l": litres,
                "wattage_w": watts,
                "temperature_control": temp,
                "dishwasher_safe": False,
                "color": one(rng, ["silver", "black", "white", "green", "beige"]),
            }
        )
        features += [
            f"Boils {litres:g} litres with a {watts} W element.",
            "Variable temperature settings for green tea, pour-over and French press."
            if temp
            else "One-touch boil with automatic shut-off.",
            f"The {attrs['material']} body is BPA free.",
        ]
        size_label, base = (
            f"{litres:g} L",
            29 + (30 if temp else 0) + (10 if attrs["material"] == "glass" else 0),
        )
    elif kind == "french press":
        litres = one(rng, [0.35, 0.6, 1.0])
        attrs.update(
            {
                "material": one(rng, ["borosilicate glass", "double-wall stainless steel"]),
                "capacity_l": litres,
                "dishwasher_safe": True,
                "color": one(rng, ["silver", "black", "white", "brown"]),
            }
        )
        cups = max(1, round(litres / 0.35 * 1.5))
        features += [
            f"Brews {litres:g} L, about {cups} cups.",
            f"The {attrs['material']} carafe is dishwasher safe.",
            "A four-layer mesh filter keeps grounds out of your cup.",
        ]
        size_label, base = f"{litres:g} L", 19 + litres * 22 + (15 if "steel" in attrs["material"] else 0)
    elif kind == "blender":
        watts = one(rng, [600, 900, 1200, 1500])
        litres = one(rng, [0.7, 1.5, 2.0])
        attrs.update(
            {
                "material": "BPA-free Tritan jug",
                "capacity_l": litres,
                "wattage_w": watts,
                "dishwasher_safe": True,
                "color": one(rng, ["black", "silver", "white", "red"]),
            }
        )
        features += [
            f"A {watts} W motor crushes ice and frozen fruit in seconds.",
            f"The {litres:g} L jug, lid and blade are dishwasher safe.",
        ]
        size_label, base = f"{watts}W", 35 + watts / 12
    elif kind == "cutting board":
        material = one(rng, ["end-grain walnut", "maple", "bamboo", "recycled plastic"])
        cm = one(rng, [30, 36, 40, 45])
        attrs.update(
            {
                "material": material,
                "length_cm": cm,
                "dishwasher_safe": material == "recycled plastic",
                "color": {"end-grain walnut": "brown", "maple": "beige", "bamboo": "beige"}.get(
                    material, one(rng, ["grey", "green", "blue"])
                ),
            }
        )
        features += [
            f"A {cm} cm {material} board with a juice groove.",
            "Dishwasher safe." if attrs["dishwasher_safe"] else "Hand wash and oil it monthly.",
        ]
        size_label, base = f"{cm} cm", {"end-grain walnut": 75, "maple": 45, "bamboo": 22}.get(material, 18)
    elif kind == "mixing bowl set":
        pieces = one(rng, [3, 5, 6])
        attrs.update(
            {
                "material": one(rng, ["stainless steel", "glass", "ceramic"]),
                "pieces": pieces,
                "dishwasher_safe": True,
                "color": one(rng, ["silver", "white", "blue", "green", "beige"]),
            }
        )
        features += [
            f"{pieces} nesting {attrs['material']} bowls that stack to save cupboard space.",
            "All bowls are dishwasher safe.",
        ]
        size_label, base = f"{pieces}-Piece", 18 + pieces * 5 + (15 if attrs["material"] == "ceramic" else 0)
    else:
        ml = one(rng, [500, 750, 950, 1200])
        attrs.update(
            {
                "material": "double-wall stainless steel",
                "volume_ml": ml,
                "dishwasher_safe": rng.random() < 0.5,
                "insulated": True,
                "color": one(rng, COLORS),
            }
        )
        features += [
            f"Keeps drinks cold for 24 hours and hot for 12 in a {ml} ml bottle.",
            "Dishwasher safe, lid included."
            if attrs["dishwasher_safe"]
            else "Hand wash to protect the finish.",
            "A leak-proof lid makes it bag friendly.",
        ]
        size_label, base = f"{ml} ml", 18 + ml / 80
    line = one(rng, KITCHEN_LINES)
    noun = {"chef's knife": "Chef's Knife", "frying pan": "Frying Pan", "knife set": "Knife Block Set"}.get(
        kind, kind.title()
    )
    title = f"{brand} {line} {size_label} {noun}"
    intro = {
        "chef's knife": ["A balanced chef's knife for everyday chopping, slicing and dicing."],
        "knife set": ["A starter knife set that covers almost every kitchen job."],
        "frying pan": ["An everyday frying pan for eggs, fish and weeknight stir-fries."],
        "cast iron skillet": ["A cast iron skillet that sears steaks and bakes cornbread alike."],
        "dutch oven": ["A heavy Dutch oven for stews, braises and no-knead bread."],
        "electric kettle": ["A fast, quiet electric kettle."],
        "french press": ["A classic French press for rich, full-bodied coffee."],
        "blender": ["A countertop blender for smoothies, soups and sauces."],
        "cutting board": ["A generous cutting board that is kind to knife edges."],
        "mixing bowl set": ["A set of nesting mixing bowls for baking and prep."],
        "water bottle": ["An insulated bottle for the desk, gym and trail."],
    }[kind]
    praise = {
        "chef's knife": ["Holds an edge for months.", "Slices tomatoes paper thin."],
        "knife set": ["Everything I need and nothing I don't."],
        "frying pan": ["Heats evenly with no hot spots.", "Eggs slide right off."],
        "cast iron skillet": ["Perfect crust on steaks.", "Seasoning gets better every use."],
        "dutch oven": ["My sourdough has never looked better.", "Holds heat beautifully for slow braises."],
        "electric kettle": ["Boils in about three minutes and it's quiet."],
        "french press": ["Makes a rich cup with no sludge."],
        "blender": ["Smooth smoothies with frozen fruit."],
        "cutting board": ["Big enough to carve a whole chicken."],
        "mixing bowl set": ["Nest neatly in the cupboard."],
        "water bottle": ["Ice still there at the end of the day."],
    }[kind]
    if attrs.get("dishwasher_safe"):
        praise.append("Goes straight in the dishwasher, which I love.")
    if attrs.get("induction_compatible"):
        praise.append("Works great on my induction hob.")
    price = shop_price(rng, float(base) * BRAND_TIER[brand] + rng.uniform(-5, 8), 12, 329)
    tags = (
        ["kitchen"]
        + (["dishwasher safe"] if attrs.get("dishwasher_safe") else [])
        + (["gift"] if price > 60 else ["everyday"])
    )
    if attrs.get("induction_compatible"):
        tags.append("induction")
    return Draft(kind, title, brand, price, attrs, intro, features, praise, tags)


OFFICE_LINES = [
    "Focus", "Atelier", "Studio", "Loft", "Meridian", "Workwell", "Archive", "Ledger", "Quarter", "Bureau",
    "Ascend", "Pivot", "Linea", "Tandem", "Element", "Draft", "Margin", "Folio", "Quorum", "Agenda",
    "Memo", "Syntax", "Vellum", "Graphite", "Octavo", "Index", "Register", "Parchment", "Scribe", "Cursor",
    "Kernel", "Pica", "Serif", "Kerning", "Lectern",
]  # fmt: skip


def make_office(rng: random.Random, brand: str, slot: int) -> Draft:
    base: float
    kind = spread(
        slot,
        [
            ("desk lamp", 0.16),
            ("office chair", 0.14),
            ("standing desk converter", 0.1),
            ("monitor stand", 0.1),
            ("notebook", 0.14),
            ("desk organizer", 0.1),
            ("wireless keyboard", 0.13),
            ("ergonomic mouse", 0.13),
        ],
    )
    attrs: Attrs = {"type": kind}
    features: list[str] = []
    label = ""
    if kind == "desk lamp":
        watts = one(rng, [6, 8, 10, 12])
        attrs.update(
            {
                "material": one(rng, ["aluminium", "steel", "oak and steel"]),
                "wattage_w": watts,
                "dimmable": True,
                "color_temperature_k": "2700-6500",
                "usb_port": rng.random() < 0.5,
                "color": one(rng, ["black", "white", "silver", "grey", "green"]),
            }
        )
        features += [
            f"A {watts} W LED with five brightness levels and warm-to-cool light (2700-6500 K).",
            "A built-in USB-C port charges your phone."
            if attrs["usb_port"]
            else "The arm and head tilt and swivel.",
            f"The {attrs['material']} arm holds its position without drooping.",
        ]
        base = 25 + watts * 3
    elif kind == "office chair":
        load = one(rng, [110, 120, 136, 150])
        mesh = rng.random() < 0.6
        attrs.update(
            {
                "material": "mesh" if mesh else "fabric",
                "max_load_kg": load,
                "adjustable_height": True,
                "lumbar_support": rng.random() < 0.7,
                "adjustable_armrests": rng.random() < 0.7,
                "color": one(rng, ["black", "grey", "navy", "white", "green"]),
            }
        )
        features += [
            f"A breathable {attrs['material']} seat and back, rated for {load} kg.",
            "Adjustable lumbar support eases the lower back."
            if attrs["lumbar_support"]
            else "A contoured back supports an upright posture.",
            "Height-adjustable seat" + (" and 3D armrests." if attrs["adjustable_armrests"] else "."),
        ]
        base = (
            149 + load + (60 if attrs["lumbar_support"] else 0) + (40 if attrs["adjustable_armrests"] else 0)
        )
    elif kind == "standing desk converter":
        cm = one(rng, [70, 80, 90, 105])
        attrs.update(
            {
                "material": "steel and MDF",
                "width_cm": cm,
                "adjustable_height": True,
                "max_load_kg": one(rng, [15, 20, 25]),
                "color": one(rng, ["black", "white", "brown"]),
            }
        )
        features += [
            f"A {cm} cm wide top lifts your monitor and keyboard from sitting to standing in seconds.",
            f"A gas spring carries up to {attrs['max_load_kg']} kg.",
        ]
        label, base = f"{cm} cm", 119 + cm * 1.1
    elif kind == "monitor stand":
        attrs.update(
            {
                "material": one(rng, ["bamboo", "aluminium", "walnut veneer"]),
                "adjustable_height": rng.random() < 0.4,
                "max_load_kg": 20,
                "color": one(rng, ["beige", "silver", "brown", "black", "white"]),
            }
        )
        features += [
            f"A {attrs['material']} riser that lifts your screen to eye level.",
            "Three height settings." if attrs["adjustable_height"] else "Fixed height of 12 cm.",
            "Space underneath stores a keyboard when you're done.",
        ]
        base = 29 + (20 if attrs["adjustable_height"] else 0)
    elif kind == "notebook":
        pages = one(rng, [96, 120, 160, 192, 240])
        ruling = one(rng, ["dot grid", "lined", "blank", "squared"])
        attrs.update(
            {
                "material": one(rng, ["recycled paper", "100 gsm paper", "stone paper"]),
                "pages": pages,
                "ruling": ruling,
                "paper_size": one(rng, ["A5", "A5", "A4", "B6"]),
                "color": one(rng, ["black", "navy", "green", "red", "beige", "yellow", "teal"]),
            }
        )
        features += [
            f"{pages} {ruling} pages of {attrs['material']} in "
            f"{article(str(attrs['paper_size']))} {attrs['paper_size']} hardcover.",
            "Fountain pen friendly, with minimal ghosting."
            if attrs["material"] == "100 gsm paper"
            else "Lies flat for easy writing.",
            "Numbered pages and a ribbon marker.",
        ]
        label, base = f"{attrs['paper_size']} {ruling.title()}", 9 + pages / 20
    elif kind == "desk organizer":
        attrs.update(
            {
                "material": one(rng, ["bamboo", "felt", "steel mesh", "walnut"]),
                "compartments": one(rng, [3, 4, 5, 6, 8]),
                "color": one(rng, ["beige", "grey", "black", "brown", "white"]),
            }
        )
        features += [
            f"{attrs['compartments']} compartments for pens, notes and cables.",
            f"Made from {attrs['material']}.",
        ]
        base = 14 + attrs["compartments"] * 2.5 + (15 if attrs["material"] == "walnut" else 0)
    elif kind == "wireless keyboard":
        months = one(rng, [3, 6, 12])
        attrs.update(
            {
                "material": "aluminium",
                "wireless": True,
                "battery_months": months,
                "layout": one(rng, ["full-size", "tenkeyless", "compact"]),
                "backlit": rng.random() < 0.5,
                "color": one(rng, ["black", "white", "grey", "silver", "pink"]),
            }
        )
        features += [
            f"A {attrs['layout']} keyboard that pairs with three devices over Bluetooth or a USB receiver.",
            f"Up to {months} months between charges"
            + (" with the backlight off." if attrs["backlit"] else "."),
            "Quiet low-profile keys for shared spaces.",
        ]
        label, base = (
            attrs["layout"].title(),
            39 + (20 if attrs["backlit"] else 0) + (10 if months == 12 else 0),
        )
    else:
        attrs.update(
            {
                "material": "plastic",
                "wireless": True,
                "battery_months": one(rng, [3, 6, 18]),
                "vertical": rng.random() < 0.5,
                "dpi": one(rng, [1600, 2400, 4000]),
                "color": one(rng, ["black", "grey", "white", "navy"]),
            }
        )
        features += [
            "A vertical grip keeps your wrist in a relaxed handshake position."
            if attrs["vertical"]
            else "A sculpted shape supports your palm.",
            f"Adjustable up to {attrs['dpi']} DPI with silent clicks.",
            f"Up to {attrs['battery_months']} months per charge.",
        ]
        base = 29 + (15 if attrs["vertical"] else 0) + attrs["dpi"] / 400
    line = one(rng, OFFICE_LINES)
    title = f"{brand} {line} {label + ' ' if label else ''}{kind.title()}".replace("  ", " ")
    intro = {
        "desk lamp": ["An adjustable LED desk lamp that is easy on the eyes."],
        "office chair": ["An ergonomic task chair for long workdays."],
        "standing desk converter": ["Turn any desk into a standing desk without replacing it."],
        "monitor stand": ["A simple monitor riser that tidies your desk and your posture."],
        "notebook": ["A hardcover notebook for planning, journaling and sketching."],
        "desk organizer": ["A tidy home for the clutter on your desk."],
        "wireless keyboard": ["A slim wireless keyboard that moves between laptop, tablet and phone."],
        "ergonomic mouse": ["An ergonomic wireless mouse for long days at the computer."],
    }[kind]
    praise = {
        "desk lamp": ["Lights my whole desk without glare."],
        "office chair": ["My back pain is gone after a month.", "Easy to assemble in 20 minutes."],
        "standing desk converter": ["Smooth lift, no wobble when typing."],
        "monitor stand": ["My neck thanks me."],
        "notebook": ["Paper is lovely to write on."],
        "desk organizer": ["Finally a clean desk."],
        "wireless keyboard": ["Switching between my laptop and tablet is instant."],
        "ergonomic mouse": ["Wrist pain has eased since I switched."],
    }[kind]
    price = shop_price(rng, float(base) * BRAND_TIER[brand] + rng.uniform(-4, 8), 9, 449)
    tags = (
        ["workspace"]
        + (["ergonomic"] if kind in ("office chair", "ergonomic mouse", "standing desk converter") else [])
        + (["eco"] if "recycled" in str(attrs.get("material")) else [])
    )
    tags += ["gift"] if kind in ("notebook", "desk lamp") else []
    return Draft(kind, title, brand, price, attrs, intro, features, praise, tags)


SKIN_LINES = [
    "Daily", "Calm", "Dew", "Clarity", "Bloom", "Barrier", "Glow", "Pure", "Velvet", "Radiance", "Balance",
    "Hydra", "Mineral", "Botanic", "Renew", "Soothe", "Petal", "Silk", "Aura", "Luma", "Serene", "Vital",
    "Halcyon", "Dewdrop", "Tonic", "Nectar", "Oasis", "Lotus", "Clover", "Cloud", "Morning", "Haven",
    "Sheer", "Sorbet", "Mist", "Blossom", "Tidewater", "Elixir",
]  # fmt: skip
INGREDIENT_NOTES = {
    "niacinamide": "Niacinamide helps even out tone and refine the look of pores.",
    "hyaluronic acid": "Hyaluronic acid draws moisture into the skin for lasting hydration.",
    "ceramides": "Ceramides support the skin barrier and lock in moisture.",
    "vitamin C": "Vitamin C brightens dull skin and helps fade dark spots.",
    "zinc oxide": "Zinc oxide gives broad-spectrum mineral protection.",
    "squalane": "Plant-derived squalane softens without feeling greasy.",
    "salicylic acid": "Salicylic acid clears pores and helps prevent breakouts.",
    "green tea": "Green tea extract soothes redness.",
    "shea butter": "Shea butter cushions very dry, chapped skin.",
    "glycolic acid": "Glycolic acid gently exfoliates for smoother texture.",
}


def make_skincare(rng: random.Random, brand: str, slot: int) -> Draft:
    kind = spread(
        slot,
        [
            ("cleanser", 0.16),
            ("moisturizer", 0.18),
            ("serum", 0.18),
            ("sunscreen", 0.14),
            ("night cream", 0.1),
            ("toner", 0.08),
            ("eye cream", 0.07),
            ("lip balm", 0.09),
        ],
    )
    skin = one(rng, ["dry", "oily", "combination", "sensitive", "normal", "all"])
    if kind == "lip balm":
        skin = one(rng, ["all", "sensitive"])
    ingredient = one(
        rng,
        {
            "cleanser": ["salicylic acid", "ceramides", "green tea", "glycolic acid"]
            if skin != "sensitive"
            else ["ceramides", "green tea"],
            "moisturizer": ["ceramides", "hyaluronic acid", "squalane", "niacinamide"],
            "serum": ["vitamin C", "niacinamide", "hyaluronic acid"],
            "sunscreen": ["zinc oxide", "niacinamide"],
            "night cream": ["ceramides", "squalane", "shea butter"],
            "toner": ["glycolic acid", "niacinamide", "green tea"] if skin != "sensitive" else ["green tea"],
            "eye cream": ["hyaluronic acid", "squalane", "niacinamide"],
            "lip balm": ["shea butter", "squalane"],
        }[kind],
    )
    volume = {
        "cleanser": [150, 200, 250],
        "moisturizer": [50, 75, 100],
        "serum": [15, 30, 30],
        "sunscreen": [50, 75, 100],
        "night cream": [50],
        "toner": [150, 200],
        "eye cream": [15, 20],
        "lip balm": [10, 15],
    }[kind]
    ml = one(rng, volume)
    fragrance_free = skin == "sensitive" or rng.random() < 0.55
    attrs: Attrs = {
        "color": one(rng, ["white", "pink", "green", "beige", "blue", "yellow", "teal", "purple"]),
        "type": kind, "skin_type": skin, "key_ingredient": ingredient, "volume_ml": ml,
        "fragrance_free": fragrance_free, "vegan": rng.random() < 0.6,
    }  # fmt: skip
    spf = 0
    if kind == "sunscreen":
        spf = one(rng, [30, 30, 50, 50])
    elif kind in ("moisturizer", "lip balm") and rng.random() < 0.35:
        spf = one(rng, [15, 30])
    if spf:
        attrs["spf"] = spf
    skin_phrase = "all skin types" if skin == "all" else f"{skin} skin"
    features = [f"Formulated for {skin_phrase}.", INGREDIENT_NOTES[ingredient]]
    if spf:
        features.append(
            f"SPF {spf} broad-spectrum protection"
            + (" that leaves no white cast." if kind == "sunscreen" else " for daytime wear.")
        )
    features.append("Fragrance free." if fragrance_free else "Lightly scented with natural essential oils.")
    if attrs["vegan"]:
        features.append("Vegan and cruelty free.")
    features.append(
        f"{ml} ml in a recyclable {attrs['color']} bottle."
        if kind != "lip balm"
        else f"A {ml} ml tube that fits in any pocket."
    )
    line = one(rng, SKIN_LINES)
    noun = {
        "moisturizer": "Moisturizer",
        "serum": f"{ingredient.title().replace('Vitamin C', 'Vitamin C')} Serum",
        "sunscreen": f"Mineral Sunscreen SPF {spf}",
        "night cream": "Night Cream",
        "toner": "Exfoliating Toner" if ingredient == "glycolic acid" else "Balancing Toner",
        "eye cream": "Eye Cream",
        "lip balm": "Lip Balm" + (f" SPF {spf}" if spf else ""),
        "cleanser": "Gel Cleanser" if skin in ("oily", "combination") else "Cream Cleanser",
    }[kind]
    if kind == "moisturizer" and spf:
        noun = f"Daily Moisturizer SPF {spf}"
    if kind == "sunscreen" and ingredient != "zinc oxide":
        noun = f"Daily Sunscreen SPF {spf}"
        attrs["mineral"] = False
    elif kind == "sunscreen":
        attrs["mineral"] = True
    title = f"{brand} {line} {noun} {ml} ml"
    intro = [
        f"{article(kind).capitalize()} {kind} built around {ingredient}.",
        f"The {line} {kind} keeps a simple routine simple.",
        f"An easy, no-fuss {kind} for morning and evening routines."
        if kind not in ("sunscreen", "night cream")
        else f"A lightweight {kind} that layers well.",
    ]
    praise = ["A little goes a long way.", "Absorbs quickly and sits well under makeup."]
    if skin == "sensitive" or fragrance_free:
        praise.append("No stinging or redness on my sensitive skin.")
    if skin == "oily":
        praise.append("Keeps shine down until late afternoon.")
    if skin == "dry":
        praise.append("My dry patches are gone after two weeks.")
    if spf:
        praise.append("No white cast on my skin tone.")
    if ingredient == "vitamin C":
        praise.append("My skin looks brighter after a month.")
    price = (
        {
            "cleanser": 14,
            "moisturizer": 24,
            "serum": 28,
            "sunscreen": 22,
            "night cream": 32,
            "toner": 18,
            "eye cream": 30,
            "lip balm": 7,
        }[kind]
        + ml / 25
        + (4 if spf else 0)
    )
    price = shop_price(rng, price * BRAND_TIER[brand] * 1.25 + rng.uniform(-3, 6), 6, 89)
    tags = (
        ["skincare"] + (["fragrance free"] if fragrance_free else []) + (["vegan"] if attrs["vegan"] else [])
    )
    tags += ["sun care"] if spf else []
    return Draft(kind, title, brand, price, attrs, intro, features, praise, tags[:4])


TOY_SETS = {
    "castle": [
        "Dragon's Keep Castle",
        "Riverside Fortress",
        "Knight's Watchtower",
        "Royal Gatehouse",
        "Moonlit Citadel",
    ],
    "space": [
        "Orbital Space Station",
        "Mars Rover Expedition",
        "Lunar Lander",
        "Starlight Observatory",
        "Comet Chaser Shuttle",
    ],
    "city": [
        "City Fire Station",
        "Harbor Lighthouse",
        "Corner Bakery",
        "Downtown Bus Depot",
        "Rooftop Garden Cafe",
        "Police Headquarters",
    ],
    "vehicles": [
        "Rally Race Car",
        "Heavy Dump Truck",
        "Vintage Steam Train",
        "Cargo Helicopter",
        "Sailing Schooner",
        "Tow Truck",
    ],
    "dinosaurs": ["Tyrannosaurus Canyon Escape", "Triceratops Trail", "Volcano Dino Dig", "Raptor Ridge"],
    "robotics": ["Motorized Robot Arm", "Rolling Rover Bot", "Walking Mech Kit", "Line-Following Robot"],
    "marble run": ["Marble Coaster Tower", "Gravity Maze Run", "Twister Marble Track"],
    "magnetic tiles": ["Magnetic Tile Starter", "Magnetic Tile Castle", "Magnetic Tile Rainbow"],
    "animals": ["Jungle Treehouse", "Arctic Research Base", "Farmyard Barn", "Ocean Reef Explorer"],
}


THEME_WORD = {
    "dinosaurs": "dinosaur",
    "vehicles": "vehicle",
    "animals": "wildlife",
    "magnetic tiles": "magnetic tile",
}


def make_toy(rng: random.Random, brand: str, slot: int) -> Draft:
    theme = spread(
        slot,
        [
            ("castle", 0.13),
            ("space", 0.15),
            ("city", 0.16),
            ("vehicles", 0.14),
            ("dinosaurs", 0.1),
            ("robotics", 0.1),
            ("marble run", 0.07),
            ("magnetic tiles", 0.07),
            ("animals", 0.08),
        ],
    )
    set_name = one(rng, TOY_SETS[theme])
    if theme == "magnetic tiles":
        pieces, age, material = one(rng, [32, 60, 100]), 3, "ABS plastic"
    elif theme == "marble run":
        pieces, age, material = (
            one(rng, [80, 120, 200]),
            one(rng, [5, 6, 8]),
            one(rng, ["wood", "ABS plastic"]),
        )
    elif theme == "robotics":
        pieces, age, material = one(rng, [240, 380, 520]), one(rng, [8, 10, 12]), "ABS plastic"
    else:
        age = one(rng, [4, 5, 6, 7, 8, 9, 10, 12, 14])
        pieces = int(age * one(rng, [40, 60, 90, 120]) + rng.randint(-30, 60))
        material = one(rng, ["ABS plastic", "ABS plastic", "plant-based plastic", "recycled plastic"])
    motorized = theme == "robotics" or (theme == "vehicles" and rng.random() < 0.3)
    attrs: Attrs = {
        "color": one(rng, ["red", "blue", "yellow", "green", "grey", "purple", "orange", "white", "teal"]),
        "material": material, "theme": theme, "age_min": age, "pieces": pieces, "motorized": motorized,
        "batteries_included": False,
    }  # fmt: skip
    if motorized:
        attrs["batteries"] = one(rng, ["2 x AA", "4 x AA", "3 x AAA"])
    features = [f"{pieces} pieces, recommended for ages {age}+."]
    features.append(
        {
            "castle": "Hinged walls open up for play inside, with a drawbridge that really lifts.",
            "space": "Detachable modules and a posable crew invite long play sessions.",
            "city": "Rooms open up so little builders can play inside the finished model.",
            "vehicles": "Working steering and rolling wheels make it a toy to play with, not just display.",
            "dinosaurs": "The dinosaur has posable jaws, legs and tail.",
            "robotics": "Kids build the robot and then program simple moves from a free, offline app.",
            "marble run": "Pieces reconnect into endless track layouts; marbles included.",
            "magnetic tiles": "Strong magnets click tiles together into walls, towers and shapes.",
            "animals": "Includes animal figures and a stand-alone scene for storytelling.",
        }[theme]
    )
    if motorized:
        features.append(f"A motor adds real movement; needs {attrs['batteries']} batteries, not included.")
    if material in ("plant-based plastic", "recycled plastic", "wood"):
        features.append(f"Made from {material}.")
    features.append(
        "Compatible with most major building-brick systems."
        if material != "wood" and theme not in ("magnetic tiles", "marble run")
        else "Numbered bags and an illustrated guide keep building calm."
    )
    title = f"{brand} {set_name} Building Set"
    if theme in ("magnetic tiles", "marble run"):
        title = f"{brand} {set_name} {pieces}-Piece Set"
    intro = [
        f"A {THEME_WORD.get(theme, theme)} building set that turns into a toy, not just a model.",
        f"Build the {set_name}, then play with it for weeks.",
    ]
    praise = [
        f"My {age + rng.randint(0, 3)}-year-old built it in one afternoon.",
        "Instructions are very clear.",
        "Pieces fit together firmly.",
    ]
    if motorized:
        praise.append("The motor makes it a real toy, not just a model.")
    if pieces > 600:
        praise.append("A great weekend project to build together.")
    price: float = 8 + pieces * 0.085 + (25 if motorized else 0) + (10 if theme == "magnetic tiles" else 0)
    price = shop_price(rng, price * BRAND_TIER[brand] + rng.uniform(-3, 8), 9, 199)
    tags = (
        ["gift", "kids"]
        + (["STEM"] if theme in ("robotics", "marble run", "space") else [])
        + (["eco"] if material in ("plant-based plastic", "recycled plastic", "wood") else [])
    )
    return Draft(theme, title, brand, price, attrs, intro, features, praise, tags[:4])


CAMP_MODELS = [
    "Basecamp", "Firefly", "Aurora", "Lakeside", "Canyon", "Spruce", "Meadow", "Glacier", "Nomad",
    "Horizon", "Pinecone", "Tinder", "Bivouac", "Cedar", "Polaris", "Plover", "Driftwood", "Ember",
    "Campfire", "Trailside", "Wildwood", "Sierra", "Backwoods", "Lodgepole", "Riverbend", "Woodsmoke",
    "Starlight", "Moonrise", "Fernwood", "Hollow", "Bramble", "Thicket", "Wayside", "Portage", "Alpine",
    "Tamarack", "Pinewood", "Evergreen", "Sundial", "Firelight", "Ridgepole", "Coyote",
]  # fmt: skip


def make_camping(rng: random.Random, brand: str, slot: int) -> Draft:
    base: float
    kind = spread(
        slot,
        [
            ("tent", 0.18),
            ("sleeping bag", 0.16),
            ("sleeping pad", 0.12),
            ("camp stove", 0.09),
            ("headlamp", 0.1),
            ("lantern", 0.09),
            ("camp chair", 0.1),
            ("water filter", 0.07),
            ("cookset", 0.09),
        ],
    )
    attrs: Attrs = {"type": kind}
    features: list[str] = []
    label = ""
    if kind == "tent":
        persons = one(rng, [1, 2, 2, 3, 4, 6, 8])
        season = "4-season" if persons <= 2 and rng.random() < 0.2 else "3-season"
        weight = (
            (persons * 900 + rng.randint(300, 900)) if persons >= 4 else persons * 700 + rng.randint(400, 900)
        )
        attrs.update(
            {
                "material": "ripstop nylon" if persons <= 3 else "polyester",
                "capacity_persons": persons,
                "season": season,
                "waterproof": True,
                "weight_g": weight,
                "color": one(rng, ["green", "orange", "grey", "olive", "yellow", "blue"]),
                "waterproof_rating_mm": one(rng, [1500, 2000, 3000]),
            }
        )
        features += [
            f"Sleeps {persons}, with a {season} design.",
            f"A {attrs['waterproof_rating_mm']} mm waterproof fly and taped seams keep you dry overnight.",
            f"Packed weight {weight / 1000:.1f} kg.",
        ]
        if persons <= 2:
            features.append("Freestanding poles pitch in about five minutes.")
        else:
            features.append("Tall walls and two doors make room for the whole family.")
        label, base = f"{persons}-Person", (120 + persons * 45) if persons <= 3 else 140 + persons * 30
        base += 90 if season == "4-season" else 0
    elif kind == "sleeping bag":
        temp = one(rng, [-9, -4, -1, 2, 5, 10])
        fill = one(rng, ["down", "synthetic"])
        weight = (900 if fill == "down" else 1400) + (10 - temp) * 40 + rng.randint(-100, 100)
        attrs.update(
            {
                "material": "nylon",
                "fill": fill,
                "temp_rating_c": temp,
                "weight_g": weight,
                "season": "winter" if temp <= -4 else ("3-season" if temp <= 2 else "summer"),
                "color": one(rng, ["red", "blue", "green", "orange", "navy", "grey", "teal"]),
            }
        )
        features += [
            f"Rated to {temp} °C with {fill} insulation.",
            f"Weighs {weight / 1000:.2f} kg and packs into a compression sack.",
            "A draft collar and full-length zip baffle hold warmth in.",
        ]
        label, base = f"{temp}°C", 70 + (10 - temp) * 6 + (90 if fill == "down" else 0)
    elif kind == "sleeping pad":
        r = one(rng, [1.8, 2.5, 3.2, 4.2, 5.4])
        inflatable = rng.random() < 0.7
        attrs.update(
            {
                "material": "nylon" if inflatable else "closed-cell foam",
                "r_value": r,
                "inflatable": inflatable,
                "weight_g": rng.randint(350, 900) if inflatable else rng.randint(300, 450),
                "color": one(rng, ["orange", "green", "blue", "yellow", "grey", "red"]),
            }
        )
        features += [
            f"R-value {r:g}, "
            + ("warm enough for frozen ground." if r >= 4 else "for spring to autumn nights."),
            "Inflates in about 12 breaths with the included pump sack."
            if inflatable
            else "Closed-cell foam can't puncture and doubles as a sit pad.",
            f"Weighs {attrs['weight_g']} g.",
        ]
        base = (40 if inflatable else 18) + r * 12
    elif kind == "camp stove":
        attrs.update(
            {
                "material": "stainless steel",
                "fuel": one(rng, ["isobutane canister", "propane"]),
                "burners": 1,
                "weight_g": 0,
                "color": one(rng, ["silver", "black", "orange", "green"]),
            }
        )
        if attrs["fuel"] == "propane":
            attrs["burners"] = 2
            attrs["weight_g"] = rng.randint(3800, 5200)
            features.append(
                "Two burners run from a standard propane cylinder, with wind screens on three sides."
            )
        else:
            attrs["weight_g"] = rng.randint(75, 320)
            features.append(
                f"A {attrs['weight_g']} g canister stove that boils a litre in about four minutes."
            )
        attrs["piezo_ignition"] = rng.random() < 0.6
        features.append(
            "Push-button ignition, no matches needed."
            if attrs["piezo_ignition"]
            else "Light it with a match or lighter."
        )
        base = 45 if attrs["burners"] == 1 else 110
    elif kind in ("headlamp", "lantern"):
        lumens = one(rng, [200, 350, 500] if kind == "headlamp" else [300, 500, 1000])
        hours = one(rng, [8, 20, 40, 80])
        attrs.update(
            {
                "material": "aluminium" if kind == "headlamp" else "ABS plastic",
                "lumens": lumens,
                "battery_hours": hours,
                "rechargeable": rng.random() < 0.7,
                "waterproof": rng.random() < 0.5,
                "color": one(rng, ["black", "orange", "green", "grey", "yellow", "teal"]),
            }
        )
        features += [
            f"Up to {lumens} lumens, with up to {hours} hours on the low setting.",
            "Recharges over USB-C."
            if attrs["rechargeable"]
            else "Runs on AAA batteries, easy to find anywhere.",
            "Waterproof enough to survive a dunk in a stream."
            if attrs["waterproof"]
            else "Splash resistant.",
        ]
        if kind == "headlamp":
            features.append("A red-light mode protects night vision around camp.")
        label, base = f"{lumens} Lumen", 18 + lumens / 20 + (10 if attrs["rechargeable"] else 0)
    elif kind == "camp chair":
        load = one(rng, [100, 120, 145])
        weight = rng.randint(900, 3200)
        attrs.update(
            {
                "material": "polyester and aluminium",
                "max_load_kg": load,
                "weight_g": weight,
                "cup_holder": rng.random() < 0.6,
                "color": one(rng, OUTDOOR_COLORS),
            }
        )
        features += [
            f"Holds up to {load} kg and weighs {weight / 1000:.1f} kg.",
            "A mesh cup holder keeps your drink upright."
            if attrs["cup_holder"]
            else "Folds flat in seconds.",
            "Packs into a carry bag with a shoulder strap.",
        ]
        base = 25 + load / 5 + (30 if weight < 1500 else 0)
    elif kind == "water filter":
        attrs.update(
            {
                "material": "hollow-fibre membrane",
                "filter_microns": 0.1,
                "litres_lifetime": one(rng, [1000, 4000, 100000]),
                "weight_g": rng.randint(60, 330),
                "color": one(rng, ["blue", "grey", "green"]),
            }
        )
        features += [
            "A 0.1 micron hollow-fibre filter removes bacteria and protozoa.",
            f"Filters up to {attrs['litres_lifetime']:,} litres before replacement.",
            f"Weighs {attrs['weight_g']} g.",
        ]
        base = 25 + (20 if attrs["litres_lifetime"] >= 4000 else 0)
    else:
        pieces = one(rng, [3, 5, 8])
        attrs.update(
            {
                "material": one(rng, ["hard-anodized aluminium", "titanium", "stainless steel"]),
                "pieces": pieces,
                "weight_g": rng.randint(250, 900),
                "dishwasher_safe": False,
                "color": one(rng, ["silver", "grey", "orange"]),
            }
        )
        features += [
            f"{pieces} nesting {attrs['material']} pieces, including a pot and lid.",
            f"The whole set weighs {attrs['weight_g']} g.",
            "Hand wash; a scrub pad is included.",
        ]
        label, base = f"{pieces}-Piece", 25 + pieces * 5 + (45 if attrs["material"] == "titanium" else 0)
    model = one(rng, CAMP_MODELS)
    noun = kind.title()
    title = f"{brand} {model} {label + ' ' if label else ''}{noun}"
    intro = {
        "tent": [
            "A reliable tent for weekends in the woods.",
            f"The {model} pitches fast and shrugs off wind and rain.",
        ],
        "sleeping bag": [
            f"A mummy-shaped {attrs.get('fill')} sleeping bag for {attrs.get('season')} nights.",
            f"The {model} is a warm, packable sleeping bag.",
        ],
        "sleeping pad": [
            "A sleeping pad that adds warmth and comfort under your bag.",
            "Sleep off the cold ground on this pad.",
        ],
        "camp stove": [
            "A dependable stove for real meals at camp.",
            f"The {model} stove lights fast and simmers well.",
        ],
        "headlamp": [
            "A bright, comfortable headlamp for camp and trail.",
            "Hands-free light for night hikes.",
        ],
        "lantern": [
            "A bright camp lantern for the picnic table or the tent.",
            "Even, glare-free light for camp evenings.",
        ],
        "camp chair": [
            "A folding chair for campfires, festivals and the sidelines.",
            "A packable camp chair with a comfortable high back.",
        ],
        "water filter": [
            "A compact filter for safe water on the trail.",
            "Drink straight from streams and lakes.",
        ],
        "cookset": [
            "A nesting cookset for backcountry meals.",
            f"The {model} cookset keeps camp cooking simple.",
        ],
    }[kind]
    praise = {
        "tent": ["Stayed dry through an all-night storm.", "Easy to pitch solo."],
        "sleeping bag": ["Slept warm right down to the rating."],
        "sleeping pad": ["Best night's sleep I've had camping."],
        "camp stove": ["Boils water fast, even in wind."],
        "headlamp": ["Comfortable for hours, no bounce."],
        "lantern": ["Lights up the whole picnic table."],
        "camp chair": ["Sturdy and comfortable around the fire."],
        "water filter": ["Fast flow and easy to clean."],
        "cookset": ["Everything nests neatly in the pot."],
    }[kind]
    weight_value = attrs.get("weight_g", 0)
    price = shop_price(rng, float(base) * BRAND_TIER[brand] + rng.uniform(-6, 10), 14, 549)
    tags = ["camping"] + (
        ["lightweight"]
        if isinstance(weight_value, int)
        and 0 < weight_value < 1000
        and kind in ("tent", "sleeping bag", "sleeping pad", "cookset", "camp stove")
        else []
    )
    tags += ["waterproof"] if attrs.get("waterproof") else []
    tags += (
        ["family"]
        if attrs.get("capacity_persons", 0) >= 4
        else ["gift"]
        if kind in ("headlamp", "lantern")
        else []
    )
    return Draft(kind, title, brand, price, attrs, intro, features, praise, tags[:4])


# --- catalog assembly ------------------------------------------------------------------------


@dataclass(frozen=True)
class CategorySpec:
    name: str
    count: int
    brands: tuple[str, ...]
    make: Callable[[random.Random, str, int], Draft]


CATEGORIES: list[CategorySpec] = [
    CategorySpec(
        "Shoes > Running",
        36,
        ("Stridewell", "Kestrelle", "Fleetwing", "Pacekeeper", "Trailmark"),
        make_running_shoe,
    ),
    CategorySpec(
        "Shoes > Hiking",
        30,
        ("Ridgeback Outfitters", "Norrvik", "Tarn & Fell", "Alpenhorn", "Trailmark"),
        make_hiking_shoe,
    ),
    CategorySpec(
        "Clothing > Jackets",
        32,
        ("Norrvik", "Greyfell", "Halden", "Kestrelle", "Tarn & Fell", "Marlow & Finch"),
        make_jacket,
    ),
    CategorySpec(
        "Clothing > T-Shirts",
        34,
        ("Loomwell", "Mossgrove", "Halden", "Marlow & Finch", "Stridewell", "Kestrelle"),
        make_tshirt,
    ),
    CategorySpec(
        "Accessories > Socks",
        28,
        ("Stridewell", "Fleetwing", "Tarn & Fell", "Mossgrove", "Alpenhorn", "Loomwell"),
        make_sock,
    ),
    CategorySpec(
        "Bags > Backpacks",
        30,
        ("Packhound", "Transitware", "Ridgeback Outfitters", "Greyfell", "Marlow & Finch", "Pennant"),
        make_backpack,
    ),
    CategorySpec(
        "Electronics > Headphones",
        32,
        ("Aurelo Audio", "Quillon", "Wavecrest", "Fenwick Sound", "Voltline"),
        make_headphones,
    ),
    CategorySpec(
        "Electronics > Phone Cases",
        30,
        ("Shellguard", "Casetta", "Wavecrest", "Voltline", "Marlow & Finch"),
        make_phone_case,
    ),
    CategorySpec("Electronics > Chargers", 26, ("Voltline", "Ampwell", "Quillon", "Ohmbridge"), make_charger),
    CategorySpec(
        "Home > Kitchen",
        34,
        ("Copperleaf", "Hearthwell", "Saltmarsh Kitchen", "Driftwood Supply", "Cirrus Home"),
        make_kitchen,
    ),
    CategorySpec(
        "Home > Office",
        30,
        ("Deskcraft", "Pennant", "Glowmere", "Cirrus Home", "Transitware", "Quillon"),
        make_office,
    ),
    CategorySpec(
        "Beauty > Skincare",
        34,
        ("Dewbloom", "Aloria Botanics", "Clearleaf", "Solenne", "Juniper & Vale"),
        make_skincare,
    ),
    CategorySpec(
        "Toys > Building Sets", 30, ("Brickwise", "Tinkerloft", "Blocksmith", "Little Foundry"), make_toy
    ),
    CategorySpec(
        "Outdoor > Camping",
        38,
        ("Emberlight", "Alpenhorn", "Ridgeback Outfitters", "Driftwood Supply", "Norrvik", "Glowmere"),
        make_camping,
    ),
]

FIRST_NAMES = [
    "Ava", "Liam", "Maya", "Noah", "Priya", "Ethan", "Sofia", "Lucas", "Chloe", "Mateo", "Hannah", "Omar",
    "Zoe", "Daniel", "Grace", "Kenji", "Isla", "Marcus", "Leah", "Diego", "Nora", "Samuel", "Aisha",
    "Jonah", "Elena", "Felix", "Ruby", "Tariq", "Mei", "Oscar", "Clara", "Andre", "Iris", "Malik", "Vera",
    "Theo", "Lena", "Rafael", "Naomi", "Caleb", "Yara", "Henry", "Julia", "Kofi", "Anya", "Miles",
    "Sienna", "Arjun", "Beatrice", "Jamal",
]  # fmt: skip
LAST_NAMES = [
    "Thompson", "Nguyen", "Garcia", "Patel", "Kowalski", "Okafor", "Larsen", "Rossi", "Kim", "Murphy",
    "Silva", "Haddad", "Schmidt", "Brennan", "Tanaka", "Alvarez", "Fischer", "Mensah", "Dubois", "Novak",
    "Reyes", "Walsh", "Ibrahim", "Costa", "Lindqvist", "Moreau", "Chen", "Hughes", "Bianchi", "Adeyemi",
    "Park", "Sullivan",
]  # fmt: skip
GENERIC_PRAISE = [
    "Exactly what I was looking for.",
    "Good quality for the price.",
    "Looks even better in person.",
    "Does everything I hoped it would.",
]
REVIEW_CLOSERS = [
    "Would buy again.", "Great value for the price.", "Exactly as described.", "Very happy with it.",
    "Arrived well packed.", "Recommended it to a friend already.", "", "", "",
]  # fmt: skip
GRIPES = {
    "Shoes": [
        "The laces are a little short.",
        "Toe box is narrower than I expected.",
        "The tongue slides to one side on longer outings.",
    ],
    "Clothing": [
        "Sleeves run a touch long.",
        "The colour is slightly darker than the photos.",
        "Wish it had one more inside pocket.",
    ],
    "Accessories": ["The cuff is a bit tight on my calves.", "Colours faded slightly after a few washes."],
    "Bags": ["The side pockets are a bit tight for big bottles.", "Zips are stiff for the first few weeks."],
    "Electronics": [
        "The app is a bit basic.",
        "Took a couple of tries to pair with my laptop.",
        "Packaging was more than it needed to be.",
    ],
    "Home": ["Heavier than I expected.", "Instructions could be clearer."],
    "Beauty": ["The pump dispenses a bit too much.", "Took a few weeks to see a difference."],
    "Toys": ["A couple of the stickers were fiddly.", "Wish the box were resealable for storage."],
    "Outdoor": ["The stuff sack is a tight fit.", "Instructions could be clearer."],
}


def compose_description(rng: random.Random, draft: Draft) -> str:
    """2-4 sentences: an opening, the key fact, further true features, and the colours when variants exist."""
    budget = rng.randint(2, 4)
    sentences = [one(rng, draft.intro)]
    extra: list[str] = []
    if draft.axis in ("shoe", "clothing"):
        extra.append(color_note(rng, draft.colors))
    # The first feature carries the product's key fact (capacity, skin type ...); always keep it, and say
    # "waterproof" whenever the attribute is true, because shoppers filter on it.
    sentences.append(draft.features[0])
    rest = draft.features[1:]
    if draft.attrs.get("waterproof") is True and "waterproof" not in draft.features[0].lower():
        must = [f for f in rest if "waterproof" in f.lower()][:1]
        sentences += must
        rest = [f for f in rest if f not in must]
    room = max(0, budget - len(sentences) - len(extra))
    sentences += rng.sample(rest, min(room, len(rest)))
    sentences += extra
    return fix_articles(" ".join(s.strip() for s in sentences if s.strip()))


def make_variants(
    rng: random.Random, pid: str, draft: Draft, price: float, sold_out: bool
) -> list[dict[str, Any]]:
    if not draft.axis:
        return []
    rows: list[dict[str, Any]] = []
    if draft.axis == "phone":
        for phone in draft.phones:
            for color in draft.colors:
                bump = (
                    draft.big_size_premium if ("Max" in phone or "Ultra" in phone or "XL" in phone) else 0.0
                )
                rows.append(
                    {
                        "id": f"{pid}-{slugify(phone)}-{color}",
                        "attributes": {"fits_phone": phone, "color": color},
                        "price": round(price + bump, 2),
                        "in_stock": rng.random() > 0.12,
                    }
                )
    else:
        big = {"shoe": ("45", "46"), "clothing": ("XXL",), "sock": ("XL",)}[draft.axis]
        for color in draft.colors:
            for size in draft.sizes:
                bump = draft.big_size_premium if size in big else 0.0
                rows.append(
                    {
                        "id": f"{pid}-{slugify(size)}-{color}",
                        "attributes": {"size": size, "color": color},
                        "price": round(price + bump, 2),
                        "in_stock": rng.random() > 0.12,
                    }
                )
    if sold_out:
        for row in rows:
            row["in_stock"] = False
    elif not any(row["in_stock"] for row in rows):
        rows[0]["in_stock"] = True
    return rows


def make_reviews(rng: random.Random, draft: Draft, rating: float, category: str) -> list[dict[str, Any]]:
    reviews = []
    authors = rng.sample(FIRST_NAMES, 3)
    lines = rng.sample(draft.praise, min(len(draft.praise), 3))
    extra_praise = rng.sample(GENERIC_PRAISE, 3)
    gripes = rng.sample(GRIPES[category.split(" > ")[0]], 2)
    for i in range(rng.choice([1, 1, 2, 2, 3])):
        stars = max(1, min(5, round(rating + rng.gauss(0, 0.7))))
        if stars <= 3:
            text = gripes[i % 2]
            if i < len(lines) and rng.random() < 0.6:
                text = f"{lines[i]} {text}"
        else:
            text = lines[i] if i < len(lines) else extra_praise[i]
            closer = one(rng, REVIEW_CLOSERS)
            text = f"{text} {closer}".strip()
        reviews.append({"author": authors[i], "rating": float(stars), "text": fix_articles(text)})
    return reviews


def attr_key(product: Product) -> str:
    return json.dumps([product.category, product.brand, product.price, product.attributes], sort_keys=True)


def build_catalog(rng: random.Random) -> tuple[list[Product], dict[str, str]]:
    """Products plus each product's internal kind (for bought-together rules in the order generator)."""
    drafts: list[tuple[str, Draft]] = []
    titles: list[str] = []
    models: list[str] = []
    for spec in CATEGORIES:
        made = 0
        attempts = 0
        while made < spec.count:
            attempts += 1
            if attempts > spec.count * 60:
                raise RuntimeError(f"could not draw {spec.count} distinct products for {spec.name}")
            brand = spec.brands[made % len(spec.brands)] if rng.random() < 0.5 else one(rng, spec.brands)
            draft = spec.make(rng, brand, attempts)
            # Titles must not be alike: no two differ only by brand, and a model name is used once per
            # category (across brands), so "the Tempo" names one product when a shopper refers back to it.
            rest = draft.title[len(brand) + 1 :].lower()
            words = rest.split()
            keys = [f"{spec.name}|{' '.join(words[:2]) if spec.name.startswith('Toys') else words[0]}"]
            if rest in titles or any(k in models for k in keys):
                continue
            titles.append(rest)
            models.extend(keys)
            drafts.append((spec.name, draft))
            made += 1
    rng.shuffle(drafts)
    products: list[Product] = []
    kinds: dict[str, str] = {}
    seen_keys: list[str] = []
    for number, (category, draft) in enumerate(drafts, start=1001):
        pid = f"sku-{number}"
        sold_out = rng.random() < 0.035
        variants = make_variants(rng, pid, draft, draft.price, sold_out)
        in_stock = any(v["in_stock"] for v in variants) if variants else not sold_out
        review_count = 0 if rng.random() < 0.04 else min(2500, int(math.exp(rng.gauss(3.9, 1.5))))
        rating = None
        if review_count:
            spread = 0.35 if review_count > 50 else 0.6
            rating = round(min(5.0, max(2.8, rng.gauss(4.35, spread))), 1)
        tags = list(dict.fromkeys(draft.tags))
        if review_count >= 900 and rating and rating >= 4.3:
            tags.insert(0, "bestseller")
        if review_count == 0:
            tags.insert(0, "new")
        for filler in ("gift", "everyday", "value"):
            if len(tags) >= 2:
                break
            if filler not in tags:
                tags.append(filler)
        reviews = []
        if rating is not None and rng.random() < 0.3:
            reviews = make_reviews(rng, draft, rating, category)
            review_count = max(review_count, len(reviews))
        row = {
            "id": pid, "title": draft.title, "description": compose_description(rng, draft),
            "category": category, "brand": draft.brand, "price": draft.price, "currency": "USD",
            "attributes": draft.attrs, "variants": variants, "in_stock": in_stock, "rating": rating,
            "review_count": review_count, "tags": tags[:4], "image_url": "",
            "url": f"{SHOP_URL}/products/{slugify(draft.title)}", "reviews": reviews,
        }  # fmt: skip
        product = Product.model_validate(row)
        key = attr_key(product)
        if key in seen_keys:
            raise RuntimeError(f"duplicate product facts for {pid}")
        seen_keys.append(key)
        products.append(product)
        kinds[pid] = draft.kind
    return products, kinds


# --- policies and FAQs -----------------------------------------------------------------------
# The numbers below are the shop's rules; FAQs and policy pages state them identically.

POLICIES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "shipping": ("Shipping", [
        ("Processing times",
         "Orders placed by 2 pm Eastern Time on a business day leave our warehouse in Columbus, Ohio the "
         "same day. "
         "Orders placed later, or on weekends and US public holidays, ship the next business day. We email "
         "you a "
         "tracking link as soon as the carrier scans your parcel."),
        ("Shipping options and costs",
         "Standard shipping takes 3-5 business days and costs $5.95, and it is free on orders of $50 or "
         "more after "
         "discounts and before tax. Express shipping takes 1-2 business days and costs $12.95 on any order. "
         "Delivery times are counted from the day your order ships."),
        ("Carriers and tracking",
         "Standard parcels travel with UPS Ground or USPS Ground Advantage, and express parcels travel "
         "with FedEx. "
         "Your tracking number appears under Orders in your account and in the shipping confirmation email. "
         "Tracking can take up to 24 hours to show the first scan."),
        ("Where we ship",
         "We ship to all 50 US states, Washington DC, Puerto Rico and APO/FPO/DPO addresses. PO boxes and "
         "military "
         "addresses receive standard shipping through USPS only; express is not available to them. Standard "
         "delivery to Alaska, Hawaii and Puerto Rico takes 5-8 business days. For addresses outside the "
         "US, see "
         "our International orders page."),
        ("Lost, late or damaged parcels",
         "If tracking has not updated for 5 business days, or your parcel shows as delivered but you can't "
         "find "
         "it, contact us within 7 days of the expected delivery date and we will open a claim with the "
         "carrier. "
         "If a parcel arrives damaged, send us a photo within 7 days of delivery and we will send a "
         "replacement "
         "or a full refund at no cost to you."),
    ]),
    "returns": ("Returns and refunds", [
        ("Return window",
         "You can return most items within 30 days of delivery for a refund to your original payment method. "
         "Items must be unused, unwashed and in their original condition with tags attached, and shoes "
         "should "
         "only have been tried on indoors. Orders delivered between November 15 and December 31 can be "
         "returned "
         "until January 31 of the following year."),
        ("How to return an item",
         "Start a return from Orders in your account, or ask our assistant with your order number and the "
         "email "
         "address or ZIP code on the order. We email a prepaid return label for US addresses, so returns "
         "within "
         "the US are free. Drop the parcel at any UPS location within 14 days of starting the return."),
        ("Refunds",
         "We issue your refund within 5 business days of the return arriving at our warehouse and email "
         "you when "
         "it is done. Refunds go back to the original payment method, and your bank may take a further 3-5 "
         "business days to show it. Original shipping charges are refunded only if the item was faulty or we "
         "sent the wrong item. Purchases paid with a gift card are refunded to a new digital gift card."),
        ("Items we can't take back",
         "For hygiene reasons, opened skincare products cannot be returned unless they are faulty. Gift "
         "cards "
         "and items marked final sale are not returnable. Headphones and earbuds can be returned within 30 "
         "days "
         "when they come back with all ear tips, cables and the charging case."),
        ("Damaged or wrong items",
         "If an item arrives damaged, faulty or different from what you ordered, contact us within 7 days of "
         "delivery with a photo. We cover the return shipping and send a replacement, or refund you in full "
         "including the original shipping charge."),
    ]),
    "exchanges": ("Exchanges", [
        ("Size and colour exchanges",
         "You can exchange an item for a different size or colour of the same product within 30 days of "
         "delivery. Exchanges within the US are free: we email a prepaid label and pay the shipping on the "
         "replacement. Each item can be exchanged once; after that, return it for a refund and place a new "
         "order."),
        ("How exchanges work",
         "Start an exchange from Orders in your account or through our assistant with your order number "
         "and the "
         "email address or ZIP code on the order. We reserve the new size or colour straight away and ship "
         "it as "
         "soon as the carrier scans your return, so you don't wait for the return to reach our warehouse. "
         "The "
         "replacement travels by standard shipping."),
        ("Price differences",
         "If the new variant costs more, as some larger sizes do, we charge the difference to your original "
         "payment method. If it costs less, we refund the difference within 5 business days. Swapping for a "
         "different product is handled as a return plus a new order."),
        ("When the variant you want is sold out",
         "If the size or colour you want is out of stock, we tell you and refund the original item once it "
         "arrives instead. You can also ask us to email you when it is back in stock and order it then."),
    ]),
    "warranty": ("Warranty", [
        ("What is covered",
         "Every product we sell comes with our limited warranty against defects in materials and "
         "workmanship. "
         "The warranty runs 1 year from delivery for most products, 2 years for electronics (headphones, "
         "chargers, power banks, keyboards, mice and desk lamps), and 3 years for backpacks, tents and "
         "sleeping "
         "bags. Phone cases are covered for 1 year; the warranty covers the case, not the phone inside it."),
        ("What is not covered",
         "The warranty does not cover normal wear and tear, accidental damage, misuse or damage from "
         "unauthorised "
         "repairs. Water damage is covered only for products sold as waterproof. Rechargeable batteries are "
         "covered if they fall below 70% of their original capacity within the warranty period."),
        ("How to make a claim",
         "Send us your order number, a short description of the problem and a photo or video through our "
         "help "
         "page or our assistant. We reply within 2 business days and may ask you to send the item back "
         "with a "
         "prepaid label. You don't need the original packaging."),
        ("Repair, replacement or refund",
         "If the claim is approved, we repair or replace the item. If neither is possible, we refund the "
         "purchase price to your original payment method or as store credit, whichever you prefer. A "
         "replacement "
         "keeps the remaining warranty of the original item or 90 days, whichever is longer."),
    ]),
    "payment": ("Payment", [
        ("Accepted payment methods",
         "We accept Visa, Mastercard, American Express and Discover credit and debit cards, PayPal, Apple "
         "Pay, "
         "Google Pay and Demo Shop gift cards. All prices are in US dollars. We don't accept cash on "
         "delivery, "
         "checks or cryptocurrency."),
        ("When you are charged",
         "We place an authorization hold on your card when you place the order and take the payment when it "
         "ships. If an order ships in more than one parcel, we charge each parcel separately. Cancelled "
         "orders "
         "release the hold within 3-5 business days, depending on your bank."),
        ("Pay in four installments",
         "Orders from $100 to $1,500 can be split into four interest-free payments, one every two weeks, "
         "through our checkout partner. The first payment is taken at checkout. Approval is decided by the "
         "partner and a soft check does not affect your credit score."),
        ("Sales tax",
         "We charge sales tax in the states where we are required to, based on the shipping address. The "
         "tax is "
         "shown at checkout before you pay."),
        ("Promo codes",
         "One promo code can be used per order and it cannot be combined with other offers or a price match. "
         "Codes don't apply to gift cards or to shipping unless the code says so. A code cannot be added "
         "to an "
         "order after it has been placed."),
    ]),
    "privacy": ("Privacy", [
        ("What we collect",
         "We collect what we need to run your orders: your name, email address, shipping and billing "
         "addresses, "
         "a phone number if you give one, and your order history. We also keep the messages you send our "
         "shopping assistant. Card details go straight to our payment processor; we never see or store your "
         "full card number."),
        ("How we use it",
         "We use your data to process and deliver orders, handle returns and support requests and, if you "
         "have "
         "an account, to suggest products based on what you bought before. We send marketing emails only "
         "if you "
         "opt in, and every email has an unsubscribe link. We never sell your personal data."),
        ("The shopping assistant and voice",
         "Our assistant runs on our own servers, so your chats are not sent to outside AI services. Chat "
         "transcripts are kept for 90 days to improve answers and then deleted. Voice messages are "
         "transcribed on "
         "our servers and the audio is deleted as soon as the text is ready."),
        ("Cookies",
         "We use essential cookies to keep your cart and session working. Analytics cookies are set only "
         "if you "
         "accept them in the cookie banner, and you can change your choice at any time from the link at the "
         "bottom of every page."),
        ("Your rights",
         "You can ask for a copy of your data, correct it, or have your account and data deleted by "
         "writing to "
         "privacy@demo-shop.example. We complete requests within 30 days. Order records that tax law "
         "requires "
         "are kept for 7 years, even after an account is deleted."),
    ]),
    "price-match": ("Price match", [
        ("Our own price drops",
         "If we lower the price of an item within 14 days of your purchase, we refund the difference. "
         "Contact us "
         "with your order number and we apply the adjustment to your original payment method. Each item "
         "can be "
         "adjusted once."),
        ("Matching other retailers",
         "We match the current price of an identical item, meaning the same brand, model, size and colour, "
         "sold "
         "new and in stock by a US retailer. Send us a link before you buy or within 14 days of your "
         "purchase, "
         "and we check it within one business day."),
        ("What we can't match",
         "We don't match marketplace sellers, auction sites, membership or loyalty prices, coupons, bundle "
         "deals, clearance or open-box items, or prices that are clearly a mistake. Black Friday and Cyber "
         "Monday "
         "doorbuster prices are also excluded."),
        ("Limits",
         "Price matching applies to orders shipped within the US, up to 5 units per item. The matched price "
         "replaces our price, and promo codes cannot be added on top of it."),
    ]),
    "international": ("International orders", [
        ("Countries we ship to",
         "Besides the United States, we ship to Canada, the United Kingdom, every European Union country, "
         "Norway, Switzerland, Australia, New Zealand and Japan. Prices are shown and charged in US "
         "dollars, and "
         "your card issuer converts the amount to your currency."),
        ("Shipping times and costs",
         "International standard shipping takes 7-14 business days and costs a flat $19.95, or nothing on "
         "orders "
         "of $150 or more. International express takes 3-5 business days and costs $39.95. Every "
         "international "
         "parcel is tracked from our warehouse to your door."),
        ("Duties and taxes",
         "For Canada, the United Kingdom, the European Union and Australia, duties and import taxes are "
         "calculated and collected at checkout, so there is nothing more to pay on delivery. For all other "
         "countries, the carrier collects duties and taxes on delivery, and they are the buyer's "
         "responsibility."),
        ("Items with batteries",
         "Products with built-in lithium batteries, such as wireless headphones, earbuds, power banks and "
         "wireless keyboards, can only ship to addresses in the United States and Canada. Checkout tells "
         "you if "
         "an item in your cart cannot ship to your country."),
        ("International returns",
         "International orders can be returned within 30 days of delivery, like US orders, but the "
         "customer pays "
         "the return shipping. We refund the item price, plus any duties and taxes collected at checkout, "
         "once "
         "the return reaches us; shipping charges are not refunded."),
    ]),
}  # fmt: skip

FAQS: list[tuple[str, str, str]] = [
    # (category, question, answer)
    ("shipping", "How much does shipping cost?",
     "Standard shipping is $5.95 and free on orders of $50 or more. Express shipping is $12.95 on any "
     "order."),
    ("shipping", "How long does delivery take?",
     "Standard shipping takes 3-5 business days and express takes 1-2 business days, counted from the day "
     "your "
     "order ships. Orders placed by 2 pm Eastern on a business day ship the same day."),
    ("shipping", "Do you offer free shipping?",
     "Yes. Standard shipping is free on US orders of $50 or more, after discounts and before tax."),
    ("shipping", "What is the cut-off time for same-day dispatch?",
     "Orders placed by 2 pm Eastern Time on a business day leave our warehouse the same day. Later orders, "
     "and "
     "orders placed on weekends or holidays, ship the next business day."),
    ("shipping", "Which carriers do you use?",
     "Standard parcels go with UPS Ground or USPS Ground Advantage, and express parcels go with FedEx."),
    ("shipping", "Do you ship to PO boxes or military addresses?",
     "Yes, PO boxes and APO/FPO/DPO addresses get standard shipping through USPS. Express shipping is not "
     "available to them."),
    ("shipping", "Do you ship internationally?",
     "Yes, to Canada, the UK, the EU, Norway, Switzerland, Australia, New Zealand and Japan. International "
     "standard shipping takes 7-14 business days and costs $19.95, free on orders of $150 or more."),
    ("shipping", "Will I pay customs duties on an international order?",
     "For Canada, the UK, the EU and Australia, duties and taxes are collected at checkout, so nothing is "
     "due on "
     "delivery. For other countries, the carrier collects them on delivery."),
    ("shipping", "My tracking hasn't updated. What should I do?",
     "Tracking can take up to 24 hours to show the first scan. If it hasn't moved for 5 business days, "
     "contact "
     "us and we will open a claim with the carrier."),
    ("shipping", "My parcel says delivered but I can't find it.",
     "Check with neighbours and around your building first, then contact us within 7 days of the expected "
     "delivery date. We will open a claim with the carrier and send a replacement or refund if it is lost."),
    ("returns", "What is your return policy?",
     "You can return most items within 30 days of delivery for a refund. Items must be unused and in their "
     "original condition with tags attached."),
    ("returns", "How do I start a return?",
     "Start it from Orders in your account, or give our assistant your order number and the email or ZIP "
     "code "
     "on the order. We email you a prepaid UPS label."),
    ("returns", "Are returns free?",
     "Yes, returns within the US are free with our prepaid label. International customers pay their own "
     "return "
     "shipping."),
    ("returns", "When will I get my refund?",
     "We issue the refund within 5 business days of your return reaching our warehouse. Your bank may take "
     "another 3-5 business days to show it."),
    ("returns", "Is the original shipping charge refunded?",
     "Only if the item was faulty or we sent the wrong item. Otherwise we refund the item price."),
    ("returns", "Can I return skincare I have opened?",
     "No, opened skincare can't be returned for hygiene reasons unless it is faulty. Unopened skincare can "
     "be "
     "returned within 30 days."),
    ("returns", "Can I return headphones or earbuds?",
     "Yes, within 30 days of delivery, as long as they come back with all ear tips, cables and the charging "
     "case."),
    ("returns", "Do you extend returns over the holidays?",
     "Yes. Orders delivered between November 15 and December 31 can be returned until January 31 of the next "
     "year."),
    ("returns", "What if my item arrived damaged or wrong?",
     "Contact us within 7 days of delivery with a photo. We pay the return shipping and send a replacement "
     "or a "
     "full refund, including the original shipping charge."),
    ("returns", "Can I return a gift card?",
     "No, gift cards and items marked final sale can't be returned."),
    ("exchanges", "Can I exchange for a different size or colour?",
     "Yes, within 30 days of delivery you can swap for another size or colour of the same product. Exchanges "
     "within the US are free."),
    ("exchanges", "How long does an exchange take?",
     "We ship the replacement as soon as the carrier scans your return, by standard shipping, so it usually "
     "arrives 3-5 business days later."),
    ("exchanges", "What if the new size costs more?",
     "We charge the difference to your original payment method; if it costs less, we refund the difference "
     "within 5 business days."),
    ("exchanges", "Can I exchange an item more than once?",
     "Each item can be exchanged once. After that, return it for a refund and place a new order."),
    ("exchanges", "The size I want is sold out. Can I still exchange?",
     "If the size or colour is out of stock we refund the original item instead once it arrives. We can also "
     "email you when it is back in stock."),
    ("exchanges", "Can I exchange for a different product?",
     "A swap for a different product is handled as a return plus a new order, so place the new order "
     "whenever "
     "you like."),
    ("payment", "Which payment methods do you accept?",
     "Visa, Mastercard, American Express, Discover, PayPal, Apple Pay, Google Pay and Demo Shop gift cards."),
    ("payment", "When is my card charged?",
     "We place an authorization hold when you order and take the payment when your order ships."),
    ("payment", "Can I pay in installments?",
     "Yes, orders from $100 to $1,500 can be split into four interest-free payments every two weeks at "
     "checkout."),
    ("payment", "Can I use more than one promo code?",
     "No, one promo code per order, and codes can't be combined with other offers or a price match."),
    ("payment", "Do you charge sales tax?",
     "We charge sales tax where we are required to, based on your shipping address, and show it at checkout "
     "before you pay."),
    ("payment", "Do you price match?",
     "Yes. We match an identical new, in-stock item from a US retailer, and if our own price drops within 14 "
     "days of your purchase we refund the difference."),
    ("payment", "Why is there a pending charge after I cancelled?",
     "That is the authorization hold. It is released within 3-5 business days, depending on your bank."),
    ("payment", "What currency are your prices in?",
     "All prices are in US dollars. For international orders your card issuer converts the amount."),
    ("accounts", "Do I need an account to order?",
     "No, you can check out as a guest. An account lets you track orders, start returns and save addresses."),
    ("accounts", "How do I reset my password?",
     "Click Forgot password on the sign-in page and we email you a reset link that is valid for 60 minutes."),
    ("accounts", "How do I look up an order without an account?",
     "Give our assistant or the order lookup page your order number, which starts with A, plus the email "
     "address or ZIP code used on the order."),
    ("accounts", "How do I change the email address on my account?",
     "Sign in, open Account settings and edit your email. We send a confirmation link to the new address."),
    ("accounts", "How do I delete my account?",
     "Write to privacy@demo-shop.example and we delete your account and data within 30 days. Order records "
     "required for tax are kept for 7 years."),
    ("accounts", "Can I save more than one shipping address?",
     "Yes, your account can store several addresses, and you pick one at checkout."),
    ("orders", "What do the order statuses mean?",
     "Pending means we have your order and can still change it. Processed means it is packed and waiting "
     "for the "
     "carrier, shipped means it is on its way with tracking, and delivered means the carrier has dropped "
     "it off."),
    ("orders", "Can I cancel my order?",
     "Yes, while its status is still pending, before we start packing it. Once it has been processed it "
     "can't "
     "be cancelled, but you can return it after delivery."),
    ("orders", "Can I change my shipping address after ordering?",
     "Yes, while the order is pending. After it has been processed we can't redirect it."),
    ("orders", "Can I add an item to an order I already placed?",
     "We can't add items to a placed order. Place a second order; both count separately toward free "
     "shipping."),
    ("orders", "Why did my order arrive in more than one parcel?",
     "Items sometimes ship separately so that nothing waits for the slowest item. Each parcel has its own "
     "tracking number and is charged when it ships."),
    ("orders", "I didn't get an order confirmation email.",
     "Check your spam folder first. If it isn't there, our assistant can find the order with your order "
     "number "
     "and email or ZIP code."),
    ("orders", "How do I track my order?",
     "Open Orders in your account or ask our assistant with your order number and email or ZIP code. "
     "Tracking "
     "links appear once the order has shipped."),
    ("orders", "Something is missing from my parcel.",
     "Your order may have shipped in more than one parcel, so check your tracking first. If an item is still "
     "missing, contact us within 7 days of delivery."),
    ("sizing", "What shoe sizes do you carry?",
     "Shoes are sold in EU sizes: women's 38-43, men's 40-46 and unisex 38-46. Each product page lists the "
     "sizes that are in stock."),
    ("sizing", "Do your running shoes fit true to size?",
     "Most run true to size, so order your usual EU size. Hiking boots are best bought in your usual size "
     "with "
     "the socks you will hike in, or one size up if you are between sizes."),
    ("sizing", "How do your clothing sizes run?",
     "Tops and jackets come in XS to XXL. As a guide, chest sizes are about XS 81-86 cm, S 86-94 cm, M "
     "94-102 "
     "cm, L 102-110 cm, XL 110-118 cm and XXL 118-126 cm."),
    ("sizing", "Which sock size should I choose?",
     "Sock size S fits EU shoe sizes 35-38, M fits EU 39-42, L fits EU 43-46 and XL fits EU 47-49."),
    ("sizing", "Why do some sizes cost more?",
     "A few products cost a little more in the largest sizes, such as EU 45-46 shoes or XXL jackets, usually "
     "$3-$5. The product page shows the exact price of each size."),
    ("sizing", "Do you convert between EU, US and UK shoe sizes?",
     "We list shoes in EU sizes only, because conversions vary by brand. Measure your foot or use the EU "
     "size "
     "printed inside a pair that fits you well."),
    ("product care", "How do I wash a waterproof jacket?",
     "Machine wash cold on a gentle cycle with a technical detergent, then tumble dry low to refresh the "
     "water "
     "repellency. Don't use fabric softener."),
    ("product care", "How do I care for a down jacket?",
     "Wash it rarely, on a gentle cycle with a down wash, or take it to a specialist cleaner. Tumble dry "
     "low with "
     "a few clean tennis balls to break up clumps."),
    ("product care", "How should I care for leather hiking boots?",
     "Brush off dirt after each hike, let them dry away from direct heat, and condition the leather every "
     "few "
     "months to keep it supple and water resistant."),
    ("product care", "How do I look after a cast iron skillet?",
     "Hand wash with hot water, dry it on low heat and wipe on a thin layer of oil. Never put it in the "
     "dishwasher."),
    ("product care", "How do I store my tent?",
     "Make sure it is completely dry before packing it away, and store it loosely in a cool, dry place to "
     "prevent mildew."),
    ("product care", "How long does skincare last once opened?",
     "Most of our skincare is best used within 12 months of opening. Keep it out of direct sunlight and "
     "close the "
     "cap after each use."),
    ("product care", "Can merino wool go in the washing machine?",
     "Our merino tees and socks can be machine washed on a cool wool cycle. Lay them flat to dry and skip "
     "the "
     "tumble dryer."),
    ("warranty", "How long is your warranty?",
     "1 year for most products, 2 years for electronics such as headphones and chargers, and 3 years for "
     "backpacks, tents and sleeping bags."),
    ("warranty", "How do I make a warranty claim?",
     "Send your order number, a short description and a photo or video through our help page or our "
     "assistant. "
     "We reply within 2 business days."),
    ("warranty", "Is battery wear covered?",
     "Yes, if a rechargeable battery drops below 70% of its original capacity within the warranty period."),
    ("warranty", "Does the warranty cover accidental damage?",
     "No. It covers defects in materials and workmanship, not accidents, misuse or normal wear and tear."),
    ("warranty", "Does the phone case warranty cover my phone?",
     "No, the 1-year warranty covers the case itself, not the phone inside it."),
    ("gift cards", "What gift cards do you sell?",
     "Digital gift cards from $10 to $500, sent by email straight away or on a date you choose."),
    ("gift cards", "Do gift cards expire?",
     "No. Demo Shop gift cards never expire and have no fees."),
    ("gift cards", "How do I check my gift card balance?",
     "Enter the card number on the gift card page or at checkout, and the remaining balance is shown."),
    ("gift cards", "Can I buy a gift card with a gift card?",
     "No, gift cards can't be used to buy other gift cards."),
    ("gift cards", "I lost my gift card email. Can you resend it?",
     "Yes. Contact us with the order number or the purchaser's email and we resend it to the recipient."),
    ("privacy", "Do you sell my personal data?",
     "No, we never sell your personal data. We use it only to run your orders and, if you opt in, to email "
     "you."),
    ("privacy", "How long do you keep my chat messages?",
     "Chat transcripts are kept for 90 days to improve answers and then deleted."),
    ("privacy", "What happens to my voice messages?",
     "They are transcribed on our own servers and the audio is deleted as soon as the text is ready."),
    ("privacy", "Do you store my card number?",
     "No. Card details go straight to our payment processor, and we never see or store your full card "
     "number."),
    ("privacy", "How do I unsubscribe from marketing emails?",
     "Click the unsubscribe link at the bottom of any marketing email, or turn marketing off in Account "
     "settings."),
    ("store info", "Do you have a physical store?",
     "We are online only. Every order ships from our warehouse in Columbus, Ohio, which doesn't offer "
     "pickup."),
    ("store info", "What are your customer service hours?",
     "Our team is available Monday to Friday 8 am-8 pm and Saturday 10 am-4 pm Eastern Time. The assistant "
     "answers around the clock."),
    ("store info", "How can I contact you?",
     "Email support@demo-shop.example, call 1-800-555-0142 during support hours, or ask the assistant to "
     "hand "
     "you over to a person."),
    ("store info", "Can I talk to a real person?",
     "Yes. Ask the assistant for a person and it hands the chat to our team during support hours, or "
     "leaves a "
     "message for the next business day."),
    ("store info", "Do you have a newsletter discount?",
     "Yes, sign up for our newsletter and get 10% off your first order, once per email address. It counts as "
     "your one promo code for that order."),
    ("store info", "What does the eco tag mean?",
     "It marks products made with recycled, organic or plant-based materials, named in each product's "
     "materials."),
]  # fmt: skip


def policy_markdown(title: str, sections: list[tuple[str, str]]) -> str:
    parts = [f"# {title}", ""]
    for heading, text in sections:
        parts += [f"## {heading}", "", text, ""]
    return "\n".join(parts)


def build_faqs() -> list[FaqEntry]:
    rows = []
    for number, (category, question, answer) in enumerate(FAQS, start=1):
        fid = f"faq-{number:03d}"
        rows.append(FaqEntry.model_validate({
            "id": fid, "question": question, "answer": answer, "category": category,
            "url": f"{SHOP_URL}/help/{slugify(category)}#{fid}",
        }))  # fmt: skip
    return rows


# --- customers and orders --------------------------------------------------------------------
# Each customer has a hidden taste profile; most orders follow it so personalisation is learnable.

PERSONAS: dict[str, list[str]] = {
    "runner": ["Shoes > Running", "Accessories > Socks", "Clothing > T-Shirts", "Electronics > Headphones"],
    "hiker": [
        "Shoes > Hiking",
        "Outdoor > Camping",
        "Clothing > Jackets",
        "Bags > Backpacks",
        "Accessories > Socks",
    ],
    "commuter": [
        "Electronics > Headphones",
        "Electronics > Phone Cases",
        "Electronics > Chargers",
        "Bags > Backpacks",
        "Home > Office",
    ],
    "home cook": ["Home > Kitchen", "Home > Office", "Beauty > Skincare"],
    "skincare fan": ["Beauty > Skincare", "Clothing > T-Shirts", "Home > Kitchen"],
    "parent": ["Toys > Building Sets", "Bags > Backpacks", "Home > Kitchen", "Outdoor > Camping"],
    "wardrobe": ["Clothing > Jackets", "Clothing > T-Shirts", "Accessories > Socks", "Bags > Backpacks"],
}

# (category, kind or "*") -> companions bought in the same order: (category, required attributes)
BOUGHT_TOGETHER: dict[tuple[str, str], list[tuple[str, Attrs]]] = {
    ("Shoes > Running", "*"): [("Accessories > Socks", {"activity": "running"})],
    ("Shoes > Hiking", "*"): [("Accessories > Socks", {"activity": "hiking"})],
    ("Outdoor > Camping", "tent"): [
        ("Outdoor > Camping", {"type": "sleeping bag"}),
        ("Outdoor > Camping", {"type": "sleeping pad"}),
    ],
    ("Outdoor > Camping", "sleeping bag"): [("Outdoor > Camping", {"type": "sleeping pad"})],
    ("Outdoor > Camping", "camp stove"): [("Outdoor > Camping", {"type": "cookset"})],
    ("Outdoor > Camping", "headlamp"): [("Outdoor > Camping", {"type": "lantern"})],
    ("Electronics > Phone Cases", "*"): [("Electronics > Headphones", {}), ("Electronics > Chargers", {})],
    ("Electronics > Headphones", "*"): [("Electronics > Chargers", {"type": "wall charger"})],
    ("Beauty > Skincare", "cleanser"): [
        ("Beauty > Skincare", {"type": "moisturizer"}),
        ("Beauty > Skincare", {"type": "serum"}),
    ],
    ("Beauty > Skincare", "moisturizer"): [
        ("Beauty > Skincare", {"type": "sunscreen"}),
        ("Beauty > Skincare", {"type": "cleanser"}),
    ],
    ("Beauty > Skincare", "serum"): [("Beauty > Skincare", {"type": "moisturizer"})],
    ("Home > Kitchen", "chef's knife"): [("Home > Kitchen", {"type": "cutting board"})],
    ("Home > Kitchen", "french press"): [("Home > Kitchen", {"type": "electric kettle"})],
    ("Home > Kitchen", "frying pan"): [("Home > Kitchen", {"type": "mixing bowl set"})],
    ("Home > Office", "office chair"): [("Home > Office", {"type": "desk lamp"})],
    ("Home > Office", "wireless keyboard"): [("Home > Office", {"type": "ergonomic mouse"})],
    ("Home > Office", "standing desk converter"): [("Home > Office", {"type": "monitor stand"})],
    ("Clothing > Jackets", "*"): [("Clothing > T-Shirts", {})],
    ("Bags > Backpacks", "laptop backpack"): [("Electronics > Chargers", {"type": "power bank"})],
    ("Bags > Backpacks", "hiking pack"): [("Outdoor > Camping", {"type": "water filter"})],
    ("Toys > Building Sets", "*"): [("Toys > Building Sets", {})],
}

STATUS_WEIGHTS = [
    ("delivered", 0.55),
    ("returned", 0.13),
    ("shipped", 0.1),
    ("cancelled", 0.09),
    ("processed", 0.07),
    ("pending", 0.06),
]


@dataclass
class Taste:
    customer_id: str
    persona: str
    gender: str
    categories: list[str]
    brands: list[str]
    budget: str  # "budget" | "mid" | "premium": which third of a category's price range they buy from
    shoe_size: str
    clothing_size: str
    sock_size: str
    phone: str
    express: float  # share of orders sent express


def build_customers(rng: random.Random) -> tuple[list[Customer], list[Taste]]:
    customers: list[Customer] = []
    tastes: list[Taste] = []
    used: list[str] = []
    while len(customers) < 60:
        first, last = one(rng, FIRST_NAMES), one(rng, LAST_NAMES)
        if f"{first} {last}" in used:
            continue
        used.append(f"{first} {last}")
        cid = f"cust-{len(customers) + 1:03d}"
        style = rng.randrange(4)
        local = [
            f"{first}.{last}",
            f"{first}{last}",
            f"{first[0]}{last}",
            f"{first}.{last}{rng.randint(1, 99)}",
        ][style]
        domain = "example.com" if rng.random() < 0.7 else "example.org"
        customers.append(
            Customer(
                id=cid,
                name=f"{first} {last}",
                email=f"{local.lower()}@{domain}",
                zip=f"{rng.randint(1001, 99950):05d}",
            )
        )
        persona = one(rng, list(PERSONAS))
        categories = rng.sample(PERSONAS[persona], rng.choice([2, 3, 3]))
        brand_pool: list[str] = []
        for spec in CATEGORIES:
            if spec.name in categories:
                brand_pool += [b for b in spec.brands if b not in brand_pool]
        gender = one(rng, ["men", "women"])
        shoe = (
            one(rng, ["38", "39", "40", "41"])
            if gender == "women"
            else one(rng, ["41", "42", "43", "44", "45"])
        )
        sock = "S" if int(shoe) <= 38 else ("M" if int(shoe) <= 42 else "L")
        clothing = (
            one(rng, ["XS", "S", "M", "M", "L"])
            if gender == "women"
            else one(rng, ["S", "M", "L", "L", "XL", "XXL"])
        )
        tastes.append(Taste(
            customer_id=cid, persona=persona, gender=gender, categories=categories,
            brands=rng.sample(brand_pool, rng.choice([1, 2, 2, 3])),
            budget=weighted(rng, [("budget", 0.35), ("mid", 0.4), ("premium", 0.25)]),
            shoe_size=shoe, clothing_size=clothing, sock_size=sock, phone=one(rng, sorted(
                p for family in PHONE_FAMILIES.values() for p in family)),
            express=0.05 if rng.random() < 0.7 else 0.5,
        ))  # fmt: skip
    return customers, tastes


class OrderPicker:
    """Chooses items for a customer's order according to their taste."""

    def __init__(self, products: list[Product], kinds: dict[str, str]) -> None:
        self.kinds = kinds
        self.by_category: dict[str, list[Product]] = {}
        for product in products:
            self.by_category.setdefault(product.category, []).append(product)
        self.tier: dict[str, str] = {}
        for items in self.by_category.values():
            ranked = sorted(items, key=lambda p: (p.price, p.id))
            for rank, product in enumerate(ranked):
                self.tier[product.id] = ("budget", "mid", "premium")[min(2, rank * 3 // len(ranked))]

    def variant_for(self, rng: random.Random, product: Product, taste: Taste, need_stock: bool) -> Any:
        """The variant this customer would buy, None for a product without variants, or False if none fits."""
        if not product.variants:
            return None if (product.in_stock or not need_stock) else False
        gender = product.attributes.get("gender")
        if gender not in (None, "unisex", taste.gender):
            return False
        wanted: Attrs = {}
        if "fits_phone" in product.variants[0].attributes:
            wanted["fits_phone"] = taste.phone
        elif product.category.startswith("Shoes"):
            wanted["size"] = taste.shoe_size
        elif product.category == "Accessories > Socks":
            wanted["size"] = taste.sock_size
        else:
            wanted["size"] = taste.clothing_size
        fits = [v for v in product.variants if all(v.attributes.get(k) == val for k, val in wanted.items())]
        if need_stock:
            fits = [v for v in fits if v.in_stock]
        return one(rng, fits) if fits else False

    def pick(
        self,
        rng: random.Random,
        category: str,
        taste: Taste,
        need_stock: bool,
        required: Attrs | None = None,
        exclude: Sequence[str] = (),
    ) -> tuple[Product, Any] | None:
        choices: list[tuple[Product, Any]] = []
        weights: list[float] = []
        distance = {"budget": 0, "mid": 1, "premium": 2}
        for product in self.by_category.get(category, []):
            if product.id in exclude:
                continue
            if required and any(product.attributes.get(k) != v for k, v in required.items()):
                continue
            variant = self.variant_for(rng, product, taste, need_stock)
            if variant is False:
                continue
            weight = 1.0
            if product.brand in taste.brands:
                weight *= 7.0
            gap = abs(distance[self.tier[product.id]] - distance[taste.budget])
            weight *= (5.0, 1.0, 0.25)[gap]
            weight *= 1.0 + math.log10(1 + product.review_count) / 2  # popular items sell more
            choices.append((product, variant))
            weights.append(weight)
        if not choices:
            return None
        return rng.choices(choices, weights)[0]

    def companions(self, product: Product) -> list[tuple[str, Attrs]]:
        kind = self.kinds[product.id]
        return BOUGHT_TOGETHER.get((product.category, kind), BOUGHT_TOGETHER.get((product.category, "*"), []))


def random_time(rng: random.Random, start: datetime, end: datetime) -> datetime:
    span = int((end - start).total_seconds())
    moment = start + timedelta(seconds=rng.randrange(span))
    # Most shoppers order in the daytime and evening (Eastern), not at 4 am.
    if moment.hour < 7 and moment + timedelta(hours=12) < end:
        moment += timedelta(hours=12)
    return moment


def add_business_days(day: date, count: int) -> date:
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def ship_day(placed: datetime) -> date:
    day = placed.date()
    if placed.hour >= 14 or day.weekday() >= 5:
        day = add_business_days(day, 1)
    return day


def tracking_for(rng: random.Random, placed: datetime, express: bool) -> dict[str, str]:
    shipped = ship_day(placed)
    if express:
        carrier, number = "FedEx", "".join(str(rng.randrange(10)) for _ in range(12))
        eta = add_business_days(shipped, rng.choice([1, 2]))
    elif rng.random() < 0.6:
        alnum = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"
        carrier = "UPS"
        number = (
            "1Z"
            + "".join(one(rng, alnum) for _ in range(6))
            + "".join(str(rng.randrange(10)) for _ in range(10))
        )
        eta = add_business_days(shipped, rng.choice([3, 4, 5]))
    else:
        carrier, number = "USPS", "9400" + "".join(str(rng.randrange(10)) for _ in range(18))
        eta = add_business_days(shipped, rng.choice([3, 4, 5]))
    return {"carrier": carrier, "number": number, "eta": eta.isoformat()}


def placed_window(status: str) -> tuple[datetime, datetime]:
    return {
        # "Now" is late morning on 24 November: pending orders are hours old, processed ones missed
        # yesterday's 2 pm carrier pickup, shipped ones are still travelling.
        "pending": (datetime(2026, 11, 24, 7, 0), datetime(2026, 11, 24, 11, 30)),
        "processed": (datetime(2026, 11, 23, 14, 5), datetime(2026, 11, 24, 10, 0)),
        "shipped": (datetime(2026, 11, 18, 7, 0), datetime(2026, 11, 23, 13, 0)),
        "delivered": (datetime(2026, 1, 3, 7, 0), datetime(2026, 11, 13, 12, 0)),
        "cancelled": (datetime(2026, 1, 3, 7, 0), datetime(2026, 11, 22, 12, 0)),
        "returned": (datetime(2026, 1, 3, 7, 0), datetime(2026, 10, 20, 12, 0)),
    }[status]


def eastern_iso(moment: datetime) -> str:
    """Warehouse-local time with its UTC offset; daylight saving ran from 8 March to 1 November 2026."""
    summer = datetime(2026, 3, 8, 2) <= moment < datetime(2026, 11, 1, 2)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + ("-04:00" if summer else "-05:00")


def build_orders(
    rng: random.Random, products: list[Product], kinds: dict[str, str], tastes: list[Taste]
) -> list[Order]:
    picker = OrderPicker(products, kinds)
    all_categories = [spec.name for spec in CATEGORIES]
    drafts: list[tuple[datetime, dict[str, Any]]] = []
    for taste in tastes:
        bought: list[tuple[Product, Any]] = []
        for _ in range(rng.randint(3, 9)):
            status = weighted(rng, STATUS_WEIGHTS)
            need_stock = status in ("pending", "processed")
            lines: list[tuple[Product, Any, int]] = []
            repeat = [pv for pv in bought if pv[0].category in ("Beauty > Skincare", "Accessories > Socks")]
            if repeat and rng.random() < 0.25 and (not need_stock or repeat[0][0].in_stock):
                product, variant = one(rng, repeat)  # replenishing a favourite consumable
                if not need_stock or (variant.in_stock if variant is not None else product.in_stock):
                    lines.append((product, variant, 1))
            if not lines:
                category = one(rng, taste.categories) if rng.random() < 0.82 else one(rng, all_categories)
                first = picker.pick(rng, category, taste, need_stock)
                if first is None:
                    first = picker.pick(rng, one(rng, taste.categories), taste, need_stock)
                if first is None:
                    continue
                lines.append((first[0], first[1], 1))
            companions = picker.companions(lines[0][0])
            if companions and rng.random() < 0.55:
                comp_category, required = one(rng, companions)
                extra = picker.pick(rng, comp_category, taste, need_stock, required, [lines[0][0].id])
                if extra is not None:
                    lines.append((extra[0], extra[1], 1))
            if rng.random() < 0.15:
                extra = picker.pick(
                    rng, one(rng, taste.categories), taste, need_stock, None, [line[0].id for line in lines]
                )
                if extra is not None:
                    lines.append((extra[0], extra[1], 1))
            items = []
            for product, variant, _ in lines:
                quantity = 1
                if product.category in ("Accessories > Socks", "Clothing > T-Shirts", "Beauty > Skincare"):
                    quantity = weighted(rng, [(1, 0.75), (2, 0.2), (3, 0.05)])
                bought.append((product, variant))
                items.append(
                    {
                        "product_id": product.id,
                        "variant_id": variant.id if variant is not None else None,
                        "title": product.title,
                        "price": product.variant_price(variant),
                        "quantity": quantity,
                    }
                )
            start, end = placed_window(status)
            placed = random_time(rng, start, end)
            tracking: dict[str, str] | None = None
            if status in ("shipped", "delivered"):
                tracking = tracking_for(rng, placed, rng.random() < taste.express)
                if status == "shipped" and tracking["eta"] < TODAY.isoformat():
                    tracking["eta"] = add_business_days(TODAY, 1).isoformat()  # late: the carrier revised it
            drafts.append(
                (
                    placed,
                    {
                        "customer_id": taste.customer_id,
                        "status": status,
                        "placed_at": eastern_iso(placed),
                        "items": items,
                        "tracking": tracking,
                    },
                )
            )
    drafts.sort(key=lambda pair: (pair[0], pair[1]["customer_id"]))
    orders = []
    for number, (_, row) in enumerate(drafts, start=10001):
        orders.append(Order.model_validate({"order_id": f"A{number}", **row}))
    return orders


# --- output ----------------------------------------------------------------------------------


def write_jsonl(path: Path, rows: Sequence[Any]) -> None:
    lines = [
        json.dumps(row.model_dump(mode="json") if hasattr(row, "model_dump") else row, ensure_ascii=False)
        for row in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def taste_row(taste: Taste) -> dict[str, Any]:
    return {
        "customer_id": taste.customer_id, "persona": taste.persona, "gender": taste.gender,
        "favourite_categories": taste.categories, "favourite_brands": taste.brands, "budget": taste.budget,
        "shoe_size": taste.shoe_size, "clothing_size": taste.clothing_size, "sock_size": taste.sock_size,
        "phone": taste.phone,
    }  # fmt: skip


def generate(out: Path) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    (out / "policies").mkdir(exist_ok=True)
    (out / "eval").mkdir(exist_ok=True)
    # Separate streams, so editing the FAQ text or the order logic leaves the catalog unchanged.
    products, kinds = build_catalog(random.Random(SEED))
    customers, tastes = build_customers(random.Random(SEED + 1))
    orders = build_orders(random.Random(SEED + 2), products, kinds, tastes)
    faqs = build_faqs()
    write_jsonl(out / "catalog.jsonl", sorted(products, key=lambda p: p.id))
    write_jsonl(out / "faqs.jsonl", faqs)
    write_jsonl(out / "customers.jsonl", customers)
    write_jsonl(out / "orders.jsonl", orders)
    write_jsonl(out / "eval" / "customer_tastes.jsonl", [taste_row(t) for t in tastes])
    for stem, (title, sections) in POLICIES.items():
        (out / "policies" / f"{stem}.md").write_text(policy_markdown(title, sections), encoding="utf-8")
    return {
        "products": len(products),
        "faqs": len(faqs),
        "policies": len(POLICIES),
        "customers": len(customers),
        "orders": len(orders),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "knowledge", help="output directory (default: knowledge/)"
    )
    args = parser.parse_args(argv)
    counts = generate(args.out)
    print(" ".join(f"{key}={value}" for key, value in counts.items()), f"-> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
