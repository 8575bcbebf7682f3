"""The row loop every importer shares: decode, build, check for a duplicate id, keep or report."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from assistant.ingest.errors import ImportResult, RowError
from assistant.ingest.textio import SourceLine, guess_delimiter, load_lines, read_csv_records
from assistant.ingest.validate import FirstSeen, RowRejected

T = TypeVar("T")
Row = Mapping[str, Any] | RowRejected


class CsvRow(dict[str, str]):
    """A row that came from CSV/TSV: every value is a string and nested fields need unflattening."""


def bad_utf8() -> RowRejected:
    return RowRejected("encoding", "the line contains bytes that are not valid UTF-8")


def parse_json_line(line: SourceLine) -> Mapping[str, Any]:
    if not line.valid_utf8:
        raise bad_utf8()
    try:
        data = json.loads(line.text)
    except json.JSONDecodeError as exc:
        raise RowRejected("json", f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise RowRejected("json", f"expected a JSON object, got {type(data).__name__}")
    return data


def is_csv(path: Path, lines: list[SourceLine]) -> bool:
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv", ".txt"}:
        return True
    if suffix in {".jsonl", ".json", ".ndjson"}:
        return False
    first = next((line.text.lstrip() for line in lines if line.text.strip()), "")
    return not first.startswith("{")


def iter_rows(path: Path, result: ImportResult[Any]) -> Iterator[tuple[int, Row]]:
    """(line, row) for each record of a JSONL or CSV/TSV file; a row that cannot be read is a RowRejected."""
    lines = load_lines(path, result)
    if lines is None:
        return
    if not is_csv(path, lines):
        for line in lines:
            if line.text.strip():
                try:
                    yield line.number, parse_json_line(line)
                except RowRejected as exc:
                    yield line.number, exc
        return
    header, records = read_csv_records(lines, guess_delimiter(lines))
    for record in records:
        if not record.valid_utf8:
            yield record.line, bad_utf8()
        elif record.extra_fields:
            yield (
                record.line,
                RowRejected(
                    "row", f"has {len(header) + record.extra_fields} fields but the header has {len(header)}"
                ),
            )
        else:
            yield record.line, CsvRow(record.values)


def add_row(
    result: ImportResult[T],
    file: str,
    line: int,
    row: Row,
    build: Callable[[Mapping[str, Any]], T],
    seen: FirstSeen | None = None,
    key: Callable[[T], str] | None = None,
) -> T | None:
    """Builds one record into ``result``; a rejected row becomes a RowError and None is returned."""
    result.rows_read += 1
    try:
        if isinstance(row, RowRejected):
            raise row
        record = build(row)
        if seen is not None and key is not None:
            seen.claim(key(record), line)
    except RowRejected as exc:
        result.errors.append(RowError(file, line, exc.field, exc.message))
        return None
    result.records.append(record)
    return record


def read_keyed_rows(
    path: Path, build: Callable[[Mapping[str, Any]], T], key: Callable[[T], str]
) -> ImportResult[T]:
    """Every row of a JSONL or CSV file built into records; the first row with a key wins and a
    later one with the same key is a RowError naming both lines."""
    result: ImportResult[T] = ImportResult()
    seen = FirstSeen()
    for line, row in iter_rows(path, result):
        add_row(result, path.name, line, row, build, seen, key)
    return result
