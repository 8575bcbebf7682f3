"""The whole-answer checker, measured by mutation.

Real fact sheets (evaluation/fact_sheets/<store>.jsonl, collected by scripts/collect_fact_sheets.py)
each get faithful answers (the template answer and a prose rendering), and each faithful answer is
mutated one way at a time: a wrong price, a swapped or invented product, a dropped disclosure, an
invented offer, a reversed policy, a wrong order status, an answer to another question. The checker
must catch the mutants (catch rate) and pass the faithful answers, including hand-written
paraphrases (evaluation/paraphrases.yaml; false-reject rate).
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.compose.fact_sheet import FactSheet, ItemFact
from assistant.compose.whole_check import WholeAnswerChecker
from assistant.retrieve.explain import money

OFFERS = (
    "Use code SAVE10 at checkout for 10% off.",
    "Shipping is free on this order.",
    "These are on sale this week only.",
    "Buy one, get one half price today.",
    "We'll price match any competitor.",
    "You also get a free gift with it.",
    "Order now and it arrives tomorrow.",
    "There's a lifetime guarantee on this.",
    "Only a few left in stock, so hurry.",
    "Members get an extra 15 percent off.",
)
POLICY_FLIPS = (
    (r"\bcan be\b", "cannot be"),
    (r"\bare\b", "are not"),
    (r"\bis\b", "is not"),
    (r"\bwill\b", "will not"),
    (r"\bwe accept\b", "we do not accept"),
    (r"\bwithin\b", "only after"),
)
REVERSAL_TAILS = (
    "Returns are at your discretion.",
    "All sales are final, so no returns.",
    "Refunds are not possible on this.",
)
SYLLABLES = ("zen", "tra", "vol", "kor", "mira", "lux", "pex", "ori", "vant", "quil")
Mutator = Callable[[FactSheet, str, random.Random, "Corpus"], str | None]


@dataclass
class Corpus:
    """What mutations borrow from: other sheets, other statuses, every catalog title of the store."""

    sheets: Sequence[FactSheet]
    titles: Sequence[str]
    statuses: Sequence[str]


def faithful_prose(sheet: FactSheet) -> str:
    """A plain prose answer that states only the sheet's facts: the shape a capable model writes."""
    parts: list[str] = []
    if sheet.items:
        parts.append(f"I found {len(sheet.items)} option{'s' if len(sheet.items) > 1 else ''} for you.")
        for it in sheet.items:
            variant = f" in {it.variant_label}" if it.variant_label else ""
            why = f", {it.reasons[0]}" if it.reasons else ""
            parts.append(f"The {it.title}{variant} is {money(it.price, it.currency)}{why}.")
    parts.extend(d if d.endswith((".", "!", "?")) else d + "." for d in sheet.disclosures)
    parts.extend(p.text for p in sheet.passages[:2])
    parts.extend(sheet.facts[:1] if not sheet.items else [])
    return " ".join(parts) if parts else sheet.template


def _price_of(it: ItemFact) -> str:
    return money(it.price, it.currency)


def wrong_price(sheet: FactSheet, answer: str, rng: random.Random, corpus: Corpus) -> str | None:
    said = [it for it in sheet.items if _price_of(it) in answer]
    if not said:
        return None
    it = rng.choice(said)
    others = [o.price for o in sheet.items if o.price != it.price]
    wrong = (
        rng.choice(others)
        if others and rng.random() < 0.5
        else round(it.price * rng.choice((0.8, 0.9, 1.15, 1.3)) + 1, 2)
    )
    return answer.replace(_price_of(it), money(wrong, it.currency), 1)


def swap_product(sheet: FactSheet, answer: str, rng: random.Random, corpus: Corpus) -> str | None:
    said = [it for it in sheet.items if it.title in answer]
    shown = {it.title for it in sheet.items}
    pool = [t for t in corpus.titles if t not in shown and t.lower() not in answer.lower()]
    if not said or not pool:
        return None
    return answer.replace(rng.choice(said).title, rng.choice(pool))


