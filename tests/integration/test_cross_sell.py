"""Cross-sell through the assistant on the demo store: a real item and price, once per product.

Integration (moved from tests/unit/test_personal_assistant.py): "tell me about the first one" reaches
the product-question skill through the packaged intent regression, trained on all-MiniLM-L6-v2
vectors; over the unit tests' hashed fake vectors it routes to the FAQ.
"""

from __future__ import annotations

from typing import Any

import pytest

from assistant.retrieve.explain import money

pytestmark = pytest.mark.integration
USER = "cust-003"  # a runner in the demo store: several orders, shoes in one size


@pytest.fixture()
def bot(make_assistant: Any) -> Any:
    return make_assistant(trust_user_id=True)


def test_cross_sell_line_names_a_real_item_and_price(bot: Any) -> None:
    bot.chat("x0", "running shoes")
    anonymous = bot.chat("x0", "tell me about the first one")
    assert "cross_sell" not in anonymous.extra  # default: only for a known shopper
    bot.chat("x1", "running shoes", user_id=USER)
    reply = bot.chat("x1", "tell me about the first one", user_id=USER)
    assert reply.skill == "product_question"
    offer = reply.extra.get("cross_sell")
    assert offer is not None, reply.text
    product = bot.catalog.get(offer["product_id"])
    assert product is not None and product.title in reply.text and product.in_stock
    assert money(product.price, product.currency) in reply.text
    for oid in offer["order_ids"]:  # the evidence: orders holding both categories
        cats = {bot.catalog.get(i.product_id).category for i in bot.db.order(oid).items}
        assert {product.category, bot.catalog.get(offer["with_product_id"]).category} <= cats
    assert [i.product_id for i in reply.items] == [offer["with_product_id"]]  # the card stays the asked item
    follow_up = bot.chat("x1", "is it waterproof?", user_id=USER)
    assert (
        "cross_sell" not in follow_up.extra and "Often bought with" not in follow_up.text
    )  # once, not every turn
