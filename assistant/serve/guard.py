"""What stands between the network and the model: limits, metrics, error hiding, the turn gate."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import math
import secrets
import threading
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import anyio
from fastapi import HTTPException, Request
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.config import Settings
from assistant.contracts import Reply

log = logging.getLogger("assistant.serve.app")
T = TypeVar("T")

# Paths that belong to the API (the rest is the mounted Gradio app, which has its own limits).
GUARDED_PREFIXES = ("/api/", "/v1/")
# Turns are CPU-bound; more parallel turns than this only slow each other down on a small box.
TURN_WORKERS = 2
# Multipart framing around an audio upload; the audio itself is limited by max_audio_bytes.
MULTIPART_SLACK_BYTES = 16_384


class Metrics:
    """Prometheus series for one app; a private registry keeps several apps (tests) apart."""

    LATENCY_BUCKETS = (0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 60)

    def _seconds(self, name: str, doc: str, label: str, start: float = 0.01) -> Histogram:
        """A latency histogram `<name>_seconds` by one label; requests may wait up to a minute."""
        buckets = tuple(b for b in self.LATENCY_BUCKETS if b >= start)
        return Histogram(f"{name}_seconds", doc, [label], registry=self.registry, buckets=buckets)

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "assistant_requests",
            "HTTP requests by route and status",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.request_seconds = self._seconds("assistant_request", "HTTP request latency by route", "route")
        # A stage can take a few milliseconds (understanding), so its buckets start lower.
        self.stage_seconds = self._seconds(
            "assistant_stage", "Turn latency by pipeline stage (from Reply.latency_ms)", "stage", start=0.005
        )
        self.errors = Counter("assistant_errors", "Errors by kind", ["kind"], registry=self.registry)
        self.turns_in_flight = Gauge(
            "assistant_turns_in_flight",
            "Turns admitted (running or waiting for a worker)",
            registry=self.registry,
        )
        self.turns = Counter(
            "assistant_turns", "Completed turns by intent", ["intent"], registry=self.registry
        )
        self.feedback = Counter(
            "assistant_feedback", "Feedback by rating", ["rating"], registry=self.registry
        )

    def observe_reply(self, reply: Reply) -> None:
        self.turns.labels(intent=reply.intent or "unknown").inc()
        for stage, ms in reply.latency_ms.items():
            self.stage_seconds.labels(stage=stage).observe(max(0, ms) / 1000)


def json_body(status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> list[Message]:
    body = json.dumps(payload).encode()
    raw_headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    return [
        {"type": "http.response.start", "status": status, "headers": raw_headers},
        {"type": "http.response.body", "body": body},
    ]


class _BodyTooLarge(Exception):
    pass


class GuardMiddleware:
    """Body limit, request metrics and a generic 500 for every API path.

    A pure ASGI middleware so streamed responses pass through untouched and an oversized chunked body
    is refused while it is being read, not after.
    """

    def __init__(self, app: ASGIApp, settings: Settings, metrics: Metrics) -> None:
        self.app = app
        self.settings = settings
        self.metrics = metrics
        self.trusted = trusted_networks(settings.trusted_proxies)

    def _limit(self, path: str) -> int:
        if path == "/api/voice":
            return self.settings.max_audio_bytes + MULTIPART_SLACK_BYTES
        return self.settings.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Before anything reads the client: the rate limit, the logs (uvicorn's access log reads this
        # same scope) and the metrics all see the shopper, not the proxy in front of us.
        apply_forwarded_client(scope, self.trusted)
        path: str = scope["path"]
        guarded = path.startswith(GUARDED_PREFIXES)
        limit = self._limit(path)
        started = time.perf_counter()
        status_box = {"status": 500, "started": False}

        if guarded:
            declared = dict(scope["headers"]).get(b"content-length")
            if declared is not None and declared.isdigit() and int(declared) > limit:
                await self._send_all(send, *self._too_large(limit))
                self._record(scope, 413, started)
                return

        seen = 0
        overflow = False  # the app may swallow our exception (FastAPI turns body errors into 400)

        async def limited_receive() -> Message:
            nonlocal seen, overflow
            message = await receive()
            if guarded and message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    overflow = True
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            if overflow:
                if message["type"] == "http.response.start" and not status_box["started"]:
                    status_box["started"] = True
                    status_box["status"] = 413
                    await self._send_all(send, *self._too_large(limit))
                return
            if message["type"] == "http.response.start":
                status_box["status"] = message["status"]
                status_box["started"] = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
            if overflow and not status_box["started"]:
                raise _BodyTooLarge
        except _BodyTooLarge:
            if not status_box["started"]:
                await self._send_all(send, *self._too_large(limit))
            status_box["status"] = 413
        except Exception:
            error_id = uuid.uuid4().hex[:12]
            client = (scope.get("client") or ("unknown",))[0]
            log.exception("unhandled error %s on %s %s from %s", error_id, scope.get("method"), path, client)
            self.metrics.errors.labels(kind="unhandled").inc()
            if not status_box["started"]:
                await self._send_all(
                    send,
                    *json_body(
                        500,
                        {
                            "error": "internal_error",
                            "detail": "Something went wrong on our side. Please try again.",
                            "error_id": error_id,
                        },
                    ),
                )
            status_box["status"] = 500
        self._record(scope, int(status_box["status"]), started)

    def _too_large(self, limit: int) -> list[Message]:
        self.metrics.errors.labels(kind="body_too_large").inc()
        return json_body(
            413, {"error": "body_too_large", "detail": f"Request body is larger than {limit} bytes."}
        )

    @staticmethod
    async def _send_all(send: Send, *messages: Message) -> None:
        for message in messages:
            await send(message)

    def _record(self, scope: Scope, status: int, started: float) -> None:
        route = scope.get("route")
        path = scope["path"]
        if path.startswith(GUARDED_PREFIXES) or path in ("/healthz", "/metrics", "/widget.js"):
            label = getattr(route, "path", None) or "unmatched"
        else:
            label = "ui"
        self.metrics.requests.labels(route=label, method=scope.get("method", ""), status=str(status)).inc()
        self.metrics.request_seconds.labels(route=label).observe(time.perf_counter() - started)


@dataclass
class RateLimiter:
    """Sliding one-minute window per client; cheap enough to sit in front of every turn."""

    per_minute: int
    window_s: float = 60.0
    _hits: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, client: str, now: float | None = None) -> float:
        """Count one hit; return 0 when allowed, else the seconds until the client may retry."""
        if self.per_minute <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.setdefault(client, deque())
            while hits and now - hits[0] >= self.window_s:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return max(1.0, self.window_s - (now - hits[0]))
            hits.append(now)
            if len(self._hits) > 10_000:  # forget idle clients so the table cannot grow without bound
                for key in [k for k, v in self._hits.items() if not v or now - v[-1] >= self.window_s]:
                    del self._hits[key]
            return 0.0


class TurnGate:
    """Admits at most ``max_queue`` turns; the rest get a quick 503 instead of waiting forever."""

    def __init__(self, max_queue: int, metrics: Metrics) -> None:
        self.max_queue = max(1, max_queue)
        self.metrics = metrics
        self.admitted = 0
        self.limiter = anyio.CapacityLimiter(TURN_WORKERS)
        self._lock = threading.Lock()
        self._tasks: set[asyncio.Future[None]] = set()  # strong refs: the loop keeps only weak ones

    def _enter(self) -> None:
        with self._lock:
            if self.admitted >= self.max_queue:
                self.metrics.errors.labels(kind="busy").inc()
                raise HTTPException(
                    503,
                    detail="The assistant is busy right now. Please try again in a moment.",
                    headers={"Retry-After": "2"},
                )
            self.admitted += 1
            self.metrics.turns_in_flight.set(self.admitted)

    def _leave(self) -> None:
        with self._lock:
            self.admitted -= 1
            self.metrics.turns_in_flight.set(self.admitted)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a blocking call in the worker pool, counted against the queue."""
        self._enter()
        try:
            return await anyio.to_thread.run_sync(fn, *args, limiter=self.limiter)
        finally:
            self._leave()

    async def open_stream(self, make: Callable[[], Iterator[T]]) -> AsyncIterator[T]:
        """Admit a turn now (503 before any response starts) and drive its blocking generator.

        The generator runs in one worker thread (one thread per turn rather than one hop per token keeps
        a turn's model calls together). The thread, not the consumer, releases the admission, so a
        client that vanishes early cannot leak a slot; it does stop the generator at its next item.
        """
        self._enter()
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        stop = threading.Event()

        def produce() -> None:
            try:
                iterator = make()
                try:
                    for item in iterator:
                        loop.call_soon_threadsafe(queue.put_nowait, ("item", item))
                        if stop.is_set():
                            break
                finally:
                    close = getattr(iterator, "close", None)
                    if close is not None:
                        close()
                loop.call_soon_threadsafe(queue.put_nowait, ("end", None))
            except BaseException as exc:  # handed to the consumer, which decides what the client sees
                loop.call_soon_threadsafe(queue.put_nowait, ("error", exc))
            finally:
                self._leave()

        async def run_worker() -> None:
            await anyio.to_thread.run_sync(produce, limiter=self.limiter)

        task = asyncio.ensure_future(run_worker())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

        async def drain() -> AsyncIterator[T]:
            try:
                while True:
                    kind, value = await queue.get()
                    if kind == "item":
                        yield value
                    elif kind == "error":
                        raise value
                    else:
                        return
            finally:
                stop.set()

        return drain()


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(entries: list[str]) -> list[Network]:
    """ASSISTANT_TRUSTED_PROXIES as networks; a bad entry stops the start (a typo would otherwise
    silently let every shopper share the proxy's budget, or trust no one)."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as exc:
            raise ValueError(f"ASSISTANT_TRUSTED_PROXIES: {entry!r} is not an address or CIDR range") from exc
    return networks


def _trusted(address: str, networks: list[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def forwarded_client(peer: str, forwarded_for: str, networks: list[Network]) -> str:
    """The shopper's address: X-Forwarded-For is read only when the TCP peer is a trusted proxy,
    and then from the right, skipping our own proxies, so an address a client wrote into the header
    itself (the leftmost entries) is never believed."""
    if not networks or not forwarded_for or not _trusted(peer, networks):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return peer  # a garbled chain: keep the address we can vouch for
        if not _trusted(hop, networks):
            return hop
    return hops[0] if hops else peer


def apply_forwarded_client(scope: Scope, networks: list[Network]) -> None:
    client = scope.get("client")
    if not networks or not client:
        return
    values = [v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"x-forwarded-for"]
    shopper = forwarded_client(str(client[0]), ",".join(values), networks)
    if shopper != client[0]:
        scope["client"] = (shopper, client[1])


def client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def check_api_key(settings: Settings, authorization: str | None) -> None:
    if not settings.api_key:
        return
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(token.strip(), settings.api_key):
        raise HTTPException(
            401,
            detail="Missing or wrong API key: send 'Authorization: Bearer <key>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )


def retry_after_error(seconds: float) -> HTTPException:
    return HTTPException(
        429,
        detail="Too many requests from this client. Please slow down.",
        headers={"Retry-After": str(math.ceil(seconds))},
    )
