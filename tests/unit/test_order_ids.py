"""Order ids in any format: one lookup key per id, the shop's own id shapes read from a message,
the hint in the shop's format, and every labelled order check of the development stores.

The store checks run the real assistant (understander, order skill, database) with the `none`
generator and a hashing embedder: order verification needs no model, only the ids and the proof.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from assistant.config import PROJECT_ROOT, Settings
from assistant.ingest.sync import Sources, ingest
from assistant.records import Order, order_key
from assistant.storage.sqlite import ShopDatabase
from assistant.understand.intents import rule_intent
from assistant.understand.order_ids import OrderIdFormat
from assistant.understand.turn import find_ids, has_lettered_id

STORES = PROJECT_ROOT / "knowledge" / "stores"
CHECKS = PROJECT_ROOT / "evaluation" / "stores"


class HashEmbedder:
    """Deterministic unit vectors from the text's hash: no model, same text -> same vector."""

    dim = 384

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.embed_query(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
        vector = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
        return vector / np.linalg.norm(vector)


@pytest.mark.parametrize("typed", ["#W2611340", "w2611340", "W-2611340", "# w 2611340", "W\u20132611340"])
def test_every_way_of_writing_an_id_has_one_key(typed: str) -> None:
    assert order_key(typed) == "W2611340"


def test_shapes_come_from_the_shops_ids_and_read_ids_however_typed() -> None:
    shop = OrderIdFormat.from_ids(["#SH-10001", "#SH-10002", "#SH-10355"])
    for text, expected in [
        ("has sh 10268 shipped?", "sh 10268"),
        ("what's up with # SH 10006, zip 21512", "SH 10006"),
        ("order #sh10001 please", "sh10001"),
    ]:
        order_id, _, _ = find_ids(text, shop)
        assert order_id == expected
        assert order_key(order_id or "") == order_key(expected)
    # Without the shop's shapes the spaced id falls apart into a bare number.
    assert order_key(find_ids("has sh 10268 shipped?")[0] or "") != "SH10268"


def test_the_zip_after_a_shop_id_stays_the_zip() -> None:
    shop = OrderIdFormat.from_ids(["#W1007919", "#W1015838"])
    assert find_ids("where's #w 1031676, zip code 68354", shop)[:2] == ("w 1031676", "68354")


def test_the_example_is_written_in_the_shops_format_and_digit_ids_give_none_to_the_reader() -> None:
    assert OrderIdFormat.from_ids(["#SH-10001", "#SH-10002"]).example == "#SH-12345"
    assert OrderIdFormat.from_ids(["#W1007919"]).example == "#W1234567"
    shopify = OrderIdFormat.from_ids(["#1042", "#1043"])
    assert shopify.example == "#1234"
    assert shopify.regex() is None  # all-digit ids are left to the digit reader's context rules
    assert OrderIdFormat.from_ids([]).example == ""


def _order(order_id: str) -> Order:
    return Order.model_validate(
        {"order_id": order_id, "customer_id": "c1", "status": "shipped",
         "items": [{"product_id": "p", "title": "P", "price": 1.0}]}
    )  # fmt: skip


def test_the_database_finds_an_order_by_any_form_of_its_id(tmp_path: Path) -> None:
    db = ShopDatabase(tmp_path / "shop.sqlite")
    db.upsert_orders([("#W2611340", "h", _order("#W2611340")), ("#1042", "h", _order("#1042"))])
    for typed in ("#W2611340", "w2611340", "W-2611340", "w 2611340"):
        found = db.order(typed)
        assert found is not None and found.order_id == "#W2611340"
    assert db.order("1042") is not None and db.order("#1042") is not None
    assert db.order("W2611341") is None


def test_two_stored_ids_with_one_key_name_no_order_unless_typed_exactly(tmp_path: Path) -> None:
    db = ShopDatabase(tmp_path / "shop.sqlite")
    db.upsert_orders([("A-1", "h", _order("A-1")), ("A1", "h", _order("A1"))])
    assert db.order("a 1") is None
    assert (db.order("A-1") or _order("x")).order_id == "A-1"


def _bot(store: str, tmp_path: Path) -> Any:
    from assistant.assistant import Assistant
    from assistant.storage.vectors import open_store
    from tests.conftest import ScriptedGenerator

    settings = Settings(data_dir=tmp_path / store, generator_backend="none")
    vectors = open_store(settings, "memory")
    embedder = HashEmbedder()
    sources = Sources(
        catalog=[STORES / store / "catalog.jsonl"],
        customers=STORES / store / "customers.jsonl",
        orders=STORES / store / "orders.jsonl",
    )
    report = ingest(settings, sources, progress=False, store=vectors, embed=embedder.embed)
    assert report.imported("orders") == report.counts["orders"].read, report.table()
    return Assistant(settings, vectors, embedder=embedder, generator=ScriptedGenerator())


def _facts_given(text: str, orders: list[Order]) -> bool:
    """Any fact of any stored order in the reply: its status line, tracking number or item lines."""
    for order in orders:
        if order.tracking is not None and order.tracking.number in text:
            return True
        if re.search(rf"\bOrder {re.escape(order.order_id)}\b.*\bis (?:{order.status})\b", text):
            return True
    return "Total:" in text


@pytest.mark.parametrize("store", ["dummyjson", "reshaped"])
def test_every_valid_order_check_verifies_and_no_invalid_one_does(store: str, tmp_path: Path) -> None:
    bot = _bot(store, tmp_path)
    orders = bot.db.all_orders()
    checks = yaml.safe_load((CHECKS / store / "order_checks.yaml").read_text(encoding="utf-8"))["checks"]
    failed: list[str] = []
    for check in checks:
        reply = bot.chat(f"check-{store}-{check['id']}", check["message"])
        if check["valid"]:
            ok = f"is {check['status']}" in reply.text and str(check.get("tracking", "")) in reply.text
        else:
            ok = not _facts_given(reply.text, orders)
        if not ok:
            failed.append(f"{check['id']}: {check['message']!r} -> {reply.text[:160]!r}")
    valid = [c for c in checks if c["valid"]]
    print(f"{store}: {len(valid) - sum(f[:1] == 'v' for f in failed)}/{len(valid)} valid checks verified, "
          f"{sum(f[:1] == 'i' for f in failed)} invalid checks gave facts")  # fmt: skip
    assert not failed, "\n".join(failed)


def test_the_hint_for_an_order_number_shows_the_shops_format(tmp_path: Path) -> None:
    bot = _bot("reshaped", tmp_path)
    text = bot.chat("hint", "where is my order?").text
    assert "#SH-12345" in text and "A10023" not in text


def test_a_shop_with_orders_reads_only_its_own_id_shapes() -> None:
    shop = OrderIdFormat.from_ids(["#W1007919", "#W1015838"])
    for text in ("Kawasaki Z800", "what's the warranty on the Kawasaki Z800?", "an XPS13 please"):
        assert find_ids(text, shop)[0] is None, text
        assert not has_lettered_id(text, shop)
    assert has_lettered_id("status of w 1007919", shop)
    # Without known shapes (no orders yet) any letters+digits word may be an id, as before.
    assert find_ids("status of ORD-1042")[0] == "ORD-1042"
    assert has_lettered_id("status of ORD-1042")
    # Another shop's shape is no id here ("A10003" in a shop numbering "#SH-10003").
    reshaped = OrderIdFormat.from_ids(["#SH-10001", "#SH-10003"])
    assert find_ids("where is order A10003?", reshaped)[0] is None
    assert rule_intent("Kawasaki Z800", shop_ids=shop) is None
    assert rule_intent("Kawasaki Z800") == "order_status"  # the shop-blind reading it replaces


def test_an_email_given_before_the_order_number_proves_the_number_given_next_once(tmp_path: Path) -> None:
    bot = _bot("reshaped", tmp_path)
    first = bot.chat("held", "where is order A10003? my email is kmensah@example.com").text
    assert "9400281084125111660716" not in first and "order number" in first
    assert "9400281084125111660716" in bot.chat("held", "oh, it's SH 10003").text
    # Used once: a second number is not proved by the same email.
    other = bot.chat("held-2", "my email is kmensah@example.com, where's my parcel?").text
    assert "Total:" not in other
    assert "Total:" not in bot.chat("held-2", "SH 10266").text  # someone else's order: no facts
    assert "Total:" not in bot.chat("held-2", "SH 10003").text  # the email was spent on SH 10266
