"""The app's record models, the one import from the assistant package (run from any working directory)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.records import Customer, FaqEntry, Order, Product  # noqa: E402

__all__ = ["ROOT", "Customer", "FaqEntry", "Order", "Product"]
