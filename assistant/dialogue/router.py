"""The one place a turn is routed: an ordered table of (rule, predicate, skill) rows; the first row
whose predicate holds names the skill (a name in assistant.dialogue.skills.SKILLS).

Order is the policy. Rows that answer the conversation's own open questions (a pending yes/no,
verification details) come first; then a person, orders, and turns that act on a shown list; then
the classifier's intent. The router reads only the understanding, the state and the message, plus
one optional probe (how well the help pages answer the message), so every rule is unit-testable
without a model (tests/unit/test_router.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.contracts import Intent, Understanding
from assistant.dialogue.skills.cart_turns import answered_options, is_cart_turn
from assistant.dialogue.skills.search import HELP_FIRST_SCORE
from assistant.dialogue.state import DialogueState
from assistant.understand.words import ORDER_WORDS, QUESTION_RE, QUESTION_WORD_RE, SIGNALS, alternation

QUESTION = QUESTION_WORD_RE  # the one question test (assistant/understand/words.py)
POLICY = re.compile(
    r"\b(?:return|refund|ship|shipping|deliver|delivery|warranty|covered|exchange|swap|policy|policies|payment|pay|"
    r"privacy|price match|order|track|cancel|gift card|account|store|hours)\w*",
    re.I,
)
POINTER = re.compile(r"\b(?:it|its|it's|this|that|these|those|them|they|one|ones|both)\b", re.I)
SELLS = re.compile(r"\bdo you (?:sell|carry|stock|have)\b|\bany .+ for sale\b", re.I)
# Asking what reviewers say. "Rating" alone is not enough: "its temperature rating" is a spec.
REVIEWS = re.compile(
    r"\breview(?:s|ed|ers?)?\b|\b(?:its|their|the|customer|user|star|average|overall)\s+ratings?\b"
    r"|\bhow (?:well |highly )?(?:is|are|was|were) (?:it|they|this|that|these|those|this one|that one) rated\b"
    r"|\b(?:people|customers|shoppers|buyers|users|owners|others|reviewers)\s+(?:say|said|saying|think|thought)\b",
    re.I,
)
# Reviews as a filter or a sort ("tents with good reviews", "top rated"): a search, not a question.
SEEKS_RATED = re.compile(
    r"\b(?:with|having|has|have)\s+(?:\w+\s+){0,2}(?:reviews|ratings|stars)\b"
    r"|\b(?:highly|best|top|well|better|good|great|high|higher|highest|low|lower|lowest|poorly|most)[- ]"
    r"(?:rated|reviewed)\b|\b(?:best|top|highest|most|better)\s+(?:reviews|ratings)\b",
    re.I,
)
OBJECT = re.compile(r"\b(?:about|for|of|on)\s+\S", re.I)  # "reviews for <something>"
# The shopper's own order: "my parcel", "our last order", "the order I placed", "I ordered".
OWN_ORDER = re.compile(
    rf"\b(?:my|our)\s+(?:\w+\s+)?(?:{alternation(ORDER_WORDS)})s?\b"
    r"|\bi (?:ordered|bought|purchased|placed|paid)\b|\border (?:number|no\.?|#)",
    re.I,
)
# A service the shop may offer, asked with no product named ("do you offer gift wrapping?"); a
# question about the whole range ("does every product have the same warranty?"); one about how
# things work, even when it says "my" ("can I choose the day my parcel comes?"); asking how to do
# something ("how should I wash..."). Patterns in lexicon/signals.yaml.
SERVICE = SIGNALS["service_question"]
EVERY_PRODUCT = SIGNALS["every_product"]
GENERAL_QUESTION = SIGNALS["general_question"]
HOW_TO = SIGNALS["how_to"]

SEARCH_INTENTS = (Intent.PRODUCT_SEARCH, Intent.RECOMMEND)
ORDER_INTENTS = (Intent.ORDER_STATUS, Intent.ORDER_CHANGE)
QUESTION_INTENTS = (Intent.PRODUCT_QUESTION, Intent.COMPARE)
# Intents a classifier gives product words by mistake ("power bank" read as a policy question).
MISREAD_INTENTS = (Intent.FAQ_POLICY, Intent.OUT_OF_SCOPE, Intent.SMALLTALK)

HelpScore = Callable[[str], float]  # best help-page score for a message (embeds it: call lazily)


@dataclass
class Turn:
    u: Understanding
    state: DialogueState
    message: str
    help_score: HelpScore | None = None


@dataclass(frozen=True)
class RouteDecision:
    skill: str  # a key of assistant.dialogue.skills.SKILLS
    rule: str  # the row that chose it, for logs and tests


@dataclass(frozen=True)
class Row:
    rule: str
    when: Callable[[Turn], bool]
    skill: str


# --- predicates ------------------------------------------------------------------------------


def _asks_which(u: Understanding) -> bool:
    """ "which one is cheaper?" compares shown items; a bare "cheaper" asks for new ones."""
    return "which" in u.search_text.lower()


def _names_products(u: Understanding) -> bool:
    c = u.constraints
    return bool(c.categories or c.brands or any(not isinstance(v, bool) for v in c.attributes.values()))


def _refines(u: Understanding, message: str) -> bool:
    """A turn that only sets filters, asking nothing about a shown item."""
    c = u.constraints
    sets_filter = bool(
        c.categories
        or c.colors
        or c.sizes
        or c.brands
        or c.attributes
        or c.exclude_attributes
        or c.exclude_brands
        or c.exclude_colors
        or c.price_min is not None
        or c.price_max is not None
        or c.sort != "relevance"
    )
    asks = u.asked_attribute is not None and bool(QUESTION.search(message))
    return sets_filter and not asks and u.intent not in (Intent.FAQ_POLICY, *ORDER_INTENTS)


def _single_pick(u: Understanding) -> bool:
    """ "compare the first" points at one item: a question about it, not a comparison."""
    ref = u.reference
    return ref is not None and ref.ordinal is not None and not ref.indices and not ref.plural


def _compares(t: Turn) -> bool:
    return t.u.intent == Intent.COMPARE and not _single_pick(t.u)


def _points_at_shown(t: Turn) -> bool:
    u, ref = t.u, t.u.reference
    points = (
        u.asked_attribute is not None or POINTER.search(t.message) or (ref is not None and not ref.pronoun)
    )
    return bool(t.state.shown and points)


def _superlative(t: Turn) -> bool:
    """ "the cheapest pair" sorts the search; "which is cheapest?" asks about the list."""
    attribute = t.u.reference.attribute if t.u.reference is not None else None
    return attribute is not None and attribute[0] in ("price", "rating")


def _bare(u: Understanding) -> bool:
    """No product words, no pointer, no comparative: nothing a search could narrow by."""
    return u.constraints.is_empty() and u.reference is None and not u.comparative


def _asks_help_topic(t: Turn) -> bool:
    """A question about how the shop's policies treat a kind of product, naming no maker and
    pointing at nothing shown: "how long is the warranty on headphones?", "can earbuds be returned?",
    "how should I wash a rain jacket?"."""
    u = t.u
    if u.reference is not None or u.comparative or u.constraints.brands or not _is_question(t):
        return False
    return bool(POLICY.search(t.message) or HOW_TO.search(t.message))


def _help_question(t: Turn) -> bool:
    """A bare turn on its way to search that a help page answers well ("how much is shipping?"),
    or a policy question about a kind of product (`_asks_help_topic`)."""
    if not (_bare(t.u) or _asks_help_topic(t)) or SELLS.search(t.message) or t.help_score is None:
        return False
    after = next(i for i, row in enumerate(ROWS) if row.rule == "help_question") + 1
    if _first_match(t, ROWS[after:]).skill != "search":
        return False
    return t.help_score(t.message) >= HELP_FIRST_SCORE  # last: it embeds the message


def _searches_about_shown(t: Turn) -> bool:
    u = t.u
    return u.reference is not None and not u.comparative and u.constraints.is_empty() and bool(t.state.shown)


def _asks_reviews(t: Turn) -> bool:
    """ "what do people say about the second one", "reviews for the <title>": a question about one
    product's reviews, pointing at a shown item or naming one (the skill matches the name)."""
    u, message = t.u, t.message
    if not REVIEWS.search(message) or u.comparative or _superlative(t) or _asks_which(u):
        return False
    points = bool(t.state.shown) and (
        u.reference is not None or bool(POINTER.search(message)) or t.state.focus_product_id is not None
    )
    if SEEKS_RATED.search(message):
        singular = u.reference is not None and not u.reference.plural
        return points and singular and bool(QUESTION.search(message))  # "is it well reviewed?"
    return points or _names_products(u) or bool(OBJECT.search(message))


