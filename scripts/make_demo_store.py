"""Generate the demo store in ``knowledge/``: a thin shim over the ``scripts/demo_store/`` package.

Run ``python scripts/make_demo_store.py [--out DIR]``; ``tests/unit/test_demo_store.py`` runs it and compares
the output byte for byte with the committed files.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from demo_store.__main__ import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
