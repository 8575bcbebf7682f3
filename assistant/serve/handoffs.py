"""Handoff packets a helpdesk can take: the summary, the transcript, the cart and the verified
customer id of a conversation handed to a person.

Every packet goes into a persistent outbox (a table in the shop's SQLite file) before anything is
sent, so a receiver that is down, or a restart, loses nothing. When ``ASSISTANT_HANDOFF_WEBHOOK_URL``
is set a worker thread POSTs each packet there until it is acknowledged (2xx), backing off between
attempts. A packet is claimed with a lease before it is sent, so two processes never send it at the
same time, and it carries its id as ``Idempotency-Key`` so a receiver can drop the one duplicate a
crash between its 2xx and our bookkeeping could cause. ``GET /api/handoffs`` lists the packets.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from assistant.config import Settings
from assistant.contracts import Reply

log = logging.getLogger("assistant.serve.handoffs")
SCHEMA = """
CREATE TABLE IF NOT EXISTS handoff_outbox (
  id TEXT PRIMARY KEY, session_id TEXT NOT NULL, created REAL NOT NULL, packet TEXT NOT NULL,
  delivered REAL, attempts INTEGER NOT NULL DEFAULT 0, next_try REAL NOT NULL, last_error TEXT);
CREATE INDEX IF NOT EXISTS handoff_outbox_due ON handoff_outbox(delivered, next_try);
"""
LEASE_S = 60.0  # a claimed packet is retried by others only after this (a sender that died)
POLL_S = 0.5


def build_packet(assistant: Any, session_id: str) -> dict[str, Any] | None:
    """The packet for a session's latest handoff; None for an assistant without dialogue state."""
    dialogue = getattr(assistant, "dialogue", None)
    if dialogue is None:
        return None
    from assistant.dialogue.skills.cart_view import reply_cart

    state = dialogue.load_state(session_id)
    recorded = dialogue.services.db.handoffs(session_id)
    cart = reply_cart(dialogue.services, session_id, [])
    return {
        "id": f"{session_id}:{len(recorded)}",  # one packet per handoff, however often it is observed
        "session_id": session_id,
        "created": time.time(),
        "reason": recorded[-1][1] if recorded else "requested",
        "summary": state.summary(),
        "transcript": [{"role": h.role, "text": h.text} for h in state.history],
        "cart": cart.model_dump(mode="json", exclude={"changes"}) if cart else None,
        "verified_customer_id": state.verified_customer_id,
    }


class HandoffOutbox:
    def __init__(self, settings: Settings, db_path: Path | None = None) -> None:
        self.settings = settings
        self._db_path = db_path
        self._local = threading.local()
        self._ready = False
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- storage ---------------------------------------------------------------------------
    def _conn(self) -> sqlite3.Connection:
        # Opened on first use: an app that never hands off (or a test) creates no file.
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            path = self._db_path or self.settings.resolved_data_dir() / "shop.sqlite"
            conn = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            if not self._ready:
                conn.executescript(SCHEMA)
                self._ready = True
            self._local.conn = conn
        return conn

    def enqueue(self, packet: dict[str, Any]) -> bool:
        """Stores a packet once (its id decides); True when it is new."""
        cursor = self._conn().execute(
            "INSERT OR IGNORE INTO handoff_outbox (id, session_id, created, packet, next_try) VALUES (?, ?, ?, ?, ?)",
            (packet["id"], packet["session_id"], packet["created"], json.dumps(packet), 0.0),
        )
        self._wake.set()
        return cursor.rowcount == 1

    def observe(self, assistant: Any, reply: Reply) -> None:
        """After a turn: a reply that hands off puts the conversation's packet in the outbox."""
        if not reply.handoff:
            return
        try:
            packet = build_packet(assistant, reply.session_id)
            if packet is not None:
                self.enqueue(packet)
        except Exception:  # the shopper's turn succeeded; a packet problem must not turn it into a 500
            log.exception("could not store the handoff packet of a session")

    def packets(self, session_id: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        sql = "SELECT packet, delivered, attempts, last_error FROM handoff_outbox"
        args: tuple[Any, ...] = ()
        if session_id:
            sql += " WHERE session_id = ?"
            args = (session_id,)
        rows = self._conn().execute(sql + " ORDER BY created DESC LIMIT ?", (*args, limit)).fetchall()
        return [
            {**json.loads(p), "delivery": {"delivered_at": d, "attempts": a, "last_error": e}}
            for p, d, a, e in rows
        ]

    # --- delivery --------------------------------------------------------------------------
    def _claim(self, now: float) -> list[tuple[str, str, int]]:
        conn = self._conn()
        due = conn.execute(
            "SELECT id, packet, attempts FROM handoff_outbox WHERE delivered IS NULL AND next_try <= ? "
            "ORDER BY created LIMIT 20",
            (now,),
        ).fetchall()
        claimed = []
        for packet_id, packet, attempts in due:
            taken = conn.execute(
                "UPDATE handoff_outbox SET next_try = ? WHERE id = ? AND delivered IS NULL AND next_try <= ?",
                (now + LEASE_S, packet_id, now),
            )
            if taken.rowcount == 1:  # another process did not take it first
                claimed.append((packet_id, packet, attempts))
        return claimed

    def deliver_due(self, now: float | None = None) -> int:
        """One pass over the due packets; returns how many were acknowledged."""
        url = self.settings.handoff_webhook_url
        if not url:
            return 0
        now = time.time() if now is None else now
        sent = 0
        for packet_id, packet, attempts in self._claim(now):
            error = self._post(url, packet_id, packet)
            if error is None:
                self._conn().execute(
                    "UPDATE handoff_outbox SET delivered = ? WHERE id = ?", (time.time(), packet_id)
                )
                sent += 1
                continue
            wait = min(self.settings.handoff_retry_max_s, 2.0 ** min(attempts, 16))
            self._conn().execute(
                "UPDATE handoff_outbox SET attempts = attempts + 1, next_try = ?, last_error = ? WHERE id = ?",
                (time.time() + wait, error[:300], packet_id),
            )
            log.warning("handoff packet %s not delivered (attempt %d): %s", packet_id, attempts + 1, error)
        return sent

    def _post(self, url: str, packet_id: str, packet: str) -> str | None:
        try:
            response = httpx.post(
                url,
                content=packet.encode(),
                headers={"Content-Type": "application/json", "Idempotency-Key": packet_id},
                timeout=self.settings.handoff_webhook_timeout_s,
            )
        except httpx.HTTPError as exc:
            return f"{type(exc).__name__}: {exc}"
        return None if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"

    def start(self) -> None:
        """The delivery worker; only with a webhook URL, and once."""
        if not self.settings.handoff_webhook_url or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="handoff-outbox", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.deliver_due()
            except Exception:
                log.exception("handoff outbox pass failed")
            self._wake.wait(POLL_S)
            self._wake.clear()
