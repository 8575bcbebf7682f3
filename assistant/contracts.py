"""What passes between the pipeline stages: what a turn means (Constraints, Understanding), what it
answers (RecommendedItem, Citation, Reply) and what it streams (TurnEvent).

Each stage imports only from the stages before it and from here (tests/unit/test_layout.py)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any, Literal, Protocol

from pydantic import BaseModel, Field

from assistant.records import AttrValue

Sort = Literal["relevance", "price_asc", "price_desc", "rating"]
Comparative = Literal["cheaper", "pricier", "better_rated", "other_brand", "bigger", "smaller"]
OrderAction = Literal["cancel", "return", "exchange"]


class Intent(StrEnum):
    """What a turn asks for. Members are plain strings, so `u.intent == Intent.COMPARE` holds for an
    intent read from the model file or a stored session as well."""

    PRODUCT_SEARCH = "product_search"
    RECOMMEND = "recommend"
    COMPARE = "compare"
    PRODUCT_QUESTION = "product_question"
    FAQ_POLICY = "faq_policy"
    ORDER_STATUS = "order_status"
    ORDER_CHANGE = "order_change"
    HANDOFF = "handoff"
    SMALLTALK = "smalltalk"
    OUT_OF_SCOPE = "out_of_scope"
    PROFILE = "profile"
    CONFIRMATION = "confirmation"  # a yes/no answering a question the assistant asked
    CART = "cart"  # named by the cart skill's answers; the classifier has no cart class


def _dedupe(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


@dataclass(frozen=True)
class Constraints:
    """Hard filters and soft wishes for a product search. Frozen: change with dataclasses.replace."""

    categories: list[str] = field(default_factory=list)  # catalog category paths; any of them
    price_min: float | None = None  # inclusive, in the catalog's currency
    price_max: float | None = None  # inclusive, in the catalog's currency
    brands: list[str] = field(default_factory=list)  # catalog brand spellings; any of them
    exclude_brands: list[str] = field(default_factory=list)  # "not Nike"
    colors: list[str] = field(default_factory=list)  # catalog colour values; any of them
    exclude_colors: list[str] = field(default_factory=list)  # "anything but black"
    sizes: list[str] = field(default_factory=list)  # as the catalog spells them; never converted
    attributes: dict[str, AttrValue] = field(default_factory=dict)  # {"waterproof": True, ...}
    exclude_attributes: dict[str, list[AttrValue]] = field(default_factory=dict)  # "no leather"
    # Inclusive bounds on numeric attributes: {"weight_g": (None, 1000.0)} for "under 1 kg".
    ranges: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    wishes: list[str] = field(default_factory=list)  # soft words that rank and never veto
    sort: Sort = "relevance"  # "cheapest" -> price_asc, "best rated" -> rating
    limit: int | None = None  # "show me 3"; None: the configured default
    only: bool = False  # "ONLY teal": no near substitutes
    notes: list[str] = field(default_factory=list)  # disclosures for this turn only
    # A product line or model the shopper named in the shop's own title words ("airpod",
    # "iphone13"; text.name_terms): a product's title must hold every one of them.
    names: list[str] = field(default_factory=list)
    # Further values that satisfy an attribute the shopper named: {"gender": ["unisex"]} for
    # "women's" where the shop sells unisex ones too. Read only for keys in `attributes`.
    attributes_also: dict[str, list[AttrValue]] = field(default_factory=dict)

    def accepted(self, key: str) -> list[AttrValue]:
        """The values that satisfy `attributes[key]`: the one named, then any that also fit."""
        return [self.attributes[key], *self.attributes_also.get(key, [])]

    def is_empty(self) -> bool:
        """True when nothing narrows the search (sort, limit and notes do not narrow it)."""
        return not (
            self.categories
            or self.price_min is not None
            or self.price_max is not None
            or self.brands
            or self.exclude_brands
            or self.colors
            or self.exclude_colors
            or self.sizes
            or self.attributes
            or self.exclude_attributes
            or self.ranges
            or self.wishes
            or self.names
        )

    def merged_with(self, previous: Constraints) -> Constraints:
        """This turn's constraints on top of the previous ones: a refinement keeps earlier slots.

        A slot this turn sets overrides the earlier one. Switching to other categories drops the
        earlier sizes, attributes and brands (a shoe size says nothing about a jacket) but keeps
        the budget and colour taste. Notes and limit belong to one turn and are never carried.
        """
        switched = bool(self.categories) and not set(self.categories) & set(previous.categories)
        keep = not switched
        brands = self.brands or (previous.brands if keep else [])
        exclude_brands = _dedupe([*previous.exclude_brands, *self.exclude_brands])
        colors = self.colors or previous.colors
        exclude_colors = _dedupe([*previous.exclude_colors, *self.exclude_colors])
        attributes = {**(previous.attributes if keep else {}), **self.attributes}
        exclude_attributes: dict[str, list[AttrValue]] = {}
        for source in ((previous.exclude_attributes if keep else {}), self.exclude_attributes):
            for key, values in source.items():
                merged = exclude_attributes.setdefault(key, [])
                merged.extend(v for v in values if v not in merged)
        # A fresh inclusion cancels an earlier exclusion of the same value, and vice versa.
        exclude_brands = [b for b in exclude_brands if b not in self.brands]
        brands = [b for b in brands if b not in self.exclude_brands]
        exclude_colors = [c for c in exclude_colors if c not in self.colors]
        colors = [c for c in colors if c not in self.exclude_colors]
        for key, value in self.attributes.items():
            if key in exclude_attributes:
                exclude_attributes[key] = [v for v in exclude_attributes[key] if v != value]
        for key, values in self.exclude_attributes.items():
            if attributes.get(key) in values:
                attributes.pop(key)
        exclude_attributes = {k: v for k, v in exclude_attributes.items() if v}
        price_given = self.price_min is not None or self.price_max is not None
        return Constraints(
            categories=self.categories or previous.categories,
            price_min=self.price_min if price_given else previous.price_min,
            price_max=self.price_max if price_given else previous.price_max,
            brands=brands,
            exclude_brands=exclude_brands,
            colors=colors,
            exclude_colors=exclude_colors,
            sizes=self.sizes or (previous.sizes if keep else []),
            attributes=attributes,
            exclude_attributes=exclude_attributes,
            ranges={**(previous.ranges if keep else {}), **self.ranges},
            wishes=_dedupe([*(previous.wishes if keep else []), *self.wishes]),
            sort=self.sort if self.sort != "relevance" else previous.sort,
            limit=self.limit,
            only=self.only if self.colors else (previous.only and bool(colors)),
            notes=list(self.notes),
            # A named line stays through refinements ("under 500"); a new brand or kind drops it.
            names=self.names or (previous.names if keep and not self.brands else []),
            attributes_also={
                k: list((self if k in self.attributes else previous).attributes_also.get(k, []))
                for k in attributes
                if (self if k in self.attributes else previous).attributes_also.get(k)
            },
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form for the session store."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Constraints:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return replace(cls(), **known)


@dataclass(frozen=True)
class Reference:
    """How the turn points at items already shown."""

    ordinal: int | None = None  # 0-based position; -1 = the last one
    attribute: tuple[str, str] | None = None  # ("color", "black") for "the black one"
    pronoun: bool = False  # "it", "that one", "them", "both"
    plural: bool = False  # the turn means several shown items ("them", "both", "the first two")
    indices: list[int] = field(default_factory=list)  # "the first two" -> [0, 1]; "1 and 3" -> [0, 2]


@dataclass(frozen=True)
class Understanding:
    """Everything the dialogue manager needs to route and answer one turn."""

    intent: str  # one of intents.INTENTS, or "confirmation" for a yes/no to a pending question
    intent_confidence: float  # 0..1; rules give 0.95+, the regression its softmax probability
    constraints: Constraints  # slots of this turn alone (merge with the state's previous ones)
    search_text: str  # the turn without filler, prices, sort/limit words and exclusions
    reference: Reference | None = None  # set only when items were shown and the turn points at them
    comparative: Comparative | None = None  # "cheaper", "in another brand" ...
    reset: bool = False  # "start over", "something else entirely"
    order_id: str | None = None  # as typed, upper-cased when it has letters
    email: str | None = None  # lower-cased
    zip_code: str | None = None  # as typed
    confirmation: bool | None = None  # explicit yes/no (used when a question is pending)
    asked_attribute: str | None = None  # catalog attribute key (or word) a product question asks
    order_action: OrderAction | None = None  # cancel / return / exchange
    handoff_requested: bool = False  # asked for a person
    frustration: bool = False  # angry or stuck; the dialogue may offer a person
    uncarried: str | None = None  # a well-known kind of product this catalog has none of ("bike")
    # Words the shop's data never uses and no general word list knows ("maybelline"): named as missing.
    unknown: list[str] = field(default_factory=list)


# --- the turn's answer ----------------------------------------------------------------------


class ItemAction(BaseModel):
    """A button on an item. ``variant_id`` None: the product has several variants and none was
    chosen, so pressing it makes the assistant ask which one (it never guesses a size)."""

    kind: Literal["add_to_cart"] = "add_to_cart"
    label: str = "Add to cart"
    product_id: str
    variant_id: str | None = None
    quantity: int = 1


class CartLine(BaseModel):
    product_id: str
    variant_id: str | None = None  # None only for a product without variants
    title: str
    variant_label: str = ""  # e.g. "size 42, blue"
    price: float  # the variant's unit price, from the catalog
    currency: str = "USD"
    quantity: int = 1
    url: str = ""
    image_url: str = ""


CartAction = Literal["add", "update", "remove"]


class CartChange(BaseModel):
    """One change a turn made, as the host page's cart needs it (the `shop-assistant:cart` event)."""

    action: CartAction  # update: ``quantity`` is the line's new quantity; remove: it is 0
    product_id: str
    variant_id: str | None = None
    quantity: int = 0


