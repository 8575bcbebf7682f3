"""Home: office."""

from __future__ import annotations

import random

from ..basics import Attrs, one, spread
from ..draft import Draft
from ..variants import brand_price
from ..wording import article

OFFICE_KINDS: list[tuple[str, float]] = [
    ("desk lamp", 0.16), ("office chair", 0.14), ("standing desk converter", 0.1), ("monitor stand", 0.1),
    ("notebook", 0.14), ("desk organizer", 0.1), ("wireless keyboard", 0.13), ("ergonomic mouse", 0.13),
]  # fmt: skip

OFFICE_LINES = [
    "Focus", "Atelier", "Studio", "Loft", "Meridian", "Workwell", "Archive", "Ledger", "Quarter", "Bureau",
    "Ascend", "Pivot", "Linea", "Tandem", "Element", "Draft", "Margin", "Folio", "Quorum", "Agenda",
    "Memo", "Syntax", "Vellum", "Graphite", "Octavo", "Index", "Register", "Parchment", "Scribe", "Cursor",
    "Kernel", "Pica", "Serif", "Kerning", "Lectern",
]  # fmt: skip


def make_office(rng: random.Random, brand: str, slot: int) -> Draft:
    base: float
    kind = spread(slot, OFFICE_KINDS)
    attrs: Attrs = {"type": kind}
    features: list[str] = []
    label = ""
    if kind == "desk lamp":
        watts = one(rng, [6, 8, 10, 12])
        attrs.update({
            "material": one(rng, ["aluminium", "steel", "oak and steel"]), "wattage_w": watts,
            "dimmable": True, "color_temperature_k": "2700-6500", "usb_port": rng.random() < 0.5,
            "color": one(rng, ["black", "white", "silver", "grey", "green"]),
        })  # fmt: skip
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
        attrs.update({
            "material": "mesh" if mesh else "fabric", "max_load_kg": load, "adjustable_height": True,
            "lumbar_support": rng.random() < 0.7, "adjustable_armrests": rng.random() < 0.7,
            "color": one(rng, ["black", "grey", "navy", "white", "green"]),
        })  # fmt: skip
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
        attrs.update({
            "material": "steel and MDF", "width_cm": cm, "adjustable_height": True,
            "max_load_kg": one(rng, [15, 20, 25]), "color": one(rng, ["black", "white", "brown"]),
        })  # fmt: skip
        features += [
            f"A {cm} cm wide top lifts your monitor and keyboard from sitting to standing in seconds.",
            f"A gas spring carries up to {attrs['max_load_kg']} kg.",
        ]
        label, base = f"{cm} cm", 119 + cm * 1.1
    elif kind == "monitor stand":
        attrs.update({
            "material": one(rng, ["bamboo", "aluminium", "walnut veneer"]),
            "adjustable_height": rng.random() < 0.4, "max_load_kg": 20,
            "color": one(rng, ["beige", "silver", "brown", "black", "white"]),
        })  # fmt: skip
        features += [
            f"A {attrs['material']} riser that lifts your screen to eye level.",
            "Three height settings." if attrs["adjustable_height"] else "Fixed height of 12 cm.",
            "Space underneath stores a keyboard when you're done.",
        ]
        base = 29 + (20 if attrs["adjustable_height"] else 0)
    elif kind == "notebook":
        pages = one(rng, [96, 120, 160, 192, 240])
        ruling = one(rng, ["dot grid", "lined", "blank", "squared"])
        attrs.update({
            "material": one(rng, ["recycled paper", "100 gsm paper", "stone paper"]), "pages": pages,
            "ruling": ruling, "paper_size": one(rng, ["A5", "A5", "A4", "B6"]),
            "color": one(rng, ["black", "navy", "green", "red", "beige", "yellow", "teal"]),
        })  # fmt: skip
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
        attrs.update({
            "material": one(rng, ["bamboo", "felt", "steel mesh", "walnut"]),
            "compartments": one(rng, [3, 4, 5, 6, 8]),
            "color": one(rng, ["beige", "grey", "black", "brown", "white"]),
        })  # fmt: skip
        features += [
            f"{attrs['compartments']} compartments for pens, notes and cables.",
            f"Made from {attrs['material']}.",
        ]
        base = 14 + attrs["compartments"] * 2.5 + (15 if attrs["material"] == "walnut" else 0)
    elif kind == "wireless keyboard":
        months = one(rng, [3, 6, 12])
        attrs.update({
            "material": "aluminium", "wireless": True, "battery_months": months,
            "layout": one(rng, ["full-size", "tenkeyless", "compact"]), "backlit": rng.random() < 0.5,
            "color": one(rng, ["black", "white", "grey", "silver", "pink"]),
        })  # fmt: skip
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
        attrs.update({
            "material": "plastic", "wireless": True, "battery_months": one(rng, [3, 6, 18]),
            "vertical": rng.random() < 0.5, "dpi": one(rng, [1600, 2400, 4000]),
            "color": one(rng, ["black", "grey", "white", "navy"]),
        })  # fmt: skip
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
    price = brand_price(rng, brand, base, (-4, 8), (9, 449))
    tags = (
        ["workspace"]
        + (["ergonomic"] if kind in ("office chair", "ergonomic mouse", "standing desk converter") else [])
        + (["eco"] if "recycled" in str(attrs.get("material")) else [])
    )
    tags += ["gift"] if kind in ("notebook", "desk lamp") else []
    return Draft(kind, title, brand, price, attrs, intro, features, praise, tags)
