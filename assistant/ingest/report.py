"""The import summary the CLI prints: a count table, then every rejected row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assistant.ingest.errors import ImportResult


def format_import_report(results: Mapping[str, ImportResult[Any]], max_errors: int = 200) -> str:
    columns = ("source", "rows read", "imported", "rejected", "skipped")
    rows = [
        (name, str(result.rows_read), str(len(result.records)), str(result.rejected), str(result.skipped))
        for name, result in results.items()
    ]
    widths = [max(len(cell) for cell in column) for column in zip(columns, *rows, strict=False)]

    def render(cells: tuple[str, ...]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join((first, *rest)).rstrip()

    lines = [render(columns), render(tuple("-" * width for width in widths))]
    lines.extend(render(row) for row in rows)
    errors = [error for result in results.values() for error in result.errors]
    incomplete = [name for name, result in results.items() if not result.complete]
    if incomplete:
        lines.append(f"\nnot read to the end (nothing deleted for these): {', '.join(incomplete)}")
    if errors:
        lines.append(f"\n{len(errors)} error(s):")
        lines.extend(f"  {error}" for error in errors[:max_errors])
        if len(errors) > max_errors:
            lines.append(f"  ... and {len(errors) - max_errors} more")
    return "\n".join(lines)
