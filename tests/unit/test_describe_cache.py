"""Descriptions for products without one: checked drafts, cached by the product's content."""

from __future__ import annotations

from assistant.compose.composer import AnswerChecker, Composer, new_canary
from assistant.compose.describe import describe_all
from tests.conftest import ScriptedGenerator
from tests.fakes import product


def test_a_cached_description_is_reused_until_the_product_changes() -> None:
    lamp = product("l1", "Halo Desk Lamp", "Home > Office").model_copy(update={"description": ""})
    model = ScriptedGenerator(["A desk lamp for a tidy workspace, with a soft and even light."] * 4)
    composer = Composer(model, AnswerChecker([lamp.title], [], new_canary()))
    first = describe_all([lamp], composer, cached={})
    assert first[0].source == "generated" and len(model.prompts) == 1
    cached = {
        lamp.id: {"description": first[0].description, "source": "generated", "hash": lamp.content_hash()}
    }
    again = describe_all([lamp], composer, cached)
    assert again[0].description == first[0].description and len(model.prompts) == 1  # not asked again
    changed = lamp.model_copy(update={"title": "Halo Desk Lamp 2"})
    describe_all([changed], composer, cached)
    assert len(model.prompts) == 2  # new content: described anew


def test_a_draft_with_an_invented_number_falls_back_to_the_template() -> None:
    lamp = product("l2", "Halo Desk Lamp", "Home > Office").model_copy(update={"description": ""})
    model = ScriptedGenerator(["A 900 lumen lamp with a 5 year warranty."] * 2)
    out = describe_all([lamp], Composer(model, AnswerChecker([lamp.title], [], new_canary())), cached={})
    assert out[0].source == "template" and "900" not in out[0].description
