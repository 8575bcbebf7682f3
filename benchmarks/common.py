"""What every benchmark shares: machine facts, percentiles, result files, plots, temp data dirs."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import matplotlib

matplotlib.use("Agg")  # no display on a shop's box

import numpy as np

RESULTS_DIR = Path(__file__).resolve().parent / "results"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        import psutil

        mem_gb = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu_model": model or platform.processor(),
        "memory_gb": mem_gb,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def stats(samples: Sequence[float]) -> dict[str, float]:
    """p50/p95/max (and n) of a list of timings, in the unit given."""
    if not samples:
        return {"n": 0, "p50": float("nan"), "p95": float("nan"), "max": float("nan")}
    arr = np.asarray(samples, dtype=np.float64)
    return {
        "n": len(arr),
        "p50": round(float(np.percentile(arr, 50)), 3),
        "p95": round(float(np.percentile(arr, 95)), 3),
        "max": round(float(arr.max()), 3),
    }


def repeat(fn: Callable[[], Any], times: int, warmup: int = 1) -> list[float]:
    """Milliseconds per call after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(times):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def write_result(name: str, data: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    payload = {"name": name, "machine": machine(), "written_at": time.strftime("%Y-%m-%d %H:%M:%S"), **data}
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n")
    print(f"wrote {path.relative_to(PROJECT_ROOT)}")
    return path


def read_result(name: str) -> dict[str, Any] | None:
    path = RESULTS_DIR / f"{name}.json"
    return json.loads(path.read_text()) if path.is_file() else None


def figure(name: str) -> Any:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=110)
    fig.suptitle(name)
    return fig, ax


def save_figure(fig: Any, name: str) -> Path:
    import matplotlib.pyplot as plt

    path = RESULTS_DIR / f"{name}.png"
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


@contextmanager
def temp_data_dir(prefix: str) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix=f"bench-{prefix}-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def bench_settings(data_dir: Path, **overrides: Any) -> Any:
    """Settings for a benchmark run: its own data dir, no rate limit in the way of load tests."""
    from assistant.config import Settings

    return Settings(data_dir=data_dir, rate_limit_per_minute=100_000, max_queue=64, **overrides)


def espeak_clip(text: str, path: Path, seconds: float | None = None) -> Path | None:
    """A spoken clip made with espeak-ng; `seconds` pads (or trims) to an exact length with silence."""
    if shutil.which("espeak-ng") is None:
        return None
    subprocess.run(["espeak-ng", "-s", "150", "-w", str(path), text], check=True, capture_output=True)
    if seconds is None:
        return path
    import wave

    with wave.open(str(path), "rb") as src:
        params = src.getparams()
        frames = src.readframes(src.getnframes())
    want = int(seconds * params.framerate) * params.sampwidth * params.nchannels
    frames = frames[:want] + b"\x00" * max(0, want - len(frames))
    with wave.open(str(path), "wb") as dst:
        dst.setparams(params)
        dst.writeframes(frames)
    return path
