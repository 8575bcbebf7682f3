"""Facet readings that once let wrong items through: the longest value wins, keys follow the named
category, spelled-out prices, size words, misspellings, material families, unlisted models and
products the shop does not carry. A small hand-made catalog, never the demo store's words."""

from __future__ import annotations

import pytest

from assistant.understand.price import Work, read_price, spell_digits
from assistant.understand.understander import QueryUnderstander
from assistant.understand.vocabulary import CatalogVocabulary
from tests.fakes import product

PRODUCTS = [
    product(
        "j1",
        "Loft Down Jacket",
        "Clothing > Jackets",
        {"insulation": "down", "type": "down jacket"},
        [{"size": "S"}, {"size": "M"}],
    ),
    product(
        "j2",
        "Gale Rain Jacket",
        "Clothing > Jackets",
        {"insulation": "none", "type": "rain jacket", "waterproof": True},
        [{"size": "L"}],
    ),
    product("b1", "Summit Sleeping Bag", "Outdoor > Camping", {"fill": "down", "type": "sleeping bag"}),
    product("b2", "Trail Water Filter", "Outdoor > Camping", {"type": "water filter"}),
    product(
        "t1",
        "Organic Tee",
        "Clothing > T-Shirts",
        {"material": "organic cotton"},
        [{"size": "S"}, {"size": "M"}],
    ),
    product("t2", "Plain Tee", "Clothing > T-Shirts", {"material": "cotton"}, [{"size": "M"}]),
    product("t3", "Merino Tee", "Clothing > T-Shirts", {"material": "merino wool"}, [{"size": "M"}]),
    product("k1", "Skillet Pan", "Home > Kitchen", {"material": "cast iron", "type": "cast iron skillet"}),
    product("k2", "Oven Pot", "Home > Kitchen", {"material": "cast iron", "type": "dutch oven"}),
    product(
        "s1", "Run Sock", "Accessories > Socks", {"activity": "running", "material": "merino wool blend"}
    ),
    product("s2", "Walk Sock", "Accessories > Socks", {"activity": "hiking", "material": "cotton blend"}),
    product("r1", "Road Running Shoe", "Shoes > Running", {"material": "mesh"}),
    product("h1", "Crag Hiking Boot", "Shoes > Hiking", {"material": "nubuck"}),
    product("h2", "Fell Hiking Boot", "Shoes > Hiking", {"material": "suede"}),
    product("h3", "Moor Hiking Boot", "Shoes > Hiking", {"material": "leather"}),
    product("h4", "Dale Hiking Boot", "Shoes > Hiking", {"material": "synthetic"}),
    product(
        "c1",
        "Slim Case",
        "Electronics > Phone Cases",
        {"magnetic_charging": True},
        [{"fits_phone": "iPhone 16"}, {"fits_phone": "iPhone 16 Pro"}, {"fits_phone": "Pixel 9"}],
    ),
    product(
        "c2",
        "Clear Case",
        "Electronics > Phone Cases",
        {"magnetic_charging": False},
        [{"fits_phone": "Pixel 9 Pro"}, {"fits_phone": "Galaxy S25"}],
    ),
    product("p1", "Laptop Backpack", "Bags > Backpacks", {"type": "laptop backpack"}),
]


@pytest.fixture(scope="module")
def understander() -> QueryUnderstander:
    return QueryUnderstander(CatalogVocabulary.from_products(PRODUCTS))


def test_the_longest_value_wins(understander: QueryUnderstander) -> None:
    assert understander.understand("organic cotton t-shirt").constraints.attributes == {
        "material": "organic cotton"
    }
    assert understander.understand("case for iphone 16 pro").constraints.attributes == {
        "fits_phone": "iphone 16 pro"
    }
    assert understander.understand("cast iron skillet").constraints.attributes == {
        "type": "cast iron skillet"
    }


def test_a_shared_word_takes_the_named_categorys_key(understander: QueryUnderstander) -> None:
    bag = understander.understand("down sleeping bag").constraints
    assert bag.attributes.get("fill") == "down"
    assert "insulation" not in bag.attributes
    jacket = understander.understand("jacket with down insulation").constraints
    assert jacket.attributes.get("insulation") == "down"
    assert "fill" not in jacket.attributes


