"""Word tables the vocabulary reads with: category synonyms and near colours.

Plain data, kept apart from the logic in vocabulary.py; a shop extends them here.
"""

from __future__ import annotations

from collections.abc import Mapping

# Shopper words -> generic nouns. A target only counts when it names a category of this catalog.
CATEGORY_SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "sneaker": ("running shoe", "shoe"),
    "trainer": ("running shoe", "shoe"),
    "runner": ("running shoe",),
    "jogging shoe": ("running shoe",),
    "trail shoe": ("running shoe", "hiking shoe"),
    "boot": ("hiking shoe", "boot", "shoe"),
    "hiking boot": ("hiking shoe",),
    "trekking shoe": ("hiking shoe",),
    "footwear": ("shoe",),
    "tee": ("t shirt",),
    "tshirt": ("t shirt",),
    "tee shirt": ("t shirt",),
    "top": ("t shirt",),
    "earbud": ("headphone",),
    "earphone": ("headphone",),
    "headset": ("headphone",),
    "earpiece": ("headphone",),
    "airpod": ("headphone",),
    "rucksack": ("backpack",),
    "daypack": ("backpack",),
    "knapsack": ("backpack",),
    "bookbag": ("backpack",),
    "school bag": ("backpack",),
    "coat": ("jacket",),
    "parka": ("jacket",),
    "rain jacket": ("jacket",),
    "raincoat": ("jacket",),
    "windbreaker": ("jacket",),
    "anorak": ("jacket",),
    "shell": ("jacket",),
    "phone cover": ("phone case",),
    "iphone case": ("phone case",),
    "tent": ("camping",),
    "sleeping bag": ("camping",),
    "camp stove": ("camping",),
    "lego": ("building set",),
    "building block": ("building set",),
    "brick set": ("building set",),
    "moisturizer": ("skincare",),
    "moisturiser": ("skincare",),
    "serum": ("skincare",),
    "sunscreen": ("skincare",),
    "cleanser": ("skincare",),
    "lotion": ("skincare",),
    "skin care": ("skincare",),
    "cookware": ("kitchen",),
    "kitchenware": ("kitchen",),
    "desk": ("office",),
    "stationery": ("office",),
    "clothes": ("clothing",),
    "apparel": ("clothing",),
    "gadget": ("electronic",),
    "handbag": ("bag",),
    "tote": ("bag",),
}

# Words that are ordinary English far more often than a product noun; never matched fuzzily.


# Near colours, most faithful first. A target only counts when the catalog has it.
NEAR_COLORS: Mapping[str, tuple[str, ...]] = {
    "gray": ("grey",),
    "grey": ("gray",),
    "cream": ("beige", "white", "ivory"),
    "ivory": ("white", "beige", "cream"),
    "off white": ("white", "beige", "cream"),
    "teal": ("blue", "green"),
    "turquoise": ("blue", "green"),
    "aqua": ("blue", "green"),
    "cyan": ("blue",),
    "navy": ("blue",),
    "navy blue": ("blue",),
    "royal blue": ("blue",),
    "sky blue": ("blue",),
    "maroon": ("red",),
    "burgundy": ("red",),
    "wine": ("red",),
    "crimson": ("red",),
    "scarlet": ("red",),
    "charcoal": ("grey", "gray", "black"),
    "silver": ("grey", "gray"),
    "slate": ("grey", "gray"),
    "khaki": ("beige", "olive", "green"),
    "tan": ("beige", "brown"),
    "camel": ("brown", "beige"),
    "chocolate": ("brown",),
    "olive": ("green",),
    "mint": ("green",),
    "lime": ("green",),
    "forest green": ("green",),
    "magenta": ("pink", "purple"),
    "fuchsia": ("pink", "purple"),
    "rose": ("pink",),
    "violet": ("purple",),
    "lavender": ("purple",),
    "lilac": ("purple",),
    "plum": ("purple",),
    "gold": ("yellow",),
    "mustard": ("yellow",),
    "coral": ("orange", "pink"),
    "salmon": ("orange", "pink"),
    "peach": ("orange", "pink"),
}
# Colour words a shopper may use that are not in the near table's keys.
BASIC_COLORS = frozenset(
    {"black", "white", "red", "blue", "green", "yellow", "orange", "purple", "pink", "brown", "grey"}
    | {"gray", "beige", "multicolor"}
)
