"""The two development stores (knowledge/stores/*) and their labelled evaluation sets.

Plain json/yaml only, no model and no ``assistant`` imports: the labels are checked against the data
by an independent reading of the catalog contract (the same plain rules as the retrieval labels: a
product fits when one in-stock variant, or the product itself when it has no variants, meets every
hard constraint at once).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[2]
STORES = ("dummyjson", "reshaped")
KNOWLEDGE = ROOT / "knowledge" / "stores"
EVALUATION = ROOT / "evaluation" / "stores"
DUMMYJSON_SOURCE = ROOT.parent / "shared" / "data" / "foreign" / "dummyjson"
ORDER_STATUSES = {"pending", "processed", "shipped", "delivered", "cancelled", "returned"}
LABEL_KEYS = {
    "categories", "price_min", "price_max", "colors", "exclude_colors", "sizes", "brands",
    "exclude_brands", "attributes", "exclude_attributes", "ranges", "keywords", "sort", "cheap",
}  # fmt: skip
QUERY_KEYS = LABEL_KEYS | {"id", "query", "satisfiable", "intent", "price_approx", "tags"}


# --- loading ---------------------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_yaml(store: str, name: str) -> Any:
    return yaml.safe_load((EVALUATION / store / name).read_text(encoding="utf-8"))


def catalog(store: str) -> list[dict[str, Any]]:
    return read_jsonl(KNOWLEDGE / store / "catalog.jsonl")


def normalise_order_id(text: str) -> str:
    return re.sub(r"[#\s\-]", "", str(text)).upper()


# --- the plain reading of a label --------------------------------------------------------------


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, str) or isinstance(b, str):
        return str(a).strip().lower() == str(b).strip().lower()
    return float(a) == float(b)


def _any_same(value: Any, wanted: Any) -> bool:
    return any(_same(value, w) for w in _as_list(wanted))


def in_categories(product: dict[str, Any], categories: list[str]) -> bool:
    if not categories:
        return True
    path = " > ".join(p.strip() for p in product.get("category", "").split(">") if p.strip()).lower()
    return any(path == c.lower() or path.startswith(c.lower() + " >") for c in categories)


def variant_fits(product: dict[str, Any], variant: dict[str, Any] | None, lab: dict[str, Any]) -> bool:
    if not in_categories(product, _as_list(lab.get("categories", []))):
        return False
    brand = str(product.get("brand", "")).strip().lower()
    brands = {b.lower() for b in _as_list(lab.get("brands", []))}
    if brands and brand not in brands:
        return False
    if brand and brand in {b.lower() for b in _as_list(lab.get("exclude_brands", []))}:
        return False
    attrs = dict(product.get("attributes", {}))
    if variant is not None:
        attrs.update(variant.get("attributes", {}))
    if not (variant.get("in_stock", True) if variant is not None else product.get("in_stock", True)):
        return False
    price = product["price"]
    if variant is not None and variant.get("price") is not None:
        price = variant["price"]
    if lab.get("price_min") is not None and price < lab["price_min"] - 1e-9:
        return False
    if lab.get("price_max") is not None and price > lab["price_max"] + 1e-9:
        return False
    color = attrs.get("color")
    if lab.get("colors") and (color is None or not _any_same(color, lab["colors"])):
        return False
    if color is not None and lab.get("exclude_colors") and _any_same(color, lab["exclude_colors"]):
        return False
    size = attrs.get("size")
    if lab.get("sizes") and (size is None or not _any_same(size, [str(s) for s in _as_list(lab["sizes"])])):
        return False
    for key, wanted in (lab.get("attributes") or {}).items():
        if key not in attrs or not _any_same(attrs[key], wanted):
            return False
    for key, banned in (lab.get("exclude_attributes") or {}).items():
        if key in attrs and _any_same(attrs[key], list(_as_list(banned))):
            return False
    for key, (low, high) in (lab.get("ranges") or {}).items():
        measure = attrs.get(key)
        if not isinstance(measure, int | float) or isinstance(measure, bool):
            return False
        if (low is not None and measure < low) or (high is not None and measure > high):
            return False
    return True


def fits(product: dict[str, Any], lab: dict[str, Any]) -> bool:
    variants = product.get("variants") or []
    if not variants:
        return variant_fits(product, None, lab)
    return any(variant_fits(product, v, lab) for v in variants)


def fitting(products: list[dict[str, Any]], lab: dict[str, Any]) -> list[str]:
    return [p["id"] for p in products if fits(p, lab)]


def policy_sources(store: str) -> set[str]:
    """Every citable policy source: ``policies/<file>#<heading>`` (the preamble cites the # title)."""
    sources: set[str] = set()
    for page in sorted((KNOWLEDGE / store / "policies").glob("*.md")):
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("## ") or line.startswith("# "):
                sources.add(f"policies/{page.name}#{line.lstrip('#').strip()}")
    return sources


# --- the stores --------------------------------------------------------------------------------