def test_a_category_word_after_for_is_a_facet_of_the_named_category(understander: QueryUnderstander) -> None:
    c = understander.understand("socks for running").constraints
    assert c.categories == ["Accessories > Socks"]
    assert c.attributes == {"activity": "running"}
    # ... but not when that category itself is asked for.
    assert "activity" not in understander.understand("running shoes").constraints.attributes


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("t-shirt for under twenty five dollars", None, 25.0),
        ("between forty and sixty euros", 40.0, 60.0),
        ("from twenty to forty dollars", 20.0, 40.0),
        ("under a hundred", None, 100.0),
        ("a hundred and fifty dollars", 120.0, 180.0),
    ],
)
def test_spelled_out_prices(text: str, low: float | None, high: float | None) -> None:
    reading = read_price(Work(text))
    assert (reading.price_min, reading.price_max) == (low, high)


@pytest.mark.parametrize(
    "text", ["the second one", "show me two", "a tent for one person", "that one please"]
)
def test_number_words_that_are_not_prices_stay_words(text: str) -> None:
    if "for" not in text:
        assert spell_digits(text) == text
    reading = read_price(Work(text))
    assert (reading.price_min, reading.price_max) == (None, None)


def test_size_words_only_where_the_category_sells_that_size(understander: QueryUnderstander) -> None:
    assert understander.understand("small t-shirt").constraints.sizes == ["S"]
    assert understander.understand("a large jacket").constraints.sizes == ["L"]
    assert understander.understand("a small sleeping bag").constraints.sizes == []
    assert understander.understand("not too small t-shirt").constraints.sizes == []


def test_misspelt_facets_still_filter(understander: QueryUnderstander) -> None:
    assert understander.understand("waterprof jacket").constraints.attributes.get("waterproof") is True
    assert understander.understand("sleping bag").constraints.attributes.get("type") == "sleeping bag"


def test_excluding_a_material_excludes_its_kin(understander: QueryUnderstander) -> None:
    excluded = understander.understand("hiking boots without leather").constraints.exclude_attributes
    assert set(excluded["material"]) == {"leather", "nubuck", "suede"}


def test_magnetic_names_the_magnetic_charging_facet(understander: QueryUnderstander) -> None:
    assert understander.understand("magnetic phone case").constraints.attributes == {
        "magnetic_charging": True
    }


def test_an_unlisted_model_is_still_the_filter(understander: QueryUnderstander) -> None:
    c = understander.understand("case for iphone 12").constraints
    assert c.attributes == {"fits_phone": "iphone 12"}
    assert c.categories == ["Electronics > Phone Cases"]


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("a road bike", "bike"),
        ("gaming laptop", "laptop"),
        ("a 55 inch television", "television"),
        ("do you sell sofas", "sofa"),
        ("dog food for my puppy", "dog food"),
        ("laptop backpack", None),
        ("a water filter for hiking", None),
        ("down jacket", None),
        ("something warm", None),
    ],
)
def test_products_the_shop_does_not_carry(
    understander: QueryUnderstander, text: str, noun: str | None
) -> None:
    u = understander.understand(text)
    assert u.uncarried == noun
    if noun is not None:
        assert u.intent == "product_search"


def test_a_sort_with_no_product_is_still_a_search(understander: QueryUnderstander) -> None:
    u = understander.understand("most expensive thing you have")
    assert u.intent == "product_search"
    assert u.constraints.sort == "price_desc"


def test_a_word_that_starts_material_names_filters_on_what_they_share(
    understander: QueryUnderstander,
) -> None:
    assert understander.understand("merino socks").constraints.attributes == {"material": "merino wool"}


@pytest.mark.parametrize(
    ("noun", "said"),
    [
        ("bike", "bikes"),
        ("dog food", "dog food"),
        ("glasses", "glasses"),
        ("battery", "batteries"),
        ("toy", "toys"),
    ],
)
def test_what_the_shop_does_not_carry_is_named_naturally(noun: str, said: str) -> None:
    from assistant.dialogue.skills.search import _plural

    assert _plural(noun) == said
