"""Measures as hard filters: reading "under 1 kg" / "for two" / "20,000 mAh", checking them per
variant, saying them back, and reasons that quote the item's own measure."""

from __future__ import annotations

from functools import partial

import pytest

from assistant.contracts import Constraints
from assistant.dialogue.state import describe_constraints
from assistant.records import AttrValue, Variant
from assistant.retrieve.explain import explain_match
from assistant.retrieve.matching import in_range, match_variant
from assistant.retrieve.products import Match
from assistant.understand.understander import QueryUnderstander
from assistant.understand.vocabulary import CatalogVocabulary
from tests.fakes import product

make = partial(product, price=100.0)  # every product costs the same: prices are not under test


PRODUCTS = [
    make("t1", "Solo Tent", "Outdoor > Camping", {"type": "tent", "capacity_persons": 1, "weight_g": 1400}),
    make("t2", "Duo Tent", "Outdoor > Camping", {"type": "tent", "capacity_persons": 2, "weight_g": 1900}),
    make("t3", "Family Tent", "Outdoor > Camping", {"type": "tent", "capacity_persons": 4, "weight_g": 4300}),
    make("p1", "Mini Power Bank", "Electronics > Chargers", {"type": "power bank", "capacity_mah": 5000}),
    make("p2", "Big Power Bank", "Electronics > Chargers", {"type": "power bank", "capacity_mah": 20000}),
    make("b1", "Day Pack", "Bags > Backpacks", {"capacity_l": 20, "weight_g": 600}),
    make("b2", "Trek Pack", "Bags > Backpacks", {"capacity_l": 30, "weight_g": 1200}),
    make(
        "h1",
        "Cord Headphones",
        "Electronics > Headphones",
        {"wireless": False},
        [
            Variant(id="h1-light", attributes={"weight_g": 150}),
            Variant(id="h1-heavy", attributes={"weight_g": 300}, price=80.0),
            Variant(id="h1-gone", attributes={"weight_g": 120}, in_stock=False),
        ],
    ),
]


@pytest.fixture(scope="module")
def understander() -> QueryUnderstander:
    return QueryUnderstander(CatalogVocabulary.from_products(PRODUCTS))


@pytest.mark.parametrize(
    ("text", "ranges"),
    [
        ("a tent under 2 kg", {"weight_g": (None, 2000.0)}),
        ("tent for two people", {"capacity_persons": (2.0, None)}),
        ("a tent for two under 2 kg", {"capacity_persons": (2.0, None), "weight_g": (None, 2000.0)}),
        ("a 3 man tent", {"capacity_persons": (3.0, None)}),
        ("power bank at least 20,000 mAh", {"capacity_mah": (20000.0, None)}),
        ("30 litre backpack", {"capacity_l": (30.0, 30.0)}),  # the shop has a 30 l one: that value
        ("32 litre backpack", {"capacity_l": (27.2, 36.8)}),  # it has none: within 15%, said so
        ("backpack under 800 g", {"weight_g": (None, 800.0)}),
    ],
)
def test_measures_become_bounds_on_the_catalogs_own_attribute(
    understander: QueryUnderstander, text: str, ranges: dict[str, tuple[float | None, float | None]]
) -> None:
    c = understander.understand(text).constraints
    assert c.ranges == ranges
    assert c.price_min is None and c.price_max is None  # "under 2 kg" is never a price


def test_a_measure_next_to_a_price_keeps_both(understander: QueryUnderstander) -> None:
    c = understander.understand("tent under 2 kg and under $300").constraints
    assert c.ranges == {"weight_g": (None, 2000.0)}
    assert c.price_max == 300.0


def test_a_unit_the_named_category_does_not_carry_is_not_a_filter(understander: QueryUnderstander) -> None:
    assert understander.understand("power bank under 200 g").constraints.ranges == {}


def test_ranges_are_checked_per_variant_and_pick_an_in_stock_one() -> None:
    headphones = PRODUCTS[-1]
    ok, variant = match_variant(headphones, Constraints(ranges={"weight_g": (None, 200.0)}))
    assert ok and variant is not None and variant.id == "h1-light"  # the 120 g one is out of stock
    ok, _ = match_variant(headphones, Constraints(ranges={"weight_g": (None, 100.0)}))
    assert not ok
    tent = PRODUCTS[0]
    assert not match_variant(tent, Constraints(ranges={"capacity_persons": (2.0, None)}))[0]
    assert not match_variant(tent, Constraints(ranges={"lumens": (1.0, None)}))[0]  # absent: never fits


@pytest.mark.parametrize(
    ("value", "ok"), [(5, True), (5.5, True), (True, False), ("5", False), (None, False), (11, False)]
)
def test_in_range_only_accepts_numbers(value: AttrValue | None, ok: bool) -> None:
    assert in_range(value, (1.0, 10.0)) is ok


def test_ranges_are_said_back_in_words() -> None:
    c = Constraints(
        categories=["Outdoor > Camping"], ranges={"weight_g": (None, 2000.0), "capacity_l": (25.5, 34.5)}
    )
    text = describe_constraints(c)
    assert "weight under 2000 g" in text
    assert "capacity about 30 L" in text


def test_a_reason_quotes_the_items_own_measure() -> None:
    duo = PRODUCTS[1]
    c = Constraints(ranges={"weight_g": (None, 2000.0)})
    reasons = explain_match(Match(duo, None, 1.0, 0.5, 0.0), c, [])
    measured = [r for r in reasons if r.text == "weight 1900 g"]
    assert measured and measured[0].fields == ("attributes.weight_g",)
