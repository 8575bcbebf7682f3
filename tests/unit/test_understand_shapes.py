"""Catalog-driven understanding on a shop not shaped like the demo: budgets in every phrasing,
superlatives over the catalog and over the shown set, values with units and symbols, yes/no words,
keys with spaces, and order ids in the shop's own format. The shop and the sentences here are
made up for the test; none of them is an example from the issue or the labelled sets."""

from __future__ import annotations

import pytest

from assistant.contracts import Constraints
from assistant.ingest.values import normalise_products
from assistant.records import AttrValue, Product
from assistant.understand.order_ids import OrderIdFormat
from assistant.understand.understander import QueryUnderstander
from assistant.understand.values import link_value, value_matches
from assistant.understand.vocabulary import CatalogVocabulary
from tests.fakes import product


def _shop() -> list[Product]:
    """A keyboard-and-gear shop: sizes as layout percentages, yes/no as words, lengths in feet,
    storage in TB/GB, a key with a space; normalised the way ingest normalises every shop."""

    def board(pid: str, title: str, price: float, waterproof: str, cable: str, sizes: list[str]) -> Product:
        attrs: dict[str, AttrValue] = {"Waterproof": waterproof, "Cable Length": cable, "switch": "linear"}
        return product(
            pid, title, "Peripherals > Keyboards", attrs, [{"size": s} for s in sizes], price=price
        )

    raw = [
        board("k1", "Pebble Keyboard", 49.0, "no", "5 ft", ["60%", "80%"]),
        board("k2", "Tide Keyboard", 89.0, "yes", "7 ft", ["80%", "full size"]),
        board("k3", "Harbor Keyboard", 129.0, "true", "7ft", ["60%", "full size"]),
        product("d1", "Vault Drive", "Storage > Drives", {"Storage": "1TB SSD"}, price=99.0),
        product("d2", "Pocket Drive", "Storage > Drives", {"Storage": "512GB SSD"}, price=59.0),
        product("b1", "Sling Bag", "Bags > Slings", {"Strap Material": "leather"}, price=70.0),
        product("b2", "Trail Sling", "Bags > Slings", {"Strap Material": "nylon"}, price=35.0),
        product("s1", "Desk Mat Set", "Peripherals > Desk Mats", {"Pieces": "2-piece"}, price=25.0),
    ]
    return normalise_products(raw)


@pytest.fixture(scope="module")
def shop() -> QueryUnderstander:
    return QueryUnderstander(CatalogVocabulary.from_products(_shop()))


# --- budgets -----------------------------------------------------------------------------------

CAPS = [
    ("a keyboard, nothing over $95", 95.0),
    ("drives with nothing pricier than 80", 80.0),
    ("keyboard not above 120 dollars", 120.0),
    ("a sling bag, 60 bucks tops", 60.0),
    ("maximum 45 on a desk mat", 45.0),
    ("keyboards at most 75", 75.0),
    ("spend up to 250 on a keyboard", 250.0),
    ("keyboards priced below 99", 99.0),
    ("a drive for 80 dollars or less", 80.0),
    ("less than 55 for a sling", 55.0),
    ("a sling bag under 40 bucks", 40.0),
    ("keyboard no more than 65", 65.0),
    ("drives, 70 max", 70.0),
]


@pytest.mark.parametrize(("text", "cap"), CAPS)
def test_a_cap_in_any_phrasing_is_a_maximum_never_a_minimum(
    shop: QueryUnderstander, text: str, cap: float
) -> None:
    c = shop.understand(text).constraints
    assert (c.price_min, c.price_max) == (None, cap)


FLOORS = [
    ("keyboards at least 100", 100.0),
    ("a drive, 90 and up", 90.0),
    ("slings over 50", 50.0),
    ("keyboard not under 80", 80.0),
    ("drives no less than 60", 60.0),
    ("keyboards 110+", 110.0),
]


@pytest.mark.parametrize(("text", "floor"), FLOORS)
def test_a_floor_in_any_phrasing_is_a_minimum(shop: QueryUnderstander, text: str, floor: float) -> None:
    c = shop.understand(text).constraints
    assert (c.price_min, c.price_max) == (floor, None)


@pytest.mark.parametrize(
    ("text", "bounds"),
    [("keyboards between 60 and 130", (60.0, 130.0)), ("a drive from 50 to 100 dollars", (50.0, 100.0))],
)
def test_a_range_has_both_ends(shop: QueryUnderstander, text: str, bounds: tuple[float, float]) -> None:
    c = shop.understand(text).constraints
    assert (c.price_min, c.price_max) == bounds


