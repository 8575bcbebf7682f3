"""What reviewers say about one product: its stated rating and count, the listed reviews' average and
quoted phrases, all from the product record (retrieve/reviews.py). The generator may add one checked
sentence summarising them (purpose "reviews"); the figures and quotes are never its to write."""

from __future__ import annotations

from assistant.compose.composer import Facts
from assistant.compose.replies import Say
from assistant.contracts import Constraints
from assistant.dialogue.skills.base import (
    SkillResult,
    TurnContext,
    item_from,
    product_of,
    resolve_referenced,
    voice,
)
from assistant.records import Product, Variant
from assistant.retrieve.lexical import tokenize
from assistant.retrieve.reviews import ReviewDigest, digest, digest_facts

INTENT = "product_question"  # a reviews turn is a question about one product; no classifier class
SKILL = "reviews"
# A named product is taken only when the message holds most of its title's words: the shopper
# named it, rather than retrieval guessing from a word or two ("reviews of tents").
TITLE_SHARE = 0.6


def title_share(message: str, title: str) -> float:
    """Share of the title's words (as BM25 tokenises them) that the message holds."""
    title_words = set(tokenize(title))
    return len(title_words & set(tokenize(message))) / len(title_words) if title_words else 0.0


def named_product(ctx: TurnContext) -> Product | None:
    """The product the message names: the retrieval's top match, when its title clearly matches."""
    matches = ctx.services.retriever.search(ctx.message, Constraints()).matches
    if not matches:
        return None
    top = matches[0].product
    return top if title_share(ctx.message, top.title) >= TITLE_SHARE else None


def _target(ctx: TurnContext) -> tuple[Product | None, Variant | None]:
    """A shown item the turn points at, else a product it names, else the one in focus."""
    if ctx.understanding.reference is not None:
        pointed = resolve_referenced(ctx)
        if len(pointed) == 1:
            return product_of(ctx, pointed[0])
    named = named_product(ctx)
    if named is not None:
        return named, None
    fallback = resolve_referenced(ctx)  # the item in focus, or the only one shown
    return product_of(ctx, fallback[0]) if len(fallback) == 1 else (None, None)


def _ask_which(ctx: TurnContext) -> SkillResult:
    say, shown = voice(ctx), ctx.state.shown
    if shown:
        options = "; ".join(f"{s.position + 1}. {s.title}" for s in shown)
        body = say("reviews.which_one", options=options)
    else:
        body = say("reviews.which_first")
    return SkillResult(INTENT, SKILL, body, helped=False, confidence=0.5)


def digest_text(d: ReviewDigest, say: Say) -> str:
    """The template answer: every figure and quote as the record has it."""
    if not d.has_reviews:
        return say("reviews.none", title=d.title)
    parts = []
    if d.stated_rating is not None and d.stated_count:
        parts.append(
            say("reviews.rated", title=d.title, rating=f"{d.stated_rating:.1f}", count=d.stated_count)
        )
    if d.listed and d.listed_average is not None:
        parts.append(say("reviews.listed_average", listed=d.listed, average=f"{d.listed_average:.1f}"))
    if len(d.praise) >= 2:
        parts.append(say("reviews.praise_two", first=d.praise[0], second=d.praise[1]))
    elif d.praise:
        parts.append(say("reviews.praise_one", quote=d.praise[0]))
    if d.criticism:
        parts.append(say("reviews.criticism", quote=d.criticism[0]))
    if not d.listed:
        parts.append(say("reviews.texts_missing"))
    return " ".join(parts)


def reviews(ctx: TurnContext) -> SkillResult:
    product, variant = _target(ctx)
    if product is None:
        return _ask_which(ctx)
    ctx.state.focus_product_id = product.id
    d = digest(product)
    body = digest_text(d, voice(ctx))
    item = item_from(product, variant)
    if not d.has_reviews:
        return SkillResult(INTENT, SKILL, body, items=[item])
    names = frozenset(n.lower() for n in (product.title, product.brand) if n)
    return SkillResult(
        INTENT,
        SKILL,
        body,
        purpose="reviews" if d.listed else None,  # a summary needs review texts to summarise
        facts=Facts(tuple(digest_facts(d)), names),
        items=[item],
    )
