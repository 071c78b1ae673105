"""The compliments register: checking every cell and rule, importing through the compliment
services (all or nothing, idempotent), the commands, exporting, and the round trip."""

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
from fairhearing.cases.kinds.compliments import (
    compliment_create,
    compliment_log,
    compliment_quotation_prepare,
)
from fairhearing.cases.models import Compliment
from fairhearing.core.errors import DomainError
from fairhearing.intake.importing.columns import COMPLIMENT_COLUMNS, RegisterKind
from fairhearing.intake.importing.registers import import_register
from fairhearing.intake.importing.registers.compliments import ComplimentRow
from fairhearing.intake.importing.rows import validate_file
from fairhearing.intake.models import ImportBatch, ImportedRecord
from fairhearing.people.models import Person

from .builders import csv_bytes, xlsx_bytes
from .registers import TEAM, TODAY, Register, messages, report_tables, run, year_report

D = datetime.date
REGISTER = Register(RegisterKind.COMPLIMENTS, COMPLIMENT_COLUMNS, "Compliments register")
HEADERS = REGISTER.headers
check, write, export, guide_section = REGISTER.check, REGISTER.write, REGISTER.export, REGISTER.guide_section
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("register_teams")]


def compliment(number: int = 1, **overrides: str) -> dict[str, str]:
    """A valid compliment row, received in May 2021, quotable."""
    row = {
        "Reference": f"COMP/21/{number:03d}", "Received": "04/05/2021", "Team": TEAM, "Given by": "parent_family",
        "Channel": "email", "About": "Social worker", "Words": "Sam Jones was wonderful with our family.",
        "Quotation": "X was wonderful with our family.", "Consent to quote": "yes", "Shared with team": "05/05/2021",
    }
    row.update(overrides)
    return row


# Checking ---------------------------------------------------------------------------------------


def test_a_valid_row_becomes_a_typed_compliment_row_and_labels_and_blanks_are_read():
    result = check([compliment(1), compliment(2, **{
        "Given by": "Professional outside the council", "Channel": "", "About": "  Foster  carer ", "Words": "",
        "Quotation": "", "Consent to quote": "", "Shared with team": ""})])
    assert result.is_valid, messages(result)
    assert result.rows == [
        ComplimentRow(source_row=2, reference="COMP/21/001", received=D(2021, 5, 4), team=TEAM,
                      given_by="parent_family", channel="email", about="Social worker",
                      words="Sam Jones was wonderful with our family.", quotation="X was wonderful with our family.",
                      consent_to_quote=True, shared_with_team=D(2021, 5, 5)),
        ComplimentRow(source_row=3, reference="COMP/21/002", received=D(2021, 5, 4), team=TEAM,
                      given_by="professional_external", about="Foster carer"),
    ]


def test_only_the_required_columns_are_needed():
    required = [column.header for column in COMPLIMENT_COLUMNS if column.required]
    assert required == ["Reference", "Received", "Team", "Given by"]
    result = check([compliment()], headers=required)
    assert result.is_valid, messages(result)


def test_every_bad_cell_is_reported_by_row_and_header():
    result = check([compliment(1), compliment(2, **{
        "Received": "31/02/2021", "Given by": "Aunt", "Channel": "Pigeon", "Consent to quote": "maybe",
        "About": "A" * 201, "Reference": "R" * 31})])
    assert messages(result) == [
        f"Row 3, Reference: {'R' * 31} is longer than 30 characters",
        "Row 3, Received: 31/02/2021 is not a date",
        "Row 3, Given by: Aunt is not who gave a compliment; use one of parent_family, child, carer, "
        "professional_internal, professional_external, other",
        "Row 3, Channel: Pigeon is not a channel; use one of email, online_form, telephone, letter, in_person, app, "
        "advocate, other",
        f"Row 3, About: {'A' * 201} is longer than 200 characters",
        "Row 3, Consent to quote: maybe is not yes or no",
    ]
    assert [row.reference for row in result.rows] == ["COMP/21/001"]


