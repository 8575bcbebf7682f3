"""The generator base class and registries, with scripted backends: no model is loaded here."""

from __future__ import annotations

import threading
from collections.abc import Generator as Gen
from collections.abc import Iterator
from typing import cast

import pytest

from assistant.config import Settings
from assistant.models import generators, preload, transcribers
from assistant.models.generators import GenerationError, Generator, Messages, NoGenerator, get_generator
from assistant.models.transformers_backend import _cut_at_stop


class Scripted(Generator):
    name = "scripted"

    def __init__(self, settings: Settings, chunks: list[str]) -> None:
        super().__init__(settings)
        self.chunks = chunks
        self.closed = False
        self.calls: list[tuple[int, list[str] | None, float]] = []

    def _stream(
        self, messages: Messages, max_tokens: int, stop: list[str] | None, temperature: float
    ) -> Iterator[str]:
        self.calls.append((max_tokens, stop, temperature))
        try:
            yield from self.chunks
        finally:
            self.closed = True


@pytest.fixture()
def settings() -> Settings:
    return Settings(generation_timeout_s=0.5, temperature=0.3)


def test_complete_joins_chunks_and_skips_empty_ones(settings: Settings) -> None:
    scripted = Scripted(settings, ["Hello", "", " there", "!"])
    assert list(scripted.generate([])) == ["Hello", " there", "!"]
    assert scripted.complete([], max_tokens=7, stop=["x"]) == "Hello there!"
    assert scripted.calls[-1] == (7, ["x"], 0.3)  # temperature defaults to the configured one
    scripted.complete([], temperature=0.0)
    assert scripted.calls[-1][2] == 0.0


def test_lock_is_released_when_the_consumer_stops_early(settings: Settings) -> None:
    scripted = Scripted(settings, ["a", "b", "c"])
    stream = cast(Gen[str, None, None], scripted.generate([]))
    assert next(stream) == "a"
    assert scripted._lock.locked()
    stream.close()
    assert not scripted._lock.locked()
    assert scripted.closed  # the backend's own stream was closed too
    assert scripted.complete([]) == "abc"


def test_a_busy_model_raises_after_the_time_budget(settings: Settings) -> None:
    scripted = Scripted(settings, ["a", "b"])
    holder = cast(Gen[str, None, None], scripted.generate([]))
    next(holder)  # another request is mid-stream
    with pytest.raises(GenerationError, match="busy"):
        scripted.complete([])
    holder.close()


def test_the_lock_may_be_released_from_another_thread(settings: Settings) -> None:
    scripted = Scripted(settings, ["a", "b"])
    stream = cast(Gen[str, None, None], scripted.generate([]))
    next(stream)
    finisher = threading.Thread(target=lambda: list(stream))
    finisher.start()
    finisher.join()
    assert not scripted._lock.locked()


def test_generation_stops_at_the_deadline(settings: Settings) -> None:
    class Slow(Generator):
        name = "slow"

        def _stream(
            self, messages: Messages, max_tokens: int, stop: list[str] | None, temperature: float
        ) -> Iterator[str]:
            import time

            for _ in range(60):  # bounded, so a missing deadline fails the test instead of hanging it
                time.sleep(0.05)
                yield "x"

    text = Slow(settings.model_copy(update={"generation_timeout_s": 0.3})).complete([])
    assert 2 <= len(text) <= 10


def test_registry_shares_one_instance_per_configuration(settings: Settings) -> None:
    quiet = settings.model_copy(update={"generator_backend": "none"})
    first = get_generator(quiet)
    assert isinstance(first, NoGenerator)
    assert get_generator(quiet.model_copy()) is first
    assert get_generator(quiet.model_copy(update={"temperature": 0.9})) is not first


def test_unknown_backends_are_named(settings: Settings) -> None:
    bogus = settings.model_copy(update={"generator_backend": "bogus"})
    with pytest.raises(ValueError, match=r"bogus.*llamacpp"):
        get_generator(bogus)
    with pytest.raises(ValueError, match="speech backend 'nope'"):
        transcribers.get_transcriber(settings.model_copy(update={"speech_backend": "nope"}))


def test_preload_reports_each_role(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeEmbedder:
        name = "fake-embedder"

    import assistant.models as models

    monkeypatch.setattr(models, "get_embedder", lambda s: FakeEmbedder())
    quiet = settings.model_copy(update={"generator_backend": "none"})
    assert preload(quiet, speech=False) == {"embedder": "fake-embedder", "generator": "none"}


@pytest.mark.parametrize(
    ("chunks", "stop", "expected"),
    [
        (["Hello ", "wor", "ld"], [], "Hello world"),
        (["one, two, ", "three, four"], ["three"], "one, two, "),
        (["one, two, th", "ree, four"], ["three"], "one, two, "),  # stop split across chunks
        (["abc"], ["zz"], "abc"),  # held-back tail is flushed at the end
        (["STOP"], ["STOP"], ""),
    ],
)
def test_cut_at_stop(chunks: list[str], stop: list[str], expected: str) -> None:
    assert "".join(_cut_at_stop(iter(chunks), stop)) == expected


def test_backend_registries_list_the_documented_names() -> None:
    assert set(generators.GENERATOR_BACKENDS) == {"llamacpp", "transformers", "openai", "none"}
    assert set(transcribers.TRANSCRIBER_BACKENDS) == {"faster-whisper", "openai-whisper"}
