"""Card clicks in the web chat, without a browser: which reply a click is recorded for."""

from __future__ import annotations

from dataclasses import dataclass, field

import gradio as gr

from assistant.config import Settings
from assistant.serve.cards import card_marks, render_answer
from assistant.serve.ui import ChatController
from tests.fakes import BOOT, FakeAssistant


@dataclass
class ClickingAssistant(FakeAssistant):
    """Replies r1 and r2 both showed the boot; r1 also showed a tent."""

    shown: dict[str, set[str]] = field(
        default_factory=lambda: {"r1": {BOOT.product_id, "tent"}, "r2": {BOOT.product_id}}
    )
    clicks: list[tuple[str, str, str]] = field(default_factory=list)

    def record_click(self, session_id: str, reply_id: str, product_id: str) -> bool:
        if product_id not in self.shown.get(reply_id, set()):
            return False
        self.clicks.append((session_id, reply_id, product_id))
        return True


def click(controller: ChatController, ids: list[str | None], detail: dict[str, str]) -> None:
    controller.click(ids, "s1", gr.EventData(None, detail))


def test_a_named_reply_of_this_session_gets_the_click() -> None:
    fake = ClickingAssistant()
    click(
        ChatController(fake, Settings()),
        [None, "r1", None, "r2"],
        {"product_id": BOOT.product_id, "reply_id": "r1"},
    )
    assert fake.clicks == [("s1", "r1", BOOT.product_id)]


def test_a_reply_of_another_session_is_ignored() -> None:
    fake = ClickingAssistant()
    click(ChatController(fake, Settings()), [None, "r2"], {"product_id": BOOT.product_id, "reply_id": "r1"})
    assert fake.clicks == []


def test_without_a_reply_id_the_newest_reply_that_showed_it_counts() -> None:
    fake = ClickingAssistant()
    controller = ChatController(fake, Settings())
    click(controller, [None, "r1", None, "r2"], {"product_id": "tent", "reply_id": ""})
    click(controller, [None, "r1", None, "r2"], {"product_id": BOOT.product_id})
    assert fake.clicks == [("s1", "r1", "tent"), ("s1", "r2", BOOT.product_id)]


def test_nothing_to_record_is_quiet() -> None:
    click(ChatController(FakeAssistant(), Settings()), [None, "r1"], {"product_id": "x", "reply_id": "r1"})
    fake = ClickingAssistant()
    click(ChatController(fake, Settings()), [None, "r1"], {"reply_id": "r1"})
    assert fake.clicks == []


def test_cards_name_product_and_reply_in_class_names() -> None:
    """The chat's sanitizer drops data-* attributes; classes survive, so the ids travel in them."""
    html = render_answer("Here you go.", [BOOT], [], reply_id="r9")
    pid, rid = card_marks(BOOT.product_id, "r9")
    assert f'class="pc-card {pid} {rid}"' in html
    assert bytes.fromhex(pid.removeprefix("pc-pid-")).decode() == BOOT.product_id
    assert card_marks("a b/<c>", None) == [f"pc-pid-{b'a b/<c>'.hex()}"]
