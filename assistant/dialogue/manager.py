"""The dialogue manager: understands a turn against the session's state, routes it to a skill,
composes the checked answer, and persists the state so a restart keeps the conversation."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Literal

from assistant.compose.composer import Composition, WholeCheck
from assistant.compose.fact_sheet import FactSheet
from assistant.contracts import Reply, Understanding
from assistant.dialogue.router import route
from assistant.dialogue.skills import SKILLS
from assistant.dialogue.skills.base import Services, SkillResult, TurnContext, item_facts, voice
from assistant.dialogue.skills.cart_view import cart_store, remembered_options, reply_cart, with_cart_actions
from assistant.dialogue.skills.conversation import handoff
from assistant.dialogue.skills.faq import search_help
from assistant.dialogue.state import DialogueState
from assistant.understand.understander import QueryUnderstander

log = logging.getLogger(__name__)
OFFER_PERSON_AFTER = 2  # consecutive unhelped turns before offering a person
HANDOFF_AFTER = 3  # ... and before handing off without being asked


@dataclass
class PreparedTurn:
    """A turn whose facts and items are known; only the wording is left to compose."""

    state: DialogueState
    message: str
    understanding: Understanding
    result: SkillResult
    started: float
    latency_ms: dict[str, int] = field(default_factory=dict)


def _best_help_score(ctx: TurnContext, text: str) -> float:
    hits = search_help(ctx, text, k=2)
    return hits[0].score if hits else 0.0


def joined(template_text: str, extra: Composition) -> Composition:
    text = f"{template_text}\n\n{extra.text}" if extra.text else template_text
    return Composition(text, extra.source, extra.rejected)


class DialogueManager:
    # What the generator writes at turn time; the Assistant sets both from the settings.
    compose_level: Literal["whole", "closing", "off"] = "closing"
    whole_check: WholeCheck | None = None

    def __init__(self, services: Services, understander: QueryUnderstander) -> None:
        self.services = services
        self.understander = understander

    # --- state -----------------------------------------------------------------------------
    def load_state(self, session_id: str, user_id: str | None = None) -> DialogueState:
        raw = self.services.db.load_session(session_id)
        state = DialogueState.model_validate(raw) if raw else DialogueState(session_id=session_id)
        if user_id:
            state.user_id = user_id
        return state

    def save_state(self, state: DialogueState) -> None:
        self.services.db.save_session(state.session_id, state.model_dump(mode="json"))

    def reset(self, session_id: str) -> None:
        self.services.db.delete_session(session_id)
        cart_store(self.services.db).delete(session_id)  # a new conversation starts with an empty cart

    # --- a turn ----------------------------------------------------------------------------
    def prepare(self, session_id: str, message: str, user_id: str | None = None) -> PreparedTurn:
        started = time.perf_counter()
        state = self.load_state(session_id, user_id)
        state.turn += 1
        t0 = time.perf_counter()
        u = self.understander.understand(
            message, has_shown_items=bool(state.shown), pending_confirmation=state.pending is not None
        )
        t1 = time.perf_counter()
        if u.reset:
            from assistant.contracts import Constraints

            state.shown = []
            state.focus_product_id = None
            state.set_constraints(Constraints())
            state.search_text = ""
            state.pending_cart = None
        ctx = TurnContext(message=message, understanding=u, state=state, services=self.services)
        decision = route(u, state, message, help_score=lambda text: _best_help_score(ctx, text))
        log.debug("turn %s routed to %s by rule %s", state.turn, decision.skill, decision.rule)
        result = SKILLS[decision.skill].handler(ctx)
        if result.skill != "cart":
            state.pending_cart = None  # the turn did not answer the cart's question: it is dropped
        with_cart_actions(self.services, result.items, remembered_options(state))
        if result.items and result.skill in ("search", "compare"):
            from assistant.dialogue.skills.base import shown_record

            state.remember_shown(shown_record(result.items, state.turn, self.services.catalog))
        result = self._after_skill(ctx, result)
        t2 = time.perf_counter()
        latency = {"understand": round((t1 - t0) * 1000), "retrieve": round((t2 - t1) * 1000)}
        return PreparedTurn(state, message, u, result, started, latency)

    def _after_skill(self, ctx: TurnContext, result: SkillResult) -> SkillResult:
        state = ctx.state
        if result.skill in ("handoff",):
            return result
        state.failures = 0 if result.helped else state.failures + 1
        if state.failures >= HANDOFF_AFTER and not state.handed_off:
            handed = handoff(ctx, "repeated_failure")
            result.body = f"{result.body}\n\n{handed.body}"
            result.handoff = True
        elif state.failures >= OFFER_PERSON_AFTER and not state.handed_off and not result.offered_person:
            result.body += "\n\n" + voice(ctx)("handoff.offer_person")
            result.offered_person = True
        if result.offered_person:
            state.offered_person_turn = state.turn  # a "yes" on the next turn accepts the offer
        return result

    def template_text(self, turn: PreparedTurn) -> str:
        """The fact-bearing answer, built from data: known before any model runs, so it streams first."""
        result = turn.result
        return (f"{result.lead}\n\n{result.body}" if result.lead else result.body).strip()

    def closing_sentence(self, turn: PreparedTurn) -> Composition:
        """One generated sentence after the facts, checked; empty when the check rejects it."""
        result = turn.result
        if result.purpose is None or result.facts is None:
            return Composition("", "template")
        return self.services.composer.checked_sentence(
            result.purpose, turn.message, result.facts, template=""
        )

    def fact_sheet(self, turn: PreparedTurn) -> FactSheet:
        """Everything this turn's answer may state, and the disclosures it must state."""
        result = turn.result
        # The items are on the sheet as ITEM lines; of the skill's facts only the lines that repeat
        # them are dropped, so a product answer, a comparison table or a review digest stays.
        repeated = set(item_facts(result.items).lines)
        facts = [line for line in result.facts.lines if line not in repeated] if result.facts else []
        return FactSheet.from_reply_parts(
            turn.message, result.intent, result.items, result.notes, result.citations, facts,
            self.template_text(turn),
        )  # fmt: skip

    def compose(self, turn: PreparedTurn) -> Composition:
        """The turn's text at the composition level in force (config.compose_level)."""
        if self.compose_level == "off" or turn.result.purpose is None:
            return Composition(self.template_text(turn), "template")
        if self.compose_level == "whole" and self.whole_check is not None:
            return self.services.composer.whole_answer(
                turn.message, self.fact_sheet(turn), self.whole_check, self.services.settings.max_new_tokens
            )
        extra = self.closing_sentence(turn)
        return joined(self.template_text(turn), extra)

    def finish(self, turn: PreparedTurn, composed: Composition, generate_ms: int) -> Reply:
        state, result = turn.state, turn.result
        turn.latency_ms["generate"] = generate_ms
        turn.latency_ms["total"] = round((time.perf_counter() - turn.started) * 1000)
        state.add_history("user", turn.message, result.intent)
        state.add_history("assistant", composed.text, result.intent)
        self.save_state(state)
        reply = Reply(
            session_id=state.session_id,
            intent=result.intent,
            text=composed.text,
            items=result.items,
            citations=result.citations,
            handoff=result.handoff or (state.handed_off and result.skill == "handoff"),
            text_source=composed.source,
            skill=result.skill,
            notes=result.notes,
            latency_ms=turn.latency_ms,
            extra={"confidence": round(result.confidence, 3), "rejected": composed.rejected[:5]},
            cart=reply_cart(self.services, state.session_id, result.cart_changes),
        )
        self.services.db.record_turn(
            state.session_id,
            reply.reply_id,
            state.user_id,
            reply.intent,
            turn.message,
            [i.product_id for i in reply.items],
            reply.text_source,
            result.confidence,
        )
        return reply

    def handle(self, session_id: str, message: str, user_id: str | None = None) -> Reply:
        turn = self.prepare(session_id, message, user_id)
        t0 = time.perf_counter()
        composed = self.compose(turn)
        return self.finish(turn, composed, round((time.perf_counter() - t0) * 1000))
