"""Personalisation building blocks without models: co-purchase model, profiles, personalizer,
reasons, feedback priors, forget parsing and the rank blend."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.contracts import Constraints
from assistant.personal.answers import forget_scopes
from assistant.personal.copurchase import CoPurchaseModel
from assistant.personal.personalizer import FeedbackPriors, ProfilePersonalizer
from assistant.personal.profile import build_profile
from assistant.personal.records import ProfileRecords
from assistant.records import Order, OrderItem, Product, Variant
from assistant.retrieve.catalog import Catalog
from assistant.retrieve.products import Match
from assistant.retrieve.rank import RankWeights, rank_matches
from assistant.storage.sqlite import ShopDatabase


def shoe(pid: str, brand: str, price: float, sizes: tuple[str, ...], title: str = "") -> Product:
    variants = [Variant(id=f"{pid}-{s}", attributes={"size": s}, in_stock=True) for s in sizes]
    return Product(
        id=pid,
        title=title or f"{brand} {pid} Women's Runner",
        price=price,
        category="Shoes > Running",
        brand=brand,
        variants=variants,
    )


def sock(pid: str, brand: str) -> Product:
    return Product(
        id=pid, title=f"{brand} {pid} Running Socks", price=15.0, category="Accessories > Socks", brand=brand
    )


@pytest.fixture()
def catalog() -> Catalog:
    return Catalog(
        [
            shoe("s1", "Stride", 90.0, ("41", "42")),
            shoe("s2", "Stride", 95.0, ("41",)),
            shoe("s3", "Other", 92.0, ("44",)),
            shoe("s4", "Other", 300.0, ("41",)),
            sock("k1", "Sox"),
            sock("k2", "Sox"),
        ]
    )


def order(oid: str, customer: str, *lines: tuple[str, str | None], when: str = "2026-01-01") -> Order:
    items = [OrderItem(product_id=p, variant_id=v, title=p, price=10.0) for p, v in lines]
    return Order(order_id=oid, customer_id=customer, status="delivered", placed_at=when, items=items)


ORDERS = [
    order("A1", "c1", ("s1", "s1-41"), ("k1", None), when="2026-01-01"),
    order("A2", "c2", ("s1", "s1-42"), ("k1", None), when="2026-02-01"),
    order("A3", "c3", ("s3", "s3-44"), when="2026-03-01"),
]


def model(catalog: Catalog, **kw: object) -> CoPurchaseModel:
    return CoPurchaseModel.from_orders(
        ORDERS,
        [p.id for p in catalog.products],
        categories={p.id: p.category for p in catalog.products},
        **kw,  # type: ignore[arg-type]
    )


def test_item_item_cosine_and_same_order_evidence(catalog: Catalog) -> None:
    m = model(catalog)
    assert m.cosine("s1", "k1") == pytest.approx(1.0)  # both bought by exactly c1 and c2
    assert m.cosine("s1", "s3") == 0.0
    assert m.orders_with_both("k1", "s1") == ["A1", "A2"]
    assert m.bought_with("s1", min_orders=2) == [("k1", ["A1", "A2"])]
    assert m.bought_with("s1", min_orders=3) == []
    assert m.purchases["s1"] == 2 and "s2" not in m.purchases
    assert m.categories_bought_with("Shoes > Running", 2) == [("Accessories > Socks", ["A1", "A2"])]
    assert m.related("s1", 1) == [("k1", pytest.approx(1.0))]


def test_cold_start_items_use_content_similarity(catalog: Catalog) -> None:
    vectors = {"s1": np.array([1.0, 0.0]), "s2": np.array([0.95, 0.05]), "s4": np.array([0.0, 1.0])}
    m = model(catalog, embeddings=vectors)
    assert m.is_cold("s2") and not m.is_cold("s1")
    near, source = m.score("s2", ["s1"])
    far, _ = m.score("s4", ["s1"])
    assert source == "s1" and near > 0.3 and far == 0.0


def test_profile_sizes_come_from_orders_and_a_stated_size_wins(catalog: Catalog, tmp_path: Path) -> None:
    db = ShopDatabase(tmp_path / "shop.sqlite")
    records = ProfileRecords(db)
    profile = build_profile("c1", [ORDERS[0]], catalog)
    assert profile.fits()[("Shoes", "size")] == ("41", "order A1")
    records.remember("c1", "size", "Shoes", "42")
    records.remember("c1", "size", "Shoes", "43")  # replaces 42
    profile = build_profile("c1", [ORDERS[0]], catalog, stated=records.prefs("c1"))
    assert profile.fits()[("Shoes", "size")] == ("43", "you told me")
    assert [p.value for p in records.prefs("c1")] == ["43"]


def test_forget_sizes_deletes_them_and_stops_using_order_sizes(catalog: Catalog, tmp_path: Path) -> None:
    db = ShopDatabase(tmp_path / "shop.sqlite")
    records = ProfileRecords(db)
    records.remember("c1", "size", "Shoes", "43")
    records.remember("c1", "brand", "", "Stride")
    deleted = records.forget("c1", "sizes")
    assert deleted["preferences"] == 1
    assert [p.kind for p in records.prefs("c1")] == ["brand"]
    profile = build_profile(
        "c1", [ORDERS[0]], catalog, stated=records.prefs("c1"), optouts=records.optouts("c1")
    )
    assert profile.fits() == {}
    p = ProfilePersonalizer(profile, catalog, model(catalog))
    assert p._fit(catalog.by_id["s3"]) == 0.5  # size no longer known: neutral, not a penalty
    assert all(r.kind != "fit" for pid in ("s2", "s3", "s4") for r in p.reasons(pid))


def test_personalizer_prefers_own_size_brand_and_budget(catalog: Catalog) -> None:
    profile = build_profile("c1", [ORDERS[0]], catalog)
    p = ProfilePersonalizer(profile, catalog, model(catalog))
    # s2: same brand, own size, same price tier; s3: other brand, no size 41; s4: size 41 but dear.
    assert p.affinity("s2") > p.affinity("s4") > p.affinity("s3")
    stranger = ProfilePersonalizer(None, catalog, model(catalog))
    assert stranger.affinity("s2") == 0.0 and stranger.reasons("s2") == []


def test_personal_reasons_are_true_and_traceable(catalog: Catalog) -> None:
    profile = build_profile("c1", [ORDERS[0]], catalog)
    m = model(catalog)
    p = ProfilePersonalizer(profile, catalog, m)
    orders = {o.order_id: o for o in ORDERS}
    for pid in ("s2", "s4", "k2", "s3"):
        for reason in p.reasons(pid):
            for oid in reason.order_ids:
                assert reason.product_id in {i.product_id for i in orders[oid].items}, reason
            if reason.kind == "fit":
                assert "size 41" in reason.text
                assert any(v.attributes["size"] == "41" and v.in_stock for v in catalog.by_id[pid].variants)
    assert p.reasons("s2")[0].kind == "fit" and p.reasons("s2")[0].order_ids == ("A1",)
    assert p.reasons("s3") == []  # no size 44 bought, other brand, never bought together


def test_feedback_prior_moves_a_little_each_way() -> None:
    priors = FeedbackPriors(Counter({"a": 1}), Counter({"b": 1, "a": 0}), Counter())
    assert 0 < priors.prior("a") < 0.5 and -0.5 < priors.prior("b") < 0 and priors.prior("c") == 0.0


@pytest.mark.parametrize(
    ("message", "scopes"),
    [
        ("forget my sizes", ["sizes"]),
        ("please forget everything about me", ["all"]),
        ("delete my data", ["all"]),
        ("forget my brands and budget", ["brands", "budget"]),
        ("forget my preferences", ["sizes", "brands", "budget"]),
    ],
)
def test_forget_scopes(message: str, scopes: list[str]) -> None:
    assert forget_scopes(message) == scopes


def test_rank_blend_uses_settings_weights(catalog: Catalog) -> None:
    weights = RankWeights.from_settings(Settings(rank_weight_personal=2.0, rank_weight_copurchase=0.0))
    assert weights.personal == 2.0 and weights.copurchase == 0.0
    matches = [Match(catalog.by_id[pid], None, rel, 0.5, 0.0) for pid, rel in (("s3", 1.0), ("s2", 0.9))]
    profile = build_profile("c1", [ORDERS[0]], catalog)
    personal = ProfilePersonalizer(profile, catalog, model(catalog))
    assert rank_matches(matches, Constraints(), 2, weights)[0].product.id == "s3"
    assert rank_matches(matches, Constraints(), 2, weights, personal)[0].product.id == "s2"
