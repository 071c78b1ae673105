"""``manage.py import_register``: checking with --dry-run, importing without it, and --mapping for a
file in the council's own layout."""

import csv
import hashlib
import io
import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.models import Complaint
from fairhearing.intake import services
from fairhearing.intake.importing.mapping import IGNORE, header_signature
from fairhearing.intake.models import ColumnMapping, ImportBatch

from .builders import TEAM, complaint, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def team():
    return TeamFactory(name=TEAM)


def run(*args):
    out = StringIO()
    call_command("import_register", *args, stdout=out)
    return out.getvalue()


def test_dry_run_of_a_valid_file_counts_the_rows(tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes([complaint(1), complaint(2)]))
    assert run(str(path), "--kind", "complaints", "--dry-run") == (
        "2 rows are valid. Nothing was written (this was a dry run).\n")
    assert Complaint.objects.count() == 0


def test_dry_run_prints_every_problem_and_fails(tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes([complaint(1, **{"Stage 1 responded": "31/02/2021"}), complaint(1, Team="Leaving Care")]))
    out = StringIO()
    with pytest.raises(CommandError, match=r"^3 problems found; nothing was written \(this was a dry run\)\.$"):
        call_command("import_register", str(path), "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == [
        "Row 2, Stage 1 responded: 31/02/2021 is not a date",
        "Row 3, Team: Leaving Care is not a team yet; it can be created before importing",
        "Row 3, Reference: CSC-2021-0001 is also on row 2",
        "Teams not yet in Fair Hearing: Leaving Care",
    ]


def test_dry_run_says_when_a_file_was_read_as_windows_1252(tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes([complaint(1)], encoding="cp1252"))
    output = run(str(path), "--dry-run")
    assert "read as Windows-1252" in output
    assert output.endswith("1 row is valid. Nothing was written (this was a dry run).\n")


def test_without_dry_run_it_imports_and_a_second_run_changes_nothing(tmp_path):
    UserFactory(username="importer", roles=[Role.COMPLAINTS_MANAGER])
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes([complaint(1), complaint(2)]))
    assert run(str(path), "--user", "importer") == "2 complaints imported, 0 already imported (nothing changed).\n"
    assert run(str(path), "--user", "importer") == "0 complaints imported, 2 already imported (nothing changed).\n"
    assert Complaint.objects.count() == 2
    batch = ImportBatch.objects.order_by("pk").first()
    assert (batch.file_name, batch.file_sha256) == ("register.csv", hashlib.sha256(path.read_bytes()).hexdigest())


def test_without_dry_run_a_file_with_problems_prints_them_and_writes_nothing(tmp_path):
    UserFactory(username="importer", roles=[Role.COMPLAINTS_MANAGER])
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes([complaint(1), complaint(2, **{"Stage 1 responded": "31/02/2021"})]))
    out = StringIO()
    with pytest.raises(CommandError, match=r"^1 problem found; nothing was written\.$"):
        call_command("import_register", str(path), "--user", "importer", stdout=out)
    assert out.getvalue() == "Row 3, Stage 1 responded: 31/02/2021 is not a date\n"
    assert not Complaint.objects.exists() and not ImportBatch.objects.exists()


def test_without_dry_run_it_needs_an_active_user(tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes([complaint(1)]))
    with pytest.raises(CommandError, match="Say who is importing: --user USERNAME. Nothing was written."):
        run(str(path))
    with pytest.raises(CommandError, match="There is no active user nobody"):
        run(str(path), "--user", "nobody")
    assert Complaint.objects.count() == 0


def test_a_rejected_file_is_a_clear_error(tmp_path):
    path = tmp_path / "register.xlsx"
    path.write_bytes(b"%PDF-1.4 not a spreadsheet")
    with pytest.raises(CommandError, match="The file is a PDF document, not a CSV or XLSX spreadsheet."):
        run(str(path), "--dry-run")


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="There is no file at"):
        run(str(tmp_path / "nope.csv"), "--dry-run")


# --mapping: a file in the council's own layout --------------------------------------------------

# The council's names for the columns it uses (Procedure is already the register's), and a Notes
# column of its own.
OWN_NAMES = {"Reference": "Ref", "Received": "Date rec'd", "Procedure": "Procedure", "Channel": "How received",
             "Complainant type": "Who", "Team": "Service", "Stage 1 responded": "S1 sent",
             "Stage 1 outcome": "S1 outcome"}
OWN_HEADER = [*OWN_NAMES.values(), "Notes"]
OWN_TARGETS = [*OWN_NAMES.keys(), IGNORE]
# A mapping file as a person writes it: every header, Notes left out on purpose.
MAP = {**{own: canonical for canonical, own in OWN_NAMES.items()}, "Notes": ""}


