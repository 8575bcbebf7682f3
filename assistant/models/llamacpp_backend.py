"""The default backend: llama-cpp-python on a GGUF file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.models.generator_base import Generator, Messages, packaged_gguf_path
from assistant.models.runtime import ModelUnavailableError


class LlamaCppGenerator(Generator):
    """llama-cpp-python on a GGUF file (default: the packaged SmolLM2-135M-Instruct Q4_1)."""

    name = "llamacpp"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        from llama_cpp import Llama

        self.model_path = Path(settings.generator_model_path or packaged_gguf_path())
        if not self.model_path.is_file():
            raise ModelUnavailableError(f"GGUF file not found: {self.model_path}")
        # Kept for the life of the process: llama.cpp reuses the KV cache for the longest common
        # prefix with the previous prompt, so a fixed system prompt is evaluated once, not per turn.
        self._llama: Any = Llama(
            model_path=str(self.model_path),
            n_threads=settings.n_threads,
            n_ctx=settings.context_tokens,
            verbose=False,
        )

    def close(self) -> None:
        with self._lock:
            self._llama.close()

    def _stream(
        self, messages: Messages, max_tokens: int, stop: list[str] | None, temperature: float
    ) -> Iterator[str]:
        stream = self._llama.create_chat_completion(
            messages=messages, stream=True, max_tokens=max_tokens, stop=stop or None, temperature=temperature
        )
        for chunk in stream:
            content = chunk["choices"][0].get("delta", {}).get("content")
            if content:
                yield content
