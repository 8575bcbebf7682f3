"""Which product importer a file needs, from its extension and its first line."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from assistant.ingest.catalog import read_csv_products, read_jsonl_products
from assistant.ingest.errors import ImportResult
from assistant.ingest.gmc import read_gmc_products
from assistant.ingest.shopify import read_shopify_products
from assistant.ingest.textio import looks_binary
from assistant.records import Product

ProductFormat = Literal["auto", "jsonl", "csv", "shopify", "gmc"]
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


def detect_product_format(path: Path) -> Literal["jsonl", "csv", "shopify", "gmc"]:
    suffix = path.suffix.lower()
    head = _head(path)
    first_line = next((line for line in head.splitlines() if line.strip()), "").strip()
    if suffix == ".xml" or first_line.startswith("<"):
        return "gmc"
    if suffix in {".jsonl", ".ndjson", ".json"} or first_line.startswith("{"):
        return "jsonl"
    columns = {column.strip().strip('"').lower() for column in first_line.replace("\t", ",").split(",")}
    if {"handle", "variant price"} <= columns:
        return "shopify"
    if suffix == ".tsv" or any(marker in columns for marker in GMC_MARKERS) or "g:" in first_line:
        return "gmc"
    return "csv"


def read_products(path: Path, fmt: ProductFormat = "auto") -> ImportResult[Product]:
    """Products from any supported catalog file; ``fmt="auto"`` detects the format."""
    chosen = detect_product_format(path) if fmt == "auto" else fmt
    if chosen == "shopify":
        return read_shopify_products(path)
    if chosen == "gmc":
        return read_gmc_products(path)
    if chosen == "csv":
        return read_csv_products(path)
    return read_jsonl_products(path)