def test_required_cells_must_be_filled_and_columns_present():
    assert messages(check([compliment(Received="", Team=" ")])) == [
        "Row 2, Received: is blank; every row needs this", "Row 2, Team: is blank; every row needs this"]
    result = check([compliment()], headers=["Reference", "Received", "Team"])
    assert messages(result) == ["The file has no column for: Given by."]


def test_unknown_teams_are_offered_for_creation_and_a_compliment_has_one_team():
    result = check([compliment(1, Team="Adoption"), compliment(2, Team="Fostering; Leaving Care")])
    assert messages(result) == [
        "Row 2, Team: Adoption is not a team yet; it can be created before importing",
        "Row 3, Team: Fostering; Leaving Care holds more than one name; give only one",
    ]
    assert result.unknown_teams == {"Adoption"}


def test_duplicate_references_within_the_file_ignoring_case():
    result = check([compliment(1), compliment(2), compliment(3, Reference=" comp/21/001 ")])
    assert messages(result) == ["Row 4, Reference: comp/21/001 is also on row 2"]


@pytest.mark.parametrize(("shared", "problem"), [
    ("04/05/2021", None),  # the day it was received
    ("03/05/2021", "Row 2, Shared with team: 3 May 2021 is before Received (4 May 2021)"),
])
def test_shared_with_the_team_not_before_it_was_received(shared, problem):
    result = check([compliment(**{"Shared with team": shared})])
    assert messages(result) == ([problem] if problem else [])


def test_no_date_may_be_in_the_future_but_today_is_allowed():
    assert check([compliment(Received="01/06/2022", **{"Shared with team": "01/06/2022"})]).is_valid
    assert messages(check([compliment(Received="02/06/2022", **{"Shared with team": ""})])) == [
        "Row 2, Received: 2 June 2022 is in the future"]


def test_a_workbook_with_a_formula_or_a_file_that_is_not_a_spreadsheet_is_refused_clearly(tmp_path):
    data = xlsx_bytes([HEADERS[:4], ["COMP/21/001", "=TODAY()", TEAM, "child"]])
    result = validate_file(data, kind="compliments", today=TODAY)
    assert messages(result) == ["Row 2, Received: is a formula; paste the values instead"]
    path = tmp_path / "compliments.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n not a register")
    with pytest.raises(CommandError, match=r"^The file is a PNG picture, not a CSV or XLSX spreadsheet\.$"):
        run("import_register", str(path), "--kind", "compliments", "--dry-run")


# Importing --------------------------------------------------------------------------------------


def test_a_register_becomes_compliments_through_the_services_marked_with_file_and_row(officer):
    result = write([compliment(1), compliment(2, **{"Given by": "child", "Channel": "", "Words": "", "Quotation": "",
                                                    "Consent to quote": "no", "Shared with team": "",
                                                    "Team": "leaving care", "Received": "2021-12-31"})], officer)
    assert (result.created_count, result.already_present_count) == (2, 0)
    first, second = result.created
    assert (first.reference, second.reference) == ("CMP-2021-0001", "CMP-2021-0002")
    assert (first.received_on, first.team.name, first.source, first.channel, first.about) == (
        D(2021, 5, 4), TEAM, "parent_family", "email", "Social worker")
    assert (first.quotation, first.consent_to_quote, first.shared_with_team_on, first.quotable) == (
        "X was wonderful with our family.", True, D(2021, 5, 5), True)
    assert (second.team.name, second.channel, second.words, second.consent_to_quote, second.quotation) == (
        "Leaving Care", "other", "Not recorded in the imported register.", False, "")
    marks = ImportedRecord.objects.order_by("row_number")
    assert [(m.row_number, m.reference, m.record) for m in marks] == [(2, "COMP/21/001", first),
                                                                      (3, "COMP/21/002", second)]
    batch = ImportBatch.objects.get()
    assert (batch.kind, batch.row_count, batch.created_count, batch.imported_by) == ("compliments", 2, 2, officer)
    verbs = list(AuditEvent.objects.filter(subject_id=first.pk, subject_type__model="compliment")
                 .order_by("pk").values_list("verb", flat=True))
    assert verbs == ["compliment.created", "compliment.quotation_prepared"]
    assert AuditEvent.objects.get(verb="import.completed").summary == (
        "Register imported: 2 compliments made, 0 already imported")


