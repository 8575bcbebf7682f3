"""Product-line and model names typed by the shopper are hard filters on the shop's titles, and
words the shop's data never uses are said to be missing. The shop and the words are made up for
the test; none is taken from a labelled set."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

import numpy as np
import pytest

from assistant.contracts import Constraints
from assistant.records import Product
from assistant.retrieve.catalog import Catalog
from assistant.retrieve.matching import match_variant
from assistant.retrieve.products import ProductRetriever, relaxation_steps
from assistant.storage.vectors import VectorStore
from assistant.understand.names import unheard_kind, unknown_words
from assistant.understand.text import name_phrase, name_terms
from assistant.understand.understander import QueryUnderstander
from assistant.understand.vocabulary import CatalogVocabulary
from tests.fakes import product

# General English as an embedder's vocabulary would list it (the real one has ~22k whole words).
_GENERAL_TEXT = """a an the for my kid gift something nice phone lamp tray table desk charger case pad pro
max wall blue black new good cheap under with kids children watch steel classic"""
GENERAL = frozenset(_GENERAL_TEXT.split())


def _item(
    pid: str, title: str, category: str, brand: str, price: float, tags: tuple[str, ...] = ()
) -> Product:
    return product(pid, title, category, brand=brand, price=price).model_copy(update={"tags": list(tags)})


def _shop() -> list[Product]:
    return [
        _item("p1", "Skyphone 7", "Phones", "Nimbus", 300, ("phones",)),
        _item("p2", "Skyphone 9 Pro", "Phones", "Nimbus", 900, ("phones",)),
        _item("p3", "Skyphone 9", "Phones", "Nimbus", 700, ("phones",)),
        _item("p4", "Orbit Zed 5", "Phones", "Orbit", 250, ("phones",)),
        _item("p5", "Orbit Zed 6 Pro", "Phones", "Orbit", 450, ("phones",)),
        _item("a1", "Nimbus Skyphone Charger", "Accessories", "Nimbus", 30, ("chargers",)),
        _item("a2", "Nimbus Skybuds", "Accessories", "Nimbus", 150, ("earbuds",)),
        _item("a3", "Nimbus Skybuds Max", "Accessories", "Nimbus", 450, ("earbuds",)),
        _item("a4", "Wall Charger", "Accessories", "Voltro", 20, ("chargers",)),
        _item("t1", "Orbit Pad 10", "Tablets", "Orbit", 400, ("tablets",)),
        _item("t2", "Orbit Pad Mini", "Tablets", "Orbit", 300, ("tablets",)),
        _item("h1", "Table Lamp", "Home", "", 25),
        _item("h2", "Desk Lamp Blue", "Home", "Lumo", 35),
        _item("h3", "Ice Cube Tray", "Home", "", 5),
        _item("h4", "Serving Tray", "Home", "Casa", 12),
        _item("h5", "Glass Tray Lamp", "Home", "Casa", 19),
        _item("w1", "Classic Watch", "Watches", "Casa", 80, ("watches",)),
        _item("w2", "Steel Watch", "Watches", "Lumo", 120, ("watches",)),
        _item("a5", "Nimbus Skytime Watch", "Accessories", "Nimbus", 250, ("smartwatches",)),
    ]


@pytest.fixture(scope="module")
def vocab() -> CatalogVocabulary:
    return CatalogVocabulary.from_products(_shop())


@pytest.fixture(scope="module")
def shop(vocab: CatalogVocabulary) -> QueryUnderstander:
    return QueryUnderstander(vocab, general_words=GENERAL)


def test_name_terms_fold_case_plurals_possessives_and_join_model_numbers() -> None:
    assert name_terms("Nimbus SkyBuds") == ["nimbus", "skybud"]
    assert name_terms("skyphone 9 pro") == ["skyphone", "9", "pro", "skyphone9"]
    assert "skyphone9" in name_terms("Skyphone's 9")
    assert name_phrase(["skyphone", "skyphone9"]) == "skyphone 9"
    assert name_phrase(["zed", "z5"]) == "zed z5"


def test_line_words_are_a_makers_title_words_not_kinds_or_plain_words(vocab: CatalogVocabulary) -> None:
    lines = vocab.line_words
    assert {"skyphone", "skybud", "zed", "pad"} <= set(lines)
    # Plain words of titles with no single maker behind them, tag words and the brand itself.
    for word in ("lamp", "tray", "charger", "phone", "nimbus", "orbit", "blue"):
        assert word not in lines, word
    assert lines["skybud"].places == (("Accessories", "Nimbus"),)


@pytest.mark.parametrize(
    ("text", "names", "categories", "brands"),
    [
        ("a skyphone", ["skyphone"], ["Phones"], []),  # mostly phones (and a charger)
        ("skybuds", ["skybud"], ["Accessories"], []),
        ("SkyBuds", ["skybud"], ["Accessories"], []),
        ("skyphone 9", ["skyphone", "skyphone9"], ["Phones"], []),
        ("orbit pad", ["pad"], ["Tablets"], ["Orbit"]),  # the brand only when the shopper names it
    ],
)
def test_a_line_name_is_read_with_the_category_it_sits_in(
    shop: QueryUnderstander, text: str, names: list[str], categories: list[str], brands: list[str]
) -> None:
    c = shop.understand(text).constraints
    assert c.names == names
    assert c.categories == categories
    assert c.brands == brands


def test_a_named_line_outside_the_named_category_takes_its_own(shop: QueryUnderstander) -> None:
    # "watch" names the Watches category, but the Skytime watch is an accessory of its maker.
    c = shop.understand("a skytime watch").constraints
    assert c.names == ["skytime"] and c.categories == ["Accessories"]
    # Inside the named category the category stays.
    assert shop.understand("a skyphone phone").constraints.categories == ["Phones"]


def test_a_category_word_in_a_brands_titles_names_its_line_where_it_sells_none(
    shop: QueryUnderstander,
) -> None:
    # Nimbus sells no Watches, but a Nimbus title holds "watch": the maker's watch, not the category.
    c = shop.understand("a nimbus watch").constraints
    assert c.brands == ["Nimbus"] and c.names == ["watch"] and c.categories == ["Accessories"]
    # Casa does sell in Watches: the category stays the filter.
    c = shop.understand("a casa watch").constraints
    assert c.brands == ["Casa"] and c.names == [] and c.categories == ["Watches"]


def test_an_unlisted_model_of_a_named_line_is_still_the_filter(shop: QueryUnderstander) -> None:
    # No title holds "skyphone 8" or "zed z9": the model is kept (narrowest last) so nothing fits it.
    assert shop.understand("skyphone 8").constraints.names == ["skyphone", "skyphone8"]
    assert shop.understand("a zed z9").constraints.names == ["zed", "z9"]


def test_plain_title_words_are_no_names(shop: QueryUnderstander) -> None:
    for text in ("a table lamp", "ice cube tray", "a wall charger", "a cheap phone"):
        assert shop.understand(text).constraints.names == [], text


def test_a_one_title_english_word_is_no_name_but_a_coined_one_is() -> None:
    vocab = CatalogVocabulary.from_products(
        [
            _item("x1", "Nimbus Executive Chair", "Office", "Nimbus", 200),
            _item("x2", "Nimbus Quorra Stool", "Office", "Nimbus", 90),
            _item("x3", "Plain Chair", "Office", "Casa", 40),
            _item("x4", "Tall Stool", "Office", "Casa", 30),
            _item("x5", "Round Stool", "Office", "Lumo", 35),
            _item("x6", "Low Chair", "Office", "Lumo", 45),
        ]
    )
    general = GENERAL | {"executive", "chair", "stool"}
    shop = QueryUnderstander(vocab, general_words=general)
    assert shop.understand("an executive chair").constraints.names == []
    assert shop.understand("a quorra stool").constraints.names == ["quorra"]
    # Without a general vocabulary a one-title word is never a name.
    assert QueryUnderstander(vocab).understand("a quorra stool").constraints.names == []


def _retriever(products: list[Product]) -> ProductRetriever:
    catalog = Catalog(products)
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(len(catalog), 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    catalog.vectors = vectors
    query = vectors[0].copy()
    return ProductRetriever(catalog, cast(VectorStore, None), lambda text: query)


def test_names_are_a_hard_filter_and_relax_narrowest_first() -> None:
    retriever = _retriever(_shop())
    found = retriever.search("skybuds", Constraints(names=["skybud"]))
    assert {m.product.id for m in found.matches} == {"a2", "a3"} and found.relaxed == []
    # "skyphone 8": no such model; the model goes first, the line stays.
    unlisted = retriever.search("skyphone 8", Constraints(names=["skyphone", "skyphone8"]))
    assert unlisted.relaxed == ["name"]
    assert {m.product.id for m in unlisted.matches} == {"p1", "p2", "p3", "a1"}
    # No skyphone phone under $200 (even 25% over): the line goes, the other phones stay.
    cheap = retriever.search(
        "skyphone", Constraints(names=["skyphone"], categories=["Phones"], price_max=200)
    )
    assert cheap.relaxed[-1] == "name"
    assert all(m.product.title.startswith("Orbit") for m in cheap.matches)


def test_relaxation_lets_go_of_the_name_last() -> None:
    c = Constraints(names=["skyphone", "skyphone8"], colors=["black"], price_max=100)
    steps = [label for label, _ in relaxation_steps(c)]
    assert steps == ["colour", "price by 10%", "price by 25%", "name", "name"]


def test_the_columns_and_match_variant_agree_on_names() -> None:
    products = _shop()
    catalog = Catalog(products)
    for names in (["skyphone"], ["skyphone", "skyphone9"], ["pad"], ["nothing"], ["skybud", "max"]):
        c = Constraints(names=names)
        mask = catalog.facets.candidates(c)
        assert mask.tolist() == [match_variant(p, c)[0] for p in products], names


def test_a_named_line_survives_a_refinement_but_not_a_new_brand() -> None:
    before = Constraints(names=["skyphone"], categories=["Phones"])
    assert Constraints(price_max=500).merged_with(before).names == ["skyphone"]
    assert Constraints(brands=["Orbit"]).merged_with(before).names == []
    assert replace(before, names=[]).is_empty() is False  # the category still narrows


def test_words_the_shop_never_uses_are_unknown(vocab: CatalogVocabulary) -> None:
    assert unknown_words("glowberry skyphone", vocab, GENERAL) == ["glowberry"]
    # Ordinary words, lexicon words, the shop's own words and near spellings of them are known.
    assert unknown_words("a gift for my kid", vocab, GENERAL) == []
    assert unknown_words("something waterproof and comfy", vocab, GENERAL) == []
    assert unknown_words("skyphnoe", vocab, GENERAL) == []
    # Without a general vocabulary nothing is unknown.
    assert unknown_words("glowberry skyphone", vocab, None) == []


def test_the_understander_reports_unknown_words(shop: QueryUnderstander) -> None:
    u = shop.understand("glowberry earbuds")
    assert u.unknown == ["glowberry"]
    assert shop.understand("a nice gift for my kid").unknown == []


def test_a_lexicon_product_noun_the_shop_never_uses_is_not_carried(vocab: CatalogVocabulary) -> None:
    # "lego" is a general shopper noun (lexicon) that nothing in this shop says.
    assert unheard_kind("lego for kids", vocab) == "lego"
    assert unheard_kind("a lamp for kids", vocab) is None
    with_bricks = CatalogVocabulary.from_products([_item("b1", "Castle Set", "Toys", "Brix", 30, ("lego",))])
    assert unheard_kind("lego for kids", with_bricks) is None
