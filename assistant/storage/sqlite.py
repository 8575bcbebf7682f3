"""The shop's SQLite database: customers, orders, sessions, feedback, handoffs, order requests and
failed order verifications.

One file under the data dir in WAL mode, so several app processes on one host share it and a
crash mid-write leaves the last committed state.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.records import Customer, Order, order_key

SCHEMA = """
CREATE TABLE IF NOT EXISTS customers (id TEXT PRIMARY KEY, hash TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS orders (
  id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, hash TEXT NOT NULL, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS orders_by_customer ON orders(customer_id);
-- orders.lookup_key (added by _migrate for older files) and its index are created in _migrate
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, updated REAL NOT NULL, state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feedback (
  reply_id TEXT NOT NULL, session_id TEXT, rating TEXT NOT NULL, comment TEXT, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS handoffs (
  session_id TEXT NOT NULL, summary TEXT NOT NULL, reason TEXT NOT NULL, created REAL NOT NULL);
-- failed order verifications, shared by every session and process: the per-order lockout
CREATE TABLE IF NOT EXISTS verify_failures (
  order_id TEXT NOT NULL, session_id TEXT NOT NULL, created REAL NOT NULL);
CREATE INDEX IF NOT EXISTS verify_failures_by_order ON verify_failures(order_id, created);
CREATE TABLE IF NOT EXISTS order_requests (
  order_id TEXT NOT NULL, customer_id TEXT NOT NULL, action TEXT NOT NULL, detail TEXT,
  created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS turns (
  session_id TEXT NOT NULL, reply_id TEXT NOT NULL, user_id TEXT, intent TEXT, message TEXT,
  item_ids TEXT, text_source TEXT, confidence REAL, created REAL NOT NULL);
-- personalisation (assistant/personal): stated preferences, clicks and opt-outs per user
CREATE TABLE IF NOT EXISTS user_prefs (
  user_id TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 1, updated REAL NOT NULL, PRIMARY KEY (user_id, kind, key, value));
CREATE TABLE IF NOT EXISTS clicks (
  session_id TEXT NOT NULL, reply_id TEXT NOT NULL, user_id TEXT, product_id TEXT NOT NULL,
  created REAL NOT NULL);
CREATE INDEX IF NOT EXISTS clicks_by_user ON clicks(user_id);
CREATE TABLE IF NOT EXISTS personal_optouts (
  user_id TEXT NOT NULL, scope TEXT NOT NULL, created REAL NOT NULL, PRIMARY KEY (user_id, scope));
"""


class DatabaseError(RuntimeError):
    pass


def _migrate(conn: sqlite3.Connection) -> None:
    """Files written before order ids had a lookup key get the column, filled from their ids."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(orders)")}
    if "lookup_key" not in columns:
        conn.execute("ALTER TABLE orders ADD COLUMN lookup_key TEXT")
        ids = [r[0] for r in conn.execute("SELECT id FROM orders")]
        conn.executemany("UPDATE orders SET lookup_key = ? WHERE id = ?", [(order_key(i), i) for i in ids])
    conn.execute("CREATE INDEX IF NOT EXISTS orders_by_key ON orders(lookup_key)")


class ShopDatabase:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        try:
            with self.connect() as conn:
                conn.executescript(SCHEMA)
                _migrate(conn)
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(
                f"the database {path} is damaged ({exc}). Move it away and rebuild customers and orders "
                f"(conversations stored in it are lost): `mv {path} {path}.damaged && "
                f"ASSISTANT_DATA_DIR={path.parent} assistant ingest`."
            ) from exc

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        try:
            yield conn
            conn.commit()
        except BaseException:
            conn.rollback()
            raise

    # --- customers and orders (synced from the shop's files) ----------------------------------
    def existing_hashes(self, table: str) -> dict[str, str]:
        assert table in ("customers", "orders")
        with self.connect() as conn:
            return dict(conn.execute(f"SELECT id, hash FROM {table}").fetchall())

    def upsert_customers(self, rows: Iterable[tuple[str, str, Customer]]) -> None:
        with self.connect() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO customers (id, hash, record) VALUES (?, ?, ?)",
                [(cid, h, c.model_dump_json()) for cid, h, c in rows],
            )

    def upsert_orders(self, rows: Iterable[tuple[str, str, Order]]) -> None:
        with self.connect() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO orders (id, customer_id, hash, record, lookup_key) VALUES (?, ?, ?, ?, ?)",
                [(oid, o.customer_id, h, o.model_dump_json(), order_key(oid)) for oid, h, o in rows],
            )

    def clear(self, table: str) -> int:
        """Empties customers or orders (`assistant ingest --prune`); returns the rows removed."""
        assert table in ("customers", "orders")
        with self.connect() as conn:
            return conn.execute(f"DELETE FROM {table}").rowcount

    def count(self, table: str) -> int:
        assert table in ("customers", "orders")
        with self.connect() as conn:
            return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def delete(self, table: str, ids: Iterable[str]) -> None:
        assert table in ("customers", "orders")
        with self.connect() as conn:
            conn.executemany(f"DELETE FROM {table} WHERE id = ?", [(i,) for i in ids])

    def order(self, order_id: str) -> Order | None:
        """The order an id names however it is written ('#W-26', 'w26'): by its lookup key. The id
        exactly as stored wins; two stored ids with one key and no exact match name no order."""
        with self.connect() as conn:
            row = conn.execute("SELECT record FROM orders WHERE id = ?", (order_id,)).fetchone()
            if row is None:
                rows = conn.execute(
                    "SELECT record FROM orders WHERE lookup_key = ? LIMIT 2", (order_key(order_id),)
                ).fetchall()
                row = rows[0] if len(rows) == 1 else None
        return Order.model_validate_json(row[0]) if row else None

    def order_ids(self, limit: int = 5000) -> list[str]:
        """Stored order ids as the shop writes them: the shapes the id reader and hint learn from."""
        with self.connect() as conn:
            rows = conn.execute("SELECT id FROM orders ORDER BY id LIMIT ?", (limit,)).fetchall()
        return [r[0] for r in rows]

    def customer(self, customer_id: str) -> Customer | None:
        with self.connect() as conn:
            row = conn.execute("SELECT record FROM customers WHERE id = ?", (customer_id,)).fetchone()
        return Customer.model_validate_json(row[0]) if row else None

    def orders_of(self, customer_id: str) -> list[Order]:
        with self.connect() as conn:
            rows = conn.execute("SELECT record FROM orders WHERE customer_id = ?", (customer_id,)).fetchall()
        return [Order.model_validate_json(r[0]) for r in rows]

    def order_statuses(self) -> set[str]:
        """Every status the shop's orders use, without parsing each order."""
        with self.connect() as conn:
            rows = conn.execute("SELECT DISTINCT json_extract(record, '$.status') FROM orders").fetchall()
        return {str(r[0]) for r in rows if r[0]}

    def all_orders(self) -> list[Order]:
        with self.connect() as conn:
            rows = conn.execute("SELECT record FROM orders").fetchall()
        return [Order.model_validate_json(r[0]) for r in rows]

    # --- conversations ------------------------------------------------------------------------
    def load_session(self, session_id: str) -> dict[str, Any] | None:
        with self.connect() as conn:
            row = conn.execute("SELECT state FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return dict(json.loads(row[0])) if row else None

    def save_session(self, session_id: str, state: dict[str, Any]) -> None:
        with self.connect() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO sessions (id, updated, state) VALUES (?, ?, ?)",
                (session_id, time.time(), json.dumps(state)),
            )

    def delete_session(self, session_id: str) -> None:
        with self.connect() as conn:
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    def record_feedback(self, reply_id: str, rating: str, comment: str, session_id: str) -> None:
        with self.connect() as conn:
            conn.execute(
                "INSERT INTO feedback VALUES (?, ?, ?, ?, ?)",
                (reply_id, session_id, rating, comment, time.time()),
            )

    def record_handoff(self, session_id: str, summary: str, reason: str) -> None:
        with self.connect() as conn:
            conn.execute(
                "INSERT INTO handoffs VALUES (?, ?, ?, ?)", (session_id, summary, reason, time.time())
            )

    def handoffs(self, session_id: str) -> list[tuple[str, str]]:
        with self.connect() as conn:
            rows = conn.execute(
                "SELECT summary, reason FROM handoffs WHERE session_id = ?", (session_id,)
            ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def record_order_request(self, order_id: str, customer_id: str, action: str, detail: str) -> None:
        with self.connect() as conn:
            conn.execute(
                "INSERT INTO order_requests VALUES (?, ?, ?, ?, ?)",
                (order_id, customer_id, action, detail, time.time()),
            )

    def order_requests(self, order_id: str) -> list[str]:
        with self.connect() as conn:
            rows = conn.execute(
                "SELECT action FROM order_requests WHERE order_id = ?", (order_id,)
            ).fetchall()
        return [r[0] for r in rows]

    def record_verify_failure(self, order_id: str, session_id: str, now: float, forget_before: float) -> int:
        """Records one failed verification; returns the failures for this order since `forget_before`.

        Rows older than `forget_before` (any order) are deleted on the way, so the table stays as
        small as the attempts of one window. Insert and count share one transaction, so two
        processes racing on one order both see each other's failure.
        """
        with self.connect() as conn:
            conn.execute("DELETE FROM verify_failures WHERE created < ?", (forget_before,))
            conn.execute("INSERT INTO verify_failures VALUES (?, ?, ?)", (order_id, session_id, now))
            row = conn.execute(
                "SELECT COUNT(*) FROM verify_failures WHERE order_id = ? AND created >= ?",
                (order_id, forget_before),
            ).fetchone()
        return int(row[0])

    def verify_failures(self, order_id: str, since: float) -> int:
        with self.connect() as conn:
            row = conn.execute(
                "SELECT COUNT(*) FROM verify_failures WHERE order_id = ? AND created >= ?", (order_id, since)
            ).fetchone()
        return int(row[0])

    def record_turn(
        self,
        session_id: str,
        reply_id: str,
        user_id: str | None,
        intent: str,
        message: str,
        item_ids: list[str],
        text_source: str,
        confidence: float,
    ) -> None:
        with self.connect() as conn:
            conn.execute(
                "INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    reply_id,
                    user_id,
                    intent,
                    message,
                    json.dumps(item_ids),
                    text_source,
                    confidence,
                    time.time(),
                ),
            )
