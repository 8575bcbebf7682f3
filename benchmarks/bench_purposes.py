"""What the bundled model's text costs and keeps, per purpose, on real fact sheets of every store:
the closing sentence and the whole answer, at turn time. The default composition level of a backend
follows from this table (docs/decisions.md, "The LLM earns its place")."""

from __future__ import annotations

from typing import Any

from assistant.evaluation.llm_purposes import STORES, measure_backend
from benchmarks.common import write_result

PER_STORE = 3  # sheets per store: each costs a closing sentence (up to 2 drafts) and a whole answer


def run(per_store: int = PER_STORE) -> dict[str, Any]:
    measured = measure_backend("llamacpp", STORES, per_store)
    out: dict[str, Any] = {
        "backend": measured.pop("backend"),
        "per_store": measured.pop("per_store"),
        "stores": measured,
    }
    write_result("purposes", out)
    return out
