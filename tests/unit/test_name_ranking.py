"""Plain name words rank: in a small shop, the product whose title holds the shopper's words is
among the first results, even when other descriptions repeat the words, the dense model prefers
another item and better-rated items compete."""

from __future__ import annotations

from typing import cast

import numpy as np
import pytest

from assistant.contracts import Constraints
from assistant.records import Product
from assistant.retrieve.catalog import Catalog
from assistant.retrieve.lexical import PRODUCT_FIELD_WEIGHTS, BM25Index, product_fields
from assistant.retrieve.products import ProductRetriever
from assistant.retrieve.rank import rank_matches
from assistant.storage.vectors import VectorStore

SCENTS = [
    "Sea Salt Driftwood", "Cedar Ember", "Fig Leaf", "Amber Moss", "Orange Grove", "Pine Cabin",
    "Rose Quartz", "Tobacco Leather", "Black Currant", "Lavender Fields", "Eucalyptus Mint", "Honey Oat",
]  # fmt: skip
# Descriptions of other candles name the very words a shopper uses for the one they want.
NOISE = "Layer it with lavender, rosemary or a fig leaf candle; lavender lovers adore this blend. "


def _shop() -> list[Product]:
    products = []
    for i, scent in enumerate(SCENTS):
        products.append(
            Product(
                id=f"candle-{i}",
                title=f"{scent} Soy Candle",
                description=(NOISE * 2 if i % 3 == 0 else "")
                + f"A hand-poured soy candle with notes of {scent.lower()}.",
                category="Home > Candles",
                brand="Wickworks",
                price=24.0 + i,
                rating=4.9 if "Lavender" not in scent else 3.9,
                review_count=800 if "Lavender" not in scent else 40,
                tags=["candle", "soy"],
            )
        )
    return products


def _retriever(catalog: Catalog, favour: int) -> ProductRetriever:
    """A dense side that prefers another candle: the query vector is that product's vector."""
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(len(catalog), 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    catalog.vectors = vectors
    query = vectors[favour].copy()
    return ProductRetriever(catalog, cast(VectorStore, None), lambda text: query)


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("lavender candle", "Lavender Fields Soy Candle"),
        ("fig leaf", "Fig Leaf Soy Candle"),
        ("do you have the tobacco leather one", "Tobacco Leather Soy Candle"),
        ("honey oat", "Honey Oat Soy Candle"),
    ],
)
def test_the_titled_product_is_among_the_first_results(query: str, title: str) -> None:
    catalog = Catalog(_shop())
    for favour in (0, 3, 6):
        result = _retriever(catalog, favour).search(query, Constraints())
        top = [m.product.title for m in rank_matches(result.matches, result.constraints, 5)]
        assert title in top[:2], (favour, top)


def test_a_title_word_outweighs_the_same_word_in_a_longer_description() -> None:
    products = _shop()
    index = BM25Index([product_fields(p) for p in products], PRODUCT_FIELD_WEIGHTS)
    scores = index.scores("lavender")
    assert products[int(scores.argmax())].title == "Lavender Fields Soy Candle"
    plain = BM25Index([f"{p.title}. {p.description}" for p in products])
    assert plain.scores("zzz").max() == 0.0  # unknown words score nothing in either form


def test_fielded_and_plain_documents_agree_on_one_field() -> None:
    texts = ["TrailRunner GTX waterproof boot", "Coffee grinder burr steel", "Running sock merino"]
    one = BM25Index(texts)
    fielded = BM25Index([(t,) for t in texts], (1.0,))
    assert np.allclose(one.scores("waterproof boot"), fielded.scores("waterproof boot"))
