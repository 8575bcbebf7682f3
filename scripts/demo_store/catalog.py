"""The catalog: draw every category's products, then attach ids, variants, stock, ratings and reviews."""

from __future__ import annotations

import json
import math
import random

from .appmodels import Product
from .basics import SHOP_URL, one, slugify
from .draft import Draft
from .products import CATEGORIES
from .variants import make_variants
from .wording import compose_description, make_reviews


def attr_key(product: Product) -> str:
    return json.dumps([product.category, product.brand, product.price, product.attributes], sort_keys=True)


def build_catalog(rng: random.Random) -> tuple[list[Product], dict[str, str]]:
    """Products plus each product's internal kind (for bought-together rules in the order generator)."""
    drafts: list[tuple[str, Draft]] = []
    titles: list[str] = []
    models: list[str] = []
    for spec in CATEGORIES:
        made = 0
        attempts = 0
        while made < spec.count:
            attempts += 1
            if attempts > spec.count * 60:
                raise RuntimeError(f"could not draw {spec.count} distinct products for {spec.name}")
            brand = spec.brands[made % len(spec.brands)] if rng.random() < 0.5 else one(rng, spec.brands)
            draft = spec.make(rng, brand, attempts)
            # Titles must not be alike: no two differ only by brand, and a model name is used once per
            # category (across brands), so "the Tempo" names one product when a shopper refers back to it.
            rest = draft.title[len(brand) + 1 :].lower()
            words = rest.split()
            keys = [f"{spec.name}|{' '.join(words[:2]) if spec.name.startswith('Toys') else words[0]}"]
            if rest in titles or any(k in models for k in keys):
                continue
            titles.append(rest)
            models.extend(keys)
            drafts.append((spec.name, draft))
            made += 1
    rng.shuffle(drafts)
    products: list[Product] = []
    kinds: dict[str, str] = {}
    seen_keys: list[str] = []
    for number, (category, draft) in enumerate(drafts, start=1001):
        pid = f"sku-{number}"
        sold_out = rng.random() < 0.035
        variants = make_variants(rng, pid, draft, draft.price, sold_out)
        in_stock = any(v["in_stock"] for v in variants) if variants else not sold_out
        review_count = 0 if rng.random() < 0.04 else min(2500, int(math.exp(rng.gauss(3.9, 1.5))))
        rating = None
        if review_count:
            spread = 0.35 if review_count > 50 else 0.6
            rating = round(min(5.0, max(2.8, rng.gauss(4.35, spread))), 1)
        tags = list(dict.fromkeys(draft.tags))
        if review_count >= 900 and rating and rating >= 4.3:
            tags.insert(0, "bestseller")
        if review_count == 0:
            tags.insert(0, "new")
        for filler in ("gift", "everyday", "value"):
            if len(tags) >= 2:
                break
            if filler not in tags:
                tags.append(filler)
        reviews = []
        if rating is not None and rng.random() < 0.3:
            reviews = make_reviews(rng, draft, rating, category)
            review_count = max(review_count, len(reviews))
        row = {
            "id": pid, "title": draft.title, "description": compose_description(rng, draft),
            "category": category, "brand": draft.brand, "price": draft.price, "currency": "USD",
            "attributes": draft.attrs, "variants": variants, "in_stock": in_stock, "rating": rating,
            "review_count": review_count, "tags": tags[:4], "image_url": "",
            "url": f"{SHOP_URL}/products/{slugify(draft.title)}", "reviews": reviews,
        }  # fmt: skip
        product = Product.model_validate(row)
        key = attr_key(product)
        if key in seen_keys:
            raise RuntimeError(f"duplicate product facts for {pid}")
        seen_keys.append(key)
        products.append(product)
        kinds[pid] = draft.kind
    return products, kinds
