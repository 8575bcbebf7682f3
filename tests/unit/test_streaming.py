"""Streaming order: items, citations, then the fact-bearing text, and only then the model's
checked closing sentence; so cards and facts never wait for the model."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tests.conftest import ScriptedGenerator


class WatchedGenerator(ScriptedGenerator):
    def __init__(self) -> None:
        super().__init__(default="Happy to help you narrow it down!")
        self.started = False

    def _stream(
        self, messages: list[dict[str, str]], max_tokens: int, stop: list[str] | None, temperature: float
    ) -> Iterator[str]:
        self.started = True
        yield from super()._stream(messages, max_tokens, stop, temperature)


def test_facts_stream_before_the_model_runs(make_assistant: Any) -> None:
    gen = WatchedGenerator()
    bot = make_assistant(generator=gen)
    events = bot.stream("stream-1", "waterproof hiking boots under $150")
    kinds: list[str] = []
    model_ran_before_first_token = None
    text = ""
    for event in events:
        kinds.append(event.kind)
        if event.kind == "token":
            if model_ran_before_first_token is None:
                model_ran_before_first_token = gen.started
            text += event.token
        if event.kind == "done":
            reply = event.reply
    assert kinds[:2] == ["items", "citations"] and kinds[-1] == "done"
    assert model_ran_before_first_token is False
    assert gen.started
    assert reply is not None and reply.items and text.strip() == reply.text
    assert reply.items[0].title in reply.text
    assert reply.text.endswith("Happy to help you narrow it down!") and reply.text_source == "generated"
