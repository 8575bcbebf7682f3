"""OpenAI-compatible chat endpoint, so any OpenAI client or chat UI can talk to the shop assistant.

The last user message is the turn. The assistant keeps its own dialogue state per session, so the
session must stay the same across a conversation: the ``user`` field, else ``X-Session-Id``, else a
hash of how the conversation began (which every later request repeats).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import AsyncIterator, Callable
from typing import Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.contracts import Reply
from assistant.serve.bodies import SESSION_ID_PATTERN, check_message
from assistant.serve.deps import Service

MODEL_ID = "shop-assistant"
_SESSION_RE = re.compile(SESSION_ID_PATTERN)


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "user", "assistant", "tool", "developer", "function"]
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        if isinstance(self.content, str):
            return self.content
        if not self.content:
            return ""
        return "".join(str(part.get("text", "")) for part in self.content if part.get("type") == "text")


class CompletionRequest(BaseModel):
    """The subset of the OpenAI request that matters here; sampling knobs are accepted and ignored."""

    model_config = ConfigDict(extra="ignore")
    model: str = MODEL_ID
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    user: str | None = None


def session_for(body: CompletionRequest, header: str | None) -> tuple[str, bool]:
    """Return the session id and whether it was derived from the conversation's opening."""
    for candidate in (body.user, header):
        if candidate:
            if _SESSION_RE.match(candidate):
                return candidate, False
            return "oa-" + hashlib.sha256(candidate.encode()).hexdigest()[:20], False
    first_user = next((m for m in body.messages if m.role == "user"), None)
    opening = [m.model_dump() for m in body.messages if m.role in ("system", "developer")]
    opening.append(first_user.model_dump() if first_user else {})
    digest = hashlib.sha256(json.dumps(opening, sort_keys=True).encode()).hexdigest()[:20]
    return f"oa-{digest}", True


def completion(reply: Reply, created: int) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-{reply.reply_id}",
        "object": "chat.completion",
        "created": created,
        "model": MODEL_ID,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": reply.text}, "finish_reason": "stop"}
        ],
        # Token counts are not meaningful for template-built answers; zeros keep strict clients happy.
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "shop_items": [item.model_dump(mode="json") for item in reply.items],
        "shop_cart": reply.cart.model_dump(mode="json") if reply.cart else None,
        "shop_citations": [citation.model_dump(mode="json") for citation in reply.citations],
        "shop_reply": reply.model_dump(mode="json"),
    }


def chunk(chunk_id: str, created: int, delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
    body = {
        "id": chunk_id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": MODEL_ID,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        **extra,
    }
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"


def build_openai_router(guard: Callable[..., None], get_service: Callable[..., Service]) -> APIRouter:
    router = APIRouter(prefix="/v1", dependencies=[Depends(guard)], tags=["openai"])

    @router.get("/models", summary="The one model this server speaks as")
    async def models() -> dict[str, Any]:
        return {
            "object": "list",
            "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "shop"}],
        }

    @router.post("/chat/completions", summary="OpenAI chat format; products also in `shop_items`")
    async def chat_completions(
        body: CompletionRequest,
        x_session_id: str | None = Header(default=None),
        service: Service = Depends(get_service),
    ) -> Any:
        last = body.messages[-1]
        if last.role != "user":
            raise HTTPException(422, detail="messages: the last message must come from the user.")
        message = check_message(last.text(), service.settings)
        session_id, derived = session_for(body, x_session_id)
        is_opening = sum(1 for m in body.messages if m.role in ("user", "assistant")) == 1
        if derived and is_opening:
            # The same opening line starts a new conversation, not the old one with that opening.
            await service.gate.run(service.assistant.reset, session_id)
        created = int(time.time())
        if not body.stream:
            reply = await service.chat(session_id, message, None)
            return JSONResponse(completion(reply, created), headers={"X-Session-Id": session_id})

        events = await service.stream_events(session_id, message, None)
        chunk_id = f"chatcmpl-{session_id[-8:]}{created}"

        async def lines() -> AsyncIterator[str]:
            yield chunk(chunk_id, created, {"role": "assistant", "content": ""})
            try:
                async for event in events:
                    if event.kind == "items":
                        yield chunk(
                            chunk_id, created, {}, shop_items=[i.model_dump(mode="json") for i in event.items]
                        )
                    elif event.kind == "citations" and event.citations:
                        cites = [c.model_dump(mode="json") for c in event.citations]
                        yield chunk(chunk_id, created, {}, shop_citations=cites)
                    elif event.kind == "token" and event.token:
                        yield chunk(chunk_id, created, {"content": event.token})
                    elif event.kind == "done":
                        cart = event.reply.cart if event.reply is not None else None
                        if cart is not None:
                            yield chunk(chunk_id, created, {}, shop_cart=cart.model_dump(mode="json"))
                        yield chunk(chunk_id, created, {}, "stop")
            except Exception as exc:
                yield service.stream_error(exc)
            yield "data: [DONE]\n\n"

        return StreamingResponse(
            lines(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Session-Id": session_id},
        )

    return router
