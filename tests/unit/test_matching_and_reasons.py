"""Hard constraints, variant matching, relaxation order, lexical search and grounded reasons,
on a small hand-made catalog."""

from __future__ import annotations

import pytest

from assistant.contracts import Constraints
from assistant.records import Product, Variant
from assistant.retrieve.explain import explain_match
from assistant.retrieve.lexical import BM25Index, tokenize
from assistant.retrieve.matching import match_variant, where_clause
from assistant.retrieve.products import Match, relaxation_steps


def boot(pid: str, price: float, sizes: dict[str, bool], color: str = "brown", **attrs: object) -> Product:
    return Product(
        id=pid,
        title=f"Boot {pid}",
        category="Shoes > Hiking",
        brand="Peakline" if pid != "b3" else "Stride",
        price=price,
        attributes={"color": color, "waterproof": True, "weight_g": 500, **attrs},  # type: ignore[dict-item]
        variants=[
            Variant(
                id=f"{pid}-{s}",
                attributes={"size": s, "color": color},
                in_stock=ok,
                price=price + (5 if s == "46" else 0),
            )
            for s, ok in sizes.items()
        ],
        rating=4.5,
        review_count=120,
    )


CATALOG = [
    boot("b1", 110.0, {"42": True, "43": False, "46": True}),
    boot("b2", 95.0, {"43": True, "44": True}, color="black", weight_g=420),
    boot("b3", 130.0, {"43": True}, color="grey", waterproof=False),
]


def test_variant_match_needs_one_in_stock_variant_satisfying_everything() -> None:
    c = Constraints(sizes=["43"], price_max=120.0)
    ok, variant = match_variant(CATALOG[0], c)
    assert not ok and variant is None  # size 43 of b1 is out of stock
    ok, variant = match_variant(CATALOG[1], c)
    assert ok and variant is not None and variant.id == "b2-43"


def test_variant_price_is_the_one_filtered() -> None:
    # b1 size 46 costs 115: inside a 112..120 range while the base price 110 is not.
    ok, variant = match_variant(CATALOG[0], Constraints(price_min=112.0, price_max=120.0))
    assert ok and variant is not None and variant.id == "b1-46"


def test_boolean_brand_and_exclusion_filters() -> None:
    assert not match_variant(CATALOG[2], Constraints(attributes={"waterproof": True}))[0]
    assert match_variant(CATALOG[0], Constraints(attributes={"waterproof": True}))[0]
    assert not match_variant(CATALOG[0], Constraints(exclude_brands=["peakline"]))[0]
    assert match_variant(CATALOG[2], Constraints(brands=["Stride"]))[0]
    assert not match_variant(CATALOG[1], Constraints(exclude_colors=["black"]))[0]
    assert not match_variant(CATALOG[0], Constraints(categories=["Shoes > Running"]))[0]
    assert match_variant(CATALOG[0], Constraints(categories=["Shoes"]))[0]


def test_where_clause_is_valid_chroma_filter_shape() -> None:
    where = where_clause(
        Constraints(categories=["Shoes"], price_max=100.0, colors=["black", "grey"], sizes=["43"])
    )
    assert where is not None and "$and" in where
    ops = {next(iter(clause)) for clause in where["$and"]}
    assert {"in_stock", "categories", "price_min", "$or", "sizes"} <= ops
    assert where_clause(Constraints()) == {"in_stock": True}


def test_relaxation_order_colour_brand_size_then_price() -> None:
    c = Constraints(colors=["blue"], brands=["Stride"], sizes=["43"], price_max=100.0)
    labels = [label for label, _ in relaxation_steps(c)]
    assert labels == ["colour", "brand", "size", "price by 10%", "price by 25%"]
    last = relaxation_steps(c)[-1][1]
    assert last.price_max == 125.0 and not last.colors and not last.brands


def test_only_colour_is_never_relaxed() -> None:
    labels = [label for label, _ in relaxation_steps(Constraints(colors=["teal"], only=True))]
    assert "colour" not in labels


def test_bm25_prefers_exact_tokens() -> None:
    index = BM25Index(["TrailRunner GTX waterproof boot", "Coffee grinder burr steel", "Running sock merino"])
    scores = index.scores("gtx boots")
    assert scores.argmax() == 0 and scores[1] == 0.0
    assert tokenize("Boots and SOCKS") == ["boot", "sock"]


@pytest.mark.parametrize("product", CATALOG)
def test_every_reason_traces_to_a_field(product: Product) -> None:
    c = Constraints(
        price_max=140.0, attributes={"waterproof": product.attributes["waterproof"]}, sizes=["43"]
    )
    ok, _variant = match_variant(product, c)
    if not ok:
        pytest.skip("not a match under these constraints")
    shown = [Match(p, match_variant(p, c)[1], 1.0, 0.5, 0.0) for p in CATALOG if match_variant(p, c)[0]]
    match = next(m for m in shown if m.product.id == product.id)
    reasons = explain_match(match, c, shown)
    assert reasons
    record = product.model_dump()
    for reason in reasons:
        for field in reason.fields:
            head = field.split(".")[0]
            assert head in record, f"{reason.text!r} cites unknown field {field}"
        if "budget" in reason.text:
            assert match.price <= 140.0
