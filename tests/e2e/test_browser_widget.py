"""The embeddable widget on a shop page served from another origin (so CORS is exercised for real)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from assistant.contracts import Reply
from assistant.serve.cards import format_price
from tests.e2e.conftest import Site

pytestmark = pytest.mark.e2e


def wait_for_reply(site: Site, before: int) -> Reply:
    deadline = time.monotonic() + (240 if site.real else 30)
    while len(site.assistant.replies) <= before:
        assert time.monotonic() < deadline, "the assistant never finished the turn"
        time.sleep(0.05)
    return site.assistant.replies[before]


def test_widget_answers_with_items_across_origins(browser: Any, site: Site, artifacts: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    console_errors: list[str] = []
    page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
    page.goto(site.widget_page)
    assert site.widget_page.split("/")[2] != site.url.split("/")[2], "the page must be cross-origin"

    bubble = page.get_by_role("button", name="Open chat: Ask our shop")
    bubble.click()
    message = page.get_by_label("Your message")
    assert message.evaluate("el => el.getRootNode().activeElement === el"), "focus should move to the input"
    before = len(site.assistant.replies)
    message.fill("Waterproof hiking boots under $150")
    message.press("Enter")

    bot = page.locator("[data-shop-assistant] .msg.bot").last
    reply = wait_for_reply(site, before)
    bot.locator(".text").filter(has_text=reply.text[-30:]).wait_for(timeout=30_000)
    assert bot.locator(".text").inner_text() == reply.text
    cards = bot.locator(".card")
    assert cards.count() == len(reply.items) > 0
    for i, item in enumerate(reply.items):
        assert cards.nth(i).locator(".t").inner_text() == item.title
        assert cards.nth(i).locator(".price").inner_text() == format_price(item.price, item.currency)

    # The host page's hostile CSS (serif, red, dotted borders) must not reach inside the shadow root.
    style = bot.evaluate("el => [getComputedStyle(el).fontFamily, getComputedStyle(el).color]")
    assert style[0].split(",")[0].strip() != "serif" and style[1] != "rgb(204, 0, 0)"
    session = page.evaluate("localStorage.getItem('shop-assistant-session')")
    assert session and session == reply.session_id
    page.screenshot(path=str(artifacts / "widget.png"))

    page.keyboard.press("Escape")
    assert page.locator("[data-shop-assistant] .panel").is_hidden()
    assert bubble.evaluate("el => el.getRootNode().activeElement === el"), "focus returns to the bubble"
    assert not [e for e in console_errors if "CORS" in e or "Access-Control" in e]
    page.close()


def test_widget_keeps_session_across_reloads(browser: Any, site: Site) -> None:
    page = browser.new_page()
    page.goto(site.widget_page)
    page.get_by_role("button", name="Open chat: Ask our shop").click()
    before = len(site.assistant.replies)
    page.get_by_label("Your message").fill("What is your return policy?")
    page.get_by_label("Send message").click()
    reply = wait_for_reply(site, before)
    page.locator("[data-shop-assistant] .cites a").first.wait_for(timeout=30_000)
    first = page.evaluate("localStorage.getItem('shop-assistant-session')")
    assert reply.session_id == first
    page.reload()
    page.get_by_role("button", name="Open chat: Ask our shop").click()
    page.get_by_label("Your message").fill("Waterproof hiking boots under $150")
    page.get_by_label("Your message").press("Enter")
    assert wait_for_reply(site, before + 1).session_id == first, "a reload must continue the conversation"
    page.close()
