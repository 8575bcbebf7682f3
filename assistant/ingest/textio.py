"""Reading source files as bytes and decoding them per line, so one bad byte costs one row, not the file."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.ingest.errors import ImportResult

_SNIFF_BYTES = 8192
_TEXT_CONTROL = {9, 10, 12, 13}  # tab, newline, form feed, carriage return


@dataclass(frozen=True)
class SourceLine:
    number: int  # 1-based, as an editor shows it
    text: str  # without the line terminator
    valid_utf8: bool


@dataclass(frozen=True)
class CsvRecord:
    line: int  # the line the record starts on
    values: dict[str, str]
    valid_utf8: bool  # False when any physical line of the record had undecodable bytes
    extra_fields: int  # values beyond the header's columns


def looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    control = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROL)
    return control > max(8, len(sample) // 20)


def load_lines(path: Path, result: ImportResult[Any]) -> list[SourceLine] | None:
    """The decoded lines of ``path``; None (with a file-level error in ``result``) when unusable."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        result.file_error(path.name, f"file not found: {path}")
        return None
    except OSError as exc:
        result.file_error(path.name, f"cannot read the file: {exc.strerror or exc}")
        return None
    # Spreadsheet programs save "Unicode text" as UTF-16 with a byte order mark.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            result.file_error(path.name, "not a text file (broken UTF-16)")
            return None
        lines = [SourceLine(n, raw.rstrip("\r"), True) for n, raw in enumerate(text.split("\n"), 1)]
        return _nonempty(lines, path, result)
    if looks_binary(data[:_SNIFF_BYTES]):
        result.file_error(path.name, "not a text file (binary content); expected UTF-8 text")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        raw = raw.rstrip(b"\r")
        try:
            lines.append(SourceLine(number, raw.decode("utf-8"), True))
        except UnicodeDecodeError:
            lines.append(SourceLine(number, raw.decode("utf-8", errors="replace"), False))
    return _nonempty(lines, path, result)


def _nonempty(lines: list[SourceLine], path: Path, result: ImportResult[Any]) -> list[SourceLine] | None:
    if lines and lines[-1].text == "":
        lines.pop()  # the file's final newline ends the last line, it does not start another
    if not any(line.text.strip() for line in lines):
        result.file_error(path.name, "the file is empty")
        return None
    return lines


def guess_delimiter(lines: list[SourceLine]) -> str:
    header = next((line.text for line in lines if line.text.strip()), "")
    return "\t" if header.count("\t") > header.count(",") else ","


def read_csv_records(lines: list[SourceLine], delimiter: str = ",") -> tuple[list[str], Iterator[CsvRecord]]:
    """The header (names stripped) and the data records, each with the line it starts on."""
    line_iter = iter(lines)
    consumed: list[SourceLine] = []

    def feed() -> Iterator[str]:
        for line in line_iter:
            consumed.append(line)
            yield line.text + "\n"

    reader = csv.reader(feed(), delimiter=delimiter)
    header: list[str] = []
    for row in reader:
        if any(cell.strip() for cell in row):
            header = [cell.strip() for cell in row]
            break
    consumed.clear()

    def records() -> Iterator[CsvRecord]:
        for row in reader:
            record_lines = list(consumed)
            consumed.clear()
            if not any(cell.strip() for cell in row):
                continue
            values = {name: (row[i] if i < len(row) else "") for i, name in enumerate(header)}
            yield CsvRecord(
                line=record_lines[0].number,
                values=values,
                valid_utf8=all(line.valid_utf8 for line in record_lines),
                extra_fields=max(0, len(row) - len(header)),
            )

    return header, records()