def test_importing_the_same_file_twice_creates_nothing_and_says_so(officer):
    write([compliment(1), compliment(2)], officer)
    events = AuditEvent.objects.count()
    again = write([compliment(1), compliment(2, Reference="comp/21/002")], officer)
    assert (again.created_count, again.already_present_count) == (0, 2)
    assert again.already_present == ["COMP/21/001", "comp/21/002"]
    assert Compliment.objects.count() == 2
    assert AuditEvent.objects.count() == events + 1  # only the second batch's own record


def test_a_row_with_the_reference_of_a_compliment_entered_by_hand_is_already_present(officer):
    logged = compliment_log(received_on=D(2021, 4, 1), team=TeamFactory(name=TEAM), source="child", words="Thanks",
                            channel="email", actor=officer, today=D(2021, 4, 1))
    result = write([compliment(1, Reference=logged.reference.lower()), compliment(2)], officer)
    assert (result.created_count, result.already_present) == (1, [logged.reference.lower()])


def test_a_file_with_a_problem_writes_nothing(officer):
    with pytest.raises(DomainError, match=r"^The file has 1 problem; fix them and check it again\. Nothing was written\.$"):
        write([compliment(1), compliment(2, Received="31/02/2021")], officer)
    assert not Compliment.objects.exists() and not ImportBatch.objects.exists()


# The commands -----------------------------------------------------------------------------------


def test_the_command_checks_with_dry_run_writing_nothing_then_imports_once(tmp_path, officer):
    path = tmp_path / "compliments.csv"
    path.write_bytes(csv_bytes([compliment(1), compliment(2)], headers=HEADERS))
    assert run("import_register", str(path), "--kind", "compliments", "--dry-run") == (
        "2 rows are valid. Nothing was written (this was a dry run).\n")
    assert not Compliment.objects.exists() and not ImportBatch.objects.exists()
    assert run("import_register", str(path), "--kind", "compliments", "--user", "importer") == (
        "2 compliments imported, 0 already imported (nothing changed).\n")
    assert run("import_register", str(path), "--kind", "compliments", "--user", "importer") == (
        "0 compliments imported, 2 already imported (nothing changed).\n")
    assert Compliment.objects.count() == 2


def test_the_command_lists_every_problem_and_writes_nothing(tmp_path, officer):
    path = tmp_path / "compliments.csv"
    path.write_bytes(csv_bytes([compliment(1, Team="Adoption"), compliment(1)], headers=HEADERS))
    out = StringIO()
    with pytest.raises(CommandError, match=r"^2 problems found; nothing was written\.$"):
        call_command("import_register", str(path), "--kind", "compliments", "--user", "importer", stdout=out)
    assert out.getvalue().splitlines() == [
        "Row 2, Team: Adoption is not a team yet; it can be created before importing",
        "Row 3, Reference: COMP/21/001 is also on row 2",
        "Teams not yet in Fair Hearing: Adoption",
    ]
    assert not Compliment.objects.exists()


def test_the_export_command_writes_compliments_received_in_the_dates_given(tmp_path, officer):
    write([compliment(1, Received="31/03/2021", **{"Shared with team": ""}), compliment(2)], officer)
    path = tmp_path / "out.csv"
    assert run("export_register", "--kind", "compliments", "--format", "csv", "--output", str(path),
               "--from", "2021-04-01") == f"1 compliment exported to {path}.\n"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert [row["Reference"] for row in rows] == ["COMP/21/002"]


# Exporting and the round trip -------------------------------------------------------------------