@pytest.mark.parametrize("text", ["same budget, but the full size one", "keep my spend and show slings"])
def test_keeping_the_budget_reads_no_new_number(shop: QueryUnderstander, text: str) -> None:
    u = shop.understand(text, has_shown_items=True)
    assert (u.constraints.price_min, u.constraints.price_max) == (None, None)
    previous = Constraints(categories=["Bags > Slings"], price_max=60.0)
    assert u.constraints.merged_with(previous).price_max == 60.0


def test_an_explicit_number_in_a_follow_up_wins_over_the_shown_prices(shop: QueryUnderstander) -> None:
    u = shop.understand("anything cheaper than 30 dollars?", has_shown_items=True)
    assert u.constraints.price_max == 30.0
    assert u.comparative is None  # no "cheaper than what was shown": the shopper gave the bound
    vague = shop.understand("anything cheaper?", has_shown_items=True)
    assert vague.comparative == "cheaper" and vague.constraints.price_max is None


# --- superlatives -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sort"),
    [
        ("what is the dearest thing in the shop", "price_desc"),
        ("show me your least expensive item", "price_asc"),
        ("the priciest product you sell", "price_desc"),
    ],
)
def test_a_superlative_over_the_catalog_is_a_sorted_list(
    shop: QueryUnderstander, text: str, sort: str
) -> None:
    u = shop.understand(text)
    assert u.intent == "product_search"
    assert (u.constraints.sort, u.constraints.limit) == (sort, None)
    assert u.uncarried is None and u.constraints.categories == []
    assert u.search_text == ""  # nothing left to search for words with: the sort is the answer


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("which is the priciest of these", "max"),
        ("the cheapest one among them", "min"),
        ("least expensive of those", "min"),
    ],
)
def test_a_superlative_over_the_shown_set_points_at_it(shop: QueryUnderstander, text: str, end: str) -> None:
    u = shop.understand(text, has_shown_items=True)
    assert u.reference is not None and u.reference.plural
    assert u.reference.attribute == ("price", end)
    assert u.constraints.categories == []  # no new category: the shown kind stays (merged_with keeps it)


# --- values not shaped like the demo's ---------------------------------------------------------


def test_a_size_with_a_symbol_is_the_shops_own_size(shop: QueryUnderstander) -> None:
    c = shop.understand("keyboard in size 80%").constraints
    assert c.sizes == ["80%"] and c.ranges == {} and c.price_max is None
    assert shop.understand("a keyboard, sz 60%").constraints.sizes == ["60%"]
    assert shop.understand("keyboards size full size").constraints.sizes == ["full size"]


def test_a_bare_number_is_not_silently_a_percentage_size(shop: QueryUnderstander) -> None:
    c = shop.understand("keyboard in size 70").constraints
    assert c.sizes == ["70"] and any("sizes" in note for note in c.notes)  # kept as typed, said so


def test_yes_no_words_filter_whatever_their_spelling(shop: QueryUnderstander) -> None:
    assert shop.understand("a waterproof keyboard").constraints.attributes == {"waterproof": True}
    assert shop.understand("keyboards that are water resistant").constraints.attributes == {
        "waterproof": True
    }
    raw = [
        product("x", "Tarp", "Outdoor > Tarps", {"Waterproof": "Yes"}),
        product("y", "Rug", "Home", {"Waterproof": "no"}),
    ]
    unnormalised = QueryUnderstander(CatalogVocabulary.from_products(raw))  # a shop loaded as typed
    assert unnormalised.vocab.boolean_attributes == ["Waterproof"]
    assert unnormalised.understand("waterproof tarp").constraints.attributes == {"Waterproof": True}


def test_a_follow_up_that_changes_the_size_keeps_the_other_filters(shop: QueryUnderstander) -> None:
    first = shop.understand("waterproof keyboards in size 60%").constraints
    follow = shop.understand("what about size full size?", has_shown_items=True).constraints
    merged = follow.merged_with(first)
    assert merged.sizes == ["full size"] and merged.attributes.get("waterproof") is True
    assert merged.categories == first.categories


def test_a_key_with_a_space_is_readable_and_askable(shop: QueryUnderstander) -> None:
    assert shop.understand("a sling with a leather strap").constraints.attributes == {
        "strap_material": "leather"
    }
    assert shop.understand("slings, no leather").constraints.exclude_attributes == {
        "strap_material": ["leather"]
    }
    asked = shop.understand("what is the strap material of the second one?", has_shown_items=True)
    assert asked.asked_attribute == "strap_material"


def test_a_question_names_the_shops_key_not_the_price(shop: QueryUnderstander) -> None:
    asked = shop.understand("how much storage does the first one have?", has_shown_items=True)
    assert asked.intent == "product_question" and asked.asked_attribute == "storage_gb"


