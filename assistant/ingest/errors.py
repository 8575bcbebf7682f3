"""What an import returns: the records that passed, and one error per rejected row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class RowError:
    """A rejected row. ``line`` 0 means the whole file (missing, binary, empty, unreadable)."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line > 0 else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class ImportResult(Generic[T]):
    records: list[T] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # Rows kept but incomplete (an order without placed_at): reported, not rejected.
    warnings: list[RowError] = field(default_factory=list)
    rows_read: int = 0
    # Rows left out on purpose (unpublished Shopify products, Markdown without text), not errors.
    skipped: int = 0
    # False when the source could not be read to its end (missing, binary, empty, malformed XML).
    # A sync must not delete ids that are absent from an incomplete result.
    complete: bool = True

    @property
    def rejected(self) -> int:
        """Rows rejected; file-level errors are not rows."""
        return len({(error.file, error.line) for error in self.errors if error.line > 0})

    def file_error(self, file: str, message: str) -> None:
        self.errors.append(RowError(file, 0, "", message))
        self.complete = False
