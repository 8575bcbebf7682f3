"""A shopper's words linked to the shop's own attribute values when the forms differ: a space for a
hyphen ("in ear"), the general word for a value ("earbuds" for "in-ear"), the words before a
collective ("storage jars" for "storage jar set"), a long value cut short ("robot" for "robotics"),
the last word of a material ("leather" of "full-grain leather"); and a value the shop does not
list ("oily hair", "case for iphone 15") kept as the filter so the answer says nothing fits. A
small made-up shop, normalised the way ingest normalises every shop."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from assistant.contracts import Constraints
from assistant.ingest.values import normalise_products
from assistant.records import Product
from assistant.retrieve.matching import match_variant, where_clause
from assistant.understand.understander import QueryUnderstander
from assistant.understand.vocabulary import CatalogVocabulary
from tests.fakes import product


def _shop() -> list[Product]:
    raw = [
        product("a1", "Pulse Sport Buds", "Audio > Headphones", {"form": "in-ear", "wireless": "yes"}),
        product("a2", "Deck Studio Headphones", "Audio > Headphones", {"form": "over-ear", "wireless": "no"}),
        product("a3", "Loop Wired Earphones", "Audio > Headphones", {"form": "in-ear", "wireless": "no"}),
        product("k1", "Pantry Storage Jar Set", "Home > Kitchen", {"type": "storage jar set"}),
        product("k2", "Copper Saucepan", "Home > Kitchen", {"type": "saucepan"}),
        product("t1", "Gearbot Robot Arm Kit", "Toys > Kits", {"theme": "robotics"}),
        product("t2", "Dumper Truck Kit", "Toys > Kits", {"theme": "vehicles"}),
        product(
            "f1",
            "Ridge Hiking Boot",
            "Shoes > Boots",
            {"material": "full-grain leather", "padding": "cushioned"},
        ),
        product(
            "f2", "Dash Road Runner", "Shoes > Running", {"material": "engineered mesh", "padding": "firm"}
        ),
        product("d1", "Woven Floor Cushion", "Home > Decor", {"material": "jute"}),
        product(
            "c1",
            "Grip Case",
            "Electronics > Phone Cases",
            {"material": "silicone"},
            [{"fits phone": "Pixel 9"}, {"fits phone": "Pixel 9 Pro"}],
        ),
        product(
            "c2",
            "Shell Case",
            "Electronics > Phone Cases",
            {"material": "plastic"},
            [{"fits phone": "Galaxy S25"}],
        ),
        product("h1", "Coil Shampoo", "Beauty > Hair", {"type": "shampoo", "hair type": "curly"}),
        product("h2", "Sleek Conditioner", "Beauty > Hair", {"type": "conditioner", "hair type": "straight"}),
        product("g1", "Camp Tent", "Outdoor > Camping", {"type": "tent", "capacity": "2 person"}),
    ]
    return normalise_products(raw)


@pytest.fixture(scope="module")
def shop() -> QueryUnderstander:
    return QueryUnderstander(CatalogVocabulary.from_products(_shop()))


def _read(shop: QueryUnderstander, text: str) -> Constraints:
    return shop.understand(text).constraints


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("in ear headphones", "in-ear"),
        ("inear headphones", "in-ear"),
        ("over ear headphones", "over-ear"),
        ("earbuds", "in-ear"),
        ("wireless earphones", "in-ear"),
    ],
)
def test_a_value_is_named_with_a_space_or_its_general_word(
    shop: QueryUnderstander, text: str, form: str
) -> None:
    c = _read(shop, text)
    assert c.attributes.get("form") == form
    assert c.categories == ["Audio > Headphones"]


def test_the_general_word_stays_in_the_search_text(shop: QueryUnderstander) -> None:
    u = shop.understand("wireless earbuds for the gym")
    assert u.constraints.attributes == {"form": "in-ear", "wireless": True}
    assert "earbuds" in u.search_text


def test_plain_headphones_name_no_form(shop: QueryUnderstander) -> None:
    assert "form" not in _read(shop, "headphones").attributes


def test_the_words_before_a_collective_name_the_value(shop: QueryUnderstander) -> None:
    c = _read(shop, "storage jars")
    assert c.attributes == {"type": "storage jar set"}
    assert c.categories == ["Home > Kitchen"]


@pytest.mark.parametrize("text", ["robot kit", "a robotic kit for my son", "robots"])
def test_a_long_value_cut_short_names_it(shop: QueryUnderstander, text: str) -> None:
    c = _read(shop, text)
    assert c.attributes.get("theme") == "robotics"
    assert c.categories == ["Toys > Kits"]


def test_a_cut_short_word_the_shop_sells_under_its_own_name_is_no_value(shop: QueryUnderstander) -> None:
    # "cushion" cuts "cushioned" short, but the shop sells a Floor Cushion: it is a product.
    assert "padding" not in _read(shop, "cushion").attributes


def test_a_cut_short_word_needs_the_value_in_the_turns_categories(shop: QueryUnderstander) -> None:
    assert "theme" not in _read(shop, "robot headphones").attributes


def test_the_last_word_of_a_material_filters_by_the_word(shop: QueryUnderstander) -> None:
    assert _read(shop, "leather boots").attributes == {"material": "leather"}
    running = _read(shop, "leather running shoes")
    assert running.attributes == {"material": "leather"} and running.categories == ["Shoes > Running"]
    boot, runner = (p for p in _shop() if p.id in ("f1", "f2"))
    assert match_variant(boot, running.__class__(attributes={"material": "leather"}))[0]
    assert not match_variant(runner, running)[0]


def test_a_word_of_a_material_matches_under_any_material_key() -> None:
    strap = product("w1", "Field Watch", "Watches", {"strap_material": "full-grain leather"})
    c = Constraints(attributes={"strap_material": "leather"})
    assert match_variant(strap, c)[0]
    assert "attr_strap_material" not in str(where_clause(c))  # the exact check decides, not `$eq`


@pytest.mark.parametrize(
    ("text", "model"), [("case for iphone 15", "iphone 15"), ("a case for my nokia x20", "nokia x20")]
)
def test_a_model_of_a_maker_the_shop_does_not_list_stays_the_filter(
    shop: QueryUnderstander, text: str, model: str
) -> None:
    c = _read(shop, text)
    assert c.attributes.get("fits_phone") == model
    assert c.categories == ["Electronics > Phone Cases"]


def test_a_listed_model_still_reads_and_a_count_is_no_model(shop: QueryUnderstander) -> None:
    assert _read(shop, "case for pixel 9 pro").attributes.get("fits_phone") == "pixel 9 pro"
    assert "fits_phone" not in _read(shop, "tent for 2 people").attributes


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("shampoo for oily hair", "oily"),
        ("shampoo for curly hair", "curly"),
        ("conditioner for frizz-prone hair", "frizz-prone"),
        ("shampoo for my hair", None),
        ("shampoo for all hair types", None),
        ("which hair type is it for", None),
    ],
)
def test_a_kind_before_the_noun_of_a_type_key(shop: QueryUnderstander, text: str, kind: str | None) -> None:
    assert _read(shop, text).attributes.get("hair_type") == kind


# --- by meaning: the embedder links a word no rule linked -------------------------------------


def _embedder(close: dict[str, tuple[str, float]]) -> Callable[[list[str]], np.ndarray]:
    """Unit vectors per text: unrelated texts are orthogonal; `close` makes a word's vector a
    given cosine away from one value's."""
    texts: dict[str, int] = {}

    def basis(text: str) -> np.ndarray:
        vector = np.zeros(64)
        vector[texts.setdefault(text, len(texts))] = 1.0
        return vector

    def embed(batch: list[str]) -> np.ndarray:
        rows = []
        for text in batch:
            if text in close:
                value, cosine = close[text]
                rows.append(cosine * basis(value) + np.sqrt(1 - cosine**2) * basis(f"own:{text}"))
            else:
                rows.append(basis(text))
        return np.stack(rows)

    return embed


