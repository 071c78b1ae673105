"""A report as a tagged, accessible PDF (PDF/UA-1), drawn by WeasyPrint from reports/print.html.

Tagged means a screen reader can follow it: headings, tables with header cells and captions,
charts as figures whose alternative text is the chart's summary (the SVG's <title>), the document
language (en-GB) and title. The template is a fixed Django template with autoescaping on; report
text arrives as data. WeasyPrint may fetch nothing: styles are in the page, charts are inline SVG,
and the URL fetcher refuses every URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from ..report import Report
from ..tables import CellKind, Section, Table
from ._common import clean, cover_lines, paragraphs_of
from .charts import chart_svg

CONTENT_TYPE = "application/pdf"
PDF_VARIANT = "pdf/ua-1"
TEMPLATE = "reports/print.html"
# Tables wider than this many columns get a landscape page of their own.
WIDE_TABLE_COLUMNS = 7


def _refuse_fetch(url: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
    raise ValueError("Reports may not load external resources.")


@dataclass(frozen=True)
class PrintCell:
    text: str
    numeric: bool
    suppressed: bool


@dataclass(frozen=True)
class PrintRow:
    label: str
    is_total: bool
    cells: list[PrintCell]


@dataclass(frozen=True)
class PrintTable:
    key: str
    title: str
    basis: str
    notes: list[str]
    row_heading: str
    columns: list[str]
    rows: list[PrintRow]
    svg: SafeString
    wide: bool


@dataclass(frozen=True)
class PrintSection:
    key: str
    title: str
    paragraphs: list[str]
    free_text: list[str]
    quotations: list[tuple[str, str]]
    tables: list[PrintTable] = field(default_factory=list)


def _print_table(table: Table) -> PrintTable:
    rows = [
        PrintRow(
            label=clean(row.label), is_total=row.is_total,
            cells=[PrintCell(clean(cell.display), cell.kind != CellKind.TEXT, bool(cell.suppressed))
                   for cell in row.cells],
        )
        for row in table.rows
    ]
    return PrintTable(
        key=table.key, title=clean(table.title), basis=clean(table.basis),
        notes=[clean(n) for n in table.notes], row_heading=clean(table.row_heading),
        columns=[clean(c.label) for c in table.columns], rows=rows,
        # Built by charts.py from numbers and escaped labels only; safe to place in the page.
        svg=mark_safe(chart_svg(table)),  # noqa: S308
        wide=len(table.columns) > WIDE_TABLE_COLUMNS,
    )


def _print_section(section: Section) -> PrintSection:
    return PrintSection(
        key=section.key, title=clean(section.title),
        paragraphs=[clean(p) for p in section.paragraphs],
        free_text=paragraphs_of(section.free_text),
        quotations=[(clean(h), clean(q)) for h, q in section.quotations],
        tables=[_print_table(table) for table in section.tables],
    )


def render_report_html(report: Report) -> str:
    """The standalone HTML page the PDF is drawn from."""
    return render_to_string(TEMPLATE, {
        "report": report,
        "title": clean(report.title),
        "council": clean(report.council_name),
        "cover": cover_lines(report),
        "version_short": "Published version" if report.published else "Internal: not for publication",
        "sections": [_print_section(section) for section in report.sections],
    })


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes, tagged for screen readers."""
    from weasyprint import HTML  # imported here: loading Pango is slow and only needed for PDFs

    html = HTML(string=render_report_html(report), url_fetcher=_refuse_fetch, base_url=None)
    return html.write_pdf(pdf_variant=PDF_VARIANT)
