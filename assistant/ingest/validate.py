"""Field checks shared by every importer. Each raises RowRejected naming the field at fault."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

from pydantic import ValidationError

from assistant.records import MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS

__all__ = [
    "MAX_DESCRIPTION_CHARS",
    "MAX_TITLE_CHARS",
    "FirstSeen",
    "RowRejected",
    "check_length",
    "html_to_text",
    "optional_text",
    "parse_bool",
    "parse_currency",
    "parse_money",
    "parse_price",
    "rejection_from_validation",
    "required_text",
]


class RowRejected(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


_CURRENCY_SYMBOLS = "$€£¥"
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_ISO_CURRENCY = re.compile(r"^[A-Za-z]{3}$")
_BOOL_WORDS = {
    "true": True,
    "yes": True,
    "y": True,
    "1": True,
    "false": False,
    "no": False,
    "n": False,
    "0": False,
}


def _quote(raw: object) -> str:
    text = str(raw)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def parse_price(raw: object, field: str = "price") -> float:
    """A non-negative amount; "$1,299.00" and "1299" both give 1299.0."""
    if isinstance(raw, bool):
        raise RowRejected(field, f"{_quote(raw)} is not a number")
    if isinstance(raw, int | float):
        value = float(raw)
    elif isinstance(raw, str):
        text = raw.strip().strip(_CURRENCY_SYMBOLS).strip()
        if text.startswith("-"):
            negative, text = True, text[1:].strip().lstrip(_CURRENCY_SYMBOLS).strip()
        else:
            negative = False
        if _THOUSANDS.match(text):
            text = text.replace(",", "")
        if not _PLAIN_NUMBER.match(text):
            raise RowRejected(field, f"{_quote(raw)} is not a number")
        value = -float(text) if negative else float(text)
    elif raw is None:
        raise RowRejected(field, "is missing")
    else:
        raise RowRejected(field, f"{_quote(raw)} is not a number")
    if not math.isfinite(value):
        raise RowRejected(field, f"{_quote(raw)} is not a number")
    if value < 0:
        raise RowRejected(field, f"{_quote(raw)} is negative; a price must not be negative")
    return round(value, 2)


def parse_currency(raw: object, field: str = "currency") -> str:
    text = str(raw).strip() if raw is not None else ""
    if not _ISO_CURRENCY.match(text):
        raise RowRejected(field, f"{_quote(raw)} is not a 3-letter ISO currency code such as USD")
    return text.upper()


def parse_money(raw: object, field: str = "price") -> tuple[float, str | None]:
    """A feed price such as "89.00 USD" or "USD 89.00"; the currency is None when absent."""
    text = str(raw).strip() if raw is not None else ""
    if not text:
        raise RowRejected(field, "is missing")
    parts = text.split()
    if len(parts) == 1:
        return parse_price(parts[0], field), None
    if len(parts) == 2:
        amount, code = parts
        if _ISO_CURRENCY.match(amount) and not _ISO_CURRENCY.match(code):
            amount, code = code, amount
        if not _ISO_CURRENCY.match(code):
            raise RowRejected(
                field, f"{_quote(raw)} has an unknown currency {code!r}; expected e.g. '89.00 USD'"
            )
        return parse_price(amount, field), code.upper()
    raise RowRejected(field, f"{_quote(raw)} is not a price such as '89.00 USD'")


def parse_bool(raw: object, field: str) -> bool:
    if isinstance(raw, bool):
        return raw
    key = str(raw).strip().lower()
    if key in _BOOL_WORDS:
        return _BOOL_WORDS[key]
    raise RowRejected(field, f"{_quote(raw)} is not true or false")


def required_text(row: Mapping[str, Any], name: str, field: str | None = None) -> str:
    raw = row.get(name)
    text = str(raw).strip() if isinstance(raw, str | int) and not isinstance(raw, bool) else ""
    if not text:
        if raw is not None and not isinstance(raw, str):
            raise RowRejected(field or name, f"{_quote(raw)} is not text")
        raise RowRejected(field or name, "is missing")
    return text


def optional_text(row: Mapping[str, Any], name: str) -> str:
    raw = row.get(name)
    if raw is None:
        return ""
    if isinstance(raw, str | int | float) and not isinstance(raw, bool):
        return str(raw).strip()
    raise RowRejected(name, f"{_quote(raw)} is not text")


def check_length(value: str, field: str, limit: int) -> str:
    if len(value) > limit:
        raise RowRejected(field, f"is {len(value)} characters long; the limit is {limit}")
    return value


def rejection_from_validation(exc: ValidationError) -> RowRejected:
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "row"
    message = first["msg"]
    if first["type"] == "missing":
        message = "is missing"
    elif "input" in first and first["type"] != "missing":
        message = f"{_quote(first['input'])}: {message}"
    return RowRejected(field, message)


class FirstSeen:
    """Remembers where each id first appeared, so a duplicate names the line of the original."""

    def __init__(self, field: str = "id") -> None:
        self.field = field
        self._lines: dict[str, int] = {}

    def claim(self, key: str, line: int) -> None:
        first = self._lines.get(key)
        if first is not None:
            raise RowRejected(self.field, f"duplicate id {key!r} (first seen on line {first})")
        self._lines[key] = line

    def __contains__(self, key: object) -> bool:
        return key in self._lines


_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "blockquote",
}
_SKIP_TAGS = {"script", "style", "head", "title"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Readable plain text from a product description; block elements become line breaks."""
    if "<" not in markup and "&" not in markup:
        return " ".join(markup.split())
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    lines = (" ".join(line.split()) for line in "".join(extractor.parts).split("\n"))
    return "\n".join(line for line in lines if line)


# Filler text left in by themes and export tools ("Lorem ipsum dolor sit amet..."): it describes
# nothing, so a line that holds it is dropped rather than indexed as evidence about the product.
_PLACEHOLDER = re.compile(r"\blorem ipsum\b|\bdolor sit amet\b|\bconsectetur adipiscing\b", re.IGNORECASE)


def clean_description(raw: str) -> str:
    """Plain text from a description that may hold HTML, without placeholder lines."""
    text = html_to_text(raw)
    if not _PLACEHOLDER.search(text):
        return text
    return "\n".join(line for line in text.split("\n") if not _PLACEHOLDER.search(line))


# A title's tail that is not the product noun: sizes, counts, packs and variant notes.
_TITLE_TAIL = re.compile(r"\s*(?:[-|(,/:–—].*$)")
_NOT_A_NOUN = re.compile(r"^(?:\d[\w.%-]*|\d+-pack|pack|set|pair|of|x\d*)$", re.IGNORECASE)
_SIZE_CODE = re.compile(r"^[A-Z]{1,3}\d*$")  # "XL", "A4": case matters, "Tee" is a noun


def head_noun(title: str) -> str:
    """The noun a title names its product by: the last word before any '- variant' tail, skipping
    sizes and counts ("Quillon A4 Squared Notebook" -> "Notebook"). A category of last resort for
    catalogs that have none; "" when the title gives nothing usable."""
    words = _TITLE_TAIL.sub("", title).split() or title.split()
    for word in reversed(words):
        word = word.strip(".,;:!?\"'()[]")
        if (
            word
            and not (_NOT_A_NOUN.match(word) or _SIZE_CODE.match(word))
            and any(c.isalpha() for c in word)
        ):
            return word
    return ""
