"""Intent classification: unambiguous rules first, then a logistic regression on MiniLM embeddings.

The weights (assistant/understand/intent_model.npz) are trained by scripts/train_intents.py; the
runtime only loads them, so startup costs a file read, and a turn costs one matrix product on top
of the query embedding the retriever needs anyway.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import numpy as np

from assistant.understand.order_ids import OrderIdFormat
from assistant.understand.turn import HANDOFF_RE, NO_RE, YES_RE, has_lettered_id
from assistant.understand.words import ORDER_WORDS_RE, QUESTION_RE, SIGNALS

INTENTS = (
    "product_search",
    "recommend",
    "compare",
    "product_question",
    "faq_policy",
    "order_status",
    "order_change",
    "handoff",
    "smalltalk",
    "out_of_scope",
    "profile",
)
CONFIRMATION = "confirmation"  # a yes/no answering a question the assistant asked
RULE_CONFIDENCE = 0.97

Embed = Callable[[list[str]], np.ndarray]

_GREETING_RE = SIGNALS["greeting"]
_INJECTION_RE = SIGNALS["injection"]
_COMPARE_RE = SIGNALS["compare"]
_PROFILE_RE = SIGNALS["profile"]
_ORDER_NUMBER_RE = re.compile(r"(?:#\s?|order\s+(?:number\s+|no\.?\s*)?)\d{4,}", re.I)
_ORDER_CHANGE_RE = SIGNALS["order_change"]
_ORDER_STATUS_RE = SIGNALS["order_status"]
_REFERENCE_RE = re.compile(
    r"\b(?:it|its|that one|this one|the (?:first|second|third|fourth|fifth|last|other) (?:one)?|"
    r"them|they|these|those|both|the \w+ one)\b",
    re.I,
)


def packaged_model_path() -> Path:
    return Path(str(files("assistant.understand") / "intent_model.npz"))


def rule_intent(
    text: str,
    has_shown_items: bool = False,
    pending_confirmation: bool = False,
    shop_ids: OrderIdFormat | None = None,
) -> str | None:
    """The intent when a rule is sure of it, else None. `shop_ids`: the shop's order id shapes,
    so only an id of those shapes makes an order turn ("Kawasaki Z800" names a product)."""
    stripped = text.strip()
    if not stripped:
        return "smalltalk"
    yes_or_no = YES_RE.search(stripped) or NO_RE.search(stripped)
    if pending_confirmation and len(stripped.split()) <= 8 and yes_or_no:
        return CONFIRMATION
    if _INJECTION_RE.search(stripped):
        return "out_of_scope"
    if HANDOFF_RE.search(stripped) and not re.search(r"\b(?:agent|manager)s? (?:of|for)\b", stripped, re.I):
        return "handoff"
    if _PROFILE_RE.search(stripped):
        return "profile"
    has_id = has_lettered_id(stripped, shop_ids) or bool(_ORDER_NUMBER_RE.search(stripped))
    if has_id or (ORDER_WORDS_RE.search(stripped) and re.search(r"\bmy\b", stripped, re.I)):
        if _ORDER_CHANGE_RE.search(stripped):
            return "order_change"
        if has_id or _ORDER_STATUS_RE.search(stripped):
            return "order_status"
    if _COMPARE_RE.search(stripped):
        return "compare"
    if _GREETING_RE.match(stripped):
        return "smalltalk"
    if has_shown_items and _REFERENCE_RE.search(stripped) and QUESTION_RE.search(stripped):
        return "product_question"
    return None


class IntentClassifier:
    """Rules, then softmax(W x + b) over an L2-normalised sentence embedding."""

    def __init__(self, model_path: Path | str | None = None, embed: Embed | None = None) -> None:
        data = np.load(str(model_path or packaged_model_path()), allow_pickle=False)
        self.weights: np.ndarray = np.asarray(data["W"], dtype=np.float32)  # (n_labels, dim)
        self.bias: np.ndarray = np.asarray(data["b"], dtype=np.float32)  # (n_labels,)
        self.labels: list[str] = [str(label) for label in data["labels"]]
        self._embed = embed

    def probabilities(self, embedding: np.ndarray) -> dict[str, float]:
        logits = self.weights @ np.asarray(embedding, dtype=np.float32).reshape(-1) + self.bias
        logits = logits - logits.max()
        probs = np.exp(logits) / np.exp(logits).sum()
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}

    def predict(
        self,
        text: str,
        embedding: np.ndarray | None = None,
        has_shown_items: bool = False,
        pending_confirmation: bool = False,
        shop_ids: OrderIdFormat | None = None,
    ) -> tuple[str, float]:
        """(intent, confidence). Without an embedding or an embedder only the rules answer, and
        an unruled turn is taken as a product search with low confidence (the shop's main job)."""
        ruled = rule_intent(text, has_shown_items, pending_confirmation, shop_ids)
        if ruled is not None:
            return ruled, RULE_CONFIDENCE
        if embedding is None and self._embed is not None:
            embedding = self._embed([text])[0]
        if embedding is None:
            return "product_search", 0.3
        probs = self.probabilities(embedding)
        best = max(probs, key=lambda label: probs[label])
        return best, probs[best]