def _order_context(t: Turn) -> bool:
    """An order to talk about: one named (an id, an email or ZIP), one this conversation is already
    about, or the shopper's own ("where is my parcel?") outside a question of how things work."""
    u, state = t.u, t.state
    if u.order_id or u.email or u.zip_code:
        return True
    if state.awaiting_verification_for or state.verified_customer_id or state.focus_order_id or state.pending:
        return True
    if state.held_email or state.held_zip:
        return True
    return bool(OWN_ORDER.search(t.message)) and not GENERAL_QUESTION.search(t.message)


def _order_turn(t: Turn) -> bool:
    u = t.u
    if u.order_id or (u.email and t.state.awaiting_action):
        return True
    if u.intent == Intent.ORDER_CHANGE:
        return True  # the orders skill answers from the policies first, then asks for the order
    return u.intent == Intent.ORDER_STATUS and _order_context(t)


def _accepts_offered_person(t: Turn) -> bool:
    """ "yes please" right after a reply that offered a person; "ok, the cheapest one then" asks
    for something else."""
    state = t.state
    offered = state.offered_person_turn is not None and state.offered_person_turn == state.turn - 1
    return offered and not state.handed_off and t.u.confirmation is True and state.pending is None


def _is_question(t: Turn) -> bool:
    return bool(QUESTION_RE.search(t.message))


