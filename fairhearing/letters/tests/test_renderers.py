"""Word and PDF output: they open, carry the letter, escape what users typed, and the PDF is tagged."""

import datetime
import io
import re
import zlib

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from fairhearing.cases.tests.factories import officer
from fairhearing.letters.choices import Audience, LetterKind
from fairhearing.letters.compose import letter_compose
from fairhearing.letters.models import LetterTemplate
from fairhearing.letters.renderers.docx import render_docx
from fairhearing.letters.renderers.pdf import render_letter_html, render_pdf

from .cases import complaint_with_people

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2022, 1, 5)
NASTY = '<b>Bold</b> & "quoted" {{ reference }} \x0b'


def pdf_objects_text(pdf: bytes) -> bytes:
    """The PDF's bytes with every Flate stream inflated, so compressed objects can be searched."""
    inflated = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            inflated.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    return b"\n".join(inflated)


@pytest.fixture
def letter():
    actor = officer()
    complaint = complaint_with_people(actor=actor)
    complaint.points.filter(number=1).update(description=NASTY)
    template = LetterTemplate.objects.get(kind=LetterKind.ACKNOWLEDGEMENT, audience=Audience.STANDARD)
    return letter_compose(template=template, complaint=complaint, actor=actor, today=TODAY,
                          additional_information="Please call on 01234 567890.")


def test_docx_opens_and_carries_the_letter(letter):
    document = open_docx(io.BytesIO(render_docx(letter)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert letter.reference in text
    assert letter.subject_text in text
    headings = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == "Heading 1"]
    assert headings == [letter.subject_text]
    assert "Jordan Rivers\n12 Mill Lane\nNewtown\nNT1 2AB" in text
    assert "Date: 5 January 2022" in text
    assert "[not recorded: due date]" in text
    assert "Please call on 01234 567890." in text
    assert document.sections[0].header.paragraphs[0].text.startswith(letter.council_name)
    assert document.core_properties.title == letter.subject_text


def test_docx_keeps_typed_markup_as_text_and_drops_control_characters(letter):
    document = open_docx(io.BytesIO(render_docx(letter)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert '1. <b>Bold</b> & "quoted" {{ reference }}' in text
    assert "\x0b" not in text


def test_word_uses_arial_not_the_theme_font(letter):
    document = open_docx(io.BytesIO(render_docx(letter)))
    for name in ("Normal", "Heading 1"):
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:ascii")) == "Arial"
        assert not any("Theme" in attribute or "theme" in attribute for attribute in fonts.attrib), name


def test_missing_values_are_highlighted_in_word(letter):
    document = open_docx(io.BytesIO(render_docx(letter)))
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs if "not recorded" in run.text]
    assert runs and all(run.font.highlight_color is not None and run.bold for run in runs)


def test_html_escapes_values(letter):
    html = render_letter_html(letter)
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot;" in html
    assert "<b>Bold</b>" not in html
    assert '<strong class="fh-letter__missing">[not recorded: due date]</strong>' in html
    assert '<html lang="en-GB">' in html


def test_pdf_is_tagged(letter):
    pdf = render_pdf(letter)
    assert pdf.startswith(b"%PDF-")
    objects = pdf_objects_text(pdf)
    assert b"/StructTreeRoot" in objects
    assert b"/MarkInfo" in objects
    assert b"en-GB" in objects
