"""The vocabulary comes from whatever catalog is loaded; general tables only map onto what exists."""

from __future__ import annotations

import numpy as np

from assistant.records import Product
from assistant.understand.vocabulary import CatalogVocabulary, norm_phrase, singular
from tests.fakes import product


def catalog() -> list[Product]:
    return [
        product(
            "r1",
            "Dash Running Shoe",
            "Shoes > Running",
            {"color": "blue", "weight_g": 250},
            [{"size": "42", "color": "blue"}, {"size": "43", "color": "Navy"}],
            brand="Stride",
            price=90,
        ),
        product(
            "r2",
            "Tempo Running Shoe",
            "Shoes > Running",
            {"color": "white", "weight_g": 300},
            brand="Stride",
            price=60,
        ),
        product(
            "h1",
            "Ridge Hiking Boot",
            "Shoes > Hiking",
            {"color": "brown", "waterproof": True},
            brand="Peak",
            price=150,
        ),
        product(
            "h2",
            "Crest Hiking Boot",
            "Shoes > Hiking",
            {"color": "black", "waterproof": False},
            brand="Peak",
            price=120,
        ),
        product(
            "j1",
            "Storm Shell Jacket",
            "Clothing > Jackets",
            {"color": "green", "material": "nylon", "waterproof": True},
            [{"size": "M"}, {"size": "XL"}],
            brand="Nordwind",
            price=200,
        ),
        product(
            "t1",
            "Everyday Tee",
            "Clothing > T-Shirts",
            {"color": "beige", "material": "cotton", "machine_washable": True},
            brand="Basics",
            price=20,
        ),
    ]


def test_facets_are_collected_from_products_and_variants() -> None:
    vocab = CatalogVocabulary.from_products(catalog())
    assert set(vocab.categories) == {
        "Shoes > Running",
        "Shoes > Hiking",
        "Clothing > Jackets",
        "Clothing > T-Shirts",
    }
    assert vocab.brands == ["Basics", "Nordwind", "Peak", "Stride"]
    assert "navy" in vocab.colors and "brown" in vocab.colors  # variant colour, lower-cased
    assert vocab.sizes == ["42", "43", "M", "XL"]
    assert vocab.materials == ["cotton", "nylon"]
    assert vocab.boolean_attributes == ["machine_washable", "waterproof"]
    assert vocab.numeric_attributes["weight_g"].minimum == 250
    assert vocab.numeric_attributes["weight_g"].maximum == 300
    assert (vocab.price_min, vocab.price_max) == (20, 200)
    assert vocab.price_range(["Shoes > Hiking"]) == (120, 150)


def test_singular_and_norm_phrase() -> None:
    assert singular("shoes") == "shoe"
    assert singular("boxes") == "box"
    assert singular("accessories") == "accessory"
    assert singular("glass") == "glass"
    assert norm_phrase("T-Shirts") == "t shirt"


def test_synonyms_apply_only_onto_existing_categories() -> None:
    vocab = CatalogVocabulary.from_products(catalog())
    assert vocab.match_categories("some sneakers")[0] == ["Shoes > Running"]
    assert vocab.match_categories("a tee")[0] == ["Clothing > T-Shirts"]
    assert vocab.match_categories("a warm parka")[0] == ["Clothing > Jackets"]
    # This catalog sells no headphones: the synonym has nothing to land on.
    assert vocab.match_categories("wireless earbuds")[0] == []


def test_broad_word_narrowed_by_a_specific_one() -> None:
    vocab = CatalogVocabulary.from_products(catalog())
    assert sorted(vocab.match_categories("shoes")[0]) == ["Shoes > Hiking", "Shoes > Running"]
    assert vocab.match_categories("shoes for hiking")[0] == ["Shoes > Hiking"]
    assert vocab.match_categories("hiking boots")[0] == ["Shoes > Hiking"]


def test_title_nouns_name_categories() -> None:
    vocab = CatalogVocabulary.from_products(catalog())
    # "boot" is not a category name; it comes from the titles of the hiking products.
    assert vocab.category_terms["boot"] == ["Shoes > Hiking"]


def test_misspelled_category() -> None:
    vocab = CatalogVocabulary.from_products(catalog())
    assert vocab.match_categories("jakets")[0] == ["Clothing > Jackets"]


def test_near_colours_map_only_into_existing_colours_with_a_note() -> None:
    vocab = CatalogVocabulary.from_products(catalog())
    cream = vocab.match_color("cream")
    assert cream.colors == ["beige", "white"] and not cream.exact
    assert cream.note == 'I searched "cream" as beige and white.'
    teal = vocab.match_color("teal")
    assert teal.colors == ["blue", "green"]
    assert vocab.match_color("navy").exact  # navy exists here, so it is no substitute
    assert vocab.match_color("gold").colors == []  # no yellow in this catalog
    assert vocab.match_color("balck").colors == ["black"]


def test_brand_and_size_matching() -> None:
    vocab = CatalogVocabulary.from_products(catalog())
    assert vocab.match_brand("nordwnd") == "Nordwind"
    assert vocab.match_brand("zzz") is None
    assert vocab.match_size("xl") == "XL"
    assert vocab.match_size("10") is None


def test_embedding_fallback_uses_the_given_embedder() -> None:
    vocab = CatalogVocabulary.from_products(catalog())
    names = {"jacket": np.array([1.0, 0.0]), "other": np.array([0.0, 1.0])}

    def embed(texts: list[str]) -> np.ndarray:
        return np.stack(
            [names["jacket"] if "jacket" in t or "anorak" in t else names["other"] for t in texts]
        )

    assert vocab.categories_by_embedding("anorak", embed) == ["Clothing > Jackets"]
    assert vocab.categories_by_embedding("", embed) == []


def test_empty_catalog() -> None:
    vocab = CatalogVocabulary.from_products([])
    assert vocab.categories == {} and vocab.price_max == 0.0
    assert vocab.match_categories("shoes")[0] == []
