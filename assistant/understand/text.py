"""Text primitives every reader shares: tokens, a crude singular, normalised phrases, category paths."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence


def singular(token: str) -> str:
    """Crude English singular, good enough for catalog nouns (shoes, boxes, glasses, cases)."""
    if len(token) <= 3 or token.endswith(("ss", "us", "is")):
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("ches", "shes", "xes", "sses", "zes")):
        return token[:-2]
    if token.endswith("s"):
        return token[:-1]
    return token


def tokens(text: str) -> list[str]:
    """Lowercase word tokens; hyphens, underscores and apostrophes split words, and a possessive
    's goes ("women's shoes" -> women, shoes), so it reads like the shop's "Womens Shoes"."""
    return re.findall(r"[a-z0-9]+(?:\.[0-9]+)?", re.sub(r"['’]s\b", "", text.lower()))


def name_terms(text: str) -> list[str]:
    """The words a product's name is matched by: lowercase singular tokens, possessives gone
    ("AirPods" and "airpods" meet), and a number joined to the word before it ("iPhone 13" also
    as "iphone13"), so a model number is one term whichever way it is typed."""
    words = tokens(text)
    terms = [singular(w) for w in words]
    for before, number in itertools.pairwise(words):
        if number.isdigit() and before.isalpha():
            terms.append(before + number)
    return terms


def name_phrase(terms: Sequence[str]) -> str:
    """Name terms as said back: "iphone13" reads "iphone 13" and covers the plain "iphone"."""
    said = [re.sub(r"^([a-z]{3,})(\d+)$", r"\1 \2", t) for t in terms]
    covered = {singular(s.split()[0]) for s in said if " " in s} | {s.split()[0] for s in said if " " in s}
    return " ".join(s for s in said if " " in s or s not in covered)


def norm_phrase(text: str) -> str:
    """Lowercase, punctuation-free, singular tokens: the form every catalog word is matched in."""
    return " ".join(singular(tok) for tok in tokens(text))


def category_in(category: str, categories: Sequence[str]) -> bool:
    """A category path is in a wanted category when it is that path or below it (no wanted
    categories: every path is)."""
    if not categories:
        return True
    path = category.lower()
    return any(path == c.lower() or path.startswith(c.lower() + " >") for c in categories)


def join_names(values: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), for near spellings."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
