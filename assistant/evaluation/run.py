"""`make eval`: every store indexed on its own, every figure measured per store, side by side.

Stores: the demo store (knowledge/, labelled sets in evaluation/) and each development store
(knowledge/stores/<name>/, labelled sets in evaluation/stores/<name>/), see `stores.py`. Each is
ingested from only its own files into its own temporary data dir. Parts per store: retrieval, help
(FAQ/policy questions), orders (order checks), conversations (scripted dialogues; generator `none`
everywhere, plus one `llamacpp` run on the demo store), gate (the FAQ relevance gate's inputs and
its calibration). Store-independent: intents (held-out classifier accuracy) and personal
(personalisation, demo store only). Writes evaluation/results/report.json and REPORT.md.

`assistant eval --store dummyjson --only retrieval help` runs a part of it.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.config import Settings, get_settings
from assistant.evaluation.labels import LabelCatalog
from assistant.evaluation.report import render_markdown, render_table
from assistant.evaluation.stores import DEMO, EVAL_DIR, StoreSpec, all_stores, ingest_store, store_settings

RESULTS_DIR = EVAL_DIR / "results"
# A partial run by a developer may write elsewhere, so the committed report stays the full one.
RESULTS_ENV = "ASSISTANT_EVAL_RESULTS"
STORE_PARTS = ("retrieval", "help", "orders", "conversations", "gate")
SECTIONS = (*STORE_PARTS, "intents", "personal", "mutations", "llm")
LLM_SHEETS_PER_STORE = 3  # each costs a closing sentence and a whole answer on the bundled model
GENERATED_DIALOGUES_ON = (DEMO,)  # the real generator costs ~2 minutes a store: demo only, as before
# The FAQ gate is fitted on these stores; every other store is its held-out check. The refit check
# swaps the development store, to see how far the thresholds move with the stores chosen.
CALIBRATION_STORES = (DEMO, "dummyjson")
REFIT_STORES = (DEMO, "reshaped")

log = logging.getLogger(__name__)


def _assistant(settings: Settings, backend: str, **overrides: Any) -> Any:
    from assistant.assistant import Assistant
    from assistant.storage.vectors import open_store

    local = Settings(**{**settings.model_dump(), **overrides, "generator_backend": backend})
    generator: Any = None if backend == "none" else "default"
    assistant: Any = Assistant(local, open_store(local), build_index_if_missing=False, generator=generator)
    if local.catalog_path is not None:
        assistant.label_catalog = _source_records(Path(local.catalog_path))
    return assistant


@lru_cache(maxsize=4)
def _source_records(catalog: Path) -> LabelCatalog:
    """The store's products as its file gives them: what its labels were written against."""
    from assistant.ingest.detect import read_products

    return LabelCatalog(read_products(catalog).records)


def run_conversations(spec: StoreSpec, settings: Settings) -> dict[str, Any]:
    from assistant.evaluation.conversation_eval import evaluate_conversations, load_dialogues

    dialogues = load_dialogues(spec.dialogues)
    backends = ("none", "llamacpp") if spec.name in GENERATED_DIALOGUES_ON else ("none",)
    results: dict[str, Any] = {}
    for backend in backends:
        started = time.perf_counter()
        try:
            assistant = _assistant(settings, backend)
        except Exception as exc:  # a missing model must not sink the whole evaluation
            results[backend] = {"skipped": f"{type(exc).__name__}: {exc}"}
            print(f"  conversations[{backend}]: skipped, generator could not load ({exc})")
            continue
        summary = evaluate_conversations(assistant, dialogues)
        summary["seconds"] = round(time.perf_counter() - started, 1)
        results[backend] = summary
    return results


def run_part(part: str, spec: StoreSpec, settings: Settings) -> dict[str, Any] | None:
    """One part on one store; None when the store has no labelled set for it."""
    if part == "retrieval":
        from assistant.evaluation.retrieval_eval import evaluate_retrieval, load_queries

        path = spec.labelled("retrieval_queries.yaml")
        return (
            evaluate_retrieval(_assistant(settings, "none", top_k=10), load_queries(path)) if path else None
        )
    if part in ("help", "gate"):
        from assistant.evaluation.help_eval import (
            evaluate_help,
            gate_features,
            gate_outcome,
            load_help_questions,
        )

        path = spec.labelled("help_questions.yaml")
        if path is None:
            return None
        questions = load_help_questions(path)
        if part == "help":
            return evaluate_help(_assistant(settings, "none"), questions)
        from assistant.dialogue.skills import faq

        rows = gate_features(_assistant(settings, "none"), questions)
        in_use = (faq.GATE_DENSE_ALONE, faq.GATE_DENSE_MIN, faq.GATE_WORDS)
        return {"rows": rows, "outcome": gate_outcome(rows, *in_use)}
    if part == "orders":
        from assistant.evaluation.order_eval import evaluate_orders, load_order_checks

        path = spec.labelled("order_checks.yaml")
        return evaluate_orders(_assistant(settings, "none"), load_order_checks(path)) if path else None
    if part == "conversations":
        return run_conversations(spec, settings) if spec.dialogues.exists() else None
    raise ValueError(part)


