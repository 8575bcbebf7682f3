"""Grounding of a reply: every product, price and named title traces back to data.

A reply is grounded when
- every item's product id is in the catalog, its variant belongs to it, and its price equals the
  catalog price of that variant;
- every money amount "$X" in the text is an item price of this reply or of an item shown earlier in
  the conversation (or one cent off it, the "cheaper than" bound), a number the shopper typed, an
  amount of an order of the customer this conversation verified (line price, line total, order
  total: their own purchase history), or a number in a cited policy page or FAQ answer;
- every catalog title named in the text belongs to an item of this reply, an item shown earlier in
  the conversation, or an order of the verified customer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.contracts import Reply

if TYPE_CHECKING:
    from assistant.assistant import Assistant
    from assistant.retrieve.catalog import Catalog
    from assistant.storage.sqlite import ShopDatabase

MONEY = re.compile(r"[$€£]\s?(\d[\d,]*(?:\.\d+)?)")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _num(token: str) -> float:
    return round(float(token.replace(",", "")), 2)


@dataclass
class GroundingContext:
    catalog: Catalog
    db: ShopDatabase
    policies_dir: Path
    faq_answers: dict[str, str]
    user_messages: list[str] = field(default_factory=list)
    shown_prices: set[float] = field(default_factory=set)
    shown_titles: set[str] = field(default_factory=set)

    @classmethod
    def for_assistant(cls, assistant: Assistant) -> GroundingContext:
        faqs: dict[str, str] = {}
        # A store without FAQs or policies has None here: nothing to read, and no demo fallback.
        faq_path = Path(assistant.settings.faq_path or "/nonexistent/faqs.jsonl")
        if faq_path.exists():
            for line in faq_path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    faqs[str(row["id"])] = f"{row.get('question', '')} {row.get('answer', '')}"
        policies = Path(assistant.settings.policies_dir or "/nonexistent/policies")
        return cls(assistant.catalog, assistant.db, policies, faqs)

    def remember(self, reply: Reply) -> None:
        for item in reply.items:
            self.shown_prices.add(round(item.price, 2))
            self.shown_titles.add(item.title.lower())
            # A shown item's brand is one of its facts: "Apple" names the brand, not a product "Apple".
            if item.brand:
                self.shown_titles.add(item.brand.lower())

    def cited_text(self, reply: Reply) -> str:
        parts = [c.snippet for c in reply.citations]
        for c in reply.citations:
            if c.source.startswith("faq:"):
                parts.append(self.faq_answers.get(c.source[4:], ""))
            elif c.source.startswith("policies/"):
                path = self.policies_dir / c.source.split("#", 1)[0].removeprefix("policies/")
                if path.exists():
                    parts.append(path.read_text(encoding="utf-8"))
        return " ".join(parts)


def grounding_violations(
    reply: Reply,
    ctx: GroundingContext,
    verified_order_ids: list[str],
    verified_customer_id: str | None = None,
) -> list[str]:
    problems: list[str] = []
    allowed_prices: set[float] = set(ctx.shown_prices)
    allowed_titles: set[str] = set(ctx.shown_titles)
    for item in reply.items:
        product = ctx.catalog.get(item.product_id)
        if product is None:
            problems.append(f"item {item.product_id} is not in the catalog")
            continue
        variant = None
        if item.variant_id is not None:
            variant = next((v for v in product.variants if v.id == item.variant_id), None)
            if variant is None:
                problems.append(f"variant {item.variant_id} does not belong to {item.product_id}")
                continue
        expected = product.variant_price(variant)
        if abs(expected - item.price) > 0.005:
            problems.append(f"item {item.product_id} shows ${item.price:g}, catalog says ${expected:g}")
        allowed_prices.add(round(item.price, 2))
        allowed_titles.update({item.title.lower(), item.brand.lower()} - {""})
    orders = [o for o in (ctx.db.order(i) for i in verified_order_ids) if o is not None]
    if verified_customer_id:
        orders += ctx.db.orders_of(verified_customer_id)
    for order in orders:
        allowed_prices.add(round(order.total, 2))
        for line in order.items:
            allowed_prices.update({round(line.price, 2), round(line.price * line.quantity, 2)})
            allowed_titles.add(line.title.lower())
    derived = {round(p - 0.01, 2) for p in ctx.shown_prices} | {round(p + 0.01, 2) for p in ctx.shown_prices}
    typed = {_num(n) for m in ctx.user_messages for n in NUMBER.findall(m)}
    cited = {_num(n) for n in NUMBER.findall(ctx.cited_text(reply))}
    for token in MONEY.findall(reply.text):
        value = _num(token)
        if value not in allowed_prices | derived | typed | cited:
            problems.append(
                f"amount ${token} is not an item price, a shopper's number, an order amount or cited"
            )
    text = reply.text.lower()
    for product in ctx.catalog.products:
        title = product.title.lower()
        # As a whole phrase: a product called "Rice" is not named by the word "price".
        named = re.search(rf"(?<!\w){re.escape(title)}(?!\w)", text) is not None
        if len(title) > 3 and named and not any(title in ok for ok in allowed_titles):
            problems.append(f"names {product.title!r} ({product.id}) which is not among the items or orders")
    return problems
