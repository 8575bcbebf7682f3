"""Electronics: headphones, phone cases and chargers."""

from __future__ import annotations

import random

from ..basics import Attrs, one, spread
from ..draft import PHONE_FAMILIES, TECH_COLORS, Draft
from ..variants import brand_price, size_premium
from ..wording import listing

HEADPHONES_KINDS: list[tuple[str, float]] = [
    ("over-ear headphones", 0.3), ("on-ear headphones", 0.15), ("true wireless earbuds", 0.32),
    ("sport earbuds", 0.13), ("wired earphones", 0.1),
]  # fmt: skip

AUDIO_MODELS = [
    "Aria", "Cadenza", "Sonata", "Pulse", "Reverb", "Timbre", "Octave", "Tempo", "Crescendo", "Mono",
    "Chord", "Encore", "Lyric", "Verse", "Hush", "Studio", "Riff", "Vibe", "Nocturne", "Cadence",
    "Harmony", "Resonance", "Aurora", "Bassline", "Tremolo", "Fugue", "Motif", "Legato", "Staccato",
    "Rhapsody", "Overture", "Prelude", "Serenade", "Sonnet", "Ballad", "Chorus", "Ostinato", "Interlude",
    "Cantata",
]  # fmt: skip


def make_headphones(rng: random.Random, brand: str, slot: int) -> Draft:
    kind = spread(slot, HEADPHONES_KINDS)
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
    price = brand_price(rng, brand, price, (-15, 25), (12, 399))
    tags = ["audio"] + (["noise cancelling"] if anc else []) + (["wireless"] if wireless else [])
    tags += ["gift"] if price > 60 else ["value"]
    return Draft(kind, title, brand, price, attrs, intro, features, praise, tags)


PHONE_CASE_KINDS: list[tuple[str, float]] = [
    ("clear case", 0.2), ("rugged case", 0.2), ("slim case", 0.2), ("wallet case", 0.14),
    ("silicone case", 0.16), ("leather case", 0.1),
]  # fmt: skip

CASE_MODELS = [
    "Armor", "Clarity", "Shield", "Edge", "Aegis", "Halo", "Grip", "Feather", "Bumper", "Guard", "Canvas",
    "Frame", "Slate", "Prism", "Keel", "Vault", "Ridge", "Pebble", "Bastion", "Citadel", "Rampart",
    "Cocoon", "Ember", "Glacier", "Haven", "Mantle", "Onyx", "Quartz", "Shell", "Tundra", "Vista", "Wren",
    "Zenith", "Husk", "Cove",
]  # fmt: skip


def make_phone_case(rng: random.Random, brand: str, slot: int) -> Draft:
    kind = spread(slot, PHONE_CASE_KINDS)
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
    price = brand_price(rng, brand, price, (-4, 6), (12, 69))
    tags = ["phone"] + (["rugged"] if drop_m >= 3 else []) + (["slim"] if kind == "slim case" else [])
    tags += ["eco"] if material == "recycled plastic" else (["gift"] if "leather" in material else [])
    draft = Draft(kind, title, brand, price, attrs, intro, features, praise, tags)
    return draft.sized("phone", colors, phones=phones, premium=size_premium(rng, 0.3, 3.0))


CHARGER_KINDS: list[tuple[str, float]] = [
    ("wall charger", 0.3), ("power bank", 0.26), ("wireless charger", 0.16), ("car charger", 0.12),
    ("charging cable", 0.16),
]  # fmt: skip

CHARGER_MODELS = [
    "Nano", "Volt", "Surge", "Boost", "Flux", "Dash", "Spark", "Current", "Arc", "Relay", "Joule", "Pylon",
    "Cell", "Grid", "Quanta", "Ion", "Watt", "Ampere", "Circuit", "Dynamo", "Ohm", "Photon", "Tandem",
    "Vortex", "Zap", "Kilowatt", "Torrent", "Beacon", "Capacitor", "Filament", "Solenoid", "Magneto",
    "Lumen", "Coil", "Fuse",
]  # fmt: skip


def make_charger(rng: random.Random, brand: str, slot: int) -> Draft:
    kind = spread(slot, CHARGER_KINDS)
    color = one(rng, ["black", "white", "grey", "silver", "navy", "blue", "green"])
    attrs: Attrs = {"color": color, "type": kind}
    features: list[str] = []
    if kind == "wall charger":
        watts = one(rng, [20, 30, 45, 65, 100, 140])
        ports = 1 if watts <= 30 else one(rng, [2, 3, 4])
        attrs.update({
            "wattage_w": watts, "ports": ports, "gan": watts >= 45, "foldable_plug": rng.random() < 0.5,
            "material": "polycarbonate",
        })  # fmt: skip
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
        attrs.update({
            "capacity_mah": mah, "wattage_w": watts, "ports": one(rng, [1, 2, 3]),
            "wireless": mah <= 10000 and rng.random() < 0.4, "material": "aluminium",
        })  # fmt: skip
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
        attrs.update({
            "wattage_w": watts, "wireless": True, "stand": stand,
            "material": one(rng, ["aluminium", "fabric", "silicone"]),
        })  # fmt: skip
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
        attrs.update({
            "cable_length_m": length, "wattage_w": watts,
            "material": one(rng, ["braided nylon", "silicone"]),
        })  # fmt: skip
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
    price = brand_price(rng, brand, base, (-3, 5), (9, 129))
    tags = (
        ["charging"]
        + (["travel"] if kind in ("power bank", "wall charger") else [])
        + (["gift"] if kind == "wireless charger" else ["essentials"])
    )
    return Draft(kind, title, brand, price, attrs, intro, features, praise, tags)
