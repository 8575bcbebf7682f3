"""The unit suite runs without a model or Chroma: the guard in tests/conftest.py refuses them, and the
fixtures here hand out the fake embedder over the in-memory store."""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
import pytest

from assistant.config import Settings
from tests.conftest import HEAVY_MODULES, ONLY_UNIT
from tests.fakes import FakeEmbedder


def test_constructing_the_real_embedder_fails_a_unit_test(tmp_path: Any) -> None:
    from assistant.models.embedder import Embedder, get_embedder

    with pytest.raises(pytest.fail.Exception, match="real sentence embedder"):
        Embedder("/nonexistent")
    with pytest.raises(pytest.fail.Exception, match="real sentence embedder"):
        get_embedder(Settings(embedder_path=str(tmp_path / "some-other-model")))


def test_opening_chroma_fails_a_unit_test(tmp_path: Any) -> None:
    from assistant.storage.vectors import open_store

    with pytest.raises(pytest.fail.Exception, match="Chroma store"):
        open_store(Settings(data_dir=tmp_path))


def test_fixtures_run_on_the_fake_stack(shared_assistant: Any, request: pytest.FixtureRequest) -> None:
    if request.config.getoption("--real-models"):
        pytest.skip("--real-models: the unit fixtures run on the real stack")
    assert isinstance(shared_assistant.embedder, FakeEmbedder)
    assert shared_assistant.store.mode == "memory"
    assert shared_assistant.store.count("products") >= 400
    if request.config.stash.get(ONLY_UNIT, False):  # in a mixed run other suites load them legitimately
        assert not [name for name in HEAVY_MODULES if name in sys.modules]


def test_fake_embedder_is_deterministic_unit_length_and_lexical() -> None:
    embedder = FakeEmbedder()
    a, b, c = embedder.embed(["waterproof hiking boots", "waterproof hikng boot", "a yoga mat"])
    assert a.shape == (384,) and np.isclose(np.linalg.norm(a), 1.0)
    assert np.array_equal(a, FakeEmbedder().embed(["waterproof hiking boots"])[0])  # no per-process salt
    assert float(a @ b) > 0.5 > float(a @ c)  # shared words and spellings are near, others are not
    assert np.array_equal(embedder.embed_query("waterproof hiking boots"), a)
    assert embedder.embed([]).shape == (0, 384)
