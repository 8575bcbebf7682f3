"""The web chat's handlers and rendering, without a browser."""

from __future__ import annotations

from pathlib import Path

import gradio as gr
import pytest

from assistant.config import Settings
from assistant.contracts import RecommendedItem
from assistant.serve.cards import format_price, render_answer, render_card
from assistant.serve.ui import ChatController, build_ui
from tests.fakes import BOOT, FakeAssistant


def test_cards_and_text_come_from_the_final_reply() -> None:
    controller = ChatController(FakeAssistant(), Settings())
    steps = list(controller.turn("boots", [], [], "s1"))
    history, reply_ids = steps[-1]
    assert history[0] == {"role": "user", "content": "boots"}
    final = history[1]["content"]
    assert "Ridgeline Waterproof Hiking Boot" in final and "$129.00" in final and "$139.50" in final
    assert reply_ids[0] is None and reply_ids[1]
    # Cards are on screen before the text has finished (items stream first).
    assert any("pc-card" in s[0][1]["content"] and "$139.50." not in s[0][1]["content"] for s in steps[:-1])


def test_render_escapes_html_and_refuses_script_urls() -> None:
    evil = RecommendedItem(
        product_id="x",
        title="<img src=x onerror=alert(1)>",
        price=5,
        url="javascript:alert(1)",
        category="Toys",
    )
    card = render_card(evil)
    assert "<img" not in card and "javascript:" not in card and "&lt;img" in card
    assert "<script>" not in render_answer("<script>alert(1)</script>", [], [])


def test_price_formatting() -> None:
    assert format_price(1299.5, "USD") == "$1,299.50"
    assert format_price(10, "sek") == "10.00 SEK"
    assert "pc-price" in render_card(BOOT)


def test_feedback_handoff_reset_reach_the_assistant() -> None:
    fake = FakeAssistant()
    controller = ChatController(fake, Settings())
    controller.feedback([None, "r1"], "s1", gr.LikeData(None, {"index": 1, "value": "x", "liked": False}))
    assert fake.feedback == [("r1", "down", "", "s1")]
    history, ids = controller.handoff([], [], "s1")
    assert fake.handoffs == ["s1"] and ids and "team" in history[0]["content"]
    cleared, cleared_ids, new_session = controller.reset("s1")
    assert fake.resets == ["s1"] and cleared == cleared_ids == [] and new_session != "s1"


def test_voice_transcribes_file_by_base_name(tmp_path: Path) -> None:
    fake = FakeAssistant()
    clip = tmp_path / "clip.wav"
    clip.write_bytes(b"RIFF1234")
    assert ChatController(fake, Settings()).transcribe(str(clip)) == "waterproof hiking boots under $150"
    assert fake.transcribed == [(8, "clip.wav")]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"NOT-AUDIO")
    with pytest.raises(gr.Error, match="Unsupported"):
        ChatController(fake, Settings()).transcribe(str(bad))


def test_message_limit_is_named() -> None:
    controller = ChatController(FakeAssistant(), Settings(max_message_chars=10))
    assert "10 characters" in (controller.check("x" * 11) or "")
    assert controller.check("  ") and controller.check("hello") is None


def test_build_ui_has_examples_and_no_flagging() -> None:
    demo = build_ui(FakeAssistant(), Settings())
    labels = [getattr(block, "value", None) for block in demo.blocks.values()]
    assert "Compare the first two" in labels and "Talk to a person" in labels
    assert not any("flag" in str(label).lower() for label in labels)
