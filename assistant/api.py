"""The HTTP face of the assistant: JSON and SSE turns, voice, feedback, metrics, the widget and the UI.

One process serves everything: the API under /api and /v1, the widget script, and the Gradio chat at /.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, File, Form, Header, HTTPException, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from assistant.api_guard import (
    GuardMiddleware,
    Metrics,
    RateLimiter,
    TurnGate,
    check_api_key,
    client_key,
    retry_after_error,
)
from assistant.api_models import (
    SESSION_ID_PATTERN,
    ChatRequest,
    FeedbackRequest,
    OkResponse,
    SessionRequest,
    TranscriptOut,
    VoiceResponse,
    check_message,
    voice_error_status,
)
from assistant.config import Settings
from assistant.events import ShopAssistant, TurnEvent
from assistant.schema import Reply

log = logging.getLogger("assistant.api")
WEB_DIR = Path(__file__).resolve().parent / "web"
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def event_payload(event: TurnEvent) -> Any:
    if event.kind == "items":
        return [item.model_dump(mode="json") for item in event.items]
    if event.kind == "citations":
        return [citation.model_dump(mode="json") for citation in event.citations]
    if event.kind == "token":
        return {"text": event.token}
    return event.reply.model_dump(mode="json") if event.reply is not None else None


class Service:
    """Everything a route needs, held on ``app.state.service``."""

    def __init__(self, assistant: ShopAssistant, settings: Settings) -> None:
        self.assistant = assistant
        self.settings = settings
        self.metrics = Metrics()
        self.gate = TurnGate(settings.max_queue, self.metrics)
        self.limiter = RateLimiter(settings.rate_limit_per_minute)

    async def chat(self, session_id: str, message: str, user_id: str | None) -> Reply:
        reply = await self.gate.run(self.assistant.chat, session_id, message, user_id)
        self.metrics.observe_reply(reply)
        return reply

    async def stream_events(
        self, session_id: str, message: str, user_id: str | None
    ) -> AsyncIterator[TurnEvent]:
        events = await self.gate.open_stream(lambda: self.assistant.stream(session_id, message, user_id))

        async def observed() -> AsyncIterator[TurnEvent]:
            async for event in events:
                if event.kind == "done" and event.reply is not None:
                    self.metrics.observe_reply(event.reply)
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


def build_api_router() -> APIRouter:
    router = APIRouter(prefix="/api", dependencies=[Depends(guard)], tags=["chat"])

    @router.post("/chat", response_model=Reply, summary="One turn, answered as a whole")
    async def chat(body: ChatRequest, service: Service = Depends(get_service)) -> Reply:
        check_message(body.message, service.settings)
        return await service.chat(body.session_id, body.message, body.user_id)

    @router.post(
        "/chat/stream",
        summary="One turn as Server-Sent Events: items, citations, token*, done (the whole Reply)",
        response_class=StreamingResponse,
        responses={200: {"content": {"text/event-stream": {}}}},
    )
    async def chat_stream(body: ChatRequest, service: Service = Depends(get_service)) -> StreamingResponse:
        check_message(body.message, service.settings)
        events = await service.stream_events(body.session_id, body.message, body.user_id)

        async def lines() -> AsyncIterator[str]:
            try:
                async for event in events:
                    yield sse(event.kind, event_payload(event))
            except Exception as exc:
                yield service.stream_error(exc)

        return StreamingResponse(lines(), media_type="text/event-stream", headers=SSE_HEADERS)

    @router.post("/voice", response_model=VoiceResponse, summary="A spoken turn: transcript, then the Reply")
    async def voice(
        audio: UploadFile = File(..., description="The recording (wav, webm, ogg, mp3, m4a, flac)"),
        session_id: str = Form(..., pattern=SESSION_ID_PATTERN),
        user_id: str | None = Form(default=None, max_length=128),
        service: Service = Depends(get_service),
    ) -> VoiceResponse:
        data = await audio.read(service.settings.max_audio_bytes + 1)
        if len(data) > service.settings.max_audio_bytes:
            raise HTTPException(
                413, detail=f"The audio file is larger than {service.settings.max_audio_bytes} bytes."
            )
        # Only the base name: a client-supplied path says nothing the transcriber needs.
        filename = Path(audio.filename or "audio").name
        try:
            transcript = await service.gate.run(service.assistant.transcribe, data, filename)
        except ValueError as exc:
            service.metrics.errors.labels(kind="bad_audio").inc()
            raise HTTPException(voice_error_status(str(exc)), detail=str(exc)) from exc
        check_message(transcript.text, service.settings)
        reply = await service.chat(session_id, transcript.text, user_id)
        return VoiceResponse(transcript=TranscriptOut.of(transcript), reply=reply)

    @router.post("/feedback", response_model=OkResponse, summary="Thumbs up or down on one answer")
    async def feedback(body: FeedbackRequest, service: Service = Depends(get_service)) -> OkResponse:
        await service.gate.run(
            service.assistant.record_feedback, body.reply_id, body.rating, body.comment, body.session_id or ""
        )
        service.metrics.feedback.labels(rating=body.rating).inc()
        return OkResponse()

    @router.post("/handoff", response_model=Reply, summary="Ask for a person to take over")
    async def handoff(body: SessionRequest, service: Service = Depends(get_service)) -> Reply:
        return await service.gate.run(service.assistant.request_handoff, body.session_id)

    @router.post("/reset", response_model=OkResponse, summary="Forget a conversation")
    async def reset(body: SessionRequest, service: Service = Depends(get_service)) -> OkResponse:
        await service.gate.run(service.assistant.reset, body.session_id)
        return OkResponse()

    return router


def build_ops_router() -> APIRouter:
    router = APIRouter(tags=["ops"])

    @router.get("/healthz", summary="Liveness and what the assistant reports about itself")
    async def healthz(service: Service = Depends(get_service)) -> JSONResponse:
        try:
            details = service.assistant.health()
        except Exception:
            log.exception("health check failed")
            return JSONResponse({"status": "error"}, status_code=503)
        status = str(details.get("status", "ok"))
        return JSONResponse({**details, "status": status}, status_code=200 if status == "ok" else 503)

    @router.get("/metrics", summary="Prometheus metrics", response_class=Response)
    async def metrics(service: Service = Depends(get_service)) -> Response:
        return Response(generate_latest(service.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    @router.get("/widget.js", summary="The embeddable chat widget", response_class=FileResponse)
    async def widget() -> FileResponse:
        return FileResponse(
            WEB_DIR / "widget.js",
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*"},
        )

    return router


def _readable(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "header"))
        ctx = error.get("ctx") or {}
        message = str(error.get("msg", "invalid"))
        if "pattern" in ctx:
            message = f"must match {ctx['pattern']}"
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts) or "invalid request"


def create_app(assistant: ShopAssistant, settings: Settings, *, mount_ui: bool = True) -> FastAPI:
    """The whole web app. ``mount_ui=False`` leaves out the Gradio chat (API-only deployments, tests)."""
    from assistant.analytics import build_analytics_router
    from assistant.api_openai import build_openai_router

    app = FastAPI(
        title="Shop assistant API",
        version="0.1.0",
        description="Conversational shopping assistant: chat (JSON, SSE), voice, feedback, handoff, "
        "an OpenAI-compatible /v1, metrics and the embeddable widget.",
    )
    app.state.service = Service(assistant, settings)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _readable(exc), "error": "invalid_request"}, status_code=422)

    app.include_router(build_api_router())
    app.include_router(build_openai_router(guard, get_service))
    app.include_router(build_ops_router())
    app.include_router(build_analytics_router(guard, get_service))  # /admin analytics, /api/click
    app.add_middleware(GuardMiddleware, settings=settings, metrics=app.state.service.metrics)
    # Outermost, so refusals (413, 429, 503) still carry CORS headers the widget can read.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Content-Type", "Authorization", "X-Session-Id"],
        expose_headers=["Retry-After"],
        max_age=600,
    )
    if mount_ui:
        _mount_ui(app, assistant, settings)
    return app


def _mount_ui(app: FastAPI, assistant: ShopAssistant, settings: Settings) -> None:
    import gradio as gr

    from assistant.ui import UI_CSS, UI_HEAD, build_ui, ui_theme

    blocks = build_ui(assistant, settings)
    gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        footer_links=[],
        run_history=False,
        css=UI_CSS,
        head=UI_HEAD,
        theme=ui_theme(),
        max_file_size=settings.max_audio_bytes,
        show_error=False,
        ssr_mode=False,
        mcp_server=False,
    )


def serve(settings: Settings) -> None:
    """Build the real assistant and serve everything on settings.host:settings.port."""
    import uvicorn

    from assistant.assistant import Assistant

    assistant = Assistant.from_settings(settings)
    app = create_app(assistant, settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info", proxy_headers=False)
