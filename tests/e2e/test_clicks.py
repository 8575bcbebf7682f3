"""Product clicks from the browser: a click on a card's link in the Gradio chat and in the embeddable
widget ends up as a row in the clicks table (what /admin counts as "clicked"), for the reply and
session that showed the product.

Real Chromium against the real assistant; product pages are answered locally so the new tab a card
opens never leaves the machine.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from assistant.contracts import Reply
from assistant.serve.cards import card_marks
from tests.e2e.conftest import Site

pytestmark = pytest.mark.e2e
QUESTION = "Waterproof hiking boots under $150"
PRODUCT_PAGES = re.compile(r"^https?://(?!127\.0\.0\.1)")  # everything not served by the test servers


def requires_real(site: Site) -> None:
    if not site.real:
        pytest.skip("the FakeAssistant has no database to record clicks in")


def new_page(browser: Any) -> Any:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.context.route(
        PRODUCT_PAGES, lambda route: route.fulfill(status=200, body="product page", content_type="text/html")
    )
    return page


def wait_for_reply(site: Site, before: int) -> Reply:
    deadline = time.monotonic() + 240
    while len(site.assistant.replies) <= before:
        assert time.monotonic() < deadline, "the assistant never finished the turn"
        time.sleep(0.05)
    return site.assistant.replies[before]


def clicks_for(site: Site, reply_id: str, timeout_s: float = 15) -> list[tuple[str, str]]:
    """The (session id, product id) rows recorded for a reply, once at least one is there."""
    deadline = time.monotonic() + timeout_s
    while True:
        with site.assistant.db.connect() as conn:
            rows = conn.execute(
                "SELECT session_id, product_id FROM clicks WHERE reply_id = ?", (reply_id,)
            ).fetchall()
        if rows or time.monotonic() > deadline:
            return [(str(s), str(p)) for s, p in rows]
        time.sleep(0.1)


def test_gradio_card_click_records_a_click(browser: Any, site: Site) -> None:
    requires_real(site)
    page = new_page(browser)
    try:
        page.goto(site.url)
        page.locator("#shop-message textarea").wait_for(timeout=30_000)
        before = len(site.assistant.replies)
        page.fill("#shop-message textarea", QUESTION)
        page.click("#shop-send")
        reply = wait_for_reply(site, before)
        assert len(reply.items) >= 2, "the question should show at least two products"
        # The final render names the reply on every card.
        cards = page.locator(f"#shop-chat .bot.message .pc-card.{card_marks('', reply.reply_id)[1]}")
        cards.first.wait_for(timeout=30_000)
        assert cards.count() == len(reply.items)
        item = reply.items[1]
        assert card_marks(item.product_id, None)[0] in (cards.nth(1).get_attribute("class") or "").split()
        with page.expect_popup() as popup:
            cards.nth(1).locator(".pc-link").click()
        popup.value.close()
        assert clicks_for(site, reply.reply_id) == [(reply.session_id, item.product_id)]
        assert not page.locator(".toast-body.error").count(), "the click must not show an error"
    finally:
        page.close()


def test_widget_card_click_records_a_click(browser: Any, site: Site) -> None:
    requires_real(site)
    page = new_page(browser)
    try:
        page.goto(site.widget_page)
        page.get_by_role("button", name="Open chat: Ask our shop").click()
        before = len(site.assistant.replies)
        page.get_by_label("Your message").fill(QUESTION)
        page.get_by_label("Your message").press("Enter")
        reply = wait_for_reply(site, before)
        assert reply.items, "the question should show products"
        bot = page.locator("[data-shop-assistant] .msg.bot").last
        bot.locator(".text").filter(has_text=reply.text[-30:]).wait_for(timeout=30_000)
        item = reply.items[0]
        with page.expect_popup() as popup:
            bot.locator(".card a.t").first.click()
        popup.value.close()
        session = page.evaluate("localStorage.getItem('shop-assistant-session')")
        assert clicks_for(site, reply.reply_id) == [(session, item.product_id)]
    finally:
        page.close()
