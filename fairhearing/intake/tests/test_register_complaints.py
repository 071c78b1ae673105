"""The complaints register's rules for what the stage services would refuse (so a valid file never
stops halfway through an import), and the entry points every kind shares: import_register and
export_register."""

import datetime
import hashlib
import io

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.models import Complaint, Procedure
from fairhearing.cases.tests.factories import make_complaint
from fairhearing.core.errors import DomainError
from fairhearing.intake.importing.columns import COMPLIMENT_COLUMNS
from fairhearing.intake.importing.export import complaints_export_csv, complaints_export_xlsx
from fairhearing.intake.importing.registers import export_register, import_register, register_count
from fairhearing.intake.importing.rows import validate_file

from .builders import TEAM, complaint, csv_bytes

D = datetime.date
TODAY = D(2022, 6, 1)
pytestmark = pytest.mark.django_db

# A complaint answered at Stage 1 on 20 April 2021, with nothing after.
ANSWERED = {"Stage 1 responded": "20/04/2021", "Stage 1 outcome": "upheld"}
UNANSWERED = {"Stage 1 responded": "", "Stage 1 outcome": "", "Remedies": "", "Payment amount": ""}


@pytest.fixture(autouse=True)
def team():
    return TeamFactory(name=TEAM)


@pytest.fixture
def officer():
    return UserFactory(username="importer", roles=[Role.COMPLAINTS_MANAGER, Role.SENIOR_MANAGER])


def messages(rows):
    result = validate_file(csv_bytes(rows), today=TODAY)
    return [str(problem) for problem in result.problems]


def write(rows, actor):
    data = csv_bytes(rows)
    return import_register(validation=validate_file(data, kind="complaints", today=TODAY), file_name="r.csv",
                           file_sha256=hashlib.sha256(data).hexdigest(), actor=actor, today=TODAY)


# A stage is taken further only once answered --------------------------------------------------------


def test_stage_two_asked_for_while_stage_one_has_no_response_is_a_problem_on_its_row():
    assert messages([complaint(1), complaint(2, **{**UNANSWERED, "Stage 2 requested": "01/05/2021"})]) == [
        "Row 3, Stage 2 requested: 1 May 2021 is given, but Stage 1 has no response date; a stage is taken "
        "further only once it has been answered"]


def test_stage_three_asked_for_while_stage_two_has_no_response_is_a_problem():
    row = complaint(**{"Stage 2 requested": "01/05/2021", "Stage 3 requested": "01/07/2021"})
    assert messages([row]) == [
        "Row 2, Stage 3 requested: 1 July 2021 is given, but Stage 2 has no response date; a stage is taken "
        "further only once it has been answered"]


def test_the_corporate_procedure_has_no_stage_three_and_no_statement_of_complaint():
    row = complaint(Procedure="corporate", **{
        "Stage 2 requested": "01/05/2021", "Stage 2 statement agreed": "05/05/2021", "Stage 2 responded": "01/06/2021",
        "Stage 2 outcome": "upheld", "Stage 3 requested": "10/06/2021"})
    assert messages([row]) == [
        "Row 2, Stage 3 requested: is filled in, but the Corporate complaints procedure has no Stage 3",
        "Row 2, Stage 2 statement agreed: is filled in, but under the Corporate complaints procedure Stage 2 has no "
        "statement of complaint (it counts from the acknowledgement of the request)",
    ]


def test_a_stage_three_response_needs_the_panel():
    row = complaint(**{"Stage 2 requested": "01/05/2021", "Stage 2 responded": "01/06/2021", "Stage 2 outcome": "upheld",
                       "Stage 3 requested": "10/06/2021", "Stage 3 responded": "20/07/2021", "Stage 3 outcome": "upheld"})
    assert messages([row]) == [
        "Row 2, Stage 3 panel: is blank; Stage 3 responded is filled in, so give the date the review panel met"]


def test_remedies_need_a_response():
    assert messages([complaint(**{"Stage 1 responded": "", "Stage 1 outcome": ""})]) == [
        "Row 2, Remedies: is filled in, but no stage has a response date; remedies are offered in a response",
        "Row 2, Payment amount: is filled in, but no stage has a response date; remedies are offered in a response",
    ]


def test_a_complaint_routed_elsewhere_has_no_extension_withdrawal_or_learning():
    row = complaint(Procedure="elsewhere", **{**UNANSWERED, "Stage 1 extended": "30/04/2021",
                                              "Withdrawn": "05/04/2021", "Learning": "Route it sooner."})
    assert messages([row]) == [
        "Row 2, Stage 1 extended: is filled in, but a complaint routed to another process has no stages",
        "Row 2, Withdrawn: is filled in, but a complaint routed to another process is closed the day it is received",
        "Row 2, Learning: is filled in, but a complaint routed to another process is closed the day it is received",
    ]


@pytest.mark.parametrize(("withdrawn", "valid"), [("20/04/2021", True), ("19/04/2021", False)])
def test_a_withdrawal_is_not_before_any_stage_event(withdrawn, valid):
    problems = messages([complaint(**{**ANSWERED, "Remedies": "", "Payment amount": "", "Withdrawn": withdrawn})])
    assert problems == ([] if valid else [
        "Row 2, Withdrawn: 19 April 2021 is before Stage 1 responded (20 April 2021); a withdrawal ends the "
        "complaint, so it comes last"])


# A Stage 1 extension: a working day, after the due date, within the procedure's maximum ---------


