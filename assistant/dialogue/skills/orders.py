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
from assistant.compose.replies import Say
from assistant.contracts import Citation
from assistant.dialogue.skills.base import SkillResult, TurnContext, voice
from assistant.dialogue.skills.faq import best_sentences, search_help
from assistant.dialogue.state import PendingAction
from assistant.records import Order, order_key
from assistant.retrieve.explain import money
from assistant.understand.order_ids import OrderIdFormat, same_order

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
# Why an order in this status can't take an action: keys of the shop's replies (compose/replies.yaml).
WHY_NOT: dict[str, str] = {
    "shipped": "orders.because_shipped",
    "delivered": "orders.because_delivered",
    "cancelled": "orders.because_cancelled",
    "returned": "orders.because_returned",
    "pending": "orders.because_not_shipped",
    "processed": "orders.because_not_shipped",
}
CANNOT: dict[Action, str] = {
    "cancel": "orders.cannot_cancel",
    "return": "orders.cannot_return",
    "exchange": "orders.cannot_exchange",
}
WILL: dict[Action, str] = {
    "cancel": "orders.will_cancel",
    "return": "orders.will_return",
    "exchange": "orders.will_exchange",
}
POLICY_QUERY: dict[Action, str] = {
    "cancel": "cancel an order before it ships",
    "return": "return an item refund within days",
    "exchange": "exchange an item for another size or colour",
}


def _ask_for_verification(
    say: Say, order_id: str | None, order_id_example: str | None = None, has_proof: bool = False
) -> str:
    """Asks for what verification needs. The example order number, when given, is one of the
    shop's own (never a made-up id); without one the hint is left out. `has_proof`: the email or
    ZIP is in hand, only the order number is missing."""
    if order_id:
        return say("orders.ask_details", order_id=order_id)
    if has_proof:
        if order_id_example:
            return say("orders.ask_number_example", order_id_example=order_id_example)
        return say("orders.ask_number")
    if order_id_example:
        return say("orders.ask_order_example", order_id_example=order_id_example)
    return say("orders.ask_order")


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
    return ctx.services.db.verify_failures(order_key(order_id), since) >= settings.order_verify_max_failures


