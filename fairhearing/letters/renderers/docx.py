"""A composed letter as a Word document (.docx), built with python-docx.

Layout: the council's name and service in the page header, then the addressee, the date and the
reference, the subject as a heading, and the paragraphs. Arial 12 point, British English set as
the proofing language so Word's spelling check and screen readers use it. Merge fields with no
value are highlighted so they stand out if the document is edited before sending.
"""

import io
import re

from docx import Document as new_document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..compose import ComposedLetter
from ..merge import MergedText

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Arial"
BLACK = RGBColor(0x0B, 0x0C, 0x0C)
# XML 1.0 forbids most control characters; one pasted into a record would corrupt the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _set_language(style, language: str = "en-GB") -> None:  # noqa: ANN001
    run_properties = style.element.get_or_add_rPr()
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), language)


def _set_font(style, name: str) -> None:  # noqa: ANN001
    """Use ``name`` for every script. Theme font attributes are removed: Word prefers them to the
    named font, so without this the default template's headings stay in its theme font."""
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), name)


def _style(document) -> None:  # noqa: ANN001
    normal = document.styles["Normal"]
    _set_font(normal, FONT)
    normal.font.size = Pt(12)
    normal.font.color.rgb = BLACK
    normal.paragraph_format.space_after = Pt(10)
    normal.paragraph_format.line_spacing = 1.15
    _set_language(normal)
    heading = document.styles["Heading 1"]
    _set_font(heading, FONT)
    heading.font.size = Pt(16)
    heading.font.bold = True
    heading.font.color.rgb = BLACK
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(12)
    for section in document.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
        section.top_margin = section.bottom_margin = Cm(2.2)
        section.left_margin = section.right_margin = Cm(2.5)


def _lines(paragraph, lines: list[str], *, bold_first: bool = False) -> None:  # noqa: ANN001
    for index, text in enumerate(lines):
        run = paragraph.add_run(_clean(text))
        run.bold = bold_first and index == 0
        if index < len(lines) - 1:
            run.add_break()


def _merged(document, text: MergedText, style: str | None = None) -> None:  # noqa: ANN001
    for block in text.paragraphs:
        paragraph = document.add_paragraph(style=style)
        for index, line in enumerate(block):
            if index:
                paragraph.add_run().add_break()
            for piece in line:
                run = paragraph.add_run(_clean(piece.text))
                if piece.missing:
                    run.bold = True
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def render_docx(letter: ComposedLetter) -> bytes:
    """The letter as .docx bytes."""
    document = new_document()
    _style(document)
    properties = document.core_properties
    properties.title = _clean(letter.subject_text)
    properties.author = _clean(letter.council_name)
    properties.language = "en-GB"
    properties.comments = ""

    header = document.sections[0].header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _lines(header, [letter.council_name, letter.service_name], bold_first=True)
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run(_clean(f"Our reference: {letter.reference}")).font.size = Pt(9)

    if letter.recipient is not None:
        address = document.add_paragraph()
        _lines(address, [letter.recipient.name, *letter.recipient.address_lines])
        address.paragraph_format.space_after = Pt(18)
    details = document.add_paragraph()
    _lines(details, [f"Date: {letter.date_text}", f"Our reference: {letter.reference}"])

    heading = document.add_heading(level=1)
    for piece in (run for block in letter.subject.paragraphs for line in block for run in line):
        run = heading.add_run(_clean(piece.text))
        if piece.missing:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    _merged(document, letter.body)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