def run_store(spec: StoreSpec, base: Settings, parts: list[str], workdir: Path) -> dict[str, Any]:
    settings = store_settings(spec, workdir / spec.name, base, generator_backend="none")
    started = time.perf_counter()
    result: dict[str, Any] = {"ingest": ingest_store(spec, settings)}
    print(
        f"[{spec.name}] indexed {result['ingest']['imported']} in {result['ingest']['seconds']} s", flush=True
    )
    for part in (p for p in parts if p in STORE_PARTS):
        t0 = time.perf_counter()
        outcome = run_part(part, spec, settings)
        if outcome is not None:
            result[part] = outcome
        print(f"[{spec.name}] {part} done ({time.perf_counter() - t0:.0f} s)", flush=True)
    if "personal" in parts and spec.name == DEMO:
        from assistant.evaluation.personal_eval import evaluate as evaluate_personal

        result["personal"] = evaluate_personal(_assistant(settings, "none"), settings)
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def calibration(stores: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """Fit the gate on the calibration stores, report it on every store (held-out ones apart)."""
    from assistant.evaluation.help_eval import calibrate, gate_outcome

    rows = {name: s["gate"]["rows"] for name, s in stores.items() if "gate" in s}
    if not all(name in rows for name in CALIBRATION_STORES):
        return None
    fitted = calibrate([r for name in CALIBRATION_STORES for r in rows[name]])
    args = (fitted["dense_alone"], fitted["dense_min"], fitted["words"])
    from assistant.dialogue.skills import faq

    in_use = {"dense_alone": faq.GATE_DENSE_ALONE, "dense_min": faq.GATE_DENSE_MIN, "words": faq.GATE_WORDS}
    result: dict[str, Any] = {
        "thresholds": fitted,
        "in_use": in_use,
        "calibrated_on": list(CALIBRATION_STORES),
        "held_out": [n for n in rows if n not in CALIBRATION_STORES],
        "per_store": {name: gate_outcome(r, *args) for name, r in rows.items()},
    }
    if all(name in rows for name in REFIT_STORES):
        refit = calibrate([r for name in REFIT_STORES for r in rows[name]])
        held = [n for n in rows if n not in REFIT_STORES]
        result["refit_check"] = {
            "calibrated_on": list(REFIT_STORES),
            "thresholds": refit,
            "held_out": held,
            "outcome": {n: gate_outcome(rows[n], refit["dense_alone"], refit["dense_min"], refit["words"])
                        for n in held},
        }  # fmt: skip
    return result


def _choose(names: list[str] | None) -> list[StoreSpec] | str:
    stores = all_stores()
    if not names:
        return stores
    known = {s.name: s for s in stores}
    unknown = [n for n in names if n not in known]
    return f"unknown store(s) {unknown}; known: {', '.join(known)}" if unknown else [known[n] for n in names]


def composition_measures(wanted: list[str], store_names: list[str]) -> dict[str, Any]:
    """The whole-answer checker measured by mutation (no model), and the bundled model's kept
    share and seconds per purpose on real fact sheets of each store."""
    from assistant.config import PROJECT_ROOT
    from assistant.evaluation.llm_purposes import STORES as SHEET_STORES

    stores = {name: path for name, path in SHEET_STORES.items() if name in store_names}
    out: dict[str, Any] = {}
    if "mutations" in wanted:
        from assistant.evaluation.mutations import measure_stores

        out["mutations"] = measure_stores(
            stores,
            PROJECT_ROOT / "evaluation" / "fact_sheets",
            PROJECT_ROOT / "evaluation" / "paraphrases.yaml",
        )
        print(f"mutations: {out['mutations']}", flush=True)
    if "llm" in wanted:
        from assistant.evaluation.llm_purposes import measure_backend

        try:
            out["llm"] = measure_backend("llamacpp", stores, LLM_SHEETS_PER_STORE)
        except Exception as exc:  # a missing model must not sink the whole evaluation
            out["llm"] = {"skipped": f"{type(exc).__name__}: {exc}"}
    return out


def main(only: list[str] | None = None, store_names: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING)
    wanted = list(only or SECTIONS)
    unknown = [s for s in wanted if s not in SECTIONS]
    chosen = _choose(store_names)
    if unknown or isinstance(chosen, str):
        print(
            chosen if isinstance(chosen, str) else f"unknown part(s) {unknown}; known: {', '.join(SECTIONS)}"
        )
        return 2
    base = get_settings()
    started = time.perf_counter()
    report: dict[str, Any] = {"generated": datetime.now(UTC).isoformat(timespec="seconds"), "stores": {}}
    parts = [p for p in wanted if p in STORE_PARTS or p == "personal"]
    with tempfile.TemporaryDirectory(prefix="assistant-eval-") as workdir:
        for spec in chosen:
            report["stores"][spec.name] = run_store(spec, base, parts, Path(workdir))
    if "intents" in wanted:
        from assistant.evaluation.intent_eval import evaluate_intents
        from assistant.models.embedder import get_embedder

        report["intents"] = evaluate_intents(embed=get_embedder(base).embed)
    if "mutations" in wanted or "llm" in wanted:
        report.update(composition_measures(wanted, [spec.name for spec in chosen]))
    personal = report["stores"].get(DEMO, {}).pop("personal", None)
    if personal:
        report["personal"] = personal
    cal = calibration(report["stores"])
    if cal:
        report["calibration"] = cal
    report["seconds"] = round(time.perf_counter() - started, 1)
    results = Path(os.environ.get(RESULTS_ENV) or RESULTS_DIR)
    results.mkdir(parents=True, exist_ok=True)
    (results / "report.json").write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    (results / "REPORT.md").write_text(render_markdown(report), encoding="utf-8")
    print()
    print(render_table(report))
    print(f"\nwrote {results / 'report.json'} and REPORT.md ({report['seconds']} s)")
    return 0
