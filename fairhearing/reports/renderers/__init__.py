"""Renderers: a built Report as Word, PDF, Excel, CSV or JSON. They format; they never count.

Every format reads the same Report (sections of tables of cells), so every format prints the same
numbers, and a cell the published version hides is hidden in all of them. ``render`` is the one
entry point for downloads and the ``report`` command; the on-screen page uses charts.chart_svg.

The heavy libraries (WeasyPrint, python-docx, xlsxwriter) are imported only for the format asked
for, so importing this package stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

from fairhearing.core.errors import DomainError

from ..report import Report


@dataclass(frozen=True)
class Format:
    key: str
    label: str
    content_type: str
    extension: str


FORMATS: dict[str, Format] = {
    "docx": Format("docx", "Word document", "application/vnd.openxmlformats-officedocument"
                   ".wordprocessingml.document", "docx"),
    "pdf": Format("pdf", "PDF (tagged, accessible)", "application/pdf", "pdf"),
    "xlsx": Format("xlsx", "Excel workbook", "application/vnd.openxmlformats-officedocument"
                   ".spreadsheetml.sheet", "xlsx"),
    "csv": Format("csv", "CSV (a ZIP with one file per table)", "application/zip", "zip"),
    "json": Format("json", "JSON", "application/json", "json"),
}


@dataclass(frozen=True)
class Rendered:
    """A finished file: its bytes, its content type and a file name without personal data."""

    content: bytes
    content_type: str
    filename: str


def format_get(fmt: str) -> Format:
    """The format named ``fmt``, or a clear error listing the formats there are."""
    try:
        return FORMATS[(fmt or "").strip().lower()]
    except KeyError:
        raise DomainError(
            f"'{fmt}' is not a report format. Choose one of: {', '.join(FORMATS)}."
        ) from None


def render(report: Report, fmt: str, *, table_key: str | None = None) -> Rendered:
    """The report in format ``fmt``; with ``table_key`` (CSV only), just that table as one CSV."""
    chosen = format_get(fmt)
    stem = report.file_stem
    if table_key is not None and chosen.key != "csv":
        raise DomainError("A single table can be downloaded as CSV only.")
    match chosen.key:
        case "docx":
            from .docx import render_docx

            content = render_docx(report)
        case "pdf":
            from .pdf import render_pdf

            content = render_pdf(report)
        case "xlsx":
            from .xlsx import render_xlsx

            content = render_xlsx(report)
        case "json":
            from .json import render_json

            content = render_json(report)
        case "csv":
            from ._common import table_find
            from .csv import CONTENT_TYPE, render_csv_zip, table_csv

            if table_key is not None:
                table = table_find(report, table_key)
                return Rendered(table_csv(table), CONTENT_TYPE, f"{stem}-{table.key}.csv")
            content = render_csv_zip(report)
    return Rendered(content, chosen.content_type, f"{stem}.{chosen.extension}")
