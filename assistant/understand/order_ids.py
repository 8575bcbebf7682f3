"""What this shop's order ids look like, learned from its own orders.

Shops number orders their own way ("#1042", "#W2611340", "SH-10023", "ORD-2026-0042") and shoppers
retype them loosely ("w 2611340", "# sh-10023"). From the stored ids this derives (1) a pattern that
finds an id of the shop's shapes in a message, letting case, '#', spaces and dashes vary, and (2) a
made-up example of the shop's format for the prompt that asks for an order number. Nothing here
knows any particular shop: a shape is the id's runs of letters and digits.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.records import order_key

_RUN = re.compile(r"[^\W\d_]+|\d+")
# Between the runs of a typed id: any mix of spaces, '#', dashes (incl. typographic) and dots.
_GAP = r"[\s#\-\u2010-\u2015.]*"
MAX_SHAPES = 8  # the most common shapes; a shop has one or two, the rest are typos in its data
MAX_LETTER_VALUES = 12  # a letter run with more distinct values than this is matched as any letters
EXAMPLE_DIGITS = "1234567890"


@dataclass(frozen=True)
class _Shape:
    """One id shape: ("letters", {"W"}) / ("digits", (min, max)) runs in order."""

    runs: tuple[tuple[str, frozenset[str] | tuple[int, int]], ...]

    def pattern(self) -> str:
        parts: list[str] = []
        for kind, spec in self.runs:
            if kind == "letters":
                assert isinstance(spec, frozenset)
                if len(spec) <= MAX_LETTER_VALUES:
                    parts.append("(?:" + "|".join(sorted(map(re.escape, spec), key=len, reverse=True)) + ")")
                else:
                    lengths = sorted(len(v) for v in spec)
                    parts.append(f"[^\\W\\d_]{{{lengths[0]},{lengths[-1]}}}")
            else:
                assert isinstance(spec, tuple)
                parts.append(f"\\d{{{spec[0]},{spec[1]}}}")
        return _GAP.join(parts)

    @property
    def has_letters(self) -> bool:
        return any(kind == "letters" for kind, _ in self.runs)


def _signature(order_id: str) -> tuple[str, ...]:
    return tuple("digits" if run.isdigit() else "letters" for run in _RUN.findall(order_id))


@dataclass(frozen=True)
class OrderIdFormat:
    """The shop's order id shapes. Empty (no orders) finds nothing and gives no example."""

    shapes: tuple[_Shape, ...] = ()
    example: str = ""  # a made-up id written the way the shop writes its most common shape

    @classmethod
    def from_ids(cls, ids: Iterable[str]) -> OrderIdFormat:
        by_signature: dict[tuple[str, ...], list[list[str]]] = {}
        written: dict[tuple[str, ...], Counter[str]] = {}
        for order_id in ids:
            runs = _RUN.findall(order_id)
            if not runs:
                continue
            signature = _signature(order_id)
            by_signature.setdefault(signature, []).append([r.upper() for r in runs])
            written.setdefault(signature, Counter())[_template(order_id)] += 1
        ranked = sorted(by_signature.items(), key=lambda item: -len(item[1]))[:MAX_SHAPES]
        shapes = tuple(_shape(signature, members) for signature, members in ranked)
        example = _example(written[ranked[0][0]].most_common(1)[0][0]) if ranked else ""
        return cls(shapes, example)

    def regex(self) -> re.Pattern[str] | None:
        """Ids of the shop's shapes that hold letters; all-digit ids are left to the digit reader,
        which already tells them from prices and ZIP codes by context."""
        patterns = [shape.pattern() for shape in self.shapes if shape.has_letters]
        if not patterns:
            return None
        return re.compile(r"(?<![\w@.])#?\s*(" + "|".join(patterns) + r")(?![\w@])", re.IGNORECASE)

    def find(self, text: str) -> tuple[str, tuple[int, int]] | None:
        """The first id of the shop's shapes in `text`, as typed (trimmed), and its span."""
        pattern = self.regex()
        match = pattern.search(text) if pattern else None
        if match is None:
            return None
        return match.group(1).strip(), match.span()


def _shape(signature: tuple[str, ...], members: list[list[str]]) -> _Shape:
    runs: list[tuple[str, frozenset[str] | tuple[int, int]]] = []
    for index, kind in enumerate(signature):
        values = [runs_of[index] for runs_of in members]
        if kind == "letters":
            runs.append((kind, frozenset(values)))
        else:
            lengths = [len(v) for v in values]
            runs.append((kind, (min(lengths), max(lengths))))
    return _Shape(tuple(runs))


def _template(order_id: str) -> str:
    """'#W-2611340' -> '#W-0000000': the id with its digits masked, punctuation and letters kept."""
    return re.sub(r"\d", "0", order_id.strip())


def _example(template: str) -> str:
    """A real-looking id of the template: digits counted up, so it is plainly an example."""
    count = 0

    def digit(_: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return EXAMPLE_DIGITS[(count - 1) % len(EXAMPLE_DIGITS)]

    return re.sub(r"0", digit, template)


def same_order(a: str | None, b: str | None) -> bool:
    """Two ids name one order when their lookup keys agree."""
    return bool(a) and bool(b) and order_key(a or "") == order_key(b or "")
