"""One data dir, one shop: which store a data dir holds, and emptying a kind of record.

A data dir remembers whether it holds the demo store or a shop's data (``store.json``). The demo
is loaded only into an empty data dir when no shop data is configured; the first import of a
shop's own files into a demo data dir clears every kind first, so none of the demo's FAQs,
policies, customers or orders can answer that shop's shoppers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from assistant.storage.sqlite import ShopDatabase
from assistant.storage.vectors import Kind, VectorStore

Origin = Literal["demo", "shop"]
ORIGIN_FILE = "store.json"
# `assistant ingest --prune KIND`: the names a shop uses -> where the records live.
PRUNE_KINDS: dict[str, str] = {
    "catalog": "products",
    "faq": "faqs",
    "policies": "policies",
    "customers": "customers",
    "orders": "orders",
}
VECTOR_KINDS: tuple[Kind, ...] = ("products", "faqs", "policies")
TABLES = ("customers", "orders")


def read_origin(data_dir: Path) -> Origin | None:
    """ "demo", "shop", or None for a data dir this project has not written a marker into."""
    try:
        origin = json.loads((data_dir / ORIGIN_FILE).read_text(encoding="utf-8")).get("store")
    except (OSError, ValueError, AttributeError):
        return None
    return origin if origin in ("demo", "shop") else None


def write_origin(data_dir: Path, origin: Origin) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / ORIGIN_FILE).write_text(json.dumps({"store": origin}) + "\n", encoding="utf-8")


def holds_records(store: VectorStore, db: ShopDatabase) -> bool:
    return any(store.count(kind) for kind in VECTOR_KINDS) or any(db.count(t) for t in TABLES)


def prune(store: VectorStore, db: ShopDatabase, kinds: list[str]) -> dict[str, int]:
    """Empties each named kind (catalog, faq, policies, customers, orders); returns rows removed."""
    removed: dict[str, int] = {}
    for name in kinds:
        target = PRUNE_KINDS[name]
        if target in TABLES:
            removed[target] = db.clear(target)
            continue
        kind: Kind = "products" if target == "products" else "faqs" if target == "faqs" else "policies"
        ids = list(store.existing_hashes(kind))
        if ids:
            store.delete(kind, ids)
        removed[target] = len(ids)
    return removed
