"""Handoff to a person, smalltalk, out-of-scope turns and the shopper's view of their profile."""

from __future__ import annotations

from assistant.compose.composer import pick
from assistant.dialogue.skills.base import SkillResult, TurnContext
from assistant.dialogue.state import describe_constraints


def handoff(ctx: TurnContext, reason: str = "requested") -> SkillResult:
    state = ctx.state
    if state.handed_off:
        body = (
            "You're already in the queue for a person from our team, and they have a summary of our chat. "
            "Meanwhile I'm happy to keep helping with products, orders or our policies."
        )
        return SkillResult("handoff", "handoff", body, handoff=True)
    ctx.services.db.record_handoff(state.session_id, state.summary(), reason)
    state.handed_off = True
    state.failures = 0
    lead = {
        "requested": "Of course.",
        "frustration": "I'm sorry this has been frustrating.",
        "repeated_failure": "I'm sorry I couldn't help with that.",
        "out_of_scope": "That's outside what I can do.",
    }.get(reason, "Of course.")
    body = (
        f"{lead} I've passed our conversation to a person from our team, with a summary so you won't "
        "have to repeat yourself. They'll reply in this chat."
    )
    return SkillResult("handoff", "handoff", body, handoff=True)


GREETINGS = (
    "Hi! I can help you find products, check an order, or answer questions about shipping and returns. What are you looking for?",
    "Hello! Looking for something in particular? Tell me what you need, a budget, size or colour, and I'll find it.",
    "Hey there! Ask me for products, your order status, or our policies.",
)
THANKS = (
    "You're welcome! Anything else I can find for you?",
    "Happy to help. Anything else?",
    "Glad I could help!",
)


def smalltalk(ctx: TurnContext) -> SkillResult:
    text = ctx.message.lower()
    if ctx.understanding.reset:
        body = "Sure, let's start fresh. What are you looking for?"
    elif any(w in text for w in ("thank", "thx", "cheers", "great", "perfect")):
        body = pick(THANKS, text)
    elif any(w in text for w in ("bye", "goodbye", "see you")):
        body = "Bye, and thanks for stopping by!"
    else:
        body = pick(GREETINGS, text)
    return SkillResult("smalltalk", "smalltalk", body)


def out_of_scope(ctx: TurnContext) -> SkillResult:
    body = (
        "I can't help with that here. I can find products from our shop, check an order, or answer "
        "questions about shipping, returns, payment and more. What can I do for you?"
    )
    return SkillResult("out_of_scope", "out_of_scope", body, helped=False, confidence=0.5)


def profile(ctx: TurnContext) -> SkillResult:
    state = ctx.state
    text = ctx.message.lower()
    from assistant.dialogue.state import shopper_id

    user = shopper_id(state, ctx.services.settings.trust_user_id)
    forget = any(w in text for w in ("forget", "clear", "delete", "remove", "erase"))
    if forget:
        from assistant.contracts import Constraints

        state.set_constraints(Constraints())
        state.search_text = ""
    if user:
        # A known shopper: their stored profile (orders, sizes, brands, budgets, views), from data.
        from assistant.personal.answers import profile_answer

        answer = profile_answer(ctx.services.db, ctx.services.catalog, user, ctx.message)
        return SkillResult("profile", "profile", answer.body)
    if forget:
        body = "Done: I've cleared what I knew about your preferences in this conversation."
        return SkillResult("profile", "profile", body)
    c = state.get_constraints()
    parts = [
        f"You're looking for {describe_constraints(c)}."
        if not c.is_empty()
        else "You haven't told me preferences yet."
    ]
    if state.verified_customer_id:
        parts.append(f"You verified order(s) {', '.join(state.verified_order_ids)} in this chat.")
    parts.append('Say "forget my preferences" and I\'ll clear them.')
    return SkillResult("profile", "profile", " ".join(parts))
