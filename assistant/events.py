"""What a turn streams to an interface, and the narrow facade interfaces talk to."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from assistant.schema import Citation, RecommendedItem, Reply

EventKind = Literal["items", "citations", "token", "done"]


@dataclass(frozen=True)
class TurnEvent:
    """One streamed piece of a turn. Order: items, citations, token*, done (carrying the Reply)."""

    kind: EventKind
    items: list[RecommendedItem] = field(default_factory=list)  # kind == "items"
    citations: list[Citation] = field(default_factory=list)  # kind == "citations"
    token: str = ""  # kind == "token"
    reply: Reply | None = None  # kind == "done"


@dataclass(frozen=True)
class Transcript:
    text: str
    language: str
    duration_s: float


class ShopAssistant(Protocol):
    """What the API, the web chat, the widget and the CLI need from the assistant."""

    def chat(self, session_id: str, message: str, user_id: str | None = None) -> Reply: ...

    def stream(self, session_id: str, message: str, user_id: str | None = None) -> Iterator[TurnEvent]: ...

    def transcribe(self, audio: bytes, filename: str) -> Transcript: ...

    def record_feedback(
        self, reply_id: str, rating: Literal["up", "down"], comment: str = "", session_id: str = ""
    ) -> None: ...

    def request_handoff(self, session_id: str) -> Reply: ...

    def reset(self, session_id: str) -> None: ...

    def health(self) -> dict[str, Any]: ...
