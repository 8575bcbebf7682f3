"""Packaged models behind narrow interfaces: embedder, generator backends, transcriber backends.

Each role has one small abstract base and a registry of backends; ``get_*`` returns one shared
instance per process and configuration, created lazily and thread-safely.
"""

from assistant.models.runtime import ensure_offline

ensure_offline()
