"""Two classes found on the reshaped store (issue 14), on a made-up shop: a contracted verb's
"not" ("that aren't waterproof") negates a yes/no facet; a plural facet value ("dinosaurs") is
named in the singular too."""

from __future__ import annotations

import pytest

from assistant.ingest.values import normalise_products
from assistant.records import Product
from assistant.understand.understander import QueryUnderstander
from assistant.understand.vocabulary import CatalogVocabulary
from tests.fakes import product


def _shop() -> list[Product]:
    raw = [
        product("p1", "Harbor Kite", "Toys > Kites", {"Theme": "sea creatures", "Waterproof": "yes"}),
        product("p2", "Meadow Kite", "Toys > Kites", {"Theme": "birds", "Waterproof": "no"}),
        product("p3", "Comet Kite", "Toys > Kites", {"Theme": "planets", "Waterproof": "yes"}),
    ]
    return normalise_products(raw)


@pytest.fixture(scope="module")
def shop() -> QueryUnderstander:
    return QueryUnderstander(CatalogVocabulary.from_products(_shop()))


@pytest.mark.parametrize(
    "text", ["kites that aren't waterproof", "a kite that isn't waterproof", "kites that arent waterproof"]
)
def test_a_contracted_not_negates_a_yes_no_facet(shop: QueryUnderstander, text: str) -> None:
    flags = shop.understand(text).constraints.attributes
    assert flags.get("waterproof") is False


def test_a_plain_yes_no_facet_still_reads_as_wanted(shop: QueryUnderstander) -> None:
    assert shop.understand("waterproof kites").constraints.attributes.get("waterproof") is True


@pytest.mark.parametrize(("text", "value"), [("a planet kite", "planets"), ("bird kite", "birds")])
def test_a_plural_value_is_named_in_the_singular(shop: QueryUnderstander, text: str, value: str) -> None:
    assert shop.understand(text).constraints.attributes.get("theme") == value


def test_the_plural_itself_still_reads(shop: QueryUnderstander) -> None:
    assert shop.understand("planets kite").constraints.attributes.get("theme") == "planets"
