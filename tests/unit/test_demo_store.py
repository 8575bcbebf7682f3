"""The committed demo store in knowledge/ keeps its data contract and is exactly what the generator writes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from assistant.records import Customer, FaqEntry, Order, Product

ROOT = Path(__file__).resolve().parents[2]
STORE = ROOT / "knowledge"
GENERATED = [
    "catalog.jsonl",
    "faqs.jsonl",
    "customers.jsonl",
    "orders.jsonl",
    "eval/customer_tastes.jsonl",
    *(f"policies/{stem}.md" for stem in
      ("shipping", "returns", "exchanges", "warranty", "payment", "privacy", "price-match", "international")),
]  # fmt: skip
STATUSES = ("pending", "processed", "shipped", "delivered", "cancelled", "returned")


def _rows(name: str) -> list[dict]:
    lines = (STORE / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def products() -> list[Product]:
    return [Product.model_validate(row) for row in _rows("catalog.jsonl")]


@pytest.fixture(scope="module")
def orders() -> list[Order]:
    return [Order.model_validate(row) for row in _rows("orders.jsonl")]


@pytest.fixture(scope="module")
def customers() -> list[Customer]:
    return [Customer.model_validate(row) for row in _rows("customers.jsonl")]


def test_catalog_size_and_categories(products: list[Product]) -> None:
    assert len(products) >= 420
    per_category = Counter(p.category for p in products)
    assert len(per_category) >= 12
    assert all(" > " in category for category in per_category)
    assert all(25 <= count <= 45 for count in per_category.values()), per_category
    assert len({p.brand for p in products}) >= 35


def test_product_ids_titles_and_facts_are_unique(products: list[Product]) -> None:
    ids = [p.id for p in products]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"sku-\d{4}", pid) for pid in ids)
    titles = [p.title.lower() for p in products]
    assert len(set(titles)) == len(titles)
    without_brand = [p.title[len(p.brand) :].lower() for p in products]
    assert len(set(without_brand)) == len(without_brand), "two titles differ only by brand"
    facts = [json.dumps([p.category, p.brand, p.price, p.attributes], sort_keys=True) for p in products]
    assert len(set(facts)) == len(facts)
    urls = [p.url for p in products]
    assert len(set(urls)) == len(urls)


def test_product_fields_are_realistic(products: list[Product]) -> None:
    for p in products:
        assert p.currency == "USD" and p.price > 0 and p.image_url == ""
        assert p.url.startswith("https://demo-shop.example/products/")
        assert "color" in p.attributes and p.attributes["color"] == str(p.attributes["color"]).lower()
        assert 2 <= len(re.findall(r"[.!?](?:\s|$)", p.description)) <= 4, p.description
        assert 2 <= len(p.tags) <= 4
        assert 0 <= p.review_count <= 2500
        assert p.rating is None or (2.8 <= p.rating <= 5.0 and round(p.rating, 1) == p.rating)
        assert len(p.reviews) <= 3 and p.review_count >= len(p.reviews)
    share_reviewed = sum(bool(p.reviews) for p in products) / len(products)
    assert 0.2 <= share_reviewed <= 0.4


def test_variants_are_unique_and_stock_is_consistent(products: list[Product]) -> None:
    variant_ids = [v.id for p in products for v in p.variants]
    assert len(set(variant_ids)) == len(variant_ids)
    for p in products:
        if p.variants:
            assert p.in_stock == any(v.in_stock for v in p.variants), p.id
            assert all(v.id.startswith(p.id + "-") for v in p.variants)
            assert all(v.price is not None and v.price >= p.price for v in p.variants)
    variants = [v for p in products for v in p.variants]
    out_share = sum(not v.in_stock for v in variants) / len(variants)
    assert 0.08 <= out_share <= 0.25
    assert any(not p.in_stock for p in products)
    shoe_sizes = {
        v.attributes["size"] for p in products if p.category.startswith("Shoes") for v in p.variants
    }
    assert shoe_sizes <= {str(s) for s in range(38, 47)}
    clothing = {
        v.attributes["size"] for p in products if p.category.startswith("Clothing") for v in p.variants
    }
    assert clothing == {"XS", "S", "M", "L", "XL", "XXL"}


def test_faqs() -> None:
    faqs = [FaqEntry.model_validate(row) for row in _rows("faqs.jsonl")]
    assert len(faqs) >= 64
    ids = [f.id for f in faqs]
    assert len(set(ids)) == len(ids)
    assert len({f.question.lower() for f in faqs}) == len(faqs)
    categories = {f.category for f in faqs}
    for wanted in (
        "shipping",
        "returns",
        "exchanges",
        "payment",
        "accounts",
        "orders",
        "sizing",
        "product care",
        "warranty",
        "gift cards",
        "privacy",
        "store info",
    ):
        assert wanted in categories


def test_policy_pages_have_headings() -> None:
    pages = sorted((STORE / "policies").glob("*.md"))
    assert len(pages) == 8
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert text.startswith("# ")
        assert 3 <= len(re.findall(r"^## .+$", text, flags=re.M)) <= 6, page.name
    assert "## Refunds" in (STORE / "policies" / "returns.md").read_text(encoding="utf-8")


def test_faqs_agree_with_policies() -> None:
    faq_text = " ".join(row["answer"] for row in _rows("faqs.jsonl"))
    policy_text = " ".join(p.read_text(encoding="utf-8") for p in (STORE / "policies").glob("*.md"))
    for fact in (
        "$50",
        "$5.95",
        "$12.95",
        "3-5 business days",
        "1-2 business days",
        "30 days",
        "$19.95",
        "$150",
        "14 days",
        "90 days",
        "2 pm",
    ):
        assert fact in faq_text and fact in policy_text, fact


def test_customers(customers: list[Customer]) -> None:
    assert len(customers) == 60
    assert len({c.id for c in customers}) == 60
    assert len({c.email for c in customers}) == 60
    for c in customers:
        assert re.fullmatch(r"\d{5}", c.zip)
        assert c.email.endswith(("@example.com", "@example.org"))


def test_orders_reference_real_products_at_catalog_prices(
    products: list[Product], orders: list[Order], customers: list[Customer]
) -> None:
    assert len(orders) >= 320
    assert len({o.order_id for o in orders}) == len(orders)
    by_id = {p.id: p for p in products}
    customer_ids = {c.id for c in customers}
    for order in orders:
        assert order.customer_id in customer_ids
        assert "2026-01-01" <= order.placed_at[:10] <= "2026-11-30"
        assert (order.tracking is not None) == (order.status in ("shipped", "delivered")), order.order_id
        for item in order.items:
            product = by_id[item.product_id]
            variant = next((v for v in product.variants if v.id == item.variant_id), None)
            assert (variant is None) == (item.variant_id is None) == (not product.variants)
            assert item.price == product.variant_price(variant)
            assert item.title == product.title
    statuses = Counter(o.status for o in orders)
    assert set(statuses) == set(STATUSES)
    assert statuses.most_common(1)[0][0] == "delivered"
    assert min(statuses.values()) >= 12
    per_customer = Counter(o.customer_id for o in orders)
    assert set(per_customer) == customer_ids
    assert all(3 <= n <= 9 for n in per_customer.values())


def test_orders_follow_taste_profiles(products: list[Product], orders: list[Order]) -> None:
    by_id = {p.id: p for p in products}
    tastes = {row["customer_id"]: row for row in _rows("eval/customer_tastes.jsonl")}
    items = [(o.customer_id, by_id[i.product_id], i) for o in orders for i in o.items]
    in_favourites = sum(p.category in tastes[c]["favourite_categories"] for c, p, _ in items) / len(items)
    assert in_favourites >= 0.7
    for customer, product, item in items:
        if product.category.startswith("Shoes") and item.variant_id:
            size = next(v for v in product.variants if v.id == item.variant_id).attributes["size"]
            assert size == tastes[customer]["shoe_size"]
    pairs = Counter(
        tuple(sorted({by_id[i.product_id].category for i in o.items})) for o in orders if len(o.items) > 1
    )
    assert pairs[("Accessories > Socks", "Shoes > Running")] >= 3


def test_generator_reproduces_committed_files(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "make_demo_store.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True, capture_output=True)
    for name in GENERATED:
        assert (tmp_path / name).read_bytes() == (STORE / name).read_bytes(), (
            f"{name} differs from the generator"
        )
