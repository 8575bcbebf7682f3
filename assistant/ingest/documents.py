"""How records become retrieval documents and filterable metadata, and back.

The full record travels in the metadata (``record``) so every process that shares a Chroma server
sees the same catalog without the source files; the filterable fields are flattened beside it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from assistant.records import FaqEntry, PolicyChunk, Product

Metadata = dict[str, Any]


def _norm(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def describe_attribute(key: str, value: Any) -> str:
    label = key.replace("_", " ")
    if isinstance(value, bool):
        return label if value else f"not {label}"
    return f"{label} {value}"


def product_document(product: Product) -> str:
    """The full text matched lexically (BM25) and stored with the vector: what a shopper would search by."""
    leaf = product.category_path[-1] if product.category_path else ""
    attrs = ", ".join(describe_attribute(k, v) for k, v in product.attributes.items())
    parts = [product.title, product.brand, leaf, product.category, attrs, " ".join(product.tags)]
    parts.append(product.description)
    return ". ".join(part for part in parts if part)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def product_embedding_text(product: Product) -> str:
    """The short text the embedder sees: what the product *is* (title, brand unless the title has
    it, category leaf, tags; the description's first sentence only when there are no tags).
    Attribute values and the description stay in the full document for BM25 and in the metadata
    for filters. Embedding cost grows with tokens: this is ~20 tokens against ~100 for the full
    document, and the retrieval eval did not move (docs/decisions.md)."""
    leaf = product.category_path[-1] if product.category_path else ""
    brand = product.brand if product.brand.lower() not in product.title.lower() else ""
    about = " ".join(product.tags) if product.tags else first_sentence(product.description)
    parts = [product.title, brand, leaf, about]
    return ". ".join(part for part in parts if part)


def in_stock_variant_values(product: Product, key: str) -> list[str]:
    values: list[str] = []
    for variant in product.variants:
        if variant.in_stock and key in variant.attributes:
            value = str(_norm(variant.attributes[key]))
            if value not in values:
                values.append(value)
    return values


def product_metadata(product: Product) -> Metadata:
    """Flat fields for Chroma `where` filters. Lists hold what is available in stock."""
    prices = [product.variant_price(v) for v in product.variants if v.in_stock] or [product.price]
    colors = in_stock_variant_values(product, "color")
    if ("color" in product.attributes and not product.variants) or (
        "color" in product.attributes and not colors
    ):
        colors = [str(_norm(product.attributes["color"]))]
    sizes = in_stock_variant_values(product, "size")
    path = product.category_path
    meta: Metadata = {
        "record": product.model_dump_json(),
        "content_hash": product.content_hash(),
        "title": product.title,
        "brand": _norm(product.brand) or "",
        "category": product.category,
        "price": float(product.price),
        "price_min": float(min(prices)),
        "price_max": float(max(prices)),
        "in_stock": bool(
            product.in_stock and (not product.variants or any(v.in_stock for v in product.variants))
        ),
        "rating": float(product.rating or 0.0),
        "review_count": int(product.review_count),
    }
    if path:
        meta["categories"] = [" > ".join(path[: i + 1]) for i in range(len(path))]
    if colors:
        meta["colors"] = colors
    if sizes:
        meta["sizes"] = sizes
    for key, value in product.attributes.items():
        if key == "color":
            continue
        meta[f"attr_{key}"] = _norm(value)
    return meta


def product_from_metadata(meta: Metadata) -> Product:
    return Product.model_validate_json(meta["record"])


def faq_document(faq: FaqEntry) -> str:
    return f"{faq.question} {faq.answer}"


def faq_metadata(faq: FaqEntry) -> Metadata:
    record = faq.model_dump_json()
    return {"record": record, "content_hash": _hash(record), "category": faq.category or "general"}


def policy_document(chunk: PolicyChunk) -> str:
    return f"{chunk.document}. {chunk.heading}. {chunk.text}"


def policy_metadata(chunk: PolicyChunk) -> Metadata:
    record = chunk.model_dump_json()
    return {"record": record, "content_hash": _hash(record), "source": chunk.source}


def _hash(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()[:16]


def record_json(meta: Metadata) -> dict[str, Any]:
    return dict(json.loads(meta["record"]))
