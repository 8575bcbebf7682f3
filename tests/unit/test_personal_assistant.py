"""Personalisation through the assistant on the demo store: profile answers from data, stated
preferences across sessions, forgetting (gone from storage and from ranking), personal reasons
traceable to orders, cross-sell with a real item and price, feedback priors, clicks, /admin."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.serve.app import create_app

USER = "cust-003"  # a runner in the demo store: several orders, shoes in one size


@pytest.fixture()
def bot(make_assistant: Any) -> Any:
    return make_assistant(trust_user_id=True)


def personal_rows(bot: Any, user: str) -> dict[str, int]:
    with bot.db.connect() as conn:
        return {
            "prefs": conn.execute("SELECT COUNT(*) FROM user_prefs WHERE user_id = ?", (user,)).fetchone()[0],
            "clicks": conn.execute("SELECT COUNT(*) FROM clicks WHERE user_id = ?", (user,)).fetchone()[0],
            "turns": conn.execute("SELECT COUNT(*) FROM turns WHERE user_id = ?", (user,)).fetchone()[0],
        }


def test_profile_reasons_forget_sizes_and_everything(bot: Any) -> None:
    orders = bot.db.orders_of(USER)
    assert len(orders) >= 3
    reply = bot.chat("p1", "running shoes", user_id=USER)
    assert reply.skill == "search" and reply.items
    personalizer = bot.personal.personalizer_for(USER)
    traced = 0
    for item in reply.items:
        for reason in personalizer.reasons(item.product_id)[:1]:
            assert reason.text == item.reasons[0]  # shown first, exactly as derived
            for oid in reason.order_ids:
                order = bot.db.order(oid)
                assert order is not None and reason.product_id in {i.product_id for i in order.items}
            if reason.kind == "fit":
                assert order.customer_id == USER
            traced += 1
    assert traced >= 1, [i.reasons for i in reply.items]
    sizes = {k: v for k, v in personalizer.fits.items() if k[0] == "Shoes"}
    assert sizes, "the runner's shoe size comes from their orders"

    about = bot.chat("p1", "what do you know about me?", user_id=USER)
    assert about.skill == "profile"
    assert any(o.order_id in about.text for o in orders)
    shoe_size = next(iter(sizes.values()))[0]
    assert f"Shoes {shoe_size}" in about.text

    bot.chat("p1", "running shoes in size 44 under $200", user_id=USER)
    assert personal_rows(bot, USER)["prefs"] >= 2  # size and budget remembered
    forget = bot.chat("p1", "forget my sizes", user_id=USER)
    assert forget.skill == "profile" and "deleted" in forget.text
    with bot.db.connect() as conn:
        kinds = {r[0] for r in conn.execute("SELECT kind FROM user_prefs WHERE user_id = ?", (USER,))}
    assert "size" not in kinds and "budget" in kinds
    after = bot.personal.personalizer_for(USER)
    assert after.fits == {}
    again = bot.chat("p2", "running shoes", user_id=USER)
    assert not any("size" in r and "you bought" in r for i in again.items for r in i.reasons)
    assert all(after._fit(bot.catalog.get(i.product_id)) == 0.5 for i in again.items)

    assert bot.record_click("p2", again.reply_id, again.items[0].product_id)
    assert personal_rows(bot, USER)["clicks"] == 1
    everything = bot.chat("p2", "forget everything about me", user_id=USER)
    assert "deleted everything" in everything.text
    rows = personal_rows(bot, USER)
    assert rows["prefs"] == 0 and rows["clicks"] == 0
    assert rows["turns"] <= 1  # only the forget turn itself is logged after the unlinking
    gone = bot.personal.personalizer_for(USER)
    assert gone.profile.is_empty()
    assert all(gone.affinity(p.id) == 0.0 and gone.reasons(p.id) == [] for p in bot.catalog.products[:50])
    assert "don't have anything stored" in bot.chat("p3", "what do you know about me?", user_id=USER).text


def test_stated_preferences_last_across_sessions(bot: Any) -> None:
    brand = bot.catalog.get("sku-1174").brand  # a running-shoe brand of the demo store
    bot.chat("s1", f"{brand} running shoes in size 42 under $150", user_id="new-shopper")
    reply = bot.chat("s2-other-session", "what do you know about me?", user_id="new-shopper")
    assert "42 (you told me)" in reply.text and brand in reply.text and "$150" in reply.text
    personal = bot.personal.personalizer_for("new-shopper")
    in_size = next(
        p
        for p in bot.catalog.products
        if p.category == "Shoes > Running"
        and p.brand == brand
        and any(v.in_stock and v.attributes.get("size") == "42" for v in p.variants)
        and p.price <= 150
    )
    other = next(
        p
        for p in bot.catalog.products
        if p.category == "Shoes > Running"
        and p.brand != brand
        and (p.price > 150 or not any(v.in_stock and v.attributes.get("size") == "42" for v in p.variants))
    )
    assert personal.affinity(in_size.id) > personal.affinity(other.id)


def test_thumbs_move_priors_and_clicks_are_checked(bot: Any) -> None:
    down = bot.chat("f1", "headphones")
    up = bot.chat("f2", "backpacks")
    bot.record_feedback(down.reply_id, "down", session_id="f1")
    bot.record_feedback(up.reply_id, "up", session_id="f2")
    priors = bot.personal.personalizer_for(None)
    assert all(-0.5 < priors.signals(i.product_id).prior < 0 for i in down.items)
    assert all(0 < priors.signals(i.product_id).prior < 0.5 for i in up.items)
    assert not bot.record_click("f1", down.reply_id, up.items[0].product_id)  # not shown in that reply
    assert not bot.record_click("f1", "no-such-reply", down.items[0].product_id)


def test_click_route_and_admin_page(make_assistant: Any) -> None:
    bot = make_assistant(trust_user_id=True)
    client = TestClient(create_app(bot, bot.settings, mount_ui=False))
    reply = bot.chat("a1", "tents")
    bad = client.post(
        "/api/click", json={"session_id": "a1", "reply_id": reply.reply_id, "product_id": "nope"}
    )
    assert bad.status_code == 404
    ok = client.post(
        "/api/click",
        json={"session_id": "a1", "reply_id": reply.reply_id, "product_id": reply.items[0].product_id},
    )
    assert ok.status_code == 200
    page = client.get("/admin")
    assert page.status_code == 200 and page.text.count("data:image/png;base64,") == 4
    assert "1 clicks" in page.text

    locked = make_assistant(api_key="s3cret")
    client = TestClient(create_app(locked, locked.settings, mount_ui=False))
    assert client.get("/admin").status_code == 401
    assert client.get("/admin?key=wrong").status_code == 401
    assert client.get("/admin?key=s3cret").status_code == 200
    assert client.get("/admin", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert (
        client.post("/api/click", json={"session_id": "a1", "reply_id": "x", "product_id": "y"}).status_code
        == 401
    )


def test_unvouched_user_id_reveals_no_order_history(make_assistant: Any) -> None:
    """Without Settings.trust_user_id a user_id is only a claim: no orders, no order ids."""
    bot = make_assistant()
    orders = bot.db.orders_of(USER)
    reply = bot.chat("claim-1", "what do you know about me?", user_id=USER)
    for order in orders:
        assert order.order_id not in reply.text
    reply = bot.chat("claim-1", "running shoes", user_id=USER)
    assert reply.items
    for item in reply.items:
        assert not any("order" in reason.lower() or "you bought" in reason.lower() for reason in item.reasons)
