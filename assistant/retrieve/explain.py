"""Grounded reasons per recommended item: only from the item's data and the shopper's constraints.

Every reason carries the fields it was built from, so a test can trace it back to the record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.contracts import Constraints
from assistant.ingest.documents import describe_attribute
from assistant.retrieve.matching import in_range
from assistant.retrieve.products import Match
from assistant.understand.numbers import describe_measure

# Numeric attributes where lower is the selling point; the rest are "more is better".
LOWER_IS_BETTER = {"weight_g", "drop_mm"}
UNITS = {
    "weight_g": " g",
    "capacity_l": " L",
    "wattage_w": " W",
    "battery_hours": " h of battery",
    "volume_ml": " ml",
    "pieces": " pieces",
    "drop_mm": " mm drop",
}


@dataclass(frozen=True)
class Reason:
    text: str
    fields: tuple[str, ...]  # record fields the text is built from: "price", "attributes.waterproof"


def money(value: float, currency: str = "USD") -> str:
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency, "")
    amount = f"{value:,.2f}".replace(".00", "")
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}"


def _constraint_reasons(m: Match, c: Constraints) -> list[Reason]:
    """Reasons for the constraints this item really meets (after a relaxation, some it does not)."""
    reasons: list[Reason] = []
    p = m.product
    price_field = "variants.price" if m.variant is not None and m.variant.price is not None else "price"
    under = c.price_max is None or m.price <= c.price_max
    over = c.price_min is None or m.price >= c.price_min
    if c.price_max is not None and c.price_min is not None and under and over:
        reasons.append(Reason(f"within your {money(c.price_min)}–{money(c.price_max)} range", (price_field,)))
    elif c.price_max is not None and c.price_min is None and under:
        reasons.append(Reason(f"under your {money(c.price_max)} budget", (price_field,)))
    elif c.price_min is not None and c.price_max is None and over:
        reasons.append(Reason(f"above your {money(c.price_min)} minimum", (price_field,)))
    for key, wanted in c.attributes.items():
        if key == "type":
            continue  # "type tent" repeats the title; the shopper sees it is a tent
        if key in p.attributes and str(p.attributes[key]).lower() == str(wanted).lower():
            reasons.append(Reason(describe_attribute(key, p.attributes[key]), (f"attributes.{key}",)))
    attrs = dict(p.attributes)
    if m.variant is not None:
        attrs.update(m.variant.attributes)
    wanted_sizes = {str(s).lower() for s in c.sizes}
    if "size" in attrs and str(attrs["size"]).lower() in wanted_sizes:
        reasons.append(
            Reason(f"size {attrs['size']} in stock", ("variants.attributes.size", "variants.in_stock"))
        )
    if "color" in attrs and str(attrs["color"]).lower() in {x.lower() for x in c.colors}:
        from_variant = m.variant is not None and "color" in m.variant.attributes
        src = "variants.attributes.color" if from_variant else "attributes.color"
        reasons.append(Reason(f"available in {attrs['color']}", (src,)))
    for key, bounds in c.ranges.items():
        if in_range(attrs.get(key), bounds):
            src = (
                "variants.attributes"
                if m.variant is not None and key in m.variant.attributes
                else "attributes"
            )
            reasons.append(Reason(describe_measure(key, float(attrs[key])), (f"{src}.{key}",)))
    if c.brands and p.brand.lower() in {b.lower() for b in c.brands}:
        reasons.append(Reason(f"from {p.brand}, as you asked", ("brand",)))
    for key, banned in c.exclude_attributes.items():
        value = p.attributes.get(key)
        if value is not None and str(value).lower() not in {str(b).lower() for b in banned}:
            text = f"{key.replace('_', ' ')} is {value}, not {'/'.join(map(str, banned))}"
            reasons.append(Reason(text, (f"attributes.{key}",)))
    return reasons


def _distinguishing(m: Match, shown: Sequence[Match]) -> list[Reason]:
    if len(shown) < 2:
        return []
    reasons: list[Reason] = []
    for key, unit in UNITS.items():
        values = [s.product.attributes.get(key) for s in shown]
        numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
        mine = m.product.attributes.get(key)
        if len(numbers) < 2 or not isinstance(mine, int | float) or isinstance(mine, bool):
            continue
        best = min(numbers) if key in LOWER_IS_BETTER else max(numbers)
        if mine == best and numbers.count(best) == 1:
            word = {"weight_g": "lightest", "drop_mm": "lowest drop"}.get(key, "most")
            label = key.split("_")[0]
            text = (
                f"{word} of these at {mine:g}{unit}"
                if word != "most"
                else f"most {label} of these ({mine:g}{unit})"
            )
            reasons.append(Reason(text, (f"attributes.{key}",)))
    prices = [s.price for s in shown]
    if m.price == min(prices) and prices.count(m.price) == 1:
        reasons.append(Reason(f"the lowest price here at {money(m.price, m.product.currency)}", ("price",)))
    return reasons


def _evidence(m: Match) -> list[Reason]:
    p = m.product
    if p.rating is not None and p.review_count >= 5:
        return [Reason(f"rated {p.rating:.1f} from {p.review_count:,} reviews", ("rating", "review_count"))]
    return []


def explain_match(m: Match, c: Constraints, shown: Sequence[Match], limit: int = 3) -> list[Reason]:
    """Up to `limit` reasons: matched constraints first, then what sets it apart, then evidence."""
    reasons = _constraint_reasons(m, c) + _distinguishing(m, shown) + _evidence(m)
    if not reasons:
        reasons = [
            Reason(describe_attribute(k, v), (f"attributes.{k}",))
            for k, v in list(m.product.attributes.items())[:2]
        ]
    seen: set[str] = set()
    unique = [r for r in reasons if not (r.text in seen or seen.add(r.text))]  # type: ignore[func-returns-value]
    return unique[:limit]
