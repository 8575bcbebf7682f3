"""Sentences: articles and lists, product descriptions, reviews and the people who write them."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import Any

from .basics import one
from .draft import Draft


def fix_articles(text: str) -> str:
    """Templates write "a" everywhere; switch to "an" before a vowel sound (an 8 W lamp, an organic tee)."""
    return re.sub(r"\b([Aa]) (?=[aeioAEIO]|8|1[18]\b|1[18][- ])", r"\1n ", text)


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeio" else "a"


def listing(words: Sequence[str]) -> str:
    words = list(words)
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


def gender_word(gender: str) -> str:
    return {"men": "Men's ", "women": "Women's "}.get(gender, "")


def color_note(rng: random.Random, colors: list[str]) -> str:
    if len(colors) == 1:
        return one(rng, [f"Comes in {colors[0]}.", f"Offered in {colors[0]}."])
    return one(rng, [f"Available in {listing(colors)}.", f"Choose from {listing(colors)}."])


FIRST_NAMES = [
    "Ava", "Liam", "Maya", "Noah", "Priya", "Ethan", "Sofia", "Lucas", "Chloe", "Mateo", "Hannah", "Omar",
    "Zoe", "Daniel", "Grace", "Kenji", "Isla", "Marcus", "Leah", "Diego", "Nora", "Samuel", "Aisha",
    "Jonah", "Elena", "Felix", "Ruby", "Tariq", "Mei", "Oscar", "Clara", "Andre", "Iris", "Malik", "Vera",
    "Theo", "Lena", "Rafael", "Naomi", "Caleb", "Yara", "Henry", "Julia", "Kofi", "Anya", "Miles",
    "Sienna", "Arjun", "Beatrice", "Jamal",
]  # fmt: skip
LAST_NAMES = [
    "Thompson", "Nguyen", "Garcia", "Patel", "Kowalski", "Okafor", "Larsen", "Rossi", "Kim", "Murphy",
    "Silva", "Haddad", "Schmidt", "Brennan", "Tanaka", "Alvarez", "Fischer", "Mensah", "Dubois", "Novak",
    "Reyes", "Walsh", "Ibrahim", "Costa", "Lindqvist", "Moreau", "Chen", "Hughes", "Bianchi", "Adeyemi",
    "Park", "Sullivan",
]  # fmt: skip
GENERIC_PRAISE = [
    "Exactly what I was looking for.",
    "Good quality for the price.",
    "Looks even better in person.",
    "Does everything I hoped it would.",
]
REVIEW_CLOSERS = [
    "Would buy again.", "Great value for the price.", "Exactly as described.", "Very happy with it.",
    "Arrived well packed.", "Recommended it to a friend already.", "", "", "",
]  # fmt: skip
GRIPES = {
    "Shoes": [
        "The laces are a little short.", "Toe box is narrower than I expected.",
        "The tongue slides to one side on longer outings.",
    ],
    "Clothing": [
        "Sleeves run a touch long.", "The colour is slightly darker than the photos.",
        "Wish it had one more inside pocket.",
    ],
    "Accessories": ["The cuff is a bit tight on my calves.", "Colours faded slightly after a few washes."],
    "Bags": ["The side pockets are a bit tight for big bottles.", "Zips are stiff for the first few weeks."],
    "Electronics": [
        "The app is a bit basic.", "Took a couple of tries to pair with my laptop.",
        "Packaging was more than it needed to be.",
    ],
    "Home": ["Heavier than I expected.", "Instructions could be clearer."],
    "Beauty": ["The pump dispenses a bit too much.", "Took a few weeks to see a difference."],
    "Toys": ["A couple of the stickers were fiddly.", "Wish the box were resealable for storage."],
    "Outdoor": ["The stuff sack is a tight fit.", "Instructions could be clearer."],
}  # fmt: skip


def compose_description(rng: random.Random, draft: Draft) -> str:
    """2-4 sentences: an opening, the key fact, further true features, and the colours when variants exist."""
    budget = rng.randint(2, 4)
    sentences = [one(rng, draft.intro)]
    extra: list[str] = []
    if draft.axis in ("shoe", "clothing"):
        extra.append(color_note(rng, draft.colors))
    # The first feature carries the product's key fact (capacity, skin type ...); always keep it, and say
    # "waterproof" whenever the attribute is true, because shoppers filter on it.
    sentences.append(draft.features[0])
    rest = draft.features[1:]
    if draft.attrs.get("waterproof") is True and "waterproof" not in draft.features[0].lower():
        must = [f for f in rest if "waterproof" in f.lower()][:1]
        sentences += must
        rest = [f for f in rest if f not in must]
    room = max(0, budget - len(sentences) - len(extra))
    sentences += rng.sample(rest, min(room, len(rest)))
    sentences += extra
    return fix_articles(" ".join(s.strip() for s in sentences if s.strip()))


def make_reviews(rng: random.Random, draft: Draft, rating: float, category: str) -> list[dict[str, Any]]:
    reviews = []
    authors = rng.sample(FIRST_NAMES, 3)
    lines = rng.sample(draft.praise, min(len(draft.praise), 3))
    extra_praise = rng.sample(GENERIC_PRAISE, 3)
    gripes = rng.sample(GRIPES[category.split(" > ")[0]], 2)
    for i in range(rng.choice([1, 1, 2, 2, 3])):
        stars = max(1, min(5, round(rating + rng.gauss(0, 0.7))))
        if stars <= 3:
            text = gripes[i % 2]
            if i < len(lines) and rng.random() < 0.6:
                text = f"{lines[i]} {text}"
        else:
            text = lines[i] if i < len(lines) else extra_praise[i]
            closer = one(rng, REVIEW_CLOSERS)
            text = f"{text} {closer}".strip()
        reviews.append({"author": authors[i], "rating": float(stars), "text": fix_articles(text)})
    return reviews
