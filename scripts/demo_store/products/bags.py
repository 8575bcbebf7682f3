"""Bags: backpacks."""

from __future__ import annotations

import random

from ..basics import Attrs, one, spread
from ..draft import COLORS, OUTDOOR_COLORS, Draft
from ..variants import brand_price

BACKPACK_KINDS: list[tuple[str, float]] = [
    ("daypack", 0.22), ("hiking pack", 0.22), ("laptop backpack", 0.28), ("travel pack", 0.14),
    ("kids' backpack", 0.14),
]  # fmt: skip

PACK_MODELS = [
    "Voyager", "Commuter", "Transit", "Rambler", "Trekker", "Metro", "Scout", "Pathway", "Nomad",
    "Courier", "Wayfarer", "Ranger", "Drifter", "Pioneer", "Rover", "Summit", "Harbor", "Quarry", "Depot",
    "Atlas", "Compass", "Trailhead", "Vagabond", "Expedition", "Outpost", "Hinterland", "Meridian",
    "Errand", "Transom", "Basin", "Stowaway", "Vista", "Cartographer", "Longitude", "Tessera", "Portage",
]  # fmt: skip


def make_backpack(rng: random.Random, brand: str, slot: int) -> Draft:
    kind = spread(slot, BACKPACK_KINDS)
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
    praise += {
        "hiking pack": ["Hip belt carries the weight beautifully on long climbs."],
        "travel pack": ["Fit in the overhead bin on every flight."],
        "kids' backpack": ["My daughter loves it and it survived a whole school year."],
    }.get(kind, [])
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
    price = brand_price(rng, brand, price, (-10, 12), (24, 289))
    tags = ["bags"] + (["waterproof"] if waterproof else []) + (["eco"] if "recycled" in material else [])
    tags += ["travel"] if kind in ("travel pack", "laptop backpack") else []
    tags += ["back to school"] if kind == "kids' backpack" else []
    return Draft(kind, title, brand, price, attrs, intro, features, praise, tags)
