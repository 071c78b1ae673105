"""Validating complaint rows: headers, every cell, the rules between cells, duplicates."""

import time
from datetime import date
from decimal import Decimal

import pytest

from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.intake.importing.columns import COMPLAINT_COLUMNS
from fairhearing.intake.importing.files import read_table
from fairhearing.intake.importing.rows import (
    ComplaintRow,
    attribute_name,
    match_header,
    validate_file,
)

from .builders import HEADERS, TEAM, complaint, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def team():
    return TeamFactory(name=TEAM)


def check(rows, **kwargs):
    return validate_file(csv_bytes(rows, **kwargs), today=TODAY)


def messages(result):
    return [str(problem) for problem in result.problems]


def test_a_valid_row_becomes_a_typed_complaint_row():
    result = check([complaint()])
    assert result.is_valid, messages(result)
    assert result.rows == [ComplaintRow(
        source_row=2, reference="CSC-2021-0001", received=date(2021, 4, 1), procedure="children_statutory",
        channel="email", complainant_type="parent", team=(TEAM,), themes=("Delay", "Lack of communication"),
        stage_1_responded=date(2021, 4, 20), stage_1_outcome="partially_upheld",
        remedies=("apology", "financial"), payment_amount=Decimal("250.00"), child_age=12, gender="F",
        ethnicity="WBRI", looked_after=True,
    )]


def test_every_column_has_a_field_on_the_typed_row():
    fields = set(ComplaintRow.__dataclass_fields__)
    assert {attribute_name(column) for column in COMPLAINT_COLUMNS} == fields - {"source_row"}


def test_a_full_complaint_through_stage_3():
    row = complaint(**{
        "Stage 1 responded": "20/04/2021", "Stage 2 requested": "01/05/2021", "Stage 2 statement agreed": "10/05/2021",
        "Stage 2 responded": "01/07/2021", "Stage 2 outcome": "not upheld", "Stage 3 requested": "10/07/2021",
        "Stage 3 panel": "01/08/2021", "Stage 3 responded": "20/08/2021", "Stage 3 outcome": "Not upheld",
        "Stage 1 extended": "30/04/2021", "Child date of birth": "02/04/2009", "Child age": "11", "Learning": "Return calls.",
        "Disability": "none", "Religion": "not answered",
    })
    result = check([row])
    assert result.is_valid, messages(result)
    parsed = result.rows[0]
    assert parsed.stage_3_outcome == "not_upheld"
    assert parsed.child_date_of_birth == date(2009, 4, 2)
    assert parsed.learning == "Return calls."
    assert parsed.disability == "NONE"


# Headers -------------------------------------------------------------------------------------


def test_headers_match_in_any_case_and_spacing():
    header = ("REFERENCE", "received", "procedure", "Channel", "complainant_type", "team", "Stage-1 Responded")
    positions, problems = match_header(header, COMPLAINT_COLUMNS)
    assert problems == []
    assert [column.header for column in positions.values()] == [
        "Reference", "Received", "Procedure", "Channel", "Complainant type", "Team", "Stage 1 responded"]


def test_missing_and_unknown_headers_are_listed_together():
    result = validate_file(b"Reference,Recieved,Procedure,Team,Notes\nCSC-1,01/04/2021,corporate,x,\n", today=TODAY)
    assert not result.is_valid
    assert messages(result) == [
        "The file has no column for: Received, Channel, Complainant type.",
        "These headers are not columns of the register: Recieved, Notes. Rename them to the column names in "
        "the import guide, or remove them.",
    ]
    assert result.rows == []


def test_a_column_given_twice_is_a_problem():
    headers = HEADERS + ["team"]
    result = check([complaint()], headers=headers)
    assert messages(result) == ["Row 1, team: the column Team appears twice (Team and team)"]


