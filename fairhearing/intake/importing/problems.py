"""What is wrong with an imported file, said so a complaints officer can find and fix it."""

from __future__ import annotations

from dataclasses import dataclass

from fairhearing.core.errors import DomainError


@dataclass(frozen=True)
class Problem:
    """One thing to fix, placed as the spreadsheet shows it: the header is row 1.

    ``row`` is None for a problem with the file as a whole (a missing column); ``column`` is the
    header as written in the file, or empty when the problem is about the whole row.
    """

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        place = ", ".join(part for part in (f"Row {self.row}" if self.row else "", self.column) if part)
        return f"{place}: {self.message}" if place else self.message


class FileRejected(DomainError):
    """The file cannot be read at all (too big, not a spreadsheet, unsafe); nothing in it was read."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="file_rejected")
