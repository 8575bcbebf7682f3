"""General-English words are data (assistant/understand/lexicon/*.yaml), loaded once, one table each,
and no runtime module of the understanding names a demo-store brand, attribute key or order id."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from assistant.config import PROJECT_ROOT
from assistant.understand import words
from assistant.understand.price import Work, read_limit, spell_digits

LEXICON = ("synonyms", "colours", "materials", "numbers", "bounds", "common", "retail_nouns", "signals")
UNDERSTAND = PROJECT_ROOT / "assistant" / "understand"


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in (key, *_leaves(item))]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


@pytest.mark.parametrize("name", LEXICON)
def test_every_lexicon_file_ships_as_package_data_and_holds_only_words_and_numbers(name: str) -> None:
    resource = files("assistant.understand").joinpath("lexicon", f"{name}.yaml")
    assert resource.is_file()
    data = words.lexicon(name)
    # YAML 1.1 reads bare yes/no/on/off as booleans: a word table must never hold one.
    odd = [
        leaf for leaf in _leaves(data) if isinstance(leaf, bool) or not isinstance(leaf, str | int | float)
    ]
    assert odd == [], f"lexicon/{name}.yaml holds non-words {odd}: quote them"


def test_the_lexicon_is_read_once() -> None:
    assert words.lexicon("numbers") is words.lexicon("numbers")


def test_number_words_compose_from_the_one_table() -> None:
    assert spell_digits("under forty five bucks").split() == ["under", "45", "bucks"]
    assert spell_digits("around a hundred and twenty dollars").split()[-2:] == ["120", "dollars"]
    assert read_limit(Work("list several options")) == words.QUANTITY_WORDS["several"]


def test_question_test_is_one_pattern_for_the_package() -> None:
    assert words.QUESTION_RE.search("does the blue one come in large")
    assert words.QUESTION_RE.search("blue one in large?")
    assert not words.QUESTION_RE.search("blue one in large")


@pytest.mark.parametrize(
    ("pattern", "table"),
    [
        (r'"seven"\s*:', "number words"),
        (r'"cheaper than",\s*"lower than"|less than\|cheaper than\|', "bound words"),
        (r'"sneaker"\s*:', "category synonyms"),
        (r'"maroon"\s*:', "near colours"),
        (r'"wool"\s*:\s*\(', "material kin"),
    ],
)
def test_no_runtime_module_writes_a_lexicon_table_again(pattern: str, table: str) -> None:
    offenders = [
        str(path.relative_to(PROJECT_ROOT))
        for path in (PROJECT_ROOT / "assistant").rglob("*.py")
        if re.search(pattern, path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], (
        f"{table} written again in {offenders}; import them from assistant.understand.words"
    )


def _demo_names() -> tuple[set[str], set[str], set[str]]:
    brands: set[str] = set()
    keys: set[str] = set()
    for line in (PROJECT_ROOT / "knowledge" / "catalog.jsonl").read_text(encoding="utf-8").splitlines():
        product = json.loads(line)
        brands.add(product.get("brand", "").strip().lower())
        for owner in [product, *product.get("variants", [])]:
            keys.update(owner.get("attributes", {}))
    orders: set[str] = set()
    orders_file = PROJECT_ROOT / "knowledge" / "orders.jsonl"
    if orders_file.exists():
        for line in orders_file.read_text(encoding="utf-8").splitlines()[:50]:
            orders.add(str(json.loads(line)["order_id"]).lower())
    # A key of one plain English word ("color", "waterproof") is a word any shop uses; the demo's
    # own vocabulary is its compound keys ("x_y"), its brands and its order ids.
    return {b for b in brands if b}, {k for k in keys if "_" in k}, orders


def _runtime_texts() -> dict[Path, str]:
    paths = [*UNDERSTAND.rglob("*.py"), *(UNDERSTAND / "lexicon").glob("*.yaml")]
    return {path: path.read_text(encoding="utf-8").lower() for path in paths}


def test_understanding_names_no_demo_brand_key_or_order_id() -> None:
    brands, keys, orders = _demo_names()
    assert brands and keys, "the demo catalog moved: this test must still see its names"
    found: list[str] = []
    for path, text in _runtime_texts().items():
        for name in sorted(brands | keys | orders | {"a10023"}):
            if re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
                found.append(f"{path.name}: {name}")
    assert found == []
