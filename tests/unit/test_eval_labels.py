"""The labelled retrieval set agrees with the demo catalog it was written for."""

from __future__ import annotations

from assistant.config import DEMO_STORE, PROJECT_ROOT
from assistant.evaluation.labels import fits, in_categories
from assistant.evaluation.retrieval_eval import load_queries
from assistant.records import Product

QUERIES = load_queries(PROJECT_ROOT / "evaluation" / "retrieval_queries.yaml")
PRODUCTS = [
    Product.model_validate_json(line)
    for line in (DEMO_STORE / "catalog.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def test_set_size_and_coverage() -> None:
    assert len(QUERIES) >= 150
    assert sum(1 for q in QUERIES if not q.satisfiable) >= 20
    categories = {p.category for p in PRODUCTS}
    covered = {
        c
        for c in categories
        if any(q.labels.categories and in_categories_path(c, q.labels.categories) for q in QUERIES)
    }
    assert covered == categories


def in_categories_path(path: str, labelled: list[str]) -> bool:
    return any(path == c or path.startswith(c + " >") for c in labelled)


def test_satisfiable_flags_match_the_catalog() -> None:
    wrong = [
        (q.id, q.query, sum(1 for p in PRODUCTS if fits(p, q.labels)))
        for q in QUERIES
        if q.satisfiable != any(fits(p, q.labels) for p in PRODUCTS)
    ]
    assert not wrong, wrong


def test_unsatisfiable_category_labels_name_nothing_we_sell() -> None:
    for q in QUERIES:
        if not q.satisfiable and q.labels.is_hard_empty():
            raise AssertionError(f"{q.id}: an impossible request needs at least one labelled constraint")
    assert in_categories(PRODUCTS[0], [PRODUCTS[0].category])
