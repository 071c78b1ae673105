"""The register of Members' enquiries: checking, importing through the enquiry services (due dates
from the local target, answered on time or late), idempotence, the commands, export, round trip."""

import csv
import datetime
import hashlib
import io
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.kinds.enquiries import (
    enquiry_create,
    enquiry_link_complaint,
    enquiry_log,
    enquiry_respond,
)
from fairhearing.cases.models import Enquiry
from fairhearing.cases.tests.factories import make_complaint
from fairhearing.core.errors import DomainError
from fairhearing.intake.importing.columns import ENQUIRY_COLUMNS, RegisterKind
from fairhearing.intake.importing.registers import import_register
from fairhearing.intake.importing.registers.enquiries import EnquiryRow, name_parts
from fairhearing.intake.importing.rows import validate_file
from fairhearing.intake.models import ImportBatch, ImportedRecord
from fairhearing.people.models import Person

from .builders import csv_bytes
from .registers import TEAM, TODAY, Register, messages, report_tables, run

D = datetime.date
REGISTER = Register(RegisterKind.ENQUIRIES, ENQUIRY_COLUMNS, "Enquiries register")
HEADERS = REGISTER.headers
check, write, export, guide_section = REGISTER.check, REGISTER.write, REGISTER.export, REGISTER.guide_section
tables = report_tables
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("register_teams")]


def enquiry(number: int = 1, **overrides: str) -> dict[str, str]:
    """A valid enquiry row: received Thursday 1 April 2021 (due Monday 19 April), answered on time."""
    row = {
        "Reference": f"MP/2021/{number:03d}", "Received": "01/04/2021", "Member type": "MP",
        "Member name": "Jane Smith MP", "Team": TEAM, "On behalf of": "Mrs Ann Jones",
        "Summary": "Delay in replying to a letter", "Responded": "16/04/2021", "Complaint": "",
    }
    row.update(overrides)
    return row


# Checking ---------------------------------------------------------------------------------------


def test_a_valid_row_becomes_a_typed_enquiry_row():
    complaint = make_complaint(received_on=D(2021, 3, 1), reference="CSC-2021-0007")
    result = check([enquiry(1, Complaint="csc-2021-0007"), enquiry(2, **{
        "Member type": "Councillor", "On behalf of": "", "Summary": "", "Responded": ""})])
    assert result.is_valid, messages(result)
    assert result.rows == [
        EnquiryRow(source_row=2, reference="MP/2021/001", received=D(2021, 4, 1), member_type="mp",
                   member_name="Jane Smith MP", team=TEAM, on_behalf_of="Mrs Ann Jones",
                   summary="Delay in replying to a letter", responded=D(2021, 4, 16), complaint=complaint.reference),
        EnquiryRow(source_row=3, reference="MP/2021/002", received=D(2021, 4, 1), member_type="councillor",
                   member_name="Jane Smith MP", team=TEAM),
    ]


@pytest.mark.parametrize(("name", "parts"), [
    ("Mrs Ann Jones", ("Mrs Ann", "Jones")), ("Tom", ("Tom", "")), ("Ann  Marie   Jones", ("Ann Marie", "Jones")),
    ("", ("", "")),
])
def test_a_constituents_last_word_is_the_last_name(name, parts):
    assert name_parts(name) == parts


def test_every_bad_cell_is_reported_by_row_and_header():
    result = check([enquiry(1), enquiry(2, **{
        "Received": "2021-13-01", "Member type": "Mayor", "Member name": " ", "Responded": "soon",
        "Team": "Adoption", "Complaint": "CSC-2021-0099", "On behalf of": "A" * 201})])
    assert messages(result) == [
        "Row 3, Received: 2021-13-01 is not a date",
        "Row 3, Member type: Mayor is not a kind of Member; use one of mp, mep, councillor",
        "Row 3, Member name: is blank; every row needs this",
        "Row 3, Team: Adoption is not a team yet; it can be created before importing",
        f"Row 3, On behalf of: {'A' * 201} is longer than 200 characters",
        "Row 3, Responded: soon is not a date; write it as day/month/year, for example 1/4/2021",
        "Row 3, Complaint: CSC-2021-0099 is not a complaint in Fair Hearing; import (or enter) the complaint first",
    ]
    assert result.unknown_teams == {"Adoption"}
    assert [row.reference for row in result.rows] == ["MP/2021/001"]


def test_a_missing_required_column_stops_the_check():
    result = check([enquiry()], headers=["Reference", "Received", "Team", "Summary"])
    assert messages(result) == ["The file has no column for: Member type, Member name."]


def test_duplicate_references_within_the_file_ignoring_case():
    assert messages(check([enquiry(1), enquiry(1, Reference="mp/2021/001")])) == [
        "Row 3, Reference: mp/2021/001 is also on row 2"]


