"""Packaged models behind narrow interfaces: embedder, generator backends, transcriber backends.

Each role has one small abstract base and a registry of backends; ``get_*`` returns one shared
instance per process and configuration, created lazily and thread-safely. Heavy libraries (torch,
llama.cpp, CTranslate2) are imported only when a backend is first built.
"""

from assistant.models.runtime import ModelUnavailableError, ensure_offline

ensure_offline()

from assistant.config import Settings  # noqa: E402
from assistant.models.embedder import Embedder, get_embedder  # noqa: E402
from assistant.models.generators import (  # noqa: E402
    GENERATOR_BACKENDS,
    GenerationError,
    Generator,
    get_generator,
    packaged_gguf_path,
)
from assistant.models.transcribers import TRANSCRIBER_BACKENDS, Transcriber, get_transcriber  # noqa: E402

__all__ = [
    "GENERATOR_BACKENDS",
    "TRANSCRIBER_BACKENDS",
    "Embedder",
    "GenerationError",
    "Generator",
    "ModelUnavailableError",
    "Transcriber",
    "get_embedder",
    "get_generator",
    "get_transcriber",
    "packaged_gguf_path",
    "preload",
]


def preload(settings: Settings, speech: bool = True) -> dict[str, str]:
    """Load the configured models now (at server start) so the first shopper does not wait for them.

    Returns which model serves each role, for a health endpoint or a startup log line.
    """
    loaded = {
        "embedder": get_embedder(settings).name,
        "generator": get_generator(settings).name,
    }
    if speech:
        loaded["speech"] = get_transcriber(settings).name
    return loaded
