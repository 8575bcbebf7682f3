"""Run the shop assistant: web chat at /, API under /api and /v1, widget at /widget.js.

    python app.py [--host H] [--port P] [--data-dir DIR]

Every option can also come from the environment (ASSISTANT_HOST, ASSISTANT_PORT, ASSISTANT_DATA_DIR).
The first start builds the search index from the shop files the settings name; with none named and
an empty data dir, from the demo store (and says so).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

# Set before gradio is imported anywhere: a shop's box should not phone home.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--host", help="interface to listen on (env ASSISTANT_HOST, default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (env ASSISTANT_PORT, default 7860)")
    parser.add_argument("--data-dir", type=Path, help="index and session store (env ASSISTANT_DATA_DIR)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from assistant.serve.logging_setup import install_pii_filter

    install_pii_filter()  # emails, phones, cards, addresses and ZIPs never reach the log
    from assistant.config import Settings

    overrides = {
        key: value
        for key, value in (("host", args.host), ("port", args.port), ("data_dir", args.data_dir))
        if value is not None
    }
    settings = Settings(**overrides)
    try:
        from assistant.assistant import Assistant  # noqa: F401  (fail here, with a clear message)
        from assistant.serve.app import serve
    except ImportError as exc:
        print(
            f"Could not load the assistant ({exc}).\n"
            "Install the project and its models first: `make install` (or `pip install -e .[dev]`).",
            file=sys.stderr,
        )
        return 1
    from assistant.storage.sqlite import DatabaseError
    from assistant.storage.vectors import StoreError

    print(f"Starting the shop assistant on http://{settings.host}:{settings.port}")
    print("The first start builds the search index; later starts reuse it.")
    try:
        _say_which_store(settings)
        serve(settings)
    except (StoreError, DatabaseError) as exc:  # a damaged data dir: say what to do, no traceback
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _say_which_store(settings: object) -> None:
    """A fresh clone serves the demo store: say so, and how a shop loads its own data instead."""
    from assistant.config import Settings
    from assistant.ingest.sync import DEMO_NOTE, resolve_sources

    assert isinstance(settings, Settings)
    if resolve_sources(settings).origin == "demo":
        print(DEMO_NOTE[:1].upper() + DEMO_NOTE[1:])
        logging.getLogger("app").info("%s", DEMO_NOTE)


if __name__ == "__main__":
    sys.exit(main())