def _asks_for_person(t: Turn) -> bool:
    """Words that ask for a person, or the model's handoff reading of a turn that is no question
    ("how do I make a warranty claim?" asks how something works, not for someone)."""
    u = t.u
    if u.handoff_requested:
        return True
    return u.intent == Intent.HANDOFF and u.intent_confidence >= 0.5 and not _is_question(t)


def _profile_guess_on_question(t: Turn) -> bool:
    """The model's profile reading of a question with no profile words ("do you sell my personal
    data?" asks how the shop works, not to see or change what it keeps): the help pages answer it."""
    return t.u.intent == Intent.PROFILE and _is_question(t) and not SIGNALS["profile"].search(t.message)


def _help_before_out_of_scope(t: Turn) -> bool:
    """An out-of-scope reading a help page matches well ("I forgot my password"): the FAQ answers,
    its relevance gate saying when it does not know. Never for an injection attempt."""
    if t.u.intent != Intent.OUT_OF_SCOPE or t.help_score is None or SIGNALS["injection"].search(t.message):
        return False
    return _bare(t.u) and t.help_score(t.message) >= HELP_FIRST_SCORE  # last: it embeds the message


def _intent_is(*intents: Intent) -> Callable[[Turn], bool]:
    return lambda t: t.u.intent in intents


# --- the table -------------------------------------------------------------------------------

