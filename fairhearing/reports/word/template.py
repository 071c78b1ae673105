"""Make the default Word template for reports: styles a council can change, and the placeholders.

The template is an ordinary .docx holding docxtpl (Jinja) placeholders on its cover page, in its
header and footer, and one paragraph ``{{p body }}`` where the report's sections go. Everything in
the body is written with the template's named styles, so changing a style in Word restyles every
report:

  Title, Subtitle          the cover page
  Heading 1, 2, 3          sections, tables, quotation headings (also Word's navigation pane)
  Normal                   paragraphs
  Quote                    compliment quotations
  Table text               text inside tables
  Table notes              what each table counts, and its notes
  Report table             the table style (borders, shaded header row)

Run ``python -m fairhearing.reports.word.template`` to rebuild report-template.docx after changing
this file; it needs no database.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import DEFAULT_TEMPLATE

FONT = "Arial"
TEXT = RGBColor(0x0B, 0x0C, 0x0C)
SECONDARY_TEXT = RGBColor(0x50, 0x5A, 0x5F)
ACCENT = RGBColor(0x12, 0x43, 0x6D)
HEADER_FILL = "F3F2F1"
BORDER = "B1B4B6"
LANGUAGE = "en-GB"

# The named styles the report body uses (renderers/docx.py falls back to Normal if one is gone).
PARAGRAPH_STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Normal", "Quote",
                    "Table text", "Table notes")
TABLE_STYLE = "Report table"
PLACEHOLDERS = ("title", "council", "period", "comparison", "scope", "version", "version_short",
                "generated", "body")


def _set_font(style, name: str = FONT) -> None:  # noqa: ANN001
    """Use ``name`` for every script; theme fonts removed, as Word prefers them to a named font."""
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), name)


def _set_language(run_properties) -> None:  # noqa: ANN001
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")


def _document_defaults(document: DocumentObject) -> None:
    """British English for everything, so Word's spelling check and screen readers use it."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_default = defaults.find(qn("w:rPrDefault"))
    if run_default is None:
        run_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_default)
    run_properties = run_default.find(qn("w:rPr"))
    if run_properties is None:
        run_properties = OxmlElement("w:rPr")
        run_default.append(run_properties)
    _set_language(run_properties)


def _paragraph_style(document: DocumentObject, name: str, *, size: float, bold: bool = False,
                     italic: bool = False, colour: RGBColor = TEXT, before: float = 0,
                     after: float = 6, keep_with_next: bool = False, base: str | None = "Normal"):  # noqa: ANN202
    styles = document.styles
    if name in [s.name for s in styles]:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if base:
            style.base_style = styles[base]
        style.quick_style = True
    _set_font(style)
    font = style.font
    font.size, font.bold, font.italic = Pt(size), bold, italic
    font.color.rgb = colour
    paragraph = style.paragraph_format
    paragraph.space_before, paragraph.space_after = Pt(before), Pt(after)
    paragraph.keep_with_next = keep_with_next
    _set_language(style.element.get_or_add_rPr())
    return style


def _border(name: str, *, size: int = 4, colour: str = BORDER):  # noqa: ANN202
    element = OxmlElement(f"w:{name}")
    element.set(qn("w:val"), "single")
    element.set(qn("w:sz"), str(size))
    element.set(qn("w:space"), "0")
    element.set(qn("w:color"), colour)
    return element


def _table_style(document: DocumentObject) -> None:
    """'Report table': thin grey borders, a shaded bold header row, cell padding."""
    style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Normal Table"]
    style.quick_style = True
    element = style.element
    paragraph_properties = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), "40")
    spacing.set(qn("w:after"), "40")
    paragraph_properties.append(spacing)
    element.append(paragraph_properties)
    run_properties = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "20")  # 10 point
    run_properties.append(size)
    element.append(run_properties)
    table_properties = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_border(side))
    table_properties.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 40), ("left", 80), ("bottom", 40), ("right", 80)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(width))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table_properties.append(margins)
    element.append(table_properties)
    # The header row: bold on a light grey fill, a heavier rule beneath.
    first_row = OxmlElement("w:tblStylePr")
    first_row.set(qn("w:type"), "firstRow")
    bold_properties = OxmlElement("w:rPr")
    bold_properties.append(OxmlElement("w:b"))
    first_row.append(bold_properties)
    cell_properties = OxmlElement("w:tcPr")
    cell_borders = OxmlElement("w:tcBorders")
    cell_borders.append(_border("bottom", size=12, colour="0B0C0C"))
    cell_properties.append(cell_borders)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), HEADER_FILL)
    cell_properties.append(shading)
    first_row.append(cell_properties)
    element.append(first_row)


def _field(paragraph, instruction: str) -> None:  # noqa: ANN001
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the page."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _styles(document: DocumentObject) -> None:
    _document_defaults(document)
    _paragraph_style(document, "Normal", size=11, after=8, base=None)
    document.styles["Normal"].paragraph_format.line_spacing = 1.15
    _paragraph_style(document, "Title", size=30, bold=True, colour=ACCENT, after=12)
    _paragraph_style(document, "Subtitle", size=18, colour=TEXT, after=24)
    _paragraph_style(document, "Heading 1", size=18, bold=True, colour=ACCENT, before=18, after=8,
                     keep_with_next=True)
    _paragraph_style(document, "Heading 2", size=14, bold=True, colour=TEXT, before=14, after=6,
                     keep_with_next=True)
    _paragraph_style(document, "Heading 3", size=12, bold=True, colour=TEXT, before=10, after=4,
                     keep_with_next=True)
    _paragraph_style(document, "Quote", size=11, italic=True, colour=TEXT, before=2, after=10)
    document.styles["Quote"].paragraph_format.left_indent = Cm(0.8)
    _paragraph_style(document, "Table text", size=10, after=0)
    _paragraph_style(document, "Table notes", size=9, colour=SECONDARY_TEXT, before=4, after=4)
    for name in ("Header", "Footer"):
        _paragraph_style(document, name, size=9, colour=SECONDARY_TEXT, after=0)
    _table_style(document)


def _cover(document: DocumentObject) -> None:
    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph("{{ council }}", style="Subtitle")
    for placeholder in ("period", "comparison", "scope", "version"):
        document.add_paragraph(f"{{{{ {placeholder} }}}}")
    produced = document.add_paragraph("Produced {{ generated }}")
    produced.add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("{{p body }}")


def _page(document: DocumentObject) -> None:
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.left_margin = section.right_margin = Cm(2.2)
    header = section.header.paragraphs[0]
    header.text = "{{ council }}"
    header.style = document.styles["Header"]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.add_run("{{ title }} · {{ version_short }} · Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def word_template_build(path: Path = DEFAULT_TEMPLATE) -> Path:
    """Write the default report template to ``path`` (overwriting it) and return the path."""
    document = Document()
    _styles(document)
    _page(document)
    _cover(document)
    properties = document.core_properties
    properties.title = "Fair Hearing report template"
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = "Change the styles to restyle every report; keep the placeholders."
    properties.language = LANGUAGE
    properties.keywords = ""
    properties.revision = 1
    properties.created = properties.modified = datetime(2026, 1, 1, tzinfo=UTC)
    document.save(str(path))
    return path


if __name__ == "__main__":  # python -m fairhearing.reports.word.template [path]
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TEMPLATE
    print(word_template_build(target))
