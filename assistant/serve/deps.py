"""What every route depends on: the Service held on ``app.state``, and the guard (API key, then
the per-client rate limit) that runs before a route."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import AsyncIterator
from typing import Any

from fastapi import Header, Request

from assistant.config import Settings
from assistant.contracts import Reply, ShopAssistant, TurnEvent
from assistant.serve.guard import (
    Metrics,
    RateLimiter,
    TurnGate,
    check_api_key,
    client_key,
    retry_after_error,
)
from assistant.serve.handoffs import HandoffOutbox

log = logging.getLogger("assistant.serve.app")


def sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


class Service:
    """Everything a route needs, held on ``app.state.service``."""

    def __init__(self, assistant: ShopAssistant, settings: Settings) -> None:
        self.assistant = assistant
        self.settings = settings
        self.metrics = Metrics()
        self.gate = TurnGate(settings.max_queue, self.metrics)
        self.limiter = RateLimiter(settings.rate_limit_per_minute)
        self.handoffs = HandoffOutbox(settings)  # packets for a helpdesk; webhook delivery with retries

    async def chat(self, session_id: str, message: str, user_id: str | None) -> Reply:
        reply = await self.gate.run(self.assistant.chat, session_id, message, user_id)
        self.metrics.observe_reply(reply)
        self.handoffs.observe(self.assistant, reply)
        return reply

    async def stream_events(
        self, session_id: str, message: str, user_id: str | None
    ) -> AsyncIterator[TurnEvent]:
        events = await self.gate.open_stream(lambda: self.assistant.stream(session_id, message, user_id))

        async def observed() -> AsyncIterator[TurnEvent]:
            async for event in events:
                if event.kind == "done" and event.reply is not None:
                    self.metrics.observe_reply(event.reply)
                    self.handoffs.observe(self.assistant, event.reply)
                yield event

        return observed()

    def stream_error(self, exc: BaseException) -> str:
        error_id = uuid.uuid4().hex[:12]
        log.error("turn failed mid-stream %s", error_id, exc_info=exc)
        self.metrics.errors.labels(kind="stream").inc()
        return sse(
            "error", {"detail": "Something went wrong on our side. Please try again.", "error_id": error_id}
        )


def get_service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


def guard(
    request: Request,
    authorization: str | None = Header(default=None, include_in_schema=False),
) -> None:
    """API key first (a stranger should not spend a client's quota), then the per-client rate limit."""
    service = get_service(request)
    check_api_key(service.settings, authorization)
    wait = service.limiter.check(client_key(request))
    if wait:
        service.metrics.errors.labels(kind="rate_limited").inc()
        raise retry_after_error(wait)