@pytest.mark.parametrize(("responded", "problem"), [
    ("01/04/2021", None),  # answered the day it arrived
    ("31/03/2021", "Row 2, Responded: 31 March 2021 is before Received (1 April 2021)"),
    ("01/06/2022", None),  # today
    ("02/06/2022", "Row 2, Responded: 2 June 2022 is in the future"),
])
def test_responded_after_received_and_not_in_the_future(responded, problem):
    assert messages(check([enquiry(Responded=responded)])) == ([problem] if problem else [])


def test_a_constituents_names_must_each_fit():
    long_first = "A" * 101 + " Jones"
    assert messages(check([enquiry(**{"On behalf of": long_first})])) == [
        "Row 2, On behalf of: is too long: the first names and the last name may each have at most 100 characters"]
    assert check([enquiry(**{"On behalf of": "A" * 100 + " " + "B" * 99})]).is_valid


# Importing --------------------------------------------------------------------------------------


def test_a_register_becomes_enquiries_with_due_dates_from_the_local_target(officer):
    complaint = make_complaint(received_on=D(2021, 3, 1), reference="CSC-2021-0007")
    result = write([
        enquiry(1, Complaint="CSC-2021-0007"),
        enquiry(2, Responded="19/04/2021", **{"On behalf of": "Tom"}),  # the due date: on time
        enquiry(3, Responded="20/04/2021", **{"On behalf of": ""}),  # a day late
        enquiry(4, Responded="", Summary="", **{"Member type": "councillor"}),
    ], officer)
    assert (result.created_count, result.already_present_count) == (4, 0)
    first, second, third, fourth = result.created
    assert [e.reference for e in result.created] == [f"ENQ-2021-000{n}" for n in range(1, 5)]
    # Received Thursday 1 April 2021: Good Friday and Easter Monday are not working days, so the
    # 10th working day (the default target) is Monday 19 April.
    assert {e.response_due_on for e in result.created} == {D(2021, 4, 19)}
    assert (second.answered_on_time, third.answered_on_time, fourth.answered_on_time) == (True, False, None)
    assert (first.on_behalf_of.first_name, first.on_behalf_of.last_name) == ("Mrs Ann", "Jones")
    assert (second.on_behalf_of.first_name, second.on_behalf_of.last_name, third.on_behalf_of) == ("Tom", "", None)
    assert first.complaint == complaint and fourth.complaint is None
    assert (fourth.member_kind, fourth.summary) == ("councillor", "Not recorded in the imported register.")
    verbs = list(AuditEvent.objects.filter(subject_id=first.pk, subject_type__model="enquiry")
                 .order_by("pk").values_list("verb", flat=True))
    assert verbs == ["enquiry.created", "enquiry.responded", "enquiry.complaint_linked"]
    assert AuditEvent.objects.filter(verb="complaint.enquiry_linked", subject_id=complaint.pk).exists()
    marks = ImportedRecord.objects.order_by("row_number")
    assert [(m.row_number, m.reference, m.record) for m in marks] == [
        (n + 1, f"MP/2021/00{n}", result.created[n - 1]) for n in range(1, 5)]
    assert ImportBatch.objects.get().kind == "enquiries"


def test_importing_the_same_file_twice_creates_nothing_and_says_so(officer):
    write([enquiry(1), enquiry(2)], officer)
    events, people = AuditEvent.objects.count(), Person.objects.count()
    again = write([enquiry(1), enquiry(2)], officer)
    assert (again.created_count, again.already_present) == (0, ["MP/2021/001", "MP/2021/002"])
    assert Enquiry.objects.count() == 2 and Person.objects.count() == people
    assert AuditEvent.objects.count() == events + 1


def test_a_file_with_a_problem_writes_nothing(officer):
    with pytest.raises(DomainError, match="The file has 1 problem"):
        write([enquiry(1), enquiry(2, Received="")], officer)
    assert not Enquiry.objects.exists() and not Person.objects.exists() and not ImportBatch.objects.exists()


# The commands -----------------------------------------------------------------------------------


def test_the_command_checks_with_dry_run_writing_nothing_then_imports_once(tmp_path, officer):
    path = tmp_path / "enquiries.csv"
    path.write_bytes(csv_bytes([enquiry(1)], headers=HEADERS))
    assert run("import_register", str(path), "--kind", "enquiries", "--dry-run") == (
        "1 row is valid. Nothing was written (this was a dry run).\n")
    assert not Enquiry.objects.exists() and not ImportBatch.objects.exists()
    assert run("import_register", str(path), "--kind", "enquiries", "--user", "importer") == (
        "1 enquiry imported, 0 already imported (nothing changed).\n")
    assert run("import_register", str(path), "--kind", "enquiries", "--user", "importer") == (
        "0 enquiries imported, 1 already imported (nothing changed).\n")


