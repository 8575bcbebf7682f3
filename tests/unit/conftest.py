"""Unit tests get the demo store indexed with the fake embedder into the in-memory store: the same
fixtures as tests/conftest.py, no model and no Chroma (the guard there fails a test that loads them).
`pytest tests/unit --real-models` runs them on the real embedder and Chroma instead."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.models.generators import Generator
from tests.conftest import assistant_over, copy_of, index_demo_store, unit_stack


@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config) -> Path:
    """The demo store ingested once with FakeEmbedder into the memory store."""
    return index_demo_store(tmp_path_factory.mktemp("demo-data-unit"), unit_stack(pytestconfig))


@pytest.fixture(scope="session")
def shared_data_dir(demo_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of(demo_data_dir, tmp_path_factory.mktemp("shared-unit") / "data")


@pytest.fixture(scope="session")
def shared_assistant(shared_data_dir: Path, pytestconfig: pytest.Config) -> Any:
    return assistant_over(shared_data_dir, unit_stack(pytestconfig))


@pytest.fixture()
def make_assistant(session_data_dir: Path, pytestconfig: pytest.Config) -> Any:
    def build(generator: Generator | None = None, **overrides: object) -> Any:
        return assistant_over(session_data_dir, unit_stack(pytestconfig), generator, **overrides)

    return build
