"""Apparel: jackets, t-shirts and socks (Accessories > Socks)."""

from __future__ import annotations

import random

from ..basics import Attrs, one, spread, weighted
from ..draft import (
    APPAREL_COLORS,
    CLOTHING_SIZES,
    OUTDOOR_COLORS,
    SOCK_RANGES,
    SOCK_SIZES,
    Draft,
)
from ..variants import brand_price, size_premium
from ..wording import gender_word

JACKET_KINDS: list[tuple[str, float]] = [
    ("rain jacket", 0.24), ("down jacket", 0.2), ("insulated parka", 0.12), ("softshell jacket", 0.16),
    ("fleece jacket", 0.16), ("windbreaker", 0.12),
]  # fmt: skip

JACKET_MODELS = [
    "Squall", "Nimbus", "Fjord", "Harbor", "Stratus", "Gale", "Aspen", "Tundra", "Birch", "Cascade",
    "Meridian", "Drizzle", "Northwind", "Skye", "Alder", "Halyard", "Cobalt", "Ember", "Loft", "Rime",
    "Downpour", "Sleet", "Frost", "Sirocco", "Borealis", "Tempest", "Petrel", "Shearwater", "Kittiwake",
    "Solstice", "Equinox", "Glacier", "Hinterland", "Driftline", "Selkie", "Puffin", "Brume", "Haar",
    "Scud", "Ptarmigan", "Flurry", "Thaw",
]  # fmt: skip


def make_jacket(rng: random.Random, brand: str, slot: int) -> Draft:
    kind = spread(slot, JACKET_KINDS)
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
    price = brand_price(rng, brand, base_price, (-15, 20), (45, 349))
    tags = ["outerwear"] + (["waterproof"] if waterproof else []) + (["packable"] if packable else [])
    if "recycled" in material:
        tags.append("eco")
    if season == "winter":
        tags.append("winter")
    draft = Draft(kind, title, brand, price, attrs, intro, features, praise, tags)
    return draft.sized("clothing", colors, CLOTHING_SIZES, premium=size_premium(rng, 0.4, 5.0))


TSHIRT_KINDS: list[tuple[str, float]] = [
    ("crew tee", 0.3), ("v-neck tee", 0.14), ("performance tee", 0.2), ("long sleeve tee", 0.14),
    ("pocket tee", 0.12), ("merino tee", 0.1),
]  # fmt: skip

TEE_LINES = [
    "Everyday", "Essential", "Heritage", "Field", "Studio", "Weekend", "Coastline", "Daybreak", "Pace",
    "Basecamp", "Harbor", "Fieldnote", "Meadow", "Sunday", "Journey", "Dawn", "Tempo", "Atlas", "Canvas",
    "Linden", "Marina", "Olive", "Hazel", "Fable", "Parkside", "Rowan", "Willow", "Common", "Union",
    "Sable", "Ember", "Loom", "Sundown", "Tidal", "Porch", "Ramble", "Copper", "Easel", "Moss", "Acre",
]  # fmt: skip


def make_tshirt(rng: random.Random, brand: str, slot: int) -> Draft:
    kind = spread(slot, TSHIRT_KINDS)
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
    price = brand_price(rng, brand, price, (-6, 6), (14, 79))
    tags = ["basics"] + (["eco"] if ("organic" in material_name or "recycled" in material_name) else [])
    if wicking:
        tags.append("training")
    if price < 25:
        tags.append("value")
    draft = Draft(kind, title, brand, price, attrs, intro, features, praise, tags)
    return draft.sized("clothing", colors, CLOTHING_SIZES, premium=size_premium(rng, 0.3, 3.0))


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
    price = brand_price(rng, brand, price, (-2, 3), (8, 49))
    tags = [activity] + (["multipack"] if pack > 1 else []) + (["gift"] if activity == "skiing" else [])
    draft = Draft(f"{activity} sock", title, brand, price, attrs, intro, features, praise, tags)
    return draft.sized("sock", colors, SOCK_SIZES)
