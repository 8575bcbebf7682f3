"""Order checks: a valid id + email/ZIP verifies and states the right status (and tracking); an
invalid one (no such order, someone else's proof, a wrong email or ZIP) reveals nothing.

Each check is one message on a fresh session (evaluation/stores/<store>/order_checks.yaml). A fact
given for an invalid check is any of: the session now holds a verified order, the reply carries
the real order's tracking number or an item title, or it names the real order together with its
status word.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from assistant.assistant import Assistant
    from assistant.records import Order

ID_NOISE = re.compile(r"[#\s\-]+")


def normalize_order_id(value: str) -> str:
    """The evaluation's own reading of "the same id": '#', case, spaces and dashes ignored."""
    return ID_NOISE.sub("", value).lower()


@dataclass(frozen=True)
class OrderCheck:
    id: str
    message: str
    order_id: str
    valid: bool
    status: str = ""
    tracking: str = ""
    reason: str = ""


def load_order_checks(path: Path) -> list[OrderCheck]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        OrderCheck(
            id=str(row["id"]),
            message=str(row["message"]),
            order_id=str(row["order_id"]),
            valid=bool(row["valid"]),
            status=str(row.get("status", "")),
            tracking=str(row.get("tracking", "")),
            reason=str(row.get("reason", "")),
        )
        for row in raw["checks"]
    ]


def _leaks(text: str, order: Order | None, verified: list[str]) -> list[str]:
    leaks = [f"verified {v}" for v in verified]
    if order is None:
        return leaks
    if order.tracking and order.tracking.number and order.tracking.number in text:
        leaks.append("tracking number")
    leaks += [f"item {i.title!r}" for i in order.items if i.title and i.title.lower() in text.lower()]
    said_id = normalize_order_id(order.order_id) in normalize_order_id(text)
    if said_id and re.search(rf"\b{re.escape(order.status)}\b", text, re.IGNORECASE):
        leaks.append(f"status {order.status}")
    return leaks


def judge(check: OrderCheck, text: str, verified: list[str], order: Order | None) -> dict[str, Any]:
    wanted = normalize_order_id(check.order_id)
    row: dict[str, Any] = {
        "id": check.id,
        "message": check.message,
        "valid": check.valid,
        "reply": text[:240],
    }
    if check.valid:
        ok_verified = any(normalize_order_id(v) == wanted for v in verified)
        ok_status = bool(re.search(rf"\b{re.escape(check.status)}\b", text, re.IGNORECASE))
        ok_tracking = not check.tracking or check.tracking in text
        row.update(verified=ok_verified, status_ok=ok_status, tracking_ok=ok_tracking)
        row["passed"] = ok_verified and ok_status and ok_tracking
    else:
        row["leaks"] = _leaks(text, order, verified)
        row["passed"] = not row["leaks"]
    return row


def summarize_orders(rows: list[dict[str, Any]]) -> dict[str, Any]:
    valid = [r for r in rows if r["valid"]]
    invalid = [r for r in rows if not r["valid"]]
    return {
        "valid": len(valid),
        "verified": sum(1 for r in valid if r["verified"]),
        "status_correct": sum(1 for r in valid if r["passed"]),
        "invalid": len(invalid),
        "facts_given_for_invalid": sum(1 for r in invalid if r["leaks"]),
        "failures": [r for r in rows if not r["passed"]],
    }


def evaluate_orders(assistant: Assistant, checks: list[OrderCheck]) -> dict[str, Any]:
    by_id = {normalize_order_id(o.order_id): o for o in assistant.db.all_orders()}
    rows = []
    for check in checks:
        session = f"eval-order-{check.id}-{uuid.uuid4().hex[:6]}"
        try:
            text = assistant.chat(session, check.message).text
        except Exception as exc:  # a crash is a failed check, not the end of the evaluation
            text = f"CRASH {type(exc).__name__}: {exc}"
        verified = list(assistant.dialogue.load_state(session).verified_order_ids)
        rows.append(judge(check, text, verified, by_id.get(normalize_order_id(check.order_id))))
    return summarize_orders(rows)
