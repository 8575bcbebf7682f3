"""The vectorised variant table (`catalog.VariantTable`, used by `ProductRetriever._allowed`) returns
exactly what `match_variant` returns on every product: the same products, the same variant each.

Over the demo catalog plus hand-made edge products (mixed bool/int/float/text values, -0.0, a NaN
price, out-of-stock products without variants, an empty brand, a variant key that is also a product
key), with random constraints drawn from the catalog's own values and spelled in other ways.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.contracts import Constraints
from assistant.records import Product, Variant
from assistant.retrieve.catalog import Catalog
from assistant.retrieve.matching import match_variant
from assistant.retrieve.products import ProductRetriever
from assistant.storage.vectors import VectorStore

ROOT = Path(__file__).resolve().parents[2]


def _edge_products() -> list[Product]:
    def v(vid: str, price: float | None = None, in_stock: bool = True, **attrs: Any) -> Variant:
        return Variant(id=vid, attributes=attrs, price=price, in_stock=in_stock)

    return [
        Product(id="e1", title="Odd boot", category="Shoes > Hiking", brand="", price=10.0,
                attributes={"waterproof": 1, "material": "Full-grain Leather", "weight_g": 1.0},
                variants=[v("e1-a", size=42), v("e1-b", 9.0, size="42", color="Black"),
                          v("e1-c", 9.0, size=42.0, color=" black "), v("e1-d", 12.0, False, size="43")]),
        Product(id="e2", title="Bool boot", category="Shoes > Hiking", brand="Peakline", price=0.0,
                attributes={"waterproof": True, "color": "brown", "weight_g": -0.0, "material": "leather"},
                variants=[v("e2-a", 0.0, size="42", waterproof=False), v("e2-b", -0.0, size="43"),
                          v("e2-c", 5.0, size="M", material="Leather")]),
        Product(id="e3", title="Nan boot", category="Shoes > Hiking", brand="Stride", price=20.0,
                attributes={"color": "red"},
                variants=[v("e3-a", float("nan"), size="42"), v("e3-b", 30.0, size="42")]),
        Product(id="e4", title="Gone tent", category="Outdoor > Tents", brand="Stride", price=99.0,
                in_stock=False, attributes={"capacity_persons": 2, "color": "green"}),
        Product(id="e5", title="Plain tent", category="Outdoor > Tents", brand="stride", price=120.0,
                attributes={"capacity_persons": "2", "color": "Green", "material": "nylon ripstop"}),
        Product(id="e6", title="Case", category="Electronics > Phone cases", brand="Shellco", price=15.0,
                attributes={"color": "clear", "size": "M"},
                variants=[v("e6-a", fits_phone="Pixel 8", in_stock=False),
                          v("e6-b", 15.0, fits_phone="iPhone 15"), v("e6-c", 14.0, fits_phone="iPhone 15"),
                          v("e6-d", 14.0, fits_phone="Pixel 8")]),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    lines = (ROOT / "knowledge" / "catalog.jsonl").read_text(encoding="utf-8").splitlines()
    products = [Product.model_validate(json.loads(line)) for line in lines if line.strip()]
    return Catalog(products + _edge_products())


def _vocab(products: list[Product]) -> dict[str, Any]:
    keys: dict[str, set[Any]] = {}
    for p in products:
        for key, value in p.attributes.items():
            keys.setdefault(key, set()).add(value)
        for var in p.variants:
            for key, value in var.attributes.items():
                keys.setdefault(key, set()).add(value)
    categories = sorted({p.category for p in products})
    prefixes = sorted({c.split(" > ")[0] for c in categories})
    return {
        "categories": categories + prefixes + ["Nothing > Here"],
        "brands": [*sorted({p.brand for p in products}), "Nobody"],
        "prices": sorted(
            {p.price for p in products} | {v.price for p in products for v in p.variants if v.price}
        ),
        "values": {k: sorted(vals, key=repr) for k, vals in keys.items()},
    }


_LINES = (ROOT / "knowledge" / "catalog.jsonl").read_text(encoding="utf-8").splitlines()
VOCAB = _vocab([Product.model_validate(json.loads(x)) for x in _LINES if x.strip()] + _edge_products())
KEYS = sorted(VOCAB["values"])


def _respell(value: Any) -> st.SearchStrategy[Any]:
    """The value itself, or another spelling `_same` may or may not equate with it."""
    options: list[Any] = [value]
    if isinstance(value, str):
        options += [value.upper(), f" {value.lower()} ", value.split(" ")[-1]]
    elif isinstance(value, bool):
        options += [not value, int(value), str(value).lower()]
    else:
        options += [str(value), float(value), int(value) if float(value).is_integer() else value]
    return st.sampled_from(options)


def _value_of(key: str) -> st.SearchStrategy[Any]:
    return st.sampled_from(VOCAB["values"][key]).flatmap(_respell)


def _price() -> st.SearchStrategy[float | None]:
    return st.one_of(st.none(), st.sampled_from(VOCAB["prices"]), st.floats(0, 400, allow_nan=False))


def _sometimes(strategy: st.SearchStrategy[Any], empty: Any) -> st.SearchStrategy[Any]:
    """Mostly unset, so that drawn constraints still match something fairly often."""
    return st.one_of(st.just(empty), st.just(empty), strategy)


MEASURED = [
    k for k in KEYS if any(isinstance(v, int | float) and not isinstance(v, bool) for v in VOCAB["values"][k])
]


def _bound() -> st.SearchStrategy[float | None]:
    return st.one_of(st.none(), st.floats(-10, 30000, allow_nan=False), st.sampled_from([0.0, 2.0, 500.0]))


@st.composite
def constraints(draw: st.DrawFn) -> Constraints:
    keys = draw(_sometimes(st.lists(st.sampled_from(KEYS), min_size=1, max_size=3, unique=True), []))
    excluded = draw(_sometimes(st.lists(st.sampled_from(KEYS), min_size=1, max_size=2, unique=True), []))
    brands = draw(_sometimes(st.lists(st.sampled_from(VOCAB["brands"]), min_size=1, max_size=2), []))
    return Constraints(
        categories=draw(
            _sometimes(st.lists(st.sampled_from(VOCAB["categories"]), min_size=1, max_size=2), [])
        ),
        price_min=draw(_sometimes(_price(), None)),
        price_max=draw(_sometimes(_price(), None)),
        brands=[draw(st.sampled_from([b, b.upper()])) for b in brands],
        exclude_brands=draw(
            _sometimes(st.lists(st.sampled_from(VOCAB["brands"]), min_size=1, max_size=2), [])
        ),
        colors=draw(_sometimes(st.lists(_value_of("color"), min_size=1, max_size=3), [])),
        exclude_colors=draw(_sometimes(st.lists(_value_of("color"), min_size=1, max_size=2), [])),
        sizes=draw(_sometimes(st.lists(_value_of("size"), min_size=1, max_size=3), [])),
        attributes={k: draw(_value_of(k)) for k in keys},
        attributes_also={
            k: draw(_sometimes(st.lists(_value_of(k), min_size=1, max_size=2), [])) for k in keys
        },
        exclude_attributes={k: draw(st.lists(_value_of(k), max_size=2)) for k in excluded},
        ranges=draw(
            _sometimes(
                st.dictionaries(
                    st.sampled_from([*MEASURED, "size"]), st.tuples(_bound(), _bound()), max_size=2
                ),
                {},
            )
        ),
        sort=draw(st.sampled_from(["relevance", "price_asc", "price_desc", "rating"])),
    )


def _retriever(catalog: Catalog) -> ProductRetriever:
    return ProductRetriever(catalog, cast(VectorStore, None), lambda text: np.zeros(1, dtype=np.float32))


def _reference(catalog: Catalog, c: Constraints) -> list[tuple[int, str | None]]:
    out = []
    for i, product in enumerate(catalog.products):
        ok, variant = match_variant(product, c)
        if ok:
            out.append((i, None if variant is None else variant.id))
    return out


def _vectorised(catalog: Catalog, c: Constraints) -> list[tuple[int, str | None]]:
    retriever = _retriever(catalog)
    positions, variants = retriever._allowed(c)
    out = []
    for i in positions.tolist():
        variant = retriever._variant(i, c, variants)
        out.append((i, None if variant is None else variant.id))
    return out


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(c=constraints())
def test_table_matches_match_variant_on_every_product(catalog: Catalog, c: Constraints) -> None:
    assert _vectorised(catalog, c) == _reference(catalog, c)


@pytest.mark.parametrize(
    "c",
    [
        Constraints(),
        Constraints(categories=["Shoes"], sort="price_desc"),
        Constraints(sizes=["42"]),
        Constraints(sizes=["42"], sort="price_desc"),
        Constraints(colors=["black"], exclude_colors=["Black"]),
        Constraints(attributes={"waterproof": True}),
        Constraints(attributes={"waterproof": 1}),
        Constraints(attributes={"weight_g": "0.0"}),
        Constraints(attributes={"weight_g": 0}),
        Constraints(attributes={"material": "leather"}),
        Constraints(exclude_attributes={"material": ["leather"]}),
        Constraints(attributes={"color": "clear"}),
        Constraints(attributes={"size": "M"}),
        Constraints(attributes={"fits_phone": "iphone 15"}),
        Constraints(attributes={"capacity_persons": 2}),
        Constraints(attributes={"fits_phone": "Pixel 8"}, attributes_also={"fits_phone": ["iphone 15"]}),
        Constraints(attributes={"material": "nylon"}, attributes_also={"material": ["Leather"]}),
        Constraints(attributes={"gender": "women"}, attributes_also={"gender": ["unisex"]}),
        Constraints(price_min=25.0, price_max=35.0, categories=["Shoes > Hiking"]),
        Constraints(colors=["red"], sort="price_desc"),
        Constraints(exclude_brands=[""], brands=["stride"]),
    ],
)
def test_edge_cases(catalog: Catalog, c: Constraints) -> None:
    assert _vectorised(catalog, c) == _reference(catalog, c)


def test_products_the_table_cannot_decide_keep_the_python_check(catalog: Catalog) -> None:
    nan_product = catalog.position["e3"]
    assert catalog.variant_table.python_only[nan_product]
    assert int(catalog.variant_table.python_only.sum()) == 1


def test_unexpected_value_types_fall_back_to_match_variant(catalog: Catalog) -> None:
    c = Constraints(colors=[cast(str, None)])
    assert not catalog.variant_table.can_decide(c)
    assert _vectorised(catalog, c) == _reference(catalog, c)


def test_every_constraint_field_is_known_to_the_table() -> None:
    """A new hard constraint must be taught to `VariantTable` (and listed in `_DECIDED`); until then
    constraints setting it take the `match_variant` path."""
    import dataclasses

    from assistant.retrieve import catalog as module

    assert {f.name for f in dataclasses.fields(Constraints)} == module._DECIDED
    assert module._UNDECIDED == ()
