"""A report as an Excel workbook: a contents sheet, then a sheet per table with a native chart.

Figures are real numbers with number formats (so they can be added up and charted), not text:
counts "#,##0", percentages as Excel percentages, money in pounds. A "83.3% (5)" column becomes
two columns, the percentage and the number. A hidden cell holds its mark ("<5" or "*") as text.

Charts are Excel's own, so the council can restyle them. They read a small block of hidden rows
below each table holding only the figures a reader may see (hidden cells left blank, drawn as
gaps): a chart reading the table itself would draw "<5" as a bar of 0.

Every string is written with write_string and the workbook is told never to turn strings into
formulas, links or numbers, so text from a record cannot run as a formula.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..report import Report
from ..tables import Cell, CellKind, ChartKind, Section, Table
from ._common import (
    FlatColumn,
    clean,
    cover_lines,
    flat_columns,
    is_number,
    report_tables,
    unique_names,
)
from .charts import PALETTE, chart_data, chart_summary, lies_on_its_side

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENTS = "Contents"
SHEET_NAME_LIMIT = 31
HEADER_ROW = 3  # title, section, blank, then the header row
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\']")

COUNT_FORMAT = "#,##0"
CHANGE_FORMAT = "+#,##0;-#,##0;0"
PERCENT_FORMAT = "0.0%"
SIGNED_PERCENT_FORMAT = "+0.0%;-0.0%;0.0%"
MONEY_FORMAT = '"£"#,##0.00'
DATE_FORMAT = "d mmmm yyyy"


def sheet_names(keys: list[str]) -> list[str]:
    """Sheet names from table keys: allowed characters, at most 31, unique ignoring case."""
    bases = []
    for key in keys:
        name = _NOT_IN_SHEET_NAMES.sub("_", key).strip() or "table"
        if name.lower() == "history":  # Excel keeps this name for itself
            name = "history_table"
        bases.append(name)
    return unique_names([CONTENTS, *bases], limit=SHEET_NAME_LIMIT, fold=True)[1:]


class _Formats:
    """Cell formats made once per workbook (xlsxwriter wants few, shared)."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self._cache: dict[tuple[str, bool], Any] = {}
        base = {"font_name": "Arial", "font_size": 11, "valign": "top"}
        self.base = base
        self.title = workbook.add_format({**base, "bold": True, "font_size": 16})
        self.table_title = workbook.add_format({**base, "bold": True, "font_size": 14})
        self.subtle = workbook.add_format({**base, "italic": True, "font_color": "#505a5f"})
        self.label = workbook.add_format({**base, "bold": True})
        self.text = workbook.add_format(base)
        self.link = workbook.add_format({**base, "font_color": "#1d70b8", "underline": 1})
        self.header = workbook.add_format({**base, "bold": True, "text_wrap": True, "bottom": 2,
                                           "bg_color": "#f3f2f1", "valign": "bottom"})
        self.header_number = workbook.add_format({**base, "bold": True, "text_wrap": True, "bottom": 2,
                                                  "bg_color": "#f3f2f1", "valign": "bottom",
                                                  "align": "right"})

    def cell(self, num_format: str = "", *, bold: bool = False, right: bool = False) -> Any:
        key = (f"{num_format}|{right}", bold)
        if key not in self._cache:
            spec: dict[str, Any] = {**self.base, "bold": bold}
            if num_format:
                spec["num_format"] = num_format
            if right:
                spec["align"] = "right"
            if bold:
                spec["top"] = 1
            self._cache[key] = self.workbook.add_format(spec)
        return self._cache[key]


def _percent_format(cell: Cell) -> str:
    return SIGNED_PERCENT_FORMAT if cell.display.startswith(("+", "-")) else PERCENT_FORMAT


