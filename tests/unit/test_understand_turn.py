"""Turn signals: references to shown items, comparatives, resets, yes/no, ids, handoff, mood."""

from __future__ import annotations

import pytest

from assistant.contracts import Reference
from assistant.records import Product, Variant
from assistant.understand.turn import find_handoff, find_ids, find_lifted_slots
from assistant.understand.understander import QueryUnderstander
from assistant.understand.vocabulary import CatalogVocabulary

PRODUCTS = [
    Product(
        id="a",
        title="Ridge Hiking Boot",
        category="Shoes > Hiking",
        brand="Peak",
        price=150,
        attributes={"color": "black", "waterproof": True, "weight_g": 640, "material": "leather"},
        variants=[
            Variant(id="a-42", attributes={"size": "42"}),
            Variant(id="a-44", attributes={"size": "44"}),
        ],
    ),
    Product(
        id="b",
        title="Crest Hiking Boot",
        category="Shoes > Hiking",
        brand="Stride",
        price=120,
        attributes={"color": "brown", "waterproof": False, "machine_washable": False},
    ),
    Product(
        id="c",
        title="Hush Headphones",
        category="Electronics > Headphones",
        brand="Sonix",
        price=99,
        attributes={"color": "blue", "battery_hours": 30, "wireless": True},
    ),
]


@pytest.fixture(scope="module")
def u() -> QueryUnderstander:
    return QueryUnderstander(CatalogVocabulary.from_products(PRODUCTS))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the second one", Reference(ordinal=1)),
        ("tell me about the last one", Reference(ordinal=-1)),
        ("number 3 please", Reference(ordinal=2)),
        ("the black one", Reference(attribute=("color", "black"))),
        ("the Peak one", Reference(attribute=("brand", "Peak"))),
        ("the first two", Reference(indices=[0, 1], plural=True)),
        ("compare 1 and 3", Reference(indices=[0, 2], plural=True)),
        ("the first and the third", Reference(indices=[0, 2], plural=True)),
        ("compare them", Reference(pronoun=True, plural=True)),
        ("both", Reference(pronoun=True, plural=True, indices=[0, 1])),
        ("make it an 8", Reference(pronoun=True)),
    ],
)
def test_references(u: QueryUnderstander, text: str, expected: Reference) -> None:
    assert u.understand(text, has_shown_items=True).reference == expected


def test_no_reference_without_shown_items(u: QueryUnderstander) -> None:
    assert u.understand("the second one").reference is None


def test_reference_size_is_kept_as_typed(u: QueryUnderstander) -> None:
    got = u.understand("make it an 8", has_shown_items=True)
    assert got.constraints.sizes == ["8"]


@pytest.mark.parametrize(
    ("text", "comparative"),
    [
        ("something cheaper", "cheaper"),
        ("too expensive", "cheaper"),
        ("a pricier one", "pricier"),
        ("better rated ones?", "better_rated"),
        ("in another brand", "other_brand"),
        ("a bigger one", "bigger"),
        ("too big", "smaller"),
        ("show me boots", None),
    ],
)
def test_comparatives(u: QueryUnderstander, text: str, comparative: str | None) -> None:
    assert u.understand(text, has_shown_items=True).comparative == comparative


@pytest.mark.parametrize(
    ("text", "reset"),
    [
        ("start over", True),
        ("let's start over with something else entirely", True),
        ("scratch that", True),
        ("forget my sizes", False),
        ("forget everything about me", False),
        ("boots", False),
    ],
)
def test_resets(u: QueryUnderstander, text: str, reset: bool) -> None:
    assert u.understand(text).reset is reset


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("yes please", True),
        ("go ahead", True),
        ("ok", True),
        ("yep do it", True),
        ("no, keep it", False),
        ("nope", False),
        ("don't cancel it", False),
        ("hiking boots", None),
    ],
)
def test_confirmations_when_pending(u: QueryUnderstander, text: str, answer: bool | None) -> None:
    got = u.understand(text, pending_confirmation=True)
    assert got.confirmation is answer
    if answer is not None:
        assert got.intent == "confirmation"


