"""A report as a Word document, written into the council's Word template with docxtpl.

The template (fairhearing/reports/word/report-template.docx by default, or the file named by
FAIRHEARING_REPORT_TEMPLATE) holds the cover page, header and footer with placeholders, and one
``{{p body }}`` paragraph. docxtpl fills the placeholders; the body is then written where that
paragraph stands, with python-docx: a Heading 1 per section, its paragraphs and saved text, then
per table a Heading 2, the chart (a PNG whose alt text is the chart's summary), the table and
what it counts. Everything uses the template's named styles, so restyling the template in Word
restyles the report. (docxtpl's own sub-documents need the docxcompose package, which this
project does not install; writing in place needs nothing more and keeps the template's styles.)

For screen readers: table header rows are marked as header rows (they repeat on each page), each
table carries its title as Word's table title, and the document language is British English.

The template is trusted (the server's administrator chooses it) but is still rendered in Jinja's
sandbox with autoescaping on, so a stray expression in it cannot reach Python internals and a
council called "Brighton & Hove" cannot break the XML.
"""

from __future__ import annotations

import io
from datetime import UTC
from pathlib import Path

from django.conf import settings
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table as WordTable
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from fairhearing.core.errors import DomainError

from ..report import Report
from ..tables import CellKind, Section, Table
from ..word import DEFAULT_TEMPLATE
from ..word.template import LANGUAGE, PARAGRAPH_STYLES, TABLE_STYLE
from ._common import clean, comparison_text, generated_text, paragraphs_of, period_text
from .charts import chart_png, chart_summary

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CHART_WIDTH = Cm(16)


def template_path() -> Path:
    """The council's template if one is set (FAIRHEARING_REPORT_TEMPLATE), else the default."""
    configured = getattr(settings, "REPORT_DOCX_TEMPLATE", "") or ""
    if not configured:
        return DEFAULT_TEMPLATE
    path = Path(configured)
    if not path.is_file():
        raise DomainError(
            f"The Word template set in FAIRHEARING_REPORT_TEMPLATE ({configured}) cannot be found. "
            "Check the path, or unset it to use the default template."
        )
    return path


# Where the body goes: docxtpl puts this paragraph in place of the template's {{p body }}.
BODY_MARKER = "fairhearing-report-body-goes-here"


class _BodyPlaceholder:
    """The value given for ``body``: one paragraph of XML holding the marker, for {{p body }}."""

    def __html__(self) -> str:
        return f"<w:p><w:r><w:t>{BODY_MARKER}</w:t></w:r></w:p>"

    def __str__(self) -> str:
        return BODY_MARKER


class _Body:
    """Writes the report's sections into the rendered document, just before the marker."""

    def __init__(self, document, marker) -> None:  # noqa: ANN001
        self.document = document
        self.marker = marker
        names = {style.name for style in document.styles}
        self.paragraph_styles = {
            name: (name if name in names else "Normal") for name in PARAGRAPH_STYLES
        }
        self.table_style = next((n for n in (TABLE_STYLE, "Table Grid") if n in names), None)

    def _place(self, block):  # noqa: ANN001, ANN202
        self.marker._p.addprevious(block._element)
        return block

    def paragraph(self, text: str, style: str = "Normal", *, bold: bool = False):  # noqa: ANN201
        paragraph = self._place(self.document.add_paragraph(style=self.paragraph_styles[style]))
        lines = clean(text).split("\n")
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.bold = bold or None
            if index < len(lines) - 1:
                run.add_break()
        return paragraph

    def chart(self, table: Table) -> None:
        png = chart_png(table)
        if png is None:
            return
        paragraph = self._place(self.document.add_paragraph(style=self.paragraph_styles["Normal"]))
        paragraph.paragraph_format.keep_with_next = True
        shape = paragraph.add_run().add_picture(io.BytesIO(png), width=CHART_WIDTH)
        doc_properties = shape._inline.docPr
        doc_properties.set("descr", clean(chart_summary(table)))
        doc_properties.set("title", clean(table.chart.title or table.title) if table.chart else "")

    def table(self, table: Table) -> WordTable:
        columns = table.columns
        word_table = self._place(self.document.add_table(
            rows=len(table.rows) + 1, cols=len(columns) + 1, style=self.table_style))
        properties = word_table._tbl.tblPr
        _table_look(properties)
        _table_description(properties, title=table.title, description=table.basis)
        header = word_table.rows[0]
        _repeat_as_header(header)
        labels = [table.row_heading or "", *(column.label for column in columns)]
        for index, (cell, label) in enumerate(zip(header.cells, labels, strict=True)):
            self._cell_text(cell, label, right=index > 0, bold=True)
        for row, word_row in zip(table.rows, word_table.rows[1:], strict=True):
            cells = word_row.cells
            self._cell_text(cells[0], row.label, bold=row.is_total)
            for cell, word_cell in zip(row.cells, cells[1:], strict=True):
                self._cell_text(word_cell, cell.display, bold=row.is_total,
                                right=cell.kind != CellKind.TEXT or bool(cell.suppressed))
        return word_table

    def _cell_text(self, cell, text: str, *, right: bool = False, bold: bool = False) -> None:  # noqa: ANN001
        paragraph = cell.paragraphs[0]
        paragraph.style = self.paragraph_styles["Table text"]
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run(clean(text))
        run.bold = bold or None

    def section(self, section: Section) -> None:
        self.paragraph(section.title, "Heading 1")
        for text in section.paragraphs:
            self.paragraph(text)
        for text in paragraphs_of(section.free_text):
            self.paragraph(text)
        for table in section.tables:
            self.paragraph(table.title, "Heading 2")
            self.chart(table)
            self.table(table)
            if table.basis:
                self.paragraph(f"What is counted: {table.basis}", "Table notes")
            for note in table.notes:
                self.paragraph(note, "Table notes")
        for heading, quotation in section.quotations:
            if heading:
                self.paragraph(heading, "Heading 3")
            self.paragraph(quotation, "Quote")


