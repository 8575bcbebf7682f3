"""Conversation carts in the shop's SQLite session store.

A cart keeps only what identifies a line (product id, variant id, quantity): titles, prices and
stock are read from the catalog whenever the cart is shown or checked, so a price change or a
sold-out variant is never hidden behind a stale copy.
"""

from __future__ import annotations

import json
import time

from pydantic import BaseModel, Field

from assistant.storage.sqlite import ShopDatabase

SCHEMA = """
CREATE TABLE IF NOT EXISTS carts (session_id TEXT PRIMARY KEY, updated REAL NOT NULL, cart TEXT NOT NULL);
"""


class StoredLine(BaseModel):
    product_id: str
    variant_id: str | None = None
    quantity: int = 1


class StoredCart(BaseModel):
    lines: list[StoredLine] = Field(default_factory=list)
    focus: int | None = None  # index of the line touched last: what "it" means in "make it two"

    def find(self, product_id: str, variant_id: str | None) -> int | None:
        for index, line in enumerate(self.lines):
            if line.product_id == product_id and line.variant_id == variant_id:
                return index
        return None


class CartStore:
    """One cart per session, beside the session's dialogue state in the same database file."""

    def __init__(self, db: ShopDatabase) -> None:
        self.db = db
        with db.connect() as conn:
            conn.executescript(SCHEMA)

    def load(self, session_id: str) -> StoredCart:
        with self.db.connect() as conn:
            row = conn.execute("SELECT cart FROM carts WHERE session_id = ?", (session_id,)).fetchone()
        return StoredCart.model_validate(json.loads(row[0])) if row else StoredCart()

    def save(self, session_id: str, cart: StoredCart) -> None:
        with self.db.connect() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO carts (session_id, updated, cart) VALUES (?, ?, ?)",
                (session_id, time.time(), cart.model_dump_json()),
            )

    def delete(self, session_id: str) -> None:
        with self.db.connect() as conn:
            conn.execute("DELETE FROM carts WHERE session_id = ?", (session_id,))
