"""Home: kitchen."""

from __future__ import annotations

import random

from ..basics import Attrs, one, spread
from ..draft import COLORS, Draft
from ..variants import brand_price

KITCHEN_KINDS: list[tuple[str, float]] = [
    ("chef's knife", 0.1), ("frying pan", 0.14), ("cast iron skillet", 0.08), ("dutch oven", 0.08),
    ("electric kettle", 0.1), ("french press", 0.08), ("blender", 0.08), ("cutting board", 0.1),
    ("mixing bowl set", 0.08), ("water bottle", 0.08), ("knife set", 0.08),
]  # fmt: skip

KITCHEN_LINES = [
    "Everyday", "Heritage", "Signature", "Classic", "Artisan", "Provence", "Harvest", "Pro", "Origin",
    "Foundry", "Hearth", "Coastal", "Orchard", "Bistro", "Larder", "Brasserie", "Pantry", "Farmhouse",
    "Trattoria", "Galley", "Scullery", "Maple", "Saffron", "Fennel", "Thyme", "Sorrel", "Caraway",
    "Juniper", "Tamarind", "Cardamom", "Nutmeg", "Paprika", "Rosemary", "Sage", "Basil", "Clove", "Anise",
    "Marjoram", "Cumin", "Tarragon",
]  # fmt: skip


def make_kitchen(rng: random.Random, brand: str, slot: int) -> Draft:
    base: float
    kind = spread(slot, KITCHEN_KINDS)
    attrs: Attrs = {"type": kind}
    features: list[str] = []
    size_label = ""
    if kind == "chef's knife":
        cm = one(rng, [15, 18, 20, 20, 23])
        steel = one(rng, ["German stainless steel", "Japanese VG-10 steel", "high-carbon stainless steel"])
        attrs.update({
            "material": steel, "blade_cm": cm, "dishwasher_safe": False,
            "color": one(rng, ["black", "brown", "olive", "navy"]),
        })  # fmt: skip
        features += [
            f"A {cm} cm blade forged from {steel}.",
            f"The {attrs['color']} handle stays grippy when wet.",
            "Hand wash and dry it straight away to keep the edge keen.",
        ]
        size_label, base = f"{cm} cm", 35 + cm * 2 + (40 if "VG-10" in steel else 0)
    elif kind == "knife set":
        pieces = one(rng, [3, 5, 7, 12])
        attrs.update({
            "material": "high-carbon stainless steel", "pieces": pieces, "dishwasher_safe": False,
            "color": one(rng, ["black", "brown", "beige"]),
        })  # fmt: skip
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
        attrs.update({
            "material": "cast iron" if cast
            else one(rng, ["aluminium with ceramic nonstick", "stainless steel tri-ply", "carbon steel"]),
            "diameter_cm": cm, "induction_compatible": True, "dishwasher_safe": False,
            "oven_safe_c": 260 if cast else one(rng, [200, 230, 260]),
            "color": "black" if cast else one(rng, ["black", "grey", "silver", "teal", "beige"]),
        })  # fmt: skip
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
        attrs.update({
            "material": "enamelled cast iron", "capacity_l": litres, "induction_compatible": True,
            "dishwasher_safe": False, "oven_safe_c": 250,
            "color": one(rng, ["red", "teal", "navy", "green", "white", "black", "orange", "beige"]),
        })  # fmt: skip
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
        attrs.update({
            "material": one(rng, ["stainless steel", "glass"]), "capacity_l": litres, "wattage_w": watts,
            "temperature_control": temp, "dishwasher_safe": False,
            "color": one(rng, ["silver", "black", "white", "green", "beige"]),
        })  # fmt: skip
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
        attrs.update({
            "material": one(rng, ["borosilicate glass", "double-wall stainless steel"]),
            "capacity_l": litres, "dishwasher_safe": True,
            "color": one(rng, ["silver", "black", "white", "brown"]),
        })  # fmt: skip
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
        attrs.update({
            "material": "BPA-free Tritan jug", "capacity_l": litres, "wattage_w": watts,
            "dishwasher_safe": True, "color": one(rng, ["black", "silver", "white", "red"]),
        })  # fmt: skip
        features += [
            f"A {watts} W motor crushes ice and frozen fruit in seconds.",
            f"The {litres:g} L jug, lid and blade are dishwasher safe.",
        ]
        size_label, base = f"{watts}W", 35 + watts / 12
    elif kind == "cutting board":
        material = one(rng, ["end-grain walnut", "maple", "bamboo", "recycled plastic"])
        cm = one(rng, [30, 36, 40, 45])
        attrs.update({
            "material": material, "length_cm": cm, "dishwasher_safe": material == "recycled plastic",
            "color": {"end-grain walnut": "brown", "maple": "beige", "bamboo": "beige"}.get(
                material, one(rng, ["grey", "green", "blue"])
            ),
        })  # fmt: skip
        features += [
            f"A {cm} cm {material} board with a juice groove.",
            "Dishwasher safe." if attrs["dishwasher_safe"] else "Hand wash and oil it monthly.",
        ]
        size_label, base = f"{cm} cm", {"end-grain walnut": 75, "maple": 45, "bamboo": 22}.get(material, 18)
    elif kind == "mixing bowl set":
        pieces = one(rng, [3, 5, 6])
        attrs.update({
            "material": one(rng, ["stainless steel", "glass", "ceramic"]), "pieces": pieces,
            "dishwasher_safe": True, "color": one(rng, ["silver", "white", "blue", "green", "beige"]),
        })  # fmt: skip
        features += [
            f"{pieces} nesting {attrs['material']} bowls that stack to save cupboard space.",
            "All bowls are dishwasher safe.",
        ]
        size_label, base = f"{pieces}-Piece", 18 + pieces * 5 + (15 if attrs["material"] == "ceramic" else 0)
    else:
        ml = one(rng, [500, 750, 950, 1200])
        attrs.update({
            "material": "double-wall stainless steel", "volume_ml": ml,
            "dishwasher_safe": rng.random() < 0.5, "insulated": True, "color": one(rng, COLORS),
        })  # fmt: skip
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
    price = brand_price(rng, brand, base, (-5, 8), (12, 329))
    tags = (
        ["kitchen"]
        + (["dishwasher safe"] if attrs.get("dishwasher_safe") else [])
        + (["gift"] if price > 60 else ["everyday"])
    )
    if attrs.get("induction_compatible"):
        tags.append("induction")
    return Draft(kind, title, brand, price, attrs, intro, features, praise, tags)
