"""The memory store answers as Chroma does: the same records, the same `where` clauses (the ones
retrieval writes) give the same ids, and the same nearest neighbours in the same order."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.contracts import Constraints
from assistant.retrieve.matching import where_clause
from assistant.storage.chroma import ChromaStore
from assistant.storage.memory import MemoryStore
from assistant.storage.vectors import VectorStore

pytestmark = pytest.mark.integration

RECORDS = [
    ("p1", {"in_stock": True, "price_min": 50.0, "price_max": 60.0, "brand": "peak",
            "categories": ["Shoes", "Shoes > Hiking"], "colors": ["brown"], "attr_waterproof": True}),
    ("p2", {"in_stock": True, "price_min": 120.0, "price_max": 130.0, "brand": "stride",
            "categories": ["Shoes", "Shoes > Running"], "colors": ["blue", "black"], "sizes": ["42"]}),
    ("p3", {"in_stock": False, "price_min": 20.0, "price_max": 20.0, "brand": "peak",
            "categories": ["Clothing", "Clothing > Jackets"], "attr_waterproof": False}),
    ("p4", {"in_stock": True, "price_min": 80.0, "price_max": 95.0, "brand": "nordwind",
            "categories": ["Clothing", "Clothing > Jackets"], "colors": ["blue"], "attr_waterproof": 1}),
]  # fmt: skip
CONSTRAINTS = [
    Constraints(),
    Constraints(price_max=100),
    Constraints(price_min=60, categories=["Clothing"]),
    Constraints(brands=["Peak"], colors=["Brown", "Blue"]),
    Constraints(exclude_brands=["Peak"]),
    Constraints(sizes=["42"], categories=["Shoes > Running", "Shoes > Hiking"]),
    Constraints(attributes={"waterproof": True}),
]


def filled(store: VectorStore) -> VectorStore:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(len(RECORDS), 16)).astype(np.float32)
    ids = [record_id for record_id, _ in RECORDS]
    store.upsert("products", ids, vectors, [f"doc {i}" for i in ids], [meta for _, meta in RECORDS])
    return store


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[VectorStore, VectorStore]:
    base: Path = tmp_path_factory.mktemp("parity")
    return (
        filled(ChromaStore(Settings(data_dir=base / "chroma"))),
        filled(MemoryStore(Settings(data_dir=base / "memory"))),
    )


@pytest.mark.parametrize(
    "constraints", CONSTRAINTS, ids=[f"constraints-{i}" for i in range(len(CONSTRAINTS))]
)
def test_same_filtered_ids(stores: tuple[VectorStore, VectorStore], constraints: Constraints) -> None:
    chroma, memory = stores
    where = where_clause(constraints)
    assert where is not None
    assert sorted(memory.ids_where("products", where)) == sorted(chroma.ids_where("products", where))


@pytest.mark.parametrize(
    "constraints", CONSTRAINTS, ids=[f"constraints-{i}" for i in range(len(CONSTRAINTS))]
)
def test_same_neighbours(stores: tuple[VectorStore, VectorStore], constraints: Constraints) -> None:
    chroma, memory = stores
    query = np.random.default_rng(11).normal(size=16).astype(np.float32)
    where = where_clause(constraints)
    got_chroma = chroma.query("products", query, 3, where)
    got_memory = memory.query("products", query, 3, where)
    assert [h.id for h in got_memory] == [h.id for h in got_chroma]
    assert np.allclose([h.score for h in got_memory], [h.score for h in got_chroma], atol=1e-4)
    assert [h.metadata for h in got_memory] == [h.metadata for h in got_chroma]


def test_same_embeddings_and_pages(stores: tuple[VectorStore, VectorStore]) -> None:
    chroma, memory = stores
    ids = ["p2", "p4", "missing"]
    a, b = chroma.embeddings("products", ids), memory.embeddings("products", ids)
    assert sorted(a) == sorted(b) == ["p2", "p4"]
    assert all(np.allclose(a[i], b[i]) for i in a)
    assert chroma.existing_hashes("products") == memory.existing_hashes("products")