@pytest.mark.parametrize("text", ["the 7ft one", "the 7 ft one please", "the 84 inch one"])
def test_a_shown_item_is_picked_by_a_value_with_a_unit(shop: QueryUnderstander, text: str) -> None:
    ref = shop.understand(text, has_shown_items=True).reference
    assert ref is not None and ref.attribute is not None
    key, value = ref.attribute
    assert key == "cable_length_mm" and value.replace(" ", "") == "7ft"
    tide = next(p for p in _shop() if p.id == "k2")
    assert value_matches(key, tide.attributes[key], value)  # how the skill finds the item
    pebble = next(p for p in _shop() if p.id == "k1")
    assert not value_matches(key, pebble.attributes[key], value)


@pytest.mark.parametrize(
    ("typed", "values", "expected"),
    [
        ("7FT", ["5 ft", "7 ft"], "7 ft"),  # folded
        ("2 piece", ["2-piece", "3-piece"], "2-piece"),  # punctuation folded
        ("2.13 m", ["213 cm", "7 ft"], "213 cm"),  # unit-aware
        ("lether", ["leather", "nylon"], "leather"),  # edit distance, a word of 5+ letters
        ("10", ["100", "10.5"], None),  # an amount is never fuzzily another amount
        ("ox", ["oak"], None),  # too short to guess
    ],
)
def test_link_value_is_exact_then_folded_then_unit_aware_then_fuzzy(
    typed: str, values: list[str], expected: str | None
) -> None:
    assert link_value(typed, values) == expected


# --- order ids in the shop's own shapes ----------------------------------------------------------


@pytest.mark.parametrize(
    ("ids", "typed", "found"),
    [
        (["#W2611340", "#W2611341"], "where is order w-2611340?", "2611340"),
        (["#W2611340", "#W2611341"], "status of #W2611341 please", "2611341"),
        (["#1042", "#1043", "#1100"], "my order #1042 hasn't arrived", "1042"),
        (["SH-10266", "SH-10270"], "sh 10266, email ana@example.com", "10266"),
    ],
)
def test_the_reader_takes_ids_in_the_shops_own_shapes(
    shop: QueryUnderstander, ids: list[str], typed: str, found: str
) -> None:
    reader = QueryUnderstander(shop.vocab, order_ids=OrderIdFormat.from_ids(ids))
    u = reader.understand(typed)
    assert u.order_id is not None and found in u.order_id.replace("-", "").replace(" ", "")
    assert u.intent in ("order_status", "order_change")


# --- near spellings and amounts next to everyday words ------------------------------------------


def test_one_slip_in_a_longer_category_word_still_names_it() -> None:
    vocab = CatalogVocabulary.from_products(
        [product("u1", "Steel Bucket", "Garden > Buckets"), product("u2", "Tin Bucket", "Garden > Buckets")]
    )
    assert vocab.match_categories("a bocket for the garden")[0] == ["Garden > Buckets"]
    assert vocab.match_categories("a bracket")[0] == []  # two edits away: not a guess


@pytest.mark.parametrize(
    ("text", "cap"),
    [("slings under 50 in nylon", 50.0), ("drives below 90 in stock", 90.0), ("keyboards up to 70 s", 70.0)],
)
def test_an_amount_before_an_everyday_word_stays_a_price(
    shop: QueryUnderstander, text: str, cap: float
) -> None:
    assert shop.understand(text).constraints.price_max == cap


def test_an_unlisted_size_is_said_back_with_the_sizes_of_that_kind_only(shop: QueryUnderstander) -> None:
    notes = shop.understand("a keyboard in size 75%").constraints.notes
    listed = [n for n in notes if "lists sizes" in n]
    assert listed and "80%" in listed[0] and "75%" in listed[0]
    mixed = QueryUnderstander(
        CatalogVocabulary.from_products(
            [*_shop(), product("c1", "Shirt", "Clothing > Shirts", {}, [{"size": "XL"}, {"size": "M"}])]
        )
    )
    said = " ".join(mixed.understand("shirts in size 44").constraints.notes)
    assert "XL" in said and "80%" not in said  # a keyboard layout is no shirt size


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("scarves for a lady", ["Womens Scarves"]),  # the audience word, linked to the shop's name
        ("a men's scarf", ["Mens Scarves"]),  # a possessive reads like the shop's "Mens"
        ("a scarf for girls", ["Girls Scarves"]),
        ("warm scarves", ["Girls Scarves", "Mens Scarves", "Womens Scarves"]),  # nothing narrows
    ],
)
def test_a_word_in_some_category_names_narrows_a_broad_match(text: str, expected: list[str]) -> None:
    vocab = CatalogVocabulary.from_products(
        [
            product(f"s{i}", f"{name} Wool Scarf", f"{name} Scarves")
            for i, name in enumerate(("Mens", "Womens", "Girls"))
        ]
    )
    assert sorted(vocab.match_categories(text)[0]) == expected