def invent_product(sheet: FactSheet, answer: str, rng: random.Random, corpus: Corpus) -> str | None:
    said = [it for it in sheet.items if it.title in answer]
    if not said:
        return None
    it = rng.choice(said)
    name = "".join(rng.sample(SYLLABLES, 2)).title()
    head = it.title.split()[-1]
    return answer.replace(it.title, f"{name} Pro {rng.randint(2, 900)} {head}")


def swap_reason(sheet: FactSheet, answer: str, rng: random.Random, corpus: Corpus) -> str | None:
    """One item's fact said of another: "a lifetime warranty" moved onto the case with 3 months."""
    from assistant.compose.whole_check import content_words, item_words, stem

    pairs = [
        (a, b)
        for a in sheet.items
        for b in sheet.items
        if a is not b and a.reasons and b.reasons and a.title in answer and a.reasons[0] in answer
        and {stem(w) for w in content_words(b.reasons[0]) if not w.isdigit()} - item_words(a)
    ]  # fmt: skip
    if not pairs:
        return None
    a, b = rng.choice(pairs)
    at = answer.find(a.reasons[0], answer.find(a.title))
    if at < 0:
        return None
    return answer[:at] + b.reasons[0] + answer[at + len(a.reasons[0]) :]


def drop_disclosure(sheet: FactSheet, answer: str, rng: random.Random, corpus: Corpus) -> str | None:
    out = answer
    for d in sheet.disclosures:
        out = out.replace(d, "")
    return out if out != answer else None


def invent_offer(sheet: FactSheet, answer: str, rng: random.Random, corpus: Corpus) -> str | None:
    offers = [o for o in OFFERS if o.lower() not in sheet.fact_text().lower()]
    return f"{answer} {rng.choice(offers)}" if offers else None


def reverse_policy(sheet: FactSheet, answer: str, rng: random.Random, corpus: Corpus) -> str | None:
    if not sheet.passages:
        return None
    for passage in sheet.passages:
        if passage.text not in answer:
            continue
        for pattern, flip in rng.sample(POLICY_FLIPS, len(POLICY_FLIPS)):
            if re.search(pattern, passage.text):
                return answer.replace(passage.text, re.sub(pattern, flip, passage.text, count=1))
    return f"{answer} {rng.choice(REVERSAL_TAILS)}"


def wrong_status(sheet: FactSheet, answer: str, rng: random.Random, corpus: Corpus) -> str | None:
    lower = answer.lower()
    own = [s for s in corpus.statuses if re.search(rf"\b{re.escape(s)}\b", lower)]
    if not sheet.intent.startswith("order") or not own:
        return None
    other = rng.choice([s for s in corpus.statuses if s not in own])
    return re.sub(rf"\b{re.escape(own[0])}\b", other, answer, count=1, flags=re.I)


def other_question(sheet: FactSheet, answer: str, rng: random.Random, corpus: Corpus) -> str | None:
    pool = [
        s
        for s in corpus.sheets
        if s.question != sheet.question and s.template and s.template != sheet.template
    ]
    pool = [s for s in pool if s.intent != sheet.intent] or pool
    if not pool:
        return None
    return faithful_prose(rng.choice(pool))


MUTATORS: dict[str, Mutator] = {
    "wrong_price": wrong_price,
    "swap_product": swap_product,
    "invent_product": invent_product,
    "swap_reason": swap_reason,
    "drop_disclosure": drop_disclosure,
    "invent_offer": invent_offer,
    "reverse_policy": reverse_policy,
    "wrong_status": wrong_status,
    "other_question": other_question,
}


@dataclass
class SuiteResult:
    mutants: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    faithful: int = 0
    false_rejects: int = 0
    paraphrases: int = 0
    paraphrase_rejects: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, question, mutant)
    rejected_faithful: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)

    @property
    def catch_rate(self) -> float:
        total = sum(self.mutants.values())
        return sum(self.caught.values()) / total if total else 0.0

    @property
    def false_reject_rate(self) -> float:
        total = self.faithful + self.paraphrases
        return (self.false_rejects + self.paraphrase_rejects) / total if total else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "mutants": sum(self.mutants.values()),
            "catch_rate": round(self.catch_rate, 4),
            "per_kind": {k: f"{self.caught[k]}/{n}" for k, n in sorted(self.mutants.items())},
            "faithful": self.faithful,
            "faithful_rejected": self.false_rejects,
            "paraphrases": self.paraphrases,
            "paraphrases_rejected": self.paraphrase_rejects,
            "false_reject_rate": round(self.false_reject_rate, 4),
        }


