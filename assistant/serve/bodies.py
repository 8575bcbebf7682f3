"""Request and response bodies of the HTTP API, with the checks that need no settings."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import HTTPException
from pydantic import BaseModel, Field

from assistant.config import Settings
from assistant.contracts import Reply, Transcript

SESSION_ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"
SessionId = Annotated[
    str,
    Field(
        pattern=SESSION_ID_PATTERN,
        description="1-64 characters: letters, digits, _ . : -",
        examples=["web-3f9c2a"],
    ),
]
UserId = Annotated[str, Field(max_length=128)]


class ChatRequest(BaseModel):
    session_id: SessionId
    message: str = Field(description="The shopper's message (limit: settings.max_message_chars)")
    user_id: UserId | None = None


class FeedbackRequest(BaseModel):
    reply_id: str = Field(min_length=1, max_length=64)
    rating: Literal["up", "down"]
    comment: str = Field(default="", max_length=2000)
    session_id: SessionId | None = None


class SessionRequest(BaseModel):
    session_id: SessionId


class CartRequest(BaseModel):
    """An item's "Add to cart" button; the ids come from the item's action."""

    session_id: SessionId
    product_id: str = Field(min_length=1, max_length=128)
    variant_id: str | None = Field(default=None, max_length=128)
    quantity: int = Field(default=1, ge=1, le=1000)  # the shop's per-line cap is checked by the cart


class TranscriptOut(BaseModel):
    text: str
    language: str
    duration_s: float

    @classmethod
    def of(cls, transcript: Transcript) -> TranscriptOut:
        return cls(text=transcript.text, language=transcript.language, duration_s=transcript.duration_s)


class VoiceResponse(BaseModel):
    transcript: TranscriptOut
    reply: Reply


class OkResponse(BaseModel):
    ok: bool = True


class ErrorResponse(BaseModel):
    detail: Any
    error: str = ""


def check_message(message: str, settings: Settings) -> str:
    """Refuse what the model should never see; the limit is named so the shopper can fix it."""
    if not message.strip():
        raise HTTPException(422, detail="message must not be empty.")
    if len(message) > settings.max_message_chars:
        raise HTTPException(
            422,
            detail=f"message is too long ({len(message)} characters; the limit is "
            f"{settings.max_message_chars} characters).",
        )
    return message


def voice_error_status(message: str) -> int:
    """Map a transcriber's ValueError to an HTTP status by what it says went wrong."""
    lowered = message.lower()
    if "too large" in lowered or "larger than" in lowered:
        return 413
    if "unsupported" in lowered or ("format" in lowered and "accepted" in lowered):
        return 415
    if any(word in lowered for word in ("empty", "too long", "too short", "no audio", "not a readable")):
        return 422
    return 400
