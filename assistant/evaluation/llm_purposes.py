"""What the generator's text is worth, per purpose: the share of its drafts that pass the check and
the seconds they cost. Run on real fact sheets, so the default composition level of a backend is
chosen by measurement (docs/decisions.md, "The LLM earns its place").

    python -m assistant.evaluation.llm_purposes --backend llamacpp --per-store 30
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from assistant.compose.composer import Composer, Facts
from assistant.compose.fact_sheet import FactSheet
from assistant.config import PROJECT_ROOT, Settings
from assistant.evaluation.mutations import load_sheets, store_checker
from assistant.models.generators import Generator, get_generator

STORES = {
    "demo": PROJECT_ROOT / "knowledge",
    "dummyjson": PROJECT_ROOT / "knowledge" / "stores" / "dummyjson",
    "reshaped": PROJECT_ROOT / "knowledge" / "stores" / "reshaped",
}
# Which closing prompt a turn of each intent uses (the skills' `purpose`).
CLOSING_PURPOSE = {
    "faq_policy": "faq",
    "order_status": "order",
    "order_change": "order",
    "compare": "compare",
}


@dataclass
class PurposeStats:
    drafts: int = 0
    kept: int = 0
    seconds: float = 0.0
    reasons: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, object]:
        return {
            "drafts": self.drafts,
            "kept": self.kept,
            "kept_share": round(self.kept / self.drafts, 3) if self.drafts else 0.0,
            "mean_s": round(self.seconds / self.drafts, 2) if self.drafts else 0.0,
            "top_reasons": self.reasons.most_common(5),
        }


def _reason_kind(reason: str) -> str:
    """Group reasons by their kind ("price 12 said of X ..." -> "price"), for a readable table."""
    return reason.split("'")[0].split(" said of")[0].strip()[:60]


def measure(generator: Generator, sheets: list[FactSheet], store_dir: Path) -> dict[str, PurposeStats]:
    whole_checker, _ = store_checker(store_dir)
    composer = Composer(generator, whole_checker.base, max_tokens=48)
    stats: dict[str, PurposeStats] = {"closing": PurposeStats(), "whole": PurposeStats()}
    for sheet in sheets:
        purpose = CLOSING_PURPOSE.get(sheet.intent, "recommend")
        facts = Facts(tuple(sheet.lines()), sheet.names())
        t0 = time.perf_counter()
        closing = composer.checked_sentence(purpose, sheet.question, facts, template="")
        stats["closing"].seconds += time.perf_counter() - t0
        stats["closing"].drafts += 1
        stats["closing"].kept += closing.source != "template"
        stats["closing"].reasons.update({_reason_kind(r) for r in closing.rejected})
        t0 = time.perf_counter()
        whole = composer.whole_answer(sheet.question, sheet, whole_checker.check, max_tokens=256)
        stats["whole"].seconds += time.perf_counter() - t0
        stats["whole"].drafts += 1
        stats["whole"].kept += whole.source != "template"
        stats["whole"].reasons.update({_reason_kind(r) for r in whole.rejected})
    return stats


def measure_backend(backend: str, stores: dict[str, Path], per_store: int) -> dict[str, object]:
    """Per store and purpose: drafts, kept share, mean seconds, top rejection reasons."""
    generator = get_generator(Settings(generator_backend=backend))  # type: ignore[arg-type]
    report: dict[str, object] = {"backend": backend, "per_store": per_store}
    for store, store_dir in stores.items():
        sheets = load_sheets(PROJECT_ROOT / "evaluation" / "fact_sheets" / f"{store}.jsonl")
        step = max(1, len(sheets) // per_store)
        stats = measure(generator, sheets[::step][:per_store], store_dir)
        report[store] = {purpose: s.as_dict() for purpose, s in stats.items()}
        print(store, json.dumps(report[store]), flush=True)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", default="llamacpp")
    parser.add_argument("--per-store", type=int, default=30)
    parser.add_argument(
        "--out", type=Path, default=PROJECT_ROOT / "evaluation" / "results" / "llm_purposes.json"
    )
    args = parser.parse_args()
    report = measure_backend(args.backend, STORES, args.per_store)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
