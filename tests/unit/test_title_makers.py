"""A shop without a brand field still names its makers, first in its titles: a bare maker's name
ranks that maker's titles first (a soft wish, the rest of the kind after them), never picks a
category by itself, makes the turn a search, and is said to be missing when none of the maker's
products fits the rest of the turn. The shop and its words are made up for the test."""

from __future__ import annotations

from typing import cast

import numpy as np
import pytest

from assistant.contracts import Constraints
from assistant.records import Product
from assistant.retrieve.catalog import Catalog
from assistant.retrieve.products import ProductRetriever
from assistant.retrieve.rank import rank_matches
from assistant.storage.vectors import VectorStore
from assistant.understand.understander import QueryUnderstander
from assistant.understand.vocabulary import CatalogVocabulary
from tests.fakes import product


def _item(
    pid: str, title: str, category: str, brand: str = "", description: str = "", tags: tuple[str, ...] = ()
) -> Product:
    return product(pid, title, category, brand=brand).model_copy(
        update={"description": description, "tags": list(tags)}
    )


def _shop(brand: str = "") -> list[Product]:
    return [
        _item(
            "h1", "Zephra Lumen Wireless Headphones", "Electronics > Headphones", brand, "Light and clear."
        ),
        _item("h2", "Zephra Cadence Earbuds", "Electronics > Headphones", brand, "Small buds for runs."),
        _item("h3", "Orvell Pitch Headphones", "Electronics > Headphones", brand, "Big, warm sound."),
        _item("c1", "Zephra Shell Case for Pixel", "Electronics > Cases", brand, "A slim case."),
        _item("c2", "Orvell Grip Case", "Electronics > Cases", brand, "A rugged case."),
        _item("k1", "Cobalt & Reed Saute Pan", "Home > Kitchen", brand, "Even heat."),
        _item("k2", "Cobalt & Reed Mixing Bowls", "Home > Kitchen", brand, "Three bowls."),
        _item("k3", "Cobalt & Reed Desk Tray", "Home > Office", brand, "Keeps papers."),
        _item("t1", "Women's Trail Tee", "Clothing > Tees", brand, "Breathable."),
        _item("t2", "Women's Crew Tee", "Clothing > Tees", brand, "Soft cotton."),
        _item("t3", "Classic Crew Tee", "Clothing > Tees", brand, "A classic cut."),
        _item("t4", "Classic Pocket Tee", "Clothing > Tees", brand, "Roomy."),
        _item("s1", "Cricket Bat", "Sports", brand, "A willow cricket bat.", ("cricket",)),
        _item("s2", "Cricket Ball", "Sports", brand, "A leather ball."),
        _item("s3", "Tamsin Tent", "Outdoor > Camping", brand, "Two people."),
        _item("s4", "Tamsin Stove", "Outdoor > Camping", brand, "Boils fast."),
        _item("s5", "Lightweight Tamsin Stool", "Outdoor > Camping", brand, "Folds flat."),
        _item("s6", "Brisk Camp Tent", "Outdoor > Camping", brand, "Sleeps four."),
    ]


@pytest.fixture(scope="module")
def vocab() -> CatalogVocabulary:
    return CatalogVocabulary.from_products(_shop())


def _makers(vocab: CatalogVocabulary) -> set[str]:
    return {term for term, line in vocab.line_words.items() if line.maker}


def test_the_first_title_word_of_several_brandless_titles_is_a_maker(vocab: CatalogVocabulary) -> None:
    # Not: an audience ("Women's"), a word the shop writes in lower case ("a classic cut", "a
    # willow cricket bat"), a word another title holds elsewhere ("Lightweight Tamsin Stool"),
    # a one-title word ("Brisk").
    assert _makers(vocab) == {"zephra", "orvell", "cobalt"}
    assert vocab.line_words["zephra"].places == (
        ("Electronics > Cases", ""),
        ("Electronics > Headphones", ""),
    )


def test_a_shop_with_a_brand_field_reads_no_makers_off_its_titles() -> None:
    assert _makers(CatalogVocabulary.from_products(_shop(brand="Acme"))) == set()


def test_a_bare_makers_name_is_a_search_ranking_its_titles_first_in_no_category(
    vocab: CatalogVocabulary,
) -> None:
    u = QueryUnderstander(vocab).understand("zephra")
    assert u.intent == "product_search"
    # Two of Zephra's three titles are headphones: still no category (a maker is no kind).
    assert u.constraints.categories == [] and u.constraints.names == []
    assert u.constraints.wishes == ["zephra"] and u.constraints.notes == []
    c = QueryUnderstander(vocab).understand("zephra headphones").constraints
    assert c.categories == ["Electronics > Headphones"] and c.wishes == ["zephra"] and c.notes == []


def test_a_maker_with_nothing_of_the_named_kind_is_said(vocab: CatalogVocabulary) -> None:
    c = QueryUnderstander(vocab).understand("a zephra saute pan").constraints
    assert c.categories == ["Home > Kitchen"]
    assert any("zephra" in note for note in c.notes)


def test_the_makers_titles_rank_first_and_the_rest_follow(vocab: CatalogVocabulary) -> None:
    products = _shop()
    catalog = Catalog(products)
    vectors = np.random.default_rng(5).normal(size=(len(catalog), 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    catalog.vectors = vectors
    query = vectors[2].copy()  # the dense half prefers another maker's headphones
    retriever = ProductRetriever(catalog, cast(VectorStore, None), lambda text: query)
    c = QueryUnderstander(vocab).understand("zephra headphones").constraints
    found = retriever.search("zephra headphones", c)
    ranked = [m.product.id for m in rank_matches(found.matches, c, 10)]
    assert set(ranked[:2]) == {"h1", "h2"} and ranked[2:] == ["h3"]
    assert Constraints(wishes=["zephra"]).names == []
