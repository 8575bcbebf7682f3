"""Generator time-to-first-token and decode tokens/s for llamacpp and transformers at two prompt
lengths (the prompts and loop of `bench_models`), beside the memory-bandwidth bound for the model
size: decoding reads every weight once per token, so tok/s <= bandwidth / model bytes.

    python -m benchmarks.bench_generation
"""

from __future__ import annotations

import time
from typing import Any

from benchmarks.common import save_figure, write_result


def memory_bandwidth_gbs(mb: int = 256, repeats: int = 5) -> float:
    """Best of a few large numpy copies: bytes read + bytes written per second."""
    import numpy as np

    src = np.ones(mb * 2**20 // 8)
    dst = np.empty_like(src)
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        np.copyto(dst, src)
        best = min(best, time.perf_counter() - started)
    return 2 * src.nbytes / best / 1e9


def run() -> dict[str, Any]:
    from assistant.config import Settings
    from assistant.models.generators import packaged_gguf_path
    from assistant.models.llamacpp_backend import LlamaCppGenerator
    from benchmarks.bench_models import bench_generator

    settings = Settings()
    model_bytes = packaged_gguf_path().stat().st_size
    bandwidth = memory_bandwidth_gbs()
    bound = bandwidth * 1e9 / model_bytes
    out: dict[str, Any] = {"model_file_bytes": model_bytes, "bandwidth_gbs": round(bandwidth, 2),
                           "bound_tokens_per_s": round(bound, 1), "n_threads": settings.n_threads}  # fmt: skip
    started = time.perf_counter()
    llama = LlamaCppGenerator(settings)
    out["load_s"] = {"llamacpp": round(time.perf_counter() - started, 2)}

    def count_tokens(text: str) -> int:
        return len(llama._llama.tokenize(text.encode(), add_bos=False)) if text else 0

    print("generation: llamacpp ...", flush=True)
    out["llamacpp"] = bench_generator(llama, count_tokens)
    try:
        from assistant.models.transformers_backend import TransformersGenerator

        print("generation: transformers ...", flush=True)
        hf_settings = settings.model_copy(update={"generator_backend": "transformers"})
        started = time.perf_counter()
        hf = TransformersGenerator(hf_settings)
        out["load_s"]["transformers"] = round(time.perf_counter() - started, 2)
        out["transformers"] = bench_generator(hf, count_tokens)  # same vocabulary as the GGUF
        del hf
    except Exception as exc:  # a missing optional dependency is a finding, not the end of the run
        out["transformers"] = {"skipped": f"{type(exc).__name__}: {exc}"}
    plot(out)
    write_result("generation", out)
    return out


def plot(out: dict[str, Any]) -> None:
    fig, (ax1, ax2) = _two_axes("Generation (SmolLM2-135M)")
    labels, rates, ttfts = [], [], []
    for backend in ("llamacpp", "transformers"):
        for prompt, row in (out.get(backend) or {}).items():
            if isinstance(row, dict):
                labels.append(f"{backend}\n{prompt} ({row['prompt_tokens']} tok)")
                rates.append(row["tokens_per_s"])
                ttfts.append(row["ttft_s"] * 1000)
    ax1.bar(labels, rates, color="#4c72b0")
    ax1.axhline(out["bound_tokens_per_s"], color="grey", linestyle=":", label="bandwidth bound (file bytes)")
    ax1.axhline(60, color="red", linestyle="--", label="target 60 tok/s")
    ax1.set_ylabel("decode tokens / s")
    ax1.set_yscale("log")
    ax1.legend(fontsize=7)
    ax1.tick_params(axis="x", labelsize=7)
    ax2.bar(labels, ttfts, color="#dd8452")
    ax2.axhline(800, color="red", linestyle="--", label="target 800 ms")
    ax2.set_ylabel("time to first token, ms")
    ax2.legend(fontsize=7)
    ax2.tick_params(axis="x", labelsize=7)
    save_figure(fig, "generation")


def _two_axes(title: str) -> tuple[Any, tuple[Any, Any]]:
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), dpi=110)
    fig.suptitle(title)
    return fig, (axes[0], axes[1])


if __name__ == "__main__":
    run()
