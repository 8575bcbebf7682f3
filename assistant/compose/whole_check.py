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
from importlib.resources import files

import yaml

from assistant.compose.composer import NUMBER, AnswerChecker, CheckResult, Facts, normalize_number
from assistant.compose.fact_sheet import FactSheet, ItemFact

WORDS = yaml.safe_load((files("assistant.compose") / "check_words.yaml").read_text(encoding="utf-8"))
REVERSALS: tuple[str, ...] = tuple(WORDS["reversals"])
NAME_OPENERS = frozenset(WORDS["name_openers"])
STOPWORDS = frozenset(WORDS["stopwords"])
SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n+")
PRICE_SPAN = re.compile(r"(?<=[.!?])\s+|\n+")  # a price after ";" or ":" still belongs to its sentence
CLAUSE = re.compile(r"[.!?;:,\n()—-]+")
BOUND = re.compile(
    r"\b(within|after|before|under|over|up to|at least|at most|more than|less than|no later than|no more than)"
    r"\s+(\d[\d,.]*)"
)
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
MONEY = re.compile(
    r"(?:[$€£]\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s?(?:dollars?|usd|eur|euros?|gbp|pounds?)\b)", re.I
)
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
NEGATION = re.compile(r"\b(?:not|no|never|cannot|can't|won't|don't|doesn't|isn't|aren't|without|non)\b|n't\b")
# Claims that turn a policy around; each is allowed only when the facts themselves say it.
# Words that open a sentence or a name but are no product name themselves.


def content_words(text: str) -> list[str]:
    return [w for w in WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2]


def is_negation(word: str) -> bool:
    return bool(NEGATION.fullmatch(word)) or word.endswith("n't")


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
        reasons += self._item_facts(answer, sheet)
        reasons += self._names(answer, fact_text)
        reasons += self._coverage(answer, sheet)
        reasons += self._policy(answer, fact_text)
        if sheet.intent.startswith("order"):
            reasons += self._status(answer, fact_text)
        reasons += self._relevance(answer, sheet)
        return CheckResult(bool(reasons), tuple(dict.fromkeys(reasons)))

    # --- spans -----------------------------------------------------------------------------
    def _prices(self, answer: str, sheet: FactSheet) -> list[str]:
        """Each price is said of the item mentioned nearest before it in its sentence (or, when none
        is before it, nearest after): it must be that item's price, or a number that item's own
        facts, the disclosures or the question state (a budget)."""
        shared = {normalize_number(n) for d in sheet.disclosures for n in NUMBER.findall(d)}
        shared |= {normalize_number(n) for n in NUMBER.findall(sheet.question)}
        problems = []
        for sentence in PRICE_SPAN.split(answer):
            mentions = item_mentions(sentence, sheet.items)
            if not mentions:
                continue
            for found in MONEY.finditer(sentence):
                amount = normalize_number(NUMBER.findall(found.group(0))[0])
                before = [m for m in mentions if m[0] <= found.start()]
                it = (before[-1] if before else mentions[0])[1]
                allowed = set(shared)
                for same in (o for o in sheet.items if o.title == it.title):  # a title listed twice
                    allowed.add(normalize_number(f"{same.price:.2f}"))
                    allowed |= {
                        normalize_number(n)
                        for n in NUMBER.findall(" ".join(same.reasons) + same.variant_label)
                    }
                if amount not in allowed:
                    problems.append(f"price {amount} said of {it.title}, which it does not cost")
        return problems

    def _item_facts(self, answer: str, sheet: FactSheet) -> list[str]:
        """A sentence about one item may not give it a fact word or number that only another
        item's facts hold ("a lifetime warranty", "a 3 year warranty" said of the case whose
        warranty is 3 months)."""
        problems = []
        own = {it.title: item_words(it) | item_numbers(it) for it in sheet.items}
        free = self._question_words(sheet) | {str(len(sheet.items))}  # "Here are 5 ..." counts the items
        for sentence in PRICE_SPAN.split(answer):
            named = items_named(sentence, sheet.items)
            if len(named) != 1 or len(own) < 2:
                continue
            mine = own[named[0].title]
            others = set().union(*(w for title, w in own.items() if title != named[0].title))
            said = [(w, stem(w)) for w in content_words(sentence) if not w.isdigit()]
            said += [(n, normalize_number(n)) for n in NUMBER.findall(sentence)]
            for word, key in said:
                if key in others and key not in mine and key not in free:
                    problems.append(f"says '{word}' of {named[0].title}, a fact of another item")
                    break
        return problems

    @staticmethod
    def _question_words(sheet: FactSheet) -> set[str]:
        # Disclosures speak of the request, not of one item; the question does not vouch for an item.
        text = " ".join(sheet.disclosures)
        return {stem(w) for w in content_words(text)} | {normalize_number(n) for n in NUMBER.findall(text)}

    def _names(self, answer: str, fact_text: str) -> list[str]:
        """Runs of capitalised words that the facts never mention: an invented product or brand."""
        problems = []
        for sentence in SENTENCE.split(answer):
            for run in re.findall(r"(?:\b[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|\d[\w-]*))+)", sentence):
                words = run.split()
                while words and words[0].lower() in NAME_OPENERS:
                    words.pop(0)
                words = [w for w in words if not w.isdigit()] if len(words) < 3 else words
                if len(words) < 2:
                    continue
                phrase = " ".join(words).lower()
                if phrase not in fact_text and not all(w.lower() in fact_text for w in words):
                    problems.append(f"names '{' '.join(words)}', which is not in the facts")
        return problems

    def _coverage(self, answer: str, sheet: FactSheet) -> list[str]:
        """Every disclosure must be carried: its numbers, and most of the words that only it says
        (words the item lines also hold prove nothing about the disclosure)."""
        said = {stem(w) for w in content_words(answer)}
        said_numbers = {normalize_number(n) for n in NUMBER.findall(answer)}
        item_words = {
            stem(w)
            for it in sheet.items
            for w in content_words(f"{it.title} {it.variant_label} {' '.join(it.reasons)}")
        }
        problems = []
        for disclosure in sheet.disclosures:
            numbers = {normalize_number(n) for n in NUMBER.findall(disclosure)}
            words = {stem(w) for w in content_words(disclosure)}
            own = (words - item_words) or words
            covered = len(own & said) / len(own) if own else 1.0
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
            if any(is_negation(x) for x in fact_words[max(0, i - 3) : i])
        }
        known = {stem(w) for w in fact_words}
        for clause in CLAUSE.split(lower):
            words = WORD.findall(clause)
            for i, word in enumerate(words):
                if not is_negation(word):
                    continue
                for follower in words[i + 1 : i + 4]:
                    s = stem(follower)
                    if follower not in STOPWORDS and s in known and s not in negated_in_facts:
                        problems.append(f"negates '{follower}', which the facts state plainly")
                        break
        # A bound turned around: "within 30 days" said as "after 30 days".
        fact_bounds = set(BOUND.findall(fact_text))
        fact_numbers_bound = {n for _, n in fact_bounds}
        for bound, number in BOUND.findall(lower):
            if number in fact_numbers_bound and (bound, number) not in fact_bounds:
                problems.append(f"says '{bound} {number}' where the facts bound {number} otherwise")
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
        the facts it should be stating."""
        if (
            sheet.items
            and not items_named(answer, sheet.items)
            and not re.search(r"\b(?:both|all|them|these|those)\b", answer.lower())
        ):
            return ["names none of the items shown"]
        words = content_words(answer)
        stated = [*sheet.lines(), sheet.template]
        if not words or not any(stated):
            return []
        known = {stem(w) for w in content_words("\n".join(stated))}
        shared = sum(stem(w) in known for w in words)
        if shared / len(words) >= 0.4 and (shared >= 2 or len(words) < 3):
            return []
        return [f"answers another question (only {shared} of its {len(words)} words are in the facts)"]


def distinctive_tokens(item: ItemFact, items: Iterable[ItemFact]) -> set[str]:
    """Title words that single this item out among the items shown."""
    mine = set(content_words(item.title))
    others: set[str] = set()
    for other in items:
        if other is not item:
            others.update(content_words(other.title))
    return mine - others


def item_numbers(item: ItemFact) -> set[str]:
    """The numbers an item's own facts hold, its price included."""
    text = " ".join([item.title, item.variant_label, *item.reasons])
    return {normalize_number(n) for n in NUMBER.findall(text)} | {normalize_number(f"{item.price:.2f}")}


