"""Product cards and answers as chat HTML for the web chat: the text, then a card per item and the
sources. Cards and text are rendered from the same Reply, so what the text says and what the cards
show agree."""

from __future__ import annotations

import hashlib
import html
import re

from assistant.contracts import Citation, RecommendedItem
from assistant.serve.ui_cart import cart_button

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "AUD": "A$", "CAD": "C$", "INR": "₹"}
# The demo catalog has no photos; a tile with the category's initial, coloured per category, keeps cards
# recognisable. Letters rather than emoji: a shop's kiosk or this box may have no emoji font.
TILE_HUES = 8


def format_price(price: float, currency: str) -> str:
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    return f"{symbol}{price:,.2f}" if symbol else f"{price:,.2f} {currency.upper()}"


def category_tile(item: RecommendedItem) -> tuple[str, int]:
    """The tile's letter and colour class for an item, both stable per category."""
    leaf = item.category.split(">")[-1].strip() if item.category else ""
    name = leaf or item.title or "?"
    hue = int(hashlib.sha256((item.category or name).encode()).hexdigest(), 16) % TILE_HUES
    return html.escape(name[:1].upper()), hue


def _safe_url(url: str) -> str:
    # Only web links: a catalog row must not be able to smuggle a javascript: URL into the page.
    return html.escape(url, quote=True) if url.startswith(("https://", "http://", "/")) else ""


def card_marks(product_id: str, reply_id: str | None) -> list[str]:
    """Class names naming a card's product and reply. The chat's HTML sanitizer drops data-*
    attributes but keeps classes; hex keeps any id a single, selector-safe class token."""
    marks = [f"pc-pid-{product_id.encode().hex()}"]
    if reply_id:
        marks.append(f"pc-rid-{reply_id.encode().hex()}")
    return marks


def render_card(item: RecommendedItem, reply_id: str | None = None) -> str:
    """A product card; two class names tell the click listener which product of which reply it is."""
    esc = html.escape
    url = _safe_url(item.url)
    letter, hue = category_tile(item)
    title = esc(item.title)
    title_html = (
        f'<a class="pc-title" href="{url}" target="_blank" rel="noopener">{title}</a>'
        if url
        else (f'<span class="pc-title">{title}</span>')
    )
    parts = [
        f'<div class="{" ".join(["pc-card", *card_marks(item.product_id, reply_id)])}">',
        f'<div class="pc-tile pc-hue-{hue}" aria-hidden="true">{letter}</div>',
        '<div class="pc-body">',
        title_html,
        f'<div class="pc-price">{esc(format_price(item.price, item.currency))}</div>',
    ]
    if item.variant_label:
        parts.append(f'<div class="pc-variant">{esc(item.variant_label)}</div>')
    if not item.in_stock:
        parts.append('<div class="pc-stock">Out of stock</div>')
    if item.reasons:
        reasons = "".join(f"<li>{esc(reason)}</li>" for reason in item.reasons)
        parts.append(f'<ul class="pc-reasons">{reasons}</ul>')
    if url:
        parts.append(f'<a class="pc-link" href="{url}" target="_blank" rel="noopener">View product →</a>')
    parts.append(cart_button(item))  # "Add to cart" (assistant/serve/ui_cart.py)
    parts.append("</div></div>")
    return "".join(parts)


def render_citations(citations: list[Citation]) -> str:
    links = []
    for citation in citations:
        label = html.escape(citation.source.split("/")[-1].replace("#", " · "))
        snippet = html.escape(citation.snippet[:200], quote=True)
        url = _safe_url(citation.url)
        if url:
            links.append(f'<a href="{url}" title="{snippet}" target="_blank" rel="noopener">{label}</a>')
        else:
            links.append(f'<span title="{snippet}">{label}</span>')
    return '<div class="pc-cites">Sources: ' + " · ".join(links) + "</div>"


ITEM_LINE = re.compile(r"^\d+\. .*$\n?", re.M)


def visible_text(text: str, has_cards: bool) -> str:
    """The answer's words without its numbered item lines when cards show the same items."""
    return ITEM_LINE.sub("", text).strip() if has_cards else text


def render_answer(
    text: str, items: list[RecommendedItem], citations: list[Citation], reply_id: str | None = None
) -> str:
    """One chat message: the text (markdown, HTML escaped), then cards and sources as one-line HTML.

    HTML is kept on single lines without indentation so the markdown renderer passes it through.
    """
    parts = [html.escape(visible_text(text, bool(items)), quote=False) if text else "…"]
    if items:
        cards = "".join(render_card(item, reply_id) for item in items)
        parts.append('<div class="pc-cards">' + cards + "</div>")
    if citations:
        parts.append(render_citations(citations))
    return "\n\n".join(parts)
