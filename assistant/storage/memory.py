"""An in-process vector store in numpy: exact cosine search and Chroma's `where` semantics over a few
thousand records, saved as one .npz file per collection under <data dir>/vectors-memory.

It exists so the dialogue can be tested without Chroma (unit tests use it with a fake embedder) and
so a tiny shop or a laptop demo can run without a database; copying the data dir copies the index.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.storage.vectors import (
    Batch,
    Hit,
    Kind,
    Metadata,
    Page,
    VectorStore,
    neutralize_record,
    register_store,
)


def _same(value: Any, wanted: Any) -> bool:
    # Chroma keeps bool and number apart (True is not 1); Python's == does not.
    return isinstance(value, bool) == isinstance(wanted, bool) and value == wanted


def _ordered(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    def compare(value: Any, bound: Any) -> bool:
        numbers = isinstance(value, int | float) and not isinstance(value, bool)
        return numbers and test(value, bound)

    return compare


OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "$eq": _same,
    "$ne": lambda value, wanted: not _same(value, wanted),
    "$gt": _ordered(lambda value, bound: value > bound),
    "$gte": _ordered(lambda value, bound: value >= bound),
    "$lt": _ordered(lambda value, bound: value < bound),
    "$lte": _ordered(lambda value, bound: value <= bound),
    "$in": lambda value, options: any(_same(value, o) for o in options),
    "$nin": lambda value, options: not any(_same(value, o) for o in options),
    "$contains": lambda value, wanted: isinstance(value, list) and any(_same(v, wanted) for v in value),
    "$not_contains": lambda value, wanted: (
        isinstance(value, list) and not any(_same(v, wanted) for v in value)
    ),
}


def matches(meta: Metadata, where: dict[str, Any] | None) -> bool:
    """Chroma's metadata filter: every key must hold; a record without the field never matches."""
    for key, condition in (where or {}).items():
        if key == "$and":
            ok = all(matches(meta, part) for part in condition)
        elif key == "$or":
            ok = any(matches(meta, part) for part in condition)
        elif key not in meta:
            ok = False
        else:
            tests = condition if isinstance(condition, dict) else {"$eq": condition}
            unknown = set(tests) - set(OPERATORS)
            if unknown:  # a new operator in a `where` clause must be added here, not silently pass
                raise ValueError(f"the memory store does not know the operator(s) {sorted(unknown)}")
            ok = all(OPERATORS[op](meta[key], wanted) for op, wanted in tests.items())
        if not ok:
            return False
    return True


@dataclass
class _Collection:
    vectors: dict[str, np.ndarray] = field(default_factory=dict)  # insertion order is page order
    documents: dict[str, str] = field(default_factory=dict)
    metadatas: dict[str, Metadata] = field(default_factory=dict)
    _matrix: tuple[list[str], np.ndarray] | None = None  # ids and unit rows, rebuilt after a change

    def unit_rows(self) -> tuple[list[str], np.ndarray]:
        if self._matrix is None:
            ids = list(self.vectors)
            rows = np.stack(list(self.vectors.values())) if ids else np.zeros((0, 0), dtype=np.float32)
            norms = np.linalg.norm(rows, axis=1, keepdims=True) if ids else rows
            self._matrix = (ids, rows / np.maximum(norms, 1e-12) if ids else rows)
        return self._matrix


@register_store("memory")
class MemoryStore(VectorStore):
    """Exact search in numpy; each change rewrites its collection's file (atomically)."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.mode = "memory"
        self.directory = settings.resolved_data_dir() / "vectors-memory"
        self.location = str(self.directory)
        self._collections: dict[str, _Collection] = {}
        self._lock = threading.RLock()

    def _path(self, kind: Kind) -> Path:
        return self.directory / f"{self.name(kind)}.npz"

    def _collection(self, kind: Kind) -> _Collection:
        with self._lock:
            if kind not in self._collections:
                self._collections[kind] = self._load(self._path(kind))
            return self._collections[kind]

    @staticmethod
    def _load(path: Path) -> _Collection:
        col = _Collection()
        if not path.exists():
            return col
        with np.load(path, allow_pickle=False) as saved:
            records = json.loads(str(saved["records"]))
            for record_id, vector, (document, meta) in zip(
                saved["ids"], saved["vectors"], records, strict=True
            ):
                col.vectors[str(record_id)] = vector
                col.documents[str(record_id)] = document
                col.metadatas[str(record_id)] = meta
        return col

    def _save(self, kind: Kind, col: _Collection) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        ids = list(col.vectors)
        vectors = np.stack([col.vectors[i] for i in ids]) if ids else np.zeros((0, 0), dtype=np.float32)
        records = json.dumps([[col.documents[i], col.metadatas[i]] for i in ids], ensure_ascii=False)
        target = self._path(kind)
        partial = target.with_suffix(".partial.npz")
        np.savez(partial, ids=np.array(ids, dtype=str), vectors=vectors, records=np.array(records))
        os.replace(partial, target)  # a reader never sees half a file

    def count(self, kind: Kind) -> int:
        return len(self._collection(kind).vectors)

    def _pages(self, kind: Kind, include_documents: bool) -> Iterator[Page]:
        with self._lock:
            col = self._collection(kind)
            ids = list(col.vectors)
            metas = [dict(col.metadatas[i]) for i in ids]
            docs = [col.documents[i] if include_documents else "" for i in ids]
        if ids:
            yield ids, metas, docs

    def embeddings(self, kind: Kind, ids: Sequence[str] | None = None) -> dict[str, np.ndarray]:
        with self._lock:
            vectors = self._collection(kind).vectors
            wanted = list(vectors) if ids is None else [i for i in ids if i in vectors]
            return {i: vectors[i].copy() for i in wanted}

    def _upsert(self, kind: Kind, batch: Batch) -> None:
        with self._lock:
            col = self._collection(kind)
            for record_id, row, document, meta in zip(*batch, strict=True):
                col.vectors[record_id] = row.copy()
                col.documents[record_id] = document
                col.metadatas[record_id] = meta
            col._matrix = None
            self._save(kind, col)

    def delete(self, kind: Kind, ids: Sequence[str]) -> None:
        with self._lock:
            col = self._collection(kind)
            for record_id in ids:
                for table in (col.vectors, col.documents, col.metadatas):
                    table.pop(record_id, None)
            col._matrix = None
            self._save(kind, col)

    def query(
        self, kind: Kind, embedding: np.ndarray, n_results: int, where: dict[str, Any] | None = None
    ) -> list[Hit]:
        with self._lock:
            col = self._collection(kind)
            ids, rows = col.unit_rows()
            keep = [i for i, record_id in enumerate(ids) if matches(col.metadatas[record_id], where)]
            if not keep or n_results <= 0:
                return []
            query = np.asarray(embedding, dtype=np.float32).reshape(-1)
            scores = rows[keep] @ (query / max(float(np.linalg.norm(query)), 1e-12))
            best = np.argsort(-scores, kind="stable")[:n_results]
            found = [(ids[keep[b]], float(scores[b])) for b in best]
            records = [(i, s, dict(col.metadatas[i]), col.documents[i]) for i, s in found]
        hits = []
        for record_id, score, meta, document in records:
            clean, text = neutralize_record(record_id, meta, document)
            hits.append(Hit(id=record_id, score=score, metadata=clean, document=text))
        return hits

    def ids_where(self, kind: Kind, where: dict[str, Any]) -> list[str]:
        with self._lock:
            col = self._collection(kind)
            return [i for i in col.vectors if matches(col.metadatas[i], where)]
