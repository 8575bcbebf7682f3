"""Collect real fact sheets from every development store, for the whole-answer checker's mutation
suite (assistant/evaluation/mutations.py).

Each store is ingested with only its own sources into a temporary data dir; the assistant (template
text only) answers the store's labelled product queries, help questions and order checks; each
Reply becomes a FactSheet, written one JSON object per line to evaluation/fact_sheets/<store>.jsonl.

    .venv/bin/python scripts/collect_fact_sheets.py [--per-kind 40]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import yaml

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.assistant import Assistant  # noqa: E402
from assistant.compose.fact_sheet import FactSheet  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.ingest.sync import Sources, ingest  # noqa: E402

STORES = {
    "demo": (ROOT / "knowledge", ROOT / "evaluation"),
    "dummyjson": (ROOT / "knowledge" / "stores" / "dummyjson", ROOT / "evaluation" / "stores" / "dummyjson"),
    "reshaped": (ROOT / "knowledge" / "stores" / "reshaped", ROOT / "evaluation" / "stores" / "reshaped"),
}


def sources_of(store_dir: Path) -> Sources:
    def given(name: str) -> Path | None:
        path = store_dir / name
        return path if path.exists() else None

    return Sources(
        catalog=[store_dir / "catalog.jsonl"],
        faq=given("faqs.jsonl"),
        policies=given("policies"),
        customers=given("customers.jsonl"),
        orders=given("orders.jsonl"),
    )


def questions_of(
    labels_dir: Path, per_kind: int, kinds: tuple[str, ...] = ("products", "help", "orders")
) -> list[str]:
    out: list[str] = []
    retrieval = labels_dir / "retrieval_queries.yaml"
    if retrieval.exists() and "products" in kinds:
        out += [q["query"] for q in yaml.safe_load(retrieval.read_text())["queries"]][:per_kind]
    for name, key, field in (
        ("help_questions.yaml", "questions", "question"),
        ("order_checks.yaml", "checks", "message"),
    ):
        path = labels_dir / name
        if path.exists():
            rows = yaml.safe_load(path.read_text())[key]
            out += [r[field] for r in rows if r.get("valid", True) and r.get("expect", "answer") == "answer"][
                :per_kind
            ]
    return out


def collect(
    store: str, per_kind: int, kinds: tuple[str, ...] = ("products", "help", "orders")
) -> list[FactSheet]:
    store_dir, labels_dir = STORES[store]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), generator_backend="none")
        ingest(settings, sources_of(store_dir), progress=False)
        assistant = Assistant.from_settings(settings)
        sheets = []
        for n, question in enumerate(questions_of(labels_dir, per_kind, kinds)):
            reply = assistant.chat(f"sheet-{store}-{n}", question)
            if not reply.text.strip():
                continue
            facts = [reply.text] if reply.intent.startswith("order") else []
            sheet = FactSheet.from_reply_parts(
                question, reply.intent, reply.items, reply.notes, reply.citations, facts, reply.text
            )
            sheets.append(sheet)
        return sheets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-kind", type=int, default=40)
    parser.add_argument("--store", choices=sorted(STORES), action="append")
    parser.add_argument("--kinds", default="products,help,orders", help="which labelled sets to ask")
    parser.add_argument("--append", action="store_true", help="replace or add these sheets, keep the others")
    args = parser.parse_args()
    out_dir = ROOT / "evaluation" / "fact_sheets"
    out_dir.mkdir(parents=True, exist_ok=True)
    kinds = tuple(args.kinds.split(","))
    for store in args.store or sorted(STORES):
        path = out_dir / f"{store}.jsonl"
        sheets = collect(store, args.per_kind, kinds)
        if args.append and path.exists():
            # Sheets for these questions are replaced (an order check answered by newer code);
            # every other sheet, and so every paraphrase written against one, is kept as it was.
            asked = {s.question for s in sheets}
            kept = [
                line
                for line in path.read_text(encoding="utf-8").splitlines()
                if line and FactSheet.from_json(line).question not in asked
            ]
            path.write_text(
                "".join(line + "\n" for line in kept) + "".join(s.to_json() + "\n" for s in sheets)
            )
            print(f"{store}: {len(sheets)} sheets replaced or added", flush=True)
            continue
        path.write_text("".join(s.to_json() + "\n" for s in sheets), encoding="utf-8")
        print(f"{store}: {len(sheets)} sheets", flush=True)


if __name__ == "__main__":
    main()
