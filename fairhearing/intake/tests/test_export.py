"""Exporting complaints in the canonical register format: the cells, the files, the query count."""

import csv
import datetime
import hashlib
import io

import openpyxl
import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.models import Complaint
from fairhearing.intake.importing.columns import COMPLAINT_COLUMNS
from fairhearing.intake.importing.export import (
    complaints_export_csv,
    complaints_export_rows,
    complaints_export_xlsx,
)
from fairhearing.intake.importing.rows import validate_file
from fairhearing.intake.importing.writer import import_complaints

from .builders import HEADERS, TEAM, complaint, csv_bytes

D = datetime.date
TODAY = D(2022, 6, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def teams():
    TeamFactory(name=TEAM)
    TeamFactory(name="Assessment Team")


@pytest.fixture
def officer():
    return UserFactory(username="importer", roles=[Role.COMPLAINTS_MANAGER])


@pytest.fixture
def senior():
    return UserFactory(username="senior", roles=[Role.SENIOR_MANAGER])


def write(rows, actor, *, adjudicator=None):
    data = csv_bytes(rows)
    validation = validate_file(data, today=TODAY)
    assert validation.problems == []
    return import_complaints(validation=validation, file_name="register.csv",
                             file_sha256=hashlib.sha256(data).hexdigest(), actor=actor,
                             adjudicator=adjudicator, today=TODAY)


def exported(**filters):
    rows = list(complaints_export_rows(complaints=Complaint.objects.filter(**filters)))
    return [dict(zip(HEADERS, row, strict=True)) for row in rows]


def test_a_complaint_answered_at_stage_two_is_written_with_codes_iso_dates_and_the_total_paid(officer, senior):
    write([complaint(
        1, Team=f"{TEAM}; assessment team", Channel="Telephone", **{
            "Stage 1 extended": "2021-05-04", "Stage 1 responded": "04/05/2021", "Stage 1 outcome": "not upheld",
            "Stage 2 requested": "10/05/2021", "Stage 2 statement agreed": "12/05/2021",
            "Stage 2 responded": "2021-07-20", "Stage 2 outcome": "upheld",
            "Remedies": "Apology; financial", "Payment amount": "1,800.5",
            "Child age": "", "Child date of birth": "2009-02-03", "Disability": "AUT", "Religion": "none",
            "Learning": "=Ring the family back the same day",
        })], officer, adjudicator=senior)

    [row] = exported()

    assert row == {
        **dict.fromkeys(HEADERS, ""),
        "Reference": "CSC-2021-0001", "Received": "2021-04-01", "Procedure": "children_statutory",
        "Channel": "telephone", "Complainant type": "parent", "Team": f"Assessment Team; {TEAM}",
        "Themes": "Delay; Lack of communication",
        "Stage 1 responded": "2021-05-04", "Stage 1 extended": "2021-05-04", "Stage 1 outcome": "not_upheld",
        "Stage 2 requested": "2021-05-10", "Stage 2 statement agreed": "2021-05-12",
        "Stage 2 responded": "2021-07-20", "Stage 2 outcome": "upheld",
        "Remedies": "apology; financial", "Payment amount": "1800.50",
        "Child date of birth": "2009-02-03", "Gender": "F", "Ethnicity": "WBRI", "Disability": "AUT",
        "Religion": "none", "Looked after": "yes", "Learning": "=Ring the family back the same day",
    }


def test_a_withdrawn_complaint_without_a_child_leaves_the_child_and_stage_columns_blank(officer):
    write([complaint(2, **{"Stage 1 responded": "", "Stage 1 outcome": "", "Remedies": "", "Payment amount": "",
                           "Withdrawn": "12/04/2021", "Child age": "", "Gender": "", "Ethnicity": "",
                           "Looked after": "", "Themes": ""})], officer)

    [row] = exported()

    assert row["Withdrawn"] == "2021-04-12"
    blank = [header for header in HEADERS if header not in {
        "Reference", "Received", "Procedure", "Channel", "Complainant type", "Team", "Withdrawn"}]
    assert {header: row[header] for header in blank} == dict.fromkeys(blank, "")


def test_a_child_not_looked_after_is_no_and_monitoring_is_written_as_codes(officer):
    write([complaint(3, **{"Looked after": "no", "Gender": "Male", "Remedies": "", "Payment amount": ""})], officer)

    [row] = exported()

    assert (row["Looked after"], row["Gender"], row["Remedies"], row["Payment amount"]) == ("no", "M", "", "")


@pytest.mark.parametrize("count", [2, 10])
def test_the_number_of_queries_does_not_grow_with_the_number_of_complaints(officer, senior, count,
                                                                          django_assert_num_queries):
    write([complaint(number, **{"Stage 2 requested": "10/05/2021", "Stage 2 responded": "2021-07-20",
                                "Stage 2 outcome": "upheld", "Learning": "Call back"})
           for number in range(1, count + 1)], officer, adjudicator=senior)

    # The complaints (with procedure), teams, themes, complainants, children (with child and
    # monitoring), stages, extensions, remedies, learning notes and the learning notes' stages.
    with django_assert_num_queries(10):
        rows = list(complaints_export_rows(complaints=Complaint.objects.all()))

    assert len(rows) == count
    assert {row[HEADERS.index("Stage 2 outcome")] for row in rows} == {"upheld"}


def test_the_csv_file_has_a_bom_the_canonical_header_and_inert_formulas(officer):
    write([complaint(1, Learning="=HYPERLINK(\"http://example.com\")"), complaint(2, Learning="-5 days")], officer)
    output = io.BytesIO()

    count = complaints_export_csv(complaints=Complaint.objects.all(), output=output)

    data = output.getvalue()
    assert count == 2
    assert data.startswith(b"\xef\xbb\xbf")
    header, *rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header == [column.header for column in COMPLAINT_COLUMNS]
    learning = header.index("Learning")
    assert [row[learning] for row in rows] == ["'=HYPERLINK(\"http://example.com\")", "'-5 days"]
    assert not output.closed


def test_the_xlsx_file_holds_every_cell_as_text_with_formulas_made_inert(officer):
    write([complaint(1, Learning="=1+1")], officer)
    output = io.BytesIO()

    count = complaints_export_xlsx(complaints=Complaint.objects.all(), output=output)

    sheet = openpyxl.load_workbook(io.BytesIO(output.getvalue())).active
    header, row = list(sheet.iter_rows(values_only=True))
    assert count == 1
    assert list(header) == list(HEADERS)
    values = dict(zip(header, row, strict=True))
    assert values["Learning"] == "'=1+1"
    assert values["Received"] == "2021-04-01"  # text, not a date cell
    assert values["Payment amount"] == "250.00"
    assert sheet["A2"].data_type == "s"


def test_an_exported_csv_file_reads_back_without_a_problem_and_with_the_same_values(officer, senior):
    write([complaint(1), complaint(2, **{"Stage 2 requested": "10/05/2021", "Stage 2 responded": "2021-07-20",
                                         "Stage 2 outcome": "upheld"})], officer, adjudicator=senior)
    before = exported()
    output = io.BytesIO()
    complaints_export_csv(complaints=Complaint.objects.all(), output=output)

    validation = validate_file(output.getvalue(), today=TODAY)

    assert validation.problems == []
    assert [row.reference for row in validation.rows] == [row["Reference"] for row in before]
    assert validation.rows[1].stage_2_outcome == "upheld"