class Cart(BaseModel):
    """The conversation's cart. The assistant never takes payment: it hands this to the shop."""

    lines: list[CartLine] = Field(default_factory=list)
    total: float = 0.0
    currency: str = "USD"
    checkout_url: str = ""  # empty: no template and not a Shopify catalog
    changes: list[CartChange] = Field(default_factory=list)  # this turn's changes, in order


class ShownProduct(BaseModel):
    """A product (and the variant, if one was chosen) as the shopper saw it: title and price."""

    product_id: str
    variant_id: str | None = None
    title: str
    price: float


class RecommendedItem(ShownProduct):
    currency: str = "USD"
    url: str = ""
    image_url: str = ""
    category: str = ""
    brand: str = ""
    in_stock: bool = True
    variant_label: str = ""  # e.g. "size 42, blue"
    reasons: list[str] = Field(default_factory=list)
    actions: list[ItemAction] = Field(default_factory=list)  # what the shopper can do with it


class Citation(BaseModel):
    source: str  # "policies/returns.md#Refunds" or "faq:faq-012"
    snippet: str
    url: str = ""


TextSource = Literal["generated", "regenerated", "template"]


class Reply(BaseModel):
    session_id: str
    reply_id: str = Field(default_factory=lambda: uuid.uuid4().hex[:12])
    intent: str
    text: str
    items: list[RecommendedItem] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    handoff: bool = False
    text_source: TextSource = "template"
    skill: str = ""  # which skill answered; checked by the scripted conversation suite
    notes: list[str] = Field(default_factory=list)  # disclosures: relaxed filters, near colours ...
    latency_ms: dict[str, int] = Field(default_factory=dict)
    extra: dict[str, Any] = Field(default_factory=dict)
    cart: Cart | None = None  # set when the cart changed this turn or holds something


