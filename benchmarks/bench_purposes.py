"""What the bundled model's text costs and keeps, per purpose, on real fact sheets of every store:
the closing sentence and the whole answer, at turn time. The default composition level of a backend
follows from this table (docs/decisions.md, "The LLM earns its place")."""

from __future__ import annotations

from typing import Any

from assistant.config import PROJECT_ROOT, Settings
from assistant.evaluation.llm_purposes import STORES, measure
from assistant.evaluation.mutations import load_sheets
from assistant.models.generators import get_generator
from benchmarks.common import write_result

PER_STORE = 3  # sheets per store: each costs a closing sentence (up to 2 drafts) and a whole answer


def run(per_store: int = PER_STORE) -> dict[str, Any]:
    generator = get_generator(Settings(generator_backend="llamacpp"))
    out: dict[str, Any] = {"backend": "llamacpp", "per_store": per_store, "stores": {}}
    for store, store_dir in STORES.items():
        sheets = load_sheets(PROJECT_ROOT / "evaluation" / "fact_sheets" / f"{store}.jsonl")
        step = max(1, len(sheets) // per_store)
        stats = measure(generator, sheets[::step][:per_store], store_dir)
        out["stores"][store] = {purpose: s.as_dict() for purpose, s in stats.items()}
        print(f"purposes {store}: {out['stores'][store]}", flush=True)
    write_result("purposes", out)
    return out