def test_only_the_required_columns_are_needed():
    required = [column.header for column in COMPLAINT_COLUMNS if column.required]
    result = check([complaint()], headers=required)
    assert result.is_valid, messages(result)
    assert result.rows[0].themes == ()
    assert result.rows[0].learning == ""


def test_a_value_under_no_header_is_a_problem():
    result = validate_file(csv_bytes([complaint()], headers=HEADERS) .replace(b"\r\n", b",stray\r\n", 2)
                           .replace(b",stray", b"", 1), today=TODAY)
    assert "Row 2, column AD: has a value but no header" in messages(result)


# Cells ---------------------------------------------------------------------------------------


def test_every_bad_cell_is_reported_by_row_and_header():
    rows = [complaint(n) for n in range(1, 14)]
    rows.append(complaint(14, **{"Stage 1 responded": "31/02/2021", "Channel": "Pigeon", "Payment amount": "£1,800.505",
                                 "Child age": "twelve", "Looked after": "maybe"}))
    result = check(rows)
    assert messages(result) == [
        "Row 15, Channel: Pigeon is not a channel; use one of email, online_form, telephone, letter, in_person, app, "
        "advocate, other",
        "Row 15, Stage 1 responded: 31/02/2021 is not a date",
        "Row 15, Payment amount: £1,800.505 has more than two decimal places (pence)",
        "Row 15, Child age: twelve is not a whole number",
        "Row 15, Looked after: maybe is not yes or no",
    ]
    assert len(result.rows) == 13  # the good rows are still typed; the caller writes nothing anyway


def test_required_cells_must_be_filled():
    result = check([complaint(Received="", Team=" ; ")])
    assert messages(result) == ["Row 2, Received: is blank; every row needs this",
                                "Row 2, Team: is blank; every row needs this"]


def test_problems_name_the_header_as_the_file_wrote_it():
    headers = [header.upper() for header in HEADERS]
    row = {header.upper(): value for header, value in complaint(Received="31/02/2021").items()}
    result = check([row], headers=headers)
    assert messages(result) == ["Row 2, RECEIVED: 31/02/2021 is not a date"]


def test_unknown_teams_and_themes_are_offered_for_creation():
    rows = [complaint(1, Team="Leaving Care", Themes="Bins; delay"), complaint(2, Team="leaving care")]
    result = check(rows)
    assert result.unknown_teams == {"Leaving Care"}
    assert result.unknown_themes == {"Bins"}
    assert "Row 2, Team: Leaving Care is not a team yet; it can be created before importing" in messages(result)


def test_child_age_above_25_is_refused():
    assert messages(check([complaint(**{"Child age": "26"})])) == ["Row 2, Child age: 26 is more than 25"]
    assert check([complaint(**{"Child age": "25"})]).is_valid


def test_reference_length():
    assert check([complaint(Reference="R" * 30)]).is_valid
    assert messages(check([complaint(Reference="R" * 31)])) == [
        f"Row 2, Reference: {'R' * 31} is longer than 30 characters"]


def test_a_date_in_a_choice_column_is_refused():
    data = xlsx_bytes([HEADERS[:6], ["CSC-1", "01/04/2021", "corporate", date(2021, 4, 1), "parent", TEAM]])
    result = validate_file(data, today=TODAY)
    assert messages(result) == ["Row 2, Channel: 01/04/2021 is a date, not a channel"]


def test_xlsx_formula_cells_block_the_row():
    data = xlsx_bytes([HEADERS[:6], ["CSC-1", "=TODAY()", "corporate", "email", "parent", TEAM]])
    result = validate_file(data, today=TODAY)
    assert messages(result) == ["Row 2, Received: is a formula; paste the values instead"]
    assert result.rows == []


def test_xlsx_date_cells_are_dates():
    data = xlsx_bytes([HEADERS[:6], ["CSC-1", date(2021, 4, 1), "corporate", "email", "parent", TEAM]])
    result = validate_file(data, today=TODAY)
    assert result.rows[0].received == date(2021, 4, 1)


