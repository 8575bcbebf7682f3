"""What reviewers say about a product, from its own reviews: counts, ratings and quoted phrases.

Every figure and quote here comes from the product record; a generator may add one checked
sentence on top (compose), never replace these facts.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.records import Product, Review

POSITIVE_AT = 4.0  # a review rated at least this counts as praise
CRITICAL_BELOW = 3.0  # and below this as criticism
MAX_QUOTES = 2
MAX_QUOTE_CHARS = 140


@dataclass(frozen=True)
class ReviewDigest:
    """The reviews of one product, reduced to what an answer may quote."""

    title: str
    stated_rating: float | None  # the catalog's rating (over all reviews, may be more than listed)
    stated_count: int  # the catalog's review count
    listed: int  # reviews present in the record
    listed_average: float | None
    praise: tuple[str, ...]  # quoted from reviews rated POSITIVE_AT or more
    criticism: tuple[str, ...]  # quoted from reviews rated below CRITICAL_BELOW

    @property
    def has_reviews(self) -> bool:
        return self.listed > 0 or self.stated_count > 0


def _quote(review: Review) -> str:
    text = " ".join(review.text.split())
    return text if len(text) <= MAX_QUOTE_CHARS else text[: MAX_QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _quotes(reviews: list[Review]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for review in reviews:
        quote = _quote(review)
        if quote and quote.lower() not in {q.lower() for q in seen}:
            seen[quote] = None
    return tuple(list(seen)[:MAX_QUOTES])


def digest(product: Product) -> ReviewDigest:
    rated = [r for r in product.reviews if r.rating is not None]
    average = round(sum(r.rating or 0.0 for r in rated) / len(rated), 1) if rated else None
    praise = _quotes([r for r in rated if (r.rating or 0) >= POSITIVE_AT])
    criticism = _quotes([r for r in rated if (r.rating or 0) < CRITICAL_BELOW])
    return ReviewDigest(
        title=product.title,
        stated_rating=product.rating,
        stated_count=product.review_count or 0,
        listed=len(product.reviews),
        listed_average=average,
        praise=praise,
        criticism=criticism,
    )


def digest_facts(d: ReviewDigest) -> list[str]:
    """The digest as fact lines: what a template answer says and what a generated sentence is
    checked against."""
    lines = []
    if d.stated_rating is not None and d.stated_count:
        lines.append(f"{d.title} is rated {d.stated_rating:.1f} from {d.stated_count} reviews.")
    if d.listed and d.listed_average is not None:
        lines.append(f"The {d.listed} reviews we have average {d.listed_average:.1f} of 5.")
    lines.extend(f'Praise: "{q}"' for q in d.praise)
    lines.extend(f'Criticism: "{q}"' for q in d.criticism)
    return lines
