"""A register's Child age, given without a date of birth, is kept on the complaint's link to the
child, counted in the annual report's age bands, and exported again in the Child age column."""

import datetime
import hashlib

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.models import Complaint, ComplaintChild
from fairhearing.intake.importing.export import complaints_export_rows
from fairhearing.intake.importing.rows import validate_file
from fairhearing.intake.importing.writer import import_complaints
from fairhearing.intake.models import ImportedRecord
from fairhearing.reports.build import report_build
from fairhearing.reports.periods import Period
from fairhearing.reports.report import ReportOptions

from .builders import HEADERS, TEAM, complaint, csv_bytes

D = datetime.date
TODAY = D(2022, 6, 1)
pytestmark = pytest.mark.django_db

# Received on 1 April 2021 unless said otherwise; no date of birth unless said otherwise.
ROWS = [
    complaint(1, **{"Child age": "0"}),
    complaint(2, **{"Child age": "25"}),
    complaint(3, **{"Child age": "5"}),
    complaint(4, **{"Child age": "6"}),
    # Both given, and agreeing (the file's checks refuse them otherwise): the date of birth is kept.
    complaint(5, **{"Child age": "12", "Child date of birth": "02/04/2008"}),
    # No child column at all: no child, so nothing to count.
    complaint(6, **{"Child age": "", "Gender": "", "Ethnicity": "", "Looked after": ""}),
]


@pytest.fixture
def officer():
    TeamFactory(name=TEAM)
    return UserFactory(username="importer", roles=[Role.COMPLAINTS_MANAGER])


def write(rows, actor, *, row_by_row=False):
    data = csv_bytes(rows)
    validation = validate_file(data, today=TODAY)
    assert validation.problems == []
    return import_complaints(validation=validation, file_name="register.csv",
                             file_sha256=hashlib.sha256(data).hexdigest(), actor=actor, today=TODAY,
                             row_by_row=row_by_row)


def stored_ages():
    return {link.complaint.reference: (link.age_when_received, link.child.date_of_birth)
            for link in ComplaintChild.objects.select_related("complaint", "child")}


def age_table():
    report = report_build(options=ReportOptions(period=Period.financial_year(2021)), today=TODAY)
    t = report.section("monitoring").table("age")
    index = t.column_index("fy2021")
    return {row.key: row.cells[index].value for row in t.rows}


@pytest.mark.parametrize("row_by_row", [False, True], ids=["in batches", "row by row"])
def test_an_age_without_a_date_of_birth_is_stored_and_one_with_it_is_not(officer, row_by_row):
    write(ROWS, officer, row_by_row=row_by_row)
    assert stored_ages() == {
        "CSC-2021-0001": (0, None), "CSC-2021-0002": (25, None), "CSC-2021-0003": (5, None),
        "CSC-2021-0004": (6, None), "CSC-2021-0005": (None, D(2008, 4, 2)),
    }


def test_imported_children_given_an_age_are_counted_in_their_age_bands(officer):
    write(ROWS, officer)
    # 0 and 5; 6; 12 from the date of birth (the day before the 13th birthday); 25.
    assert age_table() == {"0_5": 2, "6_9": 1, "10_14": 1, "15_17": 0, "18_plus": 1, "unknown": 0, "total": 5}


def test_the_export_writes_the_stored_age_and_leaves_it_blank_beside_a_date_of_birth(officer):
    write(ROWS, officer)
    rows = [dict(zip(HEADERS, row, strict=True))
            for row in complaints_export_rows(complaints=Complaint.objects.all())]
    cells = {row["Reference"]: (row["Child age"], row["Child date of birth"]) for row in rows}
    assert cells == {
        "CSC-2021-0001": ("0", ""), "CSC-2021-0002": ("25", ""), "CSC-2021-0003": ("5", ""),
        "CSC-2021-0004": ("6", ""), "CSC-2021-0005": ("", "2008-04-02"), "CSC-2021-0006": ("", ""),
    }


def test_an_exported_age_imports_again_as_the_same_age(officer):
    write(ROWS[:2], officer)
    rows = [dict(zip(HEADERS, row, strict=True))
            for row in complaints_export_rows(complaints=Complaint.objects.all())]
    before = stored_ages()
    Complaint.objects.all().delete()
    ImportedRecord.objects.all().delete()
    write(rows, officer)
    assert stored_ages() == before == {"CSC-2021-0001": (0, None), "CSC-2021-0002": (25, None)}
