"""Retrieval on labelled shopper queries: the real pipeline against plain dense retrieval.

Ours: `Assistant.chat` on a fresh session (understanding, merge, hybrid filtered retrieval with
relaxation, ranking, honest-empty logic), top 10 items. Baseline: the raw query embedded and
matched against every product, no filters, no lexical half, top 10.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from assistant.contracts import Constraints
from assistant.evaluation.labels import Labels, grades, in_categories, item_fits, label_catalog
from assistant.evaluation.metrics import mean, ndcg_at, recall_at, reciprocal_rank

if TYPE_CHECKING:
    from assistant.assistant import Assistant
    from assistant.contracts import Reply, Understanding

K = 10
SEARCH_INTENTS = ("product_search", "recommend")
# Notes that only say how a word was read are not a disclosure that the request was out of reach.
READING_NOTE = re.compile(r"^(I searched \"|I read that as)")


@dataclass(frozen=True)
class RetrievalQuery:
    id: str
    query: str
    labels: Labels
    satisfiable: bool = True
    intents: tuple[str, ...] = SEARCH_INTENTS  # any of these counts as understood
    price_approx: bool = False  # "around 50": any understood range inside the labelled one is right
    tags: tuple[str, ...] = ()


def load_queries(path: Path) -> list[RetrievalQuery]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = []
    for row in raw["queries"]:
        intent = row.get("intent", list(SEARCH_INTENTS))
        queries.append(
            RetrievalQuery(
                id=str(row["id"]),
                query=str(row["query"]),
                labels=Labels.from_dict(row),
                satisfiable=bool(row.get("satisfiable", True)),
                intents=tuple(intent if isinstance(intent, list) else [intent]),
                price_approx=bool(row.get("price_approx", False)),
                tags=tuple(row.get("tags", [])),
            )
        )
    ids = [q.id for q in queries]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path}: duplicate query ids")
    return queries


# --- understanding -----------------------------------------------------------------------------


def _leaves(categories: list[str], all_paths: list[str]) -> set[str]:
    return {p for p in all_paths if any(p == c or p.startswith(c + " >") for c in categories)}


# Label key -> the ids its labelled values select, and the ids a range on the shop's normalised key
# selects: the index may hold "Lifetime warranty" as an amount (`warranty_hours`), so a reading as a
# range is right when it picks exactly the products the labelled text picks.
SameProducts = Callable[[str, Any, str, tuple[float | None, float | None]], bool]


def slot_errors(
    q: RetrievalQuery, c: Constraints, all_paths: list[str], same_products: SameProducts | None = None
) -> list[str]:
    """Slots where the understood constraints differ from the labels (soft labels are not slots)."""
    lab = q.labels
    errors: list[str] = []
    if _leaves(lab.categories, all_paths) != _leaves(c.categories, all_paths):
        errors.append(f"categories {c.categories} != {lab.categories}")
    if not lab.cheap:
        if q.price_approx:
            ok = (
                c.price_min is not None and c.price_max is not None and lab.price_min is not None
                and lab.price_max is not None and lab.price_min <= c.price_min <= c.price_max <= lab.price_max
            )  # fmt: skip
        else:
            ok = (c.price_min, c.price_max) == (lab.price_min, lab.price_max)
        if not ok:
            errors.append(f"price {c.price_min}-{c.price_max} != {lab.price_min}-{lab.price_max}")
    pairs: list[tuple[str, list[str], list[str]]] = [
        ("colors", c.colors, lab.colors),
        ("exclude_colors", c.exclude_colors, lab.exclude_colors),
        ("sizes", c.sizes, lab.sizes),
        ("brands", c.brands, lab.brands),
        ("exclude_brands", c.exclude_brands, lab.exclude_brands),
    ]
    for name, got, want in pairs:
        if {str(x).lower() for x in got} != {str(x).lower() for x in want}:
            errors.append(f"{name} {got} != {want}")
    got_attrs = {_key(k): v for k, v in c.attributes.items() if k not in ("color", "size")}
    wanted = {_key(k): v for k, v in lab.attributes.items()}
    if same_products is not None:
        for label_key, value in lab.attributes.items():
            if _key(label_key) in got_attrs:
                continue
            for range_key, bounds in c.ranges.items():
                if _key(range_key).startswith(_key(label_key) + " ") and same_products(
                    label_key, value, range_key, bounds
                ):
                    got_attrs[_key(label_key)] = value
    # A labelled list names acceptable values ("women" or "unisex"); reading any one of them is right.
    same_keys = set(got_attrs) == set(wanted)
    if not same_keys or any(not _accepts(wanted[k], v) for k, v in got_attrs.items()):
        errors.append(f"attributes {got_attrs} != {lab.attributes}")
    got_ex = {k: sorted(map(str, v)) for k, v in c.exclude_attributes.items()}
    want_ex = {k: sorted(map(str, v)) for k, v in lab.exclude_attributes.items()}
    if got_ex != want_ex:
        errors.append(f"exclude_attributes {got_ex} != {want_ex}")
    if lab.sort != "relevance" and c.sort != lab.sort:
        errors.append(f"sort {c.sort} != {lab.sort}")
    return errors


def _accepts(wanted: Any, got: Any) -> bool:
    options = wanted if isinstance(wanted, list) else [wanted]
    return _norm(got) in [_norm(o) for o in options] or _norm(got) == _norm(wanted)


def _key(name: str) -> str:
    """Labels spell keys as the shop's file does ("noise cancelling"); the index may join them."""
    return name.strip().lower().replace("_", " ")


