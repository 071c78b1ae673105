"""Each format on a small made-up report: shapes, escaping, formula safety, suppression, accessibility.

No database: the report is built by hand (test_renderers_support.synthetic_report). The same
checks on a report built from real records are in test_renderers_formats.py.
"""

import io
import json
import re
import zipfile

import openpyxl
import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from fairhearing.core.errors import DomainError
from fairhearing.reports.renderers import FORMATS, Rendered, render
from fairhearing.reports.renderers.charts import chart_summary
from fairhearing.reports.renderers.csv import table_csv
from fairhearing.reports.renderers.json import report_json
from fairhearing.reports.renderers.pdf import render_report_html
from fairhearing.reports.renderers.xlsx import sheet_names
from fairhearing.reports.tables import Section
from fairhearing.reports.word.template import (
    PARAGRAPH_STYLES,
    PLACEHOLDERS,
    TABLE_STYLE,
    word_template_build,
)

from .test_renderers_support import (
    LEAKY_NUMBERS,
    contains_run,
    csv_rows,
    csv_zip,
    docx_text,
    load_schema,
    mixed_table,
    pdf_objects,
    pdf_string,
    pdf_text_blocks,
    privacy_table,
    schema_errors,
    synthetic_report,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
STEM = "fairhearing-annual-fy2021-published"
_cache: dict[tuple[str, bool], Rendered] = {}


def rendered_file(fmt: str, *, published: bool = True) -> Rendered:
    """Render each format once per test run (the PDF takes a moment)."""
    if (fmt, published) not in _cache:
        _cache[(fmt, published)] = render(synthetic_report(published=published), fmt)
    return _cache[(fmt, published)]


def rendered(fmt: str, *, published: bool = True) -> bytes:
    return rendered_file(fmt, published=published).content


def leaks(content: bytes) -> list[str]:
    """Hidden numbers of the privacy table found as whole numbers in ``content``."""
    return [n for n in LEAKY_NUMBERS if re.search(rb"(?<![\d.])" + n.encode() + rb"(?![\d.])", content)]


# render() ------------------------------------------------------------------------------------


def test_render_gives_named_files_of_each_format():
    expected = {"docx": "docx", "pdf": "pdf", "xlsx": "xlsx", "csv": "zip", "json": "json"}
    for fmt, extension in expected.items():
        result = rendered_file(fmt)
        assert result.filename == f"{STEM}.{extension}"
        assert result.content_type == FORMATS[fmt].content_type
        assert result.content
    single = render(synthetic_report(published=True), "csv", table_key="mixed_kinds")
    assert single.filename == f"{STEM}-mixed_kinds.csv"
    assert single.content_type == "text/csv; charset=utf-8"


def test_render_refuses_unknown_formats_and_tables():
    report = synthetic_report()
    with pytest.raises(DomainError, match="'doc' is not a report format. Choose one of: docx, pdf, xlsx, csv, json."):
        render(report, "doc")
    with pytest.raises(DomainError, match="A single table can be downloaded as CSV only."):
        render(report, "xlsx", table_key="mixed_kinds")
    with pytest.raises(DomainError, match="This report has no table 'nope'. Its tables are: mixed_kinds."):
        render(report, "csv", table_key="nope")


# JSON ----------------------------------------------------------------------------------------


def test_json_follows_the_documented_schema():
    schema = load_schema()
    for published in (False, True):
        document = json.loads(rendered("json", published=published))
        assert schema_errors(document, schema) == []
    assert json.loads(rendered("json", published=False))["report"]["threshold"] is None


def test_schema_check_finds_faults():
    """The validator used above can fail: a missing key, a wrong type, an unknown key, a bad value."""
    schema = load_schema()
    document = report_json(synthetic_report())
    del document["report"]["council"]
    document["sections"][0]["paragraphs"] = "not a list"
    document["sections"][1]["tables"][0]["rows"][0]["cells"]["share"]["extra"] = 1
    document["report"]["kind"] = "weekly"
    errors = schema_errors(document, schema)
    assert "$.report: missing 'council'" in errors
    assert any(e.startswith("$.sections[0].paragraphs: 'not a list' is not") for e in errors)
    assert "$.sections[1].tables[0].rows[0].cells.share: unexpected 'extra'" in errors
    assert any(e.startswith("$.report.kind: 'weekly' not in") for e in errors)


def test_json_values_counts_percentages_money_and_hidden_cells():
    document = json.loads(rendered("json", published=True))
    meta = document["report"]
    assert meta["council"] == "Brighton & Hove <Council>"
    assert (meta["kind"], meta["version"], meta["threshold"], meta["period"]) == ("annual", "published", 5, "fy2021")
    assert meta["generated_at"] == "2022-05-03T09:30:00+00:00"
    assert [(p["key"], p["start"], p["end"], p["is_report_period"]) for p in meta["periods"]] == [
        ("fy2021", "2021-04-01", "2022-03-31", True), ("fy2020", "2020-04-01", "2021-03-31", False)]
    privacy, mixed = document["sections"]
    team_a = privacy["tables"][0]["rows"][0]["cells"]
    assert team_a["fy2021"] == {"kind": "count", "value": None, "display": "<5", "suppressed": True}
    assert team_a["fy2020"] == {"kind": "count", "value": 612, "display": "612", "suppressed": False}
    assert team_a["change"]["value"] is None and team_a["change"]["display"] == "*"
    cells = mixed["tables"][0]["rows"][0]["cells"]
    assert cells["share"] == {"kind": "count_percent", "value": 83.3, "display": "83.3% (5)",
                              "suppressed": False, "count": 5}
    assert cells["money"]["value"] == "1800.00" and cells["money"]["display"] == "£1,800"
    assert cells["rate"]["value"] == 33.3
    assert mixed["free_text_paragraphs"] == ["First paragraph.\nSecond line.", "Another"]
    assert mixed["quotations"] == [{"heading": "Team X", "quotation": "X was very helpful & kind."}]
    assert not leaks(rendered("json", published=True))


# CSV -----------------------------------------------------------------------------------------


def test_csv_has_machine_values_and_splits_counts_from_percentages():
    rows = csv_rows(table_csv(mixed_table()))
    assert rows[0] == ["Who", "Share %", "Share (number)", "Spent", "Due", "Note", "Rate"]
    assert rows[1] == ["'=HYPERLINK(\"http://evil.example\",\"x\")", "83.3", "5", "1800.00",
                       "2022-04-01", "'+44 1234", "33.3"]
    assert rows[2] == ["'@SUM(A1:A2)", "N/A", "0", "1234.50", "", "'-2 days", "N/A"]
    assert rows[3][0] == "'\tTabbed <b>team</b> & co"
    assert rows[3][5] == "'\rreturn"
    assert rows[4] == []
    assert rows[5:] == [["Table", "Every kind of figure & <markup>"],
                        ["Basis", "'=1+1 is not a formula here"],
                        ["Note", "'-a note starting with a minus"]]


def test_no_csv_cell_can_run_as_a_formula():
    files = csv_zip(rendered("csv", published=False))
    for name, content in files.items():
        if name.endswith(".csv"):
            for row in csv_rows(content):
                for value in row:
                    assert not value.startswith(FORMULA_STARTS) or value.lstrip("-+").replace(".", "").isdigit(), (name, value)


def test_csv_zip_has_a_readme_and_a_file_per_table():
    files = csv_zip(rendered("csv", published=True))
    assert list(files) == ["README.txt", "privacy_check_by_team.csv", "mixed_kinds.csv"]
    readme = files["README.txt"].decode("utf-8-sig")
    assert readme.startswith("Complaints, compliments and representations report 2021-22\r\n")
    assert "Period: 2021-22 (1 April 2021 to 31 March 2022)" in readme
    assert "Version: Published version: no names or references" in readme
    assert "privacy_check_by_team.csv  Privacy: Privacy check: complaints by team" in readme
    assert render(synthetic_report(), "csv").content == render(synthetic_report(), "csv").content


def test_published_csv_shows_marks_not_hidden_numbers():
    files = csv_zip(rendered("csv", published=True))
    rows = csv_rows(files["privacy_check_by_team.csv"])
    assert rows[1] == ["Team A", "<5", "612", "*", "*"]
    assert rows[2] == ["Team B", "*", "655", "*", "*"]
    for content in files.values():
        assert not leaks(content)


# XLSX ----------------------------------------------------------------------------------------


def test_sheet_names_are_unique_short_and_allowed():
    keys = ["a_very_long_table_key_that_goes_on_and_on_1", "a_very_long_table_key_that_goes_on_and_on_2",
            "A_VERY_LONG_TABLE_KEY_THAT_GOES_ON_AND_ON_3", "contents", "history", "what?[x]:y/z\\"]
    names = sheet_names(keys)
    assert all(len(name) <= 31 for name in names)
    assert len({name.lower() for name in names} | {"contents"}) == len(names) + 1
    assert names[0] == "a_very_long_table_key_that_goes"
    assert names[1] == "a_very_long_table_key_that_go-2"
    assert names[2] == "A_VERY_LONG_TABLE_KEY_THAT_GO-3"
    assert names[3] == "contents-2" and names[4] == "history_table" and names[5] == "what__x__y_z_"


def test_long_table_keys_make_a_workbook_excel_opens():
    long_key = "monitoring_ethnicity_of_children_by_age_band"
    report = synthetic_report(sections=[Section("s", "S", [mixed_table(long_key + "_one"),
                                                           mixed_table(long_key + "_two")])])
    workbook = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx").content))
    assert workbook.sheetnames == ["Contents", "monitoring_ethnicity_of_childre",
                                   "monitoring_ethnicity_of_child-2"]


def test_xlsx_has_contents_real_numbers_and_no_formulas():
    workbook = openpyxl.load_workbook(io.BytesIO(rendered("xlsx", published=False)))
    assert workbook.sheetnames == ["Contents", "mixed_kinds"]
    contents = workbook["Contents"]
    assert contents["A1"].value == "Complaints, compliments and representations report 2021-22"
    assert contents["B3"].value == "Brighton & Hove <Council>"
    link = next(c for c in contents["B"] if c.value == "Every kind of figure & <markup>")
    assert link.hyperlink.location == "'mixed_kinds'!A1"
    sheet = workbook["mixed_kinds"]
    assert sheet["A1"].value == "Every kind of figure & <markup>"
    assert [c.value for c in sheet[4]] == ["Who", "Share %", "Share (number)", "Spent", "Due", "Note", "Rate"]
    assert sheet["A4"].font.bold and sheet.freeze_panes == "B5"
    assert sheet["B5"].value == pytest.approx(0.833) and sheet["B5"].number_format == "0.0%"
    assert sheet["C5"].value == 5
    assert sheet["D5"].value == 1800 and "£" in sheet["D5"].number_format
    assert sheet["A5"].value == "=HYPERLINK(\"http://evil.example\",\"x\")" and sheet["A5"].data_type == "s"
    assert sheet["B6"].value == "N/A" and sheet["C6"].value == 0
    assert sheet["A9"].value == "Basis" and sheet["B9"].value == "=1+1 is not a formula here"
    for worksheet in workbook.worksheets:
        for row in worksheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (worksheet.title, cell.coordinate)


def test_xlsx_chart_reads_only_visible_figures():
    content = rendered("xlsx", published=True)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook["privacy_check_by_team"]
    assert [c.value for c in sheet[5]] == ["Team A", "<5", 612, "*", "*"]
    assert [c.value for c in sheet[6]] == ["Team B", "*", 655, "*", "*"]
    hidden = [r for r, dimension in sheet.row_dimensions.items() if dimension.hidden]
    block = [[c.value for c in sheet[r]][:3] for r in hidden]
    assert block[0][0].startswith("Chart data")
    assert block[1:] == [["Team A", None, 612], ["Team B", None, 655]]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 2  # the privacy table and the mixed table each have a chart
        for name in archive.namelist():
            assert not leaks(archive.read(name)), name
        drawing = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/drawings/drawing"))
        assert b"Bar chart of Privacy check" in drawing  # the chart's alternative text


# DOCX ----------------------------------------------------------------------------------------


def test_docx_has_headings_tables_with_header_rows_and_chart_alt_text():
    document = open_docx(io.BytesIO(rendered("docx", published=True)))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", "Complaints, compliments and representations report 2021-22") in styles
    assert ("Subtitle", "Brighton & Hove <Council>") in styles
    assert [t for s, t in styles if s == "Heading 1"] == ["Privacy", "Mixed"]
    assert [t for s, t in styles if s == "Heading 2"] == ["Privacy check: complaints by team",
                                                         "Every kind of figure & <markup>"]
    assert ("Normal", "First paragraph.\nSecond line.") in styles
    assert ("Quote", "X was very helpful & kind.") in styles
    privacy, mixed = document.tables
    assert [[c.text for c in row.cells] for row in privacy.rows] == [
        ["Team", "2021-22", "2020-21", "Change", "Change %"],
        ["Team A", "<5", "612", "*", "*"],
        ["Team B", "*", "655", "*", "*"],
        ["Total", "790", "1,267", "-477", "-37.6%"],
    ]
    assert privacy.style.name == "Report table"
    header = privacy.rows[0]._tr.trPr.find(qn("w:tblHeader"))
    assert header is not None and header.get(qn("w:val")) == "true"
    assert privacy._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "Privacy check: complaints by team"
    pictures = document.inline_shapes
    assert len(pictures) == 2
    assert pictures[0]._inline.docPr.get("descr") == chart_summary(privacy_table())
    assert "Small numbers hidden in this version are not drawn." in pictures[0]._inline.docPr.get("descr")
    assert document.core_properties.title == "Complaints, compliments and representations report 2021-22"
    assert document.core_properties.language == "en-GB"
    assert "{{" not in docx_text(document) and "fairhearing-report-body" not in docx_text(document)
    with zipfile.ZipFile(io.BytesIO(rendered("docx", published=True))) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                assert not leaks(archive.read(name)), name


def test_regenerated_template_is_usable(tmp_path, settings):
    path = word_template_build(tmp_path / "council.docx")
    template = DocxTemplate(str(path))
    assert template.get_undeclared_template_variables() == set(PLACEHOLDERS)
    document = open_docx(str(path))
    names = {style.name for style in document.styles}
    assert set(PARAGRAPH_STYLES) | {TABLE_STYLE} <= names
    normal = document.styles["Normal"].element.rPr
    assert normal.rFonts.get(qn("w:ascii")) == "Arial"
    assert normal.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    # A council's copy (here, the regenerated one restyled) is used when the setting names it.
    document.styles["Heading 1"].font.all_caps = True
    document.save(str(path))
    settings.REPORT_DOCX_TEMPLATE = str(path)
    report = open_docx(io.BytesIO(render(synthetic_report(), "docx").content))
    assert report.styles["Heading 1"].font.all_caps is True
    assert [p.text for p in report.paragraphs if p.style.name == "Heading 1"] == ["Privacy", "Mixed"]


def test_missing_template_or_placeholder_is_a_clear_error(tmp_path, settings):
    settings.REPORT_DOCX_TEMPLATE = str(tmp_path / "missing.docx")
    with pytest.raises(DomainError, match="The Word template set in FAIRHEARING_REPORT_TEMPLATE"):
        render(synthetic_report(), "docx")
    without_body = tmp_path / "no-body.docx"
    document = open_docx()
    document.add_paragraph("{{ title }}")
    document.save(str(without_body))
    settings.REPORT_DOCX_TEMPLATE = str(without_body)
    with pytest.raises(DomainError, match=r"has no \{\{p body \}\} paragraph"):
        render(synthetic_report(), "docx")


# PDF -----------------------------------------------------------------------------------------


def test_print_html_escapes_text_and_marks_up_tables_accessibly():
    html = render_report_html(synthetic_report())
    assert '<html lang="en-GB">' in html
    assert "Every kind of figure &amp; &lt;markup&gt;" in html
    assert "<b>team</b>" not in html and "&lt;b&gt;team&lt;/b&gt;" in html
    assert "<caption>Table: Every kind of figure &amp; &lt;markup&gt;</caption>" in html
    assert '<th scope="col">Who</th>' in html and '<th scope="row">@SUM(A1:A2)</th>' in html
    assert html.count('role="img"') == 1  # the chart, inline
    assert "<script" not in html


def test_pdf_is_tagged_with_titles_bookmarks_and_chart_alt_text():
    pdf = rendered("pdf", published=True)
    assert pdf.startswith(b"%PDF-")
    objects = pdf_objects(pdf)
    assert b"/StructTreeRoot" in objects and b"/MarkInfo" in objects and b"en-GB" in objects
    assert b"/Figure" in objects and b"/Table" in objects and b"/TH" in objects
    for title in ("Privacy check: complaints by team", "Every kind of figure & <markup>", "Privacy", "Mixed"):
        assert pdf_string(title) in objects, title
    assert pdf_string(chart_summary(privacy_table())) in objects


def test_published_pdf_text_shows_marks_not_hidden_numbers():
    blocks = pdf_text_blocks(rendered("pdf", published=True))
    if blocks is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    assert contains_run(blocks, ["Team A", "<5", "612", "*", "*"])
    assert contains_run(blocks, ["Team B", "*", "655", "*", "*"])
    assert not leaks("\n".join(blocks).encode())
