"""The dialogue manager: understands a turn against the session's state, routes it to a skill,
composes the checked answer, and persists the state so a restart keeps the conversation."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.compose.composer import Composition
from assistant.contracts import Reply, Understanding
from assistant.dialogue.skills.base import Services, SkillResult, TurnContext
from assistant.dialogue.skills.compare import compare
from assistant.dialogue.skills.conversation import handoff, out_of_scope, profile, smalltalk
from assistant.dialogue.skills.faq import answer_faq
from assistant.dialogue.skills.orders import handle_confirmation, handle_order
from assistant.dialogue.skills.product_question import product_question
from assistant.dialogue.skills.search import search_products
from assistant.dialogue.state import DialogueState
from assistant.understand.understander import QueryUnderstander

Skill = Callable[[TurnContext], SkillResult]
QUESTION = re.compile(r"\?|\b(?:what|which|how|is|are|does|do|can|will)\b", re.I)
POLICY = re.compile(
    r"\b(?:return|refund|ship|shipping|deliver|delivery|warranty|exchange|policy|policies|payment|pay|"
    r"privacy|price match|order|track|cancel|gift card|account|store|hours)\w*",
    re.I,
)
POINTER = re.compile(r"\b(?:it|its|it's|this|that|these|those|them|they|one|ones|both)\b", re.I)
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


def route(u: Understanding, state: DialogueState, message: str = "") -> Skill:
    if state.pending is not None and u.confirmation is not None:
        return handle_confirmation
    if state.awaiting_verification_for and (u.email or u.zip_code or u.order_id) and not u.handoff_requested:
        return handle_order
    if u.handoff_requested or (u.intent == "handoff" and u.intent_confidence >= 0.5):
        return handoff
    if u.frustration:
        return lambda ctx: handoff(ctx, "frustration")
    if u.intent in ("order_status", "order_change") or u.order_id or (u.email and state.awaiting_action):
        return handle_order
    if u.comparative and state.shown and not _asks_which(u):
        return search_products
    ref = u.reference
    if ref is not None and ref.attribute and ref.attribute[0] in ("price", "rating") and not _asks_which(u):
        return search_products  # "the cheapest pair" sorts the search; "which is cheapest?" asks
    if _refines(u, message) and (state.shown or not state.get_constraints().is_empty()):
        return search_products  # "in black", "size M", "vegan only" after a list
    if (
        _names_products(u)
        and u.intent in ("faq_policy", "out_of_scope", "smalltalk")
        and not POLICY.search(message)
    ):
        return search_products  # "power bank", "chef's knife": product words, whatever the classifier says
    single = ref is not None and ref.ordinal is not None and not ref.indices and not ref.plural
    if u.intent == "compare" and not single:
        if len(state.shown) >= 2:
            return compare
        return search_products if not u.constraints.is_empty() else product_question
    if u.intent in ("product_question", "compare"):
        points = (
            u.asked_attribute is not None or POINTER.search(message) or (ref is not None and not ref.pronoun)
        )
        return product_question if state.shown and points else search_products
    if u.intent == "faq_policy":
        return answer_faq
    if u.intent in ("product_search", "recommend"):
        if u.reference is not None and not u.comparative and u.constraints.is_empty() and state.shown:
            return product_question
        return search_products
    if u.intent == "smalltalk":
        return smalltalk
    if u.intent == "profile":
        return profile
    if u.intent == "confirmation":
        return smalltalk
    return out_of_scope


def _names_products(u: Understanding) -> bool:
    c = u.constraints
    return bool(c.categories or c.brands or any(not isinstance(v, bool) for v in c.attributes.values()))


def _refines(u: Understanding, message: str) -> bool:
    """A turn that only sets filters, asking nothing about a shown item."""
    c = u.constraints
    sets_filter = bool(
        c.categories
        or c.colors
        or c.sizes
        or c.brands
        or c.attributes
        or c.exclude_attributes
        or c.exclude_brands
        or c.exclude_colors
        or c.price_min is not None
        or c.price_max is not None
        or c.sort != "relevance"
    )
    asks = u.asked_attribute is not None and bool(QUESTION.search(message))
    return sets_filter and not asks and u.intent not in ("faq_policy", "order_status", "order_change")


def _asks_which(u: Understanding) -> bool:
    """ "which one is cheaper?" compares shown items; a bare "cheaper" asks for new ones."""
    return "which" in u.search_text.lower()


def joined(template_text: str, extra: Composition) -> Composition:
    text = f"{template_text}\n\n{extra.text}" if extra.text else template_text
    return Composition(text, extra.source, extra.rejected)


class DialogueManager:
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
        ctx = TurnContext(message=message, understanding=u, state=state, services=self.services)
        skill = route(u, state, message)
        result = skill(ctx)
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
        elif state.failures >= OFFER_PERSON_AFTER and not state.handed_off and "person" not in result.body:
            result.body += "\n\nWould you like me to connect you with a person from our team?"
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

    def compose(self, turn: PreparedTurn) -> Composition:
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
