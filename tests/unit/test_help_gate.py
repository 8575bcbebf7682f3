"""The FAQ/policy relevance gate, on scripted scores: no model, no index."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from assistant.contracts import Constraints
from assistant.dialogue.skills import faq, help_or_facts
from assistant.dialogue.skills.base import SkillResult
from assistant.dialogue.skills.faq import HelpHit, passes_gate, question_coverage
from assistant.dialogue.state import HistoryTurn
from assistant.evaluation.help_eval import calibrate, gate_outcome
from assistant.records import Product


def hit(title: str, text: str, dense: float, kind: str = "faq", source: str = "faq:faq-001") -> HelpHit:
    return HelpHit(kind, dense, source, title, text, "", dense)


def test_very_close_answers_whatever_the_words() -> None:
    assert passes_gate(0.9, 0.0, dense_alone=0.6, dense_min=0.3, words=0.75)


def test_close_enough_needs_the_question_words() -> None:
    assert passes_gate(0.4, 0.8, dense_alone=0.6, dense_min=0.3, words=0.75)
    assert not passes_gate(0.4, 0.5, dense_alone=0.6, dense_min=0.3, words=0.75)


def test_far_never_answers_even_with_every_word() -> None:
    assert not passes_gate(0.25, 1.0, dense_alone=0.6, dense_min=0.3, words=0.75)


def test_coverage_counts_content_words_in_the_whole_entry() -> None:
    entry = hit("Do you offer free shipping?", "Standard shipping is free on orders over $50.", 0.5)
    # "do", "you", "is", "there" are how it is asked; "student" is what it is about, and missing.
    assert question_coverage("Is there free shipping?", entry) == 1.0
    assert question_coverage("Is there a student discount on shipping?", entry) == pytest.approx(1 / 3)
    # Words only the section text holds count too: a policy section names what it applies to.
    section = hit(
        "Warranty: Lifetime warranty", "Applies to: Kawasaki Z800, Rolex Submariner.", 0.4, "policy"
    )
    assert question_coverage("what's the warranty on the Kawasaki Z800?", section) == 1.0


def test_coverage_of_a_question_without_content_words_is_zero() -> None:
    assert question_coverage("what is it?", hit("Anything", "text", 0.9)) == 0.0


class _Say:
    def __call__(self, key: str, **values: Any) -> str:
        return f"<{key}>" + "".join(f" {v}" for v in values.values())


def _ctx(
    message: str,
    history: list[HistoryTurn] | None = None,
    constraints: Constraints | None = None,
    keys: dict[str, str] | None = None,
) -> Any:
    settings = SimpleNamespace(faq_min_score=0.0)
    state = SimpleNamespace(history=history or [])
    bed = Product(id="p1", title="Acme Bed", price=1.0, attributes={"shipping": "Ships in 1 month"})
    catalog = SimpleNamespace(attribute_keys=keys or {}, get={"p1": bed}.get)
    services = SimpleNamespace(settings=settings, catalog=catalog)
    understanding = SimpleNamespace(constraints=constraints or Constraints())
    return SimpleNamespace(message=message, state=state, services=services, understanding=understanding)


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> list[HelpHit]:
    hits: list[HelpHit] = []
    monkeypatch.setattr(faq, "search_help", lambda ctx, question, k=4: list(hits))
    monkeypatch.setattr(faq, "voice", lambda ctx: _Say())
    return hits


def _by_question(monkeypatch: pytest.MonkeyPatch, table: dict[str, HelpHit]) -> None:
    monkeypatch.setattr(faq, "search_help", lambda ctx, question, k=4: [table[question]])
    monkeypatch.setattr(faq, "voice", lambda ctx: _Say())


SHIPPING = "Standard shipping takes 3-5 business days and express takes 1-2 business days."
EARLIER = [
    HistoryTurn(role="user", text="how much is shipping?", intent="faq_policy"),
    HistoryTurn(role="assistant", text="Standard shipping is $5.95.", intent="faq_policy"),
]


def test_elliptic_follow_up_is_read_with_the_help_question_before_it(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = hit("How long does delivery take?", SHIPPING, 0.54)
    joined = hit("How long does delivery take?", SHIPPING, 0.78)
    _by_question(
        monkeypatch,
        {"and how fast is express?": entry, "how much is shipping? and how fast is express?": joined},
    )
    assert not faq.answer_faq(_ctx("and how fast is express?")).helped  # alone: too far, too few words
    assert faq.answer_faq(_ctx("and how fast is express?", EARLIER)).helped


def test_new_topic_does_not_borrow_the_last_topics_closeness(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = hit("How long does delivery take?", SHIPPING, 0.40)
    joined = hit("How long does delivery take?", SHIPPING, 0.70)
    _by_question(
        monkeypatch, {"and gift wrapping?": entry, "how much is shipping? and gift wrapping?": joined}
    )
    assert not faq.answer_faq(_ctx("and gift wrapping?", EARLIER)).helped


def test_nearest_entry_about_something_else_is_not_given(scripted: list[HelpHit]) -> None:
    # Near in meaning (the same subject), but the question's own word is nowhere in the entry.
    scripted.append(hit("Do you offer a newsletter discount?", "Sign up and get 10% off.", 0.55))
    result = faq.answer_faq(_ctx("Is there a student discount?"))
    assert not result.helped
    assert result.citations == []
    assert result.body == "<faq.not_sure>"
    # Listed among the unanswered questions of the analytics page.
    from assistant.serve.analytics import LOW_CONFIDENCE

    assert result.confidence < LOW_CONFIDENCE


def test_entry_that_answers_is_given_with_its_source(scripted: list[HelpHit]) -> None:
    scripted.append(hit("Do you offer free shipping?", "Standard shipping is free on orders over $50.", 0.55))
    result = faq.answer_faq(_ctx("is shipping free?"))
    assert result.helped
    assert [c.source for c in result.citations] == ["faq:faq-001"]
    assert "free on orders over $50" in result.body


def test_very_close_entry_is_given_without_shared_words(scripted: list[HelpHit]) -> None:
    scripted.append(hit("How do I start a return?", "Start it from Orders in your account.", 0.9))
    assert faq.answer_faq(_ctx("sending something back, how?")).helped


def test_no_help_content_at_all_is_not_known(scripted: list[HelpHit]) -> None:
    result = faq.answer_faq(_ctx("how much is shipping?"))
    assert not result.helped and result.confidence == 0.0


ROWS = [
    {"id": "a1", "expect": "answer", "dense": 0.80, "coverage": 0.2, "right_source": True},
    {"id": "a2", "expect": "answer", "dense": 0.45, "coverage": 1.0, "right_source": True},
    {"id": "a3", "expect": "answer", "dense": 0.50, "coverage": 0.9, "right_source": False},
    {"id": "u1", "expect": "unknown", "dense": 0.60, "coverage": 0.3, "right_source": False},
    {"id": "u2", "expect": "unknown", "dense": 0.40, "coverage": 0.5, "right_source": False},
]


def test_calibration_answers_none_of_the_unanswerable() -> None:
    t = calibrate(ROWS)
    out = gate_outcome(ROWS, t["dense_alone"], t["dense_min"], t["words"])
    assert out["confident_on_unanswerable"] == 0
    assert out["answered_right"] == 2  # a1 by meaning alone, a2 by meaning and words
    assert t["dense_alone"] > 0.60  # above the closest unanswerable question


def test_calibration_prefers_silence_to_a_wrong_source() -> None:
    t = calibrate(ROWS)
    out = gate_outcome(ROWS, t["dense_alone"], t["dense_min"], t["words"])
    assert out["answered"] == out["answered_right"]  # a3 (right words, wrong entry) is left out


def test_gate_outcome_counts() -> None:
    out = gate_outcome(ROWS, dense_alone=0.55, dense_min=0.3, words=0.4)
    assert out == {
        "answerable": 3,
        "answered": 3,
        "answered_right": 2,
        "unanswerable": 2,
        "confident_on_unanswerable": 2,
    }


OPENING = "The warranty depends on the product: every product states one of the warranties below."


def test_a_question_about_the_whole_page_is_answered_by_its_opening(scripted: list[HelpHit]) -> None:
    section = hit(
        "Warranty: 1 week warranty",
        "These 13 products state it: Mascara.",
        0.51,
        "policy",
        "policies/w.md#1 week",
    )
    opening = hit("Warranty: Warranty", OPENING, 0.38, "policy", "policies/w.md#Warranty")
    scripted.extend([section, opening])
    result = faq.answer_faq(_ctx("is the warranty the same on every product?"))
    assert result.helped and [c.source for c in result.citations] == ["policies/w.md#Warranty"]


def test_another_section_of_the_page_does_not_stand_in_for_the_nearest(scripted: list[HelpHit]) -> None:
    # "Lost parcels" holds the words but is about its own case; only the page's opening may answer.
    section = hit("Shipping: Express", "Express takes 1-2 days.", 0.52, "policy", "policies/s.md#Express")
    other = hit(
        "Shipping: Lost parcels",
        "Tell us which day your parcel was delivered.",
        0.45,
        "policy",
        "policies/s.md#Lost",
    )
    scripted.extend([section, other])
    assert not faq.answer_faq(_ctx("can I choose which day my parcel is delivered?")).helped


# --- the products' own facts, when the help pages do not say -----------------------------------------

POLICY_KEYS = {"shipping": "shipping", "return_policy": "return policy", "weight": "weight"}


@pytest.fixture
def searched(monkeypatch: pytest.MonkeyPatch, scripted: list[HelpHit]) -> list[str]:
    calls: list[str] = []

    def fake_search(ctx: Any) -> SkillResult:
        calls.append(ctx.message)
        return SkillResult("product_search", "search", "<list>", items=[SimpleNamespace(product_id="p1")])  # type: ignore[list-item]

    monkeypatch.setattr(help_or_facts, "search_products", fake_search)
    monkeypatch.setattr(help_or_facts, "voice", lambda ctx: _Say())
    scripted.append(hit("Do you offer a newsletter discount?", "Sign up and get 10% off.", 0.3))
    return calls


def test_named_products_answer_a_fact_they_carry(searched: list[str]) -> None:
    makers = Constraints(brands=["Acme"])
    result = help_or_facts.answer_help(
        _ctx("how long does the Acme bed take to ship?", constraints=makers, keys=POLICY_KEYS)
    )
    assert result.skill == "search" and searched == ["how long does the Acme bed take to ship?"]
    assert result.body.startswith("<product.attribute> Acme Bed shipping Ships in 1 month")  # its fact first
    returned = help_or_facts.answer_help(
        _ctx("can the Acme chair be returned?", constraints=makers, keys=POLICY_KEYS)
    )
    assert returned.skill == "search"


def test_no_products_named_or_no_key_asked_stays_unsure(searched: list[str]) -> None:
    assert not help_or_facts.answer_help(_ctx("how long does shipping take?", keys=POLICY_KEYS)).helped
    makers = Constraints(brands=["Acme"])
    assert not help_or_facts.answer_help(
        _ctx("is the Acme bed tested on animals?", constraints=makers, keys=POLICY_KEYS)
    ).helped
    assert not help_or_facts.answer_help(_ctx("how fast does the Acme bed ship?", constraints=makers)).helped
    # The key's word is the one that named the products: their kind, not an asked fact.
    cases = Constraints(categories=["Electronics > Phone Cases"])
    keys = {**POLICY_KEYS, "fits_phone": "fits phone"}
    assert not help_or_facts.answer_help(
        _ctx("what's your phone number?", constraints=cases, keys=keys)
    ).helped
    assert searched == []