def test_the_command_prints_every_problem(tmp_path, officer):
    path = tmp_path / "enquiries.csv"
    path.write_bytes(csv_bytes([enquiry(1, Responded="31/03/2021")], headers=HEADERS))
    out = StringIO()
    with pytest.raises(CommandError, match=r"^1 problem found; nothing was written \(this was a dry run\)\.$"):
        call_command("import_register", str(path), "--kind", "enquiries", "--dry-run", stdout=out)
    assert out.getvalue() == "Row 2, Responded: 31 March 2021 is before Received (1 April 2021)\n"


def test_the_export_command_writes_xlsx(tmp_path, officer):
    write([enquiry(1), enquiry(2, Received="01/05/2021", Responded="")], officer)
    path = tmp_path / "enquiries.xlsx"
    assert run("export_register", "--kind", "enquiries", "--format", "xlsx", "--output", str(path),
               "--to", "30/04/2021") == f"1 enquiry exported to {path}.\n"
    result = validate_file(path, kind="enquiries", today=TODAY)
    assert [row.reference for row in result.rows] == ["MP/2021/001"]


# Exporting and the round trip -------------------------------------------------------------------


def build_world(actor) -> None:
    """Enquiries of 2020-21 and 2021-22 logged by hand: kinds, teams, on time, late, open, linked."""
    teams = {name: TeamFactory(name=name) for name in (TEAM, "Leaving Care")}
    complaint = make_complaint(received_on=D(2021, 3, 1), reference="CSC-2021-0007", actor=actor)
    plan = [  # received, member kind, team, answered, constituent
        (D(2021, 3, 15), "mp", TEAM, D(2021, 3, 26), "Ann Jones"),
        (D(2021, 4, 1), "mp", TEAM, D(2021, 4, 19), "Mrs Ann Jones"),  # on the due date
        (D(2021, 4, 1), "councillor", "Leaving Care", D(2021, 4, 20), ""),  # a day late
        (D(2021, 9, 6), "mep", TEAM, None, "Tom"),  # never answered: counted late
        (D(2022, 3, 28), "councillor", "Leaving Care", D(2022, 4, 4), ""),
    ]
    for received, kind, team, answered, constituent in plan:
        first, last = name_parts(constituent) if constituent else ("", "")
        made = enquiry_log(received_on=received, member_kind=kind, member_name=f"{kind.upper()} for the ward",
                           team=teams[team], summary="About a child's placement", actor=actor,
                           on_behalf_of_first_name=first, on_behalf_of_last_name=last, today=received)
        if answered:
            enquiry_respond(enquiry=made, responded_on=answered, actor=actor, today=answered)
        if kind == "mep":
            enquiry_link_complaint(enquiry=made, complaint=complaint, actor=actor)


def test_exporting_then_importing_into_an_empty_database_gives_identical_report_tables(officer):
    build_world(officer)
    before = tables()
    data = export()

    Enquiry.objects.all().delete()
    Person.objects.filter(complaints__isnull=True).delete()
    assert tables() != before
    validation = validate_file(data, kind="enquiries", today=TODAY)
    assert validation.problems == []
    result = import_register(validation=validation, file_name="export.csv",
                             file_sha256=hashlib.sha256(data).hexdigest(), actor=officer, today=TODAY)
    assert result.created_count == 5

    after = tables()
    assert {key: after[key] for key in before if after[key] != before[key]} == {}
    assert export() == data
    # The report is about the world: four enquiries in 2021-22; of three due, one answered on time.
    assert before[("enquiries", "enquiries_by_kind")]["Total"][:2] == ("4", "1")
    assert before[("enquiries", "enquiries_on_time")]["Answered on time"][0] == "1"


def test_an_enquiry_logged_by_hand_exports_its_own_reference_and_imports_as_already_present(officer):
    made = enquiry_create(received_on=D(2021, 5, 4), member_kind="mp", member_name="A Member", summary="Delay",
                          team=TeamFactory(name=TEAM), actor=officer, today=D(2021, 5, 4))
    data = export()
    assert next(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))["Reference"] == made.reference
    result = import_register(validation=validate_file(data, kind="enquiries", today=TODAY), file_name="e.csv",
                             file_sha256="0" * 64, actor=officer, today=TODAY)
    assert (result.created_count, result.already_present) == (0, [made.reference])


# The guide --------------------------------------------------------------------------------------


def test_the_guide_has_a_row_for_every_column_saying_whether_it_is_required():
    section = guide_section()
    for column in ENQUIRY_COLUMNS:
        match = re.search(rf"^\| {re.escape(column.header)} \| (yes)? ?\|", section, re.MULTILINE)
        assert match, column.header
        assert bool(match[1]) is column.required, column.header


def test_the_guides_example_is_valid():
    example = guide_section().split("```csv\n", 1)[1].split("```", 1)[0]
    result = validate_file(example.encode(), kind="enquiries", today=D(2026, 11, 22))
    assert result.is_valid, messages(result)
    assert [row.member_type for row in result.rows] == ["mp", "councillor", "mp"]
