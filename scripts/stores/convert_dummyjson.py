"""Convert the DummyJSON store data into a development store in ``knowledge/stores/dummyjson/``.

Run ``python scripts/stores/convert_dummyjson.py [SOURCE_DIR] [--out DIR]``; SOURCE_DIR holds
DummyJSON's ``products.json``, ``users.json`` and ``carts.json`` (default
``../shared/data/foreign/dummyjson``, relative to the repository root). Plain Python, no imports from
``assistant``; the output is a pure function of the input files (same bytes on every run).

What is taken from the data, and what had to be decided:

* ``catalog.jsonl``: one product per DummyJSON product. ``id`` is DummyJSON's ``sku`` (unique);
  ``category`` is the kebab-case slug made readable (``womens-dresses`` -> ``Womens Dresses``; the
  source is flat, so there is no ``>`` hierarchy); ``brand`` only when DummyJSON has one (92 of 194
  products have none); no ``color`` attribute, because DummyJSON has none (colours appear only in
  some titles). Attributes are the product's own fields: ``warranty``, ``shipping``,
  ``return_policy`` and ``availability`` (DummyJSON's sentences, verbatim), ``minimum_order_quantity``,
  ``discount_percentage``, ``weight`` and ``width``/``height``/``depth``. DummyJSON states no unit
  for weight or dimensions and the numbers do not fit any one unit (a car weighs 9, a lemon 3), so
  no unit is invented for them. ``review_count`` is the number of reviews DummyJSON carries (3 per
  product); the reviews go into ``reviews``. No variants: DummyJSON has none.
* ``policies/{shipping,returns,warranty}.md``: DummyJSON states shipping time, return window and
  warranty per product, not as shop-wide rules; each page therefore says so, and has one ``##``
  section per distinct sentence listing (by category) the products it applies to. No ``faqs.jsonl``
  is written: DummyJSON has no FAQ text and none is made up.
* ``customers.jsonl``: users -> {id (DummyJSON user id as a string), name, email, zip}.
* ``orders.jsonl``: carts -> orders. DummyJSON carts have no order number, status, date or tracking:
  ``order_id`` is ``#W`` + a 7-digit number derived from the cart id (1000000 + 7919 * id);
  ``status`` follows the cart id (id % 10: 0-3 delivered, 4-5 shipped, 6 processed, 7 pending,
  8 cancelled, 9 returned); ``placed_at`` is derived from the cart id for two thirds of the orders
  and omitted on purpose when id % 3 == 0 (real exports miss fields); ``tracking`` is null, as
  DummyJSON has no shipping data. Items keep DummyJSON's title, unit price and quantity.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import OrderedDict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "foreign" / "dummyjson"
DEFAULT_OUT = ROOT / "knowledge" / "stores" / "dummyjson"
STATUS_BY_REMAINDER = (
    "delivered", "delivered", "delivered", "delivered", "shipped", "shipped",
    "processed", "pending", "cancelled", "returned",
)  # fmt: skip
ORDER_EPOCH = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)

WARRANTY_ORDER = (
    "No warranty", "1 week warranty", "1 month warranty", "3 months warranty", "6 months warranty",
    "1 year warranty", "2 year warranty", "3 year warranty", "5 year warranty", "Lifetime warranty",
)  # fmt: skip
SHIPPING_ORDER = (
    "Ships overnight", "Ships in 1-2 business days", "Ships in 3-5 business days", "Ships in 1 week",
    "Ships in 2 weeks", "Ships in 1 month",
)  # fmt: skip
RETURNS_ORDER = (
    "No return policy", "7 days return policy", "30 days return policy", "60 days return policy",
    "90 days return policy",
)  # fmt: skip


def readable_category(slug: str) -> str:
    return " ".join(word.capitalize() for word in slug.split("-"))


def number(value: Any) -> Any:
    """Whole floats become ints so the JSON reads like the source (4, not 4.0)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def product_id(raw: dict[str, Any]) -> str:
    return str(raw["sku"])


def convert_product(raw: dict[str, Any]) -> dict[str, Any]:
    dims = raw.get("dimensions") or {}
    attributes: dict[str, Any] = OrderedDict()
    attributes["warranty"] = raw["warrantyInformation"]
    attributes["shipping"] = raw["shippingInformation"]
    attributes["return_policy"] = raw["returnPolicy"]
    attributes["availability"] = raw["availabilityStatus"]
    attributes["minimum_order_quantity"] = number(raw["minimumOrderQuantity"])
    attributes["discount_percentage"] = number(raw["discountPercentage"])
    attributes["weight"] = number(raw["weight"])
    for key in ("width", "height", "depth"):
        if key in dims:
            attributes[key] = number(dims[key])
    reviews = [
        {"author": r.get("reviewerName", ""), "rating": number(r.get("rating")), "text": r["comment"]}
        for r in raw.get("reviews", [])
        if r.get("comment")
    ]
    return {
        "id": product_id(raw),
        "title": raw["title"].strip(),
        "description": raw.get("description", "").strip(),
        "category": readable_category(raw["category"]),
        "brand": (raw.get("brand") or "").strip(),
        "price": number(raw["price"]),
        "currency": "USD",
        "attributes": dict(attributes),
        "variants": [],
        "in_stock": raw["stock"] > 0,
        "rating": number(raw["rating"]),
        "review_count": len(reviews),
        "tags": list(raw.get("tags", [])),
        "image_url": raw.get("thumbnail", ""),
        "url": f"https://dummyjson.com/products/{raw['id']}",
        "reviews": reviews,
    }


