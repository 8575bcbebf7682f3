"""The policy pages (``policies/*.md``): Markdown templates copied byte for byte into the store.

The numbers in them are the shop's rules, and ``faqs.py`` states them identically: change both together.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "policies"


def write_policies(out: Path) -> int:
    """Copy every policy page into ``out/policies/``; returns how many there are."""
    target = out / "policies"
    target.mkdir(parents=True, exist_ok=True)
    pages = sorted(TEMPLATES.glob("*.md"))
    for page in pages:
        (target / page.name).write_bytes(page.read_bytes())
    return len(pages)
