"""Orders for verified customers only: status, tracking, items; cancel/return/exchange explained,
then acted on only after an explicit yes.

Privacy: until an order id and the email or ZIP on that order agree, nothing is revealed, not even
whether the order exists; a wrong pair and an unknown order get the same words.

Lockout: a five-digit ZIP can be guessed by a script that opens a new session per guess, so failed
verifications are counted per order id in the shared database (all sessions, all processes). After
`order_verify_max_failures` of them within `order_verify_window_s`, every further attempt for that
order id is refused, right or wrong, until the window has passed. Unknown order ids are counted and
paused the same way, so the pause says nothing about whether an order exists.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Literal

from assistant.compose.composer import Facts
from assistant.contracts import Citation
from assistant.dialogue.skills.base import SkillResult, TurnContext
from assistant.dialogue.skills.faq import best_sentences, search_help
from assistant.dialogue.state import PendingAction
from assistant.records import Order
from assistant.retrieve.explain import money

log = logging.getLogger(__name__)
# The lockout's clock; tests replace it to step past the window without sleeping.
clock: Callable[[], float] = time.time

Action = Literal["cancel", "return", "exchange"]
MAX_VERIFY_ATTEMPTS = 3  # failures in one session before the reply offers a person
ELIGIBLE: dict[Action, tuple[str, ...]] = {
    "cancel": ("pending", "processed"),
    "return": ("delivered",),
    "exchange": ("delivered",),
}
WHY_NOT: dict[str, str] = {
    "shipped": "it has already shipped",
    "delivered": "it has already been delivered",
    "cancelled": "it was cancelled",
    "returned": "it was already returned",
    "pending": "it hasn't shipped yet",
    "processed": "it hasn't shipped yet",
}
POLICY_QUERY: dict[Action, str] = {
    "cancel": "cancel an order before it ships",
    "return": "return an item refund within days",
    "exchange": "exchange an item for another size or colour",
}


def _ask_for_verification(order_id: str | None) -> str:
    if order_id:
        return f"To protect your privacy, please tell me the email address or ZIP code on order {order_id}."
    return "Please tell me your order number (it looks like A10023) and the email address or ZIP code on the order."


def _verify(ctx: TurnContext, order_id: str) -> Order | None:
    u, db = ctx.understanding, ctx.services.db
    order = db.order(order_id)
    customer = db.customer(order.customer_id) if order else None
    if order is None or customer is None:
        return None
    email_ok = bool(u.email) and u.email.strip().lower() == customer.email.lower()  # type: ignore[union-attr]
    zip_ok = bool(u.zip_code) and u.zip_code.strip() == customer.zip  # type: ignore[union-attr]
    return order if (email_ok or zip_ok) else None


def _verification_paused(ctx: TurnContext, order_id: str) -> bool:
    settings = ctx.services.settings
    if settings.order_verify_max_failures <= 0:
        return False
    since = clock() - settings.order_verify_window_s
    return ctx.services.db.verify_failures(order_id, since) >= settings.order_verify_max_failures


def _count_failure(ctx: TurnContext, order_id: str) -> bool:
    """Records a failed verification for everyone to see; True when it pauses the order."""
    settings = ctx.services.settings
    if settings.order_verify_max_failures <= 0:
        return False
    now = clock()
    failures = ctx.services.db.record_verify_failure(
        order_id, ctx.state.session_id, now, now - settings.order_verify_window_s
    )
    if failures < settings.order_verify_max_failures:
        return False
    if failures == settings.order_verify_max_failures:
        # Logged once per pause: the security event a shop wants to see (who, which order, how many).
        log.warning(
            "order verification paused for %s: %d failed attempts within %.0fs across sessions (last: %s)",
            order_id,
            failures,
            settings.order_verify_window_s,
            ctx.state.session_id,
        )
    return True


def _paused_reply(intent: str, order_id: str) -> SkillResult:
    # The same words whatever the details were, so a refused guess reveals nothing; no order facts.
    body = (
        f"For your security, I've paused verification for order {order_id}: there were too many attempts "
        "with details that didn't match. I can't check the details for this order right now, even correct "
        "ones. You can try again later, or a person from our team can help you with it now: just say "
        '"talk to a person".'
    )
    return SkillResult(intent, "orders", body, helped=False)


def describe_order(order: Order) -> str:
    placed = order.placed_at[:10]
    lines = [f"Order {order.order_id} (placed {placed}) is {order.status}."]
    if order.tracking is not None:
        eta = f", expected {order.tracking.eta}" if order.tracking.eta and order.status == "shipped" else ""
        lines.append(f"Tracking: {order.tracking.carrier} {order.tracking.number}{eta}.")
    for item in order.items:
        lines.append(f"- {item.title} × {item.quantity}: {money(item.price * item.quantity, order.currency)}")
    lines.append(f"Total: {money(order.total, order.currency)}.")
    return "\n".join(lines)


def _policy(ctx: TurnContext, action: Action) -> tuple[str, list[Citation]]:
    hits = [h for h in search_help(ctx, POLICY_QUERY[action]) if h.kind == "policy"]
    if not hits:
        return "", []
    best = hits[0]
    text = best_sentences(ctx, POLICY_QUERY[action], best.text)
    return text, [Citation(source=best.source, snippet=text[:300])]


def _propose(ctx: TurnContext, order: Order, action: Action) -> SkillResult:
    state = ctx.state
    policy, citations = _policy(ctx, action)
    if order.status not in ELIGIBLE[action]:
        reason = WHY_NOT.get(order.status, f"its status is {order.status}")
        body = f"Order {order.order_id} can't be {'cancelled' if action == 'cancel' else action + 'ed'} because {reason}."
        if action == "cancel" and order.status in ("shipped", "delivered"):
            body += " Once it arrives you can return it instead."
        if policy:
            body += f"\n\nOur policy: {policy}"
        return SkillResult("order_change", "orders", body, citations=citations, facts=Facts((body,)))
    what = {
        "cancel": f"I'll send a cancellation request for order {order.order_id}; nothing has shipped, so it stops here.",
        "return": f"I'll open a return for order {order.order_id}; you'll get return instructions from our team.",
        "exchange": f"I'll open an exchange request for order {order.order_id}; our team will confirm the new size or colour with you.",
    }[action]
    state.pending = PendingAction(action=action, order_id=order.order_id, summary=what)
    body = (
        f"Our policy: {policy}\n\n" if policy else ""
    ) + f"Here's what would happen: {what}\nShall I go ahead? (yes / no)"
    return SkillResult("order_change", "orders", body, citations=citations, facts=Facts((body,)))


def handle_confirmation(ctx: TurnContext) -> SkillResult:
    state, u = ctx.state, ctx.understanding
    pending = state.pending
    assert pending is not None
    state.pending = None
    if u.confirmation:
        customer_id = state.verified_customer_id or ""
        ctx.services.db.record_order_request(pending.order_id, customer_id, pending.action, pending.summary)
        body = (
            f"Done: your {pending.action} request for order {pending.order_id} is recorded, and our team will "
            "take it from here. Ask me about the order any time."
        )
    else:
        body = f"Okay, I won't change anything on order {pending.order_id}."
    return SkillResult("order_change", "orders", body, facts=Facts((body,)))


def handle_order(ctx: TurnContext) -> SkillResult:
    state, u = ctx.state, ctx.understanding
    if (
        state.awaiting_verification_for
        and u.order_id
        and re.fullmatch(r"\d{5}", u.order_id)
        and not u.zip_code
    ):
        # We asked for the ZIP of a known order id: a bare five-digit answer is that ZIP.
        u = replace(u, zip_code=u.order_id, order_id=None)
        ctx = replace(ctx, understanding=u)
    if not (u.order_id or state.awaiting_verification_for or state.verified_customer_id):
        # "can I return opened skincare?" is a policy question first; the order comes after.
        from assistant.dialogue.skills.faq import answer_faq

        answer = answer_faq(ctx)
        if answer.helped:
            state.awaiting_action = u.order_action
            answer.body += (
                "\n\nTo act on a specific order, tell me its number and the email address or ZIP code on it."
            )
            return answer
    # A new order id without an action word is a status question, whatever was pending before.
    carried_action = (
        state.awaiting_action if not (u.order_id and u.order_id != state.awaiting_verification_for) else None
    )
    action: Action | None = u.order_action or carried_action
    intent = "order_change" if action else "order_status"
    order_id = (u.order_id or state.awaiting_verification_for or "").upper() or None
    if order_id is None and state.focus_order_id and state.focus_order_id in state.verified_order_ids:
        order_id = state.focus_order_id  # "cancel it" after looking at an order

    if order_id and order_id in state.verified_order_ids:
        order = ctx.services.db.order(order_id)
    elif order_id and (u.email or u.zip_code):
        if _verification_paused(ctx, order_id):
            log.info("refused verification for paused order %s (session %s)", order_id, state.session_id)
            state.awaiting_verification_for = order_id
            return _paused_reply(intent, order_id)
        order = _verify(ctx, order_id)
        if order is None:
            state.failures += 1
            state.awaiting_verification_for = order_id
            if _count_failure(ctx, order_id):
                return _paused_reply(intent, order_id)
            body = (
                "I couldn't verify that order with those details. Please check the order number and the "
                "email address or ZIP code on the order."
            )
            if state.failures >= MAX_VERIFY_ATTEMPTS:
                body += " If it still doesn't work, I can pass you to a person from our team."
            return SkillResult(intent, "orders", body, helped=False, confidence=0.5)
        state.verified_customer_id = order.customer_id
        state.verified_order_ids = [*state.verified_order_ids, order.order_id]
    elif state.verified_customer_id and not order_id:
        orders = sorted(ctx.services.db.orders_of(state.verified_customer_id), key=lambda o: o.placed_at)[-5:]
        lines = [f"- {o.order_id} ({o.placed_at[:10]}): {o.status}" for o in orders]
        body = "Your recent orders:\n" + "\n".join(lines) + "\nWhich one would you like to look at?"
        return SkillResult(intent, "orders", body, facts=Facts((body,)))
    else:
        state.awaiting_verification_for = order_id
        state.awaiting_action = action
        return SkillResult(intent, "orders", _ask_for_verification(order_id), confidence=0.8)

    state.awaiting_verification_for = None
    state.awaiting_action = None
    if order is not None:
        state.focus_order_id = order.order_id
    if order is None or order.customer_id != state.verified_customer_id:
        # A verified shopper asking about someone else's order learns nothing either.
        body = "I can only show orders that belong to the verified customer in this conversation."
        return SkillResult(intent, "orders", body, helped=False)
    if action is not None:
        return _propose(ctx, order, action)
    body = describe_order(order)
    return SkillResult(
        "order_status", "orders", body, lead="Here's your order:", purpose="order", facts=Facts((body,))
    )
