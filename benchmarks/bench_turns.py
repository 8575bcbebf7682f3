"""Whole turns over HTTP against the real app on 127.0.0.1: time to the first `items` SSE event,
first `token` and last token on /api/chat/stream for ~20 text turns; /api/voice end to end with a
5 s espeak-ng clip; 1/2/4/8/16 concurrent sessions of 3 turns each; the server's resident memory.

    python -m benchmarks.bench_turns [--data-dir DIR]
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import (
    PROJECT_ROOT,
    espeak_clip,
    figure,
    save_figure,
    stats,
    temp_data_dir,
    write_result,
)

# (session, message): sessions of 1-3 turns so follow-ups ("cheaper", "the second one") are exercised.
TEXT_TURNS = [
    ("a", "waterproof hiking boots under $150"), ("a", "cheaper"), ("a", "tell me about the second one"),
    ("b", "wireless headphones"), ("b", "compare the first two"),
    ("c", "what is your return policy?"), ("d", "do you ship internationally?"),
    ("e", "a warm jacket in size M"), ("e", "in black"),
    ("f", "running shoes for women size 38"), ("g", "gift for a kid who likes building"),
    ("h", "where is my order A10023?"), ("i", "vegan moisturizer under $40"),
    ("j", "a backpack for travel"), ("j", "the cheapest one"), ("k", "hello"),
    ("l", "phone case"), ("m", "camping stove under 80 dollars"), ("n", "I want to talk to a person"),
    ("o", "the most expensive tent you have"),
]  # fmt: skip
CONCURRENCY = (1, 2, 4, 8, 16)
# 3 turns per session (a search, a follow-up, a help question): 93 turns over the five levels,
# 31 at 16 sessions, enough for a p95; 5 turns made this the longest part of `make bench`.
TURNS_PER_SESSION = 3
SESSION_SCRIPT = [
    "running shoes under $120",
    "in size 42",
    "what is your return policy?",
]
VOICE_REPEATS = 5
VOICE_TEXT = "Do you have waterproof hiking boots for less than one hundred and fifty dollars?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """The app in a child process, started on a free loopback port, stopped by its own pid."""

    def __init__(self, data_dir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = (data_dir.parent / "server.log").open("w")
        cmd = [
            sys.executable,
            "-m",
            "benchmarks.serve_app",
            "--data-dir",
            str(data_dir),
            "--port",
            str(self.port),
        ]
        self.proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 600) -> float:
        import httpx

        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {self.log.name}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return time.perf_counter() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise TimeoutError("server did not become ready")

    def rss_mb(self) -> float:
        import psutil

        proc = psutil.Process(self.proc.pid)
        return round(sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]) / 2**20, 1)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def stream_turn(client: Any, url: str, session: str, message: str) -> dict[str, Any]:
    """Milliseconds from sending to the first items event, first token, last token and done."""
    started = time.perf_counter()
    marks: dict[str, Any] = {"status": 0}
    event = ""
    with client.stream(
        "POST", f"{url}/api/chat/stream", json={"session_id": session, "message": message}
    ) as r:
        marks["status"] = r.status_code
        if r.status_code != 200:
            r.read()
            return marks
        for line in r.iter_lines():
            now = (time.perf_counter() - started) * 1000
            if line.startswith("event: "):
                event = line[7:].strip()
                if event == "items":
                    marks.setdefault("items_ms", now)
                elif event == "token":
                    marks.setdefault("first_token_ms", now)
                    marks["last_token_ms"] = now
                elif event == "error":
                    marks["error"] = True
    marks["done_ms"] = (time.perf_counter() - started) * 1000
    return marks


def text_turns(url: str) -> dict[str, Any]:
    import httpx

    run_id = uuid.uuid4().hex[:6]
    with httpx.Client(timeout=60) as client:
        for warm in ("running shoes", "what is your return policy?"):
            stream_turn(client, url, f"warm-{run_id}", warm)
        rows = []
        for session, message in TEXT_TURNS:
            marks = stream_turn(client, url, f"t-{session}-{run_id}", message)
            rows.append({"message": message, **marks})
    out: dict[str, Any] = {"turns": rows}
    for key in ("items_ms", "first_token_ms", "last_token_ms", "done_ms"):
        out[key] = stats([r[key] for r in rows if key in r])
    return out


def voice_turns(url: str, folder: Path) -> dict[str, Any]:
    import httpx

    clip = espeak_clip(VOICE_TEXT, folder / "voice.wav", seconds=5.0)
    if clip is None:
        return {"skipped": "espeak-ng is not installed"}
    data = clip.read_bytes()
    times, transcripts, statuses = [], [], []
    with httpx.Client(timeout=60) as client:
        for i in range(VOICE_REPEATS + 1):
            started = time.perf_counter()
            r = client.post(f"{url}/api/voice", files={"audio": ("voice.wav", data, "audio/wav")},
                            data={"session_id": f"voice-{i}-{uuid.uuid4().hex[:6]}"})  # fmt: skip
            elapsed = (time.perf_counter() - started) * 1000
            if i == 0:
                continue  # warm-up: loads the speech model
            statuses.append(r.status_code)
            times.append(elapsed)
            if r.status_code == 200:
                transcripts.append(r.json()["transcript"]["text"])
    return {"clip_s": 5.0, "said": VOICE_TEXT, "turn_ms": stats(times), "statuses": statuses,
            "transcripts": sorted(set(transcripts))}  # fmt: skip


def concurrency(url: str) -> list[dict[str, Any]]:
    import httpx

    rows = []
    for level in CONCURRENCY:
        results: list[dict[str, Any]] = []
        run_id = uuid.uuid4().hex[:6]

        def shopper(n: int, results: list[dict[str, Any]] = results, run_id: str = run_id) -> None:
            with httpx.Client(timeout=120) as client:
                for message in SESSION_SCRIPT[:TURNS_PER_SESSION]:
                    try:
                        marks = stream_turn(client, url, f"c{n}-{run_id}", message)
                    except httpx.HTTPError as exc:
                        marks = {"status": -1, "exception": type(exc).__name__}
                    results.append(marks)  # list.append is atomic under the GIL

        started = time.perf_counter()
        threads = [threading.Thread(target=shopper, args=(n,)) for n in range(level)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        wall = time.perf_counter() - started
        ok = [r for r in results if r["status"] == 200 and not r.get("error")]
        rows.append({
            "sessions": level, "turns": len(results), "wall_s": round(wall, 2),
            "turns_per_s": round(len(ok) / wall, 2), "turn_ms": stats([r["done_ms"] for r in ok]),
            "items_ms": stats([r["items_ms"] for r in ok if "items_ms" in r]),
            "status_429": sum(r["status"] == 429 for r in results),
            "status_503": sum(r["status"] == 503 for r in results),
            "errors": sum(r["status"] not in (200, 429, 503) or bool(r.get("error")) for r in results),
        })  # fmt: skip
        print(f"  {level} sessions: {rows[-1]['turns_per_s']} turns/s, p95 {rows[-1]['turn_ms']['p95']} ms, "
              f"errors {rows[-1]['errors']}, 429 {rows[-1]['status_429']}, 503 {rows[-1]['status_503']}", flush=True)  # fmt: skip
    return rows


def plot(out: dict[str, Any]) -> None:
    fig, ax = figure("Whole text turns over HTTP (/api/chat/stream)")
    keys = ["items_ms", "first_token_ms", "last_token_ms"]
    ax.bar(
        [k.replace("_ms", "") + " p50" for k in keys], [out["text"][k]["p50"] for k in keys], color="#4c72b0"
    )
    ax.bar(
        [k.replace("_ms", "") + " p95" for k in keys], [out["text"][k]["p95"] for k in keys], color="#dd8452"
    )
    for y, label in ((300, "items 300 ms"), (800, "first token 800 ms"), (3000, "turn 3 s")):
        ax.axhline(y, linestyle="--", color="red", linewidth=0.8)
        ax.text(0, y, label, fontsize=7, color="red", va="bottom")
    ax.set_ylabel("ms after sending")
    ax.tick_params(axis="x", labelsize=7)
    save_figure(fig, "turns")
    fig, ax = figure(f"Concurrent sessions ({TURNS_PER_SESSION} turns each)")
    levels = [r["sessions"] for r in out["concurrency"]]
    ax.plot(levels, [r["turn_ms"]["p95"] for r in out["concurrency"]], "o-", label="turn p95, ms")
    ax.plot(levels, [r["turn_ms"]["p50"] for r in out["concurrency"]], "o:", label="turn p50, ms")
    ax.set_xscale("log", base=2)
    ax.set_xlabel("simultaneous sessions")
    ax.set_ylabel("ms")
    ax2 = ax.twinx()
    ax2.bar(
        levels,
        [r["turns_per_s"] for r in out["concurrency"]],
        alpha=0.25,
        color="green",
        width=[x * 0.3 for x in levels],
    )
    ax2.set_ylabel("turns / s (bars)")
    ax.legend(loc="upper left")
    save_figure(fig, "concurrency")


def run(data_dir: Path | None = None, extra: Callable[[str], None] | None = None) -> dict[str, Any]:
    """`extra(url)` runs against the same server after the measured turns (the baseline's questions)."""
    with temp_data_dir("turns") as root:
        server = Server(data_dir or root / "data")
        try:
            out: dict[str, Any] = {"startup_s": round(server.wait_ready(), 1)}
            out["rss_mb_idle"] = server.rss_mb()
            print("turns: text ...", flush=True)
            out["text"] = text_turns(server.url)
            print("turns: voice ...", flush=True)
            out["voice"] = voice_turns(server.url, root)
            print("turns: concurrency ...", flush=True)
            out["concurrency"] = concurrency(server.url)
            out["rss_mb_after"] = server.rss_mb()  # embedder, generator and speech model all loaded now
            if extra is not None:
                extra(server.url)
        finally:
            server.stop()
    plot(out)
    write_result("turns", out)
    return out


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    run(parser.parse_args().data_dir)
