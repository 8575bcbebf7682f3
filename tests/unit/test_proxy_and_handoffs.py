"""Behind a reverse proxy: X-Forwarded-For is believed only from a trusted proxy (per-shopper rate
limits, no spoofing); the widget answers HEAD with an ETag; handoff packets reach a webhook that is
down at first exactly once, and /api/handoffs needs the API key."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.config import Settings
from assistant.serve.app import create_app
from assistant.serve.guard import forwarded_client, trusted_networks
from assistant.serve.handoffs import HandoffOutbox
from tests.fakes import FakeAssistant, free_port

PROXY = "127.0.0.1"


def test_forwarded_for_is_read_from_the_right_and_only_from_trusted_peers() -> None:
    nets = trusted_networks(["127.0.0.1", "10.0.0.0/8"])
    assert forwarded_client("127.0.0.1", "203.0.113.7", nets) == "203.0.113.7"
    # A client's own header value sits on the left; the proxy appends the real peer on the right.
    assert forwarded_client("127.0.0.1", "1.2.3.4, 203.0.113.7", nets) == "203.0.113.7"
    assert forwarded_client("127.0.0.1", "203.0.113.7, 10.1.2.3", nets) == "203.0.113.7"
    assert forwarded_client("198.51.100.9", "1.2.3.4", nets) == "198.51.100.9"  # untrusted peer
    assert forwarded_client("127.0.0.1", "not-an-ip", nets) == "127.0.0.1"
    assert forwarded_client("127.0.0.1", "1.2.3.4", []) == "127.0.0.1"  # no proxies configured
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        trusted_networks(["10.0.0.0/33"])


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """The app as `assistant serve` runs it: uvicorn's own proxy-header handling off (its default
    would trust 127.0.0.1 itself), so only ASSISTANT_TRUSTED_PROXIES decides."""
    import uvicorn

    port = free_port()
    app = create_app(FakeAssistant(), settings, mount_ui=False)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", proxy_headers=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _statuses(base: str, forwarded: list[str]) -> list[int]:
    out = []
    with httpx.Client() as client:
        for address in forwarded:
            response = client.post(
                f"{base}/api/chat",
                json={"session_id": "p1", "message": "hi"},
                headers={"X-Forwarded-For": address},
            )
            out.append(response.status_code)
    return out


def test_rate_limit_per_shopper_behind_a_trusted_proxy() -> None:
    # A real server on 127.0.0.1: the TCP peer is 127.0.0.1, the address our "proxy" runs on.
    settings = Settings(rate_limit_per_minute=2, trusted_proxies=[PROXY])
    with serving(settings) as base:
        # Two shoppers behind one proxy: each gets its own budget.
        assert _statuses(base, ["203.0.113.1", "203.0.113.1", "203.0.113.2", "203.0.113.2"]) == [200] * 4
        assert _statuses(base, ["203.0.113.1"]) == [429]
        # A shopper cannot buy a fresh budget by writing an address on the left of the header.
        assert _statuses(base, ["9.9.9.9, 203.0.113.1"]) == [429]


def test_spoofed_header_from_an_untrusted_address_is_ignored() -> None:
    # The proxy list names another address, so 127.0.0.1 is just a client: its header is ignored
    # and every spoofed address shares the one budget of the real peer.
    settings = Settings(rate_limit_per_minute=2, trusted_proxies=["192.0.2.10"])
    with serving(settings) as base:
        assert _statuses(base, ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) == [200, 200, 429]


def test_widget_answers_head_with_etag_and_revalidates() -> None:
    client = TestClient(create_app(FakeAssistant(), Settings(rate_limit_per_minute=0), mount_ui=False))
    got = client.get("/widget.js")
    head = client.head("/widget.js")
    assert got.status_code == head.status_code == 200
    assert head.content == b"" and head.headers["content-length"] == str(len(got.content))
    etag = got.headers["etag"]
    assert etag and head.headers["etag"] == etag and "max-age" in head.headers["cache-control"]
    again = client.get("/widget.js", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""


# --- handoff webhook ---------------------------------------------------------------------------


class Receiver:
    """A helpdesk webhook on 127.0.0.1 that can be started late."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.received: list[dict[str, Any]] = []
        self.keys: list[str] = []
        self.server: http.server.ThreadingHTTPServer | None = None

    def start(self) -> None:
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append(json.loads(body))
                outer.keys.append(self.headers.get("Idempotency-Key", ""))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


@pytest.fixture()
def receiver() -> Iterator[Receiver]:
    r = Receiver(free_port())
    yield r
    r.stop()


def packet(n: int) -> dict[str, Any]:
    return {"id": f"s{n}:1", "session_id": f"s{n}", "created": time.time(), "summary": "x", "transcript": []}


def test_packet_reaches_a_receiver_that_is_down_at_first_exactly_once(
    tmp_path: Path, receiver: Receiver
) -> None:
    settings = Settings(
        data_dir=tmp_path,
        handoff_webhook_url=f"http://127.0.0.1:{receiver.port}/hook",
        handoff_retry_max_s=0.2,
    )
    outbox = HandoffOutbox(settings)
    assert outbox.enqueue(packet(1)) and not outbox.enqueue(packet(1))  # stored once
    outbox.start()
    try:
        deadline = time.monotonic() + 10
        while outbox.packets()[0]["delivery"]["attempts"] < 2:  # it tried, and failed, while down
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert receiver.received == []
        receiver.start()
        while not outbox.packets()[0]["delivery"]["delivered_at"]:
            assert time.monotonic() < deadline, outbox.packets()
            time.sleep(0.05)
        time.sleep(1.0)  # more passes of the worker: nothing is sent again
    finally:
        outbox.stop()
    assert [p["id"] for p in receiver.received] == ["s1:1"] and receiver.keys == ["s1:1"]
    # A restart (a new outbox over the same file) finds nothing left to send.
    assert HandoffOutbox(settings).deliver_due() == 0 and len(receiver.received) == 1


def test_handoffs_api_needs_the_key_and_lists_packets(tmp_path: Path) -> None:
    open_app = create_app(
        FakeAssistant(), Settings(data_dir=tmp_path, rate_limit_per_minute=0), mount_ui=False
    )
    assert TestClient(open_app).get("/api/handoffs").status_code == 403
    settings = Settings(data_dir=tmp_path, rate_limit_per_minute=0, api_key="k-123")
    app = create_app(FakeAssistant(), settings, mount_ui=False)
    app.state.service.handoffs.enqueue(packet(2))
    client = TestClient(app)
    assert client.get("/api/handoffs").status_code == 401
    listed = client.get("/api/handoffs", headers={"Authorization": "Bearer k-123"}).json()["handoffs"]
    assert [p["id"] for p in listed] == ["s2:1"] and listed[0]["delivery"]["delivered_at"] is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("127.0.0.1, 10.0.0.0/8", ["127.0.0.1", "10.0.0.0/8"]), ('["::1"]', ["::1"]), ("", [])],
)
def test_trusted_proxies_read_as_the_docs_write_them(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: list[str]
) -> None:
    from assistant.config import Settings
    from assistant.serve.guard import trusted_networks

    monkeypatch.setenv("ASSISTANT_TRUSTED_PROXIES", raw)
    assert Settings().trusted_proxies == expected
    assert len(trusted_networks(Settings().trusted_proxies)) == len(expected)


def test_a_bad_trusted_proxy_is_named() -> None:
    from assistant.serve.guard import trusted_networks

    with pytest.raises(ValueError, match=r"'proxy\.local' is not an address"):
        trusted_networks(["127.0.0.1", "proxy.local"])
