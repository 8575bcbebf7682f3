"""The general importer: any flat JSON array or CSV through a field mapping, with the usual field
names found on their own; the format registry's sniffing; Shopify categories and descriptions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.ingest.detect import detect_product_format, read_products
from assistant.ingest.mapped import parse_mapping, read_mapped_products
from assistant.ingest.shopify import read_shopify_products

ROWS = [
    {"sku": "m-1", "name": "Walnut Desk Lamp", "cost": "$49.00", "type": "Lighting", "vendor": "Lumo",
     "quantity": 3, "thumbnail": "https://img.example/1.jpg", "finish": "oiled", "wattage": 40},
    {"sku": "m-2", "name": "Brass Floor Lamp", "cost": 129, "type": "Lighting", "vendor": "Lumo",
     "quantity": 0, "thumbnail": ["https://img.example/2.jpg"], "finish": "brushed", "wattage": 60},
]  # fmt: skip


def test_a_json_array_with_the_usual_names_imports_without_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "products.json"
    path.write_text(json.dumps(ROWS, indent=2))

    assert detect_product_format(path) == "json"
    result = read_products(path)

    assert result.errors == []
    lamp, floor = result.records
    assert (lamp.id, lamp.title, lamp.price, lamp.category, lamp.brand) == (
        "m-1", "Walnut Desk Lamp", 49.0, "Lighting", "Lumo",
    )  # fmt: skip
    assert lamp.in_stock and not floor.in_stock  # quantity 0
    assert floor.image_url == "https://img.example/2.jpg"
    assert lamp.attributes == {"finish": "oiled", "wattage": 40}  # the shop's own keys


def test_an_object_wrapping_the_product_list_is_read(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"products": ROWS, "total": 2}))

    assert [p.id for p in read_products(path).records] == ["m-1", "m-2"]


def test_an_explicit_map_names_the_fields_of_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text("ref,label,amount,dept,left\nx1,Oak Stool,35.5,Seating,2\nx2,Pine Bench,80,Seating,0\n")

    assert detect_product_format(path) == "mapped"
    result = read_products(path, mapping="id=ref,title=label,price=amount,category=dept,stock=left")

    assert result.errors == []
    assert [(p.id, p.title, p.price, p.category, p.in_stock) for p in result.records] == [
        ("x1", "Oak Stool", 35.5, "Seating", True),
        ("x2", "Pine Bench", 80.0, "Seating", False),
    ]


def test_a_yaml_mapping_file_and_bad_mappings(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("title: label\nprice: amount\n")
    assert parse_mapping(str(mapping)) == {"title": "label", "price": "amount"}
    with pytest.raises(ValueError, match="unknown field"):
        parse_mapping("colour=col")
    with pytest.raises(ValueError, match="target=source"):
        parse_mapping("title")


def test_a_row_without_title_or_price_is_rejected_by_name(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps([{"name": "Lamp"}, {"name": "Bulb", "price": 3}]))

    result = read_mapped_products(path)

    assert [p.title for p in result.records] == ["Bulb"]
    assert [(e.line, e.field) for e in result.errors] == [(1, "price")]


def test_html_is_cleaned_and_placeholder_text_is_not_evidence(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    rows = [{"id": "a", "name": "Mug", "price": 5,
             "description": "<p>Stoneware mug.</p><p>Lorem ipsum dolor sit amet, consectetur adipiscing.</p>"}]  # fmt: skip
    path.write_text(json.dumps(rows))

    assert read_mapped_products(path).records[0].description == "Stoneware mug."


def test_the_native_formats_are_still_sniffed_as_before() -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "import"
    assert detect_product_format(fixtures / "catalog_mixed.csv") == "csv"
    assert detect_product_format(fixtures / "catalog_mixed.jsonl") == "jsonl"


SHOPIFY_HEADER = "Handle,Title,Body (HTML),Vendor,Product Category,Type,Variant Price\n"


@pytest.mark.parametrize(
    ("category_cells", "expected"),
    [
        ("Apparel > Bags,Totes", "Totes"),  # the shop's Type first
        ("Apparel > Bags,", "Apparel > Bags"),  # then Shopify's Product Category
        (",", "Tote"),  # then the title's head noun
    ],
)
def test_shopify_category_falls_back_from_type(tmp_path: Path, category_cells: str, expected: str) -> None:
    path = tmp_path / "shopify.csv"
    path.write_text(
        SHOPIFY_HEADER
        + f"canvas,Canvas Market Tote,<p>Lorem ipsum dolor sit amet.</p>,V,{category_cells},20\n"
    )

    product = read_shopify_products(path).records[0]

    assert product.category == expected
    assert product.description == ""
