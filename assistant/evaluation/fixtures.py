"""Order fixtures for the scripted dialogues, picked from the loaded store instead of hard-coded.

The demo store is generated; its order ids and tracking numbers may change when it is regenerated.
Dialogues therefore write `${shipped.order_id}`, `${shipped.email}`, `${other.tracking}` ... and
these are filled from the customers and orders the assistant actually loaded, by a fixed rule
(lowest order id of each status, each role from a different customer).
"""

from __future__ import annotations

import re
from typing import Any

from assistant.storage.sqlite import ShopDatabase

ROLES: tuple[tuple[str, str, bool], ...] = (
    # role, status, needs tracking
    ("shipped", "shipped", True),
    ("other", "shipped", True),  # another customer's shipped order: must never leak
    ("processed", "processed", False),
    ("pending", "pending", False),
    ("delivered", "delivered", True),
    ("delivered2", "delivered", False),
    ("cancelled", "cancelled", False),
)
PLACEHOLDER = re.compile(r"\$\{(\w+)\.(\w+)\}")


def order_fixtures(db: ShopDatabase) -> dict[str, dict[str, str]]:
    orders = sorted(db.all_orders(), key=lambda o: o.order_id)
    used_customers: set[str] = set()
    fixtures: dict[str, dict[str, str]] = {}
    for role, status, needs_tracking in ROLES:
        for order in orders:
            if order.status != status or order.customer_id in used_customers:
                continue
            if needs_tracking and order.tracking is None:
                continue
            customer = db.customer(order.customer_id)
            if customer is None:
                continue
            used_customers.add(order.customer_id)
            fixtures[role] = {
                "order_id": order.order_id,
                "customer_id": customer.id,
                "email": customer.email,
                "zip": customer.zip,
                "status": order.status,
                "tracking": order.tracking.number if order.tracking else "",
                "first_title": order.items[0].title,
            }
            break
    return fixtures


def substitute(value: Any, fixtures: dict[str, dict[str, str]]) -> Any:
    if isinstance(value, str):

        def fill(match: re.Match[str]) -> str:
            role, key = match.group(1), match.group(2)
            if role not in fixtures or key not in fixtures[role]:
                raise KeyError(f"no order fixture {match.group(0)} in this store")
            return fixtures[role][key]

        return PLACEHOLDER.sub(fill, value)
    if isinstance(value, list):
        return [substitute(v, fixtures) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, fixtures) for k, v in value.items()}
    return value
