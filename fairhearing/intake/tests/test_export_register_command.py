"""``manage.py export_register``: the file written, the date range, and refusing to overwrite."""

import csv
import datetime
import hashlib
import io
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.intake.importing.rows import validate_file
from fairhearing.intake.importing.writer import import_complaints

from .builders import HEADERS, TEAM, complaint, csv_bytes

TODAY = datetime.date(2022, 6, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def register():
    """Three complaints received on 31 March, 1 April and 30 April 2021."""
    TeamFactory(name=TEAM)
    data = csv_bytes([complaint(1, Received="31/03/2021"), complaint(2), complaint(3, Received="30/04/2021", **{"Stage 1 responded": "2021-05-13"})])
    import_complaints(validation=validate_file(data, today=TODAY), file_name="register.csv",
                      file_sha256=hashlib.sha256(data).hexdigest(), today=TODAY,
                      actor=UserFactory(username="importer", roles=[Role.COMPLAINTS_MANAGER]))


def run(*args):
    out = StringIO()
    call_command("export_register", *args, stdout=out)
    return out.getvalue()


def references(path):
    header, *rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert header == HEADERS
    return [row[0] for row in rows]


def test_csv_export_of_every_complaint(tmp_path):
    path = tmp_path / "out.csv"
    assert run("--kind", "complaints", "--format", "csv", "--output", str(path)) == (
        f"3 complaints exported to {path}.\n")
    assert references(path) == ["CSC-2021-0001", "CSC-2021-0002", "CSC-2021-0003"]


def test_the_date_range_includes_complaints_received_on_its_first_and_last_days(tmp_path):
    path = tmp_path / "out.csv"
    assert run("--format", "csv", "--output", str(path), "--from", "2021-04-01", "--to", "30/04/2021") == (
        f"2 complaints exported to {path}.\n")
    assert references(path) == ["CSC-2021-0002", "CSC-2021-0003"]


def test_a_range_the_day_after_the_last_complaint_exports_nothing(tmp_path):
    path = tmp_path / "out.csv"
    assert run("--format", "csv", "--output", str(path), "--from", "1/5/2021") == f"0 complaints exported to {path}.\n"
    assert references(path) == []


def test_xlsx_export(tmp_path):
    path = tmp_path / "out.xlsx"
    assert run("--format", "xlsx", "--output", str(path), "--to", "2021-03-31") == (
        f"1 complaint exported to {path}.\n")
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert [row[0] for row in rows] == ["Reference", "CSC-2021-0001"]


def test_an_existing_file_is_not_overwritten_without_force(tmp_path):
    path = tmp_path / "out.csv"
    path.write_bytes(b"keep me")
    with pytest.raises(CommandError, match="already exists; use --force"):
        run("--format", "csv", "--output", str(path))
    assert path.read_bytes() == b"keep me"
    run("--format", "csv", "--output", str(path), "--force")
    assert len(references(path)) == 3
    assert not (tmp_path / ".out.csv.partial").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "31/02/2021"], "--from: 31/02/2021 is not a date."),
    (["--from", "2021-05-01", "--to", "2021-04-30"], "--to (30 April 2021) is before --from (1 May 2021)."),
])
def test_bad_options_are_refused_with_a_clear_message_and_no_file(tmp_path, args, message):
    path = tmp_path / "out.csv"
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run("--format", "csv", "--output", str(path), *args)
    assert not path.exists()


def test_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(CommandError, match="There is no folder"):
        run("--format", "csv", "--output", str(tmp_path / "nowhere" / "out.csv"))
