"""The evaluation's own arithmetic: graded relevance from labels, ranking metrics, grounding."""

from __future__ import annotations

import math

from assistant.evaluation.labels import Labels, fits, grades, item_fits
from assistant.evaluation.metrics import ndcg_at, recall_at, reciprocal_rank
from assistant.records import Product, Variant


def _shoe(
    pid: str, price: float, color: str, size: str, in_stock: bool = True, brand: str = "Stride"
) -> Product:
    return Product(
        id=pid,
        title=f"{brand} {pid} trail shoe",
        category="Shoes > Running",
        brand=brand,
        price=price,
        attributes={"waterproof": pid.endswith("w")},
        variants=[
            Variant(id=f"{pid}-{size}-{color}", attributes={"size": size, "color": color}, in_stock=in_stock)
        ],
    )


PRODUCTS = [
    _shoe("a-w", 90, "black", "42"),
    _shoe("b", 120, "black", "42"),
    _shoe("c-w", 80, "blue", "43"),
    _shoe("d-w", 70, "black", "42", in_stock=False),
    _shoe("e-w", 60, "black", "42", brand="Other"),
]


def test_fits_needs_one_in_stock_variant_meeting_everything() -> None:
    lab = Labels.from_dict({"categories": ["Shoes"], "colors": ["black"], "sizes": [42], "price_max": 100})
    assert [p.id for p in PRODUCTS if fits(p, lab)] == ["a-w", "e-w"]
    assert not fits(PRODUCTS[3], Labels())  # out of stock never fits


def test_exclusions_and_attributes() -> None:
    lab = Labels.from_dict({"attributes": {"waterproof": True}, "exclude_brands": ["other"]})
    assert [p.id for p in PRODUCTS if fits(p, lab)] == ["a-w", "c-w"]


def test_item_fits_checks_the_named_variant_and_shown_price() -> None:
    lab = Labels.from_dict({"price_max": 100})
    assert item_fits(PRODUCTS[0], "a-w-42-black", 90, lab)
    assert not item_fits(PRODUCTS[0], "a-w-42-black", 101, lab)
    assert not item_fits(PRODUCTS[0], "no-such-variant", 90, lab)


def test_grades_soft_part_and_sort() -> None:
    g = grades(PRODUCTS, Labels.from_dict({"colors": ["black"], "keywords": ["stride"]}))
    assert g == {"a-w": 2, "b": 2, "c-w": 0, "d-w": 0, "e-w": 1}
    cheap = grades(PRODUCTS, Labels.from_dict({"colors": ["black"], "cheap": True}))
    assert cheap["e-w"] == 2 and cheap["b"] == 1


def test_ranking_metrics() -> None:
    g = {"x": 2, "y": 1, "z": 0}
    assert ndcg_at(["x", "y"], g) == 1.0
    assert math.isclose(ndcg_at(["z", "x"], g), (3 / math.log2(3)) / (3 + 1 / math.log2(3)))
    assert recall_at(["z", "y"], g) == 0.5
    assert reciprocal_rank(["z", "y"], g) == 0.5
    assert reciprocal_rank(["z"], g) == 0.0
