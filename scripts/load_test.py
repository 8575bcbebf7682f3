"""Load test: simulated shoppers against a running assistant on 127.0.0.1 (never anywhere else).

    python scripts/load_test.py [--url http://127.0.0.1:7860] [--shoppers 50] [--turns 10]
                                [--concurrency 8] [--voice-share 0.2] [--api-key KEY] [--pid PID]

Each shopper holds one session and runs a short scripted conversation (search, refine, compare,
policy, order lookup ...); a share of the turns are spoken: espeak-ng clips posted to /api/voice.
Reports throughput, latency p50/p95/max per kind, errors by status (429 and 503 are deliberate
refusals and counted apart), and the server's memory at the end (RSS of --pid, or /metrics).
Not part of `make test`; the figures of a run go into docs/deploy.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx

SCRIPTS = [
    [
        "running shoes under 100",
        "cheaper",
        "in blue",
        "compare the first two",
        "is the first one waterproof?",
    ],
    ["waterproof hiking boots", "size 42", "the second one", "what is your return policy?", "thanks"],
    ["a laptop backpack", "under 80 dollars", "compare them", "how long does shipping take?", "start over"],
    ["moisturizer for dry skin", "cheaper", "do you ship abroad?", "where is my order A10023?", "zip 00000"],
    [
        "rain jacket for women",
        "in black",
        "the first one",
        "can I return it if it doesn't fit?",
        "talk to a person",
    ],
]
VOICE_LINES = [
    "running shoes under one hundred dollars",
    "what is your return policy",
    "waterproof hiking boots",
]


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def add(self, kind: str, seconds: float, status: int | str) -> None:
        self.latencies.setdefault(kind, []).append(seconds)
        self.statuses[str(status)] += 1


def make_clips(folder: Path) -> list[bytes]:
    """Speech made by espeak-ng at 16 kHz; none when espeak-ng is missing (voice turns are skipped)."""
    if shutil.which("espeak-ng") is None:
        return []
    clips = []
    for i, line in enumerate(VOICE_LINES):
        path = folder / f"clip{i}.wav"
        subprocess.run(["espeak-ng", "-s", "150", "-w", str(path), line], check=True, capture_output=True)
        clips.append(path.read_bytes())
    return clips


async def turn(
    client: httpx.AsyncClient, session: str, message: str, clip: bytes | None, results: Results
) -> None:
    started = time.perf_counter()
    kind = "voice" if clip else "text"
    try:
        if clip:
            response = await client.post(
                "/api/voice", data={"session_id": session}, files={"audio": ("turn.wav", clip, "audio/wav")}
            )
        else:
            response = await client.post("/api/chat", json={"session_id": session, "message": message})
        status: int | str = response.status_code
        if response.status_code == 200:
            body = response.json()
            reply = body.get("reply", body)
            if not reply.get("text"):
                results.failures.append(f"{session}: empty reply to {message!r}")
        elif response.status_code not in (429, 503):
            results.failures.append(f"{session}: {response.status_code} {response.text[:200]}")
    except httpx.HTTPError as exc:
        status = type(exc).__name__
        results.failures.append(f"{session}: {status}")
    results.add(kind, time.perf_counter() - started, status)


async def shopper(
    index: int, args: argparse.Namespace, client: httpx.AsyncClient, clips: list[bytes], gate: asyncio.Semaphore,
    results: Results,
) -> None:  # fmt: skip
    rng = random.Random(index)
    script = SCRIPTS[index % len(SCRIPTS)]
    session = f"load-{index}-{rng.randrange(1 << 30):x}"
    for n in range(args.turns):
        message = script[n % len(script)]
        clip = rng.choice(clips) if clips and rng.random() < args.voice_share else None
        async with gate:
            await turn(client, session, message, clip, results)
        await asyncio.sleep(rng.uniform(0.0, args.think_s))  # a shopper reads before typing again


def server_memory_mb(url: str, pid: int | None) -> float | None:
    if pid:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
    try:
        metrics = httpx.get(f"{url}/metrics", timeout=5).text
    except httpx.HTTPError:
        return None
    for line in metrics.splitlines():
        if line.startswith("process_resident_memory_bytes"):
            return float(line.split()[-1]) / 1e6
    return None


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run(args: argparse.Namespace) -> dict[str, object]:
    host = urlparse(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"refusing to load-test {host}: this script only talks to 127.0.0.1")
    headers = {"Authorization": f"Bearer {args.api_key}"} if args.api_key else {}
    results = Results()
    with tempfile.TemporaryDirectory() as tmp:
        clips = make_clips(Path(tmp)) if args.voice_share > 0 else []
    gate = asyncio.Semaphore(args.concurrency)
    limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
    async with httpx.AsyncClient(
        base_url=args.url, headers=headers, timeout=args.timeout_s, limits=limits
    ) as client:
        started = time.perf_counter()
        await asyncio.gather(*(shopper(i, args, client, clips, gate, results) for i in range(args.shoppers)))
        elapsed = time.perf_counter() - started
    total = sum(len(v) for v in results.latencies.values())
    report: dict[str, object] = {
        "shoppers": args.shoppers,
        "turns": total,
        "seconds": round(elapsed, 1),
        "throughput_turns_per_s": round(total / elapsed, 2),
        "statuses": dict(results.statuses),
        "errors": len(results.failures),
        "refused_429_503": results.statuses["429"] + results.statuses["503"],
        "memory_mb_end": server_memory_mb(args.url, args.pid),
    }
    for kind, values in sorted(results.latencies.items()):
        report[f"{kind}_latency_s"] = {
            "n": len(values),
            "p50": round(statistics.median(values), 3),
            "p95": round(percentile(values, 0.95), 3),
            "max": round(max(values), 3),
        }
    if results.failures:
        report["first_failures"] = results.failures[:10]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--url", default="http://127.0.0.1:7860")
    parser.add_argument("--shoppers", type=int, default=50)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight at most")
    parser.add_argument("--voice-share", type=float, default=0.2)
    parser.add_argument("--think-s", type=float, default=0.5, help="max pause between a shopper's turns")
    parser.add_argument("--timeout-s", type=float, default=120.0)
    parser.add_argument("--api-key")
    parser.add_argument("--pid", type=int, help="server process id, for its memory at the end")
    args = parser.parse_args(argv)
    report = asyncio.run(run(args))
    print(json.dumps(report, indent=2))
    return 0 if report["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
