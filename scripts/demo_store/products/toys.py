"""Toys: building sets."""

from __future__ import annotations

import random

from ..basics import Attrs, one, spread
from ..draft import Draft
from ..variants import brand_price

TOY_THEMES: list[tuple[str, float]] = [
    ("castle", 0.13), ("space", 0.15), ("city", 0.16), ("vehicles", 0.14), ("dinosaurs", 0.1),
    ("robotics", 0.1), ("marble run", 0.07), ("magnetic tiles", 0.07), ("animals", 0.08),
]  # fmt: skip

THEME_WORD = {
    "dinosaurs": "dinosaur",
    "vehicles": "vehicle",
    "animals": "wildlife",
    "magnetic tiles": "magnetic tile",
}


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


def make_toy(rng: random.Random, brand: str, slot: int) -> Draft:
    theme = spread(slot, TOY_THEMES)
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
    price = brand_price(rng, brand, price, (-3, 8), (9, 199))
    tags = (
        ["gift", "kids"]
        + (["STEM"] if theme in ("robotics", "marble run", "space") else [])
        + (["eco"] if material in ("plant-based plastic", "recycled plastic", "wood") else [])
    )
    return Draft(theme, title, brand, price, attrs, intro, features, praise, tags[:4])