def convert_customer(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(raw["id"]),
        "name": f"{raw['firstName']} {raw['lastName']}",
        "email": raw["email"],
        "zip": str(raw["address"]["postalCode"]),
    }


def order_id(cart_id: int) -> str:
    return f"#W{1000000 + 7919 * cart_id:07d}"


def convert_order(raw: dict[str, Any], ids: dict[int, str]) -> dict[str, Any]:
    cart_id = int(raw["id"])
    order: dict[str, Any] = {
        "order_id": order_id(cart_id),
        "customer_id": str(raw["userId"]),
        "status": STATUS_BY_REMAINDER[cart_id % 10],
    }
    if cart_id % 3 != 0:
        placed = ORDER_EPOCH + timedelta(days=cart_id, minutes=(cart_id * 397) % 600)
        order["placed_at"] = placed.strftime("%Y-%m-%dT%H:%M:%SZ")
    order["items"] = [
        {
            "product_id": ids[item["id"]],
            "variant_id": None,
            "title": item["title"],
            "price": number(item["price"]),
            "quantity": int(item["quantity"]),
        }
        for item in raw["products"]
    ]
    order["tracking"] = None
    order["currency"] = "USD"
    return order


def policy_page(title: str, intro: str, order: tuple[str, ...], key: str, products: list[dict]) -> str:
    groups: dict[str, list[dict]] = {}
    for product in products:
        groups.setdefault(product["attributes"][key], []).append(product)
    unknown = sorted(set(groups) - set(order))
    lines = [f"# {title}", "", intro, ""]
    for sentence in [*[s for s in order if s in groups], *unknown]:
        members = groups[sentence]
        lines += [f"## {sentence}", ""]
        lines.append(f'These {len(members)} products state "{sentence}":')
        lines.append("")
        by_category: dict[str, list[str]] = {}
        for product in sorted(members, key=lambda p: (p["category"], p["title"], p["id"])):
            by_category.setdefault(product["category"], []).append(product["title"])
        for category, titles in by_category.items():
            lines.append(f"- {category}: {', '.join(titles)}.")
        lines.append("")
    return "\n".join(lines)


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    path.write_text(text, encoding="utf-8")


def convert(source: Path, out: Path) -> dict[str, int]:
    products_raw = json.loads((source / "products.json").read_text(encoding="utf-8"))
    users_raw = json.loads((source / "users.json").read_text(encoding="utf-8"))
    carts_raw = json.loads((source / "carts.json").read_text(encoding="utf-8"))
    # The API wraps lists in an envelope ({"products": [...]}); the database dump does not.
    products_raw = products_raw["products"] if isinstance(products_raw, dict) else products_raw
    users_raw = users_raw["users"] if isinstance(users_raw, dict) else users_raw
    carts_raw = carts_raw["carts"] if isinstance(carts_raw, dict) else carts_raw

    products_raw = sorted(products_raw, key=lambda p: p["id"])
    ids = {p["id"]: product_id(p) for p in products_raw}
    if len(set(ids.values())) != len(ids):
        raise SystemExit("DummyJSON skus are not unique; cannot use them as product ids")
    products = [convert_product(p) for p in products_raw]
    customers = [convert_customer(u) for u in sorted(users_raw, key=lambda u: u["id"])]
    orders = [convert_order(c, ids) for c in sorted(carts_raw, key=lambda c: c["id"])]

    out.mkdir(parents=True, exist_ok=True)
    policies = out / "policies"
    policies.mkdir(exist_ok=True)
    write_jsonl(out / "catalog.jsonl", products)
    write_jsonl(out / "customers.jsonl", customers)
    write_jsonl(out / "orders.jsonl", orders)
    pages = {
        "shipping.md": policy_page(
            "Shipping times",
            "How soon an order ships depends on the product: every product states one of the shipping "
            "times below, and each section lists the products it applies to.",
            SHIPPING_ORDER, "shipping", products,
        ),
        "returns.md": policy_page(
            "Returns",
            "The return window depends on the product: every product states one of the return policies "
            "below, and each section lists the products it applies to.",
            RETURNS_ORDER, "return_policy", products,
        ),
        "warranty.md": policy_page(
            "Warranty",
            "The warranty depends on the product: every product states one of the warranties below, and "
            "each section lists the products it applies to.",
            WARRANTY_ORDER, "warranty", products,
        ),
    }  # fmt: skip
    for name, text in pages.items():
        (policies / name).write_text(text, encoding="utf-8")
    for name in ("LICENSE.txt", "SOURCE.md"):
        if (source / name).exists():
            shutil.copyfile(source / name, out / name)
    return {"products": len(products), "customers": len(customers), "orders": len(orders)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    counts = convert(args.source, args.out)
    print(", ".join(f"{v} {k}" for k, v in counts.items()), "->", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
