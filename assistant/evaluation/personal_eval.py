"""Offline evaluation of personalisation: leave the last purchase out.

For every customer with at least 3 orders, hide the last order (by date), build the profile and
the co-purchase model from everything else, and for each hidden item search its category the way
the assistant would (the category noun as the query text, the category as a hard filter). Score
where the hidden item lands in the top 10:

- personalised: rank.py with the profile personalizer (affinity + co-purchase, weights from Settings)
- popularity: the same candidates ordered by how many customers bought them (training orders only)
- retrieval: rank.py without a personalizer (relevance, rating, diversity): what a stranger sees

Run: `python -m assistant.evaluation.personal_eval`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from assistant.config import Settings, get_settings
from assistant.contracts import Constraints
from assistant.personal.copurchase import CoPurchaseModel, product_embeddings
from assistant.personal.personalizer import PricePositions, ProfilePersonalizer
from assistant.personal.profile import build_profile
from assistant.records import Order, category_noun
from assistant.retrieve.products import Match
from assistant.retrieve.rank import RankWeights, rank_matches

K = 10
MIN_ORDERS = 3
METHODS = ("personalised", "personalised (no co-purchase)", "popularity", "retrieval")


def _metrics(ranked: Sequence[str], target: str) -> tuple[float, float]:
    top = list(ranked[:K])
    if target not in top:
        return 0.0, 0.0
    return 1.0, 1.0 / math.log2(top.index(target) + 2)


def split_last_order(orders: Sequence[Order]) -> dict[str, tuple[list[Order], Order]]:
    """customer -> (earlier orders, last order), for customers with >= MIN_ORDERS orders."""
    by_customer: dict[str, list[Order]] = defaultdict(list)
    for order in orders:
        by_customer[order.customer_id].append(order)
    split = {}
    for customer, own in sorted(by_customer.items()):
        if len(own) >= MIN_ORDERS:
            own = sorted(own, key=lambda o: (o.placed_at, o.order_id))
            split[customer] = (own[:-1], own[-1])
    return split


def evaluate(assistant: Any, settings: Settings) -> dict[str, Any]:
    catalog, retriever = assistant.catalog, assistant.services.retriever
    orders = assistant.db.all_orders()
    ids = [p.id for p in catalog.products]
    categories = {p.id: p.category for p in catalog.products}
    embeddings = product_embeddings(assistant.store, ids)
    positions = PricePositions(catalog)
    weights = RankWeights.from_settings(settings)
    no_copurchase = replace(weights, copurchase=0.0)
    candidates: dict[str, list[Match]] = {}
    sums: dict[str, list[float]] = {m: [0.0, 0.0] for m in METHODS}
    cases, customers, pool_sizes, in_pool = 0, 0, 0, 0

    for customer, (earlier, last) in split_last_order(orders).items():
        hidden = {o.order_id for o in (last,)}
        training = [o for o in orders if o.order_id not in hidden]
        model = CoPurchaseModel.from_orders(training, ids, embeddings, categories)
        profile = build_profile(customer, earlier, catalog)
        personalizer = ProfilePersonalizer(profile, catalog, model, None, positions)
        customers += 1
        for target in dict.fromkeys(item.product_id for item in last.items):
            product = catalog.get(target)
            if product is None:
                continue
            category = product.category
            constraints = Constraints(categories=[category])
            if category not in candidates:
                text = category_noun(category.split(" > "))
                candidates[category] = retriever.search(text, constraints).matches
            pool = candidates[category]
            cases += 1
            pool_sizes += len(pool)
            in_pool += any(m.product.id == target for m in pool)
            bought = model.purchases
            rankings = {
                "personalised": _ids(rank_matches(pool, constraints, K, weights, personalizer)),
                "personalised (no co-purchase)": _ids(
                    rank_matches(pool, constraints, K, no_copurchase, personalizer)
                ),
                "popularity": [
                    m.product.id
                    for m in sorted(pool, key=lambda m: (-bought.get(m.product.id, 0), -m.relevance))
                ],
                "retrieval": _ids(rank_matches(pool, constraints, K, weights, None)),
            }
            for method, ranking in rankings.items():
                hit, gain = _metrics(ranking, target)
                sums[method][0] += hit
                sums[method][1] += gain
    results = {
        m: {"hr@10": round(h / max(cases, 1), 4), "ndcg@10": round(g / max(cases, 1), 4)}
        for m, (h, g) in sums.items()
    }
    return {
        "customers": customers,
        "cases": cases,
        "mean_candidates": round(pool_sizes / max(cases, 1), 1),
        "target_in_candidates": round(in_pool / max(cases, 1), 4),
        "random_hr@10": round(
            sum(min(1.0, K / max(len(p), 1)) for p in candidates.values()) / max(len(candidates), 1), 4
        ),
        "methods": results,
        "weights": {
            "personal": weights.personal,
            "copurchase": weights.copurchase,
            "relevance": weights.relevance,
        },
    }


def _ids(matches: Sequence[Match]) -> list[str]:
    return [m.product.id for m in matches]


def table(report: dict[str, Any]) -> str:
    lines = [
        f"Leave-last-purchase-out: {report['customers']} customers, {report['cases']} hidden items, "
        f"~{report['mean_candidates']} candidates per query (target among them: "
        f"{100 * report['target_in_candidates']:.0f}%, random HR@10 ~{report['random_hr@10']:.2f})",
        f"{'method':<32}{'HR@10':>8}{'nDCG@10':>10}",
    ]
    for method, values in report["methods"].items():
        lines.append(f"{method:<32}{values['hr@10']:>8.3f}{values['ndcg@10']:>10.3f}")
    return "\n".join(lines)


def run(settings: Settings | None = None, assistant: Any = None) -> dict[str, Any]:
    """Build (or reuse) an assistant over the configured store, evaluate, print the table."""
    settings = settings or get_settings()
    if assistant is None:
        from assistant.assistant import Assistant
        from assistant.storage.vectors import open_store

        local = Settings(**{**settings.model_dump(), "generator_backend": "none"})
        assistant = Assistant(local, open_store(local), generator=None)
    report = evaluate(assistant, settings)
    print(table(report))
    return report


if __name__ == "__main__":
    run()
