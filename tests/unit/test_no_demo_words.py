"""Runtime code names no demo-store brand, compound attribute key or order id: the shop's data is
the vocabulary. Comments and docstrings may use them as examples; code, prompts, replies, lexicon
files and the web assets may not."""

from __future__ import annotations

import io
import json
import re
import tokenize
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "assistant"
DEMO = ROOT / "knowledge"
# Offline tooling that reads labelled demo sets by design; not what a shop's assistant runs.
NOT_RUNTIME = ("evaluation",)


@lru_cache(maxsize=1)
def demo_vocabulary() -> tuple[set[str], set[str], set[str]]:
    products = [
        json.loads(line) for line in (DEMO / "catalog.jsonl").read_text().splitlines() if line.strip()
    ]
    brands = {p["brand"] for p in products if p.get("brand")}
    keys: set[str] = set()
    for p in products:
        keys.update(p.get("attributes", {}))
        for v in p.get("variants", []):
            keys.update(v.get("attributes", {}))
    # Compound keys ("fits_phone", "weight_g") are the demo's own coinage; single words such as
    # "size", "color" or "material" are the contract's slots and plain English.
    compound = {k for k in keys if "_" in k}
    orders = {
        json.loads(line)["order_id"]
        for line in (DEMO / "orders.jsonl").read_text().splitlines()
        if line.strip()
    }
    return brands, compound, orders


def code_text(path: Path) -> str:
    """A Python file's names and string literals, without comments and docstrings."""
    source = path.read_text(encoding="utf-8")
    kept: list[str] = []
    previous = tokenize.INDENT
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.STRING and previous in (tokenize.INDENT, tokenize.NEWLINE, tokenize.DEDENT):
            previous = tok.type
            continue  # a docstring (an expression statement of a bare string)
        if tok.type in (tokenize.NAME, tokenize.STRING):
            kept.append(tok.string)
        if tok.type not in (tokenize.NL, tokenize.COMMENT):
            previous = tok.type
    return "\n".join(kept)


def runtime_files() -> list[Path]:
    files = [
        p
        for p in PACKAGE.rglob("*")
        if p.is_file()
        and p.suffix in {".py", ".yaml", ".txt", ".js", ".css"}
        and not any(part in NOT_RUNTIME for part in p.relative_to(PACKAGE).parts)
    ]
    return sorted(files)


def test_vocabulary_is_read() -> None:
    brands, keys, orders = demo_vocabulary()
    assert len(brands) > 10 and len(keys) > 10 and len(orders) > 10


def test_docstrings_and_comments_are_left_out() -> None:
    sample = '"""Mentions Stridewell."""\nx = 1  # weight_g\ny = "kept"\n'
    path = ROOT / "tests" / "unit" / "_sample_for_code_text.py"
    path.write_text(sample)
    try:
        text = code_text(path)
    finally:
        path.unlink()
    assert "Stridewell" not in text and "weight_g" not in text and '"kept"' in text


@pytest.mark.parametrize("path", runtime_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_runtime_file_names_no_demo_words(path: Path) -> None:
    brands, keys, orders = demo_vocabulary()
    text = code_text(path) if path.suffix == ".py" else path.read_text(encoding="utf-8")
    found = [b for b in brands if re.search(rf"\b{re.escape(b)}\b", text, re.I)]
    found += [k for k in keys if re.search(rf"(?<![\w]){re.escape(k)}(?![\w])", text)]
    found += [o for o in orders if re.search(rf"\b{re.escape(o)}\b", text)]
    assert not found, f"{path.relative_to(ROOT)} names demo-store words: {sorted(found)}"
