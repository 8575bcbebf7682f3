"""The Chroma vector store: one collection per kind, embedded (PersistentClient) or a `chroma run`
server. Collections are opened without an embedding function: Chroma's default would try to download
a model, and our own embedder computes every vector anyway."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.storage.vectors import (
    Batch,
    Hit,
    Kind,
    Page,
    StoreError,
    VectorStore,
    neutralize_record,
    register_store,
)


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def _open_failed(settings: Settings, exc: Exception) -> StoreError:
    if settings.chroma_mode == "http":
        advice = "Start it with `chroma run --path DIR --port P` or set ASSISTANT_CHROMA_MODE=embedded."
    else:
        advice = (
            "If the index is damaged, move it away and rebuild it: "
            f"`mv {settings.data_dir}/chroma {settings.data_dir}/chroma.damaged && "
            f"ASSISTANT_DATA_DIR={settings.data_dir} assistant ingest`."
        )
    return StoreError(f"cannot open the Chroma store ({settings.chroma_mode}): {exc}. {advice}")


@register_store("chroma")
class ChromaStore(VectorStore):
    """The shop's collections in one Chroma database."""

    def __init__(self, settings: Settings) -> None:
        import chromadb

        super().__init__(settings)
        self.mode = settings.chroma_mode
        try:
            if settings.chroma_mode == "http":
                self.client: Any = chromadb.HttpClient(
                    host=settings.chroma_host, port=settings.chroma_port, settings=_chroma_settings()
                )
                self.client.heartbeat()
                self.location = f"http://{settings.chroma_host}:{settings.chroma_port}"
            else:
                path = settings.resolved_data_dir() / "chroma"
                self.client = chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
                self.location = str(path)
        except Exception as exc:  # chromadb raises many types; the user needs one message
            raise _open_failed(settings, exc) from exc
        self._collections: dict[str, Any] = {}
        self._lock = threading.Lock()

    def collection(self, kind: Kind) -> Any:
        with self._lock:
            if kind not in self._collections:
                self._collections[kind] = self.client.get_or_create_collection(
                    name=self.name(kind),
                    embedding_function=None,
                    metadata={"hnsw:space": "cosine", "kind": kind},
                )
            return self._collections[kind]

    def count(self, kind: Kind) -> int:
        return int(self.collection(kind).count())

    def _pages(self, kind: Kind, include_documents: bool, page: int = 2000) -> Iterator[Page]:
        col = self.collection(kind)
        include = ["metadatas", "documents"] if include_documents else ["metadatas"]
        offset = 0
        while True:
            got = col.get(include=include, limit=page, offset=offset)
            ids = list(got["ids"])
            if not ids:
                return
            metas = [dict(m or {}) for m in got["metadatas"]]
            docs = list(got["documents"]) if include_documents else [""] * len(ids)
            yield ids, metas, docs
            offset += len(ids)

    def embeddings(
        self, kind: Kind, ids: Sequence[str] | None = None, page: int = 2000
    ) -> dict[str, np.ndarray]:
        col = self.collection(kind)
        found: dict[str, np.ndarray] = {}
        if ids is not None:
            for start in range(0, len(ids), page):
                got = col.get(ids=list(ids[start : start + page]), include=["embeddings"])
                found.update(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32), strict=True))
            return found
        offset = 0
        while True:
            got = col.get(include=["embeddings"], limit=page, offset=offset)
            if not got["ids"]:
                return found
            found.update(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32), strict=True))
            offset += len(got["ids"])

    def _upsert(self, kind: Kind, batch: Batch) -> None:
        self.collection(kind).upsert(
            ids=batch.ids,
            embeddings=[row.tolist() for row in batch.vectors],
            documents=batch.documents,
            metadatas=batch.metadatas,
        )

    def delete(self, kind: Kind, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), 1000):
            self.collection(kind).delete(ids=list(ids[start : start + 1000]))

    def query(
        self, kind: Kind, embedding: np.ndarray, n_results: int, where: dict[str, Any] | None = None
    ) -> list[Hit]:
        col = self.collection(kind)
        total = col.count()
        if total == 0 or n_results <= 0:
            return []
        got = col.query(
            query_embeddings=[np.asarray(embedding, dtype=np.float32).tolist()],
            n_results=min(n_results, total),
            where=where or None,
            include=["metadatas", "documents", "distances"],
        )
        hits: list[Hit] = []
        for record_id, meta, doc, dist in zip(
            got["ids"][0], got["metadatas"][0], got["documents"][0], got["distances"][0], strict=True
        ):
            clean, text = neutralize_record(record_id, dict(meta or {}), doc)
            hits.append(Hit(id=record_id, score=1.0 - float(dist), metadata=clean, document=text))
        return hits

    def ids_where(self, kind: Kind, where: dict[str, Any]) -> list[str]:
        got = self.collection(kind).get(where=where, include=[])
        return list(got["ids"])
