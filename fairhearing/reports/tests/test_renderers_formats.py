"""The same numbers in every format, for a report built from real records; nothing hidden leaks.

Records are made once for the module through the real services (complaints, Stage 1 responses,
a Stage 2 request), the internal and published reports are built and rendered in every format,
and the records are rolled back. Each test then reads a format back (JSON, CSV, openpyxl,
python-docx, pdftotext) and compares it with the report's own cells, table by table and cell by
cell, whatever sections the report has.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection, transaction
from docx import Document as open_docx

from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.reports.build import report_build
from fairhearing.reports.periods import Period
from fairhearing.reports.renderers import render
from fairhearing.reports.renderers.csv import csv_file_names
from fairhearing.reports.renderers.xlsx import HEADER_ROW, sheet_names
from fairhearing.reports.report import Report, ReportOptions
from fairhearing.reports.tables import Cell, CellKind, Section, Table
from fairhearing.stages.services import (
    PointFinding,
    stage_one_start,
    stage_request_next,
    stage_respond,
)

from .test_renderers_support import (
    LEAKY_NUMBERS,
    csv_rows,
    csv_zip,
    docx_text,
    load_schema,
    pdf_has_row,
    pdf_objects,
    pdf_string,
    pdf_text_blocks,
    pdf_text_lines,
    privacy_table,
    schema_errors,
)

# The mark makes pytest-django set up the test database, which the module fixture then uses.
pytestmark = pytest.mark.django_db
TODAY = date(2022, 6, 1)
FORMATS = ("json", "csv", "xlsx", "docx", "pdf")


@dataclass
class Built:
    report: Report
    files: dict[str, bytes]

    def tables(self) -> list[Table]:
        return [table for section in self.report.sections for table in section.tables]


def _records() -> None:
    """Five complaints in 2021-22 and two in 2020-21, responded to at Stage 1; one goes to Stage 2.

    One team's name starts with "=", as a formula would, to show it stays text in every format.
    """
    actor = officer()
    formula_team = TeamFactory(name="=Leaving Care+Team")
    received = [date(2021, 4, 6), date(2021, 6, 8), date(2021, 9, 14), date(2021, 11, 2),
                date(2022, 1, 4), date(2020, 11, 3), date(2021, 2, 2)]
    outcomes = ["upheld", "not_upheld", "partially_upheld", "not_upheld", "upheld", "upheld", "not_upheld"]
    complaints = []
    for index, (day, outcome) in enumerate(zip(received, outcomes, strict=True)):
        extra = {"teams": [formula_team]} if index == 1 else {}
        complaint = make_complaint(actor=actor, received_on=day, today=TODAY, points=1, **extra)
        stage = stage_one_start(complaint=complaint, actor=actor, today=TODAY)
        stage_respond(stage=stage, responded_on=day + timedelta(days=6 + index), actor=actor, today=TODAY,
                      findings={1: PointFinding(outcome)})
        complaints.append(complaint)
    stage_request_next(complaint=complaints[1], requested_on=date(2021, 6, 21), actor=actor, today=TODAY)


def _render_all(report: Report) -> dict[str, bytes]:
    return {fmt: render(report, fmt).content for fmt in FORMATS}


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker) -> dict[str, Built]:
    with django_db_blocker.unblock(), transaction.atomic():
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, f"not a test database: {name}"
        _records()
        period = Period.financial_year(2021)
        internal = report_build(options=ReportOptions(period=period), today=TODAY)
        published = report_build(options=ReportOptions(period=period, published=True), today=TODAY)
        transaction.set_rollback(True)
    # The published check needs only the tables with hidden figures, and one made to be sure of
    # a small number with a hidden total beside it (which PDF rendering keeps short).
    hidden = [replace(s, tables=[t for t in s.tables if _has_hidden(t)]) for s in published.sections]
    published.sections = [s for s in hidden if s.tables] + [
        Section("privacy", "Privacy check", [privacy_table()])]
    return {
        "internal": Built(internal, _render_all(internal)),
        "published": Built(published, _render_all(published)),
    }


def _has_hidden(table: Table) -> bool:
    return any(cell.suppressed for row in table.rows for cell in row.cells)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _expected_csv_values(cell: Cell, split: bool) -> list[str]:
    """What the CSV must hold for a cell, worked out here rather than by the renderer's helpers:
    numbers unformatted, money with two decimals, dates ISO, anything else its (inert) text."""
    if cell.suppressed:
        return [cell.display, cell.display] if split else [cell.display]
    if cell.kind == CellKind.MONEY and cell.value is not None:
        value = f"{cell.value:.2f}"
    elif _is_number(cell.value):
        value = str(cell.value)
    elif isinstance(cell.value, date):
        value = cell.value.isoformat()
    else:
        value = _inert(cell.display)
    if not split:
        return [value]
    return [value, str(cell.count) if cell.kind == CellKind.COUNT_PERCENT else ""]


# Sanity: the report really has figures to compare ------------------------------------------


def test_the_report_has_figures_from_the_records(built):
    report = built["internal"].report
    assert len(built["internal"].tables()) >= 2
    totals = next(t for t in built["internal"].tables() if t.key == "complaint_totals")
    assert totals.value("complaints_received", "fy2021") == 5
    assert totals.value("complaints_received", "fy2020") == 2
    assert report.periods == (Period.financial_year(2021), Period.financial_year(2020))
    # Small team counts (four and one) are hidden by the report itself, not only in the made-up table.
    assert any(_has_hidden(t) for t in built["published"].tables() if t.key != "privacy_check_by_team")


# JSON ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["internal", "published"])
def test_json_has_every_cell_and_follows_the_schema(built, version):
    document = json.loads(built[version].files["json"])
    assert schema_errors(document, load_schema()) == []
    tables = {t["key"]: t for s in document["sections"] for t in s["tables"]}
    assert list(tables) == [t.key for t in built[version].tables()]
    for table in built[version].tables():
        data = tables[table.key]
        assert [c["key"] for c in data["columns"]] == [c.key for c in table.columns]
        for row, data_row in zip(table.rows, data["rows"], strict=True):
            assert (data_row["key"], data_row["label"], data_row["is_total"]) == (row.key, row.label, row.is_total)
            for column, cell in zip(table.columns, row.cells, strict=True):
                got = data_row["cells"][column.key]
                assert got["display"] == cell.display and got["suppressed"] == bool(cell.suppressed)
                if cell.suppressed:
                    assert got["value"] is None
                elif cell.kind == CellKind.MONEY:
                    assert got["value"] == f"{cell.value:.2f}"
                elif isinstance(cell.value, Decimal):
                    assert got["value"] == float(cell.value)
                elif cell.kind in (CellKind.COUNT, CellKind.CHANGE):
                    assert got["value"] == cell.value and isinstance(got["value"], int)


# CSV -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["internal", "published"])
def test_csv_has_every_cell(built, version):
    files = csv_zip(built[version].files["csv"])
    names = csv_file_names(built[version].report)
    for name, table in zip(names, built[version].tables(), strict=True):
        rows = csv_rows(files[name])
        splits = [any(r.cells[i].kind == CellKind.COUNT_PERCENT for r in table.rows)
                  for i in range(len(table.columns))]
        for row, csv_row in zip(table.rows, rows[1:], strict=False):
            expected = [_inert(row.label)]
            for cell, split in zip(row.cells, splits, strict=True):
                expected += _expected_csv_values(cell, split)
            assert csv_row == expected, (table.key, row.key)
        assert rows[len(table.rows) + 1] == []
        assert rows[len(table.rows) + 2] == ["Table", table.title]


def test_csv_keeps_a_formula_like_team_name_as_text(built):
    files = csv_zip(built["internal"].files["csv"])
    cells = [value for name, content in files.items() if name.endswith(".csv")
             for row in csv_rows(content) for value in row]
    assert "'=Leaving Care+Team" in cells
    assert not [v for v in cells if v.startswith(("=", "@")) or (v.startswith("+") and not v[1:].replace(".", "").replace(",", "").isdigit())]


# XLSX ----------------------------------------------------------------------------------------


def _number_matches(cell: Cell, value: object) -> bool:
    if cell.kind in (CellKind.PERCENT, CellKind.COUNT_PERCENT):
        return value == pytest.approx(float(cell.value) / 100)
    return value == pytest.approx(float(cell.value))


@pytest.mark.parametrize("version", ["internal", "published"])
def test_xlsx_has_every_cell_as_a_number(built, version):
    workbook = openpyxl.load_workbook(io.BytesIO(built[version].files["xlsx"]))
    tables = built[version].tables()
    names = sheet_names([t.key for t in tables])
    assert workbook.sheetnames == ["Contents", *names]
    for name, table in zip(names, tables, strict=True):
        sheet = workbook[name]
        assert sheet["A1"].value == table.title
        for offset, row in enumerate(table.rows, start=HEADER_ROW + 2):
            values = [c.value for c in sheet[offset]]
            assert values[0] == row.label
            position = 1
            for index, cell in enumerate(row.cells):
                got = values[position]
                if cell.suppressed:
                    assert got == cell.display, (table.key, row.key, index)
                elif _is_number(cell.value):
                    assert _number_matches(cell, got), (table.key, row.key, index, got)
                elif isinstance(cell.value, date):
                    assert got.date() == cell.value
                else:
                    assert (got or "") == (cell.display or ""), (table.key, row.key, index)
                position += 1
                if any(r.cells[index].kind == CellKind.COUNT_PERCENT for r in table.rows):
                    if cell.kind == CellKind.COUNT_PERCENT and not cell.suppressed:
                        assert values[position] == cell.count
                    position += 1
        for row in sheet.iter_rows():
            assert all(c.data_type != "f" for c in row)


# DOCX ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["internal", "published"])
def test_docx_tables_show_every_cell(built, version):
    document = open_docx(io.BytesIO(built[version].files["docx"]))
    tables = built[version].tables()
    assert len(document.tables) == len(tables)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == [t.title for t in tables]
    for word_table, table in zip(document.tables, tables, strict=True):
        texts = [[c.text for c in row.cells] for row in word_table.rows]
        assert texts[0] == [table.row_heading, *(c.label for c in table.columns)]
        assert texts[1:] == [[row.label, *(c.display for c in row.cells)] for row in table.rows], table.key
    for section in built[version].report.sections:
        for paragraph in section.paragraphs:
            assert paragraph in docx_text(document)


# PDF -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["internal", "published"])
def test_pdf_is_tagged_and_names_every_table(built, version):
    pdf = built[version].files["pdf"]
    assert pdf.startswith(b"%PDF-")
    objects = pdf_objects(pdf)
    assert b"/StructTreeRoot" in objects and b"/Lang (en-GB)" in objects
    for table in built[version].tables():
        assert pdf_string(table.title) in objects, table.title  # a bookmark per table


@pytest.mark.parametrize("version", ["internal", "published"])
def test_pdf_text_shows_every_cell(built, version):
    blocks = pdf_text_blocks(built[version].files["pdf"])
    lines = pdf_text_lines(built[version].files["pdf"])
    if blocks is None or lines is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    words = " ".join(blocks)
    for table in built[version].tables():
        assert f"Table: {table.title}" in words, table.title
        for row in table.rows:
            if any(cell.kind == CellKind.TEXT for cell in row.cells):
                # Text cells wrap over several lines: each must be there, in full.
                for text in (row.label, *(c.display for c in row.cells)):
                    assert " ".join(text.split()) in words, (table.key, text)
            else:
                assert pdf_has_row(lines, row.label, [c.display for c in row.cells]), (table.key, row.key)


# Nothing hidden leaks ------------------------------------------------------------------------


def _hidden_cells(report: Report) -> list[tuple[Table, int, int]]:
    return [(table, r, c) for section in report.sections for table in section.tables
            for r, row in enumerate(table.rows) for c, cell in enumerate(row.cells) if cell.suppressed]


def test_hidden_cells_show_only_their_mark_in_every_format(built):
    published = built["published"]
    hidden = _hidden_cells(published.report)
    assert hidden
    for table, r, c in hidden:
        cell = table.rows[r].cells[c]
        assert cell.value is None and cell.count is None and cell.display in ("<5", "*")
    files = published.files
    text_of_formats = {
        "json": files["json"],
        "csv": b"\n".join(csv_zip(files["csv"]).values()),
        "docx": docx_text(open_docx(io.BytesIO(files["docx"]))).encode(),
        "xlsx": "\n".join(str(c.value) for ws in openpyxl.load_workbook(io.BytesIO(files["xlsx"])).worksheets
                          for row in ws.iter_rows() for c in row if c.value is not None).encode(),
    }
    blocks = pdf_text_blocks(files["pdf"])
    if blocks is not None:
        text_of_formats["pdf"] = "\n".join(blocks).encode()
    for fmt, content in text_of_formats.items():
        for number in LEAKY_NUMBERS:
            assert not re.search(rb"(?<![\d.,])" + number.encode() + rb"(?![\d.,])", content), (fmt, number)
