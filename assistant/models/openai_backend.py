"""Any OpenAI-compatible server (vLLM, llama.cpp server, Ollama, a hosted API)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assistant.config import Settings
from assistant.models.generator_base import GenerationError, Generator, Messages


class OpenAIGenerator(Generator):
    """Any OpenAI-compatible server (vLLM, llama.cpp server, Ollama, OpenAI) through langchain-openai."""

    name = "openai"
    serialize = False

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        from langchain_openai import ChatOpenAI

        self._chat: Any = ChatOpenAI(
            base_url=settings.openai_base_url,
            model=settings.openai_model,
            api_key=settings.openai_api_key,  # type: ignore[arg-type]
            timeout=settings.generation_timeout_s,
            temperature=settings.temperature,
            max_retries=1,
        )

    def _stream(
        self, messages: Messages, max_tokens: int, stop: list[str] | None, temperature: float
    ) -> Iterator[str]:
        try:
            # langchain-openai renames max_tokens to max_completion_tokens, which llama.cpp's server
            # ignores (it then writes until the context is full); every server honours max_tokens.
            extra = {"max_tokens": max_tokens}
            for chunk in self._chat.stream(messages, stop=stop, temperature=temperature, extra_body=extra):
                content = chunk.content
                if isinstance(content, str) and content:
                    yield content
        except Exception as exc:  # the client raises many transport types; callers need one
            raise GenerationError(
                f"OpenAI-compatible server at {self.settings.openai_base_url}: {exc}"
            ) from exc
