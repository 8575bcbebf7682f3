"""`assistant describe --missing`: descriptions for products that lack one, from their attributes
only. The generator drafts; the answer check rejects any number, product or claim outside the
facts; a rejected draft falls back to a sentence built from the attributes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.compose.composer import AnswerChecker, Composer, Facts, first_sentences, load_prompt
from assistant.config import Settings
from assistant.ingest.documents import describe_attribute
from assistant.records import Product


@dataclass(frozen=True)
class DescribedProduct:
    product_id: str
    description: str
    source: str  # "generated", "regenerated" or "template"
    rejected: tuple[str, ...]


def product_facts(product: Product) -> Facts:
    lines = [f"Product: {product.title}", f"Brand: {product.brand}", f"Category: {product.category}"]
    lines.extend(f"{k.replace('_', ' ')}: {v}" for k, v in product.attributes.items())
    sizes = sorted({str(v.attributes["size"]) for v in product.variants if "size" in v.attributes})
    if sizes:
        lines.append("sizes: " + ", ".join(sizes))
    return Facts(tuple(lines), frozenset({product.title.lower(), product.brand.lower()}))


def template_description(product: Product) -> str:
    leaf = product.category_path[-1].lower() if product.category_path else "product"
    attrs = [describe_attribute(k, v) for k, v in product.attributes.items()][:4]
    first = (
        f"The {product.title} is a {leaf.rstrip('s')} from {product.brand}."
        if product.brand
        else f"The {product.title} is a {leaf.rstrip('s')}."
    )
    return first + (f" Details: {', '.join(attrs)}." if attrs else "")


def describe_product(product: Product, composer: Composer) -> DescribedProduct:
    facts = product_facts(product)
    template = template_description(product)
    generator = composer.generator
    if generator is None:
        return DescribedProduct(product.id, template, "template", ())
    rejected: list[str] = []
    for attempt in range(2):
        prompt = load_prompt("describe").format(facts=facts.text)
        if attempt:
            prompt += "\n\n" + load_prompt("fallback")
        raw = "".join(generator.generate([{"role": "user", "content": prompt}], max_tokens=90))
        draft = first_sentences(raw, limit=2)
        check = composer.checker.check(draft, facts, max_words=70)
        if not check.tripwire_triggered and len(draft.split()) >= 6:
            return DescribedProduct(
                product.id, draft, "generated" if attempt == 0 else "regenerated", tuple(rejected)
            )
        rejected.extend(check.reasons or ("too short",))
    return DescribedProduct(product.id, template, "template", tuple(rejected))


def describe_all(
    products: list[Product], composer: Composer, cached: dict[str, dict[str, str]], progress: bool = False
) -> list[DescribedProduct]:
    """Each product described once: a product whose content has not changed since its cached
    description keeps it (the generator is not asked again)."""
    from tqdm import tqdm

    out: list[DescribedProduct] = []
    for product in tqdm(products, desc="describing products", unit="product", disable=not progress):
        hit = cached.get(product.id)
        if hit and hit.get("hash") == product.content_hash():
            out.append(DescribedProduct(product.id, hit["description"], hit.get("source", "cached"), ()))
        else:
            out.append(describe_product(product, composer))
    return out


def describe_missing(settings: Settings, write: bool = True, progress: bool = True) -> dict[str, Any]:
    """Describe catalog products with an empty description; with `write`, save the drafts to
    `<data dir>/generated_descriptions.jsonl` for the shop to review (the shop's own catalog file
    is never rewritten behind its back). Drafts are cached there by product content hash, so a
    re-run only describes what is new or changed."""
    import json

    from assistant.compose.composer import new_canary
    from assistant.models.generators import get_generator
    from assistant.retrieve.catalog import Catalog
    from assistant.storage.vectors import open_store

    catalog = Catalog.from_store(open_store(settings))
    missing = [p for p in catalog.products if not p.description.strip()]
    out = settings.resolved_data_dir() / "generated_descriptions.jsonl"
    cached = (
        {row["id"]: row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines()) if row}
        if out.exists()
        else {}
    )
    uncached = [p for p in missing if cached.get(p.id, {}).get("hash") != p.content_hash()]
    generator = get_generator(settings) if settings.generator_backend != "none" and uncached else None
    checker = AnswerChecker(
        [p.title for p in catalog.products], {p.brand for p in catalog.products}, new_canary()
    )
    composer = Composer(generator, checker)
    described = describe_all(missing, composer, cached, progress)
    hashes = {p.id: p.content_hash() for p in missing}
    if write and described:
        with out.open("w", encoding="utf-8") as handle:
            for d in described:
                row = {
                    "id": d.product_id,
                    "description": d.description,
                    "source": d.source,
                    "hash": hashes[d.product_id],
                }
                handle.write(json.dumps(row) + "\n")
    return {
        "missing": len(missing),
        "cached": len(missing) - len(uncached),
        "generated": sum(d.source in ("generated", "regenerated") for d in described),
        "template": sum(d.source == "template" for d in described),
        "written_to": str(out) if write and described else None,
        "examples": [d.description for d in described[:3]],
    }
