"""Outdoor: camping gear."""

from __future__ import annotations

import random

from ..basics import Attrs, one, spread
from ..draft import OUTDOOR_COLORS, Draft
from ..variants import brand_price

CAMPING_KINDS: list[tuple[str, float]] = [
    ("tent", 0.18), ("sleeping bag", 0.16), ("sleeping pad", 0.12), ("camp stove", 0.09), ("headlamp", 0.1),
    ("lantern", 0.09), ("camp chair", 0.1), ("water filter", 0.07), ("cookset", 0.09),
]  # fmt: skip

CAMP_MODELS = [
    "Basecamp", "Firefly", "Aurora", "Lakeside", "Canyon", "Spruce", "Meadow", "Glacier", "Nomad",
    "Horizon", "Pinecone", "Tinder", "Bivouac", "Cedar", "Polaris", "Plover", "Driftwood", "Ember",
    "Campfire", "Trailside", "Wildwood", "Sierra", "Backwoods", "Lodgepole", "Riverbend", "Woodsmoke",
    "Starlight", "Moonrise", "Fernwood", "Hollow", "Bramble", "Thicket", "Wayside", "Portage", "Alpine",
    "Tamarack", "Pinewood", "Evergreen", "Sundial", "Firelight", "Ridgepole", "Coyote",
]  # fmt: skip


def make_camping(rng: random.Random, brand: str, slot: int) -> Draft:
    base: float
    kind = spread(slot, CAMPING_KINDS)
    attrs: Attrs = {"type": kind}
    features: list[str] = []
    label = ""
    if kind == "tent":
        persons = one(rng, [1, 2, 2, 3, 4, 6, 8])
        season = "4-season" if persons <= 2 and rng.random() < 0.2 else "3-season"
        weight = (
            (persons * 900 + rng.randint(300, 900)) if persons >= 4 else persons * 700 + rng.randint(400, 900)
        )
        attrs.update({
            "material": "ripstop nylon" if persons <= 3 else "polyester", "capacity_persons": persons,
            "season": season, "waterproof": True, "weight_g": weight,
            "color": one(rng, ["green", "orange", "grey", "olive", "yellow", "blue"]),
            "waterproof_rating_mm": one(rng, [1500, 2000, 3000]),
        })  # fmt: skip
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
        attrs.update({
            "material": "nylon", "fill": fill, "temp_rating_c": temp, "weight_g": weight,
            "season": "winter" if temp <= -4 else ("3-season" if temp <= 2 else "summer"),
            "color": one(rng, ["red", "blue", "green", "orange", "navy", "grey", "teal"]),
        })  # fmt: skip
        features += [
            f"Rated to {temp} °C with {fill} insulation.",
            f"Weighs {weight / 1000:.2f} kg and packs into a compression sack.",
            "A draft collar and full-length zip baffle hold warmth in.",
        ]
        label, base = f"{temp}°C", 70 + (10 - temp) * 6 + (90 if fill == "down" else 0)
    elif kind == "sleeping pad":
        r = one(rng, [1.8, 2.5, 3.2, 4.2, 5.4])
        inflatable = rng.random() < 0.7
        attrs.update({
            "material": "nylon" if inflatable else "closed-cell foam", "r_value": r,
            "inflatable": inflatable,
            "weight_g": rng.randint(350, 900) if inflatable else rng.randint(300, 450),
            "color": one(rng, ["orange", "green", "blue", "yellow", "grey", "red"]),
        })  # fmt: skip
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
        attrs.update({
            "material": "stainless steel", "fuel": one(rng, ["isobutane canister", "propane"]),
            "burners": 1, "weight_g": 0, "color": one(rng, ["silver", "black", "orange", "green"]),
        })  # fmt: skip
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
        attrs.update({
            "material": "aluminium" if kind == "headlamp" else "ABS plastic", "lumens": lumens,
            "battery_hours": hours, "rechargeable": rng.random() < 0.7, "waterproof": rng.random() < 0.5,
            "color": one(rng, ["black", "orange", "green", "grey", "yellow", "teal"]),
        })  # fmt: skip
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
        attrs.update({
            "material": "polyester and aluminium", "max_load_kg": load, "weight_g": weight,
            "cup_holder": rng.random() < 0.6, "color": one(rng, OUTDOOR_COLORS),
        })  # fmt: skip
        features += [
            f"Holds up to {load} kg and weighs {weight / 1000:.1f} kg.",
            "A mesh cup holder keeps your drink upright."
            if attrs["cup_holder"]
            else "Folds flat in seconds.",
            "Packs into a carry bag with a shoulder strap.",
        ]
        base = 25 + load / 5 + (30 if weight < 1500 else 0)
    elif kind == "water filter":
        attrs.update({
            "material": "hollow-fibre membrane", "filter_microns": 0.1,
            "litres_lifetime": one(rng, [1000, 4000, 100000]), "weight_g": rng.randint(60, 330),
            "color": one(rng, ["blue", "grey", "green"]),
        })  # fmt: skip
        features += [
            "A 0.1 micron hollow-fibre filter removes bacteria and protozoa.",
            f"Filters up to {attrs['litres_lifetime']:,} litres before replacement.",
            f"Weighs {attrs['weight_g']} g.",
        ]
        base = 25 + (20 if attrs["litres_lifetime"] >= 4000 else 0)
    else:
        pieces = one(rng, [3, 5, 8])
        attrs.update({
            "material": one(rng, ["hard-anodized aluminium", "titanium", "stainless steel"]),
            "pieces": pieces, "weight_g": rng.randint(250, 900), "dishwasher_safe": False,
            "color": one(rng, ["silver", "grey", "orange"]),
        })  # fmt: skip
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
    price = brand_price(rng, brand, base, (-6, 10), (14, 549))
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
