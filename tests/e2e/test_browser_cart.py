"""The cart hand-over in real Chromium: a fake shop page on another origin keeps its own cart from
the widget's `shop-assistant:cart` events; a card's "Add to cart" and a chat add both reach it, a
size change replaces the line, and the checkout link is the cart permalink the template makes.

Expected variants are read from the Replies and the catalog, never hard-coded."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant.contracts import Reply
from tests.conftest import REAL, assistant_over
from tests.e2e.conftest import RecordingAssistant, _static_server
from tests.fakes import running_server

pytestmark = pytest.mark.e2e
SHOTS = Path("/tmp/cart_shots")

# The shop's own cart, as a Shopify or WooCommerce theme script would keep it: it listens for the
# widget's event and applies add / update / remove to its own lines.
SHOP_PAGE = """<!doctype html><html><head><meta name=viewport content='width=device-width,initial-scale=1'>
<title>Trail shop</title><style>body{font-family:serif;margin:24px} header{display:flex;gap:16px}
#cart{border:2px solid #333;padding:4px 10px;border-radius:8px}</style></head><body>
<header><h1>Trail shop</h1><div id=cart>Cart: <b id=count>0</b></div></header>
<p>Our latest boots and jackets.</p><ul id=lines></ul>
<script>
window.shopCart = {}; window.cartEvents = [];
document.addEventListener('shop-assistant:cart', function (e) {
  var d = e.detail, key = d.variant_id || d.product_id;
  window.cartEvents.push(d);
  if (d.action === 'add') shopCart[key] = (shopCart[key] || 0) + d.quantity;
  else if (d.action === 'update') shopCart[key] = d.quantity;
  else delete shopCart[key];
  var keys = Object.keys(shopCart);
  document.getElementById('count').textContent = keys.reduce(function (n, k) { return n + shopCart[k]; }, 0);
  document.getElementById('lines').innerHTML = keys.map(function (k) {
    return '<li>' + k + ' x ' + shopCart[k] + '</li>'; }).join('');
});
</script>
<script src="API/widget.js" data-title="Ask our shop" data-color="#0a7"></script></body></html>"""


@dataclass
class Shop:
    page: str
    origin: str
    assistant: RecordingAssistant


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory, demo_data_dir: Path) -> Iterator[Shop]:
    import shutil

    from assistant.config import Settings
    from assistant.serve.app import create_app

    page_dir = tmp_path_factory.mktemp("cart-shop")
    static, origin = _static_server(page_dir)
    data_dir = tmp_path_factory.mktemp("cart-data") / "data"
    shutil.copytree(demo_data_dir, data_dir)
    template = f"{origin}/cart/{{lines}}"  # the permalink form, on the shop's own origin
    inner = assistant_over(data_dir, REAL, checkout_url_template=template)
    recording = RecordingAssistant(inner)
    settings = Settings(cors_origins=[origin], rate_limit_per_minute=0, data_dir=data_dir)
    with running_server(create_app(recording, settings, mount_ui=False)) as base:
        (page_dir / "index.html").write_text(SHOP_PAGE.replace("API/", f"{base}/"), encoding="utf-8")
        yield Shop(page=f"{origin}/index.html", origin=origin, assistant=recording)
    static.shutdown()


def ask(page: Any, shop: Shop, message: str) -> Reply:
    before = len(shop.assistant.replies)
    box = page.get_by_label("Your message")
    box.fill(message)
    box.press("Enter")
    deadline = time.monotonic() + 120
    while len(shop.assistant.replies) <= before:
        assert time.monotonic() < deadline, f"no reply to {message!r}"
        time.sleep(0.05)
    reply = shop.assistant.replies[before]
    page.locator("[data-shop-assistant] .msg.bot .text").last.filter(has_text=reply.text[-20:]).wait_for(
        timeout=30_000
    )
    return reply


def shop_cart(page: Any) -> dict[str, int]:
    cart: dict[str, int] = page.evaluate("() => Object.assign({}, window.shopCart)")
    return cart


def wait_cart(page: Any, expected: dict[str, int]) -> None:
    deadline = time.monotonic() + 30
    while shop_cart(page) != expected:
        assert time.monotonic() < deadline, f"shop cart {shop_cart(page)} != {expected}"
        time.sleep(0.05)


def test_card_and_chat_adds_reach_the_shops_own_cart(browser: Any, shop: Shop) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(shop.page)
    page.get_by_role("button", name="Open chat: Ask our shop").click()
    catalog: Any = getattr(shop.assistant.inner, "catalog")  # noqa: B009 (the real Assistant's)

    # 1. A card whose variant the shopper's words chose carries an "Add to cart" for that variant.
    found = ask(page, shop, "navy running shoes in size 42")
    chosen = [(i, it) for i, it in enumerate(found.items) if it.actions and it.actions[0].variant_id]
    assert chosen, "no card names a variant although size and colour were said"
    index, item = chosen[0]
    assert item.variant_id is not None
    cards = page.locator("[data-shop-assistant] .msg.bot").last.locator(".card")
    assert cards.count() == len(found.items)
    cards.nth(index).scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "cards_1280.png"))
    cards.nth(index).get_by_role("button", name=f"Add to cart: {item.title}").click()
    wait_cart(page, {item.variant_id: 1})
    assert page.evaluate("window.cartEvents[0]") == {
        "action": "add",
        "product_id": item.product_id,
        "variant_id": item.variant_id,
        "quantity": 1,
    }

    # 2. By chat: the first card's product in another in-stock size of the same colour.
    first = catalog.get(found.items[0].product_id)
    first_variant = next(v for v in first.variants if v.id == found.items[0].variant_id)
    sizes = [
        v
        for v in first.variants
        if v.in_stock
        and v.attributes.get("color") == first_variant.attributes.get("color")
        and v.id != item.variant_id
    ]
    assert len(sizes) >= 2, "the first product needs two other sizes in its colour"
    added = ask(page, shop, f"add the first one in size {sizes[0].attributes['size']}")
    assert added.cart is not None and added.cart.changes[-1].variant_id == sizes[0].id, added.text
    wait_cart(page, {item.variant_id: 1, sizes[0].id: 1})

    # 3. A size change replaces the line in the shop's cart too (remove, then add).
    changed = ask(page, shop, f"change it to size {sizes[1].attributes['size']}")
    assert [c.action for c in changed.cart.changes] == ["remove", "add"] if changed.cart else False, (
        changed.text
    )
    wait_cart(page, {item.variant_id: 1, sizes[1].id: 1})

    # 4. The checkout link is the cart permalink on the shop's origin, and opens there.
    link = page.locator("[data-shop-assistant] .cartbar a.checkout")
    expected = f"{shop.origin}/cart/{item.variant_id}:1,{sizes[1].id}:1"
    assert link.get_attribute("href") == expected
    page.screenshot(path=str(SHOTS / "cart_1280.png"))
    # The same shopper on a phone: the same session, so the same cart.
    session = page.evaluate("localStorage.getItem('shop-assistant-session')")
    phone = browser.new_page(viewport={"width": 375, "height": 760}, is_mobile=True, has_touch=True)
    phone.add_init_script(f"localStorage.setItem('shop-assistant-session', {session!r})")
    phone.goto(shop.page)
    phone.get_by_role("button", name="Open chat: Ask our shop").click()
    phone_reply = ask(phone, shop, "what's in my cart?")
    assert phone_reply.cart is not None and len(phone_reply.cart.lines) == 2
    phone.locator("[data-shop-assistant] .cartbar a.checkout").wait_for()
    phone.screenshot(path=str(SHOTS / "cart_375.png"))
    panel_width = phone.locator("[data-shop-assistant] .panel").evaluate(
        "el => el.getBoundingClientRect().width"
    )
    assert panel_width <= 375
    phone.close()

    link.click()
    page.wait_for_url(expected)
    assert not [e for e in errors if "CORS" in e or "Access-Control" in e]
    page.close()


def test_add_to_cart_is_reachable_by_keyboard(browser: Any, shop: Shop) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(shop.page)
    page.get_by_role("button", name="Open chat: Ask our shop").click()
    reply = ask(page, shop, "running shoes")
    button = page.locator("[data-shop-assistant] .msg.bot").last.locator("button.add").first
    button.focus()
    assert button.evaluate("el => el.getRootNode().activeElement === el")
    before = len(page.locator("[data-shop-assistant] .msg.bot").all())
    page.keyboard.press("Enter")
    # No size was said, so the button asks which one rather than guessing; the shop cart is untouched.
    page.locator("[data-shop-assistant] .msg.bot").nth(before).locator(".text").filter(
        has_text="Which"
    ).wait_for(timeout=30_000)
    assert shop_cart(page) == {} and reply.items
    page.close()


def test_web_chat_card_has_add_to_cart(browser: Any, site: Any) -> None:
    """The Gradio chat's cards carry the same action; a press answers in the chat."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site.url + "/")
    page.wait_for_selector("#shop-message textarea", timeout=60_000)
    before = len(site.assistant.replies)
    page.fill("#shop-message textarea", "navy running shoes in size 42")
    page.click("#shop-send")
    deadline = time.monotonic() + 240
    while len(site.assistant.replies) <= before:
        assert time.monotonic() < deadline, "no reply"
        time.sleep(0.05)
    reply = site.assistant.replies[before]
    chosen = [(i, it) for i, it in enumerate(reply.items) if it.actions and it.actions[0].variant_id]
    assert chosen, "no card names a variant although size and colour were said"
    index, item = chosen[0]
    cards = page.locator("#shop-chat .bot.message").last.locator(".pc-card")
    cards.nth(len(reply.items) - 1).wait_for(timeout=30_000)
    cards.nth(index).locator("a.pc-add").click()
    expected = f"{item.title} ({item.variant_label})"
    page.wait_for_function(
        "t => [...document.querySelectorAll('#shop-chat .bot.message')].some(m => m.innerText.includes(t))",
        arg=f"Added 1 × {expected}",
        timeout=30_000,
    )
    assert page.url.rstrip("/") == site.url.rstrip("/"), "the button must not navigate"
    page.screenshot(path=str(SHOTS / "web_chat_cart_1280.png"))
    page.close()
