"""The skills, in one registry: name -> handler and the intents it answers.

The router's table (assistant.dialogue.router.ROWS) names skills by these keys; the manager runs
the handler it picked. A registry name is the route target; the SkillResult a handler returns says
which skill spoke (handle_confirmation answers as "orders"). docs/extending.md: how to add one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.contracts import Intent
from assistant.dialogue.skills.base import SkillResult, TurnContext
from assistant.dialogue.skills.cart import cart_skill
from assistant.dialogue.skills.compare import compare
from assistant.dialogue.skills.conversation import handoff, out_of_scope, profile, smalltalk
from assistant.dialogue.skills.help_or_facts import answer_help
from assistant.dialogue.skills.orders import handle_confirmation, handle_order
from assistant.dialogue.skills.product_question import product_question
from assistant.dialogue.skills.reviews import reviews
from assistant.dialogue.skills.search import search_products

Handler = Callable[[TurnContext], SkillResult]


@dataclass(frozen=True)
class Skill:
    name: str
    handler: Handler
    intents: tuple[Intent, ...] = ()  # intents it answers; () when only a rule reaches it


def frustrated_handoff(ctx: TurnContext) -> SkillResult:
    """A person for a shopper who sounds stuck or angry, though they did not ask for one."""
    return handoff(ctx, "frustration")


SKILLS: dict[str, Skill] = {
    skill.name: skill
    for skill in (
        Skill("search", search_products, (Intent.PRODUCT_SEARCH, Intent.RECOMMEND)),
        Skill("compare", compare, (Intent.COMPARE,)),
        Skill("product_question", product_question, (Intent.PRODUCT_QUESTION,)),
        Skill("faq", answer_help, (Intent.FAQ_POLICY,)),
        Skill("orders", handle_order, (Intent.ORDER_STATUS, Intent.ORDER_CHANGE)),
        Skill("confirmation", handle_confirmation, (Intent.CONFIRMATION,)),
        Skill("handoff", handoff, (Intent.HANDOFF,)),
        Skill("handoff_frustration", frustrated_handoff),
        Skill("smalltalk", smalltalk, (Intent.SMALLTALK,)),
        Skill("profile", profile, (Intent.PROFILE,)),
        Skill("out_of_scope", out_of_scope, (Intent.OUT_OF_SCOPE,)),
        Skill("cart", cart_skill, (Intent.CART,)),
        Skill("reviews", reviews),  # only the router's asks_reviews row reaches it
    )
}
