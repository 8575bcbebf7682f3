"""What the assistant stores about a shopper beyond the shop's orders: stated preferences, clicks,
opt-outs, and (read only) the items shown in their turns and the thumbs on those replies.

Tables are created by `assistant.storage.sqlite.SCHEMA` (user_prefs, clicks, personal_optouts).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from assistant.storage.sqlite import ShopDatabase

PrefKind = Literal["size", "brand", "budget"]
Scope = Literal["sizes", "brands", "budget", "all"]
SCOPE_KINDS: dict[str, tuple[str, ...]] = {
    "sizes": ("size",),
    "brands": ("brand",),
    "budget": ("budget",),
    "all": ("size", "brand", "budget"),
}


@dataclass(frozen=True)
class StatedPref:
    kind: str  # size | brand | budget
    key: str  # size and budget: the category they were stated for ("Shoes", "Shoes > Running")
    value: str
    count: int
    updated: float


class ProfileRecords:
    def __init__(self, db: ShopDatabase) -> None:
        self.db = db

    # --- stated preferences ----------------------------------------------------------------
    def remember(self, user_id: str, kind: PrefKind, key: str, value: str) -> None:
        """A size or budget replaces the earlier one for the same key; a brand counts up."""
        now = time.time()
        with self.db.connect() as conn:
            if kind in ("size", "budget"):
                conn.execute(
                    "DELETE FROM user_prefs WHERE user_id = ? AND kind = ? AND key = ? AND value != ?",
                    (user_id, kind, key, value),
                )
            conn.execute(
                "INSERT INTO user_prefs (user_id, kind, key, value, count, updated) VALUES (?, ?, ?, ?, 1, ?) "
                "ON CONFLICT (user_id, kind, key, value) DO UPDATE SET count = count + 1, updated = ?",
                (user_id, kind, key, value, now, now),
            )

    def prefs(self, user_id: str) -> list[StatedPref]:
        with self.db.connect() as conn:
            rows = conn.execute(
                "SELECT kind, key, value, count, updated FROM user_prefs WHERE user_id = ? ORDER BY updated",
                (user_id,),
            ).fetchall()
        return [StatedPref(str(r[0]), str(r[1]), str(r[2]), int(r[3]), float(r[4])) for r in rows]

    # --- clicks and views --------------------------------------------------------------------
    def reply_items(self, reply_id: str) -> tuple[str | None, list[str]] | None:
        """(user_id, item ids) of a recorded reply; None when there is no such reply."""
        with self.db.connect() as conn:
            row = conn.execute(
                "SELECT user_id, item_ids FROM turns WHERE reply_id = ?", (reply_id,)
            ).fetchone()
        if row is None:
            return None
        return (row[0], [str(i) for i in json.loads(row[1] or "[]")])

    def record_click(self, session_id: str, reply_id: str, product_id: str, user_id: str | None) -> None:
        with self.db.connect() as conn:
            conn.execute(
                "INSERT INTO clicks (session_id, reply_id, user_id, product_id, created) VALUES (?, ?, ?, ?, ?)",
                (session_id, reply_id, user_id, product_id, time.time()),
            )

    def clicked(self, user_id: str) -> Counter[str]:
        with self.db.connect() as conn:
            rows = conn.execute("SELECT product_id FROM clicks WHERE user_id = ?", (user_id,)).fetchall()
        return Counter(str(r[0]) for r in rows)

    def viewed(self, user_id: str) -> Counter[str]:
        """Products shown to this user in the assistant (from the turns table)."""
        with self.db.connect() as conn:
            rows = conn.execute(
                "SELECT item_ids FROM turns WHERE user_id = ? AND item_ids IS NOT NULL", (user_id,)
            ).fetchall()
        seen: Counter[str] = Counter()
        for row in rows:
            seen.update(str(i) for i in json.loads(row[0] or "[]"))
        return seen

    # --- feedback priors (all shoppers) -------------------------------------------------------
    def item_feedback(self) -> tuple[Counter[str], Counter[str], Counter[str]]:
        """(thumbs up, thumbs down, clicks) per product, from the replies that showed it."""
        up: Counter[str] = Counter()
        down: Counter[str] = Counter()
        with self.db.connect() as conn:
            rows = conn.execute(
                "SELECT f.rating, t.item_ids FROM feedback f JOIN turns t ON t.reply_id = f.reply_id"
            ).fetchall()
            click_rows = conn.execute("SELECT product_id FROM clicks").fetchall()
        for rating, item_ids in rows:
            target = up if rating == "up" else down
            target.update(str(i) for i in json.loads(item_ids or "[]"))
        return up, down, Counter(str(r[0]) for r in click_rows)

    # --- opt-outs and forgetting --------------------------------------------------------------
    def optouts(self, user_id: str) -> set[str]:
        with self.db.connect() as conn:
            rows = conn.execute("SELECT scope FROM personal_optouts WHERE user_id = ?", (user_id,)).fetchall()
        return {str(r[0]) for r in rows}

    def forget(self, user_id: str, scope: Scope) -> dict[str, int]:
        """Delete what is stored for `scope` and stop using it (also when derived from orders).

        "all" also deletes clicks and unlinks the user from recorded turns (the turns stay, for
        the shop's analytics, without the user id). Orders are the shop's records and stay.
        """
        deleted: dict[str, int] = {}
        kinds = SCOPE_KINDS[scope]
        with self.db.connect() as conn:
            marks = ",".join("?" for _ in kinds)
            cur = conn.execute(
                f"DELETE FROM user_prefs WHERE user_id = ? AND kind IN ({marks})", (user_id, *kinds)
            )
            deleted["preferences"] = cur.rowcount
            if scope == "all":
                deleted["clicks"] = conn.execute("DELETE FROM clicks WHERE user_id = ?", (user_id,)).rowcount
                deleted["views"] = conn.execute(
                    "UPDATE turns SET user_id = NULL WHERE user_id = ?", (user_id,)
                ).rowcount
            conn.execute(
                "INSERT OR REPLACE INTO personal_optouts (user_id, scope, created) VALUES (?, ?, ?)",
                (user_id, scope, time.time()),
            )
        return deleted
