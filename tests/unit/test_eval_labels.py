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


def test_a_range_on_the_normalised_key_reads_a_labelled_text_value_when_it_picks_the_same_products() -> None:
    from assistant.contracts import Constraints
    from assistant.evaluation.labels import Labels
    from assistant.evaluation.retrieval_eval import RetrievalQuery, slot_errors

    q = RetrievalQuery(
        id="t",
        query="a lifetime warranty",
        labels=Labels.from_dict({"attributes": {"warranty": "Lifetime warranty"}}),
    )
    read = Constraints(ranges={"warranty_hours": (1e12, None)})
    picks = {("Lifetime warranty", (1e12, None)): True, ("Lifetime warranty", (8760.0, None)): False}

    def same(
        label_key: str, value: object, range_key: str, bounds: tuple[float | None, float | None]
    ) -> bool:
        assert (label_key, range_key) == ("warranty", "warranty_hours")
        return picks[(str(value), bounds)]

    assert slot_errors(q, read, [], same) == []
    wider = Constraints(ranges={"warranty_hours": (8760.0, None)})
    assert slot_errors(q, wider, [], same)  # a year or more picks more than the lifetime ones
    assert slot_errors(q, read, [])  # without the catalog check a range is no text value