def own_file(tmp_path, rows: list[dict[str, str]]) -> Path:
    """A register in the council's own layout, with something in its Notes column."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(OWN_HEADER)
    for row in rows:
        writer.writerow([row.get(canonical, "") for canonical in OWN_NAMES] + ["Rang twice"])
    path = tmp_path / "own.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def map_file(tmp_path, content: object) -> Path:
    path = tmp_path / "map.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


@pytest.fixture
def importer():
    return UserFactory(username="importer", roles=[Role.COMPLAINTS_MANAGER])


def assert_nothing_written():
    assert not Complaint.objects.exists() and not ImportBatch.objects.exists()


def test_without_a_mapping_a_file_in_its_own_layout_is_refused_by_its_headers(tmp_path, importer):
    out = StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_register", str(own_file(tmp_path, [complaint(1)])), "--user", "importer", stdout=out)
    assert "Ref" in out.getvalue()
    assert_nothing_written()


def test_a_mapping_file_imports_the_file_and_leaves_out_the_columns_it_says(tmp_path, importer):
    path = own_file(tmp_path, [complaint(1), complaint(2)])
    output = run(str(path), "--mapping", str(map_file(tmp_path, MAP)), "--user", "importer")
    assert output.splitlines() == [
        "Not imported, as the column mapping says: Notes.",
        "2 complaints imported, 0 already imported (nothing changed).",
    ]
    # Each column went where the mapping said: a required one and an optional one.
    first = Complaint.objects.get(reference="CSC-2021-0001")
    assert first.received_on == date(2021, 4, 1)
    assert first.stages.get(number=1).responded_on == date(2021, 4, 20)
    # The same file again, by the same mapping, changes nothing.
    assert run(str(path), "--mapping", str(map_file(tmp_path, MAP)), "--user", "importer").endswith(
        "0 complaints imported, 2 already imported (nothing changed).\n")
    assert Complaint.objects.count() == 2


def test_a_mapping_file_need_only_name_the_headers_that_differ_in_any_case(tmp_path):
    # Procedure is the register's own name, so it is kept without being named; names are matched
    # ignoring case, spaces and punctuation on both sides; Notes, not named, is not imported.
    names = {"REF": "reference", "date recd": "RECEIVED", "How received": "channel", "who": "Complainant_Type",
             "Service": "team", "S1 sent": "Stage 1 responded", "S1 outcome": "stage-1-outcome"}
    output = run(str(own_file(tmp_path, [complaint(1)])), "--mapping", str(map_file(tmp_path, names)), "--dry-run")
    assert output.splitlines() == [
        "Not imported, as the column mapping says: Notes.",
        "1 row is valid. Nothing was written (this was a dry run).",
    ]


def test_a_mapping_file_naming_headers_the_file_lacks_says_so_and_still_checks(tmp_path):
    output = run(str(own_file(tmp_path, [complaint(1)])), "--mapping",
                 str(map_file(tmp_path, {**MAP, "Date closed": "Withdrawn"})), "--dry-run")
    assert output.splitlines()[0] == "The mapping file names headers this file does not have: Date closed."
    assert output.endswith("1 row is valid. Nothing was written (this was a dry run).\n")


def test_problems_under_a_mapped_header_are_named_by_the_files_header_and_the_registers(tmp_path, importer):
    path = own_file(tmp_path, [complaint(1), complaint(2, **{"Stage 1 responded": "31/02/2021"})])
    out = StringIO()
    with pytest.raises(CommandError, match=r"^1 problem found; nothing was written\.$"):
        call_command("import_register", str(path), "--mapping", str(map_file(tmp_path, MAP)), "--user", "importer",
                     stdout=out)
    assert out.getvalue().splitlines() == [
        "Not imported, as the column mapping says: Notes.",
        "Row 3, S1 sent (Stage 1 responded): 31/02/2021 is not a date",
    ]
    assert_nothing_written()


@pytest.mark.parametrize(("names", "message"), [
    pytest.param({key: value for key, value in MAP.items() if key != "Ref"},
                 "The column mapping cannot be used: Choose a column of the file for each required column: "
                 "Reference. Nothing was written.", id="a required column missing"),
    pytest.param({**MAP, "Notes": "Reference"},
                 "The column mapping cannot be used: Reference is already chosen for Ref; choose each column once. "
                 "Nothing was written.", id="a column twice"),
    pytest.param({**MAP, "Notes": "Recieved"},
                 '"Recieved" (for Notes) is not a column of the complaints register; the columns are listed in '
                 "docs/import.md. Nothing was written.", id="a name that is not a column"),
    pytest.param({**MAP, "Notes": "Given by"},
                 '"Given by" (for Notes) is not a column of the complaints register',
                 id="another register's column"),
])
def test_a_mapping_file_that_cannot_be_used_is_refused_and_nothing_is_written(tmp_path, importer, names, message):
    path = own_file(tmp_path, [complaint(1)])
    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_register", str(path), "--mapping", str(map_file(tmp_path, names)), "--user", "importer",
                     stdout=out)
    assert str(raised.value).startswith(message)
    assert "imported" not in out.getvalue()
    assert_nothing_written()


@pytest.mark.parametrize(("content", "message"), [
    pytest.param("{'Ref': 'Reference'}", "Cannot read the mapping file", id="not JSON"),
    pytest.param(b"\xff\xfe\x00junk", "Cannot read the mapping file", id="binary junk"),
    pytest.param(["Ref", "Reference"], "The mapping file must hold one JSON object", id="a list"),
    pytest.param("\"Ref\"", "The mapping file must hold one JSON object", id="a string"),
    pytest.param({"Ref": ["Reference"]}, "The mapping file must hold one JSON object", id="a value not text"),
    pytest.param({"Ref": None}, "The mapping file must hold one JSON object", id="a null value"),
])
def test_a_mapping_file_that_is_not_a_json_object_of_names_is_a_clear_error(tmp_path, importer, content, message):
    path = tmp_path / "map.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        map_file(tmp_path, content)
    with pytest.raises(CommandError, match=f"^{message}.*Nothing was written\\.$"):
        run(str(own_file(tmp_path, [complaint(1)])), "--mapping", str(path), "--user", "importer")
    assert_nothing_written()


def test_a_missing_mapping_file_is_a_clear_error(tmp_path, importer):
    with pytest.raises(CommandError, match=r"^Cannot read the mapping file .*nope\.json as JSON\. Nothing was written\.$"):
        run(str(own_file(tmp_path, [complaint(1)])), "--mapping", str(tmp_path / "nope.json"), "--user", "importer")
    assert_nothing_written()


def test_the_saved_mapping_imports_a_file_with_the_same_headers(tmp_path, settings, importer):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    path = own_file(tmp_path, [complaint(1), complaint(2, **{"Stage 1 responded": "31/02/2021"})])
    # Matched once in the browser, for an earlier file with the same headers in other case and spacing.
    earlier = tmp_path / "earlier.csv"
    earlier.write_text(",".join(text.upper() for text in OWN_HEADER) + "\n", encoding="utf-8")
    pending = services.pending_import_create(actor=importer, data=earlier.read_bytes(), original_name="earlier.csv")
    services.pending_import_map(pending=pending, actor=importer, targets=OWN_TARGETS)

    out = StringIO()
    with pytest.raises(CommandError, match="1 problem found"):
        call_command("import_register", str(path), "--mapping", "saved", "--dry-run", stdout=out)
    assert "Row 3, S1 sent (Stage 1 responded): 31/02/2021 is not a date" in out.getvalue().splitlines()

    good = own_file(tmp_path, [complaint(1), complaint(2)])
    assert run(str(good), "--mapping", "saved", "--user", "importer").endswith(
        "2 complaints imported, 0 already imported (nothing changed).\n")
    assert Complaint.objects.count() == 2


def test_saved_with_no_mapping_saved_for_these_headers_is_a_clear_error(tmp_path, importer):
    # One saved for these headers as another kind of register does not count.
    ColumnMapping.objects.create(kind="compliments", signature=header_signature(OWN_HEADER),
                                 mapping=[[text, ""] for text in OWN_HEADER], saved_by=importer)
    with pytest.raises(CommandError, match=r"^No column mapping is saved for this file's headers in the complaints "
                                           r"register: match them once in the browser, or give a JSON file to "
                                           r"--mapping\. Nothing was written\.$"):
        run(str(own_file(tmp_path, [complaint(1)])), "--mapping", "saved", "--user", "importer")
    assert_nothing_written()


def test_a_saved_mapping_that_no_longer_fits_the_register_is_refused(tmp_path, importer):
    # Saved before a required column was renamed: Reference is no longer chosen.
    targets = ["Our reference", *OWN_TARGETS[1:]]
    ColumnMapping.objects.create(kind="complaints", signature=header_signature(OWN_HEADER),
                                 mapping=[[text, target] for text, target in zip(OWN_HEADER, targets, strict=True)],
                                 saved_by=importer)
    with pytest.raises(CommandError) as raised:
        run(str(own_file(tmp_path, [complaint(1)])), "--mapping", "saved", "--user", "importer")
    assert str(raised.value) == (
        "The column mapping cannot be used: Choose a column of the file for each required column: Reference; "
        "Choose one of the register's columns for Ref. Nothing was written.")
    assert_nothing_written()
