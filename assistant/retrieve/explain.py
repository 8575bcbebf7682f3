"""Grounded reasons per recommended item: only from the item's data and the shopper's constraints.

Every reason carries the fields it was built from, so a test can trace it back to the record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.contracts import Constraints
from assistant.ingest.values import describe, key_unit, label_of, value_text
from assistant.records import AttrValue, Product, Variant
from assistant.retrieve.matching import in_range
from assistant.retrieve.products import Match

# What sets an item apart, by the dimension of a measure (the unit its key carries), never by
# attribute name: less mass is easier to carry; more volume, charge, storage, time, room or light
# is more to have. Other dimensions (length, temperature...) have no general "better" direction.
LESS_IS_BETTER = frozenset({"g"})
MORE_IS_BETTER = frozenset({"ml", "mah", "gb", "hours", "persons", "wh", "lumens"})


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
    attrs = dict(p.attributes)
    if m.variant is not None:
        attrs.update(m.variant.attributes)
    for key in c.attributes:
        if key in ("type", "size", "color"):
            continue  # "type tent" repeats the title; size and colour have their own lines below
        if key in attrs and str(attrs[key]).lower() in {str(w).lower() for w in c.accepted(key)}:
            owner, src = _owner(m, key)
            reasons.append(Reason(_describe(owner, key), (f"{src}.{key}",)))
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
            owner, src = _owner(m, key)
            reasons.append(Reason(_describe(owner, key), (f"{src}.{key}",)))
    if c.brands and p.brand.lower() in {b.lower() for b in c.brands}:
        reasons.append(Reason(f"from {p.brand}, as you asked", ("brand",)))
    for key, banned in c.exclude_attributes.items():
        value = p.attributes.get(key)
        if value is not None and str(value).lower() not in {str(b).lower() for b in banned}:
            shown = value_text(key, value, p.attribute_texts)
            text = f"{label_of(key, p.attribute_labels)} is {shown}, not {'/'.join(map(str, banned))}"
            reasons.append(Reason(text, (f"attributes.{key}",)))
    return reasons


def _owner(m: Match, key: str) -> tuple[Product | Variant, str]:
    """Where the item's value for `key` lives (the variant's own, else the product's) and its field."""
    if m.variant is not None and key in m.variant.attributes:
        return m.variant, "variants.attributes"
    return m.product, "attributes"


def _describe(owner: Product | Variant, key: str) -> str:
    return describe(key, owner.attributes[key], owner.attribute_labels, owner.attribute_texts)


def _number(value: AttrValue | None) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _distinguishing(m: Match, shown: Sequence[Match]) -> list[Reason]:
    if len(shown) < 2:
        return []
    reasons: list[Reason] = []
    for key, mine_raw in m.product.attributes.items():
        unit = key_unit(key)
        if unit not in LESS_IS_BETTER and unit not in MORE_IS_BETTER:
            continue
        numbers = [n for n in (_number(s.product.attributes.get(key)) for s in shown) if n is not None]
        mine = _number(mine_raw)
        if len(numbers) < 2 or mine is None:
            continue
        best = min(numbers) if unit in LESS_IS_BETTER else max(numbers)
        if mine == best and numbers.count(best) == 1:
            label = label_of(key, m.product.attribute_labels)
            shown_value = value_text(key, mine_raw, m.product.attribute_texts)
            word = "lightest" if unit in LESS_IS_BETTER else f"most {label}"
            reasons.append(Reason(f"{word} of these ({shown_value})", (f"attributes.{key}",)))
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
    if not reasons or len(shown) == 1:
        # Nothing else to say, or the one product the shopper named ("the Rolex Submariner"): its facts.
        reasons += [
            Reason(_describe(m.product, k), (f"attributes.{k}",)) for k in list(m.product.attributes)[:2]
        ]
    seen: set[str] = set()
    unique = [r for r in reasons if not (r.text in seen or seen.add(r.text))]  # type: ignore[func-returns-value]
    return unique[:limit]
