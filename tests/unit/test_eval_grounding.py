"""The grounding check of the conversation evaluation catches invented products, prices and titles."""

from __future__ import annotations

from pathlib import Path

from assistant.contracts import Citation, RecommendedItem, Reply
from assistant.evaluation.grounding import GroundingContext, grounding_violations
from assistant.records import Product, Variant
from assistant.retrieve.catalog import Catalog
from assistant.storage.sqlite import ShopDatabase

PRODUCTS = [
    Product(id="p1", title="Ridge Runner Boot", price=120.0, category="Shoes > Hiking", brand="Ridge",
            variants=[Variant(id="p1-42", attributes={"size": "42"}, price=125.0)]),
    Product(id="p2", title="Valley Walker Boot", price=99.0, category="Shoes > Hiking", brand="Valley"),
]  # fmt: skip


def _ctx(tmp_path: Path) -> GroundingContext:
    return GroundingContext(
        Catalog(PRODUCTS), ShopDatabase(tmp_path / "shop.sqlite"), tmp_path, {"faq-1": "Costs $5.95."}
    )


def _reply(text: str, items: list[RecommendedItem], citations: list[Citation] | None = None) -> Reply:
    return Reply(session_id="s", intent="product_search", text=text, items=items, citations=citations or [])


def test_grounded_reply_passes(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    ctx.user_messages.append("boots under 150")
    item = RecommendedItem(product_id="p1", variant_id="p1-42", title="Ridge Runner Boot", price=125.0)
    reply = _reply("The Ridge Runner Boot is $125, under your $150 budget.", [item])
    assert grounding_violations(reply, ctx, []) == []


def test_wrong_price_unknown_product_and_invented_amount(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    items = [
        RecommendedItem(product_id="p1", variant_id="p1-42", title="Ridge Runner Boot", price=120.0),
        RecommendedItem(product_id="zz", title="Ghost Boot", price=10.0),
    ]
    problems = grounding_violations(_reply("Only $80 today!", items), ctx, [])
    assert any("catalog says $125" in p for p in problems)
    assert any("zz is not in the catalog" in p for p in problems)
    assert any("$80" in p for p in problems)


def test_named_title_must_be_shown_and_cited_numbers_are_allowed(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    reply = _reply(
        "You might also like the Valley Walker Boot. Shipping is $5.95.",
        [],
        [Citation(source="faq:faq-1", snippet="")],
    )
    problems = grounding_violations(reply, ctx, [])
    assert len(problems) == 1 and "Valley Walker Boot" in problems[0]