def test_a_word_close_in_meaning_to_one_value_names_it_and_says_so() -> None:
    shop = QueryUnderstander(
        CatalogVocabulary.from_products(_shop()), embed=_embedder({"trucks": ("vehicles", 0.8)})
    )
    c = shop.understand("kit with trucks").constraints
    assert c.attributes.get("theme") == "vehicles"
    assert 'I searched "trucks" as vehicles.' in c.notes


@pytest.mark.parametrize(
    ("text", "close"),
    [
        ("kit with trucks", {"trucks": ("vehicles", 0.6)}),  # not close enough
        ("lorries", {"lorries": ("vehicles", 0.8)}),  # no category named: nothing to choose within
        ("headphones for trucks", {"trucks": ("vehicles", 0.8)}),  # not a value of headphones
    ],
)
def test_a_word_far_in_meaning_or_outside_the_categories_names_nothing(
    text: str, close: dict[str, tuple[str, float]]
) -> None:
    shop = QueryUnderstander(CatalogVocabulary.from_products(_shop()), embed=_embedder(close))
    assert "theme" not in shop.understand(text).constraints.attributes


def test_a_value_of_dashes_names_nothing() -> None:
    shop = QueryUnderstander(
        CatalogVocabulary.from_products(
            normalise_products(
                [product("x1", "Plain Mug", "Home > Kitchen", {"finish": "--- ---"}), *_shop()]
            )
        )
    )
    assert "finish" not in shop.understand("a mug").constraints.attributes


def test_a_word_of_the_key_or_of_the_value_itself_is_no_meaning_match() -> None:
    goods = [
        product("w1", "Desk Lamp", "Home > Lamps", {"warranty": "no warranty", "style": "industrial"}),
        product("w2", "Floor Lamp", "Home > Lamps", {"warranty": "lifetime warranty", "style": "rustic"}),
    ]
    close = {"warranty": ("no warranty", 0.9), "factory": ("industrial", 0.6)}
    shop = QueryUnderstander(
        CatalogVocabulary.from_products(normalise_products(goods)), embed=_embedder(close)
    )
    assert shop.understand("lamp with warranty").constraints.attributes == {}
