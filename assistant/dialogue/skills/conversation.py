"""Handoff to a person, smalltalk, out-of-scope turns and the shopper's view of their profile."""

from __future__ import annotations

from assistant.dialogue.skills.base import SkillResult, TurnContext, voice
from assistant.dialogue.state import describe_constraints


def handoff(ctx: TurnContext, reason: str = "requested") -> SkillResult:
    state, say = ctx.state, voice(ctx)
    if state.handed_off:
        return SkillResult("handoff", "handoff", say("handoff.already_queued"), handoff=True)
    ctx.services.db.record_handoff(state.session_id, state.summary(), reason)
    state.handed_off = True
    state.failures = 0
    lead = say(HANDOFF_LEADS.get(reason, "handoff.lead_requested"))
    body = f"{lead} {say('handoff.passed_on')}"
    return SkillResult("handoff", "handoff", body, handoff=True)


HANDOFF_LEADS = {
    "requested": "handoff.lead_requested",
    "frustration": "handoff.lead_frustration",
    "repeated_failure": "handoff.lead_repeated_failure",
    "out_of_scope": "handoff.lead_out_of_scope",
}


def smalltalk(ctx: TurnContext) -> SkillResult:
    text, say = ctx.message.lower(), voice(ctx)
    if ctx.understanding.reset:
        body = say("smalltalk.start_fresh")
    elif any(w in text for w in ("thank", "thx", "cheers", "great", "perfect")):
        body = say("smalltalk.thanks")
    elif any(w in text for w in ("bye", "goodbye", "see you")):
        body = say("smalltalk.goodbye")
    else:
        body = say("smalltalk.greeting")
    return SkillResult("smalltalk", "smalltalk", body)


def out_of_scope(ctx: TurnContext) -> SkillResult:
    body = voice(ctx)("out_of_scope.cannot_help")
    return SkillResult("out_of_scope", "out_of_scope", body, helped=False, confidence=0.5)


def profile(ctx: TurnContext) -> SkillResult:
    state, say = ctx.state, voice(ctx)
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

        answer = profile_answer(ctx.services.db, ctx.services.catalog, user, ctx.message, say)
        return SkillResult("profile", "profile", answer.body)
    if forget:
        return SkillResult("profile", "profile", say("profile.cleared_session"))
    c = state.get_constraints()
    parts = [
        say("profile.looking_for", constraints=describe_constraints(c))
        if not c.is_empty()
        else say("profile.no_preferences")
    ]
    if state.verified_customer_id:
        parts.append(say("profile.verified_orders", order_ids=", ".join(state.verified_order_ids)))
    parts.append(say("profile.how_to_forget"))
    return SkillResult("profile", "profile", " ".join(parts))
