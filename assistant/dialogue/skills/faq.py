"""FAQ and policy answers with citations; an honest "I don't know" when retrieval is unsure."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.compose.composer import Facts
from assistant.contracts import Citation
from assistant.dialogue.skills.base import SkillResult, TurnContext, voice
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
    dense: float = 0.0  # cosine of the question and the entry alone, before the lexical bonus


def _overlap(question: str, text: str) -> float:
    q = set(tokenize(question))
    return len(q & set(tokenize(text))) / len(q) if q else 0.0


# The relevance gate. The nearest help entry is always *some* entry; it answers the question only
# when it is very close in meaning, or close and about the question's own words. Calibrated on the
# demo store and the DummyJSON store's answerable and unanswerable help questions, held out on the
# reshaped store (assistant/evaluation/help_eval.py `calibrate`; numbers in docs/decisions.md).
GATE_DENSE_ALONE = 0.62  # dense cosine that answers on its own
GATE_DENSE_MIN = 0.30  # below this nothing answers, whatever the words
GATE_WORDS = 0.75  # share of the question's content words the entry must hold
# Generic English question and function words: they say how something is asked, not about what.
# Shop vocabulary never belongs here; the shop's own words are what the coverage counts.
ASKING_WORDS = frozenset(
    {
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "do", "does", "did",
        "doe", "can", "could", "would", "will", "shall", "should", "may", "might", "must", "there",
        "here", "that", "these", "those", "they", "them", "their", "we", "us", "am", "was", "were",
        "been", "being", "get", "got", "if", "so", "not", "no", "yes", "about", "than", "then",
        "just", "still", "also", "too", "very", "much", "many", "don", "doesn", "didn", "isn",
        "aren", "wasn", "won", "haven", "hasn", "ve", "ll", "re",
    }
)  # fmt: skip


def content_words(text: str) -> set[str]:
    # "what's", "don't", "I've": the word before the apostrophe is the word that was asked with.
    words = {w.split("'", 1)[0] for w in tokenize(text)}
    return {w for w in words if w not in ASKING_WORDS and len(w) > 1}


def question_coverage(question: str, hit: HelpHit) -> float:
    """Share of the question's content words found in the entry (its question or heading and its
    text). The whole entry, not the title alone: a policy section often names what it applies to
    (the products, the countries) only in its text. An unanswerable question is usually one whose
    distinctive word ("locker", "student", "restocking") the nearest entry never uses."""
    words = content_words(question)
    return len(words & content_words(f"{hit.title} {hit.text}")) / len(words) if words else 0.0


def passes_gate(
    dense: float,
    coverage: float,
    dense_alone: float = GATE_DENSE_ALONE,
    dense_min: float = GATE_DENSE_MIN,
    words: float = GATE_WORDS,
) -> bool:
    return dense >= dense_alone or (dense >= dense_min and coverage >= words)


def search_help(ctx: TurnContext, question: str, k: int = 4) -> list[HelpHit]:
    services = ctx.services
    vector = services.embed_query(question)
    hits: list[HelpHit] = []
    for hit in services.store.query("faqs", vector, k):
        rec = record_json(hit.metadata)
        score = hit.score + 0.15 * _overlap(question, rec["question"])
        hits.append(
            HelpHit(
                "faq",
                score,
                f"faq:{rec['id']}",
                rec["question"],
                rec["answer"],
                rec.get("url", ""),
                hit.score,
            )
        )
    for hit in services.store.query("policies", vector, k):
        rec = record_json(hit.metadata)
        score = hit.score + 0.15 * _overlap(question, rec["heading"] + " " + rec["text"])
        title = f"{rec['document']}: {rec['heading']}"
        hits.append(HelpHit("policy", score, rec["source"], title, rec["text"], "", hit.score))
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


def _relevant(question: str, hits: list[HelpHit]) -> bool:
    return bool(hits) and passes_gate(hits[0].dense, question_coverage(question, hits[0]))


def _with_previous_help_question(ctx: TurnContext, question: str) -> tuple[str, list[HelpHit]] | None:
    """An elliptic follow-up ("and how fast is express?") read together with the help question
    just before it. It must still be about the entry in its own words too: a new topic tacked onto
    the last one ("and gift wrapping?") would otherwise borrow the last topic's closeness."""
    history = ctx.state.history
    if len(history) < 2 or history[-1].role != "assistant" or history[-1].intent != "faq_policy":
        return None
    joined = f"{history[-2].text} {question}"
    hits = search_help(ctx, joined)
    if not _relevant(joined, hits) or question_coverage(question, hits[0]) == 0.0:
        return None
    return joined, hits


def _section_of_the_same_page(ctx: TurnContext, question: str, hits: list[HelpHit]) -> list[HelpHit] | None:
    """The nearest entry is one section of a policy page and does not answer; a question about the
    page's subject as a whole ("is the warranty the same on every product?") is answered by the
    page's opening (the text before its first section, titled with the page's own title), when
    that passes the gate on its own. Other sections stay out: each is about its own case."""
    if not hits or hits[0].kind != "policy":
        return None
    page = hits[0].source.split("#", 1)[0]
    wider = search_help(ctx, question, k=SAME_PAGE_K)
    for hit in wider:
        document, _, heading = hit.title.partition(": ")
        opening = hit.kind == "policy" and hit.source.split("#", 1)[0] == page and heading == document
        if opening and passes_gate(hit.dense, question_coverage(question, hit)):
            return [hit, *(h for h in wider if h is not hit)]
    return None


SAME_PAGE_K = 12  # help entries looked at for the opening of the nearest page


def answer_faq(ctx: TurnContext, min_score: float | None = None) -> SkillResult:
    question = ctx.message
    hits = search_help(ctx, question)
    threshold = ctx.services.settings.faq_min_score if min_score is None else min_score
    relevant = _relevant(question, hits)
    if not relevant and (same_page := _section_of_the_same_page(ctx, question, hits)):
        hits, relevant = same_page, True
    if not relevant and (follow_up := _with_previous_help_question(ctx, question)):
        question, hits = follow_up
        relevant = True
    if not hits or hits[0].score < threshold or not relevant:
        body = voice(ctx)("faq.not_sure")
        # Confidence 0: the question was not answered, so it is listed among the unanswered
        # questions of the analytics page (turns below its LOW_CONFIDENCE), however near the
        # nearest entry was.
        return SkillResult("faq_policy", "faq", body, helped=False, offered_person=True, confidence=0.0)
    best = hits[0]
    answer = best.text if best.kind == "faq" else best_sentences(ctx, question, best.text)
    citations = [Citation(source=best.source, snippet=answer[:300], url=best.url)]
    # A second source when it is nearly as good and says something else: policies and FAQs overlap.
    for other in hits[1:3]:
        if other.score >= best.score - 0.05 and other.source != best.source and other.kind != best.kind:
            citations.append(Citation(source=other.source, snippet=other.text[:300], url=other.url))
            break
    say = voice(ctx)
    cited = best.source if best.kind == "policy" else say("faq.faq_source", question=best.title)
    body = f"{answer}\n\n{say('faq.source', source=cited)}"
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
