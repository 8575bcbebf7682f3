"""Re-render the demo store (``knowledge/``) into ``knowledge/stores/reshaped/`` in other shapes.

Run ``python scripts/stores/reshape_demo.py [--src DIR] [--out DIR]``. Plain Python, no imports from
``assistant``; the output is a pure function of the demo store files (same bytes on every run).

The facts stay the demo store's; only their shape changes, the way another shop's export would:

* a subset of the catalog: about 18% of each category (at least 5 products, evenly spaced by id), so
  every category stays represented (444 -> 80 products);
* product ids are Shopify-style handles made from the title (``solenne-morning-daily-...``);
  variant ids (the SKUs) are unchanged; order items point at the same handles;
* no ``brand`` field at all (brand names stay where the demo store put them, in titles);
* attribute keys with spaces instead of underscores (``skin type``, ``fits phone``);
* booleans as strings: ``yes``/``no`` for some products, ``true``/``false`` for others
  (chosen by a CRC of the product id);
* numbers with units as strings, the unit moved from the key into the value: ``weight_g: 1819`` ->
  ``weight: "1.82 kg"``, ``weight_g: 295`` -> ``"295 g"`` or ``"295g"``, ``capacity_l: 30`` ->
  ``capacity: "30 L"``, ``capacity_mah`` -> ``"20000mAh"``, ``wattage_w`` -> ``"65W"`` and so on;
  unitless numbers become plain strings (``pieces: "533"``). The demo store has no percentage
  attribute, so there is none here either;
* descriptions wrapped in simple HTML: the first sentence in ``<p>``, further sentences as a
  ``<ul><li>`` list;
* order ids ``A10023`` -> ``#SH-10023``; ``placed_at`` dropped on every fourth order (by number);
  customers and policy pages unchanged; FAQs unchanged but for their URLs (moved to the reshaped
  shop) and faq-037, which names the order-number format ("starts with #SH-" instead of "A");
* ``shopify_products.csv``: the same catalog as a Shopify product CSV export (one row per variant;
  continuation rows carry only Handle, options and variant columns). Shopify's CSV has no place for
  free-form attributes, so only options (Size, Color, Fits phone) and the variant weight in grams
  survive there; ``Type`` holds the category path and ``Vendor`` is empty, as there is no brand.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import shutil
import sys
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SRC = ROOT / "knowledge"
DEFAULT_OUT = ROOT / "knowledge" / "stores" / "reshaped"
SHARE = 80 / 444  # products kept per category, as a share of the category
MIN_PER_CATEGORY = 5
SHOP_URL = "https://reshaped-shop.example"
DEMO_URL = "https://demo-shop.example"

# key suffix or key -> (new key, formats); a format is picked by the product's CRC when several apply
UNITS: dict[str, tuple[str, tuple[str, ...]]] = {
    "capacity_l": ("capacity", ("{v} L",)),
    "capacity_mah": ("capacity", ("{v}mAh",)),
    "capacity_persons": ("capacity", ("{v} person",)),
    "wattage_w": ("wattage", ("{v}W", "{v} W")),
    "battery_hours": ("battery life", ("{v} hours", "{v}h")),
    "battery_months": ("battery life", ("{v} months",)),
    "case_battery_hours": ("case battery life", ("{v} hours", "{v}h")),
    "volume_ml": ("volume", ("{v} ml", "{v}ml")),
    "drop_mm": ("drop", ("{v} mm", "{v}mm")),
    "driver_mm": ("driver size", ("{v} mm", "{v}mm")),
    "lug_mm": ("lug depth", ("{v} mm",)),
    "waterproof_rating_mm": ("waterproof rating", ("{v} mm",)),
    "drop_tested_m": ("drop tested", ("{v} m",)),
    "cable_length_m": ("cable length", ("{v} m",)),
    "blade_cm": ("blade length", ("{v} cm",)),
    "diameter_cm": ("diameter", ("{v} cm",)),
    "length_cm": ("length", ("{v} cm",)),
    "width_cm": ("width", ("{v} cm",)),
    "fabric_weight_gsm": ("fabric weight", ("{v} gsm",)),
    "oven_safe_c": ("oven safe to", ("{v} °C",)),
    "temp_rating_c": ("temperature rating", ("{v} °C", "{v}°C")),
    "max_load_kg": ("max load", ("{v} kg",)),
    "laptop_max_in": ("laptop size", ('{v}"', "{v} in")),
    "filter_microns": ("filter size", ("{v} micron",)),
    "lumens": ("brightness", ("{v} lm", "{v} lumens")),
    "litres_lifetime": ("filter lifetime", ("{v} L",)),
    "spf": ("spf", ("SPF {v}",)),
    "age_min": ("age", ("{v}+",)),
}


def crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def plain_number(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def weight_text(grams: float | int, pick: int) -> str:
    if grams >= 1000:
        return f"{grams / 1000:.2f}".rstrip("0").rstrip(".") + " kg"
    return ("{v} g", "{v}g")[pick % 2].format(v=plain_number(grams))


def reshape_value(key: str, value: Any, pick: int) -> tuple[str, Any]:
    if isinstance(value, bool):
        words = ("yes", "no") if pick % 2 == 0 else ("true", "false")
        return key.replace("_", " "), words[0] if value else words[1]
    if key == "weight_g" and isinstance(value, int | float):
        return "weight", weight_text(value, pick >> 1)
    if key in UNITS and isinstance(value, int | float):
        new_key, formats = UNITS[key]
        return new_key, formats[(pick >> 2) % len(formats)].format(v=plain_number(value))
    if isinstance(value, int | float):
        return key.replace("_", " "), plain_number(value)
    return key.replace("_", " "), value


def reshape_attributes(attributes: dict[str, Any], pick: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in attributes.items():
        new_key, new_value = reshape_value(key, value, pick)
        if new_key in out:  # never silently merge two facts into one key
            raise SystemExit(f"attribute key clash on {new_key!r}")
        out[new_key] = new_value
    return out


def html_description(text: str) -> str:
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]
    if not sentences:
        return ""
    if len(sentences) < 3:
        return f"<p>{' '.join(sentences)}</p>"
    items = "".join(f"<li>{s}</li>" for s in sentences[1:])
    return f"<p>{sentences[0]}</p><ul>{items}</ul>"


def pick_subset(products: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_category: dict[str, list[dict[str, Any]]] = {}
    for product in products:
        by_category.setdefault(product["category"], []).append(product)
    keep: set[str] = set()
    for members in by_category.values():
        members = sorted(members, key=lambda p: p["id"])
        count = min(len(members), max(MIN_PER_CATEGORY, round(len(members) * SHARE)))
        for i in range(count):
            keep.add(members[int((i + 0.5) * len(members) / count)]["id"])
    return [p for p in products if p["id"] in keep]


def reshape_product(product: dict[str, Any], handles: dict[str, str]) -> dict[str, Any]:
    pick = crc(product["id"])
    handle = handles[product["id"]]
    return {
        "id": handle,
        "title": product["title"],
        "description": html_description(product.get("description", "")),
        "category": product.get("category", ""),
        "price": product["price"],
        "currency": product.get("currency", "USD"),
        "attributes": reshape_attributes(product.get("attributes", {}), pick),
        "variants": [
            {
                "id": v["id"],
                "attributes": reshape_attributes(v.get("attributes", {}), pick),
                "price": v.get("price"),
                "in_stock": v.get("in_stock", True),
            }
            for v in product.get("variants", [])
        ],
        "in_stock": product.get("in_stock", True),
        "rating": product.get("rating"),
        "review_count": product.get("review_count", 0),
        "tags": product.get("tags", []),
        "image_url": product.get("image_url", ""),
        "url": f"{SHOP_URL}/products/{handle}",
        "reviews": product.get("reviews", []),
    }


def reshape_order_id(order_id: str) -> str:
    digits = re.sub(r"\D", "", order_id)
    return f"#SH-{digits}"


def reshape_order(order: dict[str, Any], handles: dict[str, str]) -> dict[str, Any]:
    number = int(re.sub(r"\D", "", order["order_id"]))
    out: dict[str, Any] = {
        "order_id": reshape_order_id(order["order_id"]),
        "customer_id": order["customer_id"],
        "status": order["status"],
    }
    if number % 4 != 0:
        out["placed_at"] = order["placed_at"]
    out["items"] = [{**item, "product_id": handles[item["product_id"]]} for item in order["items"]]
    out["tracking"] = order.get("tracking")
    out["currency"] = order.get("currency", "USD")
    return out


def reshape_faq(faq: dict[str, Any]) -> dict[str, Any]:
    """Unchanged but for the URL, and the one answer that names the demo store's order-number format."""
    answer = faq["answer"].replace(
        "order number, which starts with A,", "order number, which starts with #SH-,"
    )
    return {**faq, "answer": answer, "url": faq.get("url", "").replace(DEMO_URL, SHOP_URL)}


