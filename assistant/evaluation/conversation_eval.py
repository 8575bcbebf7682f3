"""Scripted multi-turn dialogues (evaluation/conversations/*.yaml) replayed against the assistant.

Each turn checks state and facts, never wording: intent, skill, items, citations, handoff, hard
facts in the text (an order status, a tracking number), and session state. Every reply is also
checked for grounding (assistant/evaluation/grounding.py). "@T.I" in an expectation names the
I-th item (1-based) shown in turn T (1-based) of the same dialogue, so a dialogue tests that "the
second one" resolves without hard-coding what the ranker put second.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from assistant.evaluation.grounding import GroundingContext, grounding_violations
from assistant.evaluation.labels import Labels, item_fits, label_catalog

if TYPE_CHECKING:
    from assistant.assistant import Assistant
    from assistant.contracts import Reply

KNOWN_EXPECTATIONS = frozenset(
    {
        "intent", "skill", "items_include", "items_exclude", "items_equal", "items_all_satisfy",
        "items_any_satisfy", "items_empty", "items_min", "items_max", "citation_prefix", "no_citations",
        "handoff",
        "text_contains_any", "text_not_contains", "state", "notes_nonempty", "price_below_turn",
        "brand_not_in_turn", "text_source", "first_is_cheapest_of", "first_is_priciest_of",
        "color_ref",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Turn:
    user: str
    expect: dict[str, Any]
    reference: bool = False


@dataclass(frozen=True)
class Dialogue:
    name: str
    path: str
    turns: list[Turn]
    tags: tuple[str, ...] = ()


def load_dialogues(directory: Path) -> list[Dialogue]:
    """Every dialogue in a directory of YAML files, or in one YAML file."""
    dialogues: list[Dialogue] = []
    files = [directory] if directory.is_file() else sorted(directory.glob("*.yaml"))
    for path in files:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in raw if isinstance(raw, list) else [raw]:
            turns = []
            for t in entry["turns"]:
                expect = t.get("expect") or {}
                unknown = set(expect) - KNOWN_EXPECTATIONS
                if unknown:
                    raise ValueError(f"{path.name}/{entry['name']}: unknown expectation(s) {sorted(unknown)}")
                turns.append(Turn(str(t["user"]), expect, bool(t.get("reference", False))))
            dialogues.append(Dialogue(entry["name"], path.name, turns, tuple(entry.get("tags", []))))
    names = [d.name for d in dialogues]
    if len(names) != len(set(names)):
        raise ValueError("duplicate dialogue names")
    return dialogues


# --- checks ----------------------------------------------------------------------------------------


@dataclass
class TurnOutcome:
    index: int  # 1-based
    user: str
    failures: list[str]
    grounding: list[str]
    reference: bool
    text_source: str
    rejected: bool
    reply_text: str = ""
    item_ids: list[str] = field(default_factory=list)

    @classmethod
    def of(
        cls, index: int, turn: Turn, reply: Reply, failures: list[str], grounding: list[str]
    ) -> TurnOutcome:
        """A turn that got a reply: its checks, and what the reply says about itself (text cut short)."""
        outcome = cls(index, turn.user, failures, grounding, turn.reference, reply.text_source, False)
        outcome.rejected = bool(reply.extra.get("rejected"))
        outcome.reply_text = reply.text[:400]
        outcome.item_ids = [i.product_id for i in reply.items]
        return outcome


@dataclass
class DialogueOutcome:
    name: str
    turns: list[TurnOutcome]

    @property
    def passed(self) -> bool:
        return all(not t.failures and not t.grounding for t in self.turns)


def _resolve(value: Any, shown: list[list[str]]) -> Any:
    if isinstance(value, str) and value.startswith("@"):
        turn, _, pos = value[1:].partition(".")
        items = shown[int(turn) - 1] if 0 < int(turn) <= len(shown) else []
        index = int(pos) - 1
        return items[index] if 0 <= index < len(items) else f"<no item {value}>"
    if isinstance(value, list):
        return [_resolve(v, shown) for v in value]
    return value


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def check_turn(
    assistant: Assistant, session: str, reply: Reply, expect: dict[str, Any], history: list[Reply]
) -> list[str]:
    """Failed expectations, as readable sentences; [] when the turn is right."""
    shown = [[i.product_id for i in r.items] for r in history]
    ids = [i.product_id for i in reply.items]
    fails: list[str] = []
    if "intent" in expect and reply.intent not in _as_list(expect["intent"]):
        fails.append(f"intent {reply.intent!r}, expected {expect['intent']!r}")
    if "skill" in expect and reply.skill not in _as_list(expect["skill"]):
        fails.append(f"skill {reply.skill!r}, expected {expect['skill']!r}")
    for pid in _resolve(_as_list(expect.get("items_include", [])), shown):
        if pid not in ids:
            fails.append(f"item {pid} not shown (shown: {ids})")
    for pid in _resolve(_as_list(expect.get("items_exclude", [])), shown):
        if pid in ids:
            fails.append(f"item {pid} shown but should not be")
    if "items_equal" in expect:
        want = _resolve(_as_list(expect["items_equal"]), shown)
        if sorted(ids) != sorted(want):
            fails.append(f"items {ids}, expected exactly {want}")
    if expect.get("items_empty") and ids:
        fails.append(f"expected no items, got {ids}")
    if "items_min" in expect and len(ids) < int(expect["items_min"]):
        fails.append(f"{len(ids)} items, expected at least {expect['items_min']}")
    if "items_max" in expect and len(ids) > int(expect["items_max"]):
        fails.append(f"{len(ids)} items, expected at most {expect['items_max']}")
    if "items_all_satisfy" in expect:
        labels = Labels.from_dict(expect["items_all_satisfy"])
        for item in reply.items:
            product = label_catalog(assistant).get(item.product_id)
            if product is None or not item_fits(product, item.variant_id, item.price, labels):
                wanted = expect["items_all_satisfy"]
                fails.append(f"item {item.product_id} ({item.title}, ${item.price:g}) breaks {wanted}")
    if "items_any_satisfy" in expect:
        labels = Labels.from_dict(expect["items_any_satisfy"])
        if not any(
            (p := label_catalog(assistant).get(i.product_id)) is not None
            and item_fits(p, i.variant_id, i.price, labels)
            for i in reply.items
        ):
            fails.append(f"no item satisfies {expect['items_any_satisfy']}")
    if "color_ref" in expect:
        fails += _check_color_ref(assistant, reply, expect["color_ref"], history)
    for key, highest in (("first_is_cheapest_of", False), ("first_is_priciest_of", True)):
        if key in expect:
            fails += _check_extreme(assistant, reply, Labels.from_dict(expect[key]), highest)
    if "price_below_turn" in expect:
        earlier = history[int(expect["price_below_turn"]) - 1].items
        floor = min((i.price for i in earlier), default=0.0)
        fails += [
            f"item {i.product_id} ${i.price:g} not below ${floor:g}" for i in reply.items if i.price >= floor
        ]
    if "brand_not_in_turn" in expect:
        brands = {i.brand for i in history[int(expect["brand_not_in_turn"]) - 1].items}
        fails += [f"item {i.product_id} is {i.brand}, shown before" for i in reply.items if i.brand in brands]
    if "citation_prefix" in expect:
        prefixes = _as_list(expect["citation_prefix"])
        if not any(c.source.startswith(p) for c in reply.citations for p in prefixes):
            fails.append(f"no citation starting with {prefixes} (got {[c.source for c in reply.citations]})")
    if expect.get("no_citations") and reply.citations:
        fails.append(f"unexpected citations {[c.source for c in reply.citations]}")
    if "handoff" in expect and bool(reply.handoff) != bool(expect["handoff"]):
        fails.append(f"handoff {reply.handoff}, expected {expect['handoff']}")
    text = reply.text.lower()
    if "text_contains_any" in expect:
        options = [str(o) for o in _as_list(expect["text_contains_any"])]
        if not any(o.lower() in text for o in options):
            fails.append(f"text has none of {options}")
    for banned in _as_list(expect.get("text_not_contains", [])):
        if str(banned).lower() in text:
            fails.append(f"text contains {banned!r}")
    if "notes_nonempty" in expect and bool(reply.notes) != bool(expect["notes_nonempty"]):
        fails.append(f"notes {reply.notes!r}, expected {'some' if expect['notes_nonempty'] else 'none'}")
    if "text_source" in expect and reply.text_source not in _as_list(expect["text_source"]):
        fails.append(f"text_source {reply.text_source!r}, expected {expect['text_source']!r}")
    if "state" in expect:
        fails += _check_state(assistant, session, expect["state"], [*shown, ids])
    return fails


def _item_color(assistant: Assistant, product_id: str, variant_id: str | None) -> str:
    product = label_catalog(assistant).get(product_id)
    if product is None:
        return ""
    variant = next((v for v in product.variants if v.id == variant_id), None)
    attrs = {**product.attributes, **(variant.attributes if variant else {})}
    return str(attrs.get("color", "")).lower()


def _check_color_ref(
    assistant: Assistant, reply: Reply, spec: dict[str, Any], history: list[Reply]
) -> list[str]:
    """ "The black one": one black item shown -> that item; several or none -> a question, no pick."""
    color = str(spec["color"]).lower()
    earlier = history[int(spec["turn"]) - 1].items
    matching = [i.product_id for i in earlier if _item_color(assistant, i.product_id, i.variant_id) == color]
    got = [i.product_id for i in reply.items]
    if len(matching) == 1 and got != matching:
        return [f"'the {color} one' is {matching[0]}, reply shows {got}"]
    if len(matching) != 1 and got:
        return [f"'the {color} one' matches {len(matching)} shown items; expected a question, got {got}"]
    return []


def _check_extreme(assistant: Assistant, reply: Reply, labels: Labels, highest: bool) -> list[str]:
    """The first item is the cheapest (or dearest) in-stock product that fits the labels."""
    from assistant.evaluation.labels import fits

    prices = [
        p.variant_price(v)
        for p in label_catalog(assistant).products
        if fits(p, labels)
        for v in ([*p.variants] if p.variants else [None])
        if (v.in_stock if v is not None else p.in_stock)
    ]
    if not prices or not reply.items:
        return [f"no items to compare with the catalog's {'dearest' if highest else 'cheapest'}"]
    best = max(prices) if highest else min(prices)
    if abs(reply.items[0].price - best) > 0.005:
        which = "dearest" if highest else "cheapest"
        return [f"first item ${reply.items[0].price:g}, but the catalog's {which} is ${best:g}"]
    return []


def _check_state(
    assistant: Assistant, session: str, wanted: dict[str, Any], shown: list[list[str]]
) -> list[str]:
    state = assistant.dialogue.load_state(session)
    fails = []
    for key, value in wanted.items():
        value = _resolve(value, shown)
        if key == "pending":
            got: Any = state.pending.action if state.pending is not None else None
        elif key == "shown":
            got = [s.product_id for s in state.shown]
        else:
            got = getattr(state, key, f"<no state field {key}>")
        ok = sorted(got) == sorted(_as_list(value)) if key == "verified_order_ids" else got == value
        if not ok:
            fails.append(f"state.{key} = {got!r}, expected {value!r}")
    return fails


# --- running --------------------------------------------------------------------------------------


def run_dialogue(assistant: Assistant, dialogue: Dialogue) -> DialogueOutcome:
    from assistant.evaluation.fixtures import order_fixtures, substitute

    fixtures = order_fixtures(assistant.db)
    session = f"eval-dialogue-{uuid.uuid4().hex[:10]}"
    history: list[Reply] = []
    ctx = GroundingContext.for_assistant(assistant)
    outcomes: list[TurnOutcome] = []
    for index, raw_turn in enumerate(dialogue.turns, start=1):
        turn = Turn(
            substitute(raw_turn.user, fixtures), substitute(raw_turn.expect, fixtures), raw_turn.reference
        )
        ctx.user_messages.append(turn.user)
        try:
            reply = assistant.chat(session, turn.user)
        except Exception as exc:  # report the crash on this turn; later turns would test nothing
            from assistant.evaluation.retrieval_eval import _where

            crash = f"CRASH {type(exc).__name__}: {exc} at {_where(exc)}"
            outcomes.append(TurnOutcome(index, turn.user, [crash], [], turn.reference, "template", False))
            break
        state = assistant.dialogue.load_state(session)
        grounding = grounding_violations(reply, ctx, state.verified_order_ids, state.verified_customer_id)
        failures = check_turn(assistant, session, reply, turn.expect, history)
        history.append(reply)
        ctx.remember(reply)
        outcomes.append(TurnOutcome.of(index, turn, reply, failures, grounding))
    return DialogueOutcome(dialogue.name, outcomes)


def summarize(outcomes: list[DialogueOutcome]) -> dict[str, Any]:
    turns = [t for d in outcomes for t in d.turns]
    refs = [t for t in turns if t.reference]
    n = len(turns) or 1
    return {
        "dialogues": len(outcomes),
        "dialogues_passed": sum(1 for d in outcomes if d.passed),
        "turns": len(turns),
        "turn_accuracy": sum(1 for t in turns if not t.failures) / n,
        "reference_turns": len(refs),
        "reference_accuracy": sum(1 for t in refs if not t.failures) / len(refs) if refs else 0.0,
        "grounding_violations": sum(len(t.grounding) for t in turns),
        "template_share": sum(1 for t in turns if t.text_source == "template") / n,
        "generated_share": sum(1 for t in turns if t.text_source != "template") / n,
        "rejected_share": sum(1 for t in turns if t.rejected) / n,
        "failures": [
            {"dialogue": d.name, "turn": t.index, "user": t.user, "failures": t.failures,
             "grounding": t.grounding, "reply": t.reply_text}
            for d in outcomes for t in d.turns if t.failures or t.grounding
        ],
    }  # fmt: skip


def evaluate_conversations(assistant: Assistant, dialogues: list[Dialogue]) -> dict[str, Any]:
    return summarize([run_dialogue(assistant, d) for d in dialogues])
