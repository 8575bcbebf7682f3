"""Fact sheet -> whole answer pairs for the LoRA experiment.

Train: demo + reshaped sheets, each with several faithful targets (faithful_prose, the store's
hand-written paraphrases, and rule-based variations of order, framing and reasons). Every target
must pass the store's whole-answer checker; a target the checker rejects is dropped, never fixed.
Eval: the dummyjson sheets, never trained on.

    .venv/bin/python training/whole_answers/make_pairs.py [--variants 6] [--out /tmp/whole_pairs]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from pathlib import Path

from common import HELD_OUT_STORE, ROOT, STORE_DIRS, TRAIN_STORES, prompt_messages, store_sheets

from assistant.compose.fact_sheet import FactSheet, ItemFact
from assistant.evaluation.mutations import faithful_prose, load_paraphrases, store_checker
from assistant.retrieve.explain import money

OPENERS = (
    "",
    "I found {n} options for you.",
    "Here is what I found.",
    "Here are a few that fit what you asked for.",
    "These match what you asked for.",
)
CLOSERS = ("", "", "Tell me if you'd like more details on any of them.", "Let me know which one you like.")


def reason_phrase(reason: str) -> str:
    """'warranty Lifetime warranty' reads as 'lifetime warranty': a key word repeated by its value
    is dropped (the sheet spells attributes as 'key Value')."""
    key, _, rest = reason.partition(" ")
    if rest and key[:4].lower() in rest.lower():
        return rest[:1].lower() + rest[1:] if rest[1:2].islower() else rest
    return reason


def item_sentence(it: ItemFact, rng: random.Random) -> str:
    price = money(it.price, it.currency)
    variant = f" in {it.variant_label}" if it.variant_label and rng.random() < 0.8 else ""
    reasons = [reason_phrase(r) for r in it.reasons][: rng.choice((0, 1, 1, 2))]
    why = " and ".join(reasons)
    frames = [
        f"The {it.title}{variant} is {price}" + (f", {why}" if why else "") + ".",
        f"The {it.title}{variant} costs {price}" + (f" ({why})" if why else "") + ".",
        f"For {price}, there's the {it.title}{variant}" + (f"; {why}" if why else "") + ".",
        f"At {price}, the {it.title}{variant} is an option" + (f", {why}" if why else "") + ".",
    ]
    if it.variant_label:
        frames.append(
            f"The {it.title} comes in {it.variant_label} for {price}" + (f", {why}" if why else "") + "."
        )
    return rng.choice(frames)


def clean(text: str) -> str:
    """Policy text as plain sentences: list markers and blank lines folded into one line."""
    text = re.sub(r"\n\s*[-*]\s+", " ", text)
    return re.sub(r"\s*\n+\s*", " ", text).strip()


def disclosure_sentence(d: str, rng: random.Random) -> str:
    d = d if d.endswith((".", "!", "?")) else d + "."
    if rng.random() < 0.3 and d[:1].isupper() and d[1:2].islower() and not d.startswith("I "):
        return f"Just so you know, {d[0].lower()}{d[1:]}"
    return d


def variant_answer(sheet: FactSheet, rng: random.Random) -> str:
    parts: list[str] = []
    if sheet.items:
        opener = rng.choice(OPENERS).format(n=len(sheet.items))
        items = list(sheet.items)
        if rng.random() < 0.3:
            rng.shuffle(items)
        body = [item_sentence(it, rng) for it in items]
        notes = [disclosure_sentence(d, rng) for d in sheet.disclosures]
        parts = [*notes, opener, *body] if rng.random() < 0.5 else [opener, *body, *notes]
        parts.append(rng.choice(CLOSERS))
    elif sheet.passages:
        chosen = sheet.passages[: rng.choice((1, 2))] if len(sheet.passages) > 1 else sheet.passages
        parts = [clean(p.text) for p in chosen]
    elif sheet.facts:
        parts = [clean(f) for f in sheet.facts]
    else:
        parts = [clean(sheet.template)]
    return " ".join(p for p in parts if p)


def train_pairs(variants: int, seed: int) -> tuple[list[dict[str, object]], Counter[str]]:
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    stats: Counter[str] = Counter()
    for store in TRAIN_STORES:
        checker, _ = store_checker(STORE_DIRS[store])
        sheets = store_sheets(store)
        hand = load_paraphrases(ROOT / "evaluation" / "paraphrases.yaml", {store: sheets})
        for sheet in sheets:
            candidates = [faithful_prose(sheet)]
            candidates += [a for s, a in hand if s is sheet]
            candidates += [variant_answer(sheet, rng) for _ in range(variants)]
            for target in dict.fromkeys(c.strip() for c in candidates if c.strip()):
                stats["candidates"] += 1
                verdict = checker.check(target, sheet)
                if verdict.tripwire_triggered:
                    stats["rejected_by_checker"] += 1
                    continue
                stats[f"kept_{store}"] += 1
                rows.append(
                    {
                        "store": store,
                        "question": sheet.question,
                        "intent": sheet.intent,
                        "messages": prompt_messages(sheet),
                        "target": target,
                    }
                )
    return rows, stats


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", type=int, default=6, help="rule-based variants tried per sheet")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("/tmp/whole_pairs"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows, stats = train_pairs(args.variants, args.seed)
    with (args.out / "train.jsonl").open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    held = store_sheets(HELD_OUT_STORE)
    with (args.out / "eval.jsonl").open("w", encoding="utf-8") as f:
        for sheet in held:
            f.write(sheet.to_json() + "\n")
    print(json.dumps({"train_pairs": len(rows), "eval_sheets": len(held), **stats}, indent=1))


if __name__ == "__main__":
    main()
