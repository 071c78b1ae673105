"""manage.py report: periods from the arguments, clear errors, safe writing, and an audit event."""

import io
import json
import os
from datetime import date

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fairhearing.audit.models import AuditEvent
from fairhearing.core import clock
from fairhearing.reports.management.commands import report as command_module
from fairhearing.reports.management.commands.report import last_complete_months
from fairhearing.reports.periods import Period

from .test_renderers_support import csv_zip

pytestmark = pytest.mark.django_db
TODAY = date(2022, 6, 15)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def periods_of(path) -> list[str]:  # noqa: ANN001
    return [p["key"] for p in json.loads(path.read_bytes())["report"]["periods"]]


def test_annual_year_as_json_with_the_year_before_and_an_audit_event(tmp_path):
    target = tmp_path / "annual.json"
    out = run("annual", "--year", "2021", "--format", "json", "--output", str(target))
    size = target.stat().st_size
    assert out == (f"Wrote {target} ({size / 1024:.1f} kB, {size:,} bytes): Complaints, compliments and "
                   "representations report 2021-22, internal version.\n")
    document = json.loads(target.read_bytes())
    assert document["report"]["kind"] == "annual" and document["report"]["version"] == "internal"
    assert periods_of(target) == ["fy2021", "fy2020"]
    event = AuditEvent.objects.get(verb="report.generated")
    assert event.actor is None and event.subject_id is None
    assert event.data == {"kind": "annual", "period": "fy2021", "version": "internal", "format": "json",
                          "comparisons": 1, "scope": "statutory", "table": "", "bytes": size}
    assert str(tmp_path) not in event.summary and "annual.json" not in json.dumps(event.data)
    assert event.summary == ("Complaints, compliments and representations report 2021-22 (internal version) "
                             "produced as json by the report command")


@pytest.mark.parametrize(("args", "expected"), [
    (["--period", "q2021-3", "--compare", "4"], ["q2021-3", "q2021-2", "q2021-1", "q2020-4", "q2020-3"]),
    (["--period", "m2022-03", "--compare", "0"], ["m2022-03"]),
    (["--from", "2021-04-01", "--to", "2021-09-30"], ["r2021-04-01..2021-09-30", "r2020-09-30..2021-03-31"]),
    ([], ["fy2021", "fy2020"]),  # the last complete financial year on 15 June 2022
])
def test_annual_periods_from_the_arguments(tmp_path, args, expected):
    target = tmp_path / "r.json"
    run("annual", *args, "--format", "json", "--output", str(target))
    assert periods_of(target) == expected


def test_overview_defaults_to_the_six_months_to_the_end_of_last_month(tmp_path):
    target = tmp_path / "overview.json"
    run("overview", "--format", "json", "--output", str(target))
    assert periods_of(target) == ["r2021-12-01..2022-05-31"]  # no comparison by default
    assert json.loads(target.read_bytes())["report"]["kind"] == "overview"


@pytest.mark.parametrize(("today", "expected"), [
    (date(2022, 10, 1), "h2022-1"),  # April to September 2022 is a half year
    (date(2022, 10, 31), "h2022-1"),
    (date(2022, 4, 1), "h2021-2"),  # October 2021 to March 2022
    (date(2022, 11, 1), "r2022-05-01..2022-10-31"),
    (date(2022, 1, 10), "r2021-07-01..2021-12-31"),
])
def test_last_complete_six_months(today, expected):
    assert last_complete_months(today).key == expected


def test_published_version_with_threshold_and_scope(tmp_path):
    target = tmp_path / "published.json"
    run("annual", "--year", "2021", "--published", "--threshold", "3", "--scope", "all",
        "--format", "json", "--output", str(target))
    meta = json.loads(target.read_bytes())["report"]
    assert (meta["version"], meta["threshold"], meta["scope"]["key"]) == ("published", 3, "all")
    assert target.name == "published.json"