def _write_cell(sheet: Worksheet, row: int, col: int, column: FlatColumn, cell: Cell,
                formats: _Formats, bold: bool) -> None:
    """One figure: a number with its format, a date, or text (a hidden cell's mark is text)."""
    value = column.cell_value(cell)
    if value is None and column.part == "count":
        return  # no count behind this cell (it is not a percentage of a count)
    if cell.suppressed or value is None or isinstance(value, str):
        text = clean(cell.display if value is None or cell.suppressed else value)
        right = cell.suppressed or cell.kind != CellKind.TEXT
        sheet.write_string(row, col, text, formats.cell(bold=bold, right=right))
        return
    if isinstance(value, date):
        moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)  # noqa: DTZ001
        sheet.write_datetime(row, col, moment, formats.cell(DATE_FORMAT, bold=bold))
        return
    if not is_number(value):
        sheet.write_string(row, col, clean(cell.display), formats.cell(bold=bold))
        return
    number = float(value)
    if column.part == "count":
        num_format = COUNT_FORMAT
    elif cell.kind in (CellKind.PERCENT, CellKind.COUNT_PERCENT):
        number, num_format = number / 100, _percent_format(cell)
    elif cell.kind == CellKind.MONEY:
        num_format = MONEY_FORMAT
    elif cell.kind == CellKind.CHANGE:
        num_format = CHANGE_FORMAT
    elif isinstance(value, Decimal) and value != value.to_integral_value():
        num_format = "#,##0.0"
    else:
        num_format = COUNT_FORMAT
    sheet.write_number(row, col, number, formats.cell(num_format, bold=bold))


def _chart(workbook: Workbook, sheet: Worksheet, name: str, table: Table, first_free_row: int,
           columns: list[FlatColumn], formats: _Formats) -> None:
    """A native chart reading a hidden block of the visible figures, placed beside the table."""
    data = chart_data(table)
    if data is None:
        return
    block = first_free_row + 1
    sheet.write_string(block, 0, "Chart data (figures hidden in this version are left blank)",
                       formats.label)
    sheet.set_row(block, None, None, {"hidden": True})
    rows = [row for row in table.rows if not row.is_total]
    percent = data.value_kind == CellKind.PERCENT
    for offset, row in enumerate(rows, start=1):
        sheet.write_string(block + offset, 0, clean(row.label), formats.text)
        sheet.set_row(block + offset, None, None, {"hidden": True})
    first, last = block + 1, block + len(rows)
    stacked = data.kind == ChartKind.STACKED
    horizontal = lies_on_its_side(data)
    spec: dict[str, Any] = {"type": "bar" if horizontal else "column"}
    if stacked:
        spec["subtype"] = "stacked"
    chart = workbook.add_chart(spec)
    number_format = {CellKind.PERCENT: "0%", CellKind.MONEY: '"£"#,##0'}.get(data.value_kind, "#,##0")
    for s, series in enumerate(data.series, start=1):
        sheet.write_string(block, s, clean(series.label), formats.label)
        for offset, value in enumerate(series.values, start=1):
            if value is not None:
                sheet.write_number(block + offset, s, value / 100 if percent else value,
                                   formats.cell(PERCENT_FORMAT if percent else ""))
        chart.add_series({
            "name": [name, block, s],
            "categories": [name, first, 0, last, 0],
            "values": [name, first, s, last, s],
            "fill": {"color": PALETTE[(s - 1) % len(PALETTE)]},
            "border": {"color": "#ffffff"},
            "gap": 80,
        })
    chart.set_title({"name": clean(data.title), "name_font": {"name": "Arial", "size": 12}})
    chart.set_legend({"position": "bottom"} if len(data.series) > 1 else {"none": True})
    value_axis = {"num_format": number_format, "major_gridlines": {"visible": True,
                  "line": {"color": "#b1b4b6"}}, "min": 0}
    category_axis: dict[str, Any] = {"reverse": True} if horizontal else {}
    # In a bar chart Excel's x axis is the upright (category) one.
    chart.set_x_axis(category_axis if horizontal else {})
    chart.set_y_axis(value_axis)
    chart.show_blanks_as("gap")
    chart.show_hidden_data()
    height = max(320, 40 + 28 * len(rows)) if horizontal else 320
    chart.set_size({"width": 640, "height": height})
    sheet.insert_chart(HEADER_ROW, len(columns) + 2, chart, {
        "object_position": 3,  # keep its size when rows are hidden or resized
        "description": chart_summary(table),
    })


