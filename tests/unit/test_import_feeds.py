"""Shopify product export and Google Merchant Center feed importers, and format detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.detect import detect_product_format, read_products
from assistant.ingest.gmc import read_gmc_products
from assistant.ingest.shopify import option_attribute_name, read_shopify_products

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
SHOPIFY_HEADER = (
    "Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,"
    "Variant SKU,Variant Inventory Qty,Variant Price\n"
)
GMC_HEADER = "id\ttitle\tprice\tavailability\titem_group_id\tsize\n"


def test_shopify_export_groups_rows_by_handle() -> None:
    result = read_shopify_products(FIXTURES / "shopify_products.csv")

    assert result.errors == []
    assert result.rows_read == 8
    assert [product.id for product in result.records] == ["trailrunner-2", "canvas-tote", "merino-beanie"]
    shoe, tote, beanie = result.records
    assert shoe.title == "TrailRunner 2 Running Shoe"
    assert shoe.description == (
        "A lightweight trail shoe.\n- Breathable mesh upper\n- Grippy outsole & rock plate"
    )
    # The shop's own Type wins over Shopify's generic Product Category taxonomy.
    assert (shoe.brand, shoe.category) == ("Stride", "Running Shoes")
    assert shoe.tags == ["lightweight", "trail", "running"]
    assert shoe.url == "/products/trailrunner-2"
    assert shoe.image_url == "https://cdn.example.com/tr2-blue.jpg"
    assert [(v.id, v.attributes, v.price, v.in_stock) for v in shoe.variants] == [
        ("TR2-42-BLU", {"size": "42", "color": "Blue"}, 89.0, True),
        ("TR2-42-BLK", {"size": "42", "color": "Black"}, 89.0, False),
        ("TR2-43-BLU", {"size": "43", "color": "Blue"}, 95.0, True),
        ("TR2-43-BLK", {"size": "43", "color": "Black"}, 85.0, True),
    ]
    assert shoe.price == 85.0  # the lowest variant price
    assert shoe.in_stock
    # The single-variant product keeps no "Default Title" option.
    assert (tote.price, tote.variants, tote.attributes, tote.category) == (24.5, [], {}, "Bags")
    assert "Colour" not in beanie.variants[0].attributes
    assert [v.attributes["color"] for v in beanie.variants] == ["Grey", "Navy"]
    assert not beanie.in_stock  # every variant has zero inventory


def test_shopify_compare_at_price_of_the_cheapest_variant_is_kept_only_when_higher() -> None:
    shoe = read_shopify_products(FIXTURES / "shopify_products.csv").records[0]

    # The cheapest variant (TR2-43-BLK) has no compare-at price; TR2-42-BLU's 110 does not apply.
    assert "compare_at_price" not in shoe.attributes


@pytest.mark.parametrize(
    ("option", "attribute"),
    [("Size", "size"), ("Colour", "color"), ("Color", "color"), ("Shoe Width", "shoe_width")],
)
def test_option_names_become_attribute_names(option: str, attribute: str) -> None:
    assert option_attribute_name(option) == attribute


def test_shopify_bad_rows_are_reported_and_the_rest_import(tmp_path: Path) -> None:
    path = tmp_path / "products_export.csv"
    path.write_text(
        SHOPIFY_HEADER
        + "hat,Hat,<p>Hat</p>,V,Hats,,TRUE,Size,S,HAT-S,1,20.00\n"
        + "hat,,,,,,,,M,HAT-M,1,abc\n"  # bad continuation row: the variant goes, the product stays
        + "scarf,Scarf,,V,,,TRUE,Title,Default Title,SCARF,1,-3\n"  # its only variant is bad
        + "hat,Hat again,,V,,,TRUE,Size,L,HAT-L,1,22\n"  # a second product row for the same handle
        + "draft,Draft,,V,,,FALSE,Title,Default Title,DRAFT,1,9\n"  # unpublished: skipped, not an error
        + "mug,Mug,,V,,,TRUE,Title,Default Title,HAT-S,1,9\n"  # SKU already used
        + ",,,,,,,,,,,\n"
    )

    result = read_shopify_products(path)

    assert [(p.id, [v.id for v in p.variants]) for p in result.records] == [("hat", ["HAT-S"])]
    assert result.records[0].variants[0].attributes == {"size": "S"}
    assert result.records[0].price == 20.0
    messages = [str(error) for error in result.errors]
    assert messages[0] == "products_export.csv:3: Variant Price: 'abc' is not a number"
    assert messages[1].startswith("products_export.csv:4: Variant Price: '-3' is negative")
    assert messages[2] == "products_export.csv:5: Handle: duplicate id 'hat' (first seen on line 2)"
    assert messages[3] == "products_export.csv:7: Variant SKU: duplicate id 'HAT-S' (first seen on line 2)"
    assert len(messages) == 4
    assert result.skipped == 1


def test_a_csv_without_shopify_columns_is_refused_as_shopify(tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    path.write_text("id,title,price\na,A,1\n")

    result = read_shopify_products(path)

    assert result.records == []
    assert "missing column(s) Handle, Title, Variant Price" in str(result.errors[0])


@pytest.mark.parametrize("name", ["gmc_feed.tsv", "gmc_feed.xml"])
def test_gmc_feed_groups_items_by_item_group_id(name: str) -> None:
    result = read_gmc_products(FIXTURES / name)

    assert result.errors == []
    assert result.rows_read == 3
    assert [product.id for product in result.records] == ["TR2", "RAIN-1"]
    shoe, jacket = result.records
    assert shoe.title == "TrailRunner 2"
    assert shoe.description == "Light trail shoe with mesh upper."
    assert (shoe.category, shoe.brand, shoe.currency) == ("Shoes > Running", "Stride", "USD")
    assert [(v.id, v.attributes["size"], v.price, v.in_stock) for v in shoe.variants] == [
        ("TR2-42", "42", 79.0, True),  # the sale price applies
        ("TR2-43", "43", 89.0, False),
    ]
    assert shoe.price == 79.0
    assert shoe.attributes == {
        "color": "blue",
        "material": "mesh",
        "gender": "unisex",
        "compare_at_price": 89.0,
    }
    assert shoe.in_stock
    assert shoe.image_url == "https://cdn.example.com/tr2.jpg"
    assert jacket.variants == []
    assert (jacket.price, jacket.in_stock, jacket.attributes["availability"]) == (149.0, False, "preorder")
    assert jacket.attributes["size"] == "M"
    assert jacket.url == "https://shop.example.com/p/rain-1"


def test_gmc_bad_items_are_reported_and_the_rest_import(tmp_path: Path) -> None:
    path = tmp_path / "feed.tsv"
    path.write_text(
        GMC_HEADER
        + "s-1\tSock - S\t5.00 USD\tin stock\tSOCK\tS\n"
        + "s-2\tSock - M\t5.00 dollars\tin stock\tSOCK\tM\n"
        + "s-3\tSock - L\t6.00 USD\tsold out\tSOCK\tL\n"
        + "s-1\tSock again\t5.00 USD\tin stock\t\t\n"
        + "s-4\t\t5.00 USD\tin stock\t\t\n"
        + "s-5\tSock - XL\t6.00 EUR\tin stock\tSOCK\tXL\n"
    )

    result = read_gmc_products(path)

    assert [(p.id, [v.id for v in p.variants]) for p in result.records] == [("SOCK", ["s-1"])]
    errors = {error.line: error for error in result.errors}
    assert (errors[3].field, "unknown currency 'dollars'" in errors[3].message) == ("price", True)
    assert errors[4].field == "availability"
    assert str(errors[5]) == "feed.tsv:5: id: duplicate id 's-1' (first seen on line 2)"
    assert str(errors[6]) == "feed.tsv:6: title: is missing"
    assert errors[7].field == "price" and "EUR" in errors[7].message
    assert len(errors) == 5


def test_gmc_xml_bad_bytes_reject_only_that_item(tmp_path: Path) -> None:
    text = (FIXTURES / "gmc_feed.xml").read_bytes()
    path = tmp_path / "feed.xml"
    path.write_bytes(text.replace(b"Waterproof shell.", b"Waterproof \xff shell."))

    result = read_gmc_products(path)

    assert [product.id for product in result.records] == ["TR2"]
    # An item's errors name the line its <item> opens on.
    assert [(error.field, error.line) for error in result.errors] == [("encoding", 44)]


def test_gmc_xml_that_breaks_midway_keeps_earlier_items_and_is_marked_incomplete(tmp_path: Path) -> None:
    text = (FIXTURES / "gmc_feed.xml").read_text()
    path = tmp_path / "feed.xml"
    path.write_text(text.replace("<g:title>StormShell Rain Jacket</g:title>", "<g:title>Storm</g:titel>"))

    result = read_gmc_products(path)

    assert [product.id for product in result.records] == ["TR2"]
    assert result.errors[0].field == "xml" and result.errors[0].line == 46
    assert not result.complete


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("shopify_products.csv", "shopify"),
        ("gmc_feed.tsv", "gmc"),
        ("gmc_feed.xml", "gmc"),
        ("catalog_mixed.jsonl", "jsonl"),
        ("catalog_mixed.csv", "csv"),
    ],
)
def test_auto_detection_picks_the_importer(name: str, expected: str) -> None:
    assert detect_product_format(FIXTURES / name) == expected


def test_auto_detects_a_gmc_feed_saved_as_txt_by_its_header(tmp_path: Path) -> None:
    path = tmp_path / "feed.txt"
    path.write_text(GMC_HEADER + "s-1\tSock\t5.00 USD\tin_stock\t\t\n")

    assert detect_product_format(path) == "gmc"
    assert [product.id for product in read_products(path).records] == ["s-1"]


def test_explicit_format_overrides_detection() -> None:
    result = read_products(FIXTURES / "shopify_products.csv", fmt="csv")

    # Read as the plain CSV format, a Shopify export has no id/price columns: every row is rejected.
    assert result.records == []
    assert {error.field for error in result.errors} == {"id"}