def run_suite(
    sheets: Sequence[FactSheet],
    checker: WholeAnswerChecker,
    corpus: Corpus,
    paraphrases: Sequence[tuple[FactSheet, str]] = (),
    seed: int = 7,
) -> SuiteResult:
    rng = random.Random(seed)
    result = SuiteResult()
    for sheet in sheets:
        for answer in dict.fromkeys((sheet.template, faithful_prose(sheet))):
            if not answer.strip():
                continue
            verdict = checker.check(answer, sheet)
            result.faithful += 1
            if verdict.tripwire_triggered:
                result.false_rejects += 1
                result.rejected_faithful.append((sheet.question, answer, verdict.reasons))
                continue  # a mutant of a rejected answer proves nothing
            for kind, mutate in MUTATORS.items():
                mutant = mutate(sheet, answer, rng, corpus)
                if mutant is None or mutant.strip() == answer.strip():
                    continue
                result.mutants[kind] += 1
                if checker.check(mutant, sheet).tripwire_triggered:
                    result.caught[kind] += 1
                else:
                    result.misses.append((kind, sheet.question, mutant))
    for sheet, answer in paraphrases:
        result.paraphrases += 1
        verdict = checker.check(answer, sheet)
        if verdict.tripwire_triggered:
            result.paraphrase_rejects += 1
            result.rejected_faithful.append((sheet.question, answer, verdict.reasons))
    return result


def load_sheets(path: Path) -> list[FactSheet]:
    return [
        FactSheet.from_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def load_paraphrases(path: Path, sheets_by_store: dict[str, list[FactSheet]]) -> list[tuple[FactSheet, str]]:
    """Hand-written faithful answers, each tied to a sheet by store and question."""
    if not path.exists():
        return []
    out = []
    for row in yaml.safe_load(path.read_text(encoding="utf-8"))["paraphrases"]:
        sheet = next(
            (s for s in sheets_by_store.get(row["store"], []) if s.question == row["question"]), None
        )
        if sheet is not None:
            out.append((sheet, row["answer"]))
    return out


def store_checker(store_dir: Path, canary: str = "CANARY-5e1d0c9a7b3f") -> tuple[WholeAnswerChecker, Corpus]:
    """The checker as the assistant builds it for a store (its titles, brands, order statuses)."""
    from assistant.compose.composer import AnswerChecker

    products = [
        json.loads(line)
        for line in (store_dir / "catalog.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    orders_file = store_dir / "orders.jsonl"
    statuses = (
        sorted(
            {
                json.loads(line)["status"]
                for line in orders_file.read_text(encoding="utf-8").splitlines()
                if line.strip()
            }
        )
        if orders_file.exists()
        else []
    )
    titles = [p["title"] for p in products]
    checker = WholeAnswerChecker(
        AnswerChecker(titles, {p.get("brand") or "" for p in products}, canary), statuses
    )
    return checker, Corpus([], titles, statuses)


def measure_stores(
    stores: dict[str, Path], sheets_dir: Path, paraphrases_file: Path
) -> dict[str, dict[str, object]]:
    """The mutation suite per store: catch rate, per-kind counts, false rejects (faithful and
    hand-written paraphrases)."""
    sheets = {
        s: load_sheets(sheets_dir / f"{s}.jsonl") for s in stores if (sheets_dir / f"{s}.jsonl").exists()
    }
    report: dict[str, dict[str, object]] = {}
    for store, sheet_list in sheets.items():
        checker, corpus = store_checker(stores[store])
        corpus.sheets = sheet_list
        paraphrases = load_paraphrases(paraphrases_file, {store: sheet_list})
        report[store] = run_suite(sheet_list, checker, corpus, paraphrases).as_dict()
    return report
