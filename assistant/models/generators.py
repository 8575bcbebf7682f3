"""The generator registry: backends by name (``settings.generator_backend``), one shared instance
per configuration. A backend is a short class in its own module (llamacpp_backend, openai_backend,
transformers_backend) implementing ``Generator._stream``; register it in GENERATOR_BACKENDS."""

from __future__ import annotations

import atexit
from collections.abc import Callable
from typing import Any

from assistant.config import Settings, get_settings
from assistant.models.generator_base import (
    PACKAGED_GGUF,
    GenerationError,
    Generator,
    Messages,
    NoGenerator,
    packaged_gguf_path,
)
from assistant.models.runtime import SharedInstances

__all__ = [
    "GENERATOR_BACKENDS",
    "PACKAGED_GGUF",
    "GenerationError",
    "Generator",
    "Messages",
    "NoGenerator",
    "get_generator",
    "packaged_gguf_path",
]


def _llamacpp(settings: Settings) -> Generator:
    from assistant.models.llamacpp_backend import LlamaCppGenerator

    return LlamaCppGenerator(settings)


def _transformers(settings: Settings) -> Generator:
    from assistant.models.transformers_backend import TransformersGenerator

    return TransformersGenerator(settings)


def _openai(settings: Settings) -> Generator:
    from assistant.models.openai_backend import OpenAIGenerator

    return OpenAIGenerator(settings)


GENERATOR_BACKENDS: dict[str, Callable[[Settings], Generator]] = {
    "llamacpp": _llamacpp,
    "transformers": _transformers,
    "openai": _openai,
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
