"""`assistant ingest|chat|serve|config|eval|describe|bench-models`."""

from __future__ import annotations

import argparse
import json
import os
import sys
import uuid
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


def _settings() -> object:
    from assistant.config import get_settings

    return get_settings()


def cmd_config(args: argparse.Namespace) -> int:
    from assistant.config import get_settings

    settings = get_settings()
    for key, value in settings.model_dump(mode="json").items():
        if key.endswith("api_key") and value:
            value = "***"
        print(f"ASSISTANT_{key.upper():<28} {value}")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    # Only this command: torch's OpenMP workers spin-wait between ops, which on a shared box holds
    # cores other workers need (ingest 50 -> 84 products/s at load 3.5 with passive waiting). It is
    # process-wide and libgomp reads it once, at the first torch import, so it must never reach a
    # process that also decodes: llama.cpp's OpenMP threads with passive waiting decode 40 tok/s
    # instead of 140 (docs/decisions.md). An explicit OMP_WAIT_POLICY still wins.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    from assistant.config import get_settings
    from assistant.ingest.mapped import parse_mapping
    from assistant.ingest.sync import Sources, ingest
    from assistant.storage.vectors import StoreError

    settings = get_settings()
    named = any((args.catalog, args.faq, args.policies, args.customers, args.orders))
    # Files named on the command line are the whole import: a kind not named keeps what the index
    # holds. With none named: the configured shop files, or the demo store into an empty data dir.
    sources: Sources | None = None
    if named:
        sources = Sources(
            catalog=[Path(p) for p in args.catalog or []],
            faq=Path(args.faq) if args.faq else None,
            policies=Path(args.policies) if args.policies else None,
            customers=Path(args.customers) if args.customers else None,
            orders=Path(args.orders) if args.orders else None,
            fmt=args.format,
            catalog_map=args.map or settings.catalog_map,
        )
    elif args.prune:
        sources = Sources()  # only empty the kinds named
    mapping = args.map or settings.catalog_map
    try:
        parse_mapping(mapping)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    checked = (("--faq", sources.faq), ("--policies", sources.policies)) if sources else ()
    for label, path in checked:
        if path is not None and not Path(path).exists():
            print(f"error: {label} {path} does not exist", file=sys.stderr)
            return 2
    try:
        report = ingest(
            settings, sources, dry_run=args.dry_run, progress=not args.quiet, prune_kinds=args.prune or ()
        )
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report.table())
    if "products" not in report.counts:  # no catalog in this import: products were left as they are
        if not report.counts and not report.pruned:
            print("nothing to import: name the shop's files, e.g. `assistant ingest --catalog FILE`.")
        return 0
    products = report.counts["products"]
    usable = report.imported("products") if not args.dry_run else products.read - products.rejected
    if usable <= 0:
        print(
            "error: no usable products were read; nothing to serve. Check the file and its format.",
            file=sys.stderr,
        )
        return 1
    if args.describe_missing and not args.dry_run:
        from assistant.compose.describe import describe_missing

        described = describe_missing(settings, write=True, progress=not args.quiet)
        print(f"descriptions: {described['missing']} products without one, {described['cached']} cached, "
              f"{described['generated']} written by the model, {described['template']} from the template; "
              f"{described['written_to']}")  # fmt: skip
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from assistant.assistant import Assistant

    assistant = Assistant.from_settings()
    session = args.session or f"cli-{uuid.uuid4().hex[:8]}"
    messages = [" ".join(args.message)] if args.message else None

    def turn(text: str) -> None:
        if args.json:
            print(assistant.chat(session, text).model_dump_json(indent=2))
            return
        for event in assistant.stream(session, text):
            if event.kind == "token":
                print(event.token, end="", flush=True)
        print()

    if messages:
        for text in messages:
            turn(text)
        return 0
    print("Shop assistant. Type a question; Ctrl-D to quit.")
    while True:
        try:
            text = input("> ").strip()
        except EOFError:
            print()
            return 0
        if text:
            turn(text[:2000])


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.config import Settings
    from assistant.serve.app import serve

    overrides = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    serve(Settings(**overrides))  # type: ignore[arg-type]
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.evaluation.run import main as run_eval

    return run_eval(args.only, getattr(args, "store", None))


def cmd_describe(args: argparse.Namespace) -> int:
    from assistant.compose.describe import describe_missing

    result = describe_missing(_settings(), write=not args.dry_run)  # type: ignore[arg-type]
    print(json.dumps(result, indent=2))
    return 0


def cmd_bench_models(args: argparse.Namespace) -> int:
    from benchmarks.bench_models import main as bench

    bench()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="Conversational shopping assistant")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("config", help="print the effective settings")
    p.set_defaults(func=cmd_config)
    p = sub.add_parser(
        "ingest",
        help="sync the shop's catalog, FAQs, policies, customers and orders into the index; "
        "a kind not named is left as it is",
    )
    p.add_argument("--catalog", action="append", help="product file (repeatable)")
    p.add_argument("--faq")
    p.add_argument("--policies")
    p.add_argument("--customers")
    p.add_argument("--orders")
    p.add_argument(
        "--format", default="auto", choices=["auto", "jsonl", "csv", "json", "mapped", "shopify", "gmc"]
    )
    p.add_argument(
        "--map",
        help="catalog field mapping for a flat JSON/CSV file: target=source pairs "
        "(title=name,price=cost,category=type,stock=quantity) or a YAML file of them; "
        "fields not named are found by their usual names",
    )
    p.add_argument(
        "--prune",
        action="append",
        choices=["catalog", "faq", "policies", "customers", "orders"],
        help="empty this kind of record before importing (repeatable)",
    )
    p.add_argument("--dry-run", action="store_true", help="validate only; write nothing")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.add_argument(
        "--describe-missing",
        action="store_true",
        help="then draft checked descriptions for products without one (cached by content; for review)",
    )
    p.set_defaults(func=cmd_ingest)
    p = sub.add_parser("chat", help="chat in the terminal (or answer the given message)")
    p.add_argument("message", nargs="*")
    p.add_argument("--session")
    p.add_argument("--json", action="store_true", help="print the whole Reply as JSON")
    p.set_defaults(func=cmd_chat)
    p = sub.add_parser("serve", help="serve web chat, API and widget")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("eval", help="score the assistant on the labelled sets (writes a report)")
    p.add_argument(
        "--only", nargs="*", help="retrieval, help, orders, conversations, gate, intents, personal"
    )
    p.add_argument("--store", action="append", help="store to measure (repeatable): demo, dummyjson, ...")
    p.set_defaults(func=cmd_eval)
    p = sub.add_parser("describe", help="write descriptions for products that lack one")
    p.add_argument("--missing", action="store_true", default=True)
    p.add_argument("--dry-run", action="store_true")
    p.set_defaults(func=cmd_describe)
    p = sub.add_parser("bench-models", help="load time and throughput of each model backend")
    p.set_defaults(func=cmd_bench_models)
    return parser


def main(argv: list[str] | None = None) -> int:
    from pydantic import ValidationError

    from assistant.serve.logging_setup import install_pii_filter
    from assistant.storage.sqlite import DatabaseError
    from assistant.storage.vectors import StoreError

    install_pii_filter()  # emails, phones, cards, addresses and ZIPs never reach the log
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (StoreError, DatabaseError) as exc:  # a damaged data dir: say what to do, no traceback
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValidationError as exc:  # a bad ASSISTANT_* setting: name it and what it accepts
        for err in exc.errors():
            name = "ASSISTANT_" + "_".join(str(part) for part in err["loc"]).upper()
            print(f"error: {name}={err.get('input')!r}: {err['msg']}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
