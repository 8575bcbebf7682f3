"""The per-store evaluation report, assembled from small fake results (no model, no index)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from assistant.evaluation import help_eval, order_eval
from assistant.evaluation.report import render_markdown, render_table, side_by_side
from assistant.evaluation.stores import DEMO, all_stores


def retrieval(ndcg: float, base: float, undisclosed: int = 0) -> dict[str, Any]:
    return {
        "queries": 10, "satisfiable": 8, "unsatisfiable": 2,
        "ours": {"ndcg@10": ndcg, "recall@10": 0.9, "mrr": 0.8, "constraint_satisfaction": 1.0,
                 "undisclosed_violation_queries": undisclosed, "honest_empty": 0.5, "honest_disclosed": 0.5},
        "baseline": {"ndcg@10": base, "recall@10": 0.5, "mrr": 0.4, "constraint_satisfaction": 0.6,
                     "honest_empty": 0.0, "honest_disclosed": 0.0},
        "intent_accuracy": 0.95, "slot_accuracy": 0.9, "crashes": 0,
        "failures": {"violations": [{"id": "q1", "query": "x", "disclosed": False, "items": []}]},
        "label_mismatches": [],
    }  # fmt: skip


def conversations(passed: int, total: int, grounding: int = 0) -> dict[str, Any]:
    return {"dialogues": total, "dialogues_passed": passed, "grounding_violations": grounding, "failures": []}


STORES: dict[str, dict[str, Any]] = {
    "demo": {
        "ingest": {"imported": {"products": 444}},
        "retrieval": retrieval(0.812, 0.551),
        "help": {"answerable": 24, "answered_right": 20, "answered_wrong_source": 1, "unanswerable": 12,
                 "confident_on_unanswerable": 0, "failures": []},
        "orders": {"valid": 12, "verified": 12, "status_correct": 11, "invalid": 8,
                   "facts_given_for_invalid": 0, "failures": [{"id": "v01", "passed": False}]},
        "conversations": {"none": conversations(70, 71), "llamacpp": conversations(69, 71, 2)},
    },
    "dummyjson": {
        "ingest": {"imported": {"products": 194}},
        "retrieval": retrieval(0.701, 0.433, undisclosed=3),
        "conversations": {"none": conversations(18, 22)},
    },
}  # fmt: skip


def _row(table: str, label: str) -> list[str]:
    line = next(line for line in table.splitlines() if line.startswith(f"| {label} |"))
    return [cell.strip() for cell in line.strip("|").split("|")][1:]


def test_one_column_per_store_in_order() -> None:
    table = side_by_side(STORES)
    assert table.splitlines()[0] == "| figure | demo | dummyjson |"


def test_figures_sit_under_their_store() -> None:
    table = side_by_side(STORES)
    assert _row(table, "nDCG@10 ours / plain dense") == ["0.812 / 0.551", "0.701 / 0.433"]
    assert _row(table, "queries with undisclosed violations") == ["0", "3"]
    assert _row(table, "products indexed") == ["444", "194"]
    assert _row(table, "dialogues passed (generator none)") == ["70/71", "18/22"]
    assert _row(table, "grounding violations (llamacpp)") == ["2", "—"]


def test_a_part_a_store_did_not_run_shows_a_dash() -> None:
    table = side_by_side(STORES)
    assert _row(table, "help: confident answers to unanswerable (must be 0)") == ["0/12 (0%)", "—"]
    assert _row(table, "orders: valid, status (and tracking) correct") == ["11/12 (92%)", "—"]
    assert _row(table, "dialogues passed (llamacpp)") == ["69/71", "—"]


def test_rows_no_store_has_are_left_out() -> None:
    table = side_by_side({"dummyjson": STORES["dummyjson"]})
    assert "help:" not in table and "orders:" not in table and "llamacpp" not in table


def test_markdown_lists_failures_per_store_and_the_calibration() -> None:
    report = {
        "generated": "2026-11-29T14:00:00+00:00",
        "seconds": 12.0,
        "stores": STORES,
        "calibration": {
            "thresholds": {"dense_alone": 0.62, "dense_min": 0.3, "words": 0.75},
            "calibrated_on": ["demo", "dummyjson"],
            "held_out": ["reshaped"],
            "per_store": {
                "demo": {"answerable": 24, "answered": 19, "answered_right": 19, "unanswerable": 12,
                         "confident_on_unanswerable": 0},
                "reshaped": {"answerable": 34, "answered": 26, "answered_right": 26, "unanswerable": 13,
                             "confident_on_unanswerable": 0},
            },
        },
    }  # fmt: skip
    text = render_markdown(report)
    assert "### demo: order checks (1)" in text
    assert "### dummyjson: items breaking a labelled constraint (1)" in text
    table = render_table(report)
    assert "| reshaped | held out | 26/34 (76%) | 26 | 0/13 (0%) |" in table
    assert "| demo | calibration | 19/24 (79%) | 19 | 0/12 (0%) |" in table


def test_demo_store_comes_first_and_every_store_has_its_labels() -> None:
    stores = all_stores()
    assert stores[0].name == DEMO
    for spec in stores:
        assert spec.catalog.exists()
        assert spec.labelled("retrieval_queries.yaml") is not None
        assert spec.labelled("help_questions.yaml") is not None
        assert spec.labelled("order_checks.yaml") is not None
        assert spec.dialogues.exists()


# --- judging one reply --------------------------------------------------------------------------


def reply(text: str, sources: list[str] = (), skill: str = "faq") -> Any:  # type: ignore[assignment]
    return SimpleNamespace(text=text, citations=[SimpleNamespace(source=s) for s in sources], skill=skill)


def test_help_answer_from_an_accepted_source_is_right() -> None:
    q = help_eval.HelpQuestion("h1", "how much is shipping?", "answer", ("faq:faq-001", "policies/a.md#B"))
    assert help_eval.judge(q, reply("It is $5.", ["faq:faq-001"]))["right"]
    wrong = help_eval.judge(q, reply("Returns are free.", ["faq:faq-013"]))
    assert wrong["answered"] and not wrong["right"]


def test_product_question_stating_the_labelled_fact_is_right() -> None:
    q = help_eval.HelpQuestion(
        "h2", "warranty on the X?", "answer", ("policies/w.md#Lifetime warranty",), "X"
    )
    assert help_eval.judge(q, reply("The X comes with a lifetime warranty.", skill="product_question"))[
        "right"
    ]


def test_help_summary_counts_confident_answers_to_unanswerable() -> None:
    unknown = help_eval.HelpQuestion("k1", "student discount?", "unknown")
    rows = [
        help_eval.judge(unknown, reply("Sign up for 10% off.", ["faq:faq-081"])),
        help_eval.judge(unknown, reply("I'm not sure about that one.")),
    ]
    summary = help_eval.summarize_help(rows)
    assert summary["confident_on_unanswerable"] == 1 and summary["unanswerable"] == 2


def order(order_id: str, status: str, tracking: str | None = None) -> Any:
    return SimpleNamespace(
        order_id=order_id,
        status=status,
        tracking=SimpleNamespace(number=tracking) if tracking else None,
        items=[SimpleNamespace(title="Trail Runner 2")],
    )


def test_order_ids_match_whatever_way_they_are_typed() -> None:
    assert order_eval.normalize_order_id("# sh-10 003") == order_eval.normalize_order_id("SH10003")


def test_valid_order_check_needs_verification_status_and_tracking() -> None:
    check = order_eval.OrderCheck("v1", "m", "#SH-10003", True, "shipped", "1Z99")
    ok = order_eval.judge(check, "Order #SH-10003 is shipped, tracking 1Z99.", ["#SH-10003"], None)
    assert ok["passed"]
    no_tracking = order_eval.judge(check, "Order #SH-10003 is shipped.", ["#SH-10003"], None)
    assert not no_tracking["passed"]
    not_verified = order_eval.judge(check, "Order #SH-10003 is shipped, tracking 1Z99.", [], None)
    assert not not_verified["passed"]


def test_invalid_order_check_counts_every_leaked_fact() -> None:
    check = order_eval.OrderCheck("i1", "m", "SH-10266", False, reason="other_customers_proof")
    real = order("#SH-10266", "shipped", "1ZX")
    quiet = order_eval.judge(check, "I couldn't verify order SH-10266 with that email.", [], real)
    assert quiet["passed"]
    leaked = order_eval.judge(check, "Order #SH-10266 is shipped: Trail Runner 2, tracking 1ZX.", [], real)
    assert set(leaked["leaks"]) == {"tracking number", "item 'Trail Runner 2'", "status shipped"}
    summary = order_eval.summarize_orders([quiet, leaked])
    assert summary["facts_given_for_invalid"] == 1 and summary["invalid"] == 2


def _gate_rows(dense_answerable: float, dense_unknown: float) -> dict[str, Any]:
    rows = [
        {"id": "a", "expect": "answer", "dense": dense_answerable, "coverage": 0.0, "right_source": True},
        {"id": "u", "expect": "unknown", "dense": dense_unknown, "coverage": 0.0, "right_source": False},
    ]
    return {"gate": {"rows": rows}}


def test_calibration_fits_on_the_calibration_stores_and_holds_out_the_rest() -> None:
    from assistant.evaluation.run import calibration

    stores = {
        "demo": _gate_rows(0.8, 0.5),
        "dummyjson": _gate_rows(0.7, 0.4),
        "reshaped": _gate_rows(0.6, 0.55),
    }
    cal = calibration(stores)
    assert cal is not None
    assert cal["calibrated_on"] == ["demo", "dummyjson"] and cal["held_out"] == ["reshaped"]
    assert 0.5 < cal["thresholds"]["dense_alone"] <= 0.7
    # The held-out store is reported with the fitted thresholds, whatever it scores.
    assert set(cal["per_store"]) == {"demo", "dummyjson", "reshaped"}
    assert cal["refit_check"]["held_out"] == ["dummyjson"]


def test_no_calibration_without_its_stores() -> None:
    from assistant.evaluation.run import calibration

    assert calibration({"reshaped": _gate_rows(0.6, 0.5)}) is None


def test_labels_are_read_against_the_source_records_when_attached() -> None:
    from assistant.evaluation.labels import LabelCatalog, label_catalog

    source = LabelCatalog([])
    assert label_catalog(SimpleNamespace(catalog="index", label_catalog=source)) is source
    assert label_catalog(SimpleNamespace(catalog="index")) == "index"


def test_a_title_counts_as_named_only_as_a_whole_phrase() -> None:
    from pathlib import Path

    from assistant.contracts import Reply
    from assistant.evaluation.grounding import GroundingContext, grounding_violations

    rice = SimpleNamespace(id="GRO-1", title="Rice", variants=[])
    ctx = GroundingContext(SimpleNamespace(products=[rice], get=lambda _: None), None, Path("/none"), {})  # type: ignore[arg-type]
    said = Reply(session_id="s", intent="x", text="Every price is listed.", skill="x")
    assert grounding_violations(said, ctx, []) == []
    named = Reply(session_id="s", intent="x", text="Try our rice, it is great.", skill="x")
    assert grounding_violations(named, ctx, []) == [
        "names 'Rice' (GRO-1) which is not among the items or orders"
    ]


def test_a_shown_items_brand_is_not_a_product_named() -> None:
    from pathlib import Path

    from assistant.contracts import RecommendedItem, Reply
    from assistant.evaluation.grounding import GroundingContext, grounding_violations

    fruit = SimpleNamespace(id="GRO-2", title="Apple", variants=[])
    tablet = SimpleNamespace(id="TAB-1", title="iPad Mini", variants=[], variant_price=lambda v: 499.0)
    catalog = SimpleNamespace(products=[fruit, tablet], get=lambda pid: tablet if pid == "TAB-1" else None)
    ctx = GroundingContext(catalog, None, Path("/none"), {})  # type: ignore[arg-type]
    item = RecommendedItem(product_id="TAB-1", title="iPad Mini", price=499.0, brand="Apple")
    reply = Reply(session_id="s", intent="x", text="The Apple iPad Mini costs $499.", skill="x", items=[item])
    assert grounding_violations(reply, ctx, []) == []
