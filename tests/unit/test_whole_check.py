"""The span-level checker of whole answers, on hand-built fact sheets (no model)."""

from __future__ import annotations

import random

import pytest

from assistant.compose.composer import AnswerChecker
from assistant.compose.fact_sheet import FactSheet, ItemFact, Passage
from assistant.compose.whole_check import WholeAnswerChecker
from assistant.evaluation.mutations import MUTATORS, Corpus, faithful_prose, run_suite

TITLES = ["Alpine Trek Boot", "Harbor Rain Jacket", "Summit Daypack 20", "Coastal Runner"]
STATUSES = ["pending", "shipped", "delivered", "cancelled"]

SEARCH = FactSheet(
    question="waterproof boots under $150",
    intent="product_search",
    items=(
        ItemFact(
            1,
            "Alpine Trek Boot",
            129.0,
            "USD",
            "Northway",
            "size 42, brown",
            ("under your $150 budget", "waterproof"),
        ),
        ItemFact(
            2,
            "Coastal Runner",
            89.5,
            "USD",
            "Tidal",
            "size 42",
            ("lightweight mesh upper", "under your $150 budget"),
        ),
    ),
    disclosures=("Nothing in size 43 fit, so I show size 42 instead",),
    template="Here are 2 options:\n1. Alpine Trek Boot (size 42, brown) — $129: under your $150 budget; waterproof.\n"
    "2. Coastal Runner (size 42) — $89.50: lightweight mesh upper; under your $150 budget.\n"
    "Nothing in size 43 fit, so I show size 42 instead.",
)
POLICY = FactSheet(
    question="can I return worn shoes?",
    intent="faq_policy",
    passages=(
        Passage(
            "Unworn items can be returned within 30 days for a full refund.", "policies/returns.md#Refunds"
        ),
    ),
    template="Unworn items can be returned within 30 days for a full refund.",
)
ORDER = FactSheet(
    question="where is my order #W1007919?",
    intent="order_status",
    facts=("Order #W1007919 is shipped. Tracking: UPS 1Z999.",),
    template="Order #W1007919 is shipped. Tracking: UPS 1Z999.",
)
CORPUS = Corpus(sheets=[SEARCH, POLICY, ORDER], titles=TITLES, statuses=STATUSES)


@pytest.fixture()
def checker() -> WholeAnswerChecker:
    return WholeAnswerChecker(AnswerChecker(TITLES, ["Northway", "Tidal", "Ridgeline"], canary=""), STATUSES)


@pytest.mark.parametrize("sheet", [SEARCH, POLICY, ORDER], ids=["search", "policy", "order"])
def test_faithful_answers_pass(checker: WholeAnswerChecker, sheet: FactSheet) -> None:
    for answer in (sheet.template, faithful_prose(sheet)):
        verdict = checker.check(answer, sheet)
        assert not verdict.tripwire_triggered, (answer, verdict.reasons)


def test_a_hand_written_paraphrase_passes(checker: WholeAnswerChecker) -> None:
    answer = (
        "Two boots fit. The Alpine Trek Boot in size 42, brown, costs $129 and is waterproof; the Coastal "
        "Runner in size 42 is $89.50. Size 43 had nothing that fit, so I show size 42 instead."
    )
    verdict = checker.check(answer, SEARCH)
    assert not verdict.tripwire_triggered, verdict.reasons


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (
            "The Alpine Trek Boot is $89.50 and waterproof. Nothing in size 43 fit, so I show size 42 instead.",
            "price",
        ),
        (
            "The Harbor Rain Jacket is $129. Nothing in size 43 fit, so I show size 42 instead.",
            "names product",
        ),
        (
            "The Zenvol Pro 300 Boot is $129. Nothing in size 43 fit, so I show size 42 instead.",
            "names 'Zenvol",
        ),
        ("The Alpine Trek Boot is $129 and waterproof.", "drops the disclosure"),
        (SEARCH.template + " Use code SAVE10 for a discount.", "discount"),
    ],
)
def test_search_mutants_are_caught(checker: WholeAnswerChecker, answer: str, reason: str) -> None:
    verdict = checker.check(answer, SEARCH)
    assert verdict.tripwire_triggered
    assert any(reason.lower() in r.lower() for r in verdict.reasons), verdict.reasons


def test_a_price_after_a_semicolon_and_a_fact_of_another_item_are_caught(checker: WholeAnswerChecker) -> None:
    # Both passed the checker once and were found by the LoRA experiment (training/whole_answers).
    tail = " Nothing in size 43 fit, so I show size 42 instead."
    assert checker.check("The Alpine Trek Boot is $129; $89.50." + tail, SEARCH).tripwire_triggered
    moved = checker.check("The Coastal Runner is $89.50 and waterproof." + tail, SEARCH)
    assert moved.tripwire_triggered and any("another item" in r for r in moved.reasons), moved.reasons
    # A title inside a longer shown title speaks for the longer one.
    assert not checker.check("The Alpine Trek Boot is $129 and waterproof." + tail, SEARCH).tripwire_triggered


def test_policy_reversal_and_wrong_status_are_caught(checker: WholeAnswerChecker) -> None:
    flipped = checker.check("Unworn items cannot be returned within 30 days for a full refund.", POLICY)
    assert flipped.tripwire_triggered and any("negates" in r for r in flipped.reasons)
    assert checker.check(POLICY.template + " Returns are at your discretion.", POLICY).tripwire_triggered
    status = checker.check("Order #W1007919 is delivered. Tracking: UPS 1Z999.", ORDER)
    assert status.tripwire_triggered and any("status" in r for r in status.reasons)


def test_an_answer_to_another_question_is_caught(checker: WholeAnswerChecker) -> None:
    verdict = checker.check(POLICY.template, SEARCH)
    assert verdict.tripwire_triggered


def test_every_mutator_changes_an_answer_it_applies_to() -> None:
    rng = random.Random(1)
    applied = {kind for kind, mutate in MUTATORS.items() for sheet in CORPUS.sheets
               if (m := mutate(sheet, sheet.template, rng, CORPUS)) is not None and m != sheet.template}  # fmt: skip
    assert applied == set(MUTATORS)


def test_suite_counts_catches_and_false_rejects(checker: WholeAnswerChecker) -> None:
    result = run_suite(CORPUS.sheets, checker, CORPUS)
    assert sum(result.mutants.values()) >= 10
    assert result.false_rejects == 0, result.rejected_faithful
    assert result.catch_rate >= 0.9, result.misses


def test_sheet_round_trips_through_json() -> None:
    assert FactSheet.from_json(SEARCH.to_json()) == SEARCH
