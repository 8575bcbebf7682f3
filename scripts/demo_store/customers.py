"""Customers and their hidden taste profiles (``eval/customer_tastes.jsonl``), which most orders follow."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from .appmodels import Customer
from .basics import one, weighted
from .draft import PHONE_FAMILIES
from .products import CATEGORIES
from .wording import FIRST_NAMES, LAST_NAMES

# Each customer has a hidden taste profile; most orders follow it so personalisation is learnable.
PERSONAS: dict[str, list[str]] = {
    "runner": ["Shoes > Running", "Accessories > Socks", "Clothing > T-Shirts", "Electronics > Headphones"],
    "hiker": [
        "Shoes > Hiking",
        "Outdoor > Camping",
        "Clothing > Jackets",
        "Bags > Backpacks",
        "Accessories > Socks",
    ],
    "commuter": [
        "Electronics > Headphones",
        "Electronics > Phone Cases",
        "Electronics > Chargers",
        "Bags > Backpacks",
        "Home > Office",
    ],
    "home cook": ["Home > Kitchen", "Home > Office", "Beauty > Skincare"],
    "skincare fan": ["Beauty > Skincare", "Clothing > T-Shirts", "Home > Kitchen"],
    "parent": ["Toys > Building Sets", "Bags > Backpacks", "Home > Kitchen", "Outdoor > Camping"],
    "wardrobe": ["Clothing > Jackets", "Clothing > T-Shirts", "Accessories > Socks", "Bags > Backpacks"],
}


@dataclass
class Taste:
    customer_id: str
    persona: str
    gender: str
    categories: list[str]
    brands: list[str]
    budget: str  # "budget" | "mid" | "premium": which third of a category's price range they buy from
    shoe_size: str
    clothing_size: str
    sock_size: str
    phone: str
    express: float  # share of orders sent express


def build_customers(rng: random.Random) -> tuple[list[Customer], list[Taste]]:
    customers: list[Customer] = []
    tastes: list[Taste] = []
    used: list[str] = []
    while len(customers) < 60:
        first, last = one(rng, FIRST_NAMES), one(rng, LAST_NAMES)
        if f"{first} {last}" in used:
            continue
        used.append(f"{first} {last}")
        cid = f"cust-{len(customers) + 1:03d}"
        style = rng.randrange(4)
        local = [
            f"{first}.{last}",
            f"{first}{last}",
            f"{first[0]}{last}",
            f"{first}.{last}{rng.randint(1, 99)}",
        ][style]
        domain = "example.com" if rng.random() < 0.7 else "example.org"
        customers.append(
            Customer(
                id=cid,
                name=f"{first} {last}",
                email=f"{local.lower()}@{domain}",
                zip=f"{rng.randint(1001, 99950):05d}",
            )
        )
        persona = one(rng, list(PERSONAS))
        categories = rng.sample(PERSONAS[persona], rng.choice([2, 3, 3]))
        brand_pool: list[str] = []
        for spec in CATEGORIES:
            if spec.name in categories:
                brand_pool += [b for b in spec.brands if b not in brand_pool]
        gender = one(rng, ["men", "women"])
        shoe = (
            one(rng, ["38", "39", "40", "41"])
            if gender == "women"
            else one(rng, ["41", "42", "43", "44", "45"])
        )
        sock = "S" if int(shoe) <= 38 else ("M" if int(shoe) <= 42 else "L")
        clothing = (
            one(rng, ["XS", "S", "M", "M", "L"])
            if gender == "women"
            else one(rng, ["S", "M", "L", "L", "XL", "XXL"])
        )
        tastes.append(Taste(
            customer_id=cid, persona=persona, gender=gender, categories=categories,
            brands=rng.sample(brand_pool, rng.choice([1, 2, 2, 3])),
            budget=weighted(rng, [("budget", 0.35), ("mid", 0.4), ("premium", 0.25)]),
            shoe_size=shoe, clothing_size=clothing, sock_size=sock, phone=one(rng, sorted(
                p for family in PHONE_FAMILIES.values() for p in family)),
            express=0.05 if rng.random() < 0.7 else 0.5,
        ))  # fmt: skip
    return customers, tastes


def taste_row(taste: Taste) -> dict[str, Any]:
    return {
        "customer_id": taste.customer_id, "persona": taste.persona, "gender": taste.gender,
        "favourite_categories": taste.categories, "favourite_brands": taste.brands, "budget": taste.budget,
        "shoe_size": taste.shoe_size, "clothing_size": taste.clothing_size, "sock_size": taste.sock_size,
        "phone": taste.phone,
    }  # fmt: skip
