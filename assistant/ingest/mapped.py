"""Products from any flat catalog: a JSON array (or an object holding one), JSONL or CSV whose
columns have the shop's own names, read through a field mapping.

The mapping says which source field fills which product field: ``title=name,price=cost`` or a YAML
file of ``target: source`` pairs. Fields it does not name are found by their usual names (name or
title, cost or price, type or category, vendor or brand, stock/quantity/in_stock, image or
thumbnail, sku or id); the remaining short scalar fields become the product's attributes, under
the shop's own keys. These are names of catalog *fields*, the same in every shop, not of values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from assistant.ingest.catalog import build_product
from assistant.ingest.errors import ImportResult
from assistant.ingest.rows import Row, add_row, iter_rows
from assistant.ingest.validate import (
    FirstSeen,
    RowRejected,
    clean_description,
    head_noun,
    parse_bool,
)
from assistant.records import AttrValue, Product

# Product field -> the usual source names for it, most specific first (compared without case,
# spaces, dashes or underscores).
USUAL_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "sku", "productid", "itemid", "handle", "code", "variantsku"),
    "title": ("title", "name", "productname", "producttitle", "itemname"),
    "description": ("description", "bodyhtml", "body", "details", "longdescription", "summary"),
    "category": ("category", "type", "producttype", "productcategory", "department", "categories"),
    "brand": ("brand", "vendor", "manufacturer", "make", "maker"),
    "price": ("price", "cost", "saleprice", "unitprice", "amount", "variantprice"),
    "currency": ("currency", "currencycode"),
    "stock": (
        "instock",
        "stock",
        "quantity",
        "qty",
        "inventory",
        "stockquantity",
        "availability",
        "available",
    ),
    "image_url": ("imageurl", "image", "thumbnail", "img", "picture", "images", "imagesrc"),
    "url": ("url", "link", "permalink", "producturl"),
    "rating": ("rating", "stars", "averagerating", "reviewscore"),
    "review_count": ("reviewcount", "reviewscount", "numreviews", "ratingcount"),
    "tags": ("tags", "keywords", "labels"),
}
TARGETS = tuple(USUAL_NAMES)
MAX_ATTRIBUTE_CHARS = 60  # longer text is prose, not a filterable value
_OUT_OF_STOCK = re.compile(r"\b(?:out of stock|sold out|unavailable|discontinued|backorder)\b", re.I)


def _squash(name: str) -> str:
    return re.sub(r"[\s_\-.]+", "", name.strip().lower())


def parse_mapping(spec: str | None) -> dict[str, str]:
    """``"title=name,price=cost"`` or a path to a YAML/JSON mapping file -> {target: source}."""
    if not spec:
        return {}
    path = Path(spec)
    if path.suffix.lower() in {".yaml", ".yml", ".json"}:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(raw, dict):
            raise ValueError(f"{spec}: a mapping file holds 'target: source' pairs")
        pairs = {str(k).strip(): str(v).strip() for k, v in raw.items()}
    else:
        pairs = {}
        for part in spec.split(","):
            if not part.strip():
                continue
            target, sep, source = part.partition("=")
            if not sep or not target.strip() or not source.strip():
                raise ValueError(f"--map {part.strip()!r}: write target=source, e.g. title=name")
            pairs[target.strip()] = source.strip()
    unknown = [t for t in pairs if t not in TARGETS and t != "in_stock" and not t.startswith("attributes.")]
    if unknown:
        raise ValueError(f"--map: unknown field(s) {', '.join(unknown)}; known: {', '.join(TARGETS)}")
    return {("stock" if t == "in_stock" else t): s for t, s in pairs.items()}


def resolve_columns(columns: list[str], mapping: Mapping[str, str]) -> dict[str, str]:
    """{target: source column} from the explicit mapping, then the usual names for the rest."""
    by_squashed = {_squash(c): c for c in columns}
    resolved: dict[str, str] = {}
    for target, source in mapping.items():
        column = source if source in columns else by_squashed.get(_squash(source))
        if column is not None:
            resolved[target] = column
    taken = set(resolved.values())
    for target, names in USUAL_NAMES.items():
        if target in resolved:
            continue
        for name in names:
            column = by_squashed.get(name)
            if column is not None and column not in taken:
                resolved[target] = column
                taken.add(column)
                break
    return resolved


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _stock(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value > 0
    text = str(value).strip()
    if re.fullmatch(r"-?\d+(\.\d+)?", text):
        return float(text) > 0
    if _OUT_OF_STOCK.search(text):
        return False
    try:
        return parse_bool(text, "in_stock")
    except RowRejected:
        return True  # "in stock", "available", "limited": words of a buyable item


def _attribute(value: Any) -> AttrValue | None:
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, str) and value.strip() and len(value.strip()) <= MAX_ATTRIBUTE_CHARS:
        return value.strip()
    return None


def map_row(row: Mapping[str, Any], columns: dict[str, str]) -> dict[str, Any]:
    """A row with the shop's field names -> a mapping in the project's product shape."""
    used = set(columns.values())
    fields: dict[str, Any] = {}
    for target, column in columns.items():
        value = row.get(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if target.startswith("attributes."):
            continue
        if target == "stock":
            fields["in_stock"] = _stock(value)
        elif target == "image_url":
            fields["image_url"] = str(_first(value))
        elif target == "description":
            fields["description"] = clean_description(str(value))
        elif target == "category":
            fields["category"] = " > ".join(map(str, value)) if isinstance(value, list) else str(value)
        elif target == "tags":
            fields["tags"] = [
                str(t).strip() for t in (value if isinstance(value, list) else str(value).split(","))
            ]
        else:
            fields[target] = value
    if "id" not in fields and fields.get("title"):
        # No id column: the title's slug, stable across re-imports of the same file.
        fields["id"] = re.sub(r"[^a-z0-9]+", "-", str(fields["title"]).lower()).strip("-")
    if not fields.get("category") and fields.get("title"):
        fields["category"] = head_noun(str(fields["title"]))
    attributes: dict[str, AttrValue] = {}
    for target, column in columns.items():
        if target.startswith("attributes.") and (value := _attribute(row.get(column))) is not None:
            attributes[target.removeprefix("attributes.")] = value
    for column, raw in row.items():
        if column in used or column.startswith("_"):
            continue
        value = _attribute(raw)
        if value is not None:
            attributes.setdefault(column.strip(), value)
    if attributes:
        fields["attributes"] = attributes
    return fields


def _json_records(path: Path, result: ImportResult[Product]) -> Iterator[tuple[int, Row]]:
    """Records of a JSON array file, or of the one list of objects a JSON object holds."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        result.file_error(path.name, f"not a readable JSON file ({exc})")
        return
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        data = lists[0] if len(lists) == 1 else None
    if not isinstance(data, list):
        result.file_error(path.name, "expected a JSON array of product objects (or an object holding one)")
        return
    for number, item in enumerate(data, start=1):
        yield number, item if isinstance(item, dict) else RowRejected("json", "expected a JSON object")


