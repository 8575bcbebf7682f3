"""`make bench`: every benchmark in one run, then benchmarks/results/REPORT.md.

    python -m benchmarks.run_all [--sizes 1000,10000] [--big 100000] [--skip baseline,...]

Each step runs on its own; a failing step is reported and the others still run.
"""

from __future__ import annotations

import argparse
import time
import traceback
from pathlib import Path

from benchmarks.common import temp_data_dir, write_result

STEPS = ("ingest", "retrieval", "generation", "speech", "turns", "baseline")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,10000", help="catalog sizes ingested for real")
    parser.add_argument("--real-ingest-max", type=int, default=10_000,
                        help="larger sizes get template vectors (re-sync and retrieval only)")  # fmt: skip
    parser.add_argument("--big", type=int, default=100_000, help="size of the retrieval-only index (0: none)")
    parser.add_argument("--skip", default="", help=f"comma-separated steps to skip: {','.join(STEPS)}")
    args = parser.parse_args()
    skip = {s for s in args.skip.split(",") if s}
    started = time.perf_counter()
    errors: dict[str, str] = {}
    timings: dict[str, float] = {}

    def step(name: str, fn: object) -> object:
        if name in skip:
            return None
        t0 = time.perf_counter()
        print(f"\n== {name}", flush=True)
        try:
            return fn()  # type: ignore[operator]
        except Exception as exc:  # one broken benchmark must not lose the others' results
            traceback.print_exc()
            errors[name] = f"{type(exc).__name__}: {exc}"
            return None
        finally:
            timings[name] = round(time.perf_counter() - t0, 1)

    from benchmarks import (
        bench_baseline,
        bench_generation,
        bench_ingest,
        bench_retrieval,
        bench_speech,
        bench_turns,
    )

    sizes = [int(s) for s in args.sizes.split(",") if s]
    with temp_data_dir("run-all") as root:
        step("ingest", lambda: bench_ingest.run(sizes, root, args.real_ingest_max))
        dirs: dict[int, Path] = {
            s: root / f"ingest-{s}" / "data" for s in sizes if (root / f"ingest-{s}").exists()
        }
        if args.big and "retrieval" not in skip:

            def big() -> None:
                bench_ingest.build_index_fast(args.big, root / f"fast-{args.big}")
                dirs[args.big] = root / f"fast-{args.big}" / "data"

            step("build_big_index", big)
        step("retrieval", lambda: bench_retrieval.run(dirs))
    step("generation", bench_generation.run)
    step("speech", bench_speech.run)
    ours: list[dict[str, object]] = []

    def turns() -> None:
        bench_turns.run(extra=lambda url: ours.extend(bench_baseline.ours(url)))

    step("turns", turns)
    step("baseline", lambda: bench_baseline.run(ours))
    elapsed = time.perf_counter() - started
    write_result("run_all", {"elapsed_s": round(elapsed, 1), "step_s": timings, "errors": errors})
    from benchmarks.report import write_report

    print("\n" + write_report(errors, elapsed))


if __name__ == "__main__":
    main()
