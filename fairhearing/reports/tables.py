"""The shape every report figure takes: sections of tables of cells.

Report sections compute figures and return these plain dataclasses; renderers (HTML, Word, PDF,
Excel, CSV, JSON) only format them. Because every format reads the same objects, every format
prints the same numbers.

A cell keeps its machine value (a number, or None when there is nothing to show) and the text a
reader sees, so Excel gets real numbers and the page gets "83.3% (5)". Keys (table, column, row)
are stable identifiers for the JSON and CSV outputs: they never change with wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any


class CellKind(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    COUNT_PERCENT = "count_percent"  # "83.3% (5)": a share of a row total, with the count
    MONEY = "money"
    CHANGE = "change"  # a signed difference, e.g. "+29"
    TEXT = "text"
    DATE = "date"


class Suppression(StrEnum):
    NONE = ""
    PRIMARY = "small"  # a count from 1 to threshold-1
    SECONDARY = "secondary"  # hidden so a small count cannot be worked out by subtraction


NOT_APPLICABLE = "N/A"
SECONDARY_MARK = "*"
ONE_DP = Decimal("0.1")


def percentage(numerator: int, denominator: int) -> Decimal | None:
    """numerator/denominator as a percentage to one decimal place (half up); None if no base."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(ONE_DP, rounding=ROUND_HALF_UP)


def format_percent(value: Decimal | None) -> str:
    return NOT_APPLICABLE if value is None else f"{value}%"


def format_money(value: Decimal) -> str:
    """£14,413 for whole pounds, £1,234.50 otherwise."""
    if value == value.to_integral_value():
        return f"£{int(value):,}"
    return f"£{value:,.2f}"


@dataclass(frozen=True)
class Cell:
    """One figure: its value for machines, its text for people, and whether it is hidden."""

    kind: CellKind
    value: Any
    display: str
    # For COUNT_PERCENT cells: the count behind the percentage, and the base it is a share of.
    count: int | None = None
    base: int | None = None
    suppressed: Suppression = Suppression.NONE

    @property
    def is_count(self) -> bool:
        return self.kind in (CellKind.COUNT, CellKind.COUNT_PERCENT)

    @property
    def number(self) -> int | None:
        """The count a suppression rule looks at."""
        if self.kind == CellKind.COUNT:
            return self.value
        if self.kind == CellKind.COUNT_PERCENT:
            return self.count
        return None

    def hidden(self, how: Suppression, threshold: int) -> Cell:
        display = f"<{threshold}" if how == Suppression.PRIMARY else SECONDARY_MARK
        return replace(self, value=None, display=display, count=None, suppressed=how)

    def as_json(self) -> Any:
        """The value as the JSON schema gives it (docs/reports.md)."""
        if self.suppressed:
            return None
        if isinstance(self.value, Decimal):
            return float(self.value) if self.kind != CellKind.MONEY else str(self.value)
        return self.value


def count(n: int) -> Cell:
    return Cell(CellKind.COUNT, int(n), f"{int(n):,}")


def percent(numerator: int, denominator: int) -> Cell:
    value = percentage(numerator, denominator)
    return Cell(CellKind.PERCENT, value, format_percent(value))


def count_percent(n: int, base: int) -> Cell:
    """'83.3% (5)': n of base as a percentage, with the count in brackets (seed 001's style)."""
    value = percentage(n, base)
    if value is None:
        return Cell(CellKind.COUNT_PERCENT, None, NOT_APPLICABLE, count=n, base=base)
    return Cell(CellKind.COUNT_PERCENT, value, f"{value}% ({n:,})", count=n, base=base)


def money(amount: Decimal | int | None) -> Cell:
    value = Decimal(amount or 0).quantize(Decimal("0.01"))
    return Cell(CellKind.MONEY, value, format_money(value))


def change(current: int, previous: int) -> Cell:
    diff = current - previous
    return Cell(CellKind.CHANGE, diff, f"{diff:+,}" if diff else "0")


def percent_change(current: int, previous: int) -> Cell:
    """Change as a percentage of the earlier figure; N/A when the earlier figure is 0."""
    value = percentage(current - previous, previous)
    if value is None:
        return Cell(CellKind.PERCENT, None, NOT_APPLICABLE)
    return Cell(CellKind.PERCENT, value, f"{value:+}%" if value else "0.0%")


def text(value: str) -> Cell:
    return Cell(CellKind.TEXT, value, value)


def blank() -> Cell:
    return Cell(CellKind.TEXT, None, "")


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cells: tuple[Cell, ...]
    is_total: bool = False

    def cell(self, index: int) -> Cell:
        return self.cells[index]


class ChartKind(StrEnum):
    BAR = "bar"  # grouped bars: one group per row, one bar per chosen column
    STACKED = "stacked"


@dataclass(frozen=True)
class Chart:
    """How a table may be drawn: which columns become series. Drawn from the table's cells."""

    kind: ChartKind
    columns: tuple[str, ...]
    title: str = ""


@dataclass
class Table:
    """A titled table. ``basis`` says exactly what is counted (docs/reports.md has them all)."""

    key: str
    title: str
    columns: list[Column]
    rows: list[Row]
    basis: str = ""
    notes: list[str] = field(default_factory=list)
    row_heading: str = ""
    # Small-number suppression applies to this table in the published version.
    suppressible: bool = False
    # Rows/columns that are totals of the others, so secondary suppression can protect them.
    total_row: bool = False
    total_column: str | None = None
    chart: Chart | None = None

    def column_index(self, key: str) -> int:
        for index, column in enumerate(self.columns):
            if column.key == key:
                return index
        raise KeyError(key)

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    def value(self, row_key: str, column_key: str) -> Any:
        """The machine value of one cell (tests and renderers use this)."""
        return self.row(row_key).cells[self.column_index(column_key)].value

    def display(self, row_key: str, column_key: str) -> str:
        return self.row(row_key).cells[self.column_index(column_key)].display


@dataclass
class Section:
    """A part of the report: its tables, a few generated sentences, and any saved free text."""

    key: str
    title: str
    tables: list[Table] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    # For sections the council writes (executive summary, conclusion): the saved text.
    free_text: str | None = None
    # Items quoted in full (compliment quotations), already stripped of names.
    quotations: list[tuple[str, str]] = field(default_factory=list)

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)