def _norm(value: Any) -> Any:
    if isinstance(value, list):
        return sorted(str(v).lower() for v in value)
    if isinstance(value, bool):  # a shop's "yes"/"true" label reads as the boolean it spells
        return "true" if value else "false"
    return str(value).lower() if isinstance(value, str) else value


# --- one query ------------------------------------------------------------------------------------


@dataclass
class QueryResult:
    id: str
    query: str
    satisfiable: bool
    intent: str
    intent_ok: bool
    slot_errors: list[str]
    ours: list[str]
    baseline: list[str]
    n_relevant: int
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)  # system -> metric -> value
    violations: list[dict[str, Any]] = field(default_factory=list)  # shown items that break a label
    disclosed: bool = False  # the reply carries a note saying the request was relaxed / out of reach
    skill: str = ""
    label_mismatch: bool = False  # the catalog no longer agrees with `satisfiable`
    crash: str = ""  # the turn raised: exception and where


def _where(exc: BaseException) -> str:
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    last = frames[-1] if frames else None
    return f"{Path(last.filename).name}:{last.lineno}" if last else "?"


def _disclosed(reply: Reply) -> bool:
    return any(not READING_NOTE.match(n) for n in reply.notes)


def evaluate_query(assistant: Assistant, q: RetrievalQuery, baseline_retriever: Any) -> QueryResult:
    catalog = label_catalog(assistant)
    all_paths = catalog.categories()
    u: Understanding = assistant.dialogue.understander.understand(q.query)
    try:
        reply = assistant.chat(f"eval-retrieval-{q.id}-{uuid.uuid4().hex[:6]}", q.query)
    except Exception as exc:  # one crashing turn is a finding, not the end of the evaluation
        from assistant.contracts import Reply

        crash = f"{type(exc).__name__}: {exc} at {_where(exc)}"
        reply = Reply(session_id="crashed", intent="crash", text="", skill="crash", extra={"crash": crash})
    ours = [i.product_id for i in reply.items][:K]
    base = [m.product.id for m in baseline_retriever.search(q.query, Constraints()).matches[:K]]
    g = grades(catalog.products, q.labels)
    result = QueryResult(
        id=q.id,
        query=q.query,
        satisfiable=q.satisfiable,
        intent=u.intent,
        intent_ok=u.intent in q.intents,
        slot_errors=slot_errors(q, u.constraints, all_paths, _same_products(assistant, catalog)),
        ours=ours,
        baseline=base,
        n_relevant=sum(1 for v in g.values() if v > 0),
        disclosed=_disclosed(reply),
        skill=reply.skill,
        crash=str(reply.extra.get("crash", "")),
    )
    # A generated store can drift from the labels; such a query is reported, never scored.
    result.label_mismatch = q.satisfiable != (result.n_relevant > 0)
    for name, ranked in (("ours", ours), ("baseline", base)):
        result.metrics[name] = {
            "ndcg": ndcg_at(ranked, g, K),
            "recall": recall_at(ranked, g, K),
            "mrr": reciprocal_rank(ranked, g, K),
        }
    for item in reply.items:
        product = catalog.get(item.product_id)
        if product is None or not item_fits(product, item.variant_id, item.price, q.labels):
            result.violations.append(
                {"product_id": item.product_id, "variant_id": item.variant_id, "title": item.title,
                 "price": item.price, "category": product.category if product else "?"}
            )  # fmt: skip
    return result


def _same_products(assistant: Assistant, catalog: Any) -> SameProducts:
    """Whether a labelled text value and a range on the index's normalised key pick the same products."""
    from assistant.retrieve.matching import in_range

    def same(label_key: str, value: Any, range_key: str, bounds: tuple[float | None, float | None]) -> bool:
        options = {_norm(v) for v in (value if isinstance(value, list) else [value])}
        labelled = {p.id for p in catalog.products if _norm(p.attributes.get(label_key)) in options}
        ranged = {p.id for p in assistant.catalog.products if in_range(p.attributes.get(range_key), bounds)}
        return bool(labelled) and labelled == ranged

    return same


