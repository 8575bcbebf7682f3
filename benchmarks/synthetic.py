"""Deterministic synthetic catalogs at any size, scaled from the demo store's distributions.

Each synthetic product starts from a demo product (round robin, so every category keeps its share),
then draws its brand from the brands of that category, every attribute from the values that key
takes in that category, its price from the category's price range, and its variants' colours and
sizes from the category's variant values. Ids and titles are unique; the same ``n`` and ``seed``
always give the same catalog.

    python -m benchmarks.synthetic 10000 /tmp/catalog-10k.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.config import DEMO_STORE

SERIES = ["Alder", "Basalt", "Cedar", "Drift", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper",
          "Kelp", "Lumen", "Mesa", "Nimbus", "Onyx", "Pike", "Quarry", "Ridge", "Sierra", "Tundra"]  # fmt: skip


def load_demo(path: Path = DEMO_STORE / "catalog.jsonl") -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


class Distributions:
    """Per category: brands, attribute values per key, price range, variant values per key."""

    def __init__(self, demo: list[dict[str, Any]]) -> None:
        self.brands: dict[str, list[str]] = defaultdict(list)
        self.attrs: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        self.prices: dict[str, list[float]] = defaultdict(list)
        self.variant_values: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for p in demo:
            cat = p["category"]
            self.brands[cat].append(p["brand"])
            self.prices[cat].append(float(p["price"]))
            for key, value in p["attributes"].items():
                self.attrs[cat][key].append(value)
            for v in p["variants"]:
                for key, value in v["attributes"].items():
                    self.variant_values[cat][key].append(value)


def _variants(
    rng: random.Random, pid: str, template: dict[str, Any], d: Distributions, price: float
) -> list[dict[str, Any]]:
    """Same variant shape as the template (how many colours x sizes), values drawn from the category."""
    if not template["variants"]:
        return []
    cat = template["category"]
    keys = list(template["variants"][0]["attributes"])
    shape = {k: sorted({str(v["attributes"].get(k)) for v in template["variants"]}) for k in keys}
    chosen: dict[str, list[Any]] = {}
    for key in keys:
        pool = sorted({str(x) for x in d.variant_values[cat][key]}) or shape[key]
        chosen[key] = rng.sample(pool, min(len(shape[key]), len(pool)))
    combos: list[dict[str, Any]] = [{}]
    for key in keys:
        combos = [{**c, key: value} for c in combos for value in chosen[key]]
    out = []
    for combo in combos:
        suffix = "-".join(str(v).lower().replace(" ", "") for v in combo.values())
        out.append(
            {
                "id": f"{pid}-{suffix}",
                "attributes": combo,
                "price": round(price * rng.choice([1.0, 1.0, 1.0, 1.1]), 2),
                "in_stock": rng.random() > 0.2,
            }
        )
    return out


def generate(n: int, seed: int = 7, demo: list[dict[str, Any]] | None = None) -> Iterator[dict[str, Any]]:
    demo = demo or load_demo()
    d = Distributions(demo)
    rng = random.Random(seed)
    for i in range(n):
        template = demo[i % len(demo)]
        cat = template["category"]
        pid = f"syn-{i:06d}"
        brand = rng.choice(d.brands[cat])
        low, high = min(d.prices[cat]), max(d.prices[cat])
        price = round(rng.uniform(low, high), 2) if high > low else low
        attrs = {key: rng.choice(d.attrs[cat][key]) for key in template["attributes"]}
        series = f"{SERIES[(i // len(demo)) % len(SERIES)]} {i // (len(demo) * len(SERIES)) + 1}"
        base = template["title"].removeprefix(template["brand"]).strip()
        product = {
            "id": pid,
            "title": f"{brand} {base} {series}",  # unique: template index x series x generation
            "description": template["description"],
            "category": cat,
            "brand": brand,
            "price": price,
            "currency": "USD",
            "attributes": attrs,
            "variants": _variants(rng, pid, template, d, price),
            "in_stock": rng.random() > 0.1,
            "rating": round(rng.uniform(3.0, 5.0), 1),
            "review_count": rng.randint(0, 800),
            "tags": template["tags"],
            "image_url": "",
            "url": f"https://demo-shop.example/products/{pid}",
        }
        yield product


def write(n: int, path: Path, seed: int = 7) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as out:
        for product in generate(n, seed):
            out.write(json.dumps(product) + "\n")
    return path


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
