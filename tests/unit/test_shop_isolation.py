"""An index belongs to one shop: a kind the import does not name stays as it is (empty on a first
import) and is never filled from the demo store; the demo loads only into an empty data dir when
no shop data is configured; `--prune` empties a kind.

Memory vector store and a hashing embedder: isolation is about which records land where, not about
ranking, so no model is loaded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.config import DEMO_STORE, Settings
from assistant.ingest.isolation import read_origin
from assistant.ingest.sync import Sources, ingest, resolve_sources
from assistant.storage.sqlite import ShopDatabase
from assistant.storage.vectors import VectorStore, open_store
from tests.unit.test_order_ids import HashEmbedder

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
SHOP_CATALOG = FIXTURES / "catalog_mixed.jsonl"


def _store(data_dir: Path) -> tuple[Settings, VectorStore, ShopDatabase]:
    settings = Settings(data_dir=data_dir, generator_backend="none")
    return settings, open_store(settings, "memory"), ShopDatabase(data_dir / "shop.sqlite")


def _demo_order_and_email() -> tuple[str, str]:
    order = json.loads((DEMO_STORE / "orders.jsonl").read_text(encoding="utf-8").splitlines()[0])
    customers = [
        json.loads(line) for line in (DEMO_STORE / "customers.jsonl").read_text().splitlines() if line
    ]
    email = next(c["email"] for c in customers if c["id"] == order["customer_id"])
    return order["order_id"], email


def test_the_settings_name_no_demo_file() -> None:
    settings = Settings()
    assert not settings.shop_configured()
    assert Sources.from_settings(settings).empty


def test_a_catalog_alone_leaves_every_other_kind_empty(tmp_path: Path) -> None:
    settings, store, db = _store(tmp_path / "data")
    report = ingest(
        settings, Sources(catalog=[SHOP_CATALOG]), progress=False, store=store, embed=HashEmbedder().embed
    )

    assert report.imported("products") == 3
    assert set(report.counts) == {"products"}
    assert (store.count("faqs"), store.count("policies"), db.count("customers"), db.count("orders")) == (
        0,
        0,
        0,
        0,
    )
    assert read_origin(settings.resolved_data_dir()) == "shop"
    # Nothing configured and a shop's data dir: a plain re-sync loads nothing, least of all the demo.
    assert resolve_sources(settings, store).empty


def test_the_demo_loads_only_into_an_empty_data_dir(tmp_path: Path) -> None:
    settings, store, _ = _store(tmp_path / "data")
    assert resolve_sources(settings, store).origin == "demo"
    configured = Settings(data_dir=tmp_path / "data", catalog_path=SHOP_CATALOG)
    assert resolve_sources(configured, store) == Sources(catalog=[SHOP_CATALOG])


def test_a_shops_first_import_into_a_demo_data_dir_empties_the_demo(tmp_path: Path) -> None:
    settings, store, db = _store(tmp_path / "data")
    embed = HashEmbedder().embed
    ingest(settings, Sources.demo(), progress=False, store=store, embed=embed)
    assert read_origin(settings.resolved_data_dir()) == "demo" and store.count("faqs") > 0

    report = ingest(settings, Sources(catalog=[SHOP_CATALOG]), progress=False, store=store, embed=embed)

    assert report.pruned["faqs"] > 0 and report.pruned["orders"] > 0
    assert store.count("products") == 3
    assert (store.count("faqs"), store.count("policies"), db.count("customers"), db.count("orders")) == (
        0,
        0,
        0,
        0,
    )
    assert read_origin(settings.resolved_data_dir()) == "shop"


def test_prune_empties_one_kind_and_keeps_the_rest(tmp_path: Path) -> None:
    settings, store, db = _store(tmp_path / "data")
    embed = HashEmbedder().embed
    sources = Sources(
        catalog=[SHOP_CATALOG], faq=FIXTURES / "faqs.jsonl", customers=FIXTURES / "customers.jsonl",
        orders=FIXTURES / "orders.jsonl",
    )  # fmt: skip
    ingest(settings, sources, progress=False, store=store, embed=embed)
    assert store.count("faqs") > 0 and db.count("orders") > 0

    report = ingest(
        settings, Sources(), progress=False, store=store, embed=embed, prune_kinds=["faq", "orders"]
    )

    assert (store.count("faqs"), db.count("orders")) == (0, 0)
    assert report.pruned == {"faqs": report.pruned["faqs"], "orders": report.pruned["orders"]}
    assert store.count("products") == 3 and db.count("customers") > 0


@pytest.fixture()
def shop_bot(tmp_path: Path) -> Any:
    from assistant.assistant import Assistant
    from tests.conftest import ScriptedGenerator

    settings, store, _ = _store(tmp_path / "data")
    embedder = HashEmbedder()
    ingest(settings, Sources(catalog=[SHOP_CATALOG]), progress=False, store=store, embed=embedder.embed)
    return Assistant(settings, store, embedder=embedder, generator=ScriptedGenerator())


def test_a_catalog_only_shop_answers_nothing_from_the_demo(shop_bot: Any) -> None:
    demo_faqs = (DEMO_STORE / "faqs.jsonl").read_text(encoding="utf-8")
    order_id, email = _demo_order_and_email()

    shipping = shop_bot.chat("iso-1", "how much is shipping?")
    order = shop_bot.chat("iso-2", f"where is my order {order_id}? my email is {email}")
    customer = shop_bot.chat("iso-3", f"what do you know about me? I'm {email}")

    for reply in (shipping, order, customer):
        assert not reply.citations, reply.citations  # no FAQ or policy of anyone's to cite
        assert "$5.95" not in reply.text
        for line in demo_faqs.splitlines()[:50]:
            answer = json.loads(line)["answer"]
            assert answer[:60] not in reply.text
    assert "Total:" not in order.text and "is shipped" not in order.text
    assert not shop_bot.db.all_orders() and shop_bot.db.customer("c1") is None
