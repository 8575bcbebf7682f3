"""A small store (shoes and bags, every FAQ and policy, all customers and orders) for crash tests:
small enough that a full ingest takes seconds, big enough that a kill lands mid-write."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import DEMO_STORE, PROJECT_ROOT

KEEP = ("Shoes", "Bags")


def write_catalog(target: Path, variant: int = 0) -> list[dict[str, object]]:
    """The small catalog; variant n changes a third of the descriptions and drops a few ids."""
    products = []
    index = -1
    for line in (DEMO_STORE / "catalog.jsonl").read_text(encoding="utf-8").splitlines():
        product = json.loads(line)
        if not str(product["category"]).startswith(KEEP):
            continue
        index += 1
        if variant and index % 3 == variant % 3:
            product["description"] = f"{product.get('description', '')} Revised in edition {variant}."
        if variant and index % 17 == variant:
            continue  # left the source: the sync must delete it
        products.append(product)
    target.write_text("".join(json.dumps(p) + "\n" for p in products), encoding="utf-8")
    return products


def ingest_command(source: Path) -> list[str]:
    return [
        sys.executable, "-m", "assistant.cli", "ingest", "--quiet",
        "--catalog", str(source / "catalog.jsonl"), "--faq", str(DEMO_STORE / "faqs.jsonl"),
        "--policies", str(DEMO_STORE / "policies"), "--customers", str(DEMO_STORE / "customers.jsonl"),
        "--orders", str(DEMO_STORE / "orders.jsonl"),
    ]  # fmt: skip


def child_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Source files and a fully ingested data dir: <root>/src and <root>/data."""
    root = tmp_path_factory.mktemp("small-store")
    (root / "src").mkdir()
    write_catalog(root / "src" / "catalog.jsonl")
    done = subprocess.run(
        ingest_command(root / "src"), env=child_env(root / "data"), cwd=PROJECT_ROOT,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return root