def test_an_exported_cell_a_spreadsheet_would_run_is_made_inert(officer):
    write([compliment(1, Words="=HYPERLINK(\"http://example.org\")", About="+44 call back")], officer)
    row = next(csv.DictReader(io.StringIO(export().decode("utf-8-sig"))))
    assert (row["Words"], row["About"]) == ("'=HYPERLINK(\"http://example.org\")", "'+44 call back")


def tables() -> dict:
    report = year_report()
    found = report_tables(report)
    found["quotations"] = next(section.quotations for section in report.sections if section.key == "compliments")
    return found


def build_world(actor) -> None:
    """Compliments of 2020-21 and 2021-22 logged by hand: teams, givers, channels, quotations."""
    teams = {team.name: team for team in (TeamFactory(name=TEAM), TeamFactory(name="Leaving Care"),
                                          TeamFactory(name="Assessment Team"))}
    plan = [
        (D(2021, 2, 10), TEAM, "carer", "telephone", True, "Thank you, X."),
        (D(2021, 4, 6), TEAM, "parent_family", "email", True, "X listened to us."),
        (D(2021, 4, 6), "Leaving Care", "child", "app", False, "X helped me move."),
        (D(2021, 9, 30), "Assessment Team", "professional_external", "letter", True, ""),
        (D(2022, 1, 14), "Leaving Care", "professional_internal", "in_person", True, "Well done, X."),
        (D(2022, 3, 31), TEAM, "other", "online_form", False, ""),
    ]
    for received, team, source, channel, consent, quotation in plan:
        person = Person.objects.create(first_name="Alex", last_name="Taylor") if source == "parent_family" else None
        made = compliment_create(received_on=received, team=teams[team], source=source, channel=channel,
                                 words=f"Alex said: {quotation or 'thanks'}", consent_to_quote=consent, person=person,
                                 about="Key worker" if quotation else "", actor=actor,
                                 shared_with_team_on=received if consent else None, today=received)
        if quotation:
            compliment_quotation_prepare(compliment=made, quotation=quotation, actor=actor)


def test_exporting_then_importing_into_an_empty_database_gives_identical_report_tables(officer):
    build_world(officer)
    before = tables()
    data = export()

    Compliment.objects.all().delete()
    Person.objects.all().delete()
    assert tables() != before  # the report now counts nothing, so the comparison below means something
    validation = validate_file(data, kind="compliments", today=TODAY)
    assert validation.problems == []
    result = import_register(validation=validation, file_name="export.csv",
                             file_sha256=hashlib.sha256(data).hexdigest(), actor=officer, today=TODAY)
    assert result.created_count == 6

    after = tables()
    assert {key: after[key] for key in before if after[key] != before[key]} == {}
    assert export() == data
    # The report is about the world: five compliments in 2021-22 (one the year before), and two
    # of them quotable (consent and a quotation), in the order received.
    assert before[("representations", "representations")]["Compliments"][:2] == ("5", "1")
    assert [text for _heading, text in before["quotations"]] == ["X listened to us.", "Well done, X."]


def test_an_xlsx_export_imports_to_the_same_compliments(officer):
    build_world(officer)
    csv_rows = validate_file(export(), kind="compliments", today=TODAY).rows
    xlsx = validate_file(export("xlsx"), kind="compliments", today=TODAY)
    assert xlsx.is_valid and xlsx.rows == csv_rows


# The guide --------------------------------------------------------------------------------------


def test_the_guide_has_a_row_for_every_column_saying_whether_it_is_required():
    section = guide_section()
    for column in COMPLIMENT_COLUMNS:
        match = re.search(rf"^\| {re.escape(column.header)} \| (yes)? ?\|", section, re.MULTILINE)
        assert match, column.header
        assert bool(match[1]) is column.required, column.header


def test_the_guides_example_is_valid():
    example = guide_section().split("```csv\n", 1)[1].split("```", 1)[0]
    result = validate_file(example.encode(), kind="compliments", today=D(2026, 11, 22))
    assert result.is_valid, messages(result)
    assert len(result.rows) == 3
