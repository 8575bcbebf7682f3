"""Orders: items picked to each customer's taste, bought-together companions, statuses and tracking."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from .appmodels import Order, Product
from .basics import TODAY, Attrs, one, weighted
from .customers import Taste
from .products import CATEGORIES

# (category, kind or "*") -> companions bought in the same order: (category, required attributes)
BOUGHT_TOGETHER: dict[tuple[str, str], list[tuple[str, Attrs]]] = {
    ("Shoes > Running", "*"): [("Accessories > Socks", {"activity": "running"})],
    ("Shoes > Hiking", "*"): [("Accessories > Socks", {"activity": "hiking"})],
    ("Outdoor > Camping", "tent"): [
        ("Outdoor > Camping", {"type": "sleeping bag"}), ("Outdoor > Camping", {"type": "sleeping pad"}),
    ],
    ("Outdoor > Camping", "sleeping bag"): [("Outdoor > Camping", {"type": "sleeping pad"})],
    ("Outdoor > Camping", "camp stove"): [("Outdoor > Camping", {"type": "cookset"})],
    ("Outdoor > Camping", "headlamp"): [("Outdoor > Camping", {"type": "lantern"})],
    ("Electronics > Phone Cases", "*"): [("Electronics > Headphones", {}), ("Electronics > Chargers", {})],
    ("Electronics > Headphones", "*"): [("Electronics > Chargers", {"type": "wall charger"})],
    ("Beauty > Skincare", "cleanser"): [
        ("Beauty > Skincare", {"type": "moisturizer"}), ("Beauty > Skincare", {"type": "serum"}),
    ],
    ("Beauty > Skincare", "moisturizer"): [
        ("Beauty > Skincare", {"type": "sunscreen"}), ("Beauty > Skincare", {"type": "cleanser"}),
    ],
    ("Beauty > Skincare", "serum"): [("Beauty > Skincare", {"type": "moisturizer"})],
    ("Home > Kitchen", "chef's knife"): [("Home > Kitchen", {"type": "cutting board"})],
    ("Home > Kitchen", "french press"): [("Home > Kitchen", {"type": "electric kettle"})],
    ("Home > Kitchen", "frying pan"): [("Home > Kitchen", {"type": "mixing bowl set"})],
    ("Home > Office", "office chair"): [("Home > Office", {"type": "desk lamp"})],
    ("Home > Office", "wireless keyboard"): [("Home > Office", {"type": "ergonomic mouse"})],
    ("Home > Office", "standing desk converter"): [("Home > Office", {"type": "monitor stand"})],
    ("Clothing > Jackets", "*"): [("Clothing > T-Shirts", {})],
    ("Bags > Backpacks", "laptop backpack"): [("Electronics > Chargers", {"type": "power bank"})],
    ("Bags > Backpacks", "hiking pack"): [("Outdoor > Camping", {"type": "water filter"})],
    ("Toys > Building Sets", "*"): [("Toys > Building Sets", {})],
}  # fmt: skip

STATUS_WEIGHTS = [
    ("delivered", 0.55),
    ("returned", 0.13),
    ("shipped", 0.1),
    ("cancelled", 0.09),
    ("processed", 0.07),
    ("pending", 0.06),
]


class OrderPicker:
    """Chooses items for a customer's order according to their taste."""

    def __init__(self, products: list[Product], kinds: dict[str, str]) -> None:
        self.kinds = kinds
        self.by_category: dict[str, list[Product]] = {}
        for product in products:
            self.by_category.setdefault(product.category, []).append(product)
        self.tier: dict[str, str] = {}
        for items in self.by_category.values():
            ranked = sorted(items, key=lambda p: (p.price, p.id))
            for rank, product in enumerate(ranked):
                self.tier[product.id] = ("budget", "mid", "premium")[min(2, rank * 3 // len(ranked))]

    def variant_for(self, rng: random.Random, product: Product, taste: Taste, need_stock: bool) -> Any:
        """The variant this customer would buy, None for a product without variants, or False if none fits."""
        if not product.variants:
            return None if (product.in_stock or not need_stock) else False
        gender = product.attributes.get("gender")
        if gender not in (None, "unisex", taste.gender):
            return False
        wanted: Attrs = {}
        if "fits_phone" in product.variants[0].attributes:
            wanted["fits_phone"] = taste.phone
        elif product.category.startswith("Shoes"):
            wanted["size"] = taste.shoe_size
        elif product.category == "Accessories > Socks":
            wanted["size"] = taste.sock_size
        else:
            wanted["size"] = taste.clothing_size
        fits = [v for v in product.variants if all(v.attributes.get(k) == val for k, val in wanted.items())]
        if need_stock:
            fits = [v for v in fits if v.in_stock]
        return one(rng, fits) if fits else False

    def pick(
        self,
        rng: random.Random,
        category: str,
        taste: Taste,
        need_stock: bool,
        required: Attrs | None = None,
        exclude: Sequence[str] = (),
    ) -> tuple[Product, Any] | None:
        choices: list[tuple[Product, Any]] = []
        weights: list[float] = []
        distance = {"budget": 0, "mid": 1, "premium": 2}
        for product in self.by_category.get(category, []):
            if product.id in exclude:
                continue
            if required and any(product.attributes.get(k) != v for k, v in required.items()):
                continue
            variant = self.variant_for(rng, product, taste, need_stock)
            if variant is False:
                continue
            weight = 1.0
            if product.brand in taste.brands:
                weight *= 7.0
            gap = abs(distance[self.tier[product.id]] - distance[taste.budget])
            weight *= (5.0, 1.0, 0.25)[gap]
            weight *= 1.0 + math.log10(1 + product.review_count) / 2  # popular items sell more
            choices.append((product, variant))
            weights.append(weight)
        if not choices:
            return None
        return rng.choices(choices, weights)[0]

    def companions(self, product: Product) -> list[tuple[str, Attrs]]:
        kind = self.kinds[product.id]
        return BOUGHT_TOGETHER.get((product.category, kind), BOUGHT_TOGETHER.get((product.category, "*"), []))


def random_time(rng: random.Random, start: datetime, end: datetime) -> datetime:
    span = int((end - start).total_seconds())
    moment = start + timedelta(seconds=rng.randrange(span))
    # Most shoppers order in the daytime and evening (Eastern), not at 4 am.
    if moment.hour < 7 and moment + timedelta(hours=12) < end:
        moment += timedelta(hours=12)
    return moment


def add_business_days(day: date, count: int) -> date:
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def ship_day(placed: datetime) -> date:
    day = placed.date()
    if placed.hour >= 14 or day.weekday() >= 5:
        day = add_business_days(day, 1)
    return day


def tracking_for(rng: random.Random, placed: datetime, express: bool) -> dict[str, str]:
    shipped = ship_day(placed)
    if express:
        carrier, number = "FedEx", "".join(str(rng.randrange(10)) for _ in range(12))
        eta = add_business_days(shipped, rng.choice([1, 2]))
    elif rng.random() < 0.6:
        alnum = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"
        carrier = "UPS"
        number = (
            "1Z"
            + "".join(one(rng, alnum) for _ in range(6))
            + "".join(str(rng.randrange(10)) for _ in range(10))
        )
        eta = add_business_days(shipped, rng.choice([3, 4, 5]))
    else:
        carrier, number = "USPS", "9400" + "".join(str(rng.randrange(10)) for _ in range(18))
        eta = add_business_days(shipped, rng.choice([3, 4, 5]))
    return {"carrier": carrier, "number": number, "eta": eta.isoformat()}


def placed_window(status: str) -> tuple[datetime, datetime]:
    return {
        # "Now" is late morning on 24 November: pending orders are hours old, processed ones missed
        # yesterday's 2 pm carrier pickup, shipped ones are still travelling.
        "pending": (datetime(2026, 11, 24, 7, 0), datetime(2026, 11, 24, 11, 30)),
        "processed": (datetime(2026, 11, 23, 14, 5), datetime(2026, 11, 24, 10, 0)),
        "shipped": (datetime(2026, 11, 18, 7, 0), datetime(2026, 11, 23, 13, 0)),
        "delivered": (datetime(2026, 1, 3, 7, 0), datetime(2026, 11, 13, 12, 0)),
        "cancelled": (datetime(2026, 1, 3, 7, 0), datetime(2026, 11, 22, 12, 0)),
        "returned": (datetime(2026, 1, 3, 7, 0), datetime(2026, 10, 20, 12, 0)),
    }[status]


def eastern_iso(moment: datetime) -> str:
    """Warehouse-local time with its UTC offset; daylight saving ran from 8 March to 1 November 2026."""
    summer = datetime(2026, 3, 8, 2) <= moment < datetime(2026, 11, 1, 2)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + ("-04:00" if summer else "-05:00")


def build_orders(
    rng: random.Random, products: list[Product], kinds: dict[str, str], tastes: list[Taste]
) -> list[Order]:
    picker = OrderPicker(products, kinds)
    all_categories = [spec.name for spec in CATEGORIES]
    drafts: list[tuple[datetime, dict[str, Any]]] = []
    for taste in tastes:
        bought: list[tuple[Product, Any]] = []
        for _ in range(rng.randint(3, 9)):
            status = weighted(rng, STATUS_WEIGHTS)
            need_stock = status in ("pending", "processed")
            lines: list[tuple[Product, Any, int]] = []
            repeat = [pv for pv in bought if pv[0].category in ("Beauty > Skincare", "Accessories > Socks")]
            if repeat and rng.random() < 0.25 and (not need_stock or repeat[0][0].in_stock):
                product, variant = one(rng, repeat)  # replenishing a favourite consumable
                if not need_stock or (variant.in_stock if variant is not None else product.in_stock):
                    lines.append((product, variant, 1))
            if not lines:
                category = one(rng, taste.categories) if rng.random() < 0.82 else one(rng, all_categories)
                first = picker.pick(rng, category, taste, need_stock)
                if first is None:
                    first = picker.pick(rng, one(rng, taste.categories), taste, need_stock)
                if first is None:
                    continue
                lines.append((first[0], first[1], 1))
            companions = picker.companions(lines[0][0])
            if companions and rng.random() < 0.55:
                comp_category, required = one(rng, companions)
                extra = picker.pick(rng, comp_category, taste, need_stock, required, [lines[0][0].id])
                if extra is not None:
                    lines.append((extra[0], extra[1], 1))
            if rng.random() < 0.15:
                extra = picker.pick(
                    rng, one(rng, taste.categories), taste, need_stock, None, [line[0].id for line in lines]
                )
                if extra is not None:
                    lines.append((extra[0], extra[1], 1))
            items = []
            for product, variant, _ in lines:
                quantity = 1
                if product.category in ("Accessories > Socks", "Clothing > T-Shirts", "Beauty > Skincare"):
                    quantity = weighted(rng, [(1, 0.75), (2, 0.2), (3, 0.05)])
                bought.append((product, variant))
                items.append(
                    {
                        "product_id": product.id,
                        "variant_id": variant.id if variant is not None else None,
                        "title": product.title,
                        "price": product.variant_price(variant),
                        "quantity": quantity,
                    }
                )
            start, end = placed_window(status)
            placed = random_time(rng, start, end)
            tracking: dict[str, str] | None = None
            if status in ("shipped", "delivered"):
                tracking = tracking_for(rng, placed, rng.random() < taste.express)
                if status == "shipped" and tracking["eta"] < TODAY.isoformat():
                    tracking["eta"] = add_business_days(TODAY, 1).isoformat()  # late: the carrier revised it
            drafts.append(
                (
                    placed,
                    {
                        "customer_id": taste.customer_id,
                        "status": status,
                        "placed_at": eastern_iso(placed),
                        "items": items,
                        "tracking": tracking,
                    },
                )
            )
    drafts.sort(key=lambda pair: (pair[0], pair[1]["customer_id"]))
    orders = []
    for number, (_, row) in enumerate(drafts, start=10001):
        orders.append(Order.model_validate({"order_id": f"A{number}", **row}))
    return orders


# --- output ----------------------------------------------------------------------------------
