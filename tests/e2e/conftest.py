"""Servers and a browser for the e2e tests.

By default the app runs the real assistant on the demo store; with E2E_FAKE=1 the same tests drive
the FakeAssistant. Expected titles and prices are always read from the Replies the assistant actually
produced, never hard-coded.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings
from assistant.contracts import Reply, ShopAssistant, TurnEvent
from tests.fakes import FakeAssistant, free_port, running_server

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-quic",
    "--disable-component-update",
    "--disable-sync",
]
# The real assistant (demo store, bundled models) by default; E2E_FAKE=1 swaps in the FakeAssistant
# for quick UI work.
REAL = os.environ.get("E2E_FAKE") != "1"


@dataclass
class RecordingAssistant:
    """Passes every call through and keeps the Replies, so a test can compare the page with them."""

    inner: ShopAssistant
    replies: list[Reply] = field(default_factory=list)

    def stream(self, session_id: str, message: str, user_id: str | None = None) -> Iterator[TurnEvent]:
        for event in self.inner.stream(session_id, message, user_id):
            if event.kind == "done" and event.reply is not None:
                self.replies.append(event.reply)
            yield event

    def chat(self, session_id: str, message: str, user_id: str | None = None) -> Reply:
        reply = self.inner.chat(session_id, message, user_id)
        self.replies.append(reply)
        return reply

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def last_reply_for(self, message_part: str) -> Reply:
        return next(r for r in reversed(self.replies) if r.items or message_part == "")


@dataclass
class Site:
    url: str
    widget_page: str
    assistant: RecordingAssistant
    real: bool


def _static_server(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Site]:
    from assistant.serve.app import create_app

    page_dir = tmp_path_factory.mktemp("shop-page")
    static, page_origin = _static_server(page_dir)
    # Only the shop page's origin may call the API: the widget test then proves CORS is set up right.
    settings = Settings(cors_origins=[page_origin], rate_limit_per_minute=0)
    if REAL:
        from assistant.assistant import Assistant

        data_dir = request.getfixturevalue("shared_data_dir")
        settings = Settings(cors_origins=[page_origin], rate_limit_per_minute=0, data_dir=data_dir)
        inner: ShopAssistant = Assistant.from_settings(settings)
    else:
        inner = FakeAssistant(token_delay_s=0.06)
    recording = RecordingAssistant(inner)
    app = create_app(recording, settings)
    with running_server(app) as base:
        (page_dir / "index.html").write_text(
            "<!doctype html><html><head><meta name=viewport content='width=device-width,initial-scale=1'>"
            "<title>Trail shop</title>"
            # Hostile host styles: the widget's shadow DOM must not pick these up.
            "<style>*{font-family:serif!important;color:#c00!important} div{border:3px dotted red}</style>"
            "</head><body><h1>Trail shop</h1><p>Our latest boots and jackets.</p>"
            f'<script src="{base}/widget.js" data-title="Ask our shop" data-color="#0a7"></script>'
            "</body></html>",
            encoding="utf-8",
        )
        yield Site(url=base, widget_page=f"{page_origin}/index.html", assistant=recording, real=REAL)
    static.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
