"""`make bench`: every benchmark in one run, then benchmarks/results/REPORT.md.

    python -m benchmarks.run_all [--sizes 1000,10000,100000] [--real-ingest-max 1000] [--big 100000]
                                 [--skip baseline,...]

Each step runs on its own; a failing step is reported and the others still run. Every step prints
its time against its budget (the whole run should stay under 20 minutes on a 2-core box), and the
run ends with a table of both, also in benchmarks/results/run_all.json.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import traceback
from pathlib import Path

from benchmarks.common import temp_data_dir, write_result

STEPS = ("ingest", "retrieval", "generation", "purposes", "speech", "turns", "baseline")
# Seconds per step on a quiet 2-core box, with headroom; 1,110 s in all against the 1,200 s target.
BUDGET_S = {
    "ingest": 240,  # 1k real ingest, 10k and 100k template indexes, their re-syncs
    "build_big_index": 180,  # only when --big is not one of --sizes
    "retrieval": 150,
    "generation": 150,
    "purposes": 120,  # 4 fact sheets per store: closing sentence and whole answer on the bundled model
    "speech": 30,
    "turns": 300,
    "baseline": 240,
}


def budget_table(timings: dict[str, float], loads: dict[str, float], elapsed: float) -> str:
    """Seconds per step against its budget, with the 1-minute load average when the step ended."""
    lines = [f"{'step':<16} {'seconds':>8} {'budget':>7} {'load avg':>9}", "-" * 43]
    for name, seconds in timings.items():
        over = "  OVER" if seconds > BUDGET_S.get(name, float("inf")) else ""
        lines.append(
            f"{name:<16} {seconds:>8.1f} {BUDGET_S.get(name, 0):>7} {loads.get(name, 0):>9.2f}{over}"
        )
    lines.append(f"{'total':<16} {elapsed:>8.1f} {1200:>7}")
    return "\n".join(lines)


def ingest_like_the_cli(sizes: list[int], root: Path, real_max: int) -> None:
    """The ingest benchmark in its own process, with the OpenMP passive waiting `assistant ingest`
    sets. It must not be set in this process: libgomp reads it once, and the generation step here
    would then decode at a third of its speed (docs/decisions.md)."""
    code = (
        "import sys; from pathlib import Path; from benchmarks import bench_ingest; "
        "bench_ingest.run([int(s) for s in sys.argv[1].split(',')], Path(sys.argv[2]), int(sys.argv[3]))"
    )
    env = {**os.environ, "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY", "PASSIVE")}
    argv = [sys.executable, "-c", code, ",".join(map(str, sizes)), str(root), str(real_max)]
    subprocess.run(argv, env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,10000,100000", help="catalog sizes ingested and re-synced")
    parser.add_argument("--real-ingest-max", type=int, default=1_000,
                        help="larger sizes get template vectors (re-sync and retrieval only)")  # fmt: skip
    parser.add_argument("--big", type=int, default=100_000,
                        help="size of the retrieval-only index when it is not one of --sizes (0: none)")  # fmt: skip
    parser.add_argument("--skip", default="", help=f"comma-separated steps to skip: {','.join(STEPS)}")
    args = parser.parse_args()
    skip = {s for s in args.skip.split(",") if s}
    started = time.perf_counter()
    errors: dict[str, str] = {}
    timings: dict[str, float] = {}
    loads: dict[str, float] = {}

    def step(name: str, fn: object) -> object:
        if name in skip:
            return None
        t0 = time.perf_counter()
        print(f"\n== {name} (budget {BUDGET_S.get(name, '?')} s, load average {os.getloadavg()[0]:.1f})",
              flush=True)  # fmt: skip
        try:
            return fn()  # type: ignore[operator]
        except Exception as exc:  # one broken benchmark must not lose the others' results
            traceback.print_exc()
            errors[name] = f"{type(exc).__name__}: {exc}"
            return None
        finally:
            timings[name] = round(time.perf_counter() - t0, 1)
            loads[name] = round(os.getloadavg()[0], 2)
            total = time.perf_counter() - started
            print(f"== {name}: {timings[name]} s of {BUDGET_S.get(name, '?')} s budget; "
                  f"{total / 60:.1f} min so far", flush=True)  # fmt: skip

    from benchmarks import (
        bench_baseline,
        bench_generation,
        bench_ingest,
        bench_purposes,
        bench_retrieval,
        bench_speech,
        bench_turns,
    )

    sizes = [int(s) for s in args.sizes.split(",") if s]
    with temp_data_dir("run-all") as root:
        step("ingest", lambda: ingest_like_the_cli(sizes, root, args.real_ingest_max))
        dirs: dict[int, Path] = {
            s: root / f"ingest-{s}" / "data" for s in sizes if (root / f"ingest-{s}" / "data").exists()
        }
        if args.big and args.big not in dirs and "retrieval" not in skip:
            # Only when the ingest step did not already build this size: a 100k index takes minutes.

            def big() -> None:
                bench_ingest.build_index_fast(args.big, root / f"fast-{args.big}")
                dirs[args.big] = root / f"fast-{args.big}" / "data"

            step("build_big_index", big)
        step("retrieval", lambda: bench_retrieval.run(dirs))
    step("generation", bench_generation.run)
    step("purposes", bench_purposes.run)
    step("speech", bench_speech.run)
    ours: list[dict[str, object]] = []

    def turns() -> None:
        bench_turns.run(extra=lambda url: ours.extend(bench_baseline.ours(url)))

    step("turns", turns)
    step("baseline", lambda: bench_baseline.run(ours))
    elapsed = time.perf_counter() - started
    print("\n" + budget_table(timings, loads, elapsed))
    write_result("run_all", {"elapsed_s": round(elapsed, 1), "step_s": timings, "budget_s": BUDGET_S,
                             "load_avg_after_step": loads, "errors": errors})  # fmt: skip
    from benchmarks.report import write_report

    print("\n" + write_report(errors, elapsed))


if __name__ == "__main__":
    main()
