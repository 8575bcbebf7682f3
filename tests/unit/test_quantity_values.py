"""Amounts inside text values ("1 year warranty", "No return policy", "Lifetime warranty") and the
numbers a shopper says about such keys or about keys with no unit ("15% off", "minimum order of 5")."""

from __future__ import annotations

from functools import partial

import pytest

from assistant.contracts import Constraints
from assistant.dialogue.state import describe_constraints
from assistant.ingest.values import UNBOUNDED, describe, normalise_products, quantity_keys
from assistant.records import Product
from assistant.retrieve.matching import match_variant
from assistant.understand.numbers import describe_range
from assistant.understand.understander import QueryUnderstander
from assistant.understand.vocabulary import CatalogVocabulary
from tests.fakes import product

make = partial(product, price=20.0)


def _shop(i: int, title: str, category: str, warranty: str, returns: str, **more: int | float) -> Product:
    attrs = {"warranty": warranty, "return_policy": returns, "discount_percentage": 5.0 + 5 * i, **more}
    return make(f"p{i}", title, category, attrs)


RAW = [
    _shop(0, "Oak Chair", "Furniture", "1 year warranty", "30 days return policy", minimum_order_quantity=1),
    _shop(1, "Oak Table", "Furniture", "No warranty", "No return policy", minimum_order_quantity=10),
    _shop(2, "Oak Desk", "Furniture", "Lifetime warranty", "60 days return policy", minimum_order_quantity=3),
    _shop(3, "Pixel 3", "Smartphones", "2 year warranty", "90 days return policy", minimum_order_quantity=2),
    _shop(4, "Pixel 4", "Smartphones", "3 months warranty", "No return policy", minimum_order_quantity=50),
    _shop(5, "Pixel 5", "Smartphones", "6 months warranty", "7 days return policy", minimum_order_quantity=5),
    # An hours key that is no allowance: "within" stays an upper bound on it.
    make("c1", "Fast Charger", "Chargers", {"charge_time": "2 hours"}),
    make("c2", "Slow Charger", "Chargers", {"charge_time": "8 hours"}),
]
PRODUCTS = normalise_products(RAW)
BY_ID = {p.id: p for p in PRODUCTS}


class Reads:
    """A classifier that reads every turn as `intent` with low confidence, like the regression does
    with "furniture I can return within 60 days" (an order question, 0.25)."""

    def __init__(self, intent: str, confidence: float = 0.25) -> None:
        self.intent, self.confidence = intent, confidence

    def predict(self, text: str, **_: object) -> tuple[str, float]:
        return self.intent, self.confidence


@pytest.fixture(scope="module")
def vocab() -> CatalogVocabulary:
    return CatalogVocabulary.from_products(PRODUCTS)


@pytest.fixture(scope="module")
def understander(vocab: CatalogVocabulary) -> QueryUnderstander:
    return QueryUnderstander(vocab)


def ranges(understander: QueryUnderstander, text: str) -> dict[str, tuple[float | None, float | None]]:
    return understander.understand(text).constraints.ranges


# --- ingest ---------------------------------------------------------------------------------------


def test_word_amounts_join_the_measures_of_their_key() -> None:
    assert BY_ID["p0"].attributes["warranty_hours"] == 8760.0
    assert BY_ID["p1"].attributes["warranty_hours"] == 0.0
    assert BY_ID["p2"].attributes["warranty_hours"] == UNBOUNDED
    assert BY_ID["p1"].attributes["return_policy_hours"] == 0.0
    assert "warranty" not in BY_ID["p1"].attributes  # one key, not a text key beside a numeric one
    assert BY_ID["p2"].attribute_texts["warranty_hours"] == "Lifetime warranty"  # kept for display
    assert BY_ID["p1"].attribute_texts["return_policy_hours"] == "No return policy"


def test_normalising_twice_changes_nothing() -> None:
    again = normalise_products(PRODUCTS)
    assert all(a is b for a, b in zip(again, PRODUCTS, strict=True))


def test_other_words_keep_a_key_text() -> None:
    # "Limited warranty" is no amount, and "No warranty" alone has no measure to join.
    mixed = [{"warranty": "1 year warranty"}, {"warranty": "Limited warranty"}, {"warranty": "No warranty"}]
    assert quantity_keys(mixed) == {}
    assert quantity_keys([{"warranty": "No warranty"}, {"warranty": "Lifetime warranty"}]) == {}
    # The word amount must speak of what the measures speak of.
    assert quantity_keys([{"cover": "1 year warranty"}, {"cover": "No returns"}]) == {}
    assert quantity_keys([{"cover": "1 year warranty"}, {"cover": "None"}]) == {"cover": "hours"}


def test_the_vocabulary_knows_the_amounts_and_values(vocab: CatalogVocabulary) -> None:
    assert vocab.amounts["warranty_hours"]["Lifetime warranty"] == UNBOUNDED
    assert vocab.numeric_values["return_policy_hours"][2160.0] == ["Smartphones"]
    assert "warranty_hours" in vocab.numeric_attributes