def test_each_format_writes_its_kind_of_file(tmp_path):
    run("annual", "--year", "2021", "--format", "xlsx", "--output", str(tmp_path / "r.xlsx"))
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames[0] == "Contents"
    run("annual", "--year", "2021", "--format", "csv", "--output", str(tmp_path / "r.zip"))
    assert "README.txt" in csv_zip((tmp_path / "r.zip").read_bytes())
    run("annual", "--year", "2021", "--format", "csv", "--table", "complaint_totals",
        "--output", str(tmp_path / "totals.csv"))
    assert (tmp_path / "totals.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    run("annual", "--year", "2021", "--format", "docx", "--output", str(tmp_path / "r.docx"))
    assert (tmp_path / "r.docx").read_bytes().startswith(b"PK")
    assert AuditEvent.objects.filter(verb="report.generated").count() == 4
    assert sorted(AuditEvent.objects.values_list("data__format", flat=True)) == ["csv", "csv", "docx", "xlsx"]


@pytest.mark.parametrize(("args", "message"), [
    (["annual", "--year", "2021", "--format", "doc"],
     "'doc' is not a report format. Choose one of: docx, pdf, xlsx, csv, json."),
    (["annual", "--period", "fy21", "--format", "json"], "'fy21' is not a period."),
    (["annual", "--period", "m2022-02..x", "--format", "json"], "is not a period"),
    (["annual", "--from", "2021-10-01", "--to", "2021-09-30", "--format", "json"],
     "The end date must be the same as or after the start date."),
    (["annual", "--from", "2021-10-01", "--format", "json"], "A date range needs both --from and --to."),
    (["annual", "--from", "1/10/2021", "--to", "2021-12-31", "--format", "json"],
     "--from 1/10/2021 is not a date: write it as YYYY-MM-DD"),
    (["annual", "--year", "2021", "--period", "fy2021", "--format", "json"],
     "Give the period one way only, not --year and --period."),
    (["annual", "--year", "2021", "--compare", "5", "--format", "json"],
     "--compare must be from 0 to 4 earlier periods, not 5."),
    (["annual", "--year", "2021", "--compare", "-1", "--format", "json"],
     "--compare must be from 0 to 4 earlier periods, not -1."),
    (["overview", "--year", "2021", "--format", "json"], "The overview covers six months, not a year"),
    (["annual", "--year", "2021", "--published", "--threshold", "1", "--format", "json"],
     "--threshold must be from 2 to 10, not 1."),
    (["annual", "--year", "2021", "--scope", "corporate", "--format", "json"],
     "'corporate' is not a scope. Choose one of: statutory, all."),
    (["annual", "--year", "2021", "--format", "json", "--table", "complaint_totals"],
     "--table works only with --format csv."),
    (["annual", "--year", "2021", "--format", "csv", "--table", "nope"], "This report has no table 'nope'."),
    (["weekly", "--year", "2021", "--format", "json"], "invalid choice: 'weekly'"),
])
def test_bad_arguments_are_clear_errors_and_write_nothing(tmp_path, args, message):
    target = tmp_path / "out.bin"
    with pytest.raises(CommandError) as raised:
        run(*args, "--output", str(target))
    assert message in str(raised.value)
    assert list(tmp_path.iterdir()) == []
    assert not AuditEvent.objects.filter(verb="report.generated").exists()


def test_output_folder_must_exist(tmp_path):
    target = tmp_path / "missing" / "r.json"
    with pytest.raises(CommandError, match=f"The folder {tmp_path / 'missing'} does not exist."):
        run("annual", "--year", "2021", "--format", "json", "--output", str(target))
    with pytest.raises(CommandError, match="is a folder. Give a file name."):
        run("annual", "--year", "2021", "--format", "json", "--output", str(tmp_path))


def test_file_name_must_match_the_format(tmp_path):
    with pytest.raises(CommandError, match="The file name ends .docx but a pdf report is a .pdf file."):
        run("annual", "--year", "2021", "--format", "pdf", "--output", str(tmp_path / "r.docx"))
    run("annual", "--year", "2021", "--format", "json", "--output", str(tmp_path / "no-extension"))
    assert json.loads((tmp_path / "no-extension").read_bytes())["report"]["period"] == "fy2021"


def test_an_existing_file_is_replaced_only_with_force(tmp_path):
    target = tmp_path / "r.json"
    target.write_bytes(b"keep me")
    with pytest.raises(CommandError, match=f"{target} already exists. Add --force to replace it."):
        run("annual", "--year", "2021", "--format", "json", "--output", str(target))
    assert target.read_bytes() == b"keep me"
    run("annual", "--year", "2021", "--format", "json", "--output", str(target), "--force")
    assert json.loads(target.read_bytes())["report"]["period"] == "fy2021"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left behind


def test_written_file_gets_normal_permissions_and_no_partial_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "r.json"
    old = os.umask(0o022)
    try:
        run("annual", "--year", "2021", "--format", "json", "--output", str(target))
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644

    def broken_replace(source, destination):  # noqa: ANN001, ANN202
        raise OSError("disk full")

    monkeypatch.setattr(command_module.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        run("annual", "--year", "2021", "--format", "json", "--output", str(tmp_path / "second.json"))
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]
    assert AuditEvent.objects.filter(verb="report.generated").count() == 1


def test_period_key_is_case_insensitive_and_quarter_labels(tmp_path):
    target = tmp_path / "q.json"
    run("annual", "--period", "Q2021-3", "--compare", "0", "--format", "json", "--output", str(target))
    assert periods_of(target) == [Period.quarter(2021, 3).key]
