"""The stores `make eval` measures, each indexed on its own from only its own sources.

The demo store lives in knowledge/ with its labelled sets in evaluation/; every development store
lives in knowledge/stores/<name>/ with its labelled sets in evaluation/stores/<name>/. Every source
path is passed to ingest explicitly (a kind the store lacks is None), so no store's index can pick
up another store's FAQ, policies, customers or orders, whatever the ingest defaults are.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.config import DEMO_STORE, PROJECT_ROOT, Settings

EVAL_DIR = PROJECT_ROOT / "evaluation"
DEMO = "demo"


@dataclass(frozen=True)
class StoreSpec:
    name: str
    knowledge: Path  # the store's source files
    labels: Path  # its labelled sets: retrieval_queries.yaml, help_questions.yaml, ...
    dialogues: Path  # a directory of dialogue files or one file

    def source(self, name: str) -> Path | None:
        path = self.knowledge / name
        return path if path.exists() else None

    @property
    def catalog(self) -> Path:
        return self.knowledge / "catalog.jsonl"

    def labelled(self, name: str) -> Path | None:
        path = self.labels / name
        return path if path.exists() else None


def all_stores() -> list[StoreSpec]:
    """The demo store first, then every development store that has both data and labels."""
    stores = [StoreSpec(DEMO, DEMO_STORE, EVAL_DIR, EVAL_DIR / "conversations")]
    root = DEMO_STORE / "stores"
    for directory in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        labels = EVAL_DIR / "stores" / directory.name
        if (directory / "catalog.jsonl").exists() and labels.is_dir():
            stores.append(StoreSpec(directory.name, directory, labels, labels / "conversations.yaml"))
    return stores


def store_settings(spec: StoreSpec, data_dir: Path, base: Settings, **overrides: Any) -> Settings:
    """Settings pointing at this store only; a kind the store lacks is None, never a default."""
    fields = {
        **base.model_dump(),
        "data_dir": data_dir,
        "catalog_path": spec.catalog,
        "faq_path": spec.source("faqs.jsonl"),
        "policies_dir": spec.source("policies"),
        "customers_path": spec.source("customers.jsonl"),
        "orders_path": spec.source("orders.jsonl"),
        "catalog_map": None,
        **overrides,
    }
    return Settings(**fields)


def ingest_store(spec: StoreSpec, settings: Settings) -> dict[str, Any]:
    from assistant.ingest.sync import Sources, ingest

    sources = Sources(
        catalog=[spec.catalog],
        faq=spec.source("faqs.jsonl"),
        policies=spec.source("policies"),
        customers=spec.source("customers.jsonl"),
        orders=spec.source("orders.jsonl"),
        origin="demo" if spec.name == DEMO else "shop",
    )
    started = time.perf_counter()
    report = ingest(settings, sources, progress=False)
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "imported": {name: report.imported(name) for name in report.counts},
        "rejected": {name: c.rejected for name, c in report.counts.items() if c.rejected},
        "sources": {
            "catalog": str(spec.catalog.relative_to(PROJECT_ROOT)),
            **{
                kind: str(path.relative_to(PROJECT_ROOT)) if path else None
                for kind, path in (
                    ("faq", sources.faq),
                    ("policies", sources.policies),
                    ("customers", sources.customers),
                    ("orders", sources.orders),
                )
            },
        },
    }