# --- reading ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The key is the one whose name is said next to the amount, not the shortest of its unit.
        ("a phone with at least a 2 year warranty", {"warranty_hours": (17520.0, None)}),
        ("furniture I can return within 60 days", {"return_policy_hours": (1440.0, None)}),
        ("a phone with a 90 day return window", {"return_policy_hours": (2160.0, 2160.0)}),
        ("products with a lifetime warranty", {"warranty_hours": (UNBOUNDED, UNBOUNDED)}),
        ("furniture with no warranty", {"warranty_hours": (0.0, 0.0)}),
        # An allowance named with no amount: some of it, i.e. not the shop's "No ..." value.
        ("furniture I can send back", {"return_policy_hours": (720.0, None)}),
        ("a charger I can send back", {}),  # chargers carry no return key: nothing to filter on
        ("oak stuff I can send back", {"return_policy_hours": (720.0, None)}),  # its titles' word
        ("smartphones with any warranty at all", {"warranty_hours": (2190.0, None)}),
        # "within" on a key that is no allowance is an upper bound, as before.
        ("a charger that charges within 3 hours", {"charge_time_hours": (None, 3.0)}),
    ],
)
def test_amounts_in_text_values_read_as_numbers(
    understander: QueryUnderstander, text: str, expected: dict[str, tuple[float | None, float | None]]
) -> None:
    assert ranges(understander, text) == expected


def test_a_question_about_the_allowance_filters_nothing(understander: QueryUnderstander) -> None:
    assert ranges(understander, "what is the return policy?") == {}


def test_a_share_and_a_named_count_are_no_prices(understander: QueryUnderstander) -> None:
    c = understander.understand("smartphones with at least 15% off").constraints
    assert c.ranges == {"discount_percentage": (15.0, None)}
    assert c.price_min is None
    c = understander.understand("furniture, minimum order of 5 or less").constraints
    assert c.ranges == {"minimum_order_quantity": (None, 5.0)}
    assert c.price_max is None
    assert ranges(understander, "minimum order quantity at least 3") == {
        "minimum_order_quantity": (3.0, None)
    }


def test_a_bare_amount_the_shop_lacks_is_widened_and_said(understander: QueryUnderstander) -> None:
    c = understander.understand("a phone with an 80 day return policy").constraints
    assert c.ranges == {"return_policy_hours": (1632.0, 2208.0)}
    assert any("exactly 80 day" in note and "90 days return policy" in note for note in c.notes)
    exact = understander.understand("a phone with a 90 day return policy").constraints
    assert exact.notes == []


# --- filtering and saying it ------------------------------------------------------------------------


def test_an_unbounded_amount_passes_every_lower_bound() -> None:
    at_least_two_years = Constraints(ranges={"warranty_hours": (17520.0, None)})
    assert match_variant(BY_ID["p2"], at_least_two_years)[0]  # lifetime
    assert match_variant(BY_ID["p3"], at_least_two_years)[0]  # 2 years
    assert not match_variant(BY_ID["p0"], at_least_two_years)[0]  # 1 year
    assert not match_variant(BY_ID["p1"], at_least_two_years)[0]  # none


def test_durations_and_shares_are_said_in_words() -> None:
    assert describe_range("warranty_hours", (17520.0, None)) == "warranty at least 2 years"
    assert describe_range("return_policy_hours", (1440.0, None)) == "return policy at least 60 days"
    assert describe_range("warranty_hours", (UNBOUNDED, UNBOUNDED)) == "unlimited warranty"
    assert describe_range("discount_percentage", (15.0, None)) == "discount at least 15%"
    said = describe_constraints(
        Constraints(categories=["Furniture"], ranges={"warranty_hours": (8760.0, None)})
    )
    assert "warranty at least 1 year" in said


def test_a_reason_does_not_repeat_the_key_the_shop_text_names() -> None:
    p0 = BY_ID["p0"]
    assert describe(
        "warranty_hours", p0.attributes["warranty_hours"], p0.attribute_labels, p0.attribute_texts
    ) == ("1 year warranty")
    assert p0.attribute_labels.get("return_policy_hours") is None  # "return_policy" is the key's own words


# --- intent ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("misread", ["order_status", "order_change", "faq_policy"])
def test_an_amount_on_a_product_attribute_is_a_search(vocab: CatalogVocabulary, misread: str) -> None:
    understander = QueryUnderstander(vocab, classifier=Reads(misread))  # type: ignore[arg-type]
    assert understander.understand("furniture I can return within 60 days").intent == "product_search"
    assert understander.understand("products with a lifetime warranty").intent == "product_search"
    # The shopper's own order, or a question, keeps its reading.
    assert understander.understand("I want to return my chair within 30 days").intent == misread
    assert understander.understand("can I return furniture within 60 days?").intent == misread


def test_a_return_wish_without_amount_or_products_stays_an_order_turn(vocab: CatalogVocabulary) -> None:
    understander = QueryUnderstander(vocab, classifier=Reads("order_change"))  # type: ignore[arg-type]
    assert understander.understand("I'd like to return something").constraints.ranges == {}
    # Named products with the allowance word only: a filter, but no amount to make it a search.
    turn = understander.understand("I want to return a chair from the furniture")
    assert turn.intent == "order_change"
