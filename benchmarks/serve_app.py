"""The real app for the HTTP benchmarks, in its own process (so its memory can be measured alone):
`create_app(Assistant.from_settings(settings), settings)` under uvicorn on 127.0.0.1.

    python -m benchmarks.serve_app --data-dir DIR --port P
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.common import bench_settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    import uvicorn

    from assistant.assistant import Assistant
    from assistant.serve.app import create_app

    settings = bench_settings(args.data_dir, host="127.0.0.1", port=args.port)
    app = create_app(Assistant.from_settings(settings), settings)  # builds the demo index if missing
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", proxy_headers=False)


if __name__ == "__main__":
    main()