def _table_sheet(workbook: Workbook, name: str, section: Section, table: Table,
                 formats: _Formats) -> None:
    sheet = workbook.add_worksheet(name)
    columns = flat_columns(table)
    sheet.write_string(0, 0, clean(table.title), formats.table_title)
    sheet.write_string(1, 0, clean(section.title), formats.subtle)
    sheet.write_string(HEADER_ROW, 0, clean(table.row_heading or "Row"), formats.header)
    for col, column in enumerate(columns, start=1):
        sheet.write_string(HEADER_ROW, col, clean(column.label), formats.header_number)
    row_index = HEADER_ROW
    for row in table.rows:
        row_index += 1
        sheet.write_string(row_index, 0, clean(row.label),
                           formats.cell(bold=row.is_total))
        for col, column in enumerate(columns, start=1):
            _write_cell(sheet, row_index, col, column, row.cells[column.index], formats, row.is_total)
    row_index += 2
    if table.basis:
        sheet.write_string(row_index, 0, "Basis", formats.label)
        sheet.write_string(row_index, 1, clean(table.basis), formats.text)
        row_index += 1
    for note in table.notes:
        sheet.write_string(row_index, 0, "Note", formats.label)
        sheet.write_string(row_index, 1, clean(note), formats.text)
        row_index += 1
    label_width = max([len(table.row_heading or "Row"), *(len(r.label) for r in table.rows), 12])
    sheet.set_column(0, 0, min(label_width + 2, 60))
    for col, column in enumerate(columns, start=1):
        sheet.set_column(col, col, max(12, min(len(column.label) + 2, 30)))
    sheet.freeze_panes(HEADER_ROW + 1, 1)
    sheet.repeat_rows(HEADER_ROW)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    _chart(workbook, sheet, name, table, row_index + 1, columns, formats)


def _contents_sheet(workbook: Workbook, report: Report, names: list[str], formats: _Formats) -> None:
    sheet = workbook.add_worksheet(CONTENTS)
    sheet.write_string(0, 0, clean(report.title), formats.title)
    row = 2
    for line in cover_lines(report):
        sheet.write_string(row, 0, line.label, formats.label)
        sheet.write_string(row, 1, clean(line.value), formats.text)
        row += 1
    row += 1
    sheet.write_string(row, 0, "Section", formats.header)
    sheet.write_string(row, 1, "Table (link to its sheet)", formats.header)
    for name, (section, table) in zip(names, report_tables(report), strict=True):
        row += 1
        sheet.write_string(row, 0, clean(section.title), formats.text)
        quoted = name.replace("'", "''")
        sheet.write_url(row, 1, f"internal:'{quoted}'!A1", formats.link, string=clean(table.title),
                        tip=f"Go to the sheet {name}")
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 90)
    sheet.activate()


def render_xlsx(report: Report) -> bytes:
    """The workbook as bytes, built in memory (nothing is written to disk)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {
        "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
        "strings_to_numbers": False,
    })
    created = report.generated_at.astimezone(UTC).replace(tzinfo=None)
    workbook.set_properties({
        "title": clean(report.title), "subject": clean(report.version_label),
        "author": clean(report.council_name), "company": clean(report.council_name),
        "comments": "Produced by Fair Hearing", "created": created,
    })
    workbook.set_custom_property("Language", "en-GB")
    formats = _Formats(workbook)
    tables = list(report_tables(report))
    names = sheet_names([table.key for _section, table in tables])
    _contents_sheet(workbook, report, names, formats)
    for name, (section, table) in zip(names, tables, strict=True):
        _table_sheet(workbook, name, section, table, formats)
    workbook.close()
    return buffer.getvalue()
