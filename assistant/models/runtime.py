"""Process-wide settings every model backend shares: offline hub, thread counts."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Hashable, Mapping
from typing import Generic, TypeVar

T = TypeVar("T")
S = TypeVar("S")

_torch_lock = threading.Lock()


def ensure_offline() -> None:
    """Make the Hugging Face libraries refuse downloads unless the operator asked for them.

    huggingface_hub reads these once at import, so this runs when ``assistant.models`` is imported,
    before any backend imports it; an explicit ``HF_HUB_OFFLINE=0`` in the environment still wins.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def set_torch_threads(n_threads: int) -> None:
    """torch's intra-op pool is process-wide: size it to the configured cores (a 2-core box)."""
    import torch

    with _torch_lock:
        if torch.get_num_threads() != n_threads:
            torch.set_num_threads(max(1, n_threads))


class ModelUnavailableError(RuntimeError):
    """A configured model cannot be loaded from local files; the message says what to set."""


class SharedInstances(Generic[S, T]):
    """One loaded backend per configuration key per process, created on first use.

    Models are slow to load and big in memory: every caller of the same configuration shares one.
    """

    def __init__(self, role: str, factories: Mapping[str, Callable[[S], T]]) -> None:
        self.role = role  # "generator", "speech": named in the error for an unknown backend
        self.factories = factories
        self.instances: dict[Hashable, T] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, backend: str, settings: S) -> T:
        found = self.instances.get(key)
        if found is not None:
            return found
        with self._lock:
            if key not in self.instances:
                factory = self.factories.get(backend)
                if factory is None:
                    known = ", ".join(self.factories)
                    raise ValueError(f"unknown {self.role} backend {backend!r}; known: {known}")
                self.instances[key] = factory(settings)
            return self.instances[key]
