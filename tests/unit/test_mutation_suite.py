"""The whole-answer checker on real fact sheets of every store: it catches mutants and passes the
hand-written paraphrases (no model: the sheets are a committed fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evaluation.mutations import measure_stores

ROOT = Path(__file__).resolve().parents[2]
STORES = {
    "demo": ROOT / "knowledge",
    "dummyjson": ROOT / "knowledge" / "stores" / "dummyjson",
    "reshaped": ROOT / "knowledge" / "stores" / "reshaped",
}


@pytest.fixture(scope="module")
def report() -> dict[str, dict[str, object]]:
    return measure_stores(
        STORES, ROOT / "evaluation" / "fact_sheets", ROOT / "evaluation" / "paraphrases.yaml"
    )


def test_every_store_has_sheets(report: dict[str, dict[str, object]]) -> None:
    assert set(report) == set(STORES)


def test_suite_is_large_enough(report: dict[str, dict[str, object]]) -> None:
    assert sum(int(str(r["mutants"])) for r in report.values()) >= 500
    assert sum(int(str(r["paraphrases"])) for r in report.values()) >= 100


@pytest.mark.parametrize("store", sorted(STORES))
def test_catch_rate_and_false_rejects(report: dict[str, dict[str, object]], store: str) -> None:
    r = report[store]
    assert float(str(r["catch_rate"])) >= 0.99, r
    assert float(str(r["false_reject_rate"])) <= 0.05, r
