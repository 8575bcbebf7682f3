"""Beauty: skincare."""

from __future__ import annotations

import random

from ..basics import Attrs, one, spread
from ..draft import Draft
from ..variants import brand_price
from ..wording import article

SKIN_LINES = [
    "Daily", "Calm", "Dew", "Clarity", "Bloom", "Barrier", "Glow", "Pure", "Velvet", "Radiance", "Balance",
    "Hydra", "Mineral", "Botanic", "Renew", "Soothe", "Petal", "Silk", "Aura", "Luma", "Serene", "Vital",
    "Halcyon", "Dewdrop", "Tonic", "Nectar", "Oasis", "Lotus", "Clover", "Cloud", "Morning", "Haven",
    "Sheer", "Sorbet", "Mist", "Blossom", "Tidewater", "Elixir",
]  # fmt: skip
SKINCARE_KINDS: list[tuple[str, float]] = [
    ("cleanser", 0.16), ("moisturizer", 0.18), ("serum", 0.18), ("sunscreen", 0.14), ("night cream", 0.1),
    ("toner", 0.08), ("eye cream", 0.07), ("lip balm", 0.09),
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
    kind = spread(slot, SKINCARE_KINDS)
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
    price = brand_price(rng, brand, price, (-3, 6), (6, 89), markup=1.25)
    tags = (
        ["skincare"] + (["fragrance free"] if fragrance_free else []) + (["vegan"] if attrs["vegan"] else [])
    )
    tags += ["sun care"] if spf else []
    return Draft(kind, title, brand, price, attrs, intro, features, praise, tags[:4])
