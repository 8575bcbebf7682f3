"""The evaluation report: every figure per store, side by side (REPORT.md), plus report.json.

Pure functions over the result dictionaries `run.py` assembles, so the layout is tested without a
model: `stores` maps a store name to its parts (ingest, retrieval, help, orders, conversations,
gate), each part optional (`--only` runs some).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Cell = Callable[[dict[str, Any]], str]
MISSING = "—"


def _pct(value: Any) -> str:
    return (
        f"{100 * value:.1f}%" if isinstance(value, int | float) and not isinstance(value, bool) else MISSING
    )


def _num(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, int | float) and not isinstance(value, bool) else MISSING


def _get(part: dict[str, Any], *path: str) -> Any:
    value: Any = part
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _of(count: Any, total: Any) -> str:
    if not isinstance(count, int) or not isinstance(total, int):
        return MISSING
    share = f" ({100 * count / total:.0f}%)" if total else ""
    return f"{count}/{total}{share}"


def _versus(path: tuple[str, ...], fmt: Callable[[Any], str]) -> Cell:
    """ours / plain dense in one cell."""
    return lambda s: (
        MISSING
        if _get(s, "retrieval") is None
        else f"{fmt(_get(s, 'retrieval', 'ours', *path))} / {fmt(_get(s, 'retrieval', 'baseline', *path))}"
    )


def _plain(fmt: Callable[[Any], str], *path: str) -> Cell:
    return lambda s: fmt(_get(s, *path))


def _dialogues(backend: str) -> Cell:
    def cell(s: dict[str, Any]) -> str:
        c = _get(s, "conversations", backend)
        if c is None:
            return MISSING
        if "skipped" in c:
            return "skipped"
        return f"{c['dialogues_passed']}/{c['dialogues']}"

    return cell


def _grounding(backend: str) -> Cell:
    return lambda s: (
        str(_get(s, "conversations", backend, "grounding_violations") or 0)
        if _get(s, "conversations", backend, "dialogues") is not None
        else MISSING
    )


def _retrieval_size(s: dict[str, Any]) -> str:
    r = _get(s, "retrieval")
    return f"{r['queries']} ({r['satisfiable']} / {r['unsatisfiable']})" if r else MISSING


ROWS: list[tuple[str, Cell]] = [
    ("products indexed", _plain(lambda v: str(v) if v is not None else MISSING, "ingest", "imported", "products")),
    ("retrieval queries (satisfiable / not)", _retrieval_size),
    ("nDCG@10 ours / plain dense", _versus(("ndcg@10",), _num)),
    ("recall@10 ours / plain dense", _versus(("recall@10",), _num)),
    ("MRR ours / plain dense", _versus(("mrr",), _num)),
    ("hard-constraint satisfaction ours / plain dense", _versus(("constraint_satisfaction",), _pct)),
    ("queries with undisclosed violations", _plain(lambda v: str(v) if v is not None else MISSING,
                                                   "retrieval", "ours", "undisclosed_violation_queries")),
    ("unsatisfiable: honest empty", _plain(_pct, "retrieval", "ours", "honest_empty")),
    ("unsatisfiable: shown with a disclosure", _plain(_pct, "retrieval", "ours", "honest_disclosed")),
    ("intent accuracy", _plain(_pct, "retrieval", "intent_accuracy")),
    ("slot accuracy", _plain(_pct, "retrieval", "slot_accuracy")),
    ("retrieval turns that crashed", _plain(lambda v: str(v) if v is not None else MISSING, "retrieval", "crashes")),
    ("help: answered from the right source", lambda s: _of(_get(s, "help", "answered_right"),
                                                           _get(s, "help", "answerable"))),
    ("help: answered from another source", _plain(lambda v: str(v) if v is not None else MISSING,
                                                  "help", "answered_wrong_source")),
    ("help: confident answers to unanswerable (must be 0)",
     lambda s: _of(_get(s, "help", "confident_on_unanswerable"), _get(s, "help", "unanswerable"))),
    ("orders: valid id + proof verified", lambda s: _of(_get(s, "orders", "verified"), _get(s, "orders", "valid"))),
    ("orders: valid, status (and tracking) correct",
     lambda s: _of(_get(s, "orders", "status_correct"), _get(s, "orders", "valid"))),
    ("orders: facts given for invalid (must be 0)",
     lambda s: _of(_get(s, "orders", "facts_given_for_invalid"), _get(s, "orders", "invalid"))),
    ("dialogues passed (generator none)", _dialogues("none")),
    ("grounding violations (generator none)", _grounding("none")),
    ("dialogues passed (llamacpp)", _dialogues("llamacpp")),
    ("grounding violations (llamacpp)", _grounding("llamacpp")),
    ("FAQ gate alone: answerable let through", lambda s: _of(_get(s, "gate", "outcome", "answered"),
                                                              _get(s, "gate", "outcome", "answerable"))),
    ("FAQ gate alone: unanswerable let through", lambda s: _of(
        _get(s, "gate", "outcome", "confident_on_unanswerable"), _get(s, "gate", "outcome", "unanswerable"))),
]  # fmt: skip


def side_by_side(stores: dict[str, dict[str, Any]]) -> str:
    """One markdown table: a row per figure, a column per store; rows no store has are left out."""
    names = list(stores)
    lines = ["| figure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for label, cell in ROWS:
        values = [cell(stores[n]) for n in names]
        if all(v == MISSING for v in values):
            continue
        lines.append(f"| {label} | " + " | ".join(values) + " |")
    return "\n".join(lines)


def _calibration_table(cal: dict[str, Any]) -> list[str]:
    t = cal.get("thresholds", {})
    lines = [
        f"FAQ/policy relevance gate: answer when dense >= {t.get('dense_alone')} or (dense >= "
        f"{t.get('dense_min')} and question-word coverage >= {t.get('words')}); "
        f"calibrated on {', '.join(cal.get('calibrated_on', []))}, held out: {', '.join(cal.get('held_out', []))}.",
        "",
        *(
            [
                f"WARNING: the gate in use (assistant/dialogue/skills/faq.py) is {cal['in_use']}, not the fitted one."
            ]
            if cal.get("in_use") not in (None, t)
            else []
        ),
        "| store | role | answerable let through | right source among them | unanswerable let through |",
        "|---|---|---|---|---|",
    ]
    for name, out in cal.get("per_store", {}).items():
        role = "held out" if name in cal.get("held_out", []) else "calibration"
        lines.append(
            f"| {name} | {role} | {_of(out['answered'], out['answerable'])} | {out['answered_right']} "
            f"| {_of(out['confident_on_unanswerable'], out['unanswerable'])} |"
        )
    refit = cal.get("refit_check")
    if refit:
        lines += ["", f"Cross-check, fitted on {', '.join(refit['calibrated_on'])} instead: thresholds "
                  f"{refit['thresholds']}; held-out {refit['held_out']}: {refit['outcome']}"]  # fmt: skip
    return lines


def render_table(report: dict[str, Any]) -> str:
    lines = [side_by_side(report.get("stores", {}))]
    i = report.get("intents")
    if i:
        lines += ["", f"Intents (held-out, {i.get('source')}): n={i.get('n_test')} accuracy "
                  f"{_pct(i.get('accuracy'))}, macro {_pct(i.get('macro_accuracy'))}"]  # fmt: skip
    cal = report.get("calibration")
    if cal:
        lines += ["", *_calibration_table(cal)]
    lines += _composition_tables(report)
    return "\n".join(lines)


def _composition_tables(report: dict[str, Any]) -> list[str]:
    """The whole-answer checker's mutation suite, and the bundled model's text per purpose."""
    lines: list[str] = []
    mutations = report.get("mutations")
    if mutations:
        lines += ["", "Whole-answer checker, mutation suite (real fact sheets; paraphrases written by hand):", "",
                  "| store | mutants | caught | per kind | faithful rejected | paraphrases rejected | false-reject rate |",
                  "|---|---|---|---|---|---|---|"]  # fmt: skip
        for store, m in mutations.items():
            kinds = ", ".join(f"{k} {v}" for k, v in m["per_kind"].items())
            lines.append(
                f"| {store} | {m['mutants']} | {_pct(m['catch_rate'])} | {kinds} | "
                f"{m['faithful_rejected']}/{m['faithful']} | {m['paraphrases_rejected']}/{m['paraphrases']} | "
                f"{_pct(m['false_reject_rate'])} |"
            )
    llm = report.get("llm")
    if llm and "skipped" not in llm:
        lines += ["", f"Generated text per purpose ({llm.get('backend')}, {llm.get('per_store')} fact sheets a store; "
                  "a draft that fails the check falls back to the template):", "",
                  "| store | purpose | kept | mean s | top rejection reasons |", "|---|---|---|---|---|"]  # fmt: skip
        for store, purposes in llm.items():
            if not isinstance(purposes, dict):
                continue
            for purpose, st in purposes.items():
                reasons = "; ".join(f"{r} ({n})" for r, n in st.get("top_reasons", [])[:3])
                lines.append(
                    f"| {store} | {purpose} | {st['kept']}/{st['drafts']} ({_pct(st['kept_share'])}) | "
                    f"{st['mean_s']} | {reasons} |"
                )
    return lines


def _failures(name: str, part: str, rows: list[dict[str, Any]], limit: int = 40) -> list[str]:
    out = [f"### {name}: {part} ({len(rows)})", ""]
    out += [f"- `{json.dumps(row, ensure_ascii=False)[:300]}`" for row in rows[:limit]]
    return [*out, ""]


def render_markdown(report: dict[str, Any]) -> str:
    parts = [
        "# Evaluation report",
        "",
        f"Generated by `make eval` on {report.get('generated', '?')} in {report.get('seconds', '?')} s. "
        "Each store is indexed into its own temporary data dir from only its own files.",
        "",
        render_table(report),
        "",
    ]
    p = report.get("personal")
    if p:
        from assistant.evaluation.personal_eval import table as personal_table

        parts += ["## Personalisation (demo store)", "", personal_table(p), ""]
    parts += ["## Failures", ""]
    for name, s in report.get("stores", {}).items():
        r = s.get("retrieval") or {}
        for key, title in (
            ("crashes", "retrieval crashes"),
            ("violations", "items breaking a labelled constraint"),
            ("dishonest_unsatisfiable", "impossible requests answered with items, no disclosure"),
            ("low_ndcg", "satisfiable queries with nDCG@10 < 0.5"),
        ):
            if r.get("failures", {}).get(key):
                parts += _failures(name, title, r["failures"][key])
        for m in r.get("label_mismatches", []):
            parts.append(
                f"- WARNING {name}: {m['id']} ({m['query']!r}) disagrees with the catalog; not scored"
            )
        for key, title in (("help", "help questions"), ("orders", "order checks")):
            rows = (s.get(key) or {}).get("failures", [])
            if rows:
                parts += _failures(name, title, rows)
        for backend, c in (s.get("conversations") or {}).items():
            rows = c.get("failures", [])
            if rows:
                parts += [f"### {name}: dialogues ({backend}) ({len(rows)} failing turns)", ""]
                parts += [
                    f"- **{f['dialogue']}** turn {f['turn']} `{f['user']}`: "
                    + "; ".join(f["failures"] + [f"GROUNDING: {g}" for g in f["grounding"]])
                    for f in rows
                ]
                parts.append("")
    return "\n".join(parts)
