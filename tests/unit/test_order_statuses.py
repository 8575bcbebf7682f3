"""The whole-answer checker learns the shop's order statuses from its orders."""

from __future__ import annotations

from pathlib import Path

from assistant.records import Order
from assistant.storage.sqlite import ShopDatabase


def _order(order_id: str, status: str) -> Order:
    return Order.model_validate({"order_id": order_id, "customer_id": "c1", "status": status, "items": []})


def test_order_statuses_are_the_shops_own(tmp_path: Path) -> None:
    db = ShopDatabase(tmp_path / "shop.sqlite")
    assert db.order_statuses() == set()
    orders = [_order("#W1", "returned"), _order("#W2", "shipped"), _order("#W3", "shipped")]
    db.upsert_orders([(o.order_id, f"h{i}", o) for i, o in enumerate(orders)])
    assert db.order_statuses() == {"returned", "shipped"}
