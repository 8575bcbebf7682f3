"""Attribute values normalised once (ingest/values.py): booleans, measures with units, spaced keys;
filters run on the normal form, and items read in the shop's own words."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.contracts import Constraints
from assistant.ingest.values import (
    canonical_key,
    describe_on,
    normalise_products,
    parse_measure,
    variant_label,
)
from assistant.records import Product, Variant
from assistant.retrieve.catalog import Catalog
from assistant.retrieve.explain import explain_match
from assistant.retrieve.matching import match_variant
from assistant.retrieve.products import Match

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("7 ft", 2133.6, "mm"),
        ("25ft", 7620.0, "mm"),
        ("1.8 kg", 1800.0, "g"),
        ("1819g", 1819.0, "g"),
        ("30 L", 30000.0, "ml"),
        ("500ml", 500.0, "ml"),
        ("20000mAh", 20000.0, "mah"),
        ("26,800 mAh", 26800.0, "mah"),
        ("1TB SSD", 1000.0, "gb"),
        ("32GB", 32.0, "gb"),
        ("80%", 80.0, "pct"),
        ("2-piece", 2.0, "pieces"),
        ("7h", 7.0, "hours"),
        ("-10 °C", -10.0, "c"),
    ],
)
def test_measures_become_a_value_in_the_base_unit_with_the_text_kept(
    text: str, value: float, unit: str
) -> None:
    measure = parse_measure(text)
    assert measure is not None
    assert measure.value == pytest.approx(value) and measure.unit == unit and measure.text == text


@pytest.mark.parametrize(
    "text", ["3-5 days", "2 x AA", "3 in 1 charger", "4+", "IPX5", "6 mm drivers give clear vocals"]
)
def test_what_is_not_one_measure_stays_text(text: str) -> None:
    assert parse_measure(text) is None


def _product(pid: str, attrs: dict[str, Any], variants: list[Variant] | None = None, **extra: Any) -> Product:
    return Product(
        id=pid, title=extra.pop("title", f"Item {pid}"), category=extra.pop("category", "Gear > Tents"),
        price=extra.pop("price", 100.0), attributes=attrs, variants=variants or [], **extra,
    )  # fmt: skip


SHOP = [
    _product("a", {"Waterproof": "Yes", "Weight": "1.34 kg", "strap material": "leather", "pack": "1"}),
    _product("b", {"Waterproof": "no", "Weight": "980g", "strap material": "nylon", "pack": "0"}),
    _product("c", {"Waterproof": "TRUE", "Weight": "2 lbs", "Length": "7 ft", "pack": "1"}),
    _product("d", {"waterproof": "n", "weight_g": 455, "Length": "25ft"},
             [Variant(id="d-10", attributes={"size": "10", "fill": "synthetic", "insulated": "Y"})]),
    _product("e", {"size": "80%", "color": "0"}),
]  # fmt: skip


def test_booleans_any_spelling_become_bools_but_a_key_of_only_1_and_0_stays_a_count() -> None:
    products = normalise_products(SHOP)
    assert [p.attributes["waterproof"] for p in products[:4]] == [True, False, True, False]
    assert products[3].variants[0].attributes["insulated"] is True
    assert [p.attributes["pack"] for p in products[:3]] == [1, 0, 1]  # counts, not flags


def test_measures_and_spaced_keys_get_one_canonical_key_with_the_shops_words_kept() -> None:
    a, b, c, d, e = normalise_products(SHOP)
    assert a.attributes["weight_g"] == pytest.approx(1340.0) and b.attributes["weight_g"] == 980.0
    assert c.attributes["weight_g"] == pytest.approx(907.18474)
    assert a.attribute_texts["weight_g"] == "1.34 kg" and "weight_g" not in a.attribute_labels
    assert a.attributes["strap_material"] == "leather" and canonical_key("Strap Material") == "strap_material"
    assert c.attributes["length_mm"] == pytest.approx(2133.6) and d.attributes["length_mm"] == pytest.approx(
        7620
    )
    assert d.attributes["weight_g"] == 455 and "weight_g" not in d.attribute_texts  # a numeric key as it was
    assert e.attributes == {"size": "80%", "color": "0"}
    usb = normalise_products([_product("f", {"USB-C ports": "2"})])[0]
    assert usb.attributes == {"usb_c_ports": 2} and usb.attribute_labels == {
        "usb_c_ports": "USB-C ports"
    }  # sizes and colours are labels, never numbers


def test_normalising_is_idempotent_and_leaves_the_demo_stores_measures_alone() -> None:
    once = normalise_products(SHOP)
    twice = normalise_products(once)
    assert twice == once and all(x is y for x, y in zip(twice, once, strict=True))
    lines = (ROOT / "knowledge" / "catalog.jsonl").read_text(encoding="utf-8").splitlines()
    demo = [Product.model_validate(json.loads(x)) for x in lines if x.strip()]
    for before, after in zip(demo, normalise_products(demo), strict=True):
        for key, value in before.attributes.items():
            if isinstance(value, bool | int | float):
                assert after.attributes[key] == value and type(after.attributes[key]) is type(value)


def test_filters_and_vocabulary_run_on_the_normal_form() -> None:
    catalog = Catalog(SHOP)
    ids = lambda c: [p.id for p in catalog.products if match_variant(p, c)[0]]  # noqa: E731
    assert ids(Constraints(attributes={"waterproof": True})) == ["a", "c"]
    assert ids(Constraints(ranges={"weight_g": (None, 1000.0)})) == ["b", "c", "d"]
    assert ids(Constraints(ranges={"length_mm": (2000.0, 2500.0)})) == ["c"]
    assert ids(Constraints(attributes={"strap_material": "nylon"})) == ["b"]
    vocab = catalog.vocabulary
    assert "waterproof" in vocab.boolean_attributes and "insulated" in vocab.boolean_attributes
    assert {"weight_g", "length_mm"} <= set(vocab.numeric_attributes)
    assert "strap_material" in vocab.text_attributes


def test_an_item_reads_in_the_shops_words_never_as_bare_yes() -> None:
    catalog = Catalog(SHOP)
    d = catalog.get("d")
    assert d is not None
    assert variant_label(d.variants[0]) == "size 10, synthetic, insulated"
    a = catalog.get("a")
    assert a is not None
    assert describe_on(a, "weight_g") == "weight 1.34 kg" and describe_on(a, "waterproof") == "waterproof"
    match = Match(a, None, 1.0, 0.0, 0.0)
    reasons = [r.text for r in explain_match(match, Constraints(ranges={"weight_g": (None, 1500.0)},
                                                               attributes={"waterproof": True}), [match])]  # fmt: skip
    assert "weight 1.34 kg" in reasons and "waterproof" in reasons
    assert not any(r.endswith(" yes") or "1340" in r for r in reasons)


def test_the_reshaped_store_filters_on_its_string_values() -> None:
    lines = (
        (ROOT / "knowledge" / "stores" / "reshaped" / "catalog.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    raw = [json.loads(x) for x in lines if x.strip()]
    catalog = Catalog([Product.model_validate(r) for r in raw])
    said_yes = {r["id"] for r in raw if str(r["attributes"].get("waterproof", "")).lower() in ("yes", "true")}
    found = {
        p.id for p in catalog.products if match_variant(p, Constraints(attributes={"waterproof": True}))[0]
    }
    available = {p.id for p in catalog.products if match_variant(p, Constraints())[0]}
    assert said_yes and found == said_yes & available
    for product in catalog.products:
        for key, value in product.attributes.items():
            assert " " not in key
            assert not (isinstance(value, str) and value.lower() in ("yes", "no", "true", "false"))


def test_import_normalises_before_indexing_and_the_record_round_trips() -> None:
    from assistant.ingest.errors import ImportResult
    from assistant.ingest.sync import _merge_products

    merged = _merge_products([ImportResult(records=list(SHOP[:2])), ImportResult(records=list(SHOP[2:]))])
    a = merged.records[0]
    assert a.attributes["waterproof"] is True and a.attribute_texts["weight_g"] == "1.34 kg"
    assert Product.model_validate_json(a.model_dump_json()) == a
    untouched = Product(id="z", title="Z", price=1.0, attributes={"weight_g": 5})
    assert "attribute_texts" not in untouched.model_dump()  # unchanged records serialise as before
