"""What the assistant says and does for "what do you know about me?", "forget my sizes" and
"forget everything about me", and the personal lines other skills add (reasons, cross-sell)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.contracts import RecommendedItem
from assistant.personal.profile import build_profile
from assistant.personal.records import ProfileRecords, Scope
from assistant.records import category_noun
from assistant.retrieve.catalog import Catalog
from assistant.retrieve.explain import money
from assistant.storage.sqlite import ShopDatabase

if TYPE_CHECKING:
    from assistant.personal.service import CrossSell

ABOUT_ME = re.compile(r"\b(?:about me|what (?:have you|do you have) saved|my (?:profile|data))\b", re.I)
FORGET = re.compile(r"\b(?:forget|clear|delete|erase|remove|reset)\b", re.I)
SCOPE_WORDS: list[tuple[Scope, re.Pattern[str]]] = [
    (
        "all",
        re.compile(
            r"\b(?:everything|forget me|about me|my (?:data|profile|history|info\w*|account))\b", re.I
        ),
    ),
    ("sizes", re.compile(r"\bsizes?\b", re.I)),
    ("brands", re.compile(r"\bbrands?\b", re.I)),
    ("budget", re.compile(r"\b(?:budgets?|prices?|spend\w*)\b", re.I)),
]
# The words for each scope live in the shop's replies (compose/replies.yaml); this stage only asks.
SCOPE_TEXT = {
    "sizes": "profile.scope_sizes",
    "brands": "profile.scope_brands",
    "budget": "profile.scope_budget",
    "all": "profile.scope_all",
}
# say("profile.noted") -> the shop's sentence; handed in by the dialogue (compose comes after this stage).
Say = Callable[..., str]
MAX_ITEM_REASONS = 4


def forget_scopes(message: str) -> list[Scope]:
    """The scopes a forget request names; "forget my preferences" means sizes, brands and budgets."""
    for scope, pattern in SCOPE_WORDS:
        if scope == "all" and pattern.search(message):
            return ["all"]
    named = [scope for scope, pattern in SCOPE_WORDS[1:] if pattern.search(message)]
    return named or ["sizes", "brands", "budget"]


@dataclass(frozen=True)
class ProfileAnswer:
    body: str
    forgot: tuple[str, ...] = ()  # scopes deleted this turn


def profile_answer(db: ShopDatabase, catalog: Catalog, user_id: str, message: str, say: Say) -> ProfileAnswer:
    records = ProfileRecords(db)
    if FORGET.search(message):
        scopes = forget_scopes(message)
        deleted = {k: 0 for k in ("preferences", "clicks", "views")}
        for scope in scopes:
            for key, n in records.forget(user_id, scope).items():
                deleted[key] += n
        what = ", ".join(say(SCOPE_TEXT[s]) for s in scopes)
        if "all" in scopes:
            body = say(
                "profile.forgot_all",
                what=what,
                preferences=deleted["preferences"],
                clicks=deleted["clicks"],
                views=deleted["views"],
            )
        else:
            body = say("profile.forgot_some", what=what, preferences=deleted["preferences"])
        return ProfileAnswer(body, tuple(scopes))
    optouts = records.optouts(user_id)
    profile = build_profile(
        user_id,
        [] if "all" in optouts else db.orders_of(user_id),
        catalog,
        stated=records.prefs(user_id),
        viewed=records.viewed(user_id),
        clicked=records.clicked(user_id),
        optouts=optouts,
    )
    return ProfileAnswer(profile.describe())


def with_personal_reasons(items: list[RecommendedItem], personalizer: object) -> list[RecommendedItem]:
    """Put the first true personal reason ("comes in size 43: you bought the X in size 43") in
    front of each item's reasons. Only personalizers that can say why (`reasons`) add any."""
    reasons_of = getattr(personalizer, "reasons", None)
    if reasons_of is None:
        return items
    out = []
    for item in items:
        personal = reasons_of(item.product_id)
        if personal:
            reasons = [personal[0].text, *[r for r in item.reasons if r != personal[0].text]]
            item = item.model_copy(update={"reasons": reasons[:MAX_ITEM_REASONS]})
        out.append(item)
    return out


def cross_sell_line(offer: CrossSell, anchor_category: str, varies: bool, say: Say) -> str:
    price = money(offer.price, offer.currency)
    if varies:
        price = say("profile.price_from", price=price)
    if offer.via_category is None:
        return say("profile.bought_with_item", title=offer.title, price=price)
    return say(
        "profile.bought_with_category",
        category=category_noun(anchor_category.split(" > ")),
        other_category=category_noun(offer.via_category.split(" > ")),
        orders=len(offer.order_ids),
        title=offer.title,
        price=price,
    )


def shown_ids(items: Sequence[RecommendedItem]) -> set[str]:
    return {i.product_id for i in items}
