"""Importers for the shop's knowledge: catalog (JSONL, CSV, Shopify export, Google Merchant feed),
FAQs, policies, customers and orders. Each returns an ImportResult: good records plus one RowError
per rejected row."""

from __future__ import annotations

from assistant.ingest.catalog import build_product, read_csv_products, read_jsonl_products
from assistant.ingest.detect import ProductFormat, detect_product_format, read_products
from assistant.ingest.errors import ImportResult, RowError
from assistant.ingest.gmc import read_gmc_products
from assistant.ingest.help_content import read_faqs, read_policies
from assistant.ingest.people import read_customers, read_orders
from assistant.ingest.report import format_import_report
from assistant.ingest.shopify import read_shopify_products

__all__ = [
    "ImportResult",
    "ProductFormat",
    "RowError",
    "build_product",
    "detect_product_format",
    "format_import_report",
    "read_csv_products",
    "read_customers",
    "read_faqs",
    "read_gmc_products",
    "read_jsonl_products",
    "read_orders",
    "read_policies",
    "read_products",
    "read_shopify_products",
]
