"""Write the whole store into a directory: JSONL files, the taste profiles and the policy pages."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .basics import SEED
from .catalog import build_catalog
from .customers import build_customers, taste_row
from .faqs import build_faqs
from .orders import build_orders
from .policy_pages import write_policies


def write_jsonl(path: Path, rows: Sequence[Any]) -> None:
    lines = [
        json.dumps(row.model_dump(mode="json") if hasattr(row, "model_dump") else row, ensure_ascii=False)
        for row in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def generate(out: Path) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    (out / "eval").mkdir(exist_ok=True)
    # Separate streams, so editing the FAQ text or the order logic leaves the catalog unchanged.
    products, kinds = build_catalog(random.Random(SEED))
    customers, tastes = build_customers(random.Random(SEED + 1))
    orders = build_orders(random.Random(SEED + 2), products, kinds, tastes)
    faqs = build_faqs()
    write_jsonl(out / "catalog.jsonl", sorted(products, key=lambda p: p.id))
    write_jsonl(out / "faqs.jsonl", faqs)
    write_jsonl(out / "customers.jsonl", customers)
    write_jsonl(out / "orders.jsonl", orders)
    write_jsonl(out / "eval" / "customer_tastes.jsonl", [taste_row(t) for t in tastes])
    policies = write_policies(out)
    return {
        "products": len(products),
        "faqs": len(faqs),
        "policies": policies,
        "customers": len(customers),
        "orders": len(orders),
    }