def is_json_document(path: Path, head: str) -> bool:
    """A whole-file JSON array (or an object wrapping one), not one value per line: its first
    line does not parse on its own (pretty-printed), or it is the only line and holds an array."""
    text = head.lstrip()
    if not text.startswith(("[", "{")):
        return False
    lines = [line for line in text.splitlines() if line.strip()]
    try:
        first = json.loads(lines[0])
    except json.JSONDecodeError:
        return True
    if len(lines) > 1:
        return False  # several values, one a line: JSONL
    if isinstance(first, list):
        return True
    # One object on one line: a record (JSONL) unless it only wraps a list of records.
    wraps = isinstance(first, dict) and any(
        isinstance(v, list) and v and isinstance(v[0], dict) for v in first.values()
    )
    is_record = isinstance(first, dict) and any(
        _squash(k) in USUAL_NAMES["title"] + ("id", "price") for k in first
    )
    return wraps and not is_record


def read_mapped_products(path: Path, mapping: Mapping[str, str] | str | None = None) -> ImportResult[Product]:
    """Products from a flat JSON array, JSONL or CSV through a field mapping (see module doc)."""
    explicit = parse_mapping(mapping) if isinstance(mapping, str) or mapping is None else dict(mapping)
    result: ImportResult[Product] = ImportResult()
    head = path.read_text(encoding="utf-8-sig", errors="replace")[:4096] if path.exists() else ""
    rows = _json_records(path, result) if is_json_document(path, head) else iter_rows(path, result)
    seen = FirstSeen()
    # JSON records need not share keys: columns are resolved per key set (a CSV has one).
    resolved: dict[frozenset[str], dict[str, str]] = {}
    for line, row in rows:
        mapped: Row = row
        if not isinstance(row, RowRejected):
            keys = frozenset(row.keys())
            if keys not in resolved:
                resolved[keys] = resolve_columns(list(row.keys()), explicit)
            mapped = map_row(row, resolved[keys])
        add_row(result, path.name, line, mapped, build_product, seen, lambda product: product.id)
    return result
