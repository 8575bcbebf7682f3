"""Shoes: running shoes and hiking boots."""

from __future__ import annotations

import random

from ..basics import Attrs, one, spread, weighted
from ..draft import SHOE_COLORS, SHOE_SIZES, Draft
from ..variants import brand_price, size_premium
from ..wording import gender_word

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
    price = brand_price(rng, brand, price, (-20, 22), (49, 189))
    tags = ["running"]
    if weight < 230:
        tags.append("lightweight")
    if "recycled" in material:
        tags.append("eco")
    if waterproof:
        tags.append("waterproof")
    if racing:
        tags.append("race day")
    draft = Draft("running shoe", title, brand, price, attrs, intro, features, praise, tags)
    return draft.sized("shoe", colors, SHOE_SIZES[gender], premium=size_premium(rng, 0.3, 5.0))


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
    price = brand_price(rng, brand, price, (-20, 20), (69, 259))
    tags = ["hiking"] + (["waterproof"] if waterproof else []) + (["winter"] if insulated else [])
    if "recycled" in material:
        tags.append("eco")
    if cut == "low" and weight < 400:
        tags.append("lightweight")
    draft = Draft("hiking boot", title, brand, price, attrs, intro, features, praise, tags)
    return draft.sized("shoe", colors, SHOE_SIZES[gender], premium=size_premium(rng, 0.25, 5.0))
