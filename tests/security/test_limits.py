"""Input limits on every entry point, generation caps, no stack traces to clients, logs without PII."""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from assistant.config import Settings
from assistant.models.generators import Generator
from assistant.serve.app import create_app
from assistant.serve.logging_setup import PiiFilter, install_pii_filter, mask_pii
from tests.fakes import FakeAssistant

TURN_ROUTES = ["/api/chat", "/api/chat/stream", "/v1/chat/completions"]
JSON_ROUTES = [*TURN_ROUTES, "/api/feedback", "/api/handoff", "/api/reset"]


def client(fake: FakeAssistant | None = None, **overrides: object) -> TestClient:
    settings = Settings(**{"rate_limit_per_minute": 0, **overrides})  # type: ignore[arg-type]
    return TestClient(
        create_app(fake or FakeAssistant(), settings, mount_ui=False), raise_server_exceptions=False
    )


def turn_body(route: str, message: str, session: str = "s1") -> dict[str, object]:
    if route.startswith("/v1"):
        return {
            "model": "shop-assistant",
            "messages": [{"role": "user", "content": message}],
            "user": session,
        }
    return {"session_id": session, "message": message}


def valid_body(route: str) -> dict[str, object]:
    if route == "/api/feedback":
        return {"reply_id": "r1", "rating": "up", "session_id": "s1"}
    if route in ("/api/handoff", "/api/reset"):
        return {"session_id": "s1"}
    return turn_body(route, "hiking boots")


@pytest.mark.parametrize("route", TURN_ROUTES)
def test_message_length_is_limited_on_every_turn_route(route: str) -> None:
    c = client(max_message_chars=50)
    assert c.post(route, json=turn_body(route, "b" * 50)).status_code == 200
    too_long = c.post(route, json=turn_body(route, "b" * 51))
    assert too_long.status_code == 422 and "limit is 50" in too_long.text


def test_voice_transcript_length_is_limited() -> None:
    c = client(max_message_chars=10)  # the fake transcript is longer than 10 characters
    r = c.post("/api/voice", data={"session_id": "s1"}, files={"audio": ("a.wav", b"RIFF....", "audio/wav")})
    assert r.status_code == 422 and "too long" in r.text


@pytest.mark.parametrize("route", [*JSON_ROUTES, "/api/voice"])
def test_body_size_is_limited_on_every_post_route(route: str) -> None:
    c = client(max_body_bytes=2_000, max_audio_bytes=5_000)
    limit = 5_000 + 16_384 if route == "/api/voice" else 2_000
    r = c.post(route, content=b"x" * (limit + 1), headers={"content-type": "application/json"})
    assert r.status_code == 413 and "larger than" in r.text


@pytest.mark.parametrize("route", [r for r in JSON_ROUTES if r.startswith("/api")])
@pytest.mark.parametrize("session_id", ["", "a" * 65, "../etc/passwd", "s 1", "s\n1", "<script>", "é"])
def test_session_id_is_validated(route: str, session_id: str) -> None:
    body = {**valid_body(route), "session_id": session_id}
    assert client().post(route, json=body).status_code == 422


@pytest.mark.parametrize("route", JSON_ROUTES)
def test_rate_limit_429_with_retry_after_on_every_route(route: str) -> None:
    c = client(rate_limit_per_minute=2)
    statuses = [c.post(route, json=valid_body(route)) for _ in range(3)]
    assert [r.status_code for r in statuses[:2]] == [200, 200], [r.text for r in statuses]
    assert statuses[2].status_code == 429 and int(statuses[2].headers["retry-after"]) >= 1


@pytest.mark.parametrize("route", [r for r in JSON_ROUTES if r != "/api/feedback"] + ["/api/feedback"])
def test_full_queue_is_503_with_retry_after(route: str) -> None:
    c = client()
    gate = c.app.state.service.gate  # type: ignore[attr-defined]
    gate.admitted = gate.max_queue
    r = c.post(route, json=valid_body(route))
    assert r.status_code == 503 and r.headers["retry-after"]


@pytest.mark.parametrize("route", [*JSON_ROUTES, "/v1/models"])
def test_api_key_guards_every_api_route(route: str) -> None:
    c = client(api_key="k3y")
    call = c.get if route == "/v1/models" else c.post
    kwargs = {} if route == "/v1/models" else {"json": valid_body(route)}
    assert call(route, **kwargs).status_code == 401  # type: ignore[arg-type]
    assert call(route, headers={"Authorization": "Bearer wrong"}, **kwargs).status_code == 401  # type: ignore[arg-type]
    assert call(route, headers={"Authorization": "Bearer k3y"}, **kwargs).status_code == 200  # type: ignore[arg-type]


