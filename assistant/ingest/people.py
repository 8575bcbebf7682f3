"""Customers and orders (JSONL, or CSV with JSON ``items``/``tracking`` columns)."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args

from pydantic import ValidationError

from assistant.ingest.errors import ImportResult, RowError
from assistant.ingest.rows import CsvRow, add_row, iter_rows, read_keyed_rows
from assistant.ingest.validate import (
    FirstSeen,
    RowRejected,
    parse_currency,
    parse_price,
    rejection_from_validation,
    required_text,
)
from assistant.records import Customer, Order, OrderStatus

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ORDER_STATUSES: tuple[str, ...] = get_args(OrderStatus)


def build_customer(row: Mapping[str, Any]) -> Customer:
    email = required_text(row, "email").lower()
    if not _EMAIL.match(email):
        raise RowRejected("email", f"{email!r} is not an email address")
    try:
        return Customer(
            id=required_text(row, "id"),
            name=required_text(row, "name"),
            email=email,
            # JSON may hold a zip as a number; verification compares text, so keep it as text.
            zip=required_text(row, "zip"),
        )
    except ValidationError as exc:
        raise rejection_from_validation(exc) from None


def read_customers(path: Path) -> ImportResult[Customer]:
    return read_keyed_rows(path, build_customer, lambda customer: customer.id)


def _iso_datetime(raw: str, field: str) -> str:
    try:
        datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise RowRejected(field, f"{raw!r} is not an ISO date-time such as 2026-03-01T10:15:00") from None
    return raw


def build_order(row: Mapping[str, Any]) -> Order:
    fields = dict(row)
    if isinstance(row, CsvRow):
        for name in ("items", "tracking"):
            if str(fields.get(name, "")).strip():
                try:
                    fields[name] = json.loads(fields[name])
                except json.JSONDecodeError as exc:
                    raise RowRejected(name, f"is not valid JSON ({exc.msg})") from None
            else:
                fields.pop(name, None)
    fields["order_id"] = required_text(row, "order_id")
    fields["customer_id"] = required_text(row, "customer_id")
    status = required_text(row, "status").lower()
    if status not in ORDER_STATUSES:
        raise RowRejected("status", f"{status!r} is not one of {', '.join(ORDER_STATUSES)}")
    fields["status"] = status
    placed = str(row.get("placed_at") or "").strip()
    if placed:
        fields["placed_at"] = _iso_datetime(placed, "placed_at")
    else:
        fields.pop("placed_at", None)  # kept without a date; read_orders reports it as a warning
    if str(fields.get("currency") or "").strip():
        fields["currency"] = parse_currency(fields["currency"])
    else:
        fields.pop("currency", None)
    items = fields.get("items")
    if not isinstance(items, list) or not items:
        raise RowRejected("items", "must be a non-empty list of order lines")
    normalised = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise RowRejected(f"items.{index}", "must be an object with product_id, title, price, quantity")
        item = dict(item)
        item["price"] = parse_price(item.get("price"), f"items.{index}.price")
        quantity = item.get("quantity", 1)
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
            raise RowRejected(f"items.{index}.quantity", f"{quantity!r} is not a whole number of at least 1")
        normalised.append(item)
    fields["items"] = normalised
    tracking = fields.get("tracking")
    if isinstance(tracking, dict) and tracking.get("eta"):
        try:
            date.fromisoformat(str(tracking["eta"])[:10])
        except ValueError:
            raise RowRejected("tracking.eta", f"{tracking['eta']!r} is not an ISO date") from None
    try:
        return Order.model_validate(fields)
    except ValidationError as exc:
        raise rejection_from_validation(exc) from None


def read_orders(path: Path, customer_ids: Collection[str] | None = None) -> ImportResult[Order]:
    """With ``customer_ids``, an order for a customer not in that set is rejected: nobody could verify it."""
    result: ImportResult[Order] = ImportResult()
    seen = FirstSeen("order_id")

    def build(row: Mapping[str, Any]) -> Order:
        order = build_order(row)
        if customer_ids is not None and order.customer_id not in customer_ids:
            raise RowRejected("customer_id", f"{order.customer_id!r} is not a known customer")
        return order

    for line, row in iter_rows(path, result):
        order = add_row(result, path.name, line, row, build, seen, lambda order: order.order_id)
        if order is not None and not order.placed_at:
            result.warnings.append(
                RowError(path.name, line, "placed_at", "is missing; the order is kept without a date")
            )
    return result