SHOPIFY_COLUMNS = (
    "Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Type", "Tags", "Published",
    "Option1 Name", "Option1 Value", "Option2 Name", "Option2 Value", "Option3 Name", "Option3 Value",
    "Variant SKU", "Variant Grams", "Variant Inventory Tracker", "Variant Inventory Qty",
    "Variant Inventory Policy", "Variant Fulfillment Service", "Variant Price", "Variant Compare At Price",
    "Variant Requires Shipping", "Variant Taxable", "Variant Barcode", "Image Src", "Image Position",
    "Image Alt Text", "Gift Card", "SEO Title", "SEO Description", "Variant Image", "Variant Weight Unit",
    "Status",
)  # fmt: skip


def money(value: float) -> str:
    return f"{value:.2f}"


def option_label(key: str) -> str:
    return key[:1].upper() + key[1:]


def shopify_rows(product: dict[str, Any], demo: dict[str, Any]) -> list[dict[str, str]]:
    grams = demo.get("attributes", {}).get("weight_g")
    grams_text = str(int(grams)) if isinstance(grams, int | float) and not isinstance(grams, bool) else "0"
    head = {
        "Handle": product["id"],
        "Title": product["title"],
        "Body (HTML)": product["description"],
        "Vendor": "",
        "Product Category": "",
        "Type": product["category"],
        "Tags": ", ".join(product["tags"]),
        "Published": "true",
        "Image Src": product["image_url"],
        "Image Position": "1" if product["image_url"] else "",
        "Gift Card": "false",
        "Status": "active",
    }
    variants = product["variants"]
    if not variants:
        variants = [{"id": demo["id"], "attributes": {}, "price": None, "in_stock": product["in_stock"]}]
        option_keys: list[str] = []
    else:
        option_keys = []
        for variant in variants:
            option_keys += [k for k in variant["attributes"] if k not in option_keys]
        if len(option_keys) > 3:
            raise SystemExit(f"{product['id']}: Shopify allows 3 options, not {option_keys}")
    rows = []
    for index, variant in enumerate(variants):
        row = dict.fromkeys(SHOPIFY_COLUMNS, "")
        if index == 0:
            row.update(head)
        row["Handle"] = product["id"]
        if option_keys:
            for slot, key in enumerate(option_keys, 1):
                if index == 0:
                    row[f"Option{slot} Name"] = option_label(key)
                row[f"Option{slot} Value"] = str(variant["attributes"].get(key, ""))
        else:
            row["Option1 Name"], row["Option1 Value"] = "Title", "Default Title"
        price = variant["price"] if variant.get("price") is not None else product["price"]
        stock = 0 if not variant["in_stock"] else 3 + crc(variant["id"]) % 40
        row.update({
            "Variant SKU": variant["id"],
            "Variant Grams": grams_text,
            "Variant Inventory Tracker": "shopify",
            "Variant Inventory Qty": str(stock),
            "Variant Inventory Policy": "deny",
            "Variant Fulfillment Service": "manual",
            "Variant Price": money(price),
            "Variant Requires Shipping": "true",
            "Variant Taxable": "true",
            "Variant Weight Unit": "g",
        })  # fmt: skip
        rows.append(row)
    return rows


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def reshape(src: Path, out: Path) -> dict[str, int]:
    catalog = read_jsonl(src / "catalog.jsonl")
    handles = {p["id"]: slugify(p["title"]) for p in catalog}
    if len(set(handles.values())) != len(handles):
        raise SystemExit("two demo titles give the same handle")
    subset = pick_subset(catalog)
    products = [reshape_product(p, handles) for p in subset]
    orders = [reshape_order(o, handles) for o in read_jsonl(src / "orders.jsonl")]
    faqs = [reshape_faq(f) for f in read_jsonl(src / "faqs.jsonl")]

    out.mkdir(parents=True, exist_ok=True)
    write_jsonl(out / "catalog.jsonl", products)
    write_jsonl(out / "orders.jsonl", orders)
    write_jsonl(out / "faqs.jsonl", faqs)
    shutil.copyfile(src / "customers.jsonl", out / "customers.jsonl")
    policies = out / "policies"
    policies.mkdir(exist_ok=True)
    for page in sorted((src / "policies").glob("*.md")):
        shutil.copyfile(page, policies / page.name)

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SHOPIFY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    demo_by_id = {p["id"]: p for p in subset}
    for product, demo in zip(products, subset, strict=True):
        writer.writerows(shopify_rows(product, demo_by_id[demo["id"]]))
    (out / "shopify_products.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return {"products": len(products), "orders": len(orders), "faqs": len(faqs)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    counts = reshape(args.src, args.out)
    print(", ".join(f"{v} {k}" for k, v in counts.items()), "->", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