def item_words(item: ItemFact) -> set[str]:
    """The stemmed words an item's own facts hold: title, brand, variant, reasons."""
    return {
        stem(w) for w in content_words(" ".join([item.title, item.brand, item.variant_label, *item.reasons]))
    }


def item_mentions(text: str, items: tuple[ItemFact, ...]) -> list[tuple[int, ItemFact]]:
    """Where in the text each item is mentioned, in order: its full title (a title inside a longer
    title that is also shown counts for the longer one: "Monopod" in "Selfie Stick Monopod"), else a
    distinctive title word, else an ordinal."""
    lower = text.lower()
    spans = [
        (m.start(), m.end(), it)
        for it in items
        for m in re.finditer(re.escape(it.title.lower()), lower)
        if it.title
    ]
    spans = [
        s
        for s in spans
        if not any(o[0] <= s[0] and s[1] <= o[1] and o[1] - o[0] > s[1] - s[0] for o in spans)
    ]
    found = [(start, it) for start, _, it in spans]
    titled = {id(it) for _, _, it in spans}
    for it in items:
        if id(it) in titled:
            continue
        for token in sorted(distinctive_tokens(it, items)):
            for hit in re.finditer(rf"\b{re.escape(token)}\b", lower):
                if not any(a <= hit.start() < b for a, b, _ in spans):
                    found.append((hit.start(), it))
                    break
    for word, position in ORDINALS.items():
        ordinal = re.search(rf"\b{word}\b", lower)
        if ordinal and items and 0 < position <= len(items):
            found.append((ordinal.start(), items[position - 1]))
    return sorted(found, key=lambda m: m[0])


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
