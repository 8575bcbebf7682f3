"""Intent accuracy on held-out utterances.

The intent engineer's training script writes `training/intent_eval.json` from a held-out split it
never trained on; that is the honest number, so it is reused. Without it, every fifth row of
`training/shop_utterances.csv` is scored, flagged as possibly seen in training.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from assistant.config import PROJECT_ROOT

EVAL_JSON = PROJECT_ROOT / "training" / "intent_eval.json"
UTTERANCES = PROJECT_ROOT / "training" / "shop_utterances.csv"


def evaluate_intents(embed: Any = None, path: Path = EVAL_JSON) -> dict[str, Any]:
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        return {
            "source": str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path),
            "held_out": True,
            "n_test": data.get("n_test"),
            "accuracy": data.get("accuracy"),
            "macro_accuracy": data.get("macro_accuracy"),
            "per_intent": data.get("per_intent", {}),
            "test_counts": data.get("test_counts", {}),
            "top_confusions": data.get("top_confusions", [])[:8],
        }
    return _score_csv(embed)


def _score_csv(embed: Any) -> dict[str, Any]:
    from assistant.understand.intents import IntentClassifier

    if not UTTERANCES.exists():
        return {"source": None, "error": "no intent evaluation data found"}
    with UTTERANCES.open(encoding="utf-8") as fh:
        rows = [(r["text"], r["intent"]) for r in csv.DictReader(fh)]
    test = rows[::5]
    classifier = IntentClassifier(embed=embed)
    hits: dict[str, list[int]] = defaultdict(list)
    confusions: Counter[tuple[str, str]] = Counter()
    for text, truth in test:
        predicted, _ = classifier.predict(text)
        hits[truth].append(int(predicted == truth))
        if predicted != truth:
            confusions[(truth, predicted)] += 1
    per_intent = {k: sum(v) / len(v) for k, v in sorted(hits.items())}
    return {
        "source": str(UTTERANCES.relative_to(PROJECT_ROOT)) + " (every 5th row; may overlap training)",
        "held_out": False,
        "n_test": len(test),
        "accuracy": sum(sum(v) for v in hits.values()) / len(test) if test else 0.0,
        "macro_accuracy": sum(per_intent.values()) / len(per_intent) if per_intent else 0.0,
        "per_intent": per_intent,
        "test_counts": {k: len(v) for k, v in hits.items()},
        "top_confusions": [
            {"truth": t, "predicted": p, "count": n} for (t, p), n in confusions.most_common(8)
        ],
    }
