"""Shared fixtures: the demo store indexed once per test session with the real embedder into a
temporary data dir, and assistants over it driven by a scripted generator."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from assistant.config import Settings
from assistant.models.generators import Generator


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


@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store ingested once with the real embedder."""
    from assistant.ingest.sync import ingest

    data_dir = tmp_path_factory.mktemp("demo-data")
    settings = Settings(data_dir=data_dir)
    report = ingest(settings, progress=False)
    assert report.imported("products") >= 400, report.table()
    return data_dir


@pytest.fixture()
def session_data_dir(demo_data_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the indexed demo store, so a test may write sessions and requests."""
    import shutil

    target = tmp_path / "data"
    shutil.copytree(demo_data_dir, target)
    return target


@pytest.fixture(scope="session")
def shared_data_dir(demo_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the demo store for the session-wide servers and assistants that write turns,
    clicks and feedback, so `demo_data_dir` stays pristine for the per-test copies."""
    import shutil

    target = tmp_path_factory.mktemp("shared") / "data"
    shutil.copytree(demo_data_dir, target)
    return target


@pytest.fixture(scope="session")
def shared_assistant(shared_data_dir: Path):  # type: ignore[no-untyped-def]
    """One assistant for read-mostly tests (each test uses its own session ids)."""
    from assistant.assistant import Assistant
    from assistant.storage.vectors import VectorStore

    settings = Settings(data_dir=shared_data_dir, generator_backend="none")
    return Assistant(settings, VectorStore(settings), generator=ScriptedGenerator())


@pytest.fixture()
def make_assistant(session_data_dir: Path):  # type: ignore[no-untyped-def]
    from assistant.assistant import Assistant
    from assistant.storage.vectors import VectorStore

    def build(generator: Generator | None = None, **overrides: object) -> Assistant:
        settings = Settings(data_dir=session_data_dir, generator_backend="none", **overrides)  # type: ignore[arg-type]
        return Assistant(settings, VectorStore(settings), generator=generator or ScriptedGenerator())

    return build
