"""`make eval`: index the configured store, then score retrieval, intents and scripted dialogues.

Writes evaluation/results/report.json and evaluation/results/REPORT.md and prints a compact table.
`only` picks sections: retrieval, intents, conversations.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from assistant.config import PROJECT_ROOT, Settings, get_settings

EVAL_DIR = PROJECT_ROOT / "evaluation"
RESULTS_DIR = EVAL_DIR / "results"
SECTIONS = ("retrieval", "intents", "conversations", "personal")
BACKENDS = ("none", "llamacpp")

log = logging.getLogger(__name__)


def _ingest(settings: Settings) -> dict[str, Any]:
    from assistant.ingest.sync import ingest

    started = time.perf_counter()
    report = ingest(settings, progress=False)
    return {"seconds": round(time.perf_counter() - started, 1), "products": report.imported("products")}


def _assistant(settings: Settings, backend: str, **overrides: Any) -> Any:
    from assistant.assistant import Assistant
    from assistant.storage.vectors import open_store

    fields = {**settings.model_dump(), **overrides, "generator_backend": backend}
    local = Settings(**fields)
    generator: Any = None if backend == "none" else "default"
    return Assistant(local, open_store(local), generator=generator)


def run_retrieval(settings: Settings) -> dict[str, Any]:
    from assistant.evaluation.retrieval_eval import evaluate_retrieval, load_queries

    assistant = _assistant(settings, "none", top_k=10)
    queries = load_queries(EVAL_DIR / "retrieval_queries.yaml")
    return evaluate_retrieval(assistant, queries)


def run_intents(settings: Settings) -> dict[str, Any]:
    from assistant.evaluation.intent_eval import evaluate_intents
    from assistant.models.embedder import get_embedder

    return evaluate_intents(embed=get_embedder(settings).embed)


def run_conversations(settings: Settings, backends: tuple[str, ...] = BACKENDS) -> dict[str, Any]:
    from assistant.evaluation.conversation_eval import evaluate_conversations, load_dialogues

    dialogues = load_dialogues(EVAL_DIR / "conversations")
    results: dict[str, Any] = {}
    for backend in backends:
        started = time.perf_counter()
        try:
            assistant = _assistant(settings, backend)
        except Exception as exc:  # a missing model must not sink the whole evaluation
            results[backend] = {"skipped": f"{type(exc).__name__}: {exc}"}
            print(f"conversations[{backend}]: skipped, generator could not load ({exc})")
            continue
        summary = evaluate_conversations(assistant, dialogues)
        summary["seconds"] = round(time.perf_counter() - started, 1)
        results[backend] = summary
    return results


# --- report -----------------------------------------------------------------------------------------


def _pct(value: Any) -> str:
    return f"{100 * value:.1f}%" if isinstance(value, int | float) else "—"


def _num(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, int | float) else "—"


def render_table(report: dict[str, Any]) -> str:
    lines: list[str] = []
    r = report.get("retrieval")
    if r:
        lines += [
            f"Retrieval: {r['queries']} queries ({r['satisfiable']} satisfiable, {r['unsatisfiable']} not)",
            "| metric | ours | plain dense |",
            "|---|---|---|",
        ]
        for key, fmt in (("ndcg@10", _num), ("recall@10", _num), ("mrr", _num)):
            lines.append(f"| {key} | {fmt(r['ours'][key])} | {fmt(r['baseline'][key])} |")
        for key in ("constraint_satisfaction", "honest_empty", "honest_disclosed"):
            lines.append(f"| {key.replace('_', ' ')} | {_pct(r['ours'][key])} | {_pct(r['baseline'][key])} |")
        lines.append(
            f"| queries with undisclosed violations | {r['ours']['undisclosed_violation_queries']} | — |"
        )
        lines.append(f"| intent accuracy (QueryUnderstander) | {_pct(r['intent_accuracy'])} | — |")
        lines.append(f"| slot accuracy (all labelled slots right) | {_pct(r['slot_accuracy'])} | — |")
        lines.append(f"| turns that crashed | {r.get('crashes', 0)} | — |")
        for m in r.get("label_mismatches", []):
            lines.append(f"WARNING: {m['id']} ({m['query']!r}) disagrees with the catalog; not scored")
        lines.append("")
    i = report.get("intents")
    if i:
        lines.append(
            f"Intents (held-out, {i.get('source')}): n={i.get('n_test')} accuracy {_pct(i.get('accuracy'))}"
            f", macro {_pct(i.get('macro_accuracy'))}"
        )
        per = i.get("per_intent", {})
        lines.append("  " + ", ".join(f"{k} {_pct(v)}" for k, v in per.items()))
        lines.append("")
    c = report.get("conversations")
    if c:
        lines += [
            "Conversations",
            "| backend | dialogues passed | turn acc. | reference acc. | grounding violations "
            "| template share | generated share | rejected share | seconds |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for backend, s in c.items():
            if "skipped" in s:
                lines.append(f"| {backend} | skipped: {s['skipped'][:80]} |||||||| ")
                continue
            lines.append(
                f"| {backend} | {s['dialogues_passed']}/{s['dialogues']} | {_pct(s['turn_accuracy'])} "
                f"| {_pct(s['reference_accuracy'])} ({s['reference_turns']}) | {s['grounding_violations']} "
                f"| {_pct(s['template_share'])} | {_pct(s['generated_share'])} | {_pct(s['rejected_share'])} "
                f"| {s['seconds']} |"
            )
    p = report.get("personal")
    if p:
        from assistant.evaluation.personal_eval import table as personal_table

        lines += ["", "Personalisation", personal_table(p)]
    return "\n".join(lines)


def render_markdown(report: dict[str, Any]) -> str:
    parts = [
        "# Evaluation report",
        "",
        f"Generated by `make eval` in {report['seconds']} s.",
        "",
        render_table(report),
        "",
    ]
    r = report.get("retrieval")
    if r:
        parts += ["## Retrieval failures", ""]
        for key, title in (
            ("crashes", "Turns that raised an exception"),
            ("violations", "Items that break a labelled constraint"),
            ("dishonest_unsatisfiable", "Impossible requests answered with items and no disclosure"),
            ("low_ndcg", "Satisfiable queries with nDCG@10 < 0.5"),
            ("intent", "Intent misreadings"),
            ("slots", "Slot misreadings"),
        ):
            rows = r["failures"].get(key, [])
            parts.append(f"### {title} ({len(rows)})")
            parts += [f"- `{json.dumps(row, ensure_ascii=False)[:300]}`" for row in rows[:40]]
            parts.append("")
    for backend, s in (report.get("conversations") or {}).items():
        if "failures" not in s:
            continue
        parts += [f"## Conversation failures ({backend})", ""]
        for f in s["failures"]:
            parts.append(
                f"- **{f['dialogue']}** turn {f['turn']} `{f['user']}`: "
                + "; ".join(f["failures"] + [f"GROUNDING: {g}" for g in f["grounding"]])
            )
        parts.append("")
    return "\n".join(parts)


def main(only: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING)
    wanted = [s for s in (only or SECTIONS)]
    unknown = [s for s in wanted if s not in SECTIONS]
    if unknown:
        print(f"unknown section(s) {unknown}; known: {', '.join(SECTIONS)}")
        return 2
    settings = get_settings()
    started = time.perf_counter()
    report: dict[str, Any] = {"data_dir": str(settings.resolved_data_dir())}
    report["ingest"] = _ingest(settings)
    print(f"index ready: {report['ingest']['products']} products ({report['ingest']['seconds']} s)")
    if "retrieval" in wanted:
        report["retrieval"] = run_retrieval(settings)
        print(f"retrieval done ({time.perf_counter() - started:.0f} s)")
    if "intents" in wanted:
        report["intents"] = run_intents(settings)
    if "conversations" in wanted:
        report["conversations"] = run_conversations(settings)
        print(f"conversations done ({time.perf_counter() - started:.0f} s)")
    if "personal" in wanted:
        from assistant.evaluation.personal_eval import evaluate as evaluate_personal

        report["personal"] = evaluate_personal(_assistant(settings, "none"), settings)
        print(f"personalisation done ({time.perf_counter() - started:.0f} s)")
    report["seconds"] = round(time.perf_counter() - started, 1)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "report.json").write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    (RESULTS_DIR / "REPORT.md").write_text(render_markdown(report), encoding="utf-8")
    print()
    print(render_table(report))
    print(f"\nwrote {RESULTS_DIR / 'report.json'} and REPORT.md")
    return 0
