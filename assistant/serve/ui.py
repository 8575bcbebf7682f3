"""The web chat shoppers see at /: streamed answers with product cards, voice input, feedback, handoff.

Cards and text are rendered from the same Reply, so what the text says and what the cards show agree.
"""

from __future__ import annotations

import html
import logging
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.config import Settings
from assistant.contracts import Citation, RecommendedItem, Reply, ShopAssistant
from assistant.serve.cards import render_answer
from assistant.serve.ui_cart import wire_cart

log = logging.getLogger("assistant.serve.ui")
# Package data (pyproject [tool.setuptools.package-data]): read through importlib.resources so it is
# found wherever the package is installed, not only in a source checkout.
UI_CSS = files("assistant.serve").joinpath("web", "ui.css").read_text(encoding="utf-8")
UI_HEAD = '<meta name="theme-color" content="#0f766e">'
EXAMPLES = (
    "Waterproof hiking boots under $150",
    "What is your return policy?",
    "Where is my order?",
    "Compare the first two",
)
BAG_SVG = (
    '<svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="#fff" stroke-width="2" '
    'stroke-linecap="round" stroke-linejoin="round"><path d="M6 7h12l1 13H5L6 7z"/>'
    '<path d="M9 10V6a3 3 0 0 1 6 0v4"/></svg>'
)
GENERIC_ERROR = "Sorry, something went wrong on our side. Please try again in a moment."
# Cards are chat HTML and carry no handlers, so one delegated listener (installed once per page, by a
# hidden gr.HTML) reports a click on a card's link as that component's Gradio event. The session id
# stays in server-side state: the page never needs it, nor the API key that /api/click may require.
CLICK_JS = """
window.__shopCardClick = (detail) => trigger('click', detail);
if (!window.__shopCardClicksBound) {
  window.__shopCardClicksBound = true;
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('#shop-chat .pc-card a:not(.pc-add)') : null;
    const card = link ? link.closest('.pc-card') : null;
    const mark = (prefix) => {
      const found = card ? [...card.classList].find((c) => c.startsWith(prefix)) : null;
      const hex = found ? found.slice(prefix.length) : '';
      const bytes = new Uint8Array((hex.match(/../g) || []).map((h) => parseInt(h, 16)));
      return new TextDecoder().decode(bytes);
    };
    const productId = mark('pc-pid-');
    if (productId) {
      window.__shopCardClick({product_id: productId, reply_id: mark('pc-rid-')});
    }
  }, true);
}
"""


def new_session_id() -> str:
    return f"web-{uuid.uuid4().hex[:16]}"


Messages = list[dict[str, Any]]
ReplyIds = list[str | None]


