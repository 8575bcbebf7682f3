"""A value that means "for everyone" fits a shopper who names one audience: "women's running shoes"
admits the shop's unisex running shoes (lexicon `values_also`), only where the shop's own key
has such a value and the shopper did not exclude it. A small made-up shop, normalised the way
ingest normalises every shop, read and searched without a model (fake embedder, no store)."""

from __future__ import annotations

from typing import cast

import pytest

from assistant.contracts import Constraints
from assistant.ingest.values import normalise_products
from assistant.records import Product
from assistant.retrieve.catalog import Catalog
from assistant.retrieve.explain import explain_match
from assistant.retrieve.matching import match_variant, where_clause
from assistant.retrieve.products import ProductRetriever
from assistant.storage.memory import matches
from assistant.storage.vectors import VectorStore
from assistant.understand.understander import QueryUnderstander
from assistant.understand.vocabulary import CatalogVocabulary
from tests.fakes import FakeEmbedder, product


def _shop(everyone: str = "unisex") -> list[Product]:
    raw = [
        product("r1", "Tempo Women's Road Runner", "Shoes > Running", {"gender": "women", "drop": "8 mm"}),
        product("r2", "Stride Men's Road Runner", "Shoes > Running", {"gender": "men", "drop": "8 mm"}),
        product("r3", "Pace Road Runner", "Shoes > Running", {"gender": everyone, "drop": "6 mm"}),
        product("r4", "Sprout Kids Runner", "Shoes > Running", {"gender": "kids", "drop": "4 mm"}),
        product("b1", "Ridge Men's Hiking Boot", "Shoes > Hiking", {"gender": "men", "waterproof": "yes"}),
        product("b2", "Summit Hiking Boot", "Shoes > Hiking", {"gender": everyone, "waterproof": "yes"}),
        product("t1", "Halden Women's Tee", "Clothing > T-Shirts", {"gender": "women", "fit": "regular"}),
    ]
    return normalise_products(raw)


@pytest.fixture(scope="module")
def shop() -> QueryUnderstander:
    return QueryUnderstander(CatalogVocabulary.from_products(_shop()))


def _fits(products: list[Product], c: Constraints) -> list[str]:
    return [p.id for p in products if match_variant(p, c)[0]]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("women's running shoes", ["r1", "r3"]),
        ("womens running shoes", ["r1", "r3"]),
        ("running shoes for ladies", ["r1", "r3"]),
        ("mens hiking boots", ["b1", "b2"]),
        ("men's running shoes", ["r2", "r3"]),
    ],
)
def test_a_value_for_everyone_fits_a_named_audience(
    shop: QueryUnderstander, text: str, ids: list[str]
) -> None:
    c = shop.understand(text).constraints
    assert c.attributes["gender"] in ("women", "men")
    assert c.attributes_also == {"gender": ["unisex"]}
    assert _fits(_shop(), c) == ids


def test_kids_are_not_everyone(shop: QueryUnderstander) -> None:
    c = shop.understand("kids running shoes").constraints
    assert c.attributes["gender"] == "kids"
    assert c.attributes_also == {}
    assert _fits(_shop(), c) == ["r4"]


def test_only_where_the_shop_has_such_a_value() -> None:
    """A shop whose key has no unisex value adds nothing (here its shared shoes say "all")."""
    understander = QueryUnderstander(CatalogVocabulary.from_products(_shop(everyone="all")))
    c = understander.understand("women's running shoes").constraints
    assert c.attributes["gender"] == "women"
    assert c.attributes_also == {}
    assert _fits(_shop(everyone="all"), c) == ["r1"]


def test_the_filter_and_the_reasons_take_every_accepted_value() -> None:
    c = Constraints(
        categories=["Shoes > Running"], attributes={"gender": "women"}, attributes_also={"gender": ["unisex"]}
    )
    where = where_clause(c)
    assert matches({"in_stock": True, "categories": ["Shoes > Running"], "attr_gender": "unisex"}, where)
    assert not matches({"in_stock": True, "categories": ["Shoes > Running"], "attr_gender": "men"}, where)
    products = _shop()
    catalog = Catalog(products)
    embedder = FakeEmbedder()
    catalog.vectors = embedder.embed([p.title for p in products])
    retriever = ProductRetriever(catalog, cast(VectorStore, None), lambda text: embedder.embed_query(text))
    result = retriever.search("women's running shoes", c)
    shown = {m.product.id: m for m in result.matches}
    assert sorted(shown) == ["r1", "r3"] and not result.relaxed
    assert any("unisex" in r.text for r in explain_match(shown["r3"], c, result.matches))
    # Without the further value only the women's shoe fits.
    narrow = retriever.search(
        "women's running shoes", Constraints(categories=c.categories, attributes=c.attributes)
    )
    assert [m.product.id for m in narrow.matches] == ["r1"]


def test_a_refinement_keeps_the_further_values_with_their_key() -> None:
    first = Constraints(attributes={"gender": "women"}, attributes_also={"gender": ["unisex"]})
    kept = Constraints(price_max=100.0).merged_with(first)
    assert kept.accepted("gender") == ["women", "unisex"]
    changed = Constraints(attributes={"gender": "kids"}).merged_with(first)
    assert changed.accepted("gender") == ["kids"]
    assert Constraints.from_dict(kept.to_dict()).attributes_also == {"gender": ["unisex"]}