# Rules between cells ---------------------------------------------------------------------------


# A later stage is asked for only once the one before was answered; remedies come with an answer.
ANSWERED_1 = {"Stage 1 responded": "01/04/2021"}
ANSWERED_2 = {**ANSWERED_1, "Stage 2 requested": "01/04/2021", "Stage 2 responded": "01/04/2021",
              "Stage 2 outcome": "upheld"}
NO_REMEDIES = {"Remedies": "", "Payment amount": ""}


@pytest.mark.parametrize(("later", "earlier", "extra", "message"), [
    ("Stage 1 responded", "Received", {"Received": "20/04/2021"}, "is before Received (20 April 2021)"),
    ("Withdrawn", "Received", {"Received": "20/04/2021"}, "is before Received (20 April 2021)"),
    ("Stage 2 requested", "Stage 1 responded", {"Stage 1 responded": "20/04/2021"},
     "is before Stage 1 responded (20 April 2021)"),
    ("Stage 2 statement agreed", "Stage 2 requested", {**ANSWERED_1, "Stage 2 requested": "20/04/2021"},
     "is before Stage 2 requested (20 April 2021)"),
    ("Stage 2 responded", "Stage 2 statement agreed",
     {**ANSWERED_1, "Stage 2 requested": "20/04/2021", "Stage 2 statement agreed": "20/04/2021",
      "Stage 2 outcome": "upheld"},
     "is before Stage 2 statement agreed (20 April 2021)"),
    ("Stage 3 requested", "Stage 2 responded",
     {**ANSWERED_1, "Stage 2 requested": "01/04/2021", "Stage 2 responded": "20/04/2021", "Stage 2 outcome": "upheld"},
     "is before Stage 2 responded (20 April 2021)"),
    ("Stage 3 panel", "Stage 3 requested", {**ANSWERED_2, "Stage 3 requested": "20/04/2021"},
     "is before Stage 3 requested (20 April 2021)"),
    ("Stage 3 responded", "Stage 3 panel",
     {**ANSWERED_2, "Stage 3 requested": "01/04/2021", "Stage 3 panel": "20/04/2021", "Stage 3 outcome": "upheld"},
     "is before Stage 3 panel (20 April 2021)"),
])
def test_events_in_order_same_day_allowed_day_before_refused(later, earlier, extra, message):
    base = {"Received": "01/04/2021", "Stage 1 responded": "", "Stage 1 outcome": "", **NO_REMEDIES, **extra}

    def row(value):
        cells = {**base, later: value}
        if cells["Stage 1 responded"]:
            cells["Stage 1 outcome"] = "upheld"
        return complaint(**cells)

    same_day = check([row(extra.get(earlier, base["Received"]))])
    assert same_day.is_valid, messages(same_day)
    day_before = check([row("19/04/2021")])
    assert messages(day_before) == [f"Row 2, {later}: 19 April 2021 {message}"]


def test_no_date_may_be_in_the_future_but_today_is_allowed():
    assert check([complaint(Received="22/11/2026", **{"Stage 1 responded": "22/11/2026"})]).is_valid
    result = check([complaint(Received="23/11/2026", **{"Stage 1 responded": "", "Stage 1 outcome": "", **NO_REMEDIES})])
    assert messages(result) == ["Row 2, Received: 23 November 2026 is in the future"]


def test_an_extended_due_date_may_be_in_the_future():
    # Received on Sunday 1 November 2026: Stage 1 may run to 20 working days, Friday 27 November.
    result = check([complaint(Received="01/11/2026", **{"Stage 1 responded": "", "Stage 1 outcome": "", **NO_REMEDIES,
                                                       "Stage 1 extended": "27/11/2026"})])
    assert result.is_valid, messages(result)