def test_no_leather_is_an_exclusion_not_a_no(u: QueryUnderstander) -> None:
    got = u.understand("no leather", pending_confirmation=True)
    assert got.confirmation is None
    assert got.constraints.exclude_attributes == {"material": ["leather"]}


@pytest.mark.parametrize(
    ("text", "order_id", "email", "zip_code"),
    [
        ("where is my order ORD-1042?", "ORD-1042", None, None),
        ("order #48213, my email is Jane.Doe@Example.com", "48213", "jane.doe@example.com", None),
        ("track 10458 zip 94110", "10458", None, "94110"),
        ("my zip code is 02139 and order number 123456", "123456", None, "02139"),
        ("order ord-77 postcode SW1A 1AA", "ORD-77", None, "SW1A 1AA"),
        ("running shoes size 42 under $100", None, None, None),
    ],
)
def test_ids(
    u: QueryUnderstander, text: str, order_id: str | None, email: str | None, zip_code: str | None
) -> None:
    got = u.understand(text)
    assert (got.order_id, got.email, got.zip_code) == (order_id, email, zip_code)


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("I want to cancel order ORD-1", "cancel"),
        ("return the boots", "return"),
        ("can I get a refund", "return"),
        ("exchange them for a different size", "exchange"),
        ("where is my order", None),
    ],
)
def test_order_actions(u: QueryUnderstander, text: str, action: str | None) -> None:
    assert u.understand(text).order_action == action


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("is it waterproof?", "waterproof"),
        ("how heavy is the first one", "weight_g"),
        ("how long does the battery last", "battery_hours"),
        ("what is it made of", "material"),
        ("can I put it in the washing machine?", "machine_washable"),
        ("is it wireless", "wireless"),
    ],
)
def test_asked_attribute_maps_onto_catalog_keys(u: QueryUnderstander, text: str, key: str) -> None:
    got = u.understand(text, has_shown_items=True)
    assert got.intent == "product_question"
    assert got.asked_attribute == key


def test_handoff_and_frustration(u: QueryUnderstander) -> None:
    angry = u.understand("this is useless, let me talk to a real person")
    assert angry.handoff_requested and angry.frustration and angry.intent == "handoff"
    assert u.understand("WHY IS THIS NOT WORKING AT ALL").frustration
    calm = u.understand("hiking boots please")
    assert not calm.handoff_requested and not calm.frustration


@pytest.mark.parametrize("text", ["headphones over 1000", "jackets under 2000", "between 1000 and 2000"])
def test_a_budget_is_not_an_order_number(text: str) -> None:
    assert find_ids(text)[0] is None


def test_an_order_number_after_order_words_still_reads() -> None:
    assert find_ids("where is my order 1234")[0] == "1234"


@pytest.mark.parametrize(
    "text", ["any colour", "whatever brand is fine", "any size please", "colour doesn't matter"]
)
def test_lifting_a_filter_after_a_list_is_a_refinement(u: QueryUnderstander, text: str) -> None:
    assert u.understand(text, has_shown_items=True).intent == "product_search"


def test_a_colour_question_about_shown_items_stays_a_question(u: QueryUnderstander) -> None:
    reading = u.understand("does it come in any colour other than navy?", has_shown_items=True)
    assert reading.intent == "product_question"


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("any colour", ["colors"]),
        ("colour doesn't matter", ["colors"]),
        ("whatever brand, any size", ["brands", "sizes"]),
        ("budget doesn't matter", ["price"]),
        ("a blue jacket", []),
    ],
)
def test_lifted_slots(text: str, slots: list[str]) -> None:
    assert find_lifted_slots(text) == slots


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("what hours is customer service open?", False),  # about the team, not for it
        ("is customer support open on sundays?", False),
        ("can I talk to customer service?", True),
        ("I need customer service", True),
        ("customer service please", True),
        ("yes, please connect me with someone", True),
    ],
)
def test_a_team_named_in_a_question_is_a_topic_not_a_request(text: str, asks: bool) -> None:
    assert find_handoff(text) is asks
