"""Answer composition: facts in, checked text out.

Fact-bearing parts (item lines, tables, policy sentences, order status) are built from data by the
skills. The generator only writes one closing sentence after them, and everything it writes passes
`AnswerChecker` before a shopper sees it; a rejected text is regenerated once with a stricter
prompt, then replaced by a template sentence. The Reply records which path produced the text.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from assistant.compose.fact_sheet import FactSheet
from assistant.compose.replies import Replies, packaged_replies
from assistant.contracts import TextSource
from assistant.models.generators import Generator

PROMPTS_DIR = Path(__file__).resolve().parent / "prompts"
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
URL = re.compile(r"(https?://|www\.)\S+", re.I)
EMAIL = re.compile(r"\S+@\S+\.\w+")
SCAFFOLDING = re.compile(
    r"\b(?:the shopper|shopper (?:wants|said|asked)|facts?\b|<\/?\w+>|as an ai|language model)", re.I
)
# Claims a small model likes to invent; each is allowed only when the facts themselves say it.
RISKY_TERMS = (
    "discount", "coupon", "promo", "voucher", "% off", "percent off", "sale", "deal", "free",
    "refund", "guarantee", "warranty", "in stock", "out of stock", "only a few", "last one", "left in",
    "best-selling", "bestseller", "best seller", "best in the market", "on the market", "number one",
    "#1", "cheapest", "lowest price", "most popular", "award", "certified", "clinically", "100%",
    "ship", "deliver", "tomorrow", "today", "cancel", "return", "exchange", "price match",
    # found by the red team (tests/security): offers without the usual words, other shops, other languages
    "code", "checkout", "on us", "on the house", "no charge", "complimentary", "half price", "half off",
    "bogo", "buy one get one", "gift card", "store credit", "money back", "cash back", "cashback",
    "clearance", "dollar", "bucks", "euro", "competitor", "amazon", "elsewhere", "another store",
    "gutschein", "rabatt", "kostenlos", "gratis", "gratuit", "remise", "réduction", "descuento",
    "cupón", "cupon", "sconto", "gratuito", "código", "codigo", "优惠", "優惠", "折扣", "免费", "免費",
)  # fmt: skip
# Talk about the assistant itself: a model that says these is leaking or role-playing.
META = re.compile(
    r"\b(?:system prompt|(?:my|hidden|secret|internal) (?:instructions|rules|prompt|marker)|canary|"
    r"developer mode|jailbreak|as an ai|language model|DAN)\b|\b(?:system|admin|assistant|user)\s*:",
    re.I,
)
DOMAIN = re.compile(
    r"\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|co|shop|store|example|xyz|info|biz|ru|cn|ly|me|app|dev|gg|uk|de|fr)\b",
    re.I,
)
ENCODED = re.compile(r"[A-Za-z0-9+/=_-]{20,}")  # base64, hex dumps and other unreadable blobs
INVISIBLE = re.compile(r"[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\x00-\x08\x0b-\x1f]")
ENGLISH = frozenset(
    re.findall(r"\w+", "the a an you your i we our it its is are this these that here for to of and in with")
    + re.findall(r"\w+", "some what which there be can will have has on at as")
)


@lru_cache(maxsize=32)
def load_prompt(name: str) -> str:
    return (PROMPTS_DIR / f"{name}.txt").read_text(encoding="utf-8")


def normalize_number(token: str) -> str:
    token = token.replace(",", "")
    return token[:-3] if token.endswith(".00") else token.rstrip("0").rstrip(".") if "." in token else token


@dataclass(frozen=True)
class Facts:
    """What an answer may state. `lines` go into the prompt; the rest bounds the check."""

    lines: tuple[str, ...]
    names: frozenset[str] = frozenset()  # product titles and brands that may be named (lowercase)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def numbers(self) -> frozenset[str]:
        return frozenset(normalize_number(n) for n in NUMBER.findall(self.text))


@dataclass(frozen=True)
class CheckResult:
    tripwire_triggered: bool
    reasons: tuple[str, ...] = ()


class AnswerChecker:
    """Rejects generated text that states anything outside the facts."""

    def __init__(self, titles: Iterable[str], brands: Iterable[str], canary: str) -> None:
        self.titles = sorted({t.lower() for t in titles if len(t) > 3}, key=len, reverse=True)
        self.brands = {b.lower() for b in brands if len(b) > 2}
        self.brand_pattern = (
            re.compile(
                r"\b(" + "|".join(re.escape(b) for b in sorted(self.brands, key=len, reverse=True)) + r")\b"
            )
            if self.brands
            else None
        )
        self.canary = canary
        self.prompt_shingles = system_prompt_shingles()

    def check(self, text: str, facts: Facts, max_words: int = 60) -> CheckResult:
        reasons: list[str] = []
        if INVISIBLE.search(text):
            reasons.append("invisible or control characters")
        # Compatibility forms and confusable spacing fold onto plain letters before any comparison.
        text = unicodedata.normalize("NFKC", INVISIBLE.sub("", text))
        lower = text.lower()
        facts_lower = facts.text.lower()
        squeezed = re.sub(r"[^a-z0-9]", "", lower)
        marker = re.sub(r"[^a-z0-9]", "", self.canary.lower().removeprefix("canary-")) if self.canary else ""
        if self.canary and (self.canary.lower() in lower or (marker and marker in squeezed)):
            reasons.append("repeats the system prompt marker")
        words = re.findall(r"[a-z']+", lower)
        if any(" ".join(words[i : i + 5]) in self.prompt_shingles for i in range(len(words) - 4)):
            reasons.append("repeats the system prompt")
        if META.search(text):
            reasons.append("talks about its own instructions or role")
        if len(words) >= 4 and not ENGLISH.intersection(words):
            reasons.append("not plain English")
        if any(blob not in facts.text for blob in ENCODED.findall(text)):
            reasons.append("an encoded or unreadable token")
        if any(d.group(0).lower() not in facts_lower for d in DOMAIN.finditer(text)):
            reasons.append("a web address that is not in the facts")
        if len(re.findall(r"[a-z]", lower)) < 3:
            reasons.append("no words")
        if len(text.split()) > max_words:
            reasons.append(f"longer than {max_words} words")
        for number in NUMBER.findall(text):
            if normalize_number(number) not in facts.numbers:
                reasons.append(f"number {number} is not in the facts")
        if URL.search(text) and not all(u.group(0) in facts.text for u in URL.finditer(text)):
            reasons.append("a link that is not in the facts")
        if EMAIL.search(text):
            reasons.append("an email address")
        if SCAFFOLDING.search(text):
            reasons.append("repeats the prompt's wording instead of talking to the shopper")
        for term in RISKY_TERMS:
            if term in lower and term not in facts_lower:
                reasons.append(f"claims '{term}' without a fact")
        allowed = {n.lower() for n in facts.names}
        if self.brand_pattern is not None:
            for found in set(self.brand_pattern.findall(lower)):
                if found not in allowed and found not in facts_lower:
                    reasons.append(f"names brand '{found}' not in the facts")
        for title in self.titles:
            if title in lower and title not in allowed and title not in facts_lower:
                reasons.append(f"names product '{title}' not in the facts")
                break
        return CheckResult(bool(reasons), tuple(reasons))


@lru_cache(maxsize=1)
def system_prompt_shingles() -> frozenset[str]:
    """Every run of five words in the system prompt: a draft that repeats one is leaking it."""
    words = re.findall(r"[a-z']+", re.sub(r"\{[a-z_]+\}", " ", load_prompt("system").lower()))
    return frozenset(" ".join(words[i : i + 5]) for i in range(len(words) - 4))


def first_sentences(text: str, limit: int = 2) -> str:
    text = re.sub(r"\s+", " ", text.replace("*", "").replace("#", "")).strip().strip('"').strip()
    parts = re.split(r"(?<=[.!?])\s+", text)
    return " ".join(parts[:limit]).strip()


def pick(options: Sequence[str], key: str) -> str:
    """A varied but reproducible choice: the same turn gets the same words."""
    digest = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    return options[digest % len(options)]


def closing_problems(draft: str, facts: Facts) -> list[str]:
    """A closing sentence adds warmth, never facts: the facts are already on screen above it."""
    problems = []
    if not re.search(r"[.!?]$", draft.strip()):
        problems.append("an unfinished sentence")
    if re.search(r"\d", draft):
        problems.append("a number in a closing sentence")
    lower = draft.lower()
    if any(name and name in lower for name in facts.names):
        problems.append("names a product or brand in a closing sentence")
    if re.search(r"\b(?:vary|varies|depend|depends|usually|typically|generally)\b", lower):
        problems.append("hedges a rule the facts state plainly")
    if re.search(r"\b(?:sorry|apologi[sz]e\w*|confusion|misunderstanding)\b", lower):
        # Seen in `make run`: "I'm sorry for the confusion" after a list that answered the question.
        problems.append("apologises for a confusion the conversation never had")
    return problems


# The whole-answer check (compose/whole_check.py), passed in so this module does not import it back.
WholeCheck = Callable[[str, FactSheet], "CheckResult"]


@dataclass
class Composition:
    text: str
    source: TextSource
    rejected: list[str] = field(default_factory=list)  # why generated drafts were rejected


def new_canary() -> str:
    return f"CANARY-{secrets.token_hex(6)}"


class Composer:
    def __init__(
        self,
        generator: Generator | None,
        checker: AnswerChecker,
        shop_name: str = "our shop",
        max_tokens: int = 48,
        replies: Replies | None = None,
    ) -> None:
        self.generator = generator
        self.replies = replies or packaged_replies()  # every template sentence a shopper reads
        self.checker = checker
        self.shop_name = shop_name
        self.max_tokens = max_tokens

    def _messages(self, purpose: str, message: str, facts: Facts, stricter: bool) -> list[dict[str, str]]:
        system = load_prompt("system").format(shop_name=self.shop_name, canary=self.checker.canary)
        # Braces in shopper text must not reach str.format.
        safe_message = message.replace("{", "(").replace("}", ")")[:500]
        user = load_prompt(purpose).format(message=safe_message, facts=facts.text)
        if stricter:
            user += "\n\n" + load_prompt("fallback")
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]

    def checked_sentence(self, purpose: str, message: str, facts: Facts, template: str) -> Composition:
        """One checked sentence from the generator, or the template sentence (which may be empty)."""
        if self.generator is None or self.generator.name == "none":
            return Composition(template, "template")
        rejected: list[str] = []
        for attempt, stricter in enumerate((False, True)):
            try:
                raw = "".join(
                    self.generator.generate(
                        self._messages(purpose, message, facts, stricter), max_tokens=self.max_tokens
                    )
                )
            except Exception as exc:  # a failing model must not fail the turn; the template stands
                rejected.append(f"generator error: {type(exc).__name__}")
                break
            draft = first_sentences(raw, limit=1)
            reasons = list(self.checker.check(draft, facts, max_words=30).reasons)
            reasons.extend(closing_problems(draft, facts))
            if not reasons:
                return Composition(draft, "generated" if attempt == 0 else "regenerated", rejected)
            rejected.extend(reasons)
        return Composition(template, "template", rejected)

    def whole_answer(self, message: str, sheet: FactSheet, check: WholeCheck, max_tokens: int) -> Composition:
        """The whole answer written from the fact sheet and checked span by span; the sheet's
        template answer when the generator fails or the check rejects the draft."""
        if self.generator is None or self.generator.name == "none":
            return Composition(sheet.template, "template")
        system = load_prompt("system").format(shop_name=self.shop_name, canary=self.checker.canary)
        safe_message = message.replace("{", "(").replace("}", ")")[:500]
        user = load_prompt("whole").format(message=safe_message, facts="\n".join(sheet.lines()))
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        try:
            draft = "".join(self.generator.generate(messages, max_tokens=max_tokens)).strip()
        except Exception as exc:  # a failing model must not fail the turn; the template stands
            return Composition(sheet.template, "template", [f"generator error: {type(exc).__name__}"])
        verdict = check(draft, sheet)
        if not draft or verdict.tripwire_triggered:
            return Composition(sheet.template, "template", list(verdict.reasons) or ["empty answer"])
        return Composition(draft, "generated")
