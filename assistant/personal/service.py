"""One object the assistant holds for personalisation: builds profiles and personalizers from the
database, keeps the co-purchase model fresh, remembers stated preferences, records clicks,
answers cross-sell questions and forgets on request."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from assistant.config import Settings
from assistant.contracts import Constraints
from assistant.personal.copurchase import CoPurchaseModel, product_embeddings
from assistant.personal.personalizer import FeedbackPriors, PricePositions, ProfilePersonalizer
from assistant.personal.profile import ShopperProfile, build_profile, family
from assistant.personal.records import ProfileRecords, Scope
from assistant.retrieve.catalog import Catalog
from assistant.storage.sqlite import ShopDatabase

MODEL_CHECK_S = 30.0  # how often to look whether the orders changed


@dataclass(frozen=True)
class CrossSell:
    product_id: str
    title: str
    price: float
    currency: str
    with_product_id: str
    order_ids: tuple[str, ...]  # orders holding both (products, or their categories): the evidence
    via_category: str | None = None  # set when the evidence is category-level


class PersonalService:
    def __init__(self, settings: Settings, catalog: Catalog, db: ShopDatabase, store: object = None) -> None:
        self.settings = settings
        self.catalog = catalog
        self.db = db
        self.store = store
        self.records = ProfileRecords(db)
        self.positions = PricePositions(catalog)
        self._model: CoPurchaseModel | None = None
        self._signature: tuple[int, float] | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    # --- models ----------------------------------------------------------------------------------
    def _orders_signature(self) -> tuple[int, float]:
        with self.db.connect() as conn:
            row = conn.execute("SELECT COUNT(*), TOTAL(LENGTH(hash) + LENGTH(id)) FROM orders").fetchone()
        return int(row[0]), float(row[1])

    def model(self) -> CoPurchaseModel:
        with self._lock:
            now = time.monotonic()
            if self._model is None or now - self._checked > MODEL_CHECK_S:
                self._checked = now
                signature = self._orders_signature()
                if self._model is None or signature != self._signature:
                    ids = [p.id for p in self.catalog.products]
                    embeddings = product_embeddings(self.store, ids) if self.store is not None else {}
                    categories = {p.id: p.category for p in self.catalog.products}
                    orders = self.db.all_orders()
                    self._model = CoPurchaseModel.from_orders(orders, ids, embeddings, categories)
                    self._signature = signature
            return self._model

    def priors(self) -> FeedbackPriors:
        return FeedbackPriors(*self.records.item_feedback())

    # --- profiles --------------------------------------------------------------------------------
    def profile(self, user_id: str) -> ShopperProfile:
        optouts = self.records.optouts(user_id)
        if "all" in optouts:
            return build_profile(user_id, [], self.catalog, optouts=optouts)
        return build_profile(
            user_id,
            self.db.orders_of(user_id),
            self.catalog,
            stated=self.records.prefs(user_id),
            viewed=self.records.viewed(user_id),
            clicked=self.records.clicked(user_id),
            optouts=optouts,
        )

    def personalizer_for(self, user_id: str | None) -> ProfilePersonalizer | None:
        """Feedback priors for everyone; a profile too when the shopper is known."""
        if not self.settings.personalization:
            return None
        profile = self.profile(user_id) if user_id else None
        return ProfilePersonalizer(profile, self.catalog, self.model(), self.priors(), self.positions)

    def remember_stated(self, user_id: str, said: Constraints, categories: list[str]) -> int:
        """Store the sizes, brands and budget this turn stated; returns how many were stored."""
        if not self.settings.personalization or "all" in self.records.optouts(user_id):
            return 0
        stored = 0
        families = sorted({family(c) for c in (said.categories or categories)})
        for size in said.sizes[:1]:
            for fam in families or [""]:
                self.records.remember(user_id, "size", fam, str(size))
                stored += 1
        for brand in said.brands:
            self.records.remember(user_id, "brand", "", brand)
            stored += 1
        if said.price_max is not None:
            key = (said.categories or categories or [""])[0]
            self.records.remember(user_id, "budget", key, f"{said.price_max:g}")
            stored += 1
        return stored

    def forget(self, user_id: str, scope: Scope) -> dict[str, int]:
        return self.records.forget(user_id, scope)

    # --- clicks ----------------------------------------------------------------------------------
    def record_click(self, session_id: str, reply_id: str, product_id: str) -> bool:
        """True when recorded; False when the reply is unknown or did not show that product."""
        found = self.records.reply_items(reply_id)
        if found is None or product_id not in found[1]:
            return False
        user_id = found[0]
        if user_id and "all" in self.records.optouts(user_id):
            user_id = None  # still a click for the shop's analytics, not for the profile
        self.records.record_click(session_id, reply_id, product_id, user_id)
        return True

    # --- cross-sell ------------------------------------------------------------------------------
    def cross_sell(self, product_id: str, exclude: set[str] | None = None) -> CrossSell | None:
        """The product most often in the same orders as this one (in stock, not excluded); else the
        best-selling product of the category most often bought with this one's category."""
        exclude = exclude or set()
        model = self.model()
        for other, order_ids in model.bought_with(product_id, self.settings.cross_sell_min_orders):
            product = self.catalog.get(other)
            if product is None or not product.in_stock or other in exclude:
                continue
            return CrossSell(
                other, product.title, product.price, product.currency, product_id, tuple(order_ids)
            )
        anchor = self.catalog.get(product_id)
        if anchor is None:
            return None
        minimum = self.settings.cross_sell_min_category_orders
        for category, order_ids in model.categories_bought_with(anchor.category, minimum):
            options = [
                p
                for p in self.catalog.products
                if p.category == category and p.in_stock and p.id not in exclude and model.purchases.get(p.id)
            ]
            if options:
                best = max(options, key=lambda p: (model.purchases[p.id], p.rating or 0.0, p.id))
                evidence = tuple(order_ids)
                return CrossSell(
                    best.id, best.title, best.price, best.currency, product_id, evidence, category
                )
        return None
