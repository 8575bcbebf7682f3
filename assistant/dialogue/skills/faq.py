"""FAQ and policy answers with citations; an honest "I don't know" when retrieval is unsure."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.compose.composer import Facts
from assistant.contracts import Citation
from assistant.dialogue.skills.base import SkillResult, TurnContext
from assistant.ingest.documents import record_json
from assistant.retrieve.lexical import tokenize

SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class HelpHit:
    kind: str  # "faq" or "policy"
    score: float
    source: str  # citation: "faq:faq-012" or "policies/returns.md#Refunds"
    title: str
    text: str
    url: str


def _overlap(question: str, text: str) -> float:
    q = set(tokenize(question))
    return len(q & set(tokenize(text))) / len(q) if q else 0.0


def search_help(ctx: TurnContext, question: str, k: int = 4) -> list[HelpHit]:
    services = ctx.services
    vector = services.embed_query(question)
    hits: list[HelpHit] = []
    for hit in services.store.query("faqs", vector, k):
        rec = record_json(hit.metadata)
        score = hit.score + 0.15 * _overlap(question, rec["question"])
        hits.append(
            HelpHit("faq", score, f"faq:{rec['id']}", rec["question"], rec["answer"], rec.get("url", ""))
        )
    for hit in services.store.query("policies", vector, k):
        rec = record_json(hit.metadata)
        score = hit.score + 0.15 * _overlap(question, rec["heading"] + " " + rec["text"])
        hits.append(
            HelpHit("policy", score, rec["source"], f"{rec['document']}: {rec['heading']}", rec["text"], "")
        )
    hits.sort(key=lambda h: -h.score)
    return hits


def best_sentences(ctx: TurnContext, question: str, text: str, limit: int = 2) -> str:
    """The passage's sentences that best answer the question, in their original order."""
    sentences = [s.strip() for s in SENTENCE.split(text) if s.strip()]
    if len(sentences) <= limit:
        return " ".join(sentences)
    q = ctx.services.embed_query(question)
    vectors = np.stack([ctx.services.embed_query(s) for s in sentences])
    scores = vectors @ q + 0.1 * np.array([_overlap(question, s) for s in sentences])
    keep = sorted(np.argsort(-scores)[:limit].tolist())
    return " ".join(sentences[i] for i in keep)


def answer_faq(ctx: TurnContext, min_score: float | None = None) -> SkillResult:
    question = ctx.message
    hits = search_help(ctx, question)
    threshold = ctx.services.settings.faq_min_score if min_score is None else min_score
    if not hits or hits[0].score < threshold:
        body = (
            "I'm not sure about that one and I'd rather not guess. "
            "Would you like me to pass your question to a person from our team?"
        )
        return SkillResult("faq_policy", "faq", body, helped=False, confidence=hits[0].score if hits else 0.0)
    best = hits[0]
    answer = best.text if best.kind == "faq" else best_sentences(ctx, question, best.text)
    citations = [Citation(source=best.source, snippet=answer[:300], url=best.url)]
    # A second source when it is nearly as good and says something else: policies and FAQs overlap.
    for other in hits[1:3]:
        if other.score >= best.score - 0.05 and other.source != best.source and other.kind != best.kind:
            citations.append(Citation(source=other.source, snippet=other.text[:300], url=other.url))
            break
    cited = best.source if best.kind == "policy" else f"FAQ: {best.title}"
    body = f"{answer}\n\nSource: {cited}"
    facts = Facts((answer,))
    return SkillResult(
        "faq_policy",
        "faq",
        body,
        lead="",
        purpose="faq",
        facts=facts,
        citations=citations,
        confidence=best.score,
    )