class ChatController:
    """The event handlers, kept apart from the layout so they can be called without a browser."""

    def __init__(self, assistant: ShopAssistant, settings: Settings) -> None:
        self.assistant = assistant
        self.settings = settings

    def check(self, message: str) -> str | None:
        if not message.strip():
            return "Type a question first."
        if len(message) > self.settings.max_message_chars:
            return f"That message is too long (the limit is {self.settings.max_message_chars} characters)."
        return None

    def turn(
        self, message: str, history: Messages, reply_ids: ReplyIds, session_id: str
    ) -> Iterator[tuple[Messages, ReplyIds]]:
        """Stream one turn into the history: cards appear with the first event, text grows above them."""
        history = [*history, {"role": "user", "content": message}, {"role": "assistant", "content": "…"}]
        reply_ids = [*reply_ids, None, None]
        yield history, reply_ids
        items: list[RecommendedItem] = []
        citations: list[Citation] = []
        text = ""
        reply_id: str | None = None  # known with the last event; cards rendered before it lack it
        try:
            for event in self.assistant.stream(session_id, message):
                if event.kind == "items":
                    items = list(event.items)
                elif event.kind == "citations":
                    citations = list(event.citations)
                elif event.kind == "token":
                    text += event.token
                elif event.kind == "done" and event.reply is not None:
                    reply: Reply = event.reply
                    # The final Reply is the truth: the checked text and the items it talks about.
                    text, items, citations = reply.text, list(reply.items), list(reply.citations)
                    reply_ids[-1] = reply_id = reply.reply_id
                # Fresh lists per step: each yield is a snapshot, not a view that later steps rewrite.
                history = [
                    *history[:-1],
                    {"role": "assistant", "content": render_answer(text, items, citations, reply_id)},
                ]
                yield history, list(reply_ids)
        except Exception:
            log.exception("web chat turn failed for session %s", session_id)
            history = [*history[:-1], {"role": "assistant", "content": GENERIC_ERROR}]
            yield history, list(reply_ids)

    def submit(self, message: str, history: Messages, ids: ReplyIds, sid: str) -> Iterator[Any]:
        """A typed message: (history, reply ids, what stays in the text box) per streamed step."""
        problem = self.check(message)
        if problem:
            gr.Warning(problem)
            yield history, ids, message
            return
        for new_history, new_ids in self.turn(message, history, ids, sid):
            yield new_history, new_ids, ""

    def voice_turn(self, path: str | None, history: Messages, ids: ReplyIds, sid: str) -> Iterator[Any]:
        # The transcript is shown as the shopper's message; the assistant gets it without the icon.
        if not path:
            return
        text = self.transcribe(path)
        if self.check(text):
            gr.Warning("I couldn't hear a question in that recording. Please try again.")
            yield history, ids, None
            return
        shown = [*history, {"role": "user", "content": f"(voice) {text}"}]
        yield shown, [*ids, None], None
        for new_history, new_ids in self.turn(text, history, ids, sid):
            new_history[len(history)] = {"role": "user", "content": f"(voice) {text}"}
            yield new_history, new_ids, None

    def transcribe(self, audio_path: str | None) -> str:
        """Audio file from the browser -> text; raises gr.Error with the transcriber's message."""
        if not audio_path:
            raise gr.Error("No recording received. Try again.")
        path = Path(audio_path)
        if path.stat().st_size > self.settings.max_audio_bytes:
            raise gr.Error(f"The recording is larger than {self.settings.max_audio_bytes} bytes.")
        try:
            transcript = self.assistant.transcribe(path.read_bytes(), path.name)
        except ValueError as exc:
            raise gr.Error(str(exc)) from exc
        return transcript.text

    def feedback(self, reply_ids: ReplyIds, session_id: str, data: gr.LikeData) -> None:
        index = data.index if isinstance(data.index, int) else data.index[0]
        reply_id = reply_ids[index] if 0 <= index < len(reply_ids) else None
        if reply_id is None:
            return
        liked = data.liked is True or data.liked == "Like"
        self.assistant.record_feedback(reply_id, "up" if liked else "down", session_id=session_id)
        gr.Info("Thanks for the feedback!")

    def click(self, reply_ids: ReplyIds, session_id: str, data: gr.EventData) -> None:
        """A card link was clicked: record it for the reply that showed the product.

        Only this session's replies count (the ids come from server-side state, the page only names
        one); a click on a card rendered before its reply id arrived goes to the newest reply of
        this session that showed the product.
        """
        detail = data._data if isinstance(data._data, dict) else {}
        product_id = str(detail.get("product_id") or "")[:128]
        named = str(detail.get("reply_id") or "")
        known = [r for r in reply_ids if r]
        record = getattr(self.assistant, "record_click", None)
        if not product_id or not session_id or record is None:
            return
        candidates = ([named] if named in known else []) if named else known[::-1]
        try:
            for reply_id in candidates:
                if record(session_id, reply_id, product_id):
                    return
        except Exception:
            # Analytics only: a failed write must not show an error to the shopper.
            log.exception("recording a card click failed for session %s", session_id)

    def handoff(self, history: Messages, reply_ids: ReplyIds, session_id: str) -> tuple[Messages, ReplyIds]:
        reply = self.assistant.request_handoff(session_id)
        message = {"role": "assistant", "content": render_answer(reply.text, list(reply.items), [])}
        return [*history, message], [*reply_ids, reply.reply_id]

    def reset(self, session_id: str) -> tuple[Messages, ReplyIds, str]:
        if session_id:
            self.assistant.reset(session_id)
        return [], [], new_session_id()


def ui_theme() -> gr.themes.Base:
    # System fonts only: a Google font would be a network call the shop's box may not be allowed.
    system = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"]
    return gr.themes.Base(
        primary_hue="teal",
        secondary_hue="amber",
        neutral_hue="slate",
        radius_size="lg",
        font=system,
        font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
    ).set(body_background_fill="#f6f7f5", block_border_width="0px", block_shadow="none")


@dataclass
class ChatPage:
    """The page's components, so the layout and the event wiring can live apart."""

    session: gr.State
    reply_ids: gr.State
    chatbot: gr.Chatbot
    textbox: gr.Textbox
    send: gr.Button
    examples: list[gr.Button]
    audio: gr.Audio
    handoff: gr.Button
    reset: gr.Button
    clicks: gr.HTML


