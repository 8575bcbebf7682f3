"""Products from a Shopify product CSV export: one row per variant, grouped by Handle."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from assistant.ingest.errors import ImportResult, RowError
from assistant.ingest.rows import bad_utf8
from assistant.ingest.textio import load_lines, read_csv_records
from assistant.ingest.validate import (
    FirstSeen,
    RowRejected,
    check_length,
    clean_description,
    head_noun,
    parse_price,
    rejection_from_validation,
)
from assistant.records import MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS, Attributes, AttrValue, Product, Variant

REQUIRED_COLUMNS = ("Handle", "Title", "Variant Price")
OPTION_SLOTS = (1, 2, 3)
# Shopify writes this option for products that have a single variant and no real options.
DEFAULT_OPTION = ("title", "Default Title")
VARIANT_COLUMNS = ("Variant SKU", "Variant Price", "Option1 Value", "Option2 Value", "Option3 Value")
_SCHEMA_TO_COLUMN = {"id": "Handle", "title": "Title", "description": "Body (HTML)", "price": "Variant Price"}


@dataclass
class _Row:
    line: int
    values: dict[str, str]
    valid_utf8: bool

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()


@dataclass
class _Handle:
    handle: str
    rows: list[_Row] = field(default_factory=list)


def option_attribute_name(option_name: str) -> str:
    """ "Size" -> size, "Colour" -> color: the attribute names the rest of the assistant filters on."""
    name = "_".join(option_name.strip().lower().split())
    return {"colour": "color"}.get(name, name)


def read_shopify_products(path: Path, currency: str = "USD") -> ImportResult[Product]:
    """``currency`` is the shop's currency: Shopify exports prices without one."""
    result: ImportResult[Product] = ImportResult()
    lines = load_lines(path, result)
    if lines is None:
        return result
    header, records = read_csv_records(lines, ",")
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        result.file_error(path.name, f"not a Shopify product export: missing column(s) {', '.join(missing)}")
        return result
    handles: dict[str, _Handle] = {}
    for record in records:
        result.rows_read += 1
        row = _Row(record.line, record.values, record.valid_utf8)
        handle = row.get("Handle") or row.get("Variant SKU")
        if not handle:
            result.errors.append(RowError(path.name, row.line, "Handle", "is missing"))
            continue
        handles.setdefault(handle, _Handle(handle)).rows.append(row)
    seen_skus = FirstSeen("Variant SKU")
    for group in handles.values():
        product = _build(group, path.name, currency, seen_skus, result)
        if product is not None:
            result.records.append(product)
    # Products are built per handle, so errors arrive out of file order; the report reads top to bottom.
    result.errors.sort(key=lambda error: error.line)
    return result


def _is_unpublished(row: _Row) -> bool:
    return row.get("Published").lower() == "false" or row.get("Status").lower() in {"draft", "archived"}


