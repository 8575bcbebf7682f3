"""Help questions: answered from the right FAQ entry or policy section, and no confident answer to
a question the shop's help content does not cover.

Two measurements on the same labelled questions (evaluation/stores/<store>/help_questions.yaml):
- end to end: each question on a fresh session through `Assistant.chat`; an answer is a reply that
  cites a FAQ entry or a policy section (or, for a question about one product, states the labelled
  fact, which is also that product's attribute);
- the relevance gate's inputs: the best help hit's dense score and word coverage, from which
  `calibrate` picks the gate's thresholds (assistant/dialogue/skills/faq.py).
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from assistant.assistant import Assistant
    from assistant.contracts import Reply

HELP_PREFIXES = ("faq:", "policies/")


@dataclass(frozen=True)
class HelpQuestion:
    id: str
    question: str
    expect: str  # "answer" or "unknown"
    sources: tuple[str, ...] = ()
    product: str | None = None


def load_help_questions(path: Path) -> list[HelpQuestion]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions = [
        HelpQuestion(
            id=str(row["id"]),
            question=str(row["question"]),
            expect=str(row["expect"]),
            sources=tuple(row.get("sources", [])),
            product=row.get("product"),
        )
        for row in raw["questions"]
    ]
    bad = [q.id for q in questions if q.expect not in ("answer", "unknown")]
    if bad:
        raise ValueError(f"{path}: expect must be answer or unknown: {bad}")
    return questions


# --- end to end -----------------------------------------------------------------------------------


def _fact_of(source: str) -> str:
    """The labelled fact a policy heading states ("Ships in 1 month"); empty for FAQ ids."""
    return source.split("#", 1)[1].strip().lower() if "#" in source else ""


def judge(q: HelpQuestion, reply: Reply) -> dict[str, Any]:
    cited = [c.source for c in reply.citations if c.source.startswith(HELP_PREFIXES)]
    text = reply.text.lower()
    states_fact = bool(q.product) and any(f and f in text for f in map(_fact_of, q.sources))
    answered = bool(cited) or states_fact
    right = any(c in q.sources for c in cited) or states_fact
    return {
        "id": q.id,
        "question": q.question,
        "expect": q.expect,
        "answered": answered,
        "right": right,
        "cited": cited,
        "skill": reply.skill,
        "reply": reply.text[:200],
    }


def summarize_help(rows: list[dict[str, Any]]) -> dict[str, Any]:
    answerable = [r for r in rows if r["expect"] == "answer"]
    unknown = [r for r in rows if r["expect"] == "unknown"]
    right = sum(1 for r in answerable if r["right"])
    confident = [r for r in unknown if r["answered"]]
    return {
        "answerable": len(answerable),
        "answered_right": right,
        "answered_right_share": right / len(answerable) if answerable else None,
        "answered_wrong_source": sum(1 for r in answerable if r["answered"] and not r["right"]),
        "unanswerable": len(unknown),
        "confident_on_unanswerable": len(confident),
        "failures": [r for r in answerable if not r["right"]] + confident,
    }


def evaluate_help(assistant: Assistant, questions: list[HelpQuestion]) -> dict[str, Any]:
    rows = []
    for q in questions:
        reply = assistant.chat(f"eval-help-{q.id}-{uuid.uuid4().hex[:6]}", q.question)
        rows.append(judge(q, reply))
    return summarize_help(rows)


# --- the gate's inputs and its calibration -----------------------------------------------------------


def gate_features(assistant: Assistant, questions: list[HelpQuestion]) -> list[dict[str, Any]]:
    """The best help hit per question and what the gate would see: no routing, no composing."""
    from assistant.dialogue.skills.faq import question_coverage, search_help

    ctx: Any = SimpleNamespace(services=assistant.dialogue.services)
    rows = []
    for q in questions:
        hits = search_help(ctx, q.question)
        best = hits[0] if hits else None
        rows.append(
            {
                "id": q.id,
                "expect": q.expect,
                "source": best.source if best else "",
                "right_source": bool(best and best.source in q.sources),
                "dense": round(best.dense, 4) if best else 0.0,
                "coverage": round(question_coverage(q.question, best), 4) if best else 0.0,
            }
        )
    return rows


def gate_outcome(
    rows: list[dict[str, Any]], dense_alone: float, dense_min: float, words: float
) -> dict[str, Any]:
    """What a gate with these thresholds does on these rows."""
    from assistant.dialogue.skills.faq import passes_gate

    def passes(r: dict[str, Any]) -> bool:
        return passes_gate(r["dense"], r["coverage"], dense_alone, dense_min, words)

    answerable = [r for r in rows if r["expect"] == "answer"]
    unknown = [r for r in rows if r["expect"] == "unknown"]
    return {
        "answerable": len(answerable),
        "answered": sum(1 for r in answerable if passes(r)),
        "answered_right": sum(1 for r in answerable if passes(r) and r["right_source"]),
        "unanswerable": len(unknown),
        "confident_on_unanswerable": sum(1 for r in unknown if passes(r)),
    }


def calibrate(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Thresholds with the most right answers and no answer to an unanswerable question.

    A wrong-source answer costs as much as a right one earns; any unanswerable question answered
    costs more than every right answer together. Among equal outcomes the highest thresholds win:
    a held-out store's "I don't know" is cheaper than its confident wrong answer.
    """
    dense_grid = [round(0.30 + 0.02 * i, 2) for i in range(36)]  # 0.30 .. 1.00
    word_grid = [0.2, 0.25, 0.33, 0.4, 0.5, 0.6, 0.67, 0.75, 0.8, 1.0]
    best: tuple[tuple[float, ...], dict[str, float]] | None = None
    for alone, low, words in itertools.product(dense_grid, dense_grid, word_grid):
        if low > alone:
            continue
        out = gate_outcome(rows, alone, low, words)
        wrong = out["answered"] - out["answered_right"]
        score = out["answered_right"] - wrong - (len(rows) + 1) * out["confident_on_unanswerable"]
        key = (score, alone, low, words)
        if best is None or key > best[0]:
            best = (key, {"dense_alone": alone, "dense_min": low, "words": words})
    assert best is not None
    return best[1]
