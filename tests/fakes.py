"""Stand-ins for tests: a scripted ShopAssistant for interface tests (two fake products, canned
Replies, real streaming order), a deterministic embedder that needs no model, and one product builder
for the small hand-made catalogs that understanding and matching tests read."""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import numpy as np

from assistant.contracts import Citation, RecommendedItem, Reply, Transcript, TurnEvent
from assistant.records import AttrValue, Product, Variant

BOOT = RecommendedItem(
    product_id="sku-boot-1",
    variant_id="sku-boot-1-42-brown",
    title="Ridgeline Waterproof Hiking Boot",
    price=129.0,
    currency="USD",
    url="https://shop.example/p/sku-boot-1",
    category="Shoes > Hiking",
    brand="Ridgeline",
    variant_label="size 42, brown",
    reasons=["under your $150 budget", "waterproof leather upper"],
)
TRAIL = RecommendedItem(
    product_id="sku-boot-2",
    title="Summit Trail Boot",
    price=139.5,
    currency="USD",
    url="https://shop.example/p/sku-boot-2",
    category="Shoes > Hiking",
    brand="Summit",
    reasons=["under your $150 budget", "grippy lugged sole"],
)
FAKE_ITEMS = (BOOT, TRAIL)
RETURNS = Citation(
    source="policies/returns.md#Refunds",
    snippet="Unworn items can be returned within 30 days for a full refund.",
    url="https://shop.example/policies/returns",
)
# Audio whose bytes start with this is "unsupported", the way voice.py rejects a wrong format.
BAD_AUDIO = b"NOT-AUDIO"


@dataclass
class FakeAssistant:
    """Implements ``ShopAssistant``; records every side-effect call so tests can assert on it."""

    token_delay_s: float = 0.0
    fail_with: Exception | None = None
    feedback: list[tuple[str, str, str, str]] = field(default_factory=list)
    handoffs: list[str] = field(default_factory=list)
    resets: list[str] = field(default_factory=list)
    turns: list[tuple[str, str, str | None]] = field(default_factory=list)
    transcribed: list[tuple[int, str]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def reply_for(self, session_id: str, message: str) -> Reply:
        lowered = message.lower()
        if "return" in lowered or "refund" in lowered:
            return Reply(
                session_id=session_id,
                intent="faq_policy",
                skill="faq",
                text="Unworn items can be returned within 30 days for a full refund.",
                citations=[RETURNS],
                latency_ms={"understand": 2, "retrieve": 9, "generate": 0},
            )
        if "order" in lowered:
            return Reply(
                session_id=session_id,
                intent="order_status",
                skill="orders",
                text="To look up an order I need the email or zip code on it.",
                latency_ms={"understand": 2},
            )
        return Reply(
            session_id=session_id,
            intent="product_search",
            skill="search",
            text=(
                "Here are two waterproof hiking boots under $150: the Ridgeline Waterproof Hiking Boot "
                "at $129.00 and the Summit Trail Boot at $139.50."
            ),
            items=list(FAKE_ITEMS),
            latency_ms={"understand": 3, "retrieve": 18, "generate": 40},
        )

    def chat(self, session_id: str, message: str, user_id: str | None = None) -> Reply:
        if self.fail_with is not None:
            raise self.fail_with
        with self._lock:
            self.turns.append((session_id, message, user_id))
        return self.reply_for(session_id, message)

    def stream(self, session_id: str, message: str, user_id: str | None = None) -> Iterator[TurnEvent]:
        reply = self.chat(session_id, message, user_id)
        yield TurnEvent(kind="items", items=list(reply.items))
        yield TurnEvent(kind="citations", citations=list(reply.citations))
        words = reply.text.split(" ")
        for i, word in enumerate(words):
            if self.token_delay_s:
                time.sleep(self.token_delay_s)
            yield TurnEvent(kind="token", token=word if i == 0 else " " + word)
        yield TurnEvent(kind="done", reply=reply)

    def transcribe(self, audio: bytes, filename: str) -> Transcript:
        if not audio:
            raise ValueError("The audio upload is empty. Record again.")
        if audio.startswith(BAD_AUDIO):
            raise ValueError("Unsupported audio format '.txt'. Accepted formats: wav, webm.")
        with self._lock:
            self.transcribed.append((len(audio), filename))
        return Transcript(text="waterproof hiking boots under $150", language="en", duration_s=1.5)

    def record_feedback(
        self, reply_id: str, rating: Literal["up", "down"], comment: str = "", session_id: str = ""
    ) -> None:
        with self._lock:
            self.feedback.append((reply_id, rating, comment, session_id))

    def request_handoff(self, session_id: str) -> Reply:
        with self._lock:
            self.handoffs.append(session_id)
        return Reply(
            session_id=session_id,
            intent="handoff",
            skill="handoff",
            text="I've asked a member of our team to join; they usually reply within a few minutes.",
            handoff=True,
        )

    def reset(self, session_id: str) -> None:
        with self._lock:
            self.resets.append(session_id)

    def health(self) -> dict[str, Any]:
        return {"status": "ok", "products": len(FAKE_ITEMS), "backend": "fake"}


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_server(app: Any, port: int | None = None) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on 127.0.0.1 in a thread; yields the base URL."""
    import uvicorn

    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def product(
    pid: str,
    title: str,
    category: str,
    attrs: dict[str, AttrValue] | None = None,
    variants: Sequence[dict[str, AttrValue] | Variant] = (),
    *,
    brand: str = "Acme",
    price: float = 50.0,
) -> Product:
    """A catalog product for hand-made test catalogs; a variant given as a dict of attributes gets
    the id `<pid>-<position>`."""
    return Product(
        id=pid,
        title=title,
        category=category,
        brand=brand,
        price=price,
        attributes=attrs or {},
        variants=[
            v if isinstance(v, Variant) else Variant(id=f"{pid}-{i}", attributes=v)
            for i, v in enumerate(variants)
        ],
    )


WORD = re.compile(r"[^\W_]+")


def _bucket(feature: str) -> tuple[int, float]:
    # blake2b, not hash(): Python salts str hashes per process, and vectors must match across runs.
    digest = int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest(), "little")
    return digest % FakeEmbedder.dim, 1.0 if digest >> 63 else -1.0


class FakeEmbedder:
    """The sentence embedder's interface without a model: each lower-cased word and each character
    trigram of it is hashed into one of 384 signed buckets, and the sum is L2-normalised.

    Texts that share words or spellings are near (so retrieval, the catalog's category vectors and
    misspellings behave plausibly); texts that only mean the same thing are not. Deterministic
    across processes and runs."""

    name = "fake-hashed-trigrams"
    dim = 384
    word_weight = 1.0
    trigram_weight = 0.35  # words dominate; trigrams only pull misspellings and plurals close

    def __init__(self) -> None:
        self._cached_query = lru_cache(maxsize=4096)(self._embed_one)

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in WORD.findall(text.lower()):
            index, sign = _bucket("w:" + word)
            vector[index] += sign * self.word_weight
            padded = f"<{word}>"
            for start in range(len(padded) - 2):
                index, sign = _bucket("t:" + padded[start : start + 3])
                vector[index] += sign * self.trigram_weight
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm > 0 else vector

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vector(text) for text in texts])

    def _embed_one(self, text: str) -> np.ndarray:
        vector = self._vector(text)
        vector.setflags(write=False)  # shared through the cache, as the real embedder's are
        return vector

    def embed_query(self, text: str) -> np.ndarray:
        result: np.ndarray = self._cached_query(text)
        return result