# --- what a turn streams --------------------------------------------------------------------

EventKind = Literal["items", "citations", "token", "done"]


@dataclass(frozen=True)
class TurnEvent:
    """One streamed piece of a turn. Order: items, citations, token*, done (carrying the Reply)."""

    kind: EventKind
    items: list[RecommendedItem] = field(default_factory=list)  # kind == "items"
    citations: list[Citation] = field(default_factory=list)  # kind == "citations"
    token: str = ""  # kind == "token"
    reply: Reply | None = None  # kind == "done"


@dataclass(frozen=True)
class Transcript:
    text: str
    language: str
    duration_s: float


class ShopAssistant(Protocol):
    """What the API, the web chat, the widget and the CLI need from the assistant."""

    def chat(self, session_id: str, message: str, user_id: str | None = None) -> Reply: ...

    def stream(self, session_id: str, message: str, user_id: str | None = None) -> Iterator[TurnEvent]: ...

    def transcribe(self, audio: bytes, filename: str) -> Transcript: ...

    def record_feedback(
        self, reply_id: str, rating: Literal["up", "down"], comment: str = "", session_id: str = ""
    ) -> None: ...

    def request_handoff(self, session_id: str) -> Reply: ...

    def reset(self, session_id: str) -> None: ...

    def health(self) -> dict[str, Any]: ...
