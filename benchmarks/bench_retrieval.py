"""Retrieval latency vs catalog size: ~30 realistic shopper queries, read by the real
`QueryUnderstander` (untimed), then run through `ProductRetriever.search` (timed), with and without
hard constraints.

    python -m benchmarks.bench_retrieval --sizes 1000,10000[,100000]
    python -m benchmarks.bench_retrieval --data 100000=/tmp/r100k/s100k/data --json /tmp/after.json

`--data SIZE=DIR` reuses an index built once (`bench_ingest.build_index_fast(SIZE, folder)` writes
it to `folder/data`) so before/after runs search the very same records; `--json` writes the result
there instead of `benchmarks/results/retrieval.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

from benchmarks.common import bench_settings, figure, save_figure, stats, temp_data_dir, write_result

REPEATS = 5
QUERIES = [
    # free text, usually no hard constraint
    "running shoes", "something warm for winter", "wireless headphones with good bass",
    "gift for a kid who likes building", "a good backpack for travel", "kitchen knife",
    "moisturizer for dry skin", "camping stove", "comfortable socks", "phone case",
    "desk lamp for the office", "rain jacket", "fast charger", "tent for two people",
    "graphic tee",
    # with hard constraints (category, price, brand, colour, size, attributes)
    "hiking boots under $150", "waterproof hiking boots size 42", "black running shoes in size 43",
    "headphones under 100 dollars", "blue t-shirt size M", "jackets between $80 and $200",
    "vegan moisturizer under $40", "backpack over 30 litres", "the cheapest charger",
    "the most expensive tent", "women's running shoes in size 38 under $120",
    "red socks size L", "noise cancelling headphones under $200", "green jacket size XL",
    "best rated kitchen knife under $60",
]  # fmt: skip


def measure(data_dir: Path, label: str) -> dict[str, Any]:
    import numpy as np

    from assistant.models.embedder import get_embedder
    from assistant.retrieve.catalog import Catalog
    from assistant.retrieve.products import ProductRetriever
    from assistant.storage.vectors import open_store
    from assistant.understand.intents import IntentClassifier
    from assistant.understand.understander import QueryUnderstander

    settings = bench_settings(data_dir)
    store = open_store(settings)
    started = time.perf_counter()
    catalog = Catalog.from_store(store)
    load_s = time.perf_counter() - started
    embedder = get_embedder(settings)

    def embed_many(texts: list[str]) -> Any:
        return np.stack([embedder.embed_query(t) for t in texts])

    understander = QueryUnderstander(catalog.vocabulary, IntentClassifier(embed=embed_many), embed=embed_many)
    retriever = ProductRetriever(catalog, store, embedder.embed_query)
    filtered: list[float] = []
    free: list[float] = []
    stages: dict[str, list[float]] = {}
    per_query = []
    for query in QUERIES:
        u = understander.understand(query)
        c = u.constraints
        retriever.search(u.search_text, c)  # warm-up: caches the query embedding, as a repeat visitor would
        runs = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            result = retriever.search(u.search_text, c)
            runs.append((time.perf_counter() - started) * 1000)
            for stage, ms in result.timings_ms.items():
                stages.setdefault(stage, []).append(ms)
        (free if c.is_empty() else filtered).extend(runs)
        per_query.append({"query": query, "constrained": not c.is_empty(), "ms_p50": stats(runs)["p50"],
                          "total_matching": result.total_matching, "relaxed": result.relaxed})  # fmt: skip
    return {
        "label": label,
        "products": len(catalog),
        "catalog_load_s": round(load_s, 2),
        "all": stats(filtered + free),
        "with_filters": stats(filtered),
        "without_filters": stats(free),
        "stages_ms": {k: stats(v) for k, v in stages.items()},
        "queries": per_query,
    }


def plot(rows: list[dict[str, Any]]) -> None:
    fig, ax = figure("Retrieval latency (ProductRetriever.search)")
    sizes = [r["products"] for r in rows]
    for key, colour in (("with_filters", "#4c72b0"), ("without_filters", "#55a868")):
        ax.plot(
            sizes, [r[key]["p95"] for r in rows], "o-", color=colour, label=f"{key.replace('_', ' ')} p95"
        )
        ax.plot(
            sizes, [r[key]["p50"] for r in rows], "o:", color=colour, label=f"{key.replace('_', ' ')} p50"
        )
    ax.scatter([10_000, 100_000], [30, 80], marker="x", color="red", s=80, label="targets (p95)", zorder=5)
    ax.set_xscale("log")
    ax.set_xlabel("products in the catalog")
    ax.set_ylabel("ms per search")
    ax.legend(fontsize=8)
    save_figure(fig, "retrieval")


def run(data_dirs: dict[int, Path], out: Path | None = None) -> dict[str, Any]:
    rows = []
    for size, folder in sorted(data_dirs.items()):
        print(f"retrieval at {size} (load average {os.getloadavg()[0]:.2f}) ...", flush=True)
        rows.append(measure(folder, f"{size}"))
        row = rows[-1]
        row["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
        print(
            f"  filtered p50 {row['with_filters']['p50']} p95 {row['with_filters']['p95']} ms, "
            f"free p50 {row['without_filters']['p50']} p95 {row['without_filters']['p95']} ms, "
            f"load {row['catalog_load_s']} s, load average {row['load_avg_after']}",
            flush=True,
        )
        print("  stages " + ", ".join(f"{k} p95 {v['p95']}" for k, v in row["stages_ms"].items()), flush=True)
    data = {"rows": rows, "repeats": REPEATS, "queries": len(QUERIES)}
    if out is None:
        plot(rows)
        write_result("retrieval", data)
    else:
        out.write_text(json.dumps(data, indent=2, default=str) + "\n")
        print(f"wrote {out}")
    return {"rows": rows}


def main() -> None:
    from benchmarks.bench_ingest import build_index_fast

    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--data", action="append", default=[], help="SIZE=DIR: reuse a built index")
    parser.add_argument("--json", type=Path, default=None, help="write the result here instead")
    args = parser.parse_args()
    if args.data:
        run({int(k): Path(v) for k, v in (d.split("=", 1) for d in args.data)}, args.json)
        return
    with temp_data_dir("retrieval") as root:
        dirs = {}
        for size in (int(s) for s in args.sizes.split(",")):
            build_index_fast(size, root / str(size))
            dirs[size] = root / str(size) / "data"
        run(dirs, args.json)


if __name__ == "__main__":
    main()
