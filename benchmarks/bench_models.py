"""Model benchmarks: load time per backend, embedder throughput, generator time-to-first-token and
tokens/s, speech real-time factor. Prints a table and writes ``benchmarks/results/models.json``.

Run: ``python -m benchmarks.bench_models`` (about two minutes on 2 cores; the first transformers run
also dequantises the GGUF into the data dir).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.config import Settings
from assistant.models.embedder import Embedder, packaged_embedder_path
from assistant.models.generators import Generator
from assistant.models.llamacpp_backend import LlamaCppGenerator
from assistant.models.transcribers import FasterWhisperTranscriber

RESULTS = Path(__file__).resolve().parent / "results" / "models.json"
REPEATS = 3
MAX_TOKENS = 48
SPEECH = (
    "Hello, I am looking for waterproof hiking boots in brown leather, size ten, for less than one "
    "hundred dollars."
)

SYSTEM = "You are the shop's assistant. Use only the facts given. Answer in one or two short sentences."
FACTS = "\n".join(
    f"- {name} ({brand}), ${price}: {why}"
    for name, brand, price, why in [
        ("TrailRunner 2 Running Shoe", "Stride", 89, "breathable mesh upper, 240 g, neutral cushioning"),
        ("Summit GTX Hiking Boot", "Alpina", 149, "waterproof membrane, Vibram sole, ankle support"),
        ("Cloud Walk Sneaker", "Nimbus", 69, "memory foam insole, machine washable, vegan materials"),
        ("Road Racer Pro", "Stride", 129, "carbon plate, 190 g, for tempo runs and races"),
        ("Trail Blazer Mid", "Alpina", 119, "water resistant suede, lugged outsole, wide fit available"),
        ("Everyday Canvas Low", "Harbor", 45, "organic cotton canvas, rubber cupsole, five colours"),
    ]
)
PROMPTS = {
    "short": "Do you have running shoes?",
    "long": f"Facts about the items found:\n{FACTS}\n\nShopper: I need something for muddy trails and "
    "the odd road run, budget about $130. Which of these fit and why? Keep it brief.",
}


def machine_info() -> dict[str, Any]:
    import torch

    from benchmarks.common import machine

    return {**machine(), "torch": torch.__version__, "torch_threads": torch.get_num_threads()}


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def catalog_sentences(n: int = 256) -> list[str]:
    colours = ["black", "navy", "red", "olive", "white", "grey", "tan", "teal"]
    items = ["running shoe", "rain jacket", "wool sweater", "hiking boot", "yoga mat", "backpack", "scarf"]
    traits = ["lightweight and breathable", "waterproof with taped seams", "made from recycled fibres",
              "with a lifetime warranty", "machine washable", "for cold mornings"]  # fmt: skip
    return [
        f"{colours[i % len(colours)].title()} {items[i % len(items)]}, {traits[i % len(traits)]}, "
        f"size {36 + i % 12}, ${20 + (i * 7) % 180}."
        for i in range(n)
    ]


def bench_embedder(embedder: Embedder) -> dict[str, float]:
    sentences = catalog_sentences()
    embedder.embed(sentences[:32])  # warm-up
    runs = [timed(lambda: embedder.embed(sentences))[1] for _ in range(REPEATS)]
    return {"batch": len(sentences), "sentences_per_s": round(len(sentences) / statistics.median(runs), 1)}


def bench_generator(generator: Generator, count_tokens: Callable[[str], int]) -> dict[str, Any]:
    def run(prompt: str, repeat: int) -> tuple[float, float, int]:
        # A different shopper line each time: llama.cpp reuses a repeated prompt's cache, which
        # would flatter time-to-first-token; the shared system prompt is reused as in production.
        messages = [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": f"(visitor {repeat}) {prompt}"},
        ]
        started = time.perf_counter()
        first = 0.0
        parts: list[str] = []
        for chunk in generator.generate(messages, max_tokens=MAX_TOKENS, temperature=0.0):
            if not parts:
                first = time.perf_counter() - started
            parts.append(chunk)
        total = time.perf_counter() - started
        return first, total, count_tokens("".join(parts))

    results: dict[str, Any] = {}
    for label, prompt in PROMPTS.items():
        run(prompt, -1)  # warm-up
        runs = [run(prompt, repeat) for repeat in range(REPEATS)]
        ttft = statistics.median(r[0] for r in runs)
        rates = [(r[2] - 1) / (r[1] - r[0]) for r in runs if r[2] > 1 and r[1] > r[0]]
        results[label] = {
            "prompt_tokens": count_tokens(SYSTEM + prompt),
            "ttft_s": round(ttft, 3),
            "tokens_per_s": round(statistics.median(rates), 1) if rates else 0.0,
            "new_tokens": round(statistics.median(r[2] for r in runs)),
        }
    return results


def speak(text: str, folder: Path) -> Path | None:
    if shutil.which("espeak-ng") is None:
        return None
    path = folder / "speech.wav"
    subprocess.run(["espeak-ng", "-w", str(path), text], check=True, capture_output=True)
    return path


def bench_speech(transcriber: FasterWhisperTranscriber, settings: Settings) -> dict[str, Any]:
    from assistant.models.speech import decode_audio

    with tempfile.TemporaryDirectory() as folder:
        clip = speak(SPEECH, Path(folder))
        if clip is None:
            return {"skipped": "espeak-ng not installed"}
        audio = decode_audio(clip.read_bytes(), clip.name, settings)
    seconds = audio.size / 16_000
    transcriber.transcribe(audio)  # warm-up
    runs = [timed(lambda: transcriber.transcribe(audio)) for _ in range(REPEATS)]
    elapsed = statistics.median(r[1] for r in runs)
    return {
        "audio_s": round(seconds, 2),
        "transcribe_s": round(elapsed, 3),
        "real_time_factor": round(elapsed / seconds, 3),
        "text": runs[-1][0].text,
    }


def main() -> None:
    settings = Settings()
    info = machine_info()
    print(f"# Model benchmark on {info['cpu_model']} ({info['cores']} cores), n_threads={settings.n_threads}")
    report: dict[str, Any] = {"machine": info, "n_threads": settings.n_threads, "load_s": {}}

    embedder, report["load_s"]["embedder"] = timed(
        lambda: Embedder(
            packaged_embedder_path(), n_threads=settings.n_threads, dtype=settings.embedder_dtype
        )
    )
    report["embedder"] = bench_embedder(embedder)

    llama, report["load_s"]["llamacpp"] = timed(lambda: LlamaCppGenerator(settings))

    def count_tokens(text: str) -> int:
        return len(llama._llama.tokenize(text.encode(), add_bos=False)) if text else 0

    report["llamacpp"] = bench_generator(llama, count_tokens)

    from assistant.models.transformers_backend import TransformersGenerator

    hf_settings = settings.model_copy(update={"generator_backend": "transformers"})
    hf, load = timed(lambda: TransformersGenerator(hf_settings))
    if hf.created_cache:  # the first run dequantised; time the load every later process sees
        report["load_s"]["transformers_first"] = load
        del hf
        hf, load = timed(lambda: TransformersGenerator(hf_settings))
    report["load_s"]["transformers"] = load
    report["transformers"] = bench_generator(hf, count_tokens)  # same vocabulary as the GGUF
    del hf

    whisper, report["load_s"]["faster-whisper"] = timed(lambda: FasterWhisperTranscriber(settings))
    report["faster-whisper"] = bench_speech(whisper, settings)
    report["load_s"] = {name: round(seconds, 2) for name, seconds in report["load_s"].items()}

    print_table(report)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwrote {RESULTS}")


def print_table(report: dict[str, Any]) -> None:
    print("\n| measure | value |\n| --- | --- |")
    for name, seconds in report["load_s"].items():
        print(f"| load {name} | {seconds:.2f} s |")
    embedder = report["embedder"]
    print(f"| embedder, batch of {embedder['batch']} | {embedder['sentences_per_s']} sent/s |")
    for backend in ("llamacpp", "transformers"):
        for label, row in report[backend].items():
            print(
                f"| {backend} {label} prompt ({row['prompt_tokens']} tok) "
                f"| TTFT {row['ttft_s'] * 1000:.0f} ms, "
                f"{row['tokens_per_s']} tok/s ({row['new_tokens']} new) |"
            )
    speech = report["faster-whisper"]
    if "real_time_factor" in speech:
        print(
            f"| faster-whisper tiny.en int8, {speech['audio_s']} s clip | RTF {speech['real_time_factor']} "
            f"({speech['transcribe_s']} s) |"
        )
        print(f"\ntranscript: {speech['text']!r}")


if __name__ == "__main__":
    main()
