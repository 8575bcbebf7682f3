"""The dialogue manager with personal memory: after a search it remembers the sizes, brands and
budget the shopper stated (per user, across sessions); after a product question about one item it
adds one "Often bought with it" line with a real item and its real price."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from assistant.compose.composer import Composition, Facts
from assistant.contracts import Constraints, Reply, Understanding
from assistant.dialogue.manager import DialogueManager, PreparedTurn
from assistant.dialogue.skills.base import Services, SkillResult, TurnContext, voice
from assistant.dialogue.state import shopper_id
from assistant.personal.answers import ABOUT_ME, FORGET, cross_sell_line
from assistant.personal.service import CrossSell, PersonalService
from assistant.understand.understander import QueryUnderstander


class ProfileTurnUnderstander:
    """A request to see or forget the profile ("forget my sizes") states no search filters:
    without this, "sizes" reads as size S and the turn is routed to search as a refinement."""

    def __init__(self, inner: QueryUnderstander) -> None:
        self.inner = inner

    def understand(self, message: str, *args: Any, **kwargs: Any) -> Understanding:
        u = self.inner.understand(message, *args, **kwargs)
        asks_or_forgets = FORGET.search(message) or ABOUT_ME.search(message)
        if u.intent == "profile" and asks_or_forgets and not u.constraints.is_empty():
            return replace(u, constraints=Constraints())
        return u

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class PersonalDialogueManager(DialogueManager):
    def __init__(
        self, services: Services, understander: QueryUnderstander, personal: PersonalService
    ) -> None:
        super().__init__(services, cast(QueryUnderstander, ProfileTurnUnderstander(understander)))
        self.personal = personal
        self._cross_sells: dict[int, CrossSell] = {}

    def _after_skill(self, ctx: TurnContext, result: SkillResult) -> SkillResult:
        result = super()._after_skill(ctx, result)
        user = shopper_id(ctx.state, ctx.services.settings.trust_user_id)
        if result.skill == "search" and user and result.items:
            self.personal.remember_stated(
                user, ctx.understanding.constraints, ctx.state.get_constraints().categories
            )
        said = ctx.understanding.constraints
        remember = result.skill == "profile" and user and not FORGET.search(ctx.message)
        # "remember that I wear size 44": stored like any stated preference.
        if (
            remember
            and user
            and not said.is_empty()
            and self.personal.remember_stated(user, said, said.categories)
        ):
            result.body = voice(ctx)("profile.noted") + "\n\n" + result.body
        offer_to = self.personal.settings.cross_sell_for
        wanted = offer_to == "everyone" or (offer_to == "known" and user is not None)
        said_before = ctx.state.last_cross_sell_turn == ctx.state.turn - 1  # no two in a row
        if (
            wanted
            and not said_before
            and result.skill == "product_question"
            and result.helped
            and len(result.items) == 1
        ):
            self._add_cross_sell(ctx, result)
        return result

    def _add_cross_sell(self, ctx: TurnContext, result: SkillResult) -> None:
        item = result.items[0]
        exclude = {item.product_id, *(s.product_id for s in ctx.state.shown)}
        offer = self.personal.cross_sell(item.product_id, exclude)
        if offer is None:
            return
        product = self.personal.catalog.get(offer.product_id)
        varies = product is not None and len({product.variant_price(v) for v in product.variants}) > 1
        anchor = self.personal.catalog.get(item.product_id)
        line = cross_sell_line(offer, anchor.category if anchor else "", varies, voice(ctx))
        result.body = f"{result.body}\n\n{line}"
        if result.facts is not None:
            lines = (*result.facts.lines, f"Often bought with it: {offer.title}, {offer.price:g}")
            result.facts = Facts(lines, result.facts.names | {offer.title.lower()})
        self._cross_sells[id(result)] = offer
        ctx.state.last_cross_sell_turn = ctx.state.turn

    def finish(self, turn: PreparedTurn, composed: Composition, generate_ms: int) -> Reply:
        offer = self._cross_sells.pop(id(turn.result), None)
        reply = super().finish(turn, composed, generate_ms)
        if offer is not None:
            reply.extra["cross_sell"] = {
                "product_id": offer.product_id,
                "title": offer.title,
                "price": offer.price,
                "with_product_id": offer.with_product_id,
                "order_ids": list(offer.order_ids),
                "via_category": offer.via_category,
            }
        return reply
