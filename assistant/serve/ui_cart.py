"""The web chat's "Add to cart" on a product card, as in the widget.

Chat HTML carries no handlers and its sanitizer keeps classes but not data attributes, so the
card's link names its product and variant in class names (hex, like the click marks), and one
delegated listener, installed by a hidden gr.HTML, turns a press into that component's Gradio
event. The handler adds through the assistant's cart (checked like a chat add) and answers in the
chat. The session id stays in server-side state.
"""

from __future__ import annotations

import html
import logging
from typing import Any

import gradio as gr

from assistant.contracts import RecommendedItem, ShopAssistant

log = logging.getLogger("assistant.serve.ui")
Messages = list[dict[str, Any]]
ReplyIds = list[str | None]

CART_JS = """
window.__shopCartAdd = (detail) => trigger('click', detail);
if (!window.__shopCartBound) {
  window.__shopCartBound = true;
  const mark = (el, prefix) => {
    const found = [...el.classList].find((c) => c.startsWith(prefix));
    const bytes = new Uint8Array(((found || '').slice(prefix.length).match(/../g) || []).map((h) => parseInt(h, 16)));
    return new TextDecoder().decode(bytes);
  };
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('#shop-chat a.pc-add') : null;
    if (!link) return;
    event.preventDefault();
    window.__shopCartAdd({product_id: mark(link, 'pc-cart-p-'), variant_id: mark(link, 'pc-cart-v-')});
  }, true);
}
"""


def cart_button(item: RecommendedItem) -> str:
    """The card's "Add to cart" link; empty for an item without the action."""
    action = next((a for a in item.actions if a.kind == "add_to_cart"), None)
    if action is None:
        return ""
    marks = [f"pc-cart-p-{action.product_id.encode().hex()}"]
    if action.variant_id:
        marks.append(f"pc-cart-v-{action.variant_id.encode().hex()}")
    label = html.escape(action.label)
    return f'<a class="pc-add {" ".join(marks)}" href="#add-to-cart" role="button">{label}</a>'


def add_to_cart(
    assistant: ShopAssistant, history: Messages, reply_ids: ReplyIds, session_id: str, data: gr.EventData
) -> tuple[Messages, ReplyIds]:
    """A card's button: the cart's answer joins the chat ("Added ...", or "Which size?")."""
    detail = data._data if isinstance(data._data, dict) else {}
    product_id = str(detail.get("product_id") or "")[:128]
    variant_id = str(detail.get("variant_id") or "")[:128] or None
    add = getattr(assistant, "add_to_cart", None)
    if not product_id or not session_id or add is None:
        return history, reply_ids
    try:
        reply = add(session_id, product_id, variant_id, 1)
    except Exception:
        log.exception("add to cart failed for session %s", session_id)
        gr.Warning("Sorry, that didn't work. Please try again.")
        return history, reply_ids
    message = {"role": "assistant", "content": html.escape(reply.text, quote=False)}
    return [*history, message], [*reply_ids, reply.reply_id]


def wire_cart(assistant: ShopAssistant, chatbot: Any, reply_ids: Any, session: Any) -> None:
    """The hidden component and its event; call inside the page's gr.Blocks."""
    presses = gr.HTML("", html_template="", js_on_load=CART_JS, elem_id="shop-cart", visible="hidden")

    def handle(history: Messages, ids: ReplyIds, sid: str, data: gr.EventData) -> tuple[Messages, ReplyIds]:
        return add_to_cart(assistant, history, ids, sid, data)

    presses.click(handle, [chatbot, reply_ids, session], [chatbot, reply_ids], show_progress="hidden")
