"""A shopper's profile, built from data: purchases from orders, products shown and clicked in the
assistant, and preferences the shopper stated (sizes, brands, budgets). Pure: no database here."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assistant.personal.records import StatedPref
from assistant.records import Order
from assistant.retrieve.catalog import Catalog
from assistant.retrieve.explain import money

# A variant attribute is a fit (bought in the shopper's own value: a shoe size, the phone a case
# fits) unless it is a matter of taste that a shopper varies from purchase to purchase.
TASTE_KEYS = ("color",)
GENDER = re.compile(r"\b(women|men)'s\b", re.I)


def family(category: str) -> str:
    """Sizes carry over within a top-level category: a shoe size fits running and hiking shoes."""
    return category.split(" > ")[0] if category else ""


def gender_of(title: str) -> str | None:
    found = GENDER.search(title)
    return found.group(1).lower() if found else None


@dataclass(frozen=True)
class Purchase:
    order_id: str
    placed_at: str
    product_id: str
    variant_id: str | None
    title: str
    brand: str
    category: str
    price: float
    fit: dict[str, str] = field(default_factory=dict)  # {"size": "43"} from the ordered variant


@dataclass
class ShopperProfile:
    user_id: str
    purchases: list[Purchase] = field(default_factory=list)
    stated: list[StatedPref] = field(default_factory=list)
    viewed: Counter[str] = field(default_factory=Counter)
    clicked: Counter[str] = field(default_factory=Counter)
    optouts: set[str] = field(default_factory=set)

    @property
    def uses_sizes(self) -> bool:
        return not self.optouts & {"sizes", "all"}

    def fits(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(family, fit key) -> (value, evidence): a stated size wins over one from an order.

        After "forget my sizes" the orders' sizes are no longer used; a size stated later is (the
        forget deleted the earlier ones)."""
        found: dict[tuple[str, str], tuple[str, str]] = {}
        for p in sorted(self.purchases, key=lambda p: p.placed_at) if self.uses_sizes else []:
            for key, value in p.fit.items():
                found[(family(p.category), key)] = (value, f"order {p.order_id}")
        for pref in self.stated:
            if pref.kind == "size":
                found[(pref.key, "size")] = (pref.value, "you told me")
        return found

    def brand_counts(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        if "brands" not in self.optouts:
            counts.update(p.brand for p in self.purchases if p.brand)
        for pref in self.stated:
            if pref.kind == "brand":
                counts[pref.value] += 2 * pref.count
        return counts

    def budgets(self) -> dict[str, float]:
        return {pref.key: float(pref.value) for pref in self.stated if pref.kind == "budget"}

    def is_empty(self) -> bool:
        return not (self.purchases or self.stated or self.viewed or self.clicked)

    def describe(self) -> str:
        """What we know, in words, from the records themselves (order ids included)."""
        if self.is_empty():
            return "I don't have anything stored about you: no orders, saved preferences or viewed items."
        lines = ["Here's what I know about you:"]
        if self.purchases:
            orders = sorted({p.order_id for p in self.purchases})
            cats = Counter(p.category.split(" > ")[-1] for p in self.purchases)
            top = ", ".join(f"{c} ({n})" for c, n in cats.most_common(3))
            lines.append(
                f"- {len(orders)} orders ({', '.join(orders[:6])}{'…' if len(orders) > 6 else ''}) "
                f"with {len(self.purchases)} items; mostly {top}."
            )
            recent = sorted(self.purchases, key=lambda p: p.placed_at)[-3:]
            lines.append(
                "- Recent buys: "
                + "; ".join(f"{p.title} ({money(p.price)}, order {p.order_id})" for p in reversed(recent))
                + "."
            )
        fits = self.fits()
        if fits:
            lines.append(
                "- Sizes: "
                + "; ".join(
                    f"{fam or 'any'} {'' if key == 'size' else key.replace('_', ' ') + ' '}{value} ({evidence})"
                    for (fam, key), (value, evidence) in sorted(fits.items())
                )
                + "."
            )
        brands = self.brand_counts()
        if brands:
            lines.append(
                "- Brands you buy or asked for: " + ", ".join(b for b, _ in brands.most_common(4)) + "."
            )
        budgets = self.budgets()
        if budgets:
            lines.append(
                "- Budgets you set: "
                + "; ".join(
                    f"{k.split(' > ')[-1] or 'anything'} under {money(v)}" for k, v in sorted(budgets.items())
                )
                + "."
            )
        if self.viewed or self.clicked:
            lines.append(
                f"- In this assistant I've shown you {len(self.viewed)} products; "
                f"you opened {len(self.clicked)}."
            )
        if self.optouts:
            lines.append("- You asked me to forget: " + ", ".join(sorted(self.optouts)) + ".")
        lines.append('Say "forget my sizes" or "forget everything about me" and I\'ll delete it.')
        return "\n".join(lines)


def purchases_from_orders(orders: Iterable[Order], catalog: Catalog) -> list[Purchase]:
    found: list[Purchase] = []
    for order in orders:
        if order.status == "cancelled":
            continue  # a cancelled order says little about taste and was never received
        for item in order.items:
            product = catalog.get(item.product_id)
            variant = None
            if product is not None and item.variant_id:
                variant = next((v for v in product.variants if v.id == item.variant_id), None)
            fit = {
                k: str(v) for k, v in (variant.attributes if variant else {}).items() if k not in TASTE_KEYS
            }
            found.append(
                Purchase(
                    order_id=order.order_id,
                    placed_at=order.placed_at,
                    product_id=item.product_id,
                    variant_id=item.variant_id,
                    title=item.title,
                    brand=product.brand if product else "",
                    category=product.category if product else "",
                    price=item.price,
                    fit=fit,
                )
            )
    return found


def build_profile(
    user_id: str,
    orders: Sequence[Order],
    catalog: Catalog,
    stated: Sequence[StatedPref] = (),
    viewed: Counter[str] | None = None,
    clicked: Counter[str] | None = None,
    optouts: set[str] | None = None,
) -> ShopperProfile:
    optouts = set(optouts or ())
    if "all" in optouts:
        return ShopperProfile(user_id, optouts=optouts)
    return ShopperProfile(
        user_id=user_id,
        purchases=purchases_from_orders(orders, catalog),
        stated=list(stated),
        viewed=viewed or Counter(),
        clicked=clicked or Counter(),
        optouts=optouts,
    )