ROWS: tuple[Row, ...] = (
    Row(
        "pending_confirmation",
        lambda t: t.state.pending is not None and t.u.confirmation is not None,
        "confirmation",
    ),
    Row(
        "verification_details",
        lambda t: (
            bool(t.state.awaiting_verification_for)
            and bool(t.u.email or t.u.zip_code or t.u.order_id)
            and not t.u.handoff_requested
        ),
        "orders",
    ),
    Row("accepts_offered_person", _accepts_offered_person, "handoff"),
    Row("asks_for_person", _asks_for_person, "handoff"),
    Row("frustration", lambda t: t.u.frustration, "handoff_frustration"),
    # "add the second one in size 42", "make it two", "check out"
    Row("cart_verb", lambda t: is_cart_turn(t.u.intent, t.message), "cart"),
    Row("order_turn", _order_turn, "orders"),
    # An order-status reading with no order to be about: "labtop under 1500" searches, and "what
    # takes a month to ship?" is a help question (the FAQ's gate says when it does not know).
    Row(
        "order_words_name_products",
        lambda t: t.u.intent in ORDER_INTENTS and _names_products(t.u) and not QUESTION_RE.search(t.message),
        "search",
    ),
    Row("order_question_without_order", _intent_is(*ORDER_INTENTS), "faq"),
    # "42", "navy", "42 in navy" right after "Which size would you like…?": the open add, not a
    # refinement of the list. Only a value for one of the product's options counts (cart_turns).
    Row(
        "cart_answer",
        lambda t: (
            t.state.pending_cart is not None and bool(answered_options(t.u, t.message, t.state.pending_cart))
        ),
        "cart",
    ),
    Row(
        "comparative_after_list",
        lambda t: bool(t.u.comparative and t.state.shown and not _asks_which(t.u)),
        "search",
    ),
    Row("superlative_sorts", lambda t: _superlative(t) and not _asks_which(t.u), "search"),
    Row("asks_reviews", _asks_reviews, "reviews"),
    Row("help_question", _help_question, "faq"),
    Row(
        "service_question",
        lambda t: _bare(t.u) and t.u.intent in SEARCH_INTENTS and bool(SERVICE.search(t.message)),
        "faq",
    ),
    Row(
        "refinement",
        lambda t: (
            _refines(t.u, t.message) and (bool(t.state.shown) or not t.state.get_constraints().is_empty())
        ),
        "search",
    ),
    Row(
        "product_words",
        lambda t: _names_products(t.u) and t.u.intent in MISREAD_INTENTS and not POLICY.search(t.message),
        "search",
    ),
    Row("compare_shown", lambda t: _compares(t) and len(t.state.shown) >= 2, "compare"),
    Row("compare_new_items", lambda t: _compares(t) and not t.u.constraints.is_empty(), "search"),
    Row("compare_too_few", _compares, "product_question"),
    Row(
        "question_about_every_product",
        lambda t: (
            t.u.intent in QUESTION_INTENTS
            and _is_question(t)
            and bool(EVERY_PRODUCT.search(t.message))
            and not _names_products(t.u)
        ),
        "faq",
    ),
    Row(
        "question_about_shown",
        lambda t: t.u.intent in QUESTION_INTENTS and _points_at_shown(t),
        "product_question",
    ),
    Row("question_as_search", _intent_is(*QUESTION_INTENTS), "search"),
    Row("policy", _intent_is(Intent.FAQ_POLICY), "faq"),
    Row("question_read_as_handoff", lambda t: t.u.intent == Intent.HANDOFF and _is_question(t), "faq"),
    Row("question_read_as_profile", _profile_guess_on_question, "faq"),
    Row(
        "search_about_shown",
        lambda t: t.u.intent in SEARCH_INTENTS and _searches_about_shown(t),
        "product_question",
    ),
    Row("search", _intent_is(*SEARCH_INTENTS), "search"),
    Row("smalltalk", _intent_is(Intent.SMALLTALK), "smalltalk"),
    Row("profile", _intent_is(Intent.PROFILE), "profile"),
    Row("stray_confirmation", _intent_is(Intent.CONFIRMATION), "smalltalk"),
    Row("help_before_out_of_scope", _help_before_out_of_scope, "faq"),
    Row("out_of_scope", lambda t: True, "out_of_scope"),
)


def _first_match(t: Turn, rows: Sequence[Row]) -> RouteDecision:
    for row in rows:
        if row.when(t):
            return RouteDecision(row.skill, row.rule)
    return RouteDecision("out_of_scope", "out_of_scope")


def route(
    u: Understanding, state: DialogueState, message: str = "", help_score: HelpScore | None = None
) -> RouteDecision:
    """The skill for this turn and the rule that chose it. Without `help_score` the help-first
    rule never fires (a caller with no help pages, or a unit test of the other rows)."""
    return _first_match(Turn(u, state, message, help_score), ROWS)