@pytest.mark.parametrize("store", STORES)
def test_store_files_exist_and_parse(store: str) -> None:
    folder = KNOWLEDGE / store
    products = catalog(store)
    customers = read_jsonl(folder / "customers.jsonl")
    orders = read_jsonl(folder / "orders.jsonl")
    assert products and customers and orders
    assert list((folder / "policies").glob("*.md")), "no policy pages"
    ids = [p["id"] for p in products]
    assert len(ids) == len(set(ids)), "duplicate product ids"
    for p in products:
        assert (
            isinstance(p["id"], str)
            and p["title"]
            and isinstance(p["price"], int | float)
            and p["price"] >= 0
        )
        assert " > " in p["category"] or ">" not in p["category"]
        for v in p.get("variants", []):
            assert v["id"] and isinstance(v.get("attributes", {}), dict)
    customer_ids = {c["id"] for c in customers}
    for c in customers:
        assert set(c) == {"id", "name", "email", "zip"}
    assert len(customer_ids) == len(customers)
    order_ids = [normalise_order_id(o["order_id"]) for o in orders]
    assert len(order_ids) == len(set(order_ids)), "order ids collide once '#', case and dashes are ignored"
    for o in orders:
        assert o["customer_id"] in customer_ids
        assert o["status"] in ORDER_STATUSES
        assert o["items"] and all(i["product_id"] and i["quantity"] >= 1 for i in o["items"])
    missing_dates = sum(1 for o in orders if "placed_at" not in o)
    assert 0 < missing_dates < len(orders), "some, not all, orders omit placed_at on purpose"
    if (folder / "faqs.jsonl").exists():
        faqs = read_jsonl(folder / "faqs.jsonl")
        assert all(f["id"] and f["question"] and f["answer"] for f in faqs)


def test_dummyjson_shape() -> None:
    products = catalog("dummyjson")
    assert all(not p["variants"] for p in products)
    assert all(">" not in p["category"] and p["category"][:1].isupper() for p in products)
    assert any(not p["brand"] for p in products) and any(p["brand"] for p in products)
    assert (KNOWLEDGE / "dummyjson" / "LICENSE.txt").read_text(encoding="utf-8").startswith("The MIT License")
    assert not (KNOWLEDGE / "dummyjson" / "faqs.jsonl").exists(), "DummyJSON has no FAQs; none is made up"
    orders = read_jsonl(KNOWLEDGE / "dummyjson" / "orders.jsonl")
    assert all(re.fullmatch(r"#W\d{7}", o["order_id"]) for o in orders)


def test_reshaped_shape() -> None:
    products = catalog("reshaped")
    assert len(products) <= 100
    demo_categories = {p["category"] for p in read_jsonl(ROOT / "knowledge" / "catalog.jsonl")}
    assert {p["category"] for p in products} == demo_categories
    assert all("brand" not in p for p in products)
    values = [v for p in products for v in p["attributes"].values()]
    assert not any(isinstance(v, bool) for v in values), "booleans are strings in this store"
    assert not any("_" in k for p in products for k in p["attributes"])
    assert all(p["description"].startswith("<p>") for p in products if p["description"])
    orders = read_jsonl(KNOWLEDGE / "reshaped" / "orders.jsonl")
    assert all(re.fullmatch(r"#SH-\d+", o["order_id"]) for o in orders)
    header = (KNOWLEDGE / "reshaped" / "shopify_products.csv").read_text(encoding="utf-8").splitlines()[0]
    for column in ("Handle", "Title", "Body (HTML)", "Vendor", "Type", "Tags", "Option1 Name", "Variant SKU",
                   "Variant Price", "Variant Inventory Qty", "Image Src"):  # fmt: skip
        assert column in header.split(",") or f'"{column}"' in header


# --- the converters are deterministic ------------------------------------------------------------


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(script: str, *args: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "stores" / script), *args], check=True, capture_output=True
    )


def test_reshape_demo_reproduces_committed_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    _run("reshape_demo.py", "--out", str(first))
    _run("reshape_demo.py", "--out", str(second))
    assert _tree(first) == _tree(second)
    assert _tree(first) == _tree(KNOWLEDGE / "reshaped")


@pytest.mark.skipif(not DUMMYJSON_SOURCE.is_dir(), reason="DummyJSON source data not available")
def test_convert_dummyjson_reproduces_committed_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    _run("convert_dummyjson.py", str(DUMMYJSON_SOURCE), "--out", str(first))
    _run("convert_dummyjson.py", str(DUMMYJSON_SOURCE), "--out", str(second))
    assert _tree(first) == _tree(second)
    assert _tree(first) == _tree(KNOWLEDGE / "dummyjson")


# --- the labelled sets agree with the data -------------------------------------------------------