def test_cors_only_for_listed_origins_and_on_refusals() -> None:
    c = client(cors_origins=["https://shop.example"], rate_limit_per_minute=1)
    ok = c.post("/api/chat", json=valid_body("/api/chat"), headers={"Origin": "https://shop.example"})
    assert ok.headers.get("access-control-allow-origin") == "https://shop.example"
    refused = c.post("/api/chat", json=valid_body("/api/chat"), headers={"Origin": "https://shop.example"})
    assert refused.status_code == 429 and refused.headers.get("access-control-allow-origin")
    assert "retry-after" in refused.headers.get("access-control-expose-headers", "").lower()
    evil = c.post("/api/chat", json=valid_body("/api/chat"), headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in evil.headers


@pytest.mark.parametrize("route", [*TURN_ROUTES, "/api/handoff", "/api/reset", "/api/feedback", "/api/voice"])
def test_no_stack_traces_or_internals_to_clients(route: str) -> None:
    class Exploding(FakeAssistant):
        def record_feedback(self, *args: object, **kwargs: object) -> None:
            raise RuntimeError("db password is hunter2")

        def request_handoff(self, session_id: str):  # type: ignore[no-untyped-def]
            raise RuntimeError("db password is hunter2")

        def reset(self, session_id: str) -> None:
            raise KeyError("db password is hunter2")

        def transcribe(self, audio: bytes, filename: str):  # type: ignore[no-untyped-def]
            raise OSError("db password is hunter2")

    c = client(Exploding(fail_with=RuntimeError("db password is hunter2")))
    if route == "/api/voice":
        r = c.post(route, data={"session_id": "s1"}, files={"audio": ("a.wav", b"RIFF", "audio/wav")})
    else:
        body = valid_body(route)
        if route == "/v1/chat/completions":
            body = {**body, "stream": True}
        r = c.post(route, json=body)
    assert "hunter2" not in r.text and "Traceback" not in r.text and 'File "' not in r.text
    assert r.status_code == 500 or "error" in r.text


def test_validation_errors_do_not_echo_internals() -> None:
    r = client().post("/api/chat", content=b"\xff\xfe{not json", headers={"content-type": "application/json"})
    assert r.status_code in (400, 422) and "Traceback" not in r.text and "site-packages" not in r.text


class Endless(Generator):
    """A model that never stops and ignores max_tokens."""

    name = "endless"
    serialize = True

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.asked: list[int] = []

    def _stream(
        self, messages: list[dict[str, str]], max_tokens: int, stop: object, temperature: float
    ) -> Iterator[str]:
        self.asked.append(max_tokens)
        while True:
            time.sleep(0.01)
            yield "word "


def test_generation_is_capped_in_tokens_and_time() -> None:
    gen = Endless(Settings(max_new_tokens=16, generation_timeout_s=0.3))
    started = time.monotonic()
    text = gen.complete([{"role": "user", "content": "hi"}], max_tokens=4096)
    assert time.monotonic() - started < 2.0 and text
    assert gen.asked == [16]  # the shop's cap, not the caller's wish


def test_composer_never_asks_for_more_than_the_cap(make_assistant) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import ScriptedGenerator

    assistant = make_assistant(ScriptedGenerator(), max_new_tokens=24)
    assert assistant.composer.max_tokens <= 24


def test_gradio_ui_has_no_flagging_and_hides_errors() -> None:
    import gradio as gr

    from assistant.serve.ui import build_ui

    blocks = build_ui(FakeAssistant(), Settings())
    for block in blocks.blocks.values():
        assert getattr(block, "flagging_mode", "never") in ("never", None), block
    assert not any(isinstance(b, gr.Interface) for b in blocks.blocks.values())
    import inspect

    from assistant.serve import app as api

    assert "show_error=False" in inspect.getsource(api._mount_ui)


@pytest.mark.parametrize(
    ("raw", "secret"),
    [
        ("login by ava.reyes72@example.com failed", "ava.reyes72@example.com"),
        ("call me on +1 (555) 123-4567", "123-4567"),
        ("phone 020 7946 0958 please", "7946 0958"),
        ("card 4111 1111 1111 1111 declined", "4111 1111 1111 1111"),
        ("card 4111-1111-1111-1111", "1111-1111-1111"),
        ("card 4111111111111111", "4111111111111111"),
        ("ship to 42 Baker Street, London", "42 Baker Street"),
        ("ship to 1600 Pennsylvania Avenue", "1600 Pennsylvania Avenue"),
        ("order A10304 zip 05848", "05848"),
    ],
)
def test_pii_is_masked(raw: str, secret: str) -> None:
    assert secret not in mask_pii(raw)


@pytest.mark.parametrize(
    "kept", ["order A10304", "$89.99", "2026-11-23", "size 42", "3 items", "latency 640 ms"]
)
def test_useful_numbers_are_kept(kept: str) -> None:
    assert mask_pii(f"x {kept} y") == f"x {kept} y"


def test_filter_masks_messages_args_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("test.pii")
    logger.addHandler(handler)
    handler.addFilter(PiiFilter())
    try:
        logger.warning("turn from %s: %r", "bob@example.com", "my card is 4111 1111 1111 1111")
        try:
            raise ValueError("customer bob@example.com at 12 Oak Road")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    out = stream.getvalue()
    assert "bob@example.com" not in out and "4111" not in out and "Oak Road" not in out
    assert "<email>" in out and "<card>" in out and "ValueError" in out


def test_install_reaches_handlers_of_root_and_uvicorn() -> None:
    root = logging.getLogger()
    handler = logging.StreamHandler(io.StringIO())
    root.addHandler(handler)
    try:
        install_pii_filter()
        assert any(isinstance(f, PiiFilter) for f in handler.filters)
        assert any(isinstance(f, PiiFilter) for f in logging.getLogger("uvicorn.access").filters)
    finally:
        root.removeHandler(handler)
