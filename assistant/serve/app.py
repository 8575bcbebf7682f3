"""The HTTP face of the assistant: JSON and SSE turns, voice, feedback, metrics, the widget and the UI.

One process serves everything: the API under /api and /v1, the widget script, and the Gradio chat at /.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio
from fastapi import APIRouter, Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response, StreamingResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from assistant.config import Settings
from assistant.contracts import Reply, ShopAssistant, TurnEvent
from assistant.serve.bodies import (
    SESSION_ID_PATTERN,
    CartRequest,
    ChatRequest,
    FeedbackRequest,
    OkResponse,
    SessionRequest,
    TranscriptOut,
    VoiceResponse,
    check_message,
    voice_error_status,
)
from assistant.serve.deps import Service, get_service, guard, sse
from assistant.serve.guard import (
    GuardMiddleware,
)

log = logging.getLogger("assistant.serve.app")
WEB_DIR = Path(__file__).resolve().parent / "web"
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def event_payload(event: TurnEvent) -> Any:
    if event.kind == "items":
        return [item.model_dump(mode="json") for item in event.items]
    if event.kind == "citations":
        return [citation.model_dump(mode="json") for citation in event.citations]
    if event.kind == "token":
        return {"text": event.token}
    return event.reply.model_dump(mode="json") if event.reply is not None else None


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

    _add_voice_route(router)
    _add_cart_and_handoff_routes(router)

    @router.post("/feedback", response_model=OkResponse, summary="Thumbs up or down on one answer")
    async def feedback(body: FeedbackRequest, service: Service = Depends(get_service)) -> OkResponse:
        await service.gate.run(
            service.assistant.record_feedback, body.reply_id, body.rating, body.comment, body.session_id or ""
        )
        service.metrics.feedback.labels(rating=body.rating).inc()
        return OkResponse()

    @router.post("/handoff", response_model=Reply, summary="Ask for a person to take over")
    async def handoff(body: SessionRequest, service: Service = Depends(get_service)) -> Reply:
        reply = await service.gate.run(service.assistant.request_handoff, body.session_id)
        service.handoffs.observe(service.assistant, reply)
        return reply

    @router.post("/reset", response_model=OkResponse, summary="Forget a conversation")
    async def reset(body: SessionRequest, service: Service = Depends(get_service)) -> OkResponse:
        await service.gate.run(service.assistant.reset, body.session_id)
        return OkResponse()

    return router


def _add_voice_route(router: APIRouter) -> None:
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


def _add_cart_and_handoff_routes(router: APIRouter) -> None:
    @router.post(
        "/cart", response_model=Reply, summary="An item's Add to cart button (checked like a chat add)"
    )
    async def cart(body: CartRequest, service: Service = Depends(get_service)) -> Reply:
        add = getattr(service.assistant, "add_to_cart", None)
        if add is None:
            raise HTTPException(501, detail="This assistant has no cart.")
        reply: Reply = await service.gate.run(
            add, body.session_id, body.product_id, body.variant_id, body.quantity
        )
        return reply

    @router.get("/handoffs", summary="Handoff packets (summary, transcript, cart, verified customer)")
    async def handoffs(
        request: Request,
        session_id: str | None = Query(default=None, pattern=SESSION_ID_PATTERN),
        limit: int = Query(default=50, ge=1, le=500),
        service: Service = Depends(get_service),
    ) -> dict[str, Any]:
        # Transcripts and customer ids: never readable without a key, even where chat needs none.
        if not service.settings.api_key:
            raise HTTPException(403, detail="Set ASSISTANT_API_KEY to read handoff packets.")
        packets = await anyio.to_thread.run_sync(service.handoffs.packets, session_id, limit)
        return {"handoffs": packets}


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

    @router.api_route(
        "/widget.js", methods=["GET", "HEAD"], summary="The embeddable chat widget", response_class=Response
    )
    async def widget(request: Request) -> Response:
        body, etag = _widget_source()
        headers = {
            "Cache-Control": "public, max-age=300, must-revalidate",
            "ETag": etag,
            "Access-Control-Allow-Origin": "*",
        }
        if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            return Response(status_code=304, headers=headers)
        media = "text/javascript; charset=utf-8"
        if request.method == "HEAD":
            return Response(headers={**headers, "Content-Length": str(len(body))}, media_type=media)
        return Response(body, media_type=media, headers=headers)

    return router


def _widget_source() -> tuple[bytes, str]:
    """The widget and its ETag (a hash of its bytes), re-read only when the file changes."""
    path = WEB_DIR / "widget.js"
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _WIDGET_CACHE.get(key)
    if cached is None:
        body = path.read_bytes()
        cached = (body, '"' + hashlib.sha256(body).hexdigest()[:20] + '"')
        _WIDGET_CACHE.clear()
        _WIDGET_CACHE[key] = cached
    return cached


_WIDGET_CACHE: dict[tuple[int, int], tuple[bytes, str]] = {}


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
    from assistant.serve.analytics import build_analytics_router
    from assistant.serve.openai_routes import build_openai_router

    app = FastAPI(
        title="Shop assistant API",
        version="0.1.0",
        description="Conversational shopping assistant: chat (JSON, SSE), voice, feedback, handoff, "
        "an OpenAI-compatible /v1, metrics and the embeddable widget.",
    )
    app.state.service = Service(assistant, settings)
    # Handoff packets reach the helpdesk webhook from a worker thread (only when a URL is set).
    app.router.on_startup.append(app.state.service.handoffs.start)
    app.router.on_shutdown.append(app.state.service.handoffs.stop)

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

    from assistant.serve.ui import UI_CSS, UI_HEAD, build_ui, ui_theme

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
