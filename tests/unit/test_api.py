"""The HTTP API against the FakeAssistant: every route, the SSE order, validation and limits."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from assistant.config import Settings
from assistant.serve.app import create_app
from tests.fakes import BAD_AUDIO, FAKE_ITEMS, FakeAssistant


def make_client(fake: FakeAssistant | None = None, **overrides: object) -> tuple[TestClient, FakeAssistant]:
    fake = fake or FakeAssistant()
    settings = Settings(rate_limit_per_minute=0, **overrides)  # type: ignore[arg-type]
    return TestClient(create_app(fake, settings, mount_ui=False), raise_server_exceptions=False), fake


@pytest.fixture
def client() -> Iterator[TestClient]:
    test_client, _ = make_client()
    with test_client:
        yield test_client


def parse_sse(text: str) -> list[tuple[str, object]]:
    events = []
    for block in text.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        events.append((fields.get("event", "message"), json.loads(fields["data"])))
    return events


def test_chat_returns_reply_with_items(client: TestClient) -> None:
    response = client.post("/api/chat", json={"session_id": "s1", "message": "hiking boots", "user_id": "u1"})
    assert response.status_code == 200
    body = response.json()
    assert body["session_id"] == "s1"
    assert [item["title"] for item in body["items"]] == [item.title for item in FAKE_ITEMS]
    assert body["items"][0]["price"] == 129.0
    assert body["reply_id"]


def test_stream_sends_items_then_citations_then_tokens_then_done(client: TestClient) -> None:
    response = client.post("/api/chat/stream", json={"session_id": "s1", "message": "boots"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(response.text)
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "items" and kinds[1] == "citations" and kinds[-1] == "done"
    assert set(kinds[2:-1]) == {"token"}
    items = events[0][1]
    assert isinstance(items, list) and items[1]["title"] == "Summit Trail Boot"
    text = "".join(data["text"] for kind, data in events if kind == "token")  # type: ignore[index]
    done = events[-1][1]
    assert isinstance(done, dict) and done["text"] == text


def test_stream_error_midway_is_an_error_event_without_trace() -> None:
    test_client, _ = make_client(FakeAssistant(fail_with=RuntimeError("secret internals")))
    response = test_client.post("/api/chat/stream", json={"session_id": "s1", "message": "boots"})
    assert "secret" not in response.text and "Traceback" not in response.text
    assert parse_sse(response.text)[-1][0] == "error"


def test_unhandled_error_is_generic_500_with_error_id() -> None:
    test_client, _ = make_client(FakeAssistant(fail_with=RuntimeError("secret internals")))
    response = test_client.post("/api/chat", json={"session_id": "s1", "message": "boots"})
    assert response.status_code == 500
    assert "secret" not in response.text
    assert response.json()["error_id"]


@pytest.mark.parametrize(
    ("payload", "needle"),
    [
        ({"session_id": "s1", "message": "   "}, "must not be empty"),
        ({"session_id": "s1", "message": "x" * 2001}, "2000 characters"),
        ({"session_id": "bad id!", "message": "hi"}, "session_id"),
        ({"session_id": "x" * 65, "message": "hi"}, "session_id"),
        ({"message": "hi"}, "session_id"),
    ],
)
def test_chat_validation_errors_are_clear_422(
    client: TestClient, payload: dict[str, str], needle: str
) -> None:
    response = client.post("/api/chat", json=payload)
    assert response.status_code == 422
    assert needle in response.json()["detail"]


def test_huge_body_is_413(client: TestClient) -> None:
    response = client.post(
        "/api/chat", content=b"{" + b" " * 70_000 + b"}", headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert "64000" in response.json()["detail"]


def test_huge_chunked_body_is_413_without_content_length(client: TestClient) -> None:
    def body() -> Iterator[bytes]:
        for _ in range(20):
            yield b" " * 8000

    response = client.post("/api/chat", content=body(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_feedback_records_and_rejects_wrong_rating() -> None:
    test_client, fake = make_client()
    ok = test_client.post("/api/feedback", json={"reply_id": "r1", "rating": "up", "session_id": "s1"})
    assert ok.status_code == 200 and ok.json() == {"ok": True}
    assert fake.feedback == [("r1", "up", "", "s1")]
    bad = test_client.post("/api/feedback", json={"reply_id": "r1", "rating": "meh"})
    assert bad.status_code == 422 and "rating" in bad.json()["detail"]


def test_handoff_and_reset() -> None:
    test_client, fake = make_client()
    handoff = test_client.post("/api/handoff", json={"session_id": "s9"})
    assert handoff.status_code == 200 and handoff.json()["handoff"] is True
    assert test_client.post("/api/reset", json={"session_id": "s9"}).json() == {"ok": True}
    assert fake.handoffs == ["s9"] and fake.resets == ["s9"]


def test_voice_transcribes_then_answers() -> None:
    test_client, fake = make_client()
    response = test_client.post(
        "/api/voice",
        files={"audio": ("../../etc/clip.wav", b"RIFF....", "audio/wav")},
        data={"session_id": "s1"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["transcript"]["text"] == "waterproof hiking boots under $150"
    assert len(body["reply"]["items"]) == 2
    assert fake.transcribed == [(8, "clip.wav")]  # the client's path never reaches the assistant
    assert fake.turns[-1][1] == "waterproof hiking boots under $150"


@pytest.mark.parametrize(("audio", "status"), [(b"", 422), (BAD_AUDIO + b"xx", 415)])
def test_voice_bad_audio_gives_message(audio: bytes, status: int) -> None:
    test_client, _ = make_client()
    response = test_client.post(
        "/api/voice", files={"audio": ("a.txt", audio, "text/plain")}, data={"session_id": "s1"}
    )
    assert response.status_code == status
    assert "audio" in response.json()["detail"].lower()


def test_voice_over_audio_limit_is_413() -> None:
    test_client, _ = make_client(max_audio_bytes=1000)
    response = test_client.post(
        "/api/voice", files={"audio": ("a.wav", b"x" * 5000, "audio/wav")}, data={"session_id": "s1"}
    )
    assert response.status_code == 413


def test_rate_limit_gives_429_with_retry_after() -> None:
    test_client = TestClient(create_app(FakeAssistant(), Settings(rate_limit_per_minute=2), mount_ui=False))
    statuses = [test_client.post("/api/chat", json={"session_id": "s", "message": "hi"}) for _ in range(3)]
    assert [r.status_code for r in statuses] == [200, 200, 429]
    assert int(statuses[2].headers["retry-after"]) >= 1


def test_api_key_is_enforced_on_api_and_v1_only() -> None:
    test_client, _ = make_client(api_key="s3cret")
    payload = {"session_id": "s", "message": "hi"}
    assert test_client.post("/api/chat", json=payload).status_code == 401
    wrong = test_client.post("/api/chat", json=payload, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert test_client.get("/v1/models").status_code == 401
    ok = test_client.post("/api/chat", json=payload, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200
    assert test_client.get("/healthz").status_code == 200


def test_busy_gate_gives_503_quickly() -> None:
    test_client, _ = make_client()
    service = test_client.app.state.service  # type: ignore[attr-defined]
    service.gate.admitted = service.gate.max_queue  # as if every slot were taken by slow turns
    response = test_client.post("/api/chat", json={"session_id": "s", "message": "hi"})
    assert response.status_code == 503 and response.headers["retry-after"]


def test_healthz_metrics_models_widget(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    client.post("/api/chat", json={"session_id": "s", "message": "hi"})
    client.post("/api/chat", json={"session_id": "s", "message": ""})
    metrics = client.get("/metrics").text
    assert 'assistant_requests_total{method="POST",route="/api/chat",status="200"} 1.0' in metrics
    assert 'route="/api/chat",status="422"' in metrics
    assert 'assistant_stage_seconds_count{stage="retrieve"} 1.0' in metrics
    assert "assistant_turns_in_flight 0.0" in metrics
    models = client.get("/v1/models").json()
    assert [m["id"] for m in models["data"]] == ["shop-assistant"]
    widget = client.get("/widget.js")
    assert widget.status_code == 200 and widget.headers["content-type"].startswith("text/javascript")
    assert "attachShadow" in widget.text
    assert client.get("/docs").status_code == 200


def test_cors_allows_only_listed_origins() -> None:
    test_client, _ = make_client(cors_origins=["https://shop.example"])
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    allowed = test_client.options("/api/chat/stream", headers={"Origin": "https://shop.example", **preflight})
    assert allowed.headers.get("access-control-allow-origin") == "https://shop.example"
    denied = test_client.options("/api/chat/stream", headers={"Origin": "https://evil.example", **preflight})
    assert "access-control-allow-origin" not in denied.headers


def test_openai_completion_session_from_user_header_or_opening() -> None:
    test_client, fake = make_client()
    body = {
        "model": "shop-assistant",
        "messages": [{"role": "user", "content": "boots please"}],
        "user": "abc",
    }
    response = test_client.post("/v1/chat/completions", json=body)
    assert response.status_code == 200
    data = response.json()
    assert data["object"] == "chat.completion"
    assert data["choices"][0]["message"]["content"].startswith("Here are two")
    assert [i["product_id"] for i in data["shop_items"]] == ["sku-boot-1", "sku-boot-2"]
    assert fake.turns[-1][0] == "abc"

    del body["user"]
    test_client.post("/v1/chat/completions", json=body, headers={"X-Session-Id": "hdr-1"})
    assert fake.turns[-1][0] == "hdr-1"

    test_client.post("/v1/chat/completions", json=body)
    opening_session = fake.turns[-1][0]
    follow_up = {
        "messages": [
            *body["messages"],
            {"role": "assistant", "content": "..."},  # type: ignore[misc]
            {"role": "user", "content": "the cheaper one"},
        ]
    }
    test_client.post("/v1/chat/completions", json=follow_up)
    assert fake.turns[-1] == (opening_session, "the cheaper one", None)
    assert fake.resets == [opening_session]  # only the opening turn starts afresh


def test_openai_rejects_non_user_last_message(client: TestClient) -> None:
    response = client.post("/v1/chat/completions", json={"messages": [{"role": "system", "content": "x"}]})
    assert response.status_code == 422


def test_official_openai_client_against_real_server() -> None:
    from openai import OpenAI

    from tests.fakes import running_server

    app = create_app(FakeAssistant(), Settings(rate_limit_per_minute=0, api_key="k1"), mount_ui=False)
    with running_server(app) as base:
        client = OpenAI(base_url=f"{base}/v1", api_key="k1", max_retries=0, timeout=20)
        assert [m.id for m in client.models.list()] == ["shop-assistant"]
        completion = client.chat.completions.create(
            model="shop-assistant", messages=[{"role": "user", "content": "waterproof boots"}], user="oa1"
        )
        assert "Ridgeline" in (completion.choices[0].message.content or "")
        assert next(i["title"] for i in (completion.model_extra or {})["shop_items"]).startswith("Ridgeline")

        stream = client.chat.completions.create(
            model="shop-assistant", messages=[{"role": "user", "content": "waterproof boots"}], stream=True
        )
        pieces, finishes, items = [], [], []
        for part in stream:
            items += (part.model_extra or {}).get("shop_items", [])
            if part.choices:
                pieces.append(part.choices[0].delta.content or "")
                finishes.append(part.choices[0].finish_reason)
        assert "".join(pieces) == completion.choices[0].message.content
        assert finishes[-1] == "stop" and len(items) == 2
