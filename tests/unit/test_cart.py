"""The cart in the conversation, phrase by phrase, on the demo store (scripted generator, `none`
backend). Products, sizes and colours are read from what the assistant showed and from the
catalog, never hard-coded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings
from assistant.contracts import CartLine, Reply
from assistant.dialogue.skills.cart import cart_verb
from assistant.dialogue.skills.cart_view import checkout_url, parse_quantity
from assistant.records import Product, Variant

ORDINALS = ["first", "second", "third", "fourth", "fifth"]


def shown(assistant: Any, session: str, query: str) -> Reply:
    reply: Reply = assistant.chat(session, query)
    assert reply.items, f"{query!r} showed nothing"
    return reply


def product(assistant: Any, product_id: str) -> Product:
    found: Product | None = assistant.catalog.get(product_id)
    assert found is not None
    return found


def pick_variant(p: Product, in_stock: bool = True, other_than: Variant | None = None) -> Variant:
    for v in p.variants:
        if (
            v.in_stock == in_stock
            and "size" in v.attributes
            and "color" in v.attributes
            and v is not other_than
        ):
            return v
    pytest.skip(f"{p.id} has no such variant")


def say_add(index: int, v: Variant) -> str:
    return f"add the {ORDINALS[index]} one in size {v.attributes['size']} in {v.attributes['color']}"


def multi_variant_index(assistant: Any, reply: Reply) -> int:
    for i, item in enumerate(reply.items):
        p = product(assistant, item.product_id)
        sizes = {v.attributes.get("size") for v in p.variants}
        colors = {v.attributes.get("color") for v in p.variants}
        if len(sizes) > 1 and len(colors) > 1 and any(v.in_stock for v in p.variants):
            return i
    pytest.skip("no shown item varies in size and colour")


@pytest.fixture()
def assistant(make_assistant: Any) -> Any:
    return make_assistant(checkout_url_template="https://shop.example/cart/{lines}", cart_max_quantity=3)


def add_to_cart(assistant: Any, session: str) -> tuple[Product, Variant, Reply]:
    reply = shown(assistant, session, "running shoes")
    index = multi_variant_index(assistant, reply)
    p = product(assistant, reply.items[index].product_id)
    v = pick_variant(p)
    added = assistant.chat(session, say_add(index, v))
    return p, v, added


def test_add_the_nth_one_in_a_size_adds_that_variant(assistant: Any) -> None:
    p, v, reply = add_to_cart(assistant, "c-add")
    assert reply.skill == "cart"
    assert reply.cart is not None
    assert [(line.variant_id, line.quantity) for line in reply.cart.lines] == [(v.id, 1)]
    assert reply.cart.total == p.variant_price(v)
    assert [(c.action, c.variant_id, c.quantity) for c in reply.cart.changes] == [("add", v.id, 1)]
    assert p.title in reply.text


def test_an_option_left_open_is_asked_not_guessed(assistant: Any) -> None:
    reply = shown(assistant, "c-ask", "running shoes")
    index = multi_variant_index(assistant, reply)
    asked = assistant.chat("c-ask", f"add the {ORDINALS[index]} one")
    assert asked.text.startswith("Which "), asked.text
    assert asked.cart is None or not asked.cart.lines


def test_make_it_two_sets_the_quantity(assistant: Any) -> None:
    _, v, _ = add_to_cart(assistant, "c-qty")
    reply = assistant.chat("c-qty", "make it two")
    assert reply.cart is not None
    assert [(line.variant_id, line.quantity) for line in reply.cart.lines] == [(v.id, 2)]
    assert [(c.action, c.quantity) for c in reply.cart.changes] == [("update", 2)]


def test_quantity_over_the_cap_is_refused(assistant: Any) -> None:
    add_to_cart(assistant, "c-cap")
    reply = assistant.chat("c-cap", "make it 5")
    assert "at most 3" in reply.text
    assert reply.cart is not None and [line.quantity for line in reply.cart.lines] == [1]
    assert reply.cart.changes == []


def test_swap_for_another_colour_replaces_the_line(assistant: Any) -> None:
    p, v, _ = add_to_cart(assistant, "c-swap")
    same_size = [
        w
        for w in p.variants
        if w.in_stock
        and w.attributes.get("size") == v.attributes["size"]
        and w.attributes.get("color") != v.attributes["color"]
    ]
    if not same_size:
        pytest.skip("no other colour in that size")
    target = same_size[0]
    reply = assistant.chat("c-swap", f"swap it for the {target.attributes['color']} one")
    assert reply.cart is not None
    assert [(line.variant_id, line.quantity) for line in reply.cart.lines] == [(target.id, 1)]
    assert [c.action for c in reply.cart.changes] == ["remove", "add"]


def test_remove_the_jacket_removes_only_the_jacket(assistant: Any) -> None:
    p, _, _ = add_to_cart(assistant, "c-rm")
    jackets = shown(assistant, "c-rm", "jackets")
    index = multi_variant_index(assistant, jackets)
    jacket = product(assistant, jackets.items[index].product_id)
    added = assistant.chat("c-rm", say_add(index, pick_variant(jacket)))
    assert added.cart is not None and len(added.cart.lines) == 2
    reply = assistant.chat("c-rm", "remove the jacket")
    assert reply.cart is not None
    assert [line.product_id for line in reply.cart.lines] == [p.id]
    assert [(c.action, c.product_id) for c in reply.cart.changes] == [("remove", jacket.id)]


def test_remove_names_what_is_not_in_the_cart(assistant: Any) -> None:
    p, _, _ = add_to_cart(assistant, "c-rm2")
    reply = assistant.chat("c-rm2", "remove the jacket")
    assert "don't see" in reply.text
    assert reply.cart is not None and [line.product_id for line in reply.cart.lines] == [p.id]


def test_whats_in_my_cart_lists_lines_and_total(assistant: Any) -> None:
    p, _, _ = add_to_cart(assistant, "c-view")
    reply = assistant.chat("c-view", "what's in my cart?")
    assert reply.skill == "cart" and p.title in reply.text and "Total:" in reply.text
    assert reply.cart is not None and reply.cart.changes == []


def test_check_out_gives_the_templated_link_and_takes_no_payment(assistant: Any) -> None:
    _, v, _ = add_to_cart(assistant, "c-out")
    assistant.chat("c-out", "make it two")
    reply = assistant.chat("c-out", "check out")
    expected = f"https://shop.example/cart/{v.id}:2"
    assert reply.cart is not None and reply.cart.checkout_url == expected
    assert expected in reply.text and "never take payment" in reply.text


def test_check_out_with_an_empty_cart(assistant: Any) -> None:
    reply = assistant.chat("c-empty", "check out")
    assert reply.skill == "cart" and "empty" in reply.text
    assert reply.cart is None or (not reply.cart.lines and not reply.cart.checkout_url)


def test_unknown_size_is_named_not_substituted(assistant: Any) -> None:
    reply = shown(assistant, "c-size", "running shoes")
    index = multi_variant_index(assistant, reply)
    p = product(assistant, reply.items[index].product_id)
    sizes = {str(v.attributes.get("size")) for v in p.variants}
    missing = next(str(n) for n in range(1, 100) if str(n) not in sizes)
    answer = assistant.chat("c-size", f"add the {ORDINALS[index]} one in size {missing}")
    assert f"doesn't come in size {missing}" in answer.text
    assert answer.cart is None or not answer.cart.lines


def test_out_of_stock_variant_is_refused(assistant: Any) -> None:
    p = next(
        p
        for p in assistant.catalog.products
        if any(not v.in_stock for v in p.variants)
        and any(v.in_stock for v in p.variants)
        and all("size" in v.attributes and "color" in v.attributes for v in p.variants)
    )
    sold_out = pick_variant(p, in_stock=False)
    reply = shown(assistant, "c-oos", p.title)
    index = next((i for i, it in enumerate(reply.items) if it.product_id == p.id), None)
    if index is None or index >= len(ORDINALS):
        pytest.skip("the product's own title did not show it")
    answer = assistant.chat("c-oos", say_add(index, sold_out))
    assert "out of stock" in answer.text
    assert answer.cart is None or not answer.cart.lines
    # The button path refuses it too.
    pressed = assistant.add_to_cart("c-oos", p.id, sold_out.id, 1)
    assert "out of stock" in pressed.text and (pressed.cart is None or not pressed.cart.lines)


def test_checkout_drops_a_line_that_is_gone(assistant: Any) -> None:
    from assistant.dialogue.skills.cart_view import cart_store
    from assistant.storage.carts import StoredCart, StoredLine

    p, v, _ = add_to_cart(assistant, "c-gone")
    store = cart_store(assistant.db)
    cart = store.load("c-gone")
    store.save(
        "c-gone", StoredCart(lines=[*cart.lines, StoredLine(product_id=p.id, variant_id="no-such-variant")])
    )
    reply = assistant.chat("c-gone", "check out")
    assert "no longer available" in reply.text
    assert reply.cart is not None and [line.variant_id for line in reply.cart.lines] == [v.id]
    assert [c.action for c in reply.cart.changes] == ["remove"]


def test_items_carry_an_add_to_cart_action_that_never_guesses(assistant: Any) -> None:
    reply = shown(assistant, "c-actions", "running shoes")
    for item in reply.items:
        actions = [a for a in item.actions if a.kind == "add_to_cart"]
        assert len(actions) == (1 if item.in_stock else 0)
    # Nothing was said about size or colour, so no button names a variant of a varying product.
    index = multi_variant_index(assistant, reply)
    assert reply.items[index].actions[0].variant_id is None
    pressed = assistant.add_to_cart("c-actions", reply.items[index].product_id, None, 1)
    assert pressed.text.startswith("Which ")


def test_cart_verbs_leave_other_turns_alone() -> None:
    assert cart_verb("check out") == "checkout"
    assert cart_verb("what's in my cart?") == "view"
    assert cart_verb("make it two") == "quantity"
    assert cart_verb("swap it for the blue one") == "swap"
    assert cart_verb("remove the jacket") == "remove"
    assert cart_verb("add the second one in size 10") == "add"
    for other in (
        "check out these boots for me",
        "make it cheaper",
        "I want to exchange my order #12345",
        "running shoes in blue",
        "what is your return policy?",
        "is it covered if I drop it and it breaks?",
        "what happens when we accidentally remove the tag?",
    ):
        assert cart_verb(other) is None, other
    assert parse_quantity("make it two", 0) == 2 and parse_quantity("make it 20", 0) == 20


def test_shopify_catalog_gets_the_cart_permalink(tmp_path: Path) -> None:
    export = tmp_path / "products_export.csv"
    export.write_text("Handle,Title,Variant Price\nboot,Boot,10\n", encoding="utf-8")
    lines = [
        CartLine(product_id="boot", variant_id="39", title="Boot", price=10, quantity=2),
        CartLine(product_id="hat", variant_id="41", title="Hat", price=5, quantity=1),
    ]
    assert checkout_url(Settings(catalog_path=export), lines) == "/cart/39:2,41:1"
    templated = Settings(
        catalog_path=export, checkout_url_template="https://s.example/c?ids={ids}&q={quantities}"
    )
    assert checkout_url(templated, lines) == "https://s.example/c?ids=39,41&q=2,1"
    assert checkout_url(Settings(catalog_path=tmp_path / "catalog.jsonl"), lines) == ""


def test_api_button_and_v1_carry_the_cart(assistant: Any) -> None:
    from fastapi.testclient import TestClient

    from assistant.serve.app import create_app

    client = TestClient(create_app(assistant, assistant.settings, mount_ui=False))
    messages = [{"role": "user", "content": "running shoes"}]
    body: dict[str, Any] = {"messages": messages, "user": "v1-cart"}
    first = client.post("/v1/chat/completions", json=body).json()
    assert first["shop_items"] and all("actions" in item for item in first["shop_items"])
    item = first["shop_items"][0]
    v = pick_variant(product(assistant, item["product_id"]))
    pressed = client.post(
        "/api/cart",
        json={"session_id": "v1-cart", "product_id": item["product_id"], "variant_id": v.id, "quantity": 2},
    ).json()
    assert pressed["cart"]["changes"] == [
        {"action": "add", "product_id": item["product_id"], "variant_id": v.id, "quantity": 2}
    ]
    messages += [
        {"role": "assistant", "content": "..."},
        {"role": "user", "content": "what's in my cart?"},
    ]
    viewed = client.post("/v1/chat/completions", json=body).json()
    assert [(line["variant_id"], line["quantity"]) for line in viewed["shop_cart"]["lines"]] == [(v.id, 2)]
    assert viewed["shop_cart"]["checkout_url"] == f"https://shop.example/cart/{v.id}:2"


# --- answering the cart's question ("Which size…?") with just the option --------------------------


def asked_about(assistant: Any, session: str, add: str = "add the {ordinal} one") -> tuple[Product, Variant]:
    """Shows running shoes and adds one that varies in size and colour without naming either, so
    the assistant asks; returns the product and an in-stock variant to answer with."""
    reply = shown(assistant, session, "running shoes")
    index = multi_variant_index(assistant, reply)
    p = product(assistant, reply.items[index].product_id)
    question = assistant.chat(session, add.format(ordinal=ORDINALS[index]))
    assert question.text.startswith("Which size"), question.text
    assert assistant.dialogue.load_state(session).pending_cart is not None
    return p, pick_variant(p)


def cart_of(reply: Reply) -> list[tuple[str | None, int]]:
    return [(line.variant_id, line.quantity) for line in reply.cart.lines] if reply.cart else []


def colours_in_size(p: Product, size: object) -> set[str]:
    return {str(v.attributes["color"]) for v in p.variants if v.attributes.get("size") == size}


def test_a_bare_size_answers_and_the_remaining_option_is_asked(assistant: Any) -> None:
    p, v = asked_about(assistant, "c-ans-size")
    size, colour = v.attributes["size"], v.attributes["color"]
    answer = assistant.chat("c-ans-size", str(size))
    assert answer.skill == "cart" and cart_of(answer) == []
    if len(colours_in_size(p, size)) > 1:
        assert answer.text.startswith("Which color"), answer.text
        answer = assistant.chat("c-ans-size", f"the {colour} one")
    assert answer.skill == "cart"
    assert cart_of(answer) == [(v.id, 1)], answer.text
    assert assistant.dialogue.load_state("c-ans-size").pending_cart is None  # completed: cleared


def test_a_bare_colour_answers_and_keeps_asking_for_the_size(assistant: Any) -> None:
    _, v = asked_about(assistant, "c-ans-colour")
    answer = assistant.chat("c-ans-colour", str(v.attributes["color"]))
    assert answer.skill == "cart" and cart_of(answer) == []
    assert answer.text.startswith("Which size"), answer.text
    done = assistant.chat("c-ans-colour", f"size {v.attributes['size']}")
    assert done.skill == "cart" and cart_of(done) == [(v.id, 1)], done.text


def test_size_and_colour_together_complete_the_add_with_its_quantity(assistant: Any) -> None:
    _, v = asked_about(assistant, "c-ans-both", add="add two of the {ordinal} one")
    answer = assistant.chat("c-ans-both", f"{v.attributes['size']} in {v.attributes['color']}")
    assert answer.skill == "cart"
    assert cart_of(answer) == [(v.id, 2)], answer.text  # the quantity asked with the add
    assert [(c.action, c.variant_id) for c in answer.cart.changes] == [("add", v.id)]  # type: ignore[union-attr]


def test_an_option_not_offered_is_named_and_the_question_kept(assistant: Any) -> None:
    p, v = asked_about(assistant, "c-ans-missing")
    sizes = {str(w.attributes.get("size")) for w in p.variants}
    missing = next(str(n) for n in range(30, 100) if str(n) not in sizes)
    refused = assistant.chat("c-ans-missing", f"size {missing}")
    assert refused.skill == "cart" and cart_of(refused) == []
    assert f"doesn't come in size {missing}" in refused.text, refused.text
    assert assistant.dialogue.load_state("c-ans-missing").pending_cart is not None  # still asked
    done = assistant.chat("c-ans-missing", f"{v.attributes['size']} in {v.attributes['color']}")
    assert cart_of(done) == [(v.id, 1)], done.text


def test_a_new_search_instead_drops_the_question(assistant: Any) -> None:
    _, v = asked_about(assistant, "c-ans-moved")
    moved = assistant.chat("c-ans-moved", "tents")
    assert moved.skill == "search" and moved.items
    assert moved.cart is None or not moved.cart.lines
    assert assistant.dialogue.load_state("c-ans-moved").pending_cart is None
    later = assistant.chat("c-ans-moved", str(v.attributes["size"]))  # no longer an answer to anything
    assert later.skill != "cart" and (later.cart is None or not later.cart.lines)


def test_the_button_question_is_answered_the_same_way(assistant: Any) -> None:
    reply = shown(assistant, "c-ans-button", "running shoes")
    index = multi_variant_index(assistant, reply)
    p = product(assistant, reply.items[index].product_id)
    v = pick_variant(p)
    pressed = assistant.add_to_cart("c-ans-button", p.id, None, 1)
    assert pressed.text.startswith("Which size"), pressed.text
    done = assistant.chat("c-ans-button", f"{v.attributes['size']} in {v.attributes['color']}")
    assert cart_of(done) == [(v.id, 1)], done.text
