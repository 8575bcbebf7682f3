"""Composition levels: whole answers from a scripted model, checked span by span; closing; off."""

from __future__ import annotations

from assistant.compose.composer import AnswerChecker, Composer, new_canary
from assistant.compose.fact_sheet import FactSheet, Passage
from assistant.compose.whole_check import WholeAnswerChecker
from assistant.config import Settings, compose_level
from tests.conftest import ScriptedGenerator


def test_auto_level_follows_the_backend() -> None:
    auto = Settings()
    assert compose_level(auto, "openai") == "whole"
    assert compose_level(auto, "llamacpp") == "off"  # the bundled 135M model: measured not to pay
    assert compose_level(Settings(generator_model_path="/models/big.gguf"), "llamacpp") == "closing"
    assert compose_level(auto, "none") == "off"
    assert compose_level(Settings(compose="whole"), "llamacpp") == "whole"


def _first_items(make_assistant, message: str):  # type: ignore[no-untyped-def]
    probe = make_assistant(ScriptedGenerator(), compose="off")
    return probe.chat("probe", message)


def test_a_faithful_whole_answer_is_shown(make_assistant) -> None:  # type: ignore[no-untyped-def]
    template = _first_items(make_assistant, "running shoes under 100")
    assert template.items and template.text_source == "template"
    first = template.items[0]
    price = f"${first.price:,.2f}".replace(".00", "")
    why = first.reasons[0] if first.reasons else "it fits what you asked"
    answer = f"The {first.title} is {price}, {why}."
    assistant = make_assistant(ScriptedGenerator([answer]), compose="whole")
    reply = assistant.chat("whole-1", "running shoes under 100")
    assert reply.text_source == "generated", reply.extra
    assert reply.text == answer
    assert [i.product_id for i in reply.items] == [i.product_id for i in template.items]  # cards from data


def test_a_whole_answer_with_a_wrong_price_falls_back(make_assistant) -> None:  # type: ignore[no-untyped-def]
    template = _first_items(make_assistant, "running shoes under 100")
    first = template.items[0]
    wrong = f"The {first.title} is ${first.price + 7:.2f} and a great pick."
    assistant = make_assistant(ScriptedGenerator([wrong]), compose="whole")
    reply = assistant.chat("whole-2", "running shoes under 100")
    assert reply.text_source == "template"
    assert reply.text == template.text
    assert reply.extra["rejected"], "the reason is recorded"


def test_an_invented_offer_in_a_policy_answer_falls_back() -> None:
    sheet = FactSheet(
        question="what is your return policy?",
        intent="faq_policy",
        passages=(
            Passage(
                "Unworn items can be returned within 30 days for a full refund.",
                "policies/returns.md#Refunds",
            ),
        ),
        template="Unworn items can be returned within 30 days for a full refund.",
    )
    checker = AnswerChecker([], [], new_canary())
    composer = Composer(
        ScriptedGenerator(["You can return anything, and shipping is free with code FREESHIP."]), checker
    )
    out = composer.whole_answer(sheet.question, sheet, WholeAnswerChecker(checker).check, max_tokens=120)
    assert out.source == "template" and out.text == sheet.template
    assert out.rejected, "the reason is recorded"
    good = Composer(
        ScriptedGenerator(["Unworn items can be returned within 30 days, for a full refund."]), checker
    )
    kept = good.whole_answer(sheet.question, sheet, WholeAnswerChecker(checker).check, max_tokens=120)
    assert kept.source == "generated", kept.rejected


def test_off_asks_the_model_nothing(make_assistant) -> None:  # type: ignore[no-untyped-def]
    model = ScriptedGenerator()
    assistant = make_assistant(model, compose="off")
    reply = assistant.chat("off-1", "running shoes under 100")
    assert reply.items and reply.text_source == "template"
    assert model.prompts == []
