"""What every renderer shares: walking the report's tables, the cover facts, safe text.

Renderers never special-case a table: they read its columns, rows and cells, so a section added
tomorrow comes out in every format with no change here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError

from ..report import Report
from ..tables import Cell, CellKind, Section, Table

# XML 1.0 forbids most control characters; one pasted into a record would corrupt a Word, Excel
# or PDF file (the HTML parser would drop it silently).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: Any) -> str:
    """Text safe to put in any document: a string without characters XML cannot hold."""
    return _NOT_XML.sub("", "" if text is None else str(text))


def report_tables(report: Report) -> Iterator[tuple[Section, Table]]:
    """Every table in reading order, with the section it belongs to."""
    for section in report.sections:
        for table in section.tables:
            yield section, table


def table_find(report: Report, key: str) -> Table:
    """One table by its key, or a clear error naming the keys there are."""
    for _section, table in report_tables(report):
        if table.key == key:
            return table
    keys = ", ".join(t.key for _s, t in report_tables(report)) or "none"
    raise DomainError(f"This report has no table '{key}'. Its tables are: {keys}.")


def unique_names(names: list[str], *, limit: int | None = None, fold: bool = False) -> list[str]:
    """The names made unique (and at most ``limit`` characters) by numbering repeats: a, a-2."""
    seen: set[str] = set()
    result = []
    for name in names:
        base = name[:limit] if limit else name
        candidate, n = base, 1
        while (candidate.lower() if fold else candidate) in seen:
            n += 1
            suffix = f"-{n}"
            candidate = (name[: limit - len(suffix)] if limit else name) + suffix
        seen.add(candidate.lower() if fold else candidate)
        result.append(candidate)
    return result


def paragraphs_of(free_text: str | None) -> list[str]:
    """Saved free text split into paragraphs at blank lines; single line breaks are kept."""
    if not free_text:
        return []
    blocks = re.split(r"\n\s*\n", clean(free_text).replace("\r\n", "\n").strip())
    return [block.strip() for block in blocks if block.strip()]


def generated_text(moment: datetime) -> str:
    """'22 November 2026 at 09:00', in the council's time zone."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{long_date(local.date())} at {local:%H:%M}"


def period_text(report: Report) -> str:
    period = report.period
    return f"{period.label} ({long_date(period.start)} to {long_date(period.end)})"


def comparison_text(report: Report) -> str:
    earlier = report.periods[1:]
    if not earlier:
        return "No earlier periods"
    return "Compared with " + ", ".join(p.label for p in earlier)


@dataclass(frozen=True)
class CoverLine:
    label: str
    value: str


def cover_lines(report: Report) -> list[CoverLine]:
    """The facts every format states up front: whose report, for when, which version."""
    return [
        CoverLine("Council", report.council_name),
        CoverLine("Period", period_text(report)),
        CoverLine("Comparison", comparison_text(report)),
        CoverLine("Complaints counted", report.options.scope.label),
        CoverLine("Version", report.version_label),
        CoverLine("Produced", generated_text(report.generated_at)),
    ]


def is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def machine_value(cell: Cell) -> Any:
    """The value for a file a program reads: the number when there is one, else the text shown.

    A hidden cell gives its mark ("<5" or "*"), never a number. Percentages are in per cent
    (83.3 means 83.3%), money a Decimal of pounds with two decimals, dates dates.
    """
    if cell.suppressed:
        return cell.display
    value = cell.value
    if is_number(value):
        if cell.kind == CellKind.MONEY:
            return Decimal(value).quantize(Decimal("0.01"))
        return value
    if isinstance(value, date):
        return value
    return cell.display


def has_counts_behind_percentages(table: Table, index: int) -> bool:
    """Whether a column holds '83.3% (5)' cells, whose count deserves a column of its own."""
    return any(row.cells[index].kind == CellKind.COUNT_PERCENT for row in table.rows)


@dataclass(frozen=True)
class FlatColumn:
    """A column of a spreadsheet-shaped table: a table column, or the count behind its percentages."""

    index: int  # the table column it comes from
    label: str
    key: str
    part: str  # "value", or "count" for the count behind a count-and-percentage cell

    def cell_value(self, cell: Cell) -> Any:
        if self.part == "count":
            if cell.suppressed:
                return cell.display
            return cell.count if cell.kind == CellKind.COUNT_PERCENT else None
        return machine_value(cell)


def flat_columns(table: Table) -> list[FlatColumn]:
    """The table's columns for CSV and Excel, where "83.3% (5)" becomes two numbers: 83.3 and 5."""
    columns = []
    for index, column in enumerate(table.columns):
        if has_counts_behind_percentages(table, index):
            columns.append(FlatColumn(index, f"{column.label} %", column.key, "value"))
            columns.append(FlatColumn(index, f"{column.label} (number)", f"{column.key}_count", "count"))
        else:
            columns.append(FlatColumn(index, column.label, column.key, "value"))
    return columns