def _satisfaction(
    results: list[QueryResult], system: str, assistant: Assistant, queries: dict[str, RetrievalQuery]
) -> float:
    total = ok = 0
    for r in results:
        ids = r.ours if system == "ours" else r.baseline
        lab = queries[r.id].labels
        for pid in ids:
            product = label_catalog(assistant).get(pid)
            total += 1
            if product is None:
                continue
            if system == "ours":
                ok += 0 if any(v["product_id"] == pid for v in r.violations) else 1
            else:
                ok += 1 if _baseline_fits(product, lab) else 0
    return ok / total if total else 1.0


def _baseline_fits(product: Any, lab: Labels) -> bool:
    from assistant.evaluation.labels import fits

    return fits(product, lab) and in_categories(product, lab.categories)


def evaluate_retrieval(assistant: Assistant, queries: list[RetrievalQuery]) -> dict[str, Any]:
    from assistant.retrieve.products import ProductRetriever, RetrievalOptions

    baseline = ProductRetriever(
        assistant.catalog,
        assistant.store,
        assistant.embedder.embed_query,
        RetrievalOptions(candidate_k=assistant.settings.candidate_k, use_lexical=False, use_filters=False),
    )
    scored = [evaluate_query(assistant, q, baseline) for q in queries]
    results = [r for r in scored if not r.label_mismatch]
    by_id = {q.id: q for q in queries}
    sat = [r for r in results if r.satisfiable]
    unsat = [r for r in results if not r.satisfiable]
    summary: dict[str, Any] = {"queries": len(results), "satisfiable": len(sat), "unsatisfiable": len(unsat)}
    summary["label_mismatches"] = [
        {"id": r.id, "query": r.query, "fitting_products": r.n_relevant} for r in scored if r.label_mismatch
    ]
    for system in ("ours", "baseline"):
        summary[system] = {
            f"ndcg@{K}": mean([r.metrics[system]["ndcg"] for r in sat]),
            f"recall@{K}": mean([r.metrics[system]["recall"] for r in sat]),
            "mrr": mean([r.metrics[system]["mrr"] for r in sat]),
            "constraint_satisfaction": _satisfaction(sat, system, assistant, by_id),
        }
    # Items on satisfiable queries that break a label without the reply saying it relaxed something.
    undisclosed = [r for r in sat if r.violations and not r.disclosed]
    summary["ours"]["undisclosed_violation_queries"] = len(undisclosed)
    summary["ours"]["honest_empty"] = sum(1 for r in unsat if not r.ours) / len(unsat) if unsat else 0.0
    summary["ours"]["honest_disclosed"] = (
        sum(1 for r in unsat if r.ours and r.disclosed) / len(unsat) if unsat else 0.0
    )
    summary["baseline"]["honest_empty"] = (
        sum(1 for r in unsat if not r.baseline) / len(unsat) if unsat else 0.0
    )
    summary["baseline"]["honest_disclosed"] = 0.0  # plain retrieval has no way to say anything
    summary["intent_accuracy"] = mean([1.0 if r.intent_ok else 0.0 for r in results])
    summary["slot_accuracy"] = mean([0.0 if r.slot_errors else 1.0 for r in results])
    summary["crashes"] = len([r for r in results if r.crash])
    summary["failures"] = {
        "crashes": [{"id": r.id, "query": r.query, "error": r.crash} for r in results if r.crash],
        "intent": [{"id": r.id, "query": r.query, "got": r.intent} for r in results if not r.intent_ok],
        "slots": [{"id": r.id, "query": r.query, "errors": r.slot_errors} for r in results if r.slot_errors],
        "violations": [
            {"id": r.id, "query": r.query, "disclosed": r.disclosed, "items": r.violations}
            for r in sat if r.violations
        ],
        "dishonest_unsatisfiable": [
            {"id": r.id, "query": r.query, "skill": r.skill, "shown": r.ours[:5]}
            for r in unsat if r.ours and not r.disclosed
        ],
        "low_ndcg": sorted(
            ({"id": r.id, "query": r.query, "ndcg": round(r.metrics["ours"]["ndcg"], 3),
              "baseline": round(r.metrics["baseline"]["ndcg"], 3), "skill": r.skill} for r in sat
             if r.metrics["ours"]["ndcg"] < 0.5),
            key=lambda x: x["ndcg"],
        ),
    }  # fmt: skip
    summary["per_query"] = [
        {"id": r.id, "ndcg": round(r.metrics["ours"]["ndcg"], 4) if r.satisfiable else None,
         "baseline_ndcg": round(r.metrics["baseline"]["ndcg"], 4) if r.satisfiable else None,
         "shown": len(r.ours), "violations": len(r.violations), "intent": r.intent}
        for r in results
    ]  # fmt: skip
    return summary