def _count_failure(ctx: TurnContext, order_id: str) -> bool:
    """Records a failed verification for everyone to see; True when it pauses the order."""
    settings = ctx.services.settings
    if settings.order_verify_max_failures <= 0:
        return False
    now = clock()
    # Counted by lookup key: retyping the id ("#W-1", "w1") must not reset the count.
    failures = ctx.services.db.record_verify_failure(
        order_key(order_id), ctx.state.session_id, now, now - settings.order_verify_window_s
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


def _paused_reply(say: Say, intent: str, order_id: str) -> SkillResult:
    # The same words whatever the details were, so a refused guess reveals nothing; no order facts.
    body = say("orders.paused", order_id=order_id)
    return SkillResult(intent, "orders", body, helped=False, offered_person=True)


def describe_order(order: Order, say: Say) -> str:
    placed = order.placed_at[:10]
    lines = [
        say("orders.status", order_id=order.order_id, placed=placed, status=order.status)
        if placed
        else say("orders.status_undated", order_id=order.order_id, status=order.status)
    ]
    if order.tracking is not None:
        carrier, number = order.tracking.carrier, order.tracking.number
        if order.tracking.eta and order.status == "shipped":
            lines.append(say("orders.tracking_eta", carrier=carrier, number=number, eta=order.tracking.eta))
        else:
            lines.append(say("orders.tracking", carrier=carrier, number=number))
    for item in order.items:
        lines.append(f"- {item.title} × {item.quantity}: {money(item.price * item.quantity, order.currency)}")
    lines.append(say("orders.total", total=money(order.total, order.currency)))
    return "\n".join(lines)


def _policy(ctx: TurnContext, action: Action) -> tuple[str, list[Citation]]:
    hits = [h for h in search_help(ctx, POLICY_QUERY[action]) if h.kind == "policy"]
    if not hits:
        return "", []
    best = hits[0]
    text = best_sentences(ctx, POLICY_QUERY[action], best.text)
    return text, [Citation(source=best.source, snippet=text[:300])]


def _propose(ctx: TurnContext, order: Order, action: Action) -> SkillResult:
    state, say = ctx.state, voice(ctx)
    policy, citations = _policy(ctx, action)
    if order.status not in ELIGIBLE[action]:
        why = WHY_NOT.get(order.status)
        reason = say(why) if why else say("orders.because_other", status=order.status)
        body = say(CANNOT[action], order_id=order.order_id, reason=reason)
        if action == "cancel" and order.status in ("shipped", "delivered"):
            body += " " + say("orders.return_instead")
        if policy:
            body += "\n\n" + say("orders.policy", policy=policy)
        return SkillResult("order_change", "orders", body, citations=citations, facts=Facts((body,)))
    what = say(WILL[action], order_id=order.order_id)
    state.pending = PendingAction(action=action, order_id=order.order_id, summary=what)
    body = (say("orders.policy", policy=policy) + "\n\n" if policy else "") + say("orders.confirm", what=what)
    return SkillResult("order_change", "orders", body, citations=citations, facts=Facts((body,)))


def handle_confirmation(ctx: TurnContext) -> SkillResult:
    state, u = ctx.state, ctx.understanding
    pending = state.pending
    assert pending is not None
    state.pending = None
    say = voice(ctx)
    if u.confirmation:
        customer_id = state.verified_customer_id or ""
        ctx.services.db.record_order_request(pending.order_id, customer_id, pending.action, pending.summary)
        body = say("orders.done", action=pending.action, order_id=pending.order_id)
    else:
        body = say("orders.not_changed", order_id=pending.order_id)
    return SkillResult("order_change", "orders", body, facts=Facts((body,)))


def _recent_orders(ctx: TurnContext, intent: str, customer_id: str) -> SkillResult:
    """A verified shopper's last five orders, newest last."""
    orders = sorted(ctx.services.db.orders_of(customer_id), key=lambda o: o.placed_at)[-5:]
    lines = [f"- {o.order_id}{f' ({o.placed_at[:10]})' if o.placed_at else ''}: {o.status}" for o in orders]
    body = voice(ctx)("orders.recent", orders="\n".join(lines))
    return SkillResult(intent, "orders", body, facts=Facts((body,)))


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
    if u.order_id and not (u.email or u.zip_code) and (state.held_email or state.held_zip):
        # "my email is ..." came before the order number: it proves this one attempt, then goes.
        u = replace(u, email=state.held_email, zip_code=state.held_zip)
        ctx = replace(ctx, understanding=u)
    if u.order_id:
        state.held_email = state.held_zip = None
    if not (
        u.order_id or u.email or u.zip_code or state.awaiting_verification_for or state.verified_customer_id
    ):
        # "can I return opened skincare?" is a policy question first; the order comes after.
        from assistant.dialogue.skills.faq import answer_faq

        answer = answer_faq(ctx)
        if answer.helped:
            state.awaiting_action = u.order_action
            answer.body += "\n\n" + voice(ctx)("orders.act_on_order")
            return answer
    # A new order id without an action word is a status question, whatever was pending before.
    carried_action = (
        state.awaiting_action
        if not (u.order_id and not same_order(u.order_id, state.awaiting_verification_for))
        else None
    )
    action: Action | None = u.order_action or carried_action
    intent = "order_change" if action else "order_status"
    # Kept as the shopper typed it (for the reply); compared and counted by its lookup key.
    order_id = (u.order_id or state.awaiting_verification_for or "").strip() or None
    if order_id is None and state.focus_order_id and state.focus_order_id in state.verified_order_ids:
        order_id = state.focus_order_id  # "cancel it" after looking at an order

    if order_id and any(same_order(order_id, known) for known in state.verified_order_ids):
        order = ctx.services.db.order(order_id)
    elif order_id and (u.email or u.zip_code):
        if _verification_paused(ctx, order_id):
            log.info("refused verification for paused order %s (session %s)", order_id, state.session_id)
            state.awaiting_verification_for = order_id
            return _paused_reply(voice(ctx), intent, order_id)
        order = _verify(ctx, order_id)
        if order is None:
            state.failures += 1
            state.awaiting_verification_for = order_id
            if _count_failure(ctx, order_id):
                return _paused_reply(voice(ctx), intent, order_id)
            body = voice(ctx)("orders.not_verified")
            offers = state.failures >= MAX_VERIFY_ATTEMPTS
            if offers:
                body += " " + voice(ctx)("orders.offer_person")
            return SkillResult(intent, "orders", body, helped=False, offered_person=offers, confidence=0.5)
        state.verified_customer_id = order.customer_id
        state.verified_order_ids = [*state.verified_order_ids, order.order_id]
    elif state.verified_customer_id and not order_id:
        return _recent_orders(ctx, intent, state.verified_customer_id)
    else:
        state.awaiting_verification_for = order_id
        state.awaiting_action = action
        example = None if order_id else OrderIdFormat.from_ids(ctx.services.db.order_ids()).example or None
        proof = not order_id and bool(u.email or u.zip_code)
        if proof:  # an email or ZIP without an order number of ours: kept for the number asked for
            state.held_email, state.held_zip = u.email, u.zip_code
        ask = _ask_for_verification(voice(ctx), order_id, example, has_proof=proof)
        return SkillResult(intent, "orders", ask, confidence=0.8)

    state.awaiting_verification_for = None
    state.awaiting_action = None
    if order is not None:
        state.focus_order_id = order.order_id
    if order is None or order.customer_id != state.verified_customer_id:
        # A verified shopper asking about someone else's order learns nothing either.
        return SkillResult(intent, "orders", voice(ctx)("orders.not_yours"), helped=False)
    if action is not None:
        return _propose(ctx, order, action)
    say = voice(ctx)
    body = describe_order(order, say)
    return SkillResult(
        "order_status", "orders", body, lead=say("orders.lead"), purpose="order", facts=Facts((body,))
    )
