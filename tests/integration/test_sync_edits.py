"""A shop edits one price and drops one product: the re-sync touches exactly those two."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.config import DEMO_STORE, Settings
from assistant.ingest.sync import Sources, ingest
from assistant.storage.vectors import open_store

pytestmark = pytest.mark.integration


def test_resync_updates_exactly_the_edited_and_deleted_products(
    session_data_dir: Path, tmp_path: Path
) -> None:
    rows = [
        json.loads(line) for line in (DEMO_STORE / "catalog.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    edited, dropped = rows[3], rows[7]
    edited["price"] = round(edited["price"] + 1.5, 2)
    kept = [r for r in rows if r["id"] != dropped["id"]]
    catalog = tmp_path / "catalog.jsonl"
    catalog.write_text("\n".join(json.dumps(r) for r in kept) + "\n", encoding="utf-8")

    settings = Settings(data_dir=session_data_dir)
    # The same store edited (the demo's own catalog), so a re-sync, not a new shop's first import.
    report = ingest(settings, Sources(catalog=[catalog], origin="demo"), progress=False)
    counts = report.counts["products"]
    assert (counts.added, counts.updated, counts.deleted) == (0, 1, 1), report.table()
    assert counts.unchanged == len(rows) - 2

    store = open_store(settings)
    ids = {record_id for record_id, _, _ in store.all_records("products")}
    assert dropped["id"] not in ids and len(ids) == len(rows) - 1
    meta = next(m for i, m, _ in store.all_records("products") if i == edited["id"])
    assert meta["price"] == edited["price"]
