"""Questions about a shown item's attributes are answered from its data for any key the shop has
(matched exact, normalised or fuzzy), or "not listed"; never with the price when something else
was asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.compose.replies import packaged_replies
from assistant.dialogue.skills.compare import compare_table
from assistant.dialogue.skills.product_question import answer_about
from assistant.records import Product, Variant
from assistant.retrieve.attribute_questions import match_asked_key
from assistant.retrieve.catalog import Catalog

ROOT = Path(__file__).resolve().parents[2]
SAY = packaged_replies().voice("test")

SHOP = Catalog(
    [
        Product(
            id="laptop", title="Aero 14 Laptop", category="Electronics > Laptops", price=999.0,
            attributes={"Storage": "1TB SSD", "RAM": "32GB", "Weight": "1.34 kg", "Waterproof": "no"},
        ),
        Product(
            id="watch", title="Trail Watch", category="Electronics > Watches", price=199.0,
            attributes={"strap material": "silicone", "waterproof": "yes", "battery life": "14 days"},
            variants=[Variant(id="watch-s", attributes={"size": "S", "color": "black"}),
                      Variant(id="watch-l", attributes={"size": "L", "color": "olive"})],
        ),
        Product(id="mug", title="Camp Mug", category="Outdoor > Kitchen", price=12.0,
                attributes={"volume": "350 ml", "material": "enamel steel"}),
    ]
)  # fmt: skip


def ask(product_id: str, message: str, asked: str | None = None) -> tuple[str, bool]:
    product = SHOP.get(product_id)
    assert product is not None
    return answer_about(product, None, asked, message, SAY, SHOP.attribute_keys)


@pytest.mark.parametrize(
    ("product_id", "message", "expected"),
    [
        ("laptop", "how much storage does the first one have?", "1TB SSD"),
        ("laptop", "how much RAM does it have", "32GB"),
        ("laptop", "how heavy is it?", "1.34 kg"),
        ("watch", "what's the strap made of?", "silicone"),
        ("watch", "how long does the battery last?", "14 days"),
        ("watch", "is it waterprof?", "Yes"),
        ("laptop", "is it waterproof?", "No"),
        ("mug", "what is it made of", "enamel steel"),
        ("mug", "how much does it hold?", "350 ml"),
        ("watch", "what sizes does it come in?", "S, L"),
        ("watch", "which colours?", "black, olive"),
    ],
)
def test_an_attribute_question_is_answered_from_the_items_data(
    product_id: str, message: str, expected: str
) -> None:
    # The understanding's hint may be the price concept ("how much ..."); the shop's keys win.
    answer, found = ask(product_id, message, asked="price" if "how much" in message else None)
    assert found and expected in answer, answer
    assert "$" not in answer


def test_a_key_the_shop_has_but_the_item_lacks_is_not_listed_never_another_fact() -> None:
    answer, found = ask("mug", "what's the strap made of?")
    assert not found and "strap material" in answer and "Camp Mug" in answer
    assert "enamel" not in answer and "$" not in answer
    answer, found = ask("mug", "how much storage does it have?", asked="price")
    assert not found and "storage" in answer.lower() and "$" not in answer


def test_the_price_is_the_answer_only_when_the_price_is_asked() -> None:
    answer, found = ask("mug", "how much is it?", asked="price")
    assert found and "$12" in answer


def test_the_longest_label_named_wins_and_the_items_own_key_breaks_ties() -> None:
    keys = {"material": "material", "strap_material": "strap material", "waterproof": "waterproof",
            "waterproof_rating_mm": "waterproof rating"}  # fmt: skip
    assert match_asked_key("what is the strap material", keys) == "strap_material"
    assert match_asked_key("is it waterproof", keys) == "waterproof"
    assert match_asked_key("what's its waterproof rating", keys) == "waterproof_rating_mm"
    assert match_asked_key("does it ship tomorrow", keys) is None


def test_every_key_of_the_reshaped_store_can_be_asked_by_its_label() -> None:
    lines = (ROOT / "knowledge" / "stores" / "reshaped" / "catalog.jsonl").read_text(encoding="utf-8")
    catalog = Catalog([Product.model_validate(json.loads(x)) for x in lines.splitlines() if x.strip()])
    for product in catalog.products[:40]:
        for key in product.attributes:
            label = catalog.attribute_keys[key]
            answer, found = answer_about(
                product, None, None, f"what about the {label}?", SAY, catalog.attribute_keys
            )
            assert found, (product.id, key, answer)
            assert "$" not in answer or "$" in str(product.attributes[key]), answer


def test_a_comparison_shows_values_as_the_shop_wrote_them() -> None:
    rows: list[tuple[Product, Variant | None]] = [(p, None) for p in SHOP.products[:2]]
    table = compare_table(rows)
    assert "1.34 kg" in table and "1340" not in table and "silicone" in table
