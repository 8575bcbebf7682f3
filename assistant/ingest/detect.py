"""Which product importer a file needs: a small registry of catalog formats, each with a sniff
(extension and first bytes) and a reader. The first format whose sniff accepts the file reads it;
a flat file in none of the known shapes goes to the field-mapping importer (assistant/ingest/mapped.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assistant.ingest.catalog import read_csv_products, read_jsonl_products
from assistant.ingest.errors import ImportResult
from assistant.ingest.gmc import read_gmc_products
from assistant.ingest.mapped import is_json_document, read_mapped_products
from assistant.ingest.shopify import read_shopify_products
from assistant.ingest.textio import looks_binary
from assistant.records import Product

ProductFormat = Literal["auto", "jsonl", "csv", "json", "mapped", "shopify", "gmc"]
Detected = Literal["jsonl", "csv", "json", "mapped", "shopify", "gmc"]
# The project's own product fields: a file that has them is in the native JSONL/CSV shape.
NATIVE_FIELDS = {"title", "price"}
_SNIFF_BYTES = 65536
GMC_MARKERS = ("item_group_id", "availability", "image_link", "g:id", "g:price")


def _head(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            sample = handle.read(_SNIFF_BYTES)
    except OSError:
        return ""
    if looks_binary(sample):
        return ""
    return sample.decode("utf-8", errors="replace").lstrip("\ufeff")


@dataclass(frozen=True)
class Sample:
    """What a sniff looks at: the extension, the first non-empty line and the opening bytes."""

    suffix: str
    head: str
    first_line: str

    @property
    def columns(self) -> set[str]:
        return {c.strip().strip('"').lower() for c in self.first_line.replace("\t", ",").split(",")}

    @property
    def first_object_keys(self) -> set[str] | None:
        try:
            data = json.loads(self.first_line)
        except json.JSONDecodeError:
            return None
        return {str(k).lower() for k in data} if isinstance(data, dict) else None


Reader = Callable[[Path, str | None], ImportResult[Product]]


@dataclass(frozen=True)
class CatalogFormat:
    name: Detected
    sniff: Callable[[Sample], bool]
    read: Reader


def _is_jsonl(s: Sample) -> bool:
    return s.suffix in {".jsonl", ".ndjson", ".json"} or s.first_line.startswith("{")


def _native_jsonl(s: Sample) -> bool:
    keys = s.first_object_keys
    # A line that does not parse is still read as JSONL, so its error names the line.
    return _is_jsonl(s) and (keys is None or keys >= NATIVE_FIELDS or "variants" in keys)


def _gmc_tabular(s: Sample) -> bool:
    return s.suffix == ".tsv" or any(m in s.columns for m in GMC_MARKERS) or "g:" in s.first_line


def _native_csv(s: Sample) -> bool:
    return (
        s.columns >= NATIVE_FIELDS
        or "variants" in s.columns
        or any(c.startswith("attributes.") for c in s.columns)
    )


# Most specific first; "mapped" takes any flat file nothing before it claimed.
FORMATS: tuple[CatalogFormat, ...] = (
    CatalogFormat(
        "gmc", lambda s: s.suffix == ".xml" or s.first_line.startswith("<"), lambda p, m: read_gmc_products(p)
    ),
    CatalogFormat("json", lambda s: is_json_document(Path(), s.head), read_mapped_products),
    CatalogFormat("jsonl", _native_jsonl, lambda p, m: read_jsonl_products(p)),
    CatalogFormat(
        "shopify", lambda s: {"handle", "variant price"} <= s.columns, lambda p, m: read_shopify_products(p)
    ),
    CatalogFormat("gmc", _gmc_tabular, lambda p, m: read_gmc_products(p)),
    CatalogFormat("csv", _native_csv, lambda p, m: read_csv_products(p)),
    CatalogFormat("mapped", lambda s: True, read_mapped_products),
)
BY_NAME: dict[str, CatalogFormat] = {f.name: f for f in reversed(FORMATS)}


def _sample(path: Path) -> Sample:
    head = _head(path)
    first_line = next((line for line in head.splitlines() if line.strip()), "").strip()
    return Sample(path.suffix.lower(), head, first_line)


def detect_product_format(path: Path) -> Detected:
    sample = _sample(path)
    return next(f.name for f in FORMATS if f.sniff(sample))


def read_products(
    path: Path, fmt: ProductFormat = "auto", mapping: str | None = None
) -> ImportResult[Product]:
    """Products from any supported catalog file; ``fmt="auto"`` detects the format. A ``mapping``
    (``title=name,price=cost`` or a YAML file) reads a flat JSON/JSONL/CSV file through it."""
    chosen: Detected = detect_product_format(path) if fmt == "auto" else fmt
    if mapping and chosen in ("jsonl", "csv", "json"):
        chosen = "mapped"  # the shop named its fields: read them by that mapping
    return BY_NAME[chosen].read(path, mapping)
