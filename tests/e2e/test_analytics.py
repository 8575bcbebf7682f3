"""The /admin analytics page in headless Chromium: real assistant, real turns, feedback and clicks;
every plot is a decoded PNG; the low-confidence table lists the unanswered question."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.serve.app import create_app
from tests.fakes import running_server


def test_admin_page_renders_plots(make_assistant: Any, browser: Any, artifacts: Path) -> None:
    bot = make_assistant()
    shoes = bot.chat("e2e-a", "running shoes under $120", user_id="cust-003")
    bot.chat("e2e-a", "what is your return policy?")
    tents = bot.chat("e2e-b", "tents")
    for message in ("do you sell surfboards?", "surfboards", "how do I register my pet dragon?"):
        bot.chat("e2e-c", message)
    with bot.db.connect() as conn:
        low = [r[0] for r in conn.execute("SELECT message FROM turns WHERE confidence < 0.5")]
    assert low, "one of these should be a low-confidence turn"
    bot.record_feedback(shoes.reply_id, "up", session_id="e2e-a")
    bot.record_feedback(tents.reply_id, "down", session_id="e2e-b")
    assert bot.record_click("e2e-a", shoes.reply_id, shoes.items[0].product_id)

    with running_server(create_app(bot, bot.settings, mount_ui=False)) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        try:
            response = page.goto(f"{url}/admin")
            assert response is not None and response.status == 200
            page.wait_for_load_state("load")
            plots = page.locator("img[data-plot]")
            assert plots.count() == 4
            widths = plots.evaluate_all("imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
            assert all(w > 300 for w in widths), widths  # each PNG decoded by the browser
            names = plots.evaluate_all("imgs => imgs.map(i => i.dataset.plot)")
            assert names == ["conversations", "intents", "thumbs", "products"]
            table = page.locator("#low-confidence").inner_text()
            assert all(m.lower() in table.lower() for m in low), (low, table)
            assert "1 thumbs up, 1 thumbs down" in page.locator(".stats").inner_text()
            page.screenshot(path=str(artifacts / "analytics.png"), full_page=True)
        finally:
            page.close()
    assert (artifacts / "analytics.png").stat().st_size > 10_000
