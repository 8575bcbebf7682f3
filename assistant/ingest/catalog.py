"""Products from the project's own formats: JSONL (one object per line) and CSV with the same columns."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.ingest.errors import ImportResult
from assistant.ingest.rows import CsvRow, add_row, iter_rows
from assistant.ingest.validate import (
    FirstSeen,
    RowRejected,
    check_length,
    optional_text,
    parse_bool,
    parse_currency,
    parse_price,
    rejection_from_validation,
    required_text,
)
from assistant.records import MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS, AttrValue, Product

JSON_COLUMNS = ("attributes", "variants", "reviews")
ATTRIBUTE_PREFIX = "attributes."


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _normalise_variants(raw: object) -> list[Any]:
    if not isinstance(raw, list):
        raise RowRejected("variants", "must be a list of variant objects")
    variants: list[Any] = []
    for index, variant in enumerate(raw):
        if not isinstance(variant, dict):
            raise RowRejected(f"variants.{index}", "must be an object with id, attributes, price, in_stock")
        variant = dict(variant)
        variant["id"] = required_text(variant, "id", f"variants.{index}.id")
        if _is_blank(variant.get("price")):
            variant.pop("price", None)
        else:
            variant["price"] = parse_price(variant["price"], f"variants.{index}.price")
        variants.append(variant)
    return variants


def build_product(data: Mapping[str, Any]) -> Product:
    """A validated Product from a mapping in the DESIGN.md shape; raises RowRejected naming the field."""
    fields = {name: value for name, value in data.items() if not _is_blank(value)}
    fields["id"] = required_text(data, "id")
    fields["title"] = check_length(required_text(data, "title"), "title", MAX_TITLE_CHARS)
    if _is_blank(data.get("price")):
        raise RowRejected("price", "is missing")
    fields["price"] = parse_price(data["price"])
    if "currency" in fields:
        fields["currency"] = parse_currency(fields["currency"])
    if "description" in fields:
        fields["description"] = check_length(
            optional_text(data, "description"), "description", MAX_DESCRIPTION_CHARS
        )
    if "variants" in fields:
        fields["variants"] = _normalise_variants(fields["variants"])
    if "in_stock" in fields:
        fields["in_stock"] = parse_bool(fields["in_stock"], "in_stock")
    try:
        return Product.model_validate(fields)
    except ValidationError as exc:
        raise rejection_from_validation(exc) from None


def read_jsonl_products(path: Path) -> ImportResult[Product]:
    return _read(path)


def read_csv_products(path: Path) -> ImportResult[Product]:
    """CSV with the JSONL field names; ``attributes.<name>`` columns, JSON ``variants``, comma tags."""
    return _read(path)


def _read(path: Path) -> ImportResult[Product]:
    result: ImportResult[Product] = ImportResult()
    seen = FirstSeen()
    for line, row in iter_rows(path, result):
        if isinstance(row, CsvRow):
            row = _unflatten_csv_row(row)
        add_row(result, path.name, line, row, build_product, seen, lambda product: product.id)
    return result


def _csv_attribute(value: str) -> AttrValue:
    lowered = value.strip().lower()
    if lowered in {"true", "false"}:
        return lowered == "true"
    return value.strip()


def _json_cell(name: str, value: str) -> Any:
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise RowRejected(name, f"is not valid JSON ({exc.msg} at column {exc.colno})") from None


def _unflatten_csv_row(row: CsvRow) -> Mapping[str, Any] | RowRejected:
    fields: dict[str, Any] = {}
    attributes: dict[str, Any] = {}
    try:
        for name, value in row.items():
            if _is_blank(value):
                continue
            if name.startswith(ATTRIBUTE_PREFIX):
                attributes[name[len(ATTRIBUTE_PREFIX) :]] = _csv_attribute(value)
            elif name in JSON_COLUMNS:
                fields[name] = _json_cell(name, value)
            elif name == "tags":
                fields[name] = (
                    _json_cell(name, value)
                    if value.lstrip().startswith("[")
                    else [tag.strip() for tag in value.split(",") if tag.strip()]
                )
            else:
                fields[name] = value
    except RowRejected as exc:
        return exc
    if attributes:
        if not isinstance(fields.get("attributes", {}), dict):
            return RowRejected("attributes", "must be a JSON object")
        fields["attributes"] = {**fields.get("attributes", {}), **attributes}
    return fields