def _header(shop_name: str) -> None:
    gr.HTML(
        elem_classes="shop-header-wrap",
        value=f'<header class="shop-header"><div class="shop-logo" aria-hidden="true">{BAG_SVG}</div>'
        f"<div><h1>{html.escape(shop_name)}</h1>"
        "<p>Ask about products, sizes, orders or our policies.</p></div></header>",
    )


def _chatbot() -> gr.Chatbot:
    return gr.Chatbot(
        elem_id="shop-chat",
        show_label=False,
        height="62vh",
        min_height=320,
        autoscroll=True,
        feedback_options=("Like", "Dislike"),
        sanitize_html=True,
        render_markdown=True,
        placeholder="**Hi! How can I help you today?**\n\nTry one of the examples below.",
        buttons=["copy"],
        layout="bubble",
    )


def _layout(settings: Settings, shop_name: str) -> ChatPage:
    """The components, top to bottom; must run inside a gr.Blocks context."""
    session = gr.State("")
    reply_ids = gr.State([])
    _header(shop_name)
    chatbot = _chatbot()
    with gr.Row(elem_classes="shop-input", equal_height=True):
        textbox = gr.Textbox(
            show_label=False,
            placeholder="Ask about a product, an order or a policy…",
            scale=5,
            container=False,
            max_lines=4,
            elem_id="shop-message",
            autofocus=True,
            max_length=settings.max_message_chars,
        )
        send = gr.Button("Send", variant="primary", scale=1, min_width=80, elem_id="shop-send")
    with gr.Row(elem_classes="shop-examples"):
        examples = [gr.Button(text, size="sm", variant="secondary") for text in EXAMPLES]
    with gr.Accordion("Ask by voice", open=False, elem_classes="shop-voice"):
        audio = gr.Audio(
            sources=["microphone", "upload"],
            type="filepath",
            show_label=False,
            editable=False,
            buttons=[],
            elem_id="shop-audio",
        )
    with gr.Row(elem_classes="shop-actions"):
        handoff = gr.Button("Talk to a person", size="sm", variant="secondary", elem_id="shop-handoff")
        reset = gr.Button("New conversation", size="sm", variant="secondary", elem_id="shop-reset")
    clicks = gr.HTML("", html_template="", js_on_load=CLICK_JS, elem_id="shop-clicks", visible="hidden")
    return ChatPage(session, reply_ids, chatbot, textbox, send, examples, audio, handoff, reset, clicks)


def _example(controller: ChatController, text: str) -> Callable[[Messages, ReplyIds, str], Iterator[Any]]:
    def run(history: Messages, ids: ReplyIds, sid: str) -> Iterator[Any]:
        yield from controller.submit(text, history, ids, sid)

    return run


def _wire(page: ChatPage, controller: ChatController) -> None:
    """Every event of the page to its handler on the controller."""
    state = [page.chatbot, page.reply_ids, page.session]
    turn_io: dict[str, Any] = {
        "outputs": [page.chatbot, page.reply_ids, page.textbox],
        "show_progress": "hidden",
    }
    page.textbox.submit(controller.submit, [page.textbox, *state], **turn_io)
    page.send.click(controller.submit, [page.textbox, *state], **turn_io)
    for button, text in zip(page.examples, EXAMPLES, strict=True):
        button.click(_example(controller, text), state, **turn_io)
    voice_io: dict[str, Any] = {
        "outputs": [page.chatbot, page.reply_ids, page.audio],
        "show_progress": "minimal",
    }
    page.audio.stop_recording(controller.voice_turn, [page.audio, *state], **voice_io)
    page.audio.upload(controller.voice_turn, [page.audio, *state], **voice_io)
    page.chatbot.like(controller.feedback, [page.reply_ids, page.session], None)
    page.clicks.click(controller.click, [page.reply_ids, page.session], None, show_progress="hidden")
    page.handoff.click(controller.handoff, state, [page.chatbot, page.reply_ids])
    page.reset.click(controller.reset, [page.session], state)
    page.chatbot.clear(controller.reset, [page.session], state)


def build_ui(assistant: ShopAssistant, settings: Settings) -> gr.Blocks:
    controller = ChatController(assistant, settings)
    shop_name = str(getattr(settings, "shop_name", "") or "Our shop")
    with gr.Blocks(title=f"{shop_name} · Shopping assistant", analytics_enabled=False) as demo:
        page = _layout(settings, shop_name)
        _wire(page, controller)
        wire_cart(assistant, page.chatbot, page.reply_ids, page.session)
        demo.load(new_session_id, None, page.session)
    demo.queue(default_concurrency_limit=2, max_size=settings.max_queue * 4)
    return demo
