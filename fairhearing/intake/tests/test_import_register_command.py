"""``manage.py import_register``: checking with --dry-run, and importing without it."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.models import Complaint
from fairhearing.intake.models import ImportBatch

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
