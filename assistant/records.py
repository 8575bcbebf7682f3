"""Shop records: the catalog, help content, customers and orders, as a shop imports them."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, Field, SerializerFunctionWrapHandler, field_validator, model_serializer

AttrValue = str | int | float | bool
Attributes = dict[str, AttrValue]

MAX_TITLE_CHARS = 300
MAX_DESCRIPTION_CHARS = 5000


def _without_empty_display(data: dict[str, Any]) -> dict[str, Any]:
    """Records serialise as before normalisation when it changed nothing: same files, same hashes."""
    for name in ("attribute_labels", "attribute_texts"):
        if not data.get(name):
            data.pop(name, None)
    return data


class Variant(BaseModel):
    id: str
    attributes: Attributes = Field(default_factory=dict)  # e.g. {"size": "42", "color": "blue"}
    # Filled by ingest/values.py where normalising changed what the shop wrote: canonical key ->
    # the shop's own label ("Strap Material") / value text ("1.34 kg"), for display.
    attribute_labels: dict[str, str] = Field(default_factory=dict)
    attribute_texts: dict[str, str] = Field(default_factory=dict)
    price: float | None = None  # None: the product's price applies
    in_stock: bool = True

    @model_serializer(mode="wrap")
    def _serialise(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return _without_empty_display(handler(self))


class Review(BaseModel):
    author: str = ""
    rating: float | None = None
    text: str


class Product(BaseModel):
    id: str
    title: str
    description: str = ""
    category: str = ""  # path with " > ", e.g. "Shoes > Running"
    brand: str = ""
    price: float
    currency: str = "USD"
    attributes: Attributes = Field(default_factory=dict)
    attribute_labels: dict[str, str] = Field(default_factory=dict)  # as on Variant
    attribute_texts: dict[str, str] = Field(default_factory=dict)  # as on Variant
    variants: list[Variant] = Field(default_factory=list)
    in_stock: bool = True
    rating: float | None = None
    review_count: int = 0
    tags: list[str] = Field(default_factory=list)
    image_url: str = ""
    url: str = ""
    reviews: list[Review] = Field(default_factory=list)

    @model_serializer(mode="wrap")
    def _serialise(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return _without_empty_display(handler(self))

    @field_validator("price")
    @classmethod
    def _price_not_negative(cls, value: float) -> float:
        if value < 0:
            raise ValueError("price must not be negative")
        return value

    @property
    def category_path(self) -> list[str]:
        return [part.strip() for part in self.category.split(">") if part.strip()]

    def content_hash(self) -> str:
        """Stable hash of everything that reaches the index; unchanged rows are skipped on sync."""
        payload = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def variant_price(self, variant: Variant | None) -> float:
        return variant.price if variant is not None and variant.price is not None else self.price


class FaqEntry(BaseModel):
    id: str
    question: str
    answer: str
    category: str = ""
    url: str = ""


class PolicyChunk(BaseModel):
    id: str  # stable: "<file stem>#<heading slug>"
    source: str  # citable: "policies/returns.md#Refunds"
    document: str  # the policy's title, e.g. "Returns and refunds"
    heading: str
    text: str


class Customer(BaseModel):
    id: str
    name: str
    email: str
    zip: str


class OrderItem(BaseModel):
    product_id: str
    variant_id: str | None = None
    title: str
    price: float
    quantity: int = 1


class Tracking(BaseModel):
    carrier: str
    number: str
    eta: str | None = None  # ISO date


OrderStatus = Literal["pending", "processed", "shipped", "delivered", "cancelled", "returned"]


class Order(BaseModel):
    order_id: str
    customer_id: str
    status: OrderStatus
    # ISO datetime; "" when the shop's export has none (imported with a warning, not rejected).
    # Text rather than None so sorting by date keeps working: undated orders sort first.
    placed_at: str = ""
    items: list[OrderItem]
    tracking: Tracking | None = None
    currency: str = "USD"

    @property
    def total(self) -> float:
        return round(sum(item.price * item.quantity for item in self.items), 2)


def order_key(order_id: str) -> str:
    """The form an order id is looked up by: letters and digits only, upper case.

    Shops and shoppers write one id many ways ("#W-2611340", "w2611340", "# W 2611340"); the
    punctuation and case carry no identity, so both the stored id and the typed one are reduced to
    this key and compared by it. The original id is kept for display.
    """
    return "".join(ch for ch in order_id if ch.isalnum()).upper()


def category_noun(path: list[str]) -> str:
    """A plural noun for a category path: "Shoes > Running" -> "running shoes"."""
    leaf = path[-1].lower()
    if leaf.endswith("s"):
        return leaf
    parent = path[-2].lower() if len(path) > 1 else ""
    return f"{leaf} {parent}" if parent.endswith("s") else f"{leaf} products"