@pytest.mark.parametrize("store", STORES)
def test_retrieval_labels_agree_with_the_catalog(store: str) -> None:
    products = catalog(store)
    queries = load_yaml(store, "retrieval_queries.yaml")["queries"]
    assert len(queries) >= 100
    assert sum(1 for q in queries if q.get("satisfiable") is False) >= 20
    ids = [q["id"] for q in queries]
    assert len(ids) == len(set(ids))
    categories = {p["category"] for p in products}
    prefixes = {" > ".join(c.split(" > ")[:n]) for c in categories for n in range(1, c.count(" > ") + 2)}
    wrong = []
    for q in queries:
        assert set(q) <= QUERY_KEYS, f"{q['id']}: unknown keys {set(q) - QUERY_KEYS}"
        satisfiable = q.get("satisfiable", True)
        if satisfiable:  # category names are the catalog's own spelling
            assert set(_as_list(q.get("categories", []))) <= prefixes, q["id"]
        lab = {k: v for k, v in q.items() if k in LABEL_KEYS}
        simple = {k: lab[k] for k in ("categories", "price_min", "price_max") if k in lab}
        if satisfiable and not fitting(products, simple):
            wrong.append(f"{q['id']}: nothing fits even the category and price bounds")
        if bool(fitting(products, lab)) != satisfiable:
            wrong.append(
                f"{q['id']} ({q['query']!r}): satisfiable={satisfiable}, fitting={fitting(products, lab)[:5]}"
            )
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("store", STORES)
def test_help_questions_cite_existing_sources(store: str) -> None:
    questions = load_yaml(store, "help_questions.yaml")["questions"]
    assert len(questions) >= 30
    assert sum(1 for q in questions if q["expect"] == "unknown") >= 10
    faq_path = KNOWLEDGE / store / "faqs.jsonl"
    faq_ids = {f"faq:{f['id']}" for f in read_jsonl(faq_path)} if faq_path.exists() else set()
    known = policy_sources(store) | faq_ids
    for q in questions:
        assert q["expect"] in {"answer", "unknown"}, q["id"]
        if q["expect"] == "answer":
            assert q["sources"], q["id"]
            assert set(q["sources"]) <= known, f"{q['id']}: {set(q['sources']) - known}"
        else:
            assert not q.get("sources"), q["id"]


@pytest.mark.parametrize("store", STORES)
def test_order_checks_agree_with_the_orders(store: str) -> None:
    folder = KNOWLEDGE / store
    orders = {normalise_order_id(o["order_id"]): o for o in read_jsonl(folder / "orders.jsonl")}
    customers = {c["id"]: c for c in read_jsonl(folder / "customers.jsonl")}
    checks = load_yaml(store, "order_checks.yaml")["checks"]
    assert len(checks) >= 20
    assert any(not c["valid"] and normalise_order_id(c["order_id"]) not in orders for c in checks)
    assert any(not c["valid"] and normalise_order_id(c["order_id"]) in orders for c in checks)
    for check in checks:
        order = orders.get(normalise_order_id(check["order_id"]))
        proof_ok = False
        if order is not None:
            customer = customers[order["customer_id"]]
            email_ok = "email" in check and str(check["email"]).strip().lower() == customer["email"].lower()
            zip_ok = "zip" in check and str(check["zip"]).strip() == customer["zip"]
            proof_ok = email_ok or zip_ok
        assert ("email" in check) or ("zip" in check), check["id"]
        if check["valid"]:
            assert order is not None, f"{check['id']}: {check['order_id']} is not an order"
            assert proof_ok, f"{check['id']}: the email/zip is not the customer's"
            assert check["status"] == order["status"], check["id"]
            if "tracking" in check:
                assert check["tracking"] == (order.get("tracking") or {}).get("number"), check["id"]
        else:
            assert order is None or not proof_ok, f"{check['id']} is marked invalid but verifies"
        if "message" in check:
            assert str(check["order_id"]) in check["message"], f"{check['id']}: the message must carry the id"


@pytest.mark.parametrize("store", STORES)
def test_conversations_parse_and_use_the_catalog_vocabulary(store: str) -> None:
    dialogues = load_yaml(store, "conversations.yaml")
    assert len(dialogues) >= 20
    products = catalog(store)
    categories = {p["category"] for p in products}
    prefixes = {" > ".join(c.split(" > ")[:n]) for c in categories for n in range(1, c.count(" > ") + 2)}
    orders = {normalise_order_id(o["order_id"]) for o in read_jsonl(KNOWLEDGE / store / "orders.jsonl")}
    names = [d["name"] for d in dialogues]
    assert len(names) == len(set(names))
    for dialogue in dialogues:
        assert dialogue["turns"], dialogue["name"]
        for turn in dialogue["turns"]:
            assert isinstance(turn["user"], str) and isinstance(turn["expect"], dict)
            for key in (
                "items_all_satisfy",
                "items_any_satisfy",
                "first_is_cheapest_of",
                "first_is_priciest_of",
            ):
                lab = turn["expect"].get(key)
                if lab is None:
                    continue
                assert set(lab) <= LABEL_KEYS, (dialogue["name"], key)
                assert set(_as_list(lab.get("categories", []))) <= prefixes, (dialogue["name"], lab)
                assert fitting(products, lab), f"{dialogue['name']}: nothing in the catalog fits {lab}"
            state = turn["expect"].get("state") or {}
            for key in ("awaiting_verification_for", "focus_order_id"):
                if state.get(key):
                    assert normalise_order_id(state[key]) in orders, (dialogue["name"], state[key])
