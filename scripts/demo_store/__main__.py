"""Generate the demo store in ``knowledge/``: catalog, FAQs, policy pages, customers and orders.

``python scripts/make_demo_store.py [--out DIR]``, or ``python -m demo_store [--out DIR]`` from ``scripts/``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .appmodels import ROOT
from .generate import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "knowledge", help="output directory (default: knowledge/)"
    )
    args = parser.parse_args(argv)
    counts = generate(args.out)
    print(" ".join(f"{key}={value}" for key, value in counts.items()), f"-> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
