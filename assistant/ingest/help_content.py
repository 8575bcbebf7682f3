"""FAQs (JSONL or CSV) and policies (Markdown files chunked by ``##`` heading, each chunk citable)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.ingest.errors import ImportResult, RowError
from assistant.ingest.rows import read_keyed_rows
from assistant.ingest.textio import load_lines
from assistant.ingest.validate import (
    FirstSeen,
    RowRejected,
    optional_text,
    rejection_from_validation,
    required_text,
)
from assistant.records import FaqEntry, PolicyChunk

MAX_CHUNK_CHARS = 1200
MARKDOWN_SUFFIXES = (".md", ".markdown")


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def build_faq(row: Mapping[str, Any]) -> FaqEntry:
    question = required_text(row, "question")
    # A FAQ without an id gets one from its question, so it stays stable when rows are reordered.
    faq_id = optional_text(row, "id") or f"faq-{slugify(question)[:60]}"
    try:
        return FaqEntry(
            id=faq_id,
            question=question,
            answer=required_text(row, "answer"),
            category=optional_text(row, "category"),
            url=optional_text(row, "url"),
        )
    except ValidationError as exc:
        raise rejection_from_validation(exc) from None


def read_faqs(path: Path) -> ImportResult[FaqEntry]:
    return read_keyed_rows(path, build_faq, lambda faq: faq.id)


@dataclass
class _Section:
    heading: str
    line: int
    lines: list[str] = field(default_factory=list)


_INLINE_MARKUP = (
    (re.compile(r"^#{3,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE), r"\1"),  # "### Remote areas" -> "Remote areas"
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url) -> text
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])[*_](?![\s*_])(.+?)(?<![\s*_])[*_](?![\w*])"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
)


def plain_markdown(text: str) -> str:
    """Snippets are shown to shoppers as text, so emphasis and link syntax go; lists stay readable."""
    for pattern, replacement in _INLINE_MARKUP:
        text = pattern.sub(replacement, text)
    return text


def split_paragraphs(text: str, limit: int = MAX_CHUNK_CHARS) -> list[str]:
    """Parts under ``limit`` characters, cut at blank lines, or at sentence ends inside a long paragraph."""
    pieces: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = paragraph.strip()
        if len(paragraph) <= limit:
            if paragraph:
                pieces.append(paragraph)
            continue
        sentences = re.split(r"(?<=[.!?])\s+", paragraph)
        pieces.extend(_pack(sentences, limit, " "))
    return _pack(pieces, limit, "\n\n")


def _pack(pieces: list[str], limit: int, joiner: str) -> list[str]:
    parts: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{joiner}{piece}" if current else piece
        if len(candidate) <= limit or not current:
            current = candidate
        else:
            parts.append(current)
            current = piece
    if current:
        parts.append(current)
    # A single sentence longer than the limit is cut hard; nothing else can keep the parts bounded.
    return [part[i : i + limit] for part in parts for i in range(0, len(part), limit)]


def read_policies(directory: Path) -> ImportResult[PolicyChunk]:
    result: ImportResult[PolicyChunk] = ImportResult()
    if not directory.is_dir():
        result.file_error(directory.name, f"not a directory: {directory}")
        return result
    files = sorted(path for path in directory.iterdir() if path.suffix.lower() in MARKDOWN_SUFFIXES)
    if not files:
        result.file_error(directory.name, "no Markdown (.md) policy files in the directory")
        return result
    for path in files:
        _read_policy_file(path, result)
    return result


def _read_policy_file(path: Path, result: ImportResult[PolicyChunk]) -> None:
    lines = load_lines(path, result)
    if lines is None:
        return
    title = ""
    sections: list[_Section] = []
    preamble = _Section("", 1)
    for line in lines:
        if not line.valid_utf8:
            result.errors.append(
                RowError(
                    path.name,
                    line.number,
                    "encoding",
                    "the line contains bytes that are not valid UTF-8; line left out",
                )
            )
            continue
        stripped = line.text.strip()
        if stripped.startswith("# ") and not title and not sections:
            title = stripped[2:].strip()
            preamble.line = line.number
        elif stripped.startswith("## "):
            sections.append(_Section(stripped[3:].strip().rstrip("#").strip(), line.number))
        else:
            (sections[-1] if sections else preamble).lines.append(line.text)
    document = title or path.stem.replace("-", " ").replace("_", " ").capitalize()
    preamble.heading = document
    seen = FirstSeen("heading")
    for section in [preamble, *sections]:
        text = plain_markdown("\n".join(section.lines)).strip()
        if section is preamble and not text:
            continue
        result.rows_read += 1
        if not text:
            result.skipped += 1  # a heading with nothing under it has nothing to cite
            continue
        slug = slugify(section.heading)
        try:
            seen.claim(slug, section.line)
        except RowRejected as exc:
            message = f"duplicate heading {section.heading!r}: {exc.message}"
            result.errors.append(RowError(path.name, section.line, "heading", message))
            continue
        for number, part in enumerate(split_paragraphs(text), 1):
            suffix = "" if number == 1 else f"-{number}"
            result.records.append(
                PolicyChunk(
                    id=f"{path.stem}#{slug}{suffix}",
                    source=f"policies/{path.name}#{section.heading}",
                    document=document,
                    heading=section.heading,
                    text=part,
                )
            )
