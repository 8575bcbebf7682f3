"""A word of the shop's attribute values that never ends a title describes a product, it does not
name one: alone it picks no category. The shop and sentences are made up for the test."""

from __future__ import annotations

from assistant.records import Product
from assistant.understand.understander import QueryUnderstander
from assistant.understand.vocabulary import CatalogVocabulary
from tests.fakes import product


def _item(pid: str, title: str, category: str, attributes: dict[str, str]) -> Product:
    return product(pid, title, category).model_copy(update={"attributes": attributes})


def _understander() -> QueryUnderstander:
    shop = [
        _item("t1", "Harbour Long Sleeve Tee", "Tops", {"sleeve": "long"}),
        _item("t2", "Quay Long Sleeve Tee", "Tops", {"sleeve": "long"}),
        _item("t3", "Pier Short Sleeve Tee", "Tops", {"sleeve": "short"}),
        _item("k1", "Bramble Wool Scarf", "Knitwear", {"material": "wool"}),
        _item("k2", "Thicket Wool Scarf", "Knitwear", {"material": "wool"}),
        _item("b1", "Drift Canvas Tote", "Bags", {"material": "canvas"}),
    ]
    return QueryUnderstander(CatalogVocabulary.from_products(shop))


def test_a_describing_word_alone_picks_no_category() -> None:
    und = _understander()
    for message in ("how long is your warranty?", "how long does delivery take?", "is it wool or not?"):
        assert und.understand(message).constraints.categories == [], message


def test_product_nouns_still_pick_their_category() -> None:
    und = _understander()
    assert und.understand("a tee with long sleeves").constraints.categories == ["Tops"]
    assert und.understand("a warm scarf").constraints.categories == ["Knitwear"]