# Received Thursday 1 April 2021. Good Friday (2 April) and Easter Monday (5 April) are not working
# days, so Stage 1 was due on Monday 19 April (10 working days); 20 working days end on Tuesday
# 4 May, after the early May bank holiday (3 May).
@pytest.mark.parametrize(("procedure", "extended", "problem"), [
    ("children_statutory", "20/04/2021", None),
    ("children_statutory", "19/04/2021",
     "19 April 2021 is not after the Stage 1 due date (19 April 2021); an extension moves the due date later"),
    ("children_statutory", "04/05/2021", None),
    ("children_statutory", "03/05/2021",
     "3 May 2021 is not a working day (May Day); a due date is a working day"),
    ("children_statutory", "24/04/2021", "24 April 2021 is not a working day (Saturday); a due date is a working day"),
    ("children_statutory", "05/05/2021",
     "5 May 2021 is more than 20 working days after Received; under the Children's statutory complaints "
     "procedure the latest is 4 May 2021"),
    # A corporate complaint is imported acknowledged on the day received, so it counts the same.
    ("corporate", "04/05/2021", None),
    ("corporate", "05/05/2021",
     "5 May 2021 is more than 20 working days after Received; under the Corporate complaints procedure the "
     "latest is 4 May 2021"),
])
def test_a_stage_one_extension(procedure, extended, problem):
    problems = messages([complaint(Procedure=procedure, **{**UNANSWERED, "Stage 1 extended": extended})])
    assert problems == ([f"Row 2, Stage 1 extended: {problem}"] if problem else [])


def test_every_valid_extension_imports(officer):
    rows = [complaint(1, **{**UNANSWERED, "Stage 1 extended": "04/05/2021"}),
            complaint(2, Procedure="corporate", **{**UNANSWERED, "Stage 1 extended": "20/04/2021"})]
    assert write(rows, officer).created_count == 2
    assert sorted(Complaint.objects.values_list("stages__due_on", flat=True)) == [D(2021, 4, 20), D(2021, 5, 4)]


# References and procedures in Fair Hearing ---------------------------------------------------------


def test_a_reference_of_a_complaint_entered_by_hand_is_a_problem_but_one_imported_is_skipped(officer):
    make_complaint(reference="CSC-2021-0009")
    write([complaint(1)], officer)
    assert messages([complaint(1), complaint(2, Reference="csc-2021-0009")]) == [
        "Row 3, Reference: csc-2021-0009 is the reference of a complaint entered in Fair Hearing (not imported); "
        "change the reference in the file"]
    result = write([complaint(1), complaint(3)], officer)
    assert (result.created_count, result.already_present) == (1, ["CSC-2021-0001"])


def test_a_procedure_no_longer_in_use_is_a_problem():
    Procedure.objects.filter(kind="corporate").update(is_active=False)
    assert messages([complaint(Procedure="corporate")]) == [
        "Row 2, Procedure: no corporate complaints procedure is in use in Fair Hearing"]


# The entry points every kind shares ---------------------------------------------------------------


def test_import_register_writes_a_complaints_register_with_the_adjudicator(officer):
    row = complaint(**{"Stage 1 outcome": "not upheld", "Remedies": "", "Payment amount": "",
                       "Stage 2 requested": "04/05/2021", "Stage 2 responded": "15/06/2021", "Stage 2 outcome": "upheld"})
    data = csv_bytes([row])
    result = import_register(validation=validate_file(data, today=TODAY), file_name="r.csv",
                             file_sha256=hashlib.sha256(data).hexdigest(), actor=officer, adjudicator=officer,
                             today=TODAY)
    assert result.created[0].stages.get(number=2).responded_by == officer


def test_export_register_writes_complaints_as_the_complaints_export_does(officer):
    write([complaint(1), complaint(2, Received="02/04/2021")], officer)
    for file_format, writer in (("csv", complaints_export_csv), ("xlsx", complaints_export_xlsx)):
        ours, theirs = io.BytesIO(), io.BytesIO()
        assert export_register(kind="complaints", file_format=file_format, output=ours) == 2
        writer(complaints=Complaint.objects.all(), output=theirs)
        if file_format == "csv":
            assert ours.getvalue() == theirs.getvalue()
        else:  # a workbook records when it was made, so compare what it holds
            assert validate_file(ours.getvalue(), today=TODAY).rows == validate_file(theirs.getvalue(), today=TODAY).rows
    limited = io.BytesIO()
    assert export_register(kind="complaints", file_format="csv", output=limited, received_from=D(2021, 4, 2)) == 1


def test_an_unknown_format_is_refused():
    with pytest.raises(DomainError, match="Choose csv or xlsx, not pdf."):
        export_register(kind="compliments", file_format="pdf", output=io.BytesIO())


def test_progress_is_reported_every_hundred_rows_and_at_the_end(officer):
    headers = [column.header for column in COMPLIMENT_COLUMNS]
    rows = [{"Reference": f"C{n}", "Received": "04/05/2021", "Team": TEAM, "Given by": "child"} for n in range(150)]
    data = csv_bytes(rows, headers=headers)
    calls = []
    result = import_register(validation=validate_file(data, kind="compliments", today=TODAY), file_name="c.csv",
                             file_sha256=hashlib.sha256(data).hexdigest(), actor=officer, today=TODAY,
                             progress=lambda done, total: calls.append((done, total)))
    assert result.created_count == 150
    assert calls == [(100, 150), (150, 150)]


@pytest.mark.parametrize(("kind", "count", "text"), [
    ("complaints", 1, "1 complaint"), ("compliments", 2, "2 compliments"), ("enquiries", 1, "1 enquiry"),
    ("enquiries", 0, "0 enquiries"), ("ombudsman", 3, "3 Ombudsman cases"),
])
def test_register_count(kind, count, text):
    assert register_count(kind, count) == text
