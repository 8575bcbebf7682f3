"""The span-level check of a whole generated answer against its fact sheet.

`AnswerChecker` bounds what any generated text may contain (names, numbers, risky claims, leaks).
A whole answer states many facts at once, so it is also checked span by span:
- every price is said of the item it belongs to (a real price on the wrong item is a lie);
- every product named is a shown item, and no unknown proper name appears (an invented product);
- every required disclosure is carried (coverage);
- no policy is reversed ("at your discretion", "cannot be returned" where the policy says it can);
- an order status is the order's own;
- the answer is about this question's facts, not another's.
A failed answer is replaced by the sheet's template answer; the reasons are logged and counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.compose.composer import NUMBER, AnswerChecker, CheckResult, Facts, normalize_number
from assistant.compose.fact_sheet import FactSheet, ItemFact

SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n+")
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
MONEY = re.compile(
    r"(?:[$€£]\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s?(?:dollars?|usd|eur|euros?|gbp|pounds?)\b)", re.I
)
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
NEGATION = re.compile(r"\b(?:not|no|never|cannot|can't|won't|don't|doesn't|isn't|aren't|without|non)\b|n't\b")
# Claims that turn a policy around; each is allowed only when the facts themselves say it.
REVERSALS = (
    "discretion", "no returns", "no refund", "non-refundable", "not refundable", "final sale",
    "not eligible", "cannot be returned", "can't be returned", "not accepted", "we don't accept",
    "we do not accept", "not possible", "not allowed", "void", "forfeit", "fee applies", "restocking",
)  # fmt: skip
# Words that open a sentence or a name but are no product name themselves.
NAME_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "our",
        "your",
        "this",
        "these",
        "that",
        "those",
        "both",
        "here",
        "there",
        "it",
        "its",
        "we",
        "you",
        "i",
        "my",
        "if",
        "for",
        "with",
        "and",
        "or",
        "but",
        "yes",
        "no",
        "sure",
        "great",
        "good",
        "also",
        "so",
        "to",
        "in",
        "on",
        "at",
        "as",
        "by",
        "from",
    ]
)
STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "you",
        "your",
        "we",
        "our",
        "i",
        "me",
        "my",
        "they",
        "them",
        "their",
        "there",
        "here",
        "what",
        "which",
        "who",
        "how",
        "when",
        "where",
        "why",
        "can",
        "could",
        "would",
        "should",
        "will",
        "may",
        "might",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "not",
        "no",
        "so",
        "as",
        "if",
        "than",
        "then",
        "also",
        "just",
        "only",
        "very",
        "more",
        "most",
        "one",
        "ones",
        "any",
        "some",
        "all",
        "each",
        "both",
        "about",
        "into",
        "over",
        "under",
        "up",
        "out",
        "get",
        "got",
    ]
)


def content_words(text: str) -> list[str]:
    return [w for w in WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2]


def stem(word: str) -> str:
    """A crude stem: enough to let "returned" meet "returns" without a lexicon."""
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


class WholeAnswerChecker:
    """Checks a whole answer against its fact sheet; `status_words` are the shop's order statuses."""

    def __init__(self, base: AnswerChecker, status_words: Iterable[str] = ()) -> None:
        self.base = base
        self.status_words = frozenset(s.lower() for s in status_words if s)
        self.status_pattern = (
            re.compile(
                r"\b("
                + "|".join(re.escape(s) for s in sorted(self.status_words, key=len, reverse=True))
                + r")\b"
            )
            if self.status_words
            else None
        )

    def check(self, answer: str, sheet: FactSheet, max_words: int = 160) -> CheckResult:
        facts = Facts((*sheet.lines(), sheet.template, sheet.question), sheet.names())
        reasons = list(self.base.check(answer, facts, max_words=max_words).reasons)
        fact_text = facts.text.lower()
        reasons += self._prices(answer, sheet)
        reasons += self._names(answer, fact_text)
        reasons += self._coverage(answer, sheet)
        reasons += self._policy(answer, fact_text)
        reasons += self._status(answer, fact_text)
        reasons += self._relevance(answer, sheet)
        return CheckResult(bool(reasons), tuple(dict.fromkeys(reasons)))

    # --- spans -----------------------------------------------------------------------------
    def _prices(self, answer: str, sheet: FactSheet) -> list[str]:
        """A price said in a sentence that names one item must be that item's price (or a number
        the item's own facts state, such as the budget in its reasons)."""
        problems = []
        for sentence in SENTENCE.split(answer):
            amounts = [normalize_number(NUMBER.findall(m)[0]) for m in MONEY.findall(sentence)]
            if not amounts:
                continue
            named = items_named(sentence, sheet.items)
            if not named:
                continue
            allowed = set()
            for it in named:
                allowed.add(normalize_number(f"{it.price:.2f}"))
                allowed.update(
                    normalize_number(n) for n in NUMBER.findall(" ".join(it.reasons) + it.variant_label)
                )
            allowed.update(normalize_number(n) for d in sheet.disclosures for n in NUMBER.findall(d))
            allowed.update(normalize_number(n) for n in NUMBER.findall(sheet.question))
            for amount in amounts:
                if amount not in allowed:
                    who = ", ".join(it.title for it in named)
                    problems.append(f"price {amount} said of {who}, which it does not cost")
        return problems

    def _names(self, answer: str, fact_text: str) -> list[str]:
        """Runs of capitalised words that the facts never mention: an invented product or brand."""
        problems = []
        for sentence in SENTENCE.split(answer):
            for run in re.findall(r"(?:\b[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|\d[\w-]*))+)", sentence):
                words = run.split()
                while words and words[0].lower() in NAME_OPENERS:
                    words.pop(0)
                if len(words) < 2:
                    continue
                phrase = " ".join(words).lower()
                if phrase not in fact_text and not all(w.lower() in fact_text for w in words):
                    problems.append(f"names '{' '.join(words)}', which is not in the facts")
        return problems

    def _coverage(self, answer: str, sheet: FactSheet) -> list[str]:
        """Every disclosure must be carried: its numbers, and most of its content words (stemmed)."""
        said = {stem(w) for w in content_words(answer)}
        said_numbers = {normalize_number(n) for n in NUMBER.findall(answer)}
        problems = []
        for disclosure in sheet.disclosures:
            numbers = {normalize_number(n) for n in NUMBER.findall(disclosure)}
            words = {stem(w) for w in content_words(disclosure)}
            covered = len(words & said) / len(words) if words else 1.0
            if not numbers <= said_numbers or covered < 0.5:
                problems.append(f"drops the disclosure '{disclosure}'")
        return problems

    def _policy(self, answer: str, fact_text: str) -> list[str]:
        lower = answer.lower()
        problems = [
            f"reverses a policy: '{term}'" for term in REVERSALS if term in lower and term not in fact_text
        ]
        # A negation next to a word the facts state without one: "items can NOT be returned".
        fact_words = WORD.findall(fact_text)
        negated_in_facts = {
            stem(w)
            for i, w in enumerate(fact_words)
            if any(NEGATION.match(x) for x in fact_words[max(0, i - 3) : i])
        }
        known = {stem(w) for w in fact_words}
        words = WORD.findall(lower)
        for i, word in enumerate(words):
            if not NEGATION.fullmatch(word) and not word.endswith("n't"):
                continue
            for follower in words[i + 1 : i + 4]:
                s = stem(follower)
                if follower not in STOPWORDS and s in known and s not in negated_in_facts:
                    problems.append(f"negates '{follower}', which the facts state plainly")
                    break
        return problems

    def _status(self, answer: str, fact_text: str) -> list[str]:
        if self.status_pattern is None:
            return []
        return [
            f"order status '{s}' is not the order's"
            for s in set(self.status_pattern.findall(answer.lower()))
            if not re.search(r"\b" + re.escape(s) + r"\b", fact_text)
        ]

    def _relevance(self, answer: str, sheet: FactSheet) -> list[str]:
        """An answer to another question: names none of the shown items, or shares too little with
        the facts and the question."""
        if (
            sheet.items
            and not items_named(answer, sheet.items)
            and not re.search(r"\b(?:both|all|them|these|those)\b", answer.lower())
        ):
            return ["names none of the items shown"]
        words = content_words(answer)
        if len(words) < 4:
            return []
        known = {stem(w) for w in content_words("\n".join([*sheet.lines(), sheet.template, sheet.question]))}
        overlap = sum(stem(w) in known for w in words) / len(words)
        return (
            []
            if overlap >= 0.4
            else [f"answers another question (only {overlap:.0%} of its words are in the facts)"]
        )


def distinctive_tokens(item: ItemFact, items: Iterable[ItemFact]) -> set[str]:
    """Title words that single this item out among the items shown."""
    mine = set(content_words(item.title))
    others: set[str] = set()
    for other in items:
        if other is not item:
            others.update(content_words(other.title))
    return mine - others


def items_named(text: str, items: tuple[ItemFact, ...]) -> list[ItemFact]:
    """The items a span speaks of: by full title, a distinctive title word, or an ordinal."""
    lower = text.lower()
    words = set(content_words(text))
    named = []
    for it in items:
        if it.title.lower() in lower or distinctive_tokens(it, items) & words:
            named.append(it)
    for word, position in ORDINALS.items():
        if re.search(rf"\b(?:the )?{word}\b", lower) and items:
            target = items[position - 1] if 0 < position <= len(items) else items[-1]
            if target not in named and position <= len(items):
                named.append(target)
    return named
