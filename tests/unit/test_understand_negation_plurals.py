"""Three classes found on the reshaped store (issue 14), on a made-up shop: a contracted verb's
"not" ("that aren't waterproof") negates a yes/no facet; a plural facet value ("dinosaurs") is
named in the singular too; a corrected order id is tried with the email given a turn before."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.ingest.values import normalise_products
from assistant.records import Product
from assistant.understand.understander import QueryUnderstander
from assistant.understand.vocabulary import CatalogVocabulary
from tests.fakes import product


def _shop() -> list[Product]:
    raw = [
        product("p1", "Harbor Kite", "Toys > Kites", {"Theme": "sea creatures", "Waterproof": "yes"}),
        product("p2", "Meadow Kite", "Toys > Kites", {"Theme": "birds", "Waterproof": "no"}),
        product("p3", "Comet Kite", "Toys > Kites", {"Theme": "planets", "Waterproof": "yes"}),
    ]
    return normalise_products(raw)


@pytest.fixture(scope="module")
def shop() -> QueryUnderstander:
    return QueryUnderstander(CatalogVocabulary.from_products(_shop()))


@pytest.mark.parametrize(
    "text", ["kites that aren't waterproof", "a kite that isn't waterproof", "kites that arent waterproof"]
)
def test_a_contracted_not_negates_a_yes_no_facet(shop: QueryUnderstander, text: str) -> None:
    flags = shop.understand(text).constraints.attributes
    assert flags.get("waterproof") is False


def test_a_plain_yes_no_facet_still_reads_as_wanted(shop: QueryUnderstander) -> None:
    assert shop.understand("waterproof kites").constraints.attributes.get("waterproof") is True


@pytest.mark.parametrize(("text", "value"), [("a planet kite", "planets"), ("bird kite", "birds")])
def test_a_plural_value_is_named_in_the_singular(shop: QueryUnderstander, text: str, value: str) -> None:
    assert shop.understand(text).constraints.attributes.get("theme") == value


def test_the_plural_itself_still_reads(shop: QueryUnderstander) -> None:
    assert shop.understand("planets kite").constraints.attributes.get("theme") == "planets"


def test_a_corrected_order_id_is_tried_with_the_email_given_before(make_assistant: Any) -> None:
    bot = make_assistant()
    order = bot.db.all_orders()[0]
    customer = bot.db.customer(order.customer_id)
    wrong = next(o for o in bot.db.all_orders() if o.customer_id != order.customer_id)
    first = bot.chat("s-correct", f"where is order {wrong.order_id}? my email is {customer.email}")
    assert f"Order {wrong.order_id} (placed" not in first.text
    second = bot.chat("s-correct", f"sorry, it's {order.order_id}")
    assert f"Order {order.order_id} (placed" in second.text


def test_a_new_id_without_a_failed_try_still_asks_for_the_email(make_assistant: Any) -> None:
    bot = make_assistant()
    order = bot.db.all_orders()[0]
    reply = bot.chat("s-ask", f"where is order {order.order_id}?")
    assert f"Order {order.order_id} (placed" not in reply.text
