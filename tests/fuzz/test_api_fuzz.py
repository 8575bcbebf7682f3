"""Property-based fuzzing of the HTTP API: arbitrary JSON, text and binary bodies at every route.

Property: no request ever gets a 5xx (503 only when the queue is deliberately full), every error
is JSON with a readable detail and no traceback, and the server is healthy afterwards. Thousands of
requests go to the FakeAssistant (fast); a few hundred to the real assistant with generator none.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.config import Settings
from assistant.serve.app import create_app
from tests.fakes import FakeAssistant

ROUTES = [
    "/api/chat",
    "/api/chat/stream",
    "/api/feedback",
    "/v1/chat/completions",
    "/api/handoff",
    "/api/reset",
]
CONTENT_TYPES = ["application/json", "text/plain", "application/octet-stream", "multipart/form-data", ""]
STATS: Counter[str] = Counter()

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=300)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=20), children, max_size=5)
    ),
    max_leaves=20,
)
session_ids = st.one_of(st.text(max_size=80), st.from_regex(r"[A-Za-z0-9_.:-]{1,64}", fullmatch=True))
messages = st.one_of(
    st.text(max_size=2500),
    st.sampled_from(
        ["running shoes under 100", "where is order A10023?", "yes", "{canary}", "\x00", "🙂" * 10]
    ),
)
chat_bodies = st.fixed_dictionaries(
    {"session_id": session_ids, "message": messages},
    optional={"user_id": st.one_of(st.none(), st.text(max_size=200), st.integers())},
)
feedback_bodies = st.fixed_dictionaries(
    {"reply_id": st.text(max_size=80), "rating": st.sampled_from(["up", "down", "meh", ""])},
    optional={"comment": st.text(max_size=2100), "session_id": session_ids},
)
openai_message = st.fixed_dictionaries(
    {
        "role": st.sampled_from(["user", "assistant", "system", "tool", "developer", "robot"]),
        "content": st.one_of(
            st.none(),
            messages,
            st.lists(
                st.fixed_dictionaries({"type": st.sampled_from(["text", "image_url"]), "text": json_values})
            ),
        ),
    }
)
openai_bodies = st.fixed_dictionaries(
    {"messages": st.lists(openai_message, max_size=4)},
    optional={
        "model": json_values,
        "stream": st.booleans(),
        "user": st.one_of(st.none(), st.text(max_size=100)),
    },
)
bodies = st.one_of(
    json_values.map(lambda v: ("json", v)),
    chat_bodies.map(lambda v: ("json", v)),
    feedback_bodies.map(lambda v: ("json", v)),
    openai_bodies.map(lambda v: ("json", v)),
    st.binary(max_size=3000).map(lambda v: ("raw", v)),
    st.text(max_size=3000).map(lambda v: ("raw", v.encode("utf-8", "surrogatepass"))),
)


def make_client(assistant: Any = None, **overrides: Any) -> TestClient:
    settings = Settings(**{"rate_limit_per_minute": 0, "max_body_bytes": 4_000, **overrides})
    return TestClient(
        create_app(assistant or FakeAssistant(), settings, mount_ui=False), raise_server_exceptions=False
    )


def send(c: TestClient, route: str, body: tuple[str, Any], content_type: str) -> Any:
    kind, value = body
    if kind == "json":
        try:
            raw = json.dumps(value, allow_nan=True).encode()
        except (TypeError, ValueError):
            raw = repr(value).encode("utf-8", "surrogatepass")
    else:
        raw = value
    headers = {"content-type": content_type} if content_type else {}
    return c.post(route, content=raw, headers=headers)


def check(response: Any) -> None:
    STATS[f"{response.status_code // 100}xx"] += 1
    assert response.status_code < 500, (response.status_code, response.text[:500])
    text = response.text
    assert "Traceback" not in text and 'File "/' not in text
    if response.status_code >= 400 and response.content:
        assert "detail" in response.json()


@pytest.fixture(scope="module")
def fake_client() -> TestClient:
    return make_client()


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(route=st.sampled_from(ROUTES), body=bodies, content_type=st.sampled_from(CONTENT_TYPES))
def test_any_body_any_route_never_5xx(
    fake_client: TestClient, route: str, body: Any, content_type: str
) -> None:
    check(send(fake_client, route, body, content_type))


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=chat_bodies, route=st.sampled_from(["/api/chat", "/api/chat/stream"]))
def test_well_shaped_chat_bodies(fake_client: TestClient, body: dict[str, Any], route: str) -> None:
    response = send(fake_client, route, ("json", body), "application/json")
    check(response)
    if response.status_code == 200 and route == "/api/chat":
        assert response.json()["session_id"] == body["session_id"]


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=openai_bodies)
def test_openai_bodies(fake_client: TestClient, body: dict[str, Any]) -> None:
    check(send(fake_client, "/v1/chat/completions", ("json", body), "application/json"))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=feedback_bodies)
def test_feedback_bodies(fake_client: TestClient, body: dict[str, Any]) -> None:
    check(send(fake_client, "/api/feedback", ("json", body), "application/json"))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    audio=st.binary(max_size=2000),
    session=session_ids,
    name=st.text(max_size=100),
    extra=st.dictionaries(st.text(min_size=1, max_size=10), st.text(max_size=50), max_size=3),
)
def test_voice_uploads(
    fake_client: TestClient, audio: bytes, session: str, name: str, extra: dict[str, str]
) -> None:
    response = fake_client.post(
        "/api/voice",
        data={"session_id": session, **extra},
        files={"audio": (name or "a", audio, "audio/wav")},
    )
    check(response)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    path=st.text(
        alphabet=st.characters(min_codepoint=33, max_codepoint=126, exclude_characters="?#"), max_size=40
    ),
    method=st.sampled_from(["GET", "PUT", "DELETE", "PATCH", "POST", "OPTIONS", "HEAD"]),
)
def test_any_path_any_method(fake_client: TestClient, path: str, method: str) -> None:
    check(fake_client.request(method, "/api/" + path.lstrip("/")))


def test_healthy_afterwards_and_counts(fake_client: TestClient) -> None:
    assert fake_client.get("/healthz").json()["status"] == "ok"
    ok = fake_client.post("/api/chat", json={"session_id": "after", "message": "boots"})
    assert ok.status_code == 200
    total = sum(STATS.values())
    print(f"\nfuzz (fake assistant): {total} requests, by class {dict(STATS)}")
    assert STATS["5xx"] == 0


@pytest.mark.slow
def test_real_assistant_fuzz(shared_assistant: Any) -> None:
    """A few hundred generated requests through the real dialogue (generator none)."""
    c = make_client(shared_assistant, max_body_bytes=64_000)
    stats: Counter[str] = Counter()

    valid_turns = st.fixed_dictionaries(
        {
            "session_id": st.from_regex(r"fz-[a-z0-9]{1,6}", fullmatch=True),
            "message": st.text(min_size=1, max_size=300),
        }
    ).map(lambda v: ("json", v))

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(
        route=st.sampled_from(["/api/chat", "/api/chat/stream", "/v1/chat/completions"]),
        body=st.one_of(bodies, valid_turns, valid_turns, valid_turns),
    )
    def run(route: str, body: Any) -> None:
        response = send(c, route, body, "application/json")
        stats[f"{response.status_code // 100}xx"] += 1
        check(response)

    run()
    assert c.get("/healthz").json()["status"] == "ok"
    reply = c.post("/api/chat", json={"session_id": "fuzz-after", "message": "running shoes under 100"})
    assert reply.status_code == 200 and reply.json()["items"]
    print(f"\nfuzz (real assistant): {sum(stats.values())} requests, by class {dict(stats)}")
    assert sum(stats.values()) >= 300 and stats["2xx"] >= 30 and stats["5xx"] == 0
