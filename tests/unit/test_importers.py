"""Own-format product importers (JSONL, CSV) and the row validation every importer shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.detect import read_products
from assistant.ingest.errors import ImportResult, RowError
from assistant.ingest.validate import RowRejected, html_to_text, parse_money, parse_price
from assistant.records import Product

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"

# (line, field, words the message must contain) for each bad row in catalog_mixed.jsonl
JSONL_BAD_ROWS = [
    (3, "id", "missing"),
    (4, "title", "missing"),
    (5, "price", "missing"),
    (6, "price", "'abc' is not a number"),
    (7, "price", "negative"),
    (8, "currency", "'dollars'"),
    (9, "json", "not valid JSON"),
    (10, "id", "first seen on line 1"),
    (11, "title", "301 characters"),
    (12, "description", "5001 characters"),
    (13, "encoding", "UTF-8"),
    (14, "rating", "'high'"),
]
# catalog_mixed.csv holds the same cases one line further down (line 1 is the header, sku-1 spans 2-3).
CSV_BAD_ROWS = [(line + 2, field, words) for line, field, words in JSONL_BAD_ROWS]
CSV_BAD_ROWS[6] = (11, "variants", "not valid JSON")
CSV_BAD_ROWS[7] = (12, "id", "first seen on line 2")


def _errors_by_line(result: ImportResult[Product]) -> dict[int, RowError]:
    return {error.line: error for error in result.errors}


@pytest.mark.parametrize(
    ("name", "bad_rows"), [("catalog_mixed.jsonl", JSONL_BAD_ROWS), ("catalog_mixed.csv", CSV_BAD_ROWS)]
)
def test_each_bad_row_is_named_by_file_line_and_field_and_good_rows_survive(
    name: str, bad_rows: list[tuple[int, str, str]]
) -> None:
    result = read_products(FIXTURES / name)

    assert [product.id for product in result.records] == ["sku-1", "sku-2", "sku-3"]
    errors = _errors_by_line(result)
    assert sorted(errors) == [line for line, _, _ in bad_rows]
    for line, field, words in bad_rows:
        error = errors[line]
        assert (error.file, error.field) == (name, field), str(error)
        assert words in error.message, str(error)
        assert str(error).startswith(f"{name}:{line}: {field}: ")
    assert result.rows_read == 15
    assert result.rejected == 12
    assert result.complete


@pytest.mark.parametrize("name", ["catalog_mixed.jsonl", "catalog_mixed.csv"])
def test_good_rows_carry_every_field(name: str) -> None:
    products = {product.id: product for product in read_products(FIXTURES / name).records}

    shoe = products["sku-1"]
    assert shoe.title == "TrailRunner 2 Running Shoe"
    assert (shoe.price, shoe.currency) == (89.0, "USD")
    assert (shoe.category, shoe.brand) == ("Shoes > Running", "Stride")
    assert shoe.attributes == {"color": "blue", "waterproof": False}
    assert [(v.id, v.attributes, v.price, v.in_stock) for v in shoe.variants] == [
        ("sku-1-42", {"size": "42"}, 89.0, True),
        ("sku-1-43", {"size": "43"}, None, False),
    ]
    assert (shoe.rating, shoe.review_count) == (4.6, 312)
    assert "lightweight" in shoe.tags
    # "$1,299.00" and a lower-case currency are normalised, not rejected.
    assert (products["sku-2"].price, products["sku-2"].currency) == (1299.0, "USD")
    assert (products["sku-3"].price, products["sku-3"].currency) == (12.5, "EUR")


def test_csv_splits_tags_and_keeps_multiline_descriptions() -> None:
    shoe = read_products(FIXTURES / "catalog_mixed.csv").records[0]

    assert shoe.tags == ["lightweight", "trail"]
    assert shoe.description == "Light trail shoe.\nBreathable mesh."
    assert (shoe.image_url, shoe.url) == ("https://cdn.example.com/1.jpg", "/p/sku-1")


def test_csv_accepts_a_json_attributes_column(tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    path.write_text('id,title,price,attributes,tags\nb-1,Boot,120,"{""color"": ""brown"", ""size"": 9}",\n')

    result = read_products(path)

    assert result.errors == []
    assert result.records[0].attributes == {"color": "brown", "size": 9}
    assert result.records[0].tags == []


def test_a_binary_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "catalog.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))

    result = read_products(path)

    assert result.records == []
    assert len(result.errors) == 1
    assert "not a text file" in str(result.errors[0])
    assert result.errors[0].file == "catalog.jsonl"
    assert not result.complete


@pytest.mark.parametrize("content", [b"", b"\n  \n"])
def test_an_empty_file_gives_no_records_and_one_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "catalog.csv"
    path.write_bytes(content)

    result = read_products(path)

    assert result.records == []
    assert [str(error) for error in result.errors] == ["catalog.csv: the file is empty"]
    assert not result.complete


def test_a_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    result = read_products(tmp_path / "nope.jsonl")

    assert "file not found" in str(result.errors[0])
    assert not result.complete


def test_utf16_spreadsheet_export_imports(tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    path.write_bytes("id,title,price\nc-1,Café Mug,12\n".encode("utf-16"))

    result = read_products(path)

    assert result.errors == []
    assert result.records[0].title == "Café Mug"


def test_a_byte_order_mark_does_not_hide_the_first_column(tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    path.write_bytes(b"\xef\xbb\xbfid,title,price\r\nm-1,Mug,8\r\n")

    assert [product.id for product in read_products(path).records] == ["m-1"]


def test_a_json_line_that_is_not_an_object_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "catalog.jsonl"
    path.write_text('[1, 2]\n{"id": "a", "title": "A", "price": 1}\n')

    result = read_products(path)

    assert [product.id for product in result.records] == ["a"]
    assert str(result.errors[0]) == "catalog.jsonl:1: json: expected a JSON object, got list"


def test_variant_errors_name_the_variant_field(tmp_path: Path) -> None:
    path = tmp_path / "catalog.jsonl"
    path.write_text('{"id": "a", "title": "A", "price": 1, "variants": [{"id": "a-1", "price": "cheap"}]}\n')

    error = read_products(path).errors[0]

    assert (error.line, error.field) == (1, "variants.0.price")
    assert "'cheap' is not a number" in error.message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("89", 89.0), ("$1,299.00", 1299.0), (" 12.5 ", 12.5), ("€7", 7.0), (3, 3.0), ("0", 0.0)],
)
def test_parse_price_normalises(raw: object, expected: float) -> None:
    assert parse_price(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "12,5", "1,2,3", "-1", "nan", "inf", True, "", None, "1.2.3"])
def test_parse_price_rejects(raw: object) -> None:
    with pytest.raises(RowRejected) as caught:
        parse_price(raw)
    assert caught.value.field == "price"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("89.00 USD", (89.0, "USD")),
        ("USD 89.00", (89.0, "USD")),
        ("89.00", (89.0, None)),
        ("5 eur", (5.0, "EUR")),
    ],
)
def test_parse_money_reads_feed_prices(raw: str, expected: tuple[float, str | None]) -> None:
    assert parse_money(raw) == expected


@pytest.mark.parametrize("raw", ["89.00 dollars", "89.00 US Dollars", "", "abc USD"])
def test_parse_money_rejects_unknown_currency_formats(raw: str) -> None:
    with pytest.raises(RowRejected):
        parse_money(raw)


def test_html_to_text_keeps_structure_and_drops_scripts() -> None:
    markup = "<p>Soft &amp; warm.</p><ul><li>Wool</li><li>Hand wash</li></ul><script>alert(1)</script>"

    assert html_to_text(markup) == "Soft & warm.\n- Wool\n- Hand wash"