def test_a_response_needs_its_outcome_and_an_outcome_its_response():
    assert messages(check([complaint(**{"Stage 1 outcome": ""})])) == [
        "Row 2, Stage 1 outcome: is blank; a stage that was responded to needs its outcome "
        "(Stage 1 responded is 20 April 2021)"]
    assert messages(check([complaint(**{"Stage 1 responded": "", **NO_REMEDIES})])) == [
        "Row 2, Stage 1 responded: is blank; an outcome is given, so give the date of the response"]


def test_later_stage_dates_need_the_request_date():
    result = check([complaint(**{"Stage 2 responded": "01/06/2021", "Stage 2 outcome": "upheld"})])
    assert messages(result) == [
        "Row 2, Stage 2 requested: is blank; Stage 2 responded is filled in, so give the date Stage 2 was asked for"]


def test_a_complaint_routed_elsewhere_has_no_stages():
    result = check([complaint(Procedure="elsewhere")])
    assert messages(result) == [
        "Row 2, Stage 1 responded: is filled in, but a complaint routed to another process has no stages"]


@pytest.mark.parametrize(("born", "age", "valid"), [
    ("01/04/2009", "12", True),   # twelfth birthday on the day received
    ("02/04/2009", "11", True),   # the day after: still eleven
    ("02/04/2009", "12", False),
    ("29/02/2008", "13", True),   # a leap-day birthday counts from 1 March in other years
    ("", "12", True),
    ("01/04/2009", "", True),
])
def test_child_age_and_date_of_birth_must_agree(born, age, valid):
    result = check([complaint(**{"Child date of birth": born, "Child age": age})])
    assert result.is_valid is valid, messages(result)
    if not valid:
        assert messages(result) == ["Row 2, Child age: 12 does not match Child date of birth: the child was 11 "
                                    "when the complaint was received"]


def test_child_born_after_the_complaint_is_refused():
    result = check([complaint(**{"Child date of birth": "02/04/2021", "Child age": ""})])
    assert messages(result) == [
        "Row 2, Child date of birth: 2 April 2021 is after the complaint was received (1 April 2021)"]


# Duplicates ------------------------------------------------------------------------------------


def test_duplicate_references_within_the_file():
    rows = [complaint(n) for n in range(1, 20)]
    rows[18] = complaint(7)  # row 20 of the sheet repeats CSC-2021-0007 (row 8)
    rows.append(complaint(7, Reference=" csc-2021-0007 "))
    result = check(rows)
    assert messages(result) == ["Row 20, Reference: CSC-2021-0007 is also on row 8",
                                "Row 21, Reference: csc-2021-0007 is also on row 8"]


def test_result_is_all_or_nothing():
    result = check([complaint(1), complaint(2, Received="31/02/2021")])
    assert not result.is_valid
    assert [row.reference for row in result.rows] == ["CSC-2021-0001"]


def test_validating_10000_rows(capsys):
    """Not a timing assertion: the time is printed for the performance notes."""
    teams = [TeamFactory(name=f"Area team {n}").name for n in range(10)]
    rows = [complaint(n, Team=teams[n % 10], Received=f"{1 + n % 28:02d}/0{1 + n % 9}/2021",
                      **{"Stage 1 responded": "", "Stage 1 outcome": "", **NO_REMEDIES}) for n in range(1, 10_001)]
    data = csv_bytes(rows)
    started = time.perf_counter()
    result = validate_file(data, today=TODAY)
    elapsed = time.perf_counter() - started
    assert result.is_valid, messages(result)[:5]
    assert len(result.rows) == 10_000
    with capsys.disabled():
        print(f"\nvalidated 10,000 rows ({len(data) / 1e6:.1f} MB CSV) in {elapsed:.2f} s")


def test_read_table_and_validate_agree_on_row_numbers():
    data = csv_bytes([complaint(1), {}, complaint(2, Received="x")])
    assert [row.number for row in read_table(data).rows] == [2, 4]
    assert messages(validate_file(data, today=TODAY)) == [
        "Row 4, Received: x is not a date; write it as day/month/year, for example 1/4/2021"]
