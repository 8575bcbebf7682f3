"""Category reading on a flat catalog whose category names are not the shopper's nouns: the shop's
own titles, tags and category names say where a product word belongs. The shop and sentences are
made up for the test; none is taken from a labelled set."""

from __future__ import annotations

import pytest

from assistant.records import Product
from assistant.understand.understander import QueryUnderstander
from assistant.understand.vocabulary import CatalogVocabulary
from tests.fakes import product


def _item(pid: str, title: str, category: str, tags: tuple[str, ...] = ()) -> Product:
    return product(pid, title, category).model_copy(update={"tags": list(tags)})


def _shop() -> list[Product]:
    return [
        _item("g1", "Coil Garden Hose", "Garden Tools", ("watering",)),
        _item("g2", "Pruning Shears", "Garden Tools", ("garden tools",)),
        _item("g3", "Leaf Rake", "Garden Tools"),
        _item("p1", "Rope Dog Leash Red", "Pet Supplies", ("dogs",)),
        _item("p2", "Cat Scratching Post Red", "Pet Supplies"),
        _item("p3", "Travel Crate For Women", "Pet Supplies"),
        _item("p4", "Cosy Pet Bed For Women", "Pet Supplies"),
        _item("m1", "Cellphone Grip Stand", "Mobile Accessories"),
        _item("m2", "Car Vent Mount", "Mobile Accessories"),
        _item("a1", "Clip-on Lens Hood", "Camera Accessories"),
        _item("a2", "Lens Cleaning Kit", "Camera Accessories"),
        _item("s1", "Pixelon 8 Smartphone", "Smartphones"),
        _item("s2", "Nimbus X Smartphone", "Smartphones"),
        _item("t1", "Slate 10 Tablet", "Tablets"),
        _item("t2", "Slate 12 Tablet", "Tablets"),
        _item("h1", "Oscillating Table Fan", "Home Appliances"),
        _item("h2", "Table Heater", "Home Appliances"),
        _item("h3", "Dress Red Shoes For Women", "Womens Shoes"),
    ]


@pytest.fixture(scope="module")
def shop() -> QueryUnderstander:
    return QueryUnderstander(CatalogVocabulary.from_products(_shop()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a garden hose", ["Garden Tools"]),  # a title word, no category named "hoses"
        ("a watering can", ["Garden Tools"]),  # a tag word
        ("pruning shears under 40", ["Garden Tools"]),
        ("a rake", ["Garden Tools"]),
        ("garden stuff", ["Garden Tools"]),  # the modifier word of a category's name
        ("pet things", ["Pet Supplies"]),
        ("a leash for my dog", ["Pet Supplies"]),
    ],
)
def test_product_word_without_category_name_reads_the_category_from_the_shop(
    shop: QueryUnderstander, text: str, expected: list[str]
) -> None:
    assert shop.understand(text).constraints.categories == expected


def test_a_word_no_title_or_tag_carries_leaves_no_category(shop: QueryUnderstander) -> None:
    assert shop.understand("a surfboard").constraints.categories == []
    # The purpose after "for" is not the product: "dog" sits in Pet Supplies, a surfboard nowhere.
    assert shop.understand("a surfboard for my dog").constraints.categories == []


def test_colour_and_audience_words_ending_titles_name_no_category(shop: QueryUnderstander) -> None:
    vocab = shop.vocab
    # "... Red" and "... For Women" end titles in one category, yet name none.
    assert "red" not in vocab.category_terms
    assert "women" not in vocab.category_terms
    assert "red" not in vocab.word_categories and "women" not in vocab.word_categories


def test_modifier_of_a_broad_head_picks_the_head_category_its_texts_sit_in(shop: QueryUnderstander) -> None:
    # "cellphone" alone names Smartphones (a general synonym), but with the broad head "accessories"
    # the shop's titles put cellphone things among Mobile Accessories.
    assert shop.understand("cellphone accessories").constraints.categories == ["Mobile Accessories"]
    assert shop.understand("a cellphone").constraints.categories == ["Smartphones"]


def test_a_word_the_shop_uses_is_not_a_misspelling_of_a_category(shop: QueryUnderstander) -> None:
    # "table" is one edit from "tablet", but the shop's own titles use "table".
    assert shop.understand("a table fan").constraints.categories == ["Home Appliances"]
    assert shop.understand("a tablet").constraints.categories == ["Tablets"]


# --- brands, negations and values in the shop's own spelling -----------------------------------


def _wordy_shop() -> list[Product]:
    def item(pid: str, title: str, category: str, brand: str, ships: str) -> Product:
        return product(pid, title, category, {"dispatch": ships}, brand=brand)

    return [
        item("w1", "Canvas Runner", "Mens Shoes", "Dusty Rose", "Dispatched within 2 weeks"),
        item("w2", "Court Classic", "Mens Shoes", "Tallow", "Leaves the warehouse tomorrow"),
        item("w3", "Slim Notebook 14", "Laptops", "Tallow", "Dispatched within 2 weeks"),
        item("w4", "Studio Notebook 16", "Laptops", "Brightwork", "Leaves the warehouse tomorrow"),
    ]


@pytest.fixture(scope="module")
def wordy() -> QueryUnderstander:
    return QueryUnderstander(CatalogVocabulary.from_products(_wordy_shop()))


def test_a_brand_of_several_words_is_not_read_as_its_colour_words(wordy: QueryUnderstander) -> None:
    # "dusty rose" is a general near colour; here it is only a brand (no product is listed in it).
    c = wordy.understand("dusty rose shoes").constraints
    assert c.brands == ["Dusty Rose"] and c.colors == [] and c.wishes == []


@pytest.mark.parametrize(
    "text", ["a laptop that isn't a Tallow", "laptops but not a Tallow", "laptops, not a Tallow"]
)
def test_a_negated_brand_after_an_article_is_excluded(wordy: QueryUnderstander, text: str) -> None:
    c = wordy.understand(text).constraints
    assert c.exclude_brands == ["Tallow"] and c.brands == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("shoes that leave the warehouse tomorrow", "leaves the warehouse tomorrow"),
        ("a laptop dispatching within 2 weeks", "dispatched within 2 weeks"),
        ("laptops dispatched within 2 weeks", "dispatched within 2 weeks"),
    ],
)
def test_a_value_of_several_words_reads_with_its_words_inflected(
    wordy: QueryUnderstander, text: str, value: str
) -> None:
    assert wordy.understand(text).constraints.attributes.get("dispatch") == value


def test_a_brands_line_name_is_no_category(wordy: QueryUnderstander) -> None:
    # "court" sits only in a Tallow shoe's title; with the brand named it is the brand's line name,
    # and the shopper asked for the brand, not for shoes only.
    c = wordy.understand("tallow court").constraints
    assert c.brands == ["Tallow"] and c.categories == []
    assert wordy.understand("a court classic").constraints.categories == ["Mens Shoes"]


def test_a_well_known_product_word_inside_titles_is_carried() -> None:
    # "Mascara" sits in the middle of the title, never at its end, but its tags say what it is.
    vocab = CatalogVocabulary.from_products(
        [
            _item("m1", "Lash Mascara Volume Princess", "Beauty", ("beauty", "mascara")),
            _item("m2", "Lipstick Mirror Compact", "Beauty"),
        ]
    )
    assert vocab.uncarried_noun("mascara") is None
    # A title's modifier is no product: a lipstick mirror is not a lipstick.
    assert vocab.uncarried_noun("a lipstick") == "lipstick"
