"""Ingestion throughput and unchanged-catalog re-sync time at 1k, 10k and 100k synthetic products,
each in its own data dir; the 100k index is then reused by the retrieval benchmark.

Sizes above `real_max` (default 1k) are not built through `ingest`: embedding 100k product texts
with MiniLM on 2 cores takes longer than the whole `make bench` budget (the measured products/s
says how long). Their vectors are the real embedding of the demo product each synthetic product was
scaled from, plus small noise; the records, metadata and Chroma HNSW index are the real thing, so
re-sync time and retrieval *latency* are real while the dense *ranking* is not meaningful.

    python -m benchmarks.bench_ingest [--sizes 1000,10000,100000] [--real-max 1000]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from benchmarks.common import bench_settings, figure, save_figure, write_result
from benchmarks.synthetic import generate, load_demo, write

REPEATS_RESYNC = 3


def resync_repeats(size: int) -> int:
    """3 unchanged re-syncs; 2 at 100k and above, where one takes tens of seconds on 2 cores."""
    return REPEATS_RESYNC if size <= 10_000 else 2


def ingest_catalog(size: int, folder: Path) -> dict[str, Any]:
    """Fresh ingest then unchanged re-syncs of a `size`-product catalog into `folder`."""
    from assistant.ingest.sync import Sources, ingest
    from assistant.models.embedder import get_embedder
    from assistant.storage.vectors import open_store

    settings = bench_settings(folder / "data")
    catalog = write(size, folder / f"catalog-{size}.jsonl")
    get_embedder(settings)  # loaded once per process; its load time is not ingestion
    sources = Sources(catalog=[catalog])
    store = open_store(settings)
    started = time.perf_counter()
    report = ingest(settings, sources, progress=False, store=store)
    first_s = time.perf_counter() - started
    resync = []
    for _ in range(resync_repeats(size)):
        started = time.perf_counter()
        again = ingest(settings, sources, progress=False, store=store)
        resync.append(time.perf_counter() - started)
        assert again.counts["products"].unchanged == size, again.table()
    return {
        "size": size,
        "added": report.counts["products"].added,
        "rejected": report.counts["products"].rejected,
        "first_ingest_s": round(first_s, 2),
        "products_per_s": round(size / first_s, 1),
        "resync_s": [round(x, 2) for x in resync],
        "resync_p50_s": round(sorted(resync)[len(resync) // 2], 2),
        "resync_max_s": round(max(resync), 2),
        "data_dir": str(settings.resolved_data_dir()),
    }


def build_index_fast(
    size: int, folder: Path, noise: float = 0.15, catalog: Path | None = None
) -> dict[str, Any]:
    """A `size`-product index with template-derived vectors (see the module docstring), from the
    synthetic generator or, when given, the catalog file it already wrote."""
    import json

    import numpy as np

    from assistant.ingest.documents import product_document, product_metadata
    from assistant.models.embedder import get_embedder
    from assistant.records import Product
    from assistant.storage.vectors import open_store

    settings = bench_settings(folder / "data")
    demo = load_demo()
    embedder = get_embedder(settings)
    base = embedder.embed([product_document(Product.model_validate(p)) for p in demo])
    rng = np.random.default_rng(7)
    store = open_store(settings)
    started = time.perf_counter()
    batch: list[Product] = []

    def flush() -> None:
        idx = np.array([int(p.id.split("-")[1]) % len(demo) for p in batch])
        vectors = base[idx] + rng.normal(0, noise / np.sqrt(base.shape[1]), (len(batch), base.shape[1]))
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        store.upsert(
            "products",
            [p.id for p in batch],
            vectors.astype(np.float32),
            [product_document(p) for p in batch],
            [product_metadata(p) for p in batch],
        )
        batch.clear()

    rows = (json.loads(line) for line in catalog.open()) if catalog is not None else generate(size)
    for raw in rows:
        batch.append(Product.model_validate(raw))
        if len(batch) == 1000:
            flush()
    if batch:
        flush()
    return {"size": size, "build_s": round(time.perf_counter() - started, 1), "vectors": "template+noise",
            "data_dir": str(settings.resolved_data_dir())}  # fmt: skip


def plot(rows: list[dict[str, Any]]) -> None:
    fig, ax = figure("Ingestion (synthetic catalogs)")
    sizes = [r["size"] for r in rows]
    ax.bar(
        [str(s) for s in sizes],
        [r["products_per_s"] or 0 for r in rows],
        color="#4c72b0",
        label="first ingest",
    )
    ax.axhline(200, color="red", linestyle="--", label="target 200 products/s")
    ax.set_xlabel("products")
    ax.set_ylabel("products / s")
    ax2 = ax.twinx()
    ax2.plot(
        [str(s) for s in sizes],
        [r["resync_max_s"] for r in rows],
        "o-",
        color="#dd8452",
        label="re-sync (max)",
    )
    ax2.set_ylabel("unchanged re-sync, s")
    ax.legend(loc="upper left")
    ax2.legend(loc="upper right")
    save_figure(fig, "ingest")


def resync_only(size: int, folder: Path) -> dict[str, Any]:
    """Unchanged re-syncs of a catalog indexed by `build_index_fast` (the hashes are the real ones,
    so the sync embeds nothing, exactly as after a real ingest)."""
    from assistant.ingest.sync import Sources, ingest
    from assistant.storage.vectors import open_store

    catalog = write(size, folder / f"catalog-{size}.jsonl")
    build = build_index_fast(size, folder, catalog=catalog)
    settings = bench_settings(folder / "data")
    store = open_store(settings)
    resync = []
    for _ in range(resync_repeats(size)):
        started = time.perf_counter()
        again = ingest(settings, Sources(catalog=[catalog]), progress=False, store=store)
        resync.append(time.perf_counter() - started)
        assert again.counts["products"].unchanged == size, again.table()
    return {"size": size, "first_ingest_s": None, "products_per_s": None, "index": "template vectors",
            "build_s": build["build_s"], "resync_s": [round(x, 2) for x in resync],
            "resync_p50_s": round(sorted(resync)[len(resync) // 2], 2), "resync_max_s": round(max(resync), 2),
            "data_dir": build["data_dir"]}  # fmt: skip


def run(sizes: list[int], root: Path, real_max: int = 1_000) -> dict[str, Any]:
    """Sizes above `real_max` are indexed with template vectors and measured for re-sync only.
    Each size's index stays in `root/ingest-<size>/data` for the retrieval benchmark."""
    from assistant.ingest.sync import EMBED_BATCH

    rows = []
    for size in sizes:
        print(f"ingest {size} ...", flush=True)
        started = time.perf_counter()
        if size <= real_max:
            rows.append(ingest_catalog(size, root / f"ingest-{size}"))
        else:
            rows.append(resync_only(size, root / f"ingest-{size}"))
        rows[-1]["step_s"] = round(time.perf_counter() - started, 1)
        print(
            f"  {rows[-1]['products_per_s']} products/s, re-sync max {rows[-1]['resync_max_s']} s "
            f"({rows[-1]['step_s']} s in all)",
            flush=True,
        )
    plot(rows)
    write_result("ingest", {"rows": rows, "embed_batch": EMBED_BATCH, "real_ingest_max": real_max})
    return {"rows": rows}


def main() -> None:
    import os

    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # as `assistant ingest` sets it (cli.py)
    from benchmarks.common import temp_data_dir

    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--real-max", type=int, default=1_000, help="larger sizes get template vectors")
    args = parser.parse_args()
    with temp_data_dir("ingest") as root:
        run([int(s) for s in args.sizes.split(",")], root, args.real_max)


if __name__ == "__main__":
    main()