def _repeat_as_header(row) -> None:  # noqa: ANN001
    """Mark a row as the table's header row: Word repeats it on each page, readers announce it."""
    row_properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)
    cant_split = OxmlElement("w:cantSplit")
    row_properties.append(cant_split)


def _table_look(properties) -> None:  # noqa: ANN001
    """Apply the table style's header-row formatting (and not its last-row or banding)."""
    look = properties.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        properties.append(look)
    for attribute, value in (("firstRow", "1"), ("lastRow", "0"), ("firstColumn", "1"),
                             ("lastColumn", "0"), ("noHBand", "1"), ("noVBand", "1")):
        look.set(qn(f"w:{attribute}"), value)


def _table_description(properties, *, title: str, description: str) -> None:  # noqa: ANN001
    """Word's table title and description (Table Properties, Alt Text), read by screen readers.

    They are the last children of w:tblPr in the schema, so they are appended after tblLook.
    """
    for tag, value in (("w:tblCaption", title), ("w:tblDescription", description)):
        if value:
            element = OxmlElement(tag)
            element.set(qn("w:val"), clean(value)[:255])
            properties.append(element)


def _marker(document):  # noqa: ANN001, ANN202
    for paragraph in document.paragraphs:
        if paragraph.text.strip() == BODY_MARKER:
            return paragraph
    raise DomainError(
        "The Word template has no {{p body }} paragraph, so the report has nowhere to go. Add "
        "a paragraph holding just {{p body }} where the report should start."
    )


def render_docx(report: Report) -> bytes:
    """The report as .docx bytes, in the council's template."""
    template = DocxTemplate(str(template_path()))
    context = {
        "title": clean(report.title),
        "council": clean(report.council_name),
        "period": period_text(report),
        "comparison": comparison_text(report),
        "scope": report.options.scope.label,
        "version": report.version_label,
        "version_short": "Published version" if report.published else "Internal: not for publication",
        "generated": generated_text(report.generated_at),
        "body": _BodyPlaceholder(),
    }
    template.render(context, jinja_env=SandboxedEnvironment(autoescape=True), autoescape=True)
    document = template.docx
    marker = _marker(document)
    writer = _Body(document, marker)
    for section in report.sections:
        writer.section(section)
    marker._p.getparent().remove(marker._p)
    properties = document.core_properties
    properties.title = clean(report.title)
    properties.subject = report.version_label
    properties.author = clean(report.council_name)
    properties.last_modified_by = "Fair Hearing"
    properties.language = LANGUAGE
    properties.comments = ""
    properties.keywords = ""
    properties.created = properties.modified = report.generated_at.astimezone(UTC)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()
