"""Shared fixtures: the demo store indexed once per test session into a temporary data dir, and
assistants over it driven by a scripted generator.

Two stacks: integration, e2e, security and the other suites index with the real embedder into Chroma
(REAL); tests/unit overrides the same fixtures (tests/unit/conftest.py) with the fake embedder and
the in-memory store (FAKE), and a guard fails any unit test that loads the real ones.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from assistant.config import Settings
from assistant.models.generators import Generator
from tests.fakes import FakeEmbedder

UNIT_DIR = Path(__file__).resolve().parent / "unit"
# What "loads a model or Chroma" means for a unit test: these modules appear in sys.modules.
HEAVY_MODULES = ("chromadb", "sentence_transformers")
ONLY_UNIT = pytest.StashKey[bool]()
HEAVY_SEEN = pytest.StashKey[set[str]]()


class ScriptedGenerator(Generator):
    """A fake model for dialogue tests: returns queued texts in order, then a fixed sentence."""

    name = "scripted"

    def __init__(
        self, texts: list[str] | None = None, default: str = "Here is what I found for you."
    ) -> None:
        super().__init__(Settings(generation_timeout_s=5))
        self.texts = list(texts or [])
        self.default = default
        self.prompts: list[list[dict[str, str]]] = []

    def _stream(
        self, messages: list[dict[str, str]], max_tokens: int, stop: list[str] | None, temperature: float
    ) -> Iterator[str]:
        self.prompts.append(messages)
        text = self.texts.pop(0) if self.texts else self.default
        for word in text.split(" "):
            yield word + " "


@dataclass(frozen=True)
class Stack:
    """What a fixture's assistants run on: a registered vector store and an embedder (None: the
    real, packaged one)."""

    store: str
    embedder: Any = None


REAL = Stack("chroma")
FAKE = Stack("memory", FakeEmbedder())


def index_demo_store(data_dir: Path, stack: Stack) -> Path:
    """The demo store ingested into `data_dir` on `stack`."""
    from assistant.ingest.sync import ingest
    from assistant.storage.vectors import open_store

    settings = Settings(data_dir=data_dir)
    embed = stack.embedder.embed if stack.embedder is not None else None
    report = ingest(settings, progress=False, store=open_store(settings, stack.store), embed=embed)
    assert report.imported("products") >= 400, report.table()
    return data_dir


def copy_of(data_dir: Path, target: Path) -> Path:
    shutil.copytree(data_dir, target)
    return target


def assistant_over(data_dir: Path, stack: Stack, generator: Generator | None = None, **overrides: Any) -> Any:
    """An Assistant over an indexed data dir (no real generator unless one is passed)."""
    from assistant.assistant import Assistant
    from assistant.storage.vectors import open_store

    settings = Settings(data_dir=data_dir, generator_backend="none", **overrides)
    store = open_store(settings, stack.store)
    return Assistant(settings, store, embedder=stack.embedder, generator=generator or ScriptedGenerator())


@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store ingested once with the real embedder into Chroma."""
    return index_demo_store(tmp_path_factory.mktemp("demo-data"), REAL)


@pytest.fixture()
def session_data_dir(demo_data_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the indexed demo store, so a test may write sessions and requests."""
    return copy_of(demo_data_dir, tmp_path / "data")


@pytest.fixture(scope="session")
def shared_data_dir(demo_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the demo store for the session-wide servers and assistants that write turns,
    clicks and feedback, so `demo_data_dir` stays pristine for the per-test copies."""
    return copy_of(demo_data_dir, tmp_path_factory.mktemp("shared") / "data")


@pytest.fixture(scope="session")
def shared_assistant(shared_data_dir: Path) -> Any:
    """One assistant for read-mostly tests (each test uses its own session ids)."""
    return assistant_over(shared_data_dir, REAL)


@pytest.fixture()
def make_assistant(session_data_dir: Path) -> Any:
    def build(generator: Generator | None = None, **overrides: object) -> Any:
        return assistant_over(session_data_dir, REAL, generator, **overrides)

    return build


# --- the unit-test guard: no model, no Chroma --------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--real-models",
        action="store_true",
        help="run tests/unit on the real embedder and Chroma (to see which tests need real semantics)",
    )


def unit_stack(config: pytest.Config) -> Stack:
    return REAL if config.getoption("--real-models") else FAKE


def is_unit(item: pytest.Item) -> bool:
    return UNIT_DIR in Path(str(item.path)).resolve().parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    config.stash[ONLY_UNIT] = bool(items) and all(is_unit(item) for item in items)


def _refuse(what: str) -> Any:
    def refuse(*args: object, **kwargs: object) -> None:
        pytest.fail(
            f"a unit test constructed {what}; unit tests run on tests.fakes.FakeEmbedder and the memory "
            "store (the fixtures in tests/unit/conftest.py), or the test belongs in tests/integration"
        )

    return refuse


@pytest.fixture(autouse=True)
def _unit_tests_load_no_models(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """In tests/unit, constructing the real embedder or a Chroma store fails the test, and so does
    importing sentence-transformers or chromadb: the first test during whose collection, setup or
    run they appear fails (checked when the run holds only unit tests; in a mixed run other suites
    load them legitimately)."""
    if not is_unit(request.node) or request.config.getoption("--real-models"):
        yield
        return
    from assistant.models.embedder import Embedder
    from assistant.storage.chroma import ChromaStore

    monkeypatch.setattr(Embedder, "__init__", _refuse("the real sentence embedder"))
    monkeypatch.setattr(ChromaStore, "__init__", _refuse("a Chroma store"))
    watch = request.config.stash.get(ONLY_UNIT, False)
    seen = request.config.stash.setdefault(HEAVY_SEEN, set())
    newly = {name for name in HEAVY_MODULES if name in sys.modules} - seen
    seen.update(newly)  # blame one test per import, not every test after it
    if watch and newly:
        pytest.fail(f"{sorted(newly)} imported while collecting tests/unit or setting up this test")
    yield
    newly = {name for name in HEAVY_MODULES if name in sys.modules} - seen
    seen.update(newly)
    if watch and newly:
        pytest.fail(f"this unit test imported {sorted(newly)}; unit tests load no model and no Chroma")
