"""The `Personalizer` rank.py blends in: affinity from the shopper's profile, co-purchase links to
what they bought, feedback priors from all shoppers; and reasons that say so, each traceable to
the order or product it comes from."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from assistant.personal.copurchase import CoPurchaseModel
from assistant.personal.profile import ShopperProfile, family, gender_of
from assistant.records import Product, category_noun
from assistant.retrieve.catalog import Catalog
from assistant.retrieve.rank import PersonalSignals

AFFINITY_WEIGHTS = {"category": 0.35, "brand": 0.25, "budget": 0.15, "fit": 0.15, "gender": 0.10}
PRIOR_SCALE = 3.0  # net votes for a prior of tanh(1) = 0.76: one thumb moves an item a little


@dataclass(frozen=True)
class PersonalReason:
    text: str
    kind: str  # fit | copurchase | brand
    product_id: str  # the purchased product it refers to
    order_ids: tuple[str, ...]  # the orders it comes from


class PricePositions:
    """Where a price sits within its category (0 cheapest .. 1 dearest): budget habits carry over."""

    def __init__(self, catalog: Catalog) -> None:
        by_cat: dict[str, list[float]] = {}
        for p in catalog.products:
            by_cat.setdefault(p.category, []).append(p.price)
        self.prices = {c: sorted(v) for c, v in by_cat.items()}

    def position(self, category: str, price: float) -> float:
        prices = self.prices.get(category)
        if not prices or len(prices) == 1:
            return 0.5
        mid = (bisect_left(prices, price) + bisect_right(prices, price)) / 2
        return min(1.0, max(0.0, mid / len(prices)))


class FeedbackPriors:
    def __init__(self, up: Counter[str], down: Counter[str], clicks: Counter[str]) -> None:
        self.up, self.down, self.clicks = up, down, clicks

    def prior(self, product_id: str) -> float:
        net = self.up.get(product_id, 0) - self.down.get(product_id, 0) + 0.5 * self.clicks.get(product_id, 0)
        return math.tanh(net / PRIOR_SCALE)


class ProfilePersonalizer:
    def __init__(
        self,
        profile: ShopperProfile | None,
        catalog: Catalog,
        model: CoPurchaseModel | None,
        priors: FeedbackPriors | None = None,
        positions: PricePositions | None = None,
    ) -> None:
        self.profile = profile or ShopperProfile(user_id="")
        self.catalog = catalog
        self.model = model
        self.priors = priors
        self.positions = positions or PricePositions(catalog)
        purchases = self.profile.purchases
        self.categories = Counter(p.category for p in purchases)
        self.brands = self.profile.brand_counts()
        self.fits = self.profile.fits()
        self.budgets = self.profile.budgets()
        self.basket = [p.product_id for p in purchases]
        self.genders = Counter(g for g in (gender_of(p.title) for p in purchases) if g)
        tiers: dict[str, list[float]] = {}
        for p in purchases:
            tiers.setdefault(p.category, []).append(self.positions.position(p.category, p.price))
        self.tiers = {c: sum(v) / len(v) for c, v in tiers.items()}
        every = [x for v in tiers.values() for x in v]
        self.overall_tier = sum(every) / len(every) if every else None
        self._cache: dict[str, PersonalSignals] = {}

    # --- rank.Personalizer -----------------------------------------------------------------------
    def affinity(self, product_id: str) -> float:
        return self.signals(product_id).affinity

    def signals(self, product_id: str) -> PersonalSignals:
        if product_id not in self._cache:
            product = self.catalog.get(product_id)
            affinity = self._affinity(product) if product is not None else 0.0
            copurchase = self.model.score(product_id, self.basket)[0] if self.model and self.basket else 0.0
            prior = self.priors.prior(product_id) if self.priors else 0.0
            self._cache[product_id] = PersonalSignals(affinity, copurchase, prior)
        return self._cache[product_id]

    def _affinity(self, p: Product) -> float:
        if self.profile.is_empty():
            return 0.0
        parts: dict[str, float] = {}
        if self.categories:
            parts["category"] = self.categories.get(p.category, 0) / max(self.categories.values())
        if self.brands:
            parts["brand"] = self.brands.get(p.brand, 0) / max(self.brands.values())
        parts["budget"] = self._budget_fit(p)
        parts["fit"] = self._fit(p)
        parts["gender"] = self._gender_fit(p)
        score = sum(AFFINITY_WEIGHTS[k] * v for k, v in parts.items())
        if self.profile.clicked.get(p.id):
            score += 0.1
        return max(0.0, min(1.0, score))

    def _budget_fit(self, p: Product) -> float:
        for key in (p.category, family(p.category), ""):
            if key in self.budgets:
                return 1.0 if p.price <= self.budgets[key] else 0.0
        tier = self.tiers.get(p.category, self.overall_tier)
        if tier is None:
            return 0.0
        return 1.0 - abs(self.positions.position(p.category, p.price) - tier)

    def _fit(self, p: Product) -> float:
        """1 when an in-stock variant comes in the shopper's own size (or phone), 0 when none does,
        0.5 when we know no size for this kind of product."""
        wanted = [(k, v[0]) for (fam, k), v in self.fits.items() if fam == family(p.category)]
        if not wanted or not p.variants:
            return 0.5
        for key, value in wanted:
            if any(v.in_stock and str(v.attributes.get(key, "")) == value for v in p.variants):
                return 1.0
        return 0.0

    def _gender_fit(self, p: Product) -> float:
        mine = gender_of(p.title)
        total = sum(self.genders.values())
        if mine is None or not total:
            return 0.5
        return self.genders.get(mine, 0) / total

    # --- reasons ---------------------------------------------------------------------------------
    def reasons(self, product_id: str) -> list[PersonalReason]:
        """Personal reasons that are true for this product, most specific first; [] for strangers."""
        product = self.catalog.get(product_id)
        if product is None or (not self.profile.purchases and not self.profile.stated):
            return []
        found: list[PersonalReason] = []
        fam = family(product.category)
        for purchase in sorted(self.profile.purchases, key=lambda x: x.placed_at, reverse=True):
            if family(purchase.category) != fam or purchase.product_id == product_id:
                continue
            for key, value in purchase.fit.items():
                if self.fits.get((fam, key), ("", ""))[0] != value:
                    continue
                if any(v.in_stock and str(v.attributes.get(key, "")) == value for v in product.variants):
                    what = f"size {value}" if key == "size" else f"the {value}"
                    found.append(
                        PersonalReason(
                            f"comes in {what}: you bought {category_noun(purchase.category.split(' > '))} "
                            f"in {what} (order {purchase.order_id})",
                            "fit",
                            purchase.product_id,
                            (purchase.order_id,),
                        )
                    )
                    break
            if found:
                break
        if self.model is not None:
            for purchase in self.profile.purchases:
                together = self.model.orders_with_both(product_id, purchase.product_id)
                if together and purchase.product_id != product_id:
                    found.append(
                        PersonalReason(
                            f"often bought with your {category_noun(purchase.category.split(' > '))} "
                            f"(order {purchase.order_id})",
                            "copurchase",
                            purchase.product_id,
                            tuple(together),
                        )
                    )
                    break
        if not found and product.brand:
            same = [
                x for x in self.profile.purchases if x.brand == product.brand and x.product_id != product_id
            ]
            if same and "brands" not in self.profile.optouts:
                found.append(
                    PersonalReason(
                        f"{product.brand}, a brand you've bought (order {same[-1].order_id})",
                        "brand",
                        same[-1].product_id,
                        (same[-1].order_id,),
                    )
                )
        return found
