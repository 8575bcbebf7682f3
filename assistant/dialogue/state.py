"""The one typed state of a conversation, persisted in the session store after every turn."""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.contracts import Constraints, ShownProduct
from assistant.records import category_noun
from assistant.understand.numbers import describe_range
from assistant.understand.text import name_phrase

MAX_HISTORY = 24
MAX_SHOWN_RECORD = 60


class ShownItem(ShownProduct):
    """A durable record of what was shown, so "the second one" resolves after a restart."""

    turn: int
    position: int  # 0-based position in its group
    brand: str = ""
    color: str = ""


class PendingAction(BaseModel):
    action: Literal["cancel", "return", "exchange"]
    order_id: str
    summary: str  # what will happen, as told to the shopper


class PendingCartQuestion(BaseModel):
    """An add the cart skill could not finish because an option still varies ("Which size?"), kept
    so the shopper's bare answer ("42", "navy", "42 in navy") completes it on the next turn."""

    product_id: str
    asked: str  # the option the question named ("size")
    options: dict[str, list[str]]  # every option the product varies in -> its values in the catalog
    chosen: dict[str, str] = Field(default_factory=dict)  # options already given, each one offered
    quantity: int = 1


class HistoryTurn(BaseModel):
    role: Literal["user", "assistant"]
    text: str
    intent: str = ""


class DialogueState(BaseModel):
    session_id: str
    user_id: str | None = None
    turn: int = 0
    constraints: dict[str, Any] = Field(default_factory=dict)  # the Constraints in force
    search_text: str = ""
    shown: list[ShownItem] = Field(default_factory=list)  # the last group shown, in order
    shown_record: list[ShownItem] = Field(default_factory=list)  # every group, newest last
    focus_product_id: str | None = None  # the item "it" refers to
    verified_customer_id: str | None = None
    verified_order_ids: list[str] = Field(default_factory=list)
    focus_order_id: str | None = None  # the order "it" refers to in "cancel it"
    awaiting_verification_for: str | None = None  # order id we asked the shopper to verify
    awaiting_action: Literal["cancel", "return", "exchange"] | None = None
    # An email or ZIP given while no order number of this shop's was (yet): it proves the next
    # order number given, once ("where is my order? my email is ..." then "it's SH 10003").
    held_email: str | None = None
    held_zip: str | None = None
    # The turn whose reply offered a person, so a plain "yes" after it accepts the offer.
    offered_person_turn: int | None = None
    pending: PendingAction | None = None
    # Set only by the cart skill when it asks; any other skill's turn and a reset drop it.
    pending_cart: PendingCartQuestion | None = None
    failures: int = 0  # consecutive turns we could not help with
    handed_off: bool = False
    last_cross_sell_turn: int | None = None  # the turn that added an "often bought with" line
    history: list[HistoryTurn] = Field(default_factory=list)

    def get_constraints(self) -> Constraints:
        if not self.constraints:
            return Constraints()
        known = {f.name for f in dataclasses.fields(Constraints)}
        return Constraints(**{k: v for k, v in self.constraints.items() if k in known})

    def set_constraints(self, constraints: Constraints) -> None:
        self.constraints = dataclasses.asdict(constraints)

    def remember_shown(self, items: list[ShownItem]) -> None:
        self.shown = items
        self.shown_record = (self.shown_record + items)[-MAX_SHOWN_RECORD:]
        if len(items) == 1:
            self.focus_product_id = items[0].product_id

    def add_history(self, role: Literal["user", "assistant"], text: str, intent: str = "") -> None:
        self.history = [*self.history, HistoryTurn(role=role, text=text[:1000], intent=intent)][-MAX_HISTORY:]

    def summary(self) -> str:
        """A short account of the conversation for a human agent."""
        lines = [f"Session {self.session_id}, {self.turn} turn(s)."]
        if self.verified_customer_id:
            lines.append(f"Verified customer: {self.verified_customer_id}.")
        c = self.get_constraints()
        if not c.is_empty():
            lines.append(f"Looking for: {describe_constraints(c)}.")
        if self.shown:
            lines.append("Last shown: " + "; ".join(f"{s.title} (${s.price:g})" for s in self.shown) + ".")
        lines.append("Recent messages:")
        lines.extend(f"  {h.role}: {h.text[:200]}" for h in self.history[-8:])
        return "\n".join(lines)


def describe_constraints(c: Constraints) -> str:
    """The shopper's request in words: "waterproof blue hiking shoes in size 43 under $150"."""
    adjectives = [k.replace("_", " ") for k, v in c.attributes.items() if v is True]
    adjectives += [f"non-{k.replace('_', ' ')}" for k, v in c.attributes.items() if v is False]
    if c.colors:
        adjectives.append("/".join(c.colors))
    nouns = " or ".join(category_noun(cat.split(" > ")) for cat in c.categories) if c.categories else "items"
    parts = [" ".join([*adjectives, nouns])]
    if c.names:
        parts.append(f"called “{name_phrase(c.names)}”")
    parts.extend(
        # "fits_phone": "iphone 12" reads "for iphone 12", not "with fits phone iphone 12".
        f"for {v}" if k.startswith("fits_") else f"with {k.replace('_', ' ')} {v}"
        for k, v in c.attributes.items()
        if not isinstance(v, bool)
    )
    parts.extend(f"with {describe_range(k, b)}" for k, b in c.ranges.items())
    if c.sizes:
        parts.append("in size " + "/".join(c.sizes))
    if c.brands:
        parts.append("from " + "/".join(c.brands))
    if c.price_min is not None and c.price_max is not None:
        parts.append(f"between ${c.price_min:g} and ${c.price_max:g}")
    elif c.price_max is not None:
        parts.append(f"under ${c.price_max:g}")
    elif c.price_min is not None:
        parts.append(f"over ${c.price_min:g}")
    if c.exclude_brands:
        parts.append("not from " + "/".join(c.exclude_brands))
    if c.exclude_colors:
        parts.append("not in " + "/".join(c.exclude_colors))
    for key, banned in c.exclude_attributes.items():
        parts.append(f"without {'/'.join(map(str, banned))} {key.replace('_', ' ')}")
    return " ".join(parts)


def shopper_id(state: DialogueState, trust_user_id: bool = False) -> str | None:
    """The known shopper: the customer verified in this chat, else the request's user id when the
    shop vouches for it (Settings.trust_user_id)."""
    return state.verified_customer_id or (state.user_id if trust_user_id else None)