def _build(
    group: _Handle, file: str, currency: str, seen_skus: FirstSeen, result: ImportResult[Product]
) -> Product | None:
    main: _Row | None = None
    duplicate_lines: set[int] = set()
    for row in group.rows:
        if not row.get("Title"):
            continue
        if main is None:
            main = row
        else:  # a second product row for the same handle, not a continuation row
            message = f"duplicate id {group.handle!r} (first seen on line {main.line})"
            result.errors.append(RowError(file, row.line, "Handle", message))
            duplicate_lines.add(row.line)
    first = group.rows[0]
    if main is None:
        result.errors.append(RowError(file, first.line, "Title", "is missing"))
        return None
    if _is_unpublished(main):
        result.skipped += 1
        return None
    try:
        if not main.valid_utf8:
            raise bad_utf8()
        title = check_length(main.get("Title"), "Title", MAX_TITLE_CHARS)
        body = clean_description(main.get("Body (HTML)"))
        description = check_length(body, "Body (HTML)", MAX_DESCRIPTION_CHARS)
    except RowRejected as exc:
        result.errors.append(RowError(file, main.line, exc.field, exc.message))
        return None
    option_names = [option_attribute_name(main.get(f"Option{slot} Name")) for slot in OPTION_SLOTS]
    variants: list[tuple[Variant, float | None]] = []
    for row in group.rows:
        if row.line in duplicate_lines:
            continue
        if not any(row.get(column) for column in VARIANT_COLUMNS):
            continue  # an extra-image row
        try:
            variants.append(_variant(row, group.handle, len(variants) + 1, option_names, seen_skus))
        except RowRejected as exc:
            result.errors.append(RowError(file, row.line, exc.field, exc.message))
    if not variants:
        group_lines = {row.line for row in group.rows}
        if not any(error.line in group_lines for error in result.errors):
            message = "the product has no variant rows"
            result.errors.append(RowError(file, main.line, "Variant Price", message))
        return None
    cheapest, compare_at = min(variants, key=lambda pair: pair[0].price or 0.0)
    attributes = _shared_attributes([variant for variant, _ in variants])
    if compare_at is not None and cheapest.price is not None and compare_at > cheapest.price:
        attributes["compare_at_price"] = compare_at
    image_url = next((row.get("Image Src") for row in group.rows if row.get("Image Src")), "")
    single_plain = len(variants) == 1 and not variants[0][0].attributes
    try:
        return Product(
            id=group.handle,
            title=title,
            description=description,
            # The shop's own Type names its products in its words; Shopify's Product Category is a
            # generic taxonomy path; with neither, the title's noun keeps the product findable by kind.
            category=main.get("Type") or main.get("Product Category") or head_noun(title),
            brand=main.get("Vendor"),
            price=cheapest.price if cheapest.price is not None else 0.0,
            currency=currency,
            attributes=attributes,
            variants=[] if single_plain else [variant for variant, _ in variants],
            in_stock=any(variant.in_stock for variant, _ in variants),
            tags=[tag.strip() for tag in main.get("Tags").split(",") if tag.strip()],
            image_url=image_url,
            url=f"/products/{group.handle}",
        )
    except ValidationError as exc:
        rejected = rejection_from_validation(exc)
        column = _SCHEMA_TO_COLUMN.get(rejected.field, rejected.field)
        result.errors.append(RowError(file, main.line, column, rejected.message))
        return None


def _variant(
    row: _Row, handle: str, position: int, option_names: list[str], seen_skus: FirstSeen
) -> tuple[Variant, float | None]:
    if not row.valid_utf8:
        raise bad_utf8()
    if not row.get("Variant Price"):
        raise RowRejected("Variant Price", "is missing")
    price = parse_price(row.get("Variant Price"), "Variant Price")
    compare_raw = row.get("Variant Compare At Price")
    compare_at = parse_price(compare_raw, "Variant Compare At Price") if compare_raw else None
    quantity_raw = row.get("Variant Inventory Qty")
    if quantity_raw:
        try:
            quantity = int(float(quantity_raw))
        except ValueError:
            raise RowRejected("Variant Inventory Qty", f"{quantity_raw!r} is not a whole number") from None
        # "continue" lets shoppers order when the count reaches zero, so the item is still buyable.
        in_stock = quantity > 0 or row.get("Variant Inventory Policy").lower() == "continue"
    else:
        in_stock = True  # inventory not tracked
    attributes: Attributes = {}
    for slot, name in zip(OPTION_SLOTS, option_names, strict=True):
        value = row.get(f"Option{slot} Value")
        if name and value and (name, value) != DEFAULT_OPTION:
            attributes[name] = value
    sku = row.get("Variant SKU")
    variant_id = sku or f"{handle}-{position}"
    if sku:
        seen_skus.claim(sku, row.line)
    return Variant(id=variant_id, attributes=attributes, price=price, in_stock=in_stock), compare_at


def _shared_attributes(variants: list[Variant]) -> dict[str, AttrValue]:
    """Options with one value across all variants describe the product itself (e.g. every size is blue)."""
    shared: dict[str, AttrValue] = {}
    for name, value in variants[0].attributes.items():
        if all(variant.attributes.get(name) == value for variant in variants):
            shared[name] = value
    return shared
