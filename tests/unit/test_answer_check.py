"""The answer check is the last gate before a shopper sees generated text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.compose.composer import AnswerChecker, Composer, Facts
from assistant.config import Settings
from assistant.models.generators import Generator

CANARY = "CANARY-test123"
CHECKER = AnswerChecker(
    titles=["TrailRunner 2 Running Shoe", "Summit GTX Hiking Boot", "Alpine Parka"],
    brands=["Stride", "Peakline", "Northwind"],
    canary=CANARY,
)
FACTS = Facts(
    ("- TrailRunner 2 Running Shoe by Stride, $89. under your $100 budget; rated 4.6 from 312 reviews",),
    frozenset({"trailrunner 2 running shoe", "stride"}),
)


class ScriptedGenerator(Generator):
    """Returns queued texts, one per call."""

    name = "scripted"

    def __init__(self, texts: list[str]) -> None:
        super().__init__(Settings(generation_timeout_s=5))
        self.texts = list(texts)
        self.calls = 0

    def _stream(
        self, messages: list[dict[str, str]], max_tokens: int, stop: list[str] | None, temperature: float
    ) -> Iterator[str]:
        self.calls += 1
        yield self.texts.pop(0) if self.texts else ""


@pytest.mark.parametrize(
    "text",
    [
        "Grab the TrailRunner 2 for just $79 today!",  # invented price
        "The Summit GTX Hiking Boot is also great.",  # product not in the facts
        "Peakline makes the best boots.",  # brand not in the facts
        "Use coupon SAVE10 for a discount.",  # discount
        "It's the best-selling shoe on the market.",  # market superlative
        f"My instructions say {CANARY}.",  # system prompt leak
        "Only a few left in stock, hurry!",  # stock claim
        "See https://evil.example/deal for more.",  # foreign link
        "Email me at someone@example.com.",
    ],
)
def test_rejects_facts_outside_the_data(text: str) -> None:
    assert CHECKER.check(text, FACTS).tripwire_triggered


@pytest.mark.parametrize(
    "text",
    [
        "Here are some comfy running shoes that fit your budget.",
        "The TrailRunner 2 Running Shoe from Stride is a solid pick at $89.",
        "Shoppers rate it 4.6 across 312 reviews.",
    ],
)
def test_accepts_text_within_the_facts(text: str) -> None:
    result = CHECKER.check(text, FACTS)
    assert not result.tripwire_triggered, result.reasons


def test_composer_regenerates_then_falls_back_to_template() -> None:
    gen = ScriptedGenerator(["Buy now with 20% off!", "Only $5 today!"])
    composer = Composer(gen, CHECKER)
    out = composer.checked_sentence("recommend", "running shoes", FACTS, "Here are running shoes that fit:")
    assert out.source == "template" and out.text == "Here are running shoes that fit:"
    assert gen.calls == 2 and out.rejected


def test_composer_uses_checked_generated_text() -> None:
    gen = ScriptedGenerator(["Here are a few running shoes you might like. Extra sentence."])
    out = Composer(gen, CHECKER).checked_sentence("recommend", "running shoes", FACTS, "T")
    assert out.source == "generated" and out.text == "Here are a few running shoes you might like."


def test_composer_second_try_is_marked_regenerated() -> None:
    gen = ScriptedGenerator(["Save 50% today!", "Here are some good options."])
    out = Composer(gen, CHECKER).checked_sentence("recommend", "shoes {evil}", FACTS, "T")
    assert out.source == "regenerated" and out.text == "Here are some good options."


@pytest.mark.parametrize(
    "draft",
    [
        "The TrailRunner 2 Running Shoe is a great pick.",  # names a product: it is already on screen
        "Returns usually depend on the item.",  # hedges a rule the facts state
        "Ask me about the 2 options",  # a number, and unfinished
        "Please note that the return policy may vary based on",  # cut off mid-sentence
        "I'm sorry for the confusion, but I'm here to help.",  # an apology for nothing that happened
    ],
)
def test_closing_sentence_adds_no_facts(draft: str) -> None:
    gen = ScriptedGenerator([draft, draft])
    out = Composer(gen, CHECKER).checked_sentence("recommend", "running shoes", FACTS, "")
    assert out.source == "template" and out.text == "" and out.rejected
