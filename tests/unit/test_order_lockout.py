"""The per-order verification lockout: ZIP guessing from many sessions pauses the order for everyone.

Real assistant on a private copy of the demo store (scripted generator); the lockout's clock is
replaced so a test can step past the window without sleeping.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest

from assistant.dialogue.skills import orders as order_skill
from assistant.records import Customer, Order

PAUSED = "paused verification"


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(order_skill, "clock", fake)
    return fake


def two_orders(assistant: Any) -> tuple[tuple[Order, Customer], tuple[Order, Customer]]:
    """Two orders of different customers, each with its customer record."""
    orders = assistant.db.all_orders()
    first = orders[0]
    second = next(o for o in orders if o.customer_id != first.customer_id)
    return (first, assistant.db.customer(first.customer_id)), (
        second,
        assistant.db.customer(second.customer_id),
    )


def wrong_zips(customer: Customer, n: int) -> list[str]:
    guesses = [f"{(int(customer.zip) + k) % 100_000:05d}" for k in range(1, n + 1)]
    assert customer.zip not in guesses
    return guesses


def shows(text: str, order: Order) -> bool:
    return f"Order {order.order_id} (placed" in text or any(item.title in text for item in order.items)


def test_guesses_from_many_sessions_pause_the_order(
    make_assistant: Any, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    bot = make_assistant()
    (order, customer), (other, other_customer) = two_orders(bot)
    replies = []
    with caplog.at_level(logging.INFO, logger="assistant.dialogue.skills.orders"):
        for i, guess in enumerate(wrong_zips(customer, 5)):
            clock.now += 10
            replies.append(bot.chat(f"guess-{i}", f"order {order.order_id} zip {guess}").text)
        assert all(not shows(t, order) for t in replies)
        assert all(PAUSED not in t for t in replies[:4]), replies[:4]
        assert PAUSED in replies[4], "the guess that reaches the limit already says the order is paused"

        # The sixth try, from yet another session and with the right ZIP, is refused in the same words
        # a wrong ZIP gets: nothing tells the guesser that this one was right.
        right = bot.chat("guess-right", f"order {order.order_id} zip {customer.zip}").text
        wrong = bot.chat("guess-wrong", f"order {order.order_id} zip {wrong_zips(customer, 6)[-1]}").text
    assert PAUSED in right and "person" in right, right
    assert not shows(right, order)
    assert right == wrong
    assert not bot.dialogue.load_state("guess-right").verified_order_ids
    warnings = [
        r for r in caplog.records if r.levelno == logging.WARNING and order.order_id in r.getMessage()
    ]
    assert len(warnings) == 1, [r.getMessage() for r in caplog.records]  # one event per pause

    # Another customer's order is not affected.
    ok = bot.chat("other-order", f"order {other.order_id} zip {other_customer.zip}").text
    assert shows(ok, other), ok

    # After the window the right ZIP works again.
    clock.now += bot.settings.order_verify_window_s + 1
    back = bot.chat("after-window", f"order {order.order_id} zip {customer.zip}").text
    assert shows(back, order), back


def test_fewer_failures_than_the_limit_do_not_pause(make_assistant: Any, clock: Clock) -> None:
    bot = make_assistant()
    (order, customer), _ = two_orders(bot)
    for i, guess in enumerate(wrong_zips(customer, 4)):
        bot.chat(f"typo-{i}", f"order {order.order_id} zip {guess}")
    text = bot.chat("typo-ok", f"order {order.order_id} zip {customer.zip}").text
    assert shows(text, order), text


def test_failures_outside_the_window_do_not_count(make_assistant: Any, clock: Clock) -> None:
    bot = make_assistant(order_verify_window_s=60)
    (order, customer), _ = two_orders(bot)
    for i, guess in enumerate(wrong_zips(customer, 8)):
        clock.now += 20  # at most three failures are ever inside one 60-second window
        assert PAUSED not in bot.chat(f"slow-{i}", f"order {order.order_id} zip {guess}").text
    assert shows(bot.chat("slow-ok", f"order {order.order_id} zip {customer.zip}").text, order)


def test_wrong_emails_count_and_the_same_session_is_paused_too(make_assistant: Any, clock: Clock) -> None:
    bot = make_assistant(order_verify_max_failures=3)
    (order, customer), _ = two_orders(bot)
    for k in range(3):
        bot.chat("one-session", f"order {order.order_id} email nobody{k}@example.com")
    text = bot.chat("one-session", f"order {order.order_id} email {customer.email}").text
    assert PAUSED in text and not shows(text, order), text


def test_unknown_order_ids_are_paused_in_the_same_words(make_assistant: Any, clock: Clock) -> None:
    """Otherwise the pause itself would tell an enumerator which order ids exist."""
    bot = make_assistant(order_verify_max_failures=2)
    (order, customer), _ = two_orders(bot)
    made_up = "A99997"
    assert bot.db.order(made_up) is None
    answers = []
    for order_id in (order.order_id, made_up):
        for k in range(2):
            bot.chat(f"enum-{order_id}-{k}", f"order {order_id} zip {wrong_zips(customer, 2)[k]}")
        text = bot.chat(f"enum-{order_id}-last", f"order {order_id} zip {customer.zip}").text
        answers.append(text.replace(order_id, "<id>"))
    assert PAUSED in answers[0] and answers[0] == answers[1], answers


def test_zero_disables_the_lockout(make_assistant: Any, clock: Clock) -> None:
    bot = make_assistant(order_verify_max_failures=0)
    (order, customer), _ = two_orders(bot)
    for i, guess in enumerate(wrong_zips(customer, 7)):
        assert PAUSED not in bot.chat(f"off-{i}", f"order {order.order_id} zip {guess}").text
    assert shows(bot.chat("off-ok", f"order {order.order_id} zip {customer.zip}").text, order)
    with bot.db.connect() as conn:
        assert conn.execute("SELECT COUNT(*) FROM verify_failures").fetchone()[0] == 0
