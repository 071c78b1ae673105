"""The import benchmark on a tiny register: a valid, varied file, measured, then rolled back.

Correctness only: wall-clock times depend on the machine and are never asserted.
"""

import csv
import io
from datetime import date

import pytest

from fairhearing.accounts.models import Team, User
from fairhearing.bench.importing import ADJUDICATOR_USERNAME, import_measure, register_csv
from fairhearing.bench.runner import Target, TargetResult, markdown
from fairhearing.cases.models import Complaint, Theme
from fairhearing.demo.council import teams_ensure
from fairhearing.intake.importing.rows import validate_file
from fairhearing.intake.models import ImportBatch

TODAY = date(2026, 3, 16)
pytestmark = pytest.mark.django_db


def test_the_register_is_valid_varied_and_the_same_for_the_same_seed():
    teams = sorted(teams_ensure())
    themes = list(Theme.objects.values_list("name", flat=True))
    data = register_csv(count=300, seed=3, today=TODAY, teams=teams, themes=themes)
    assert data == register_csv(count=300, seed=3, today=TODAY, teams=teams, themes=themes)
    validation = validate_file(data, today=TODAY)
    assert validation.problems == [] and validation.row_count == 300
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    for column in ("Stage 1 extended", "Withdrawn", "Stage 2 responded", "Stage 3 responded",
                   "Payment amount", "Child date of birth", "Child age", "Learning"):
        assert any(row[column] for row in rows), column
    assert {row["Procedure"] for row in rows} == {"children_statutory", "corporate", "elsewhere"}


def test_measures_validation_and_import_and_leaves_the_database_as_it_was():
    before = (Complaint.objects.count(), Team.objects.count(), User.objects.count())
    timing = import_measure(rows=50, seed=2, today=TODAY)
    assert timing.rows == 50 and timing.created == 50
    # Counted as they run: the file's reference data and a statement or two per kind of record.
    assert 20 < timing.queries < 50 * 2
    assert timing.validate_seconds > 0 and timing.import_seconds > 0
    data = timing.as_dict()
    assert data["total_seconds"] == timing.validate_seconds + timing.import_seconds
    assert data["rows_per_second"] > 0 and data["target_seconds"] == 30
    assert (Complaint.objects.count(), Team.objects.count(), User.objects.count()) == before
    assert not ImportBatch.objects.exists()
    assert not User.objects.filter(username=ADJUDICATOR_USERNAME).exists()


def _result(name: str, total: float) -> TargetResult:
    importing = {"rows": 10_000, "validate_seconds": 2.0, "import_seconds": total - 2.0, "queries": 412_345,
                 "created": 10_000, "target_seconds": 30, "total_seconds": total,
                 "rows_per_second": 10_000 / total}
    return TargetResult(Target(name, "x"), data={"version": "1", "complaints": 100, "open": 5,
                                                 "load_seconds": None, "timings": [], "importing": importing})


def test_markdown_has_an_import_table_and_flags_a_slow_import():
    report = markdown([_result("SQLite", 20.0), _result("PostgreSQL", 31.0)])
    assert "Import of 10,000 rows" in report
    assert "| SQLite | 2.0 | 18.0 | 20.0 | 500 | 412,345 |" in report
    assert "| PostgreSQL | 2.0 | 29.0 | 31.0 **(!)** | 323 | 412,345 |" in report


def test_markdown_without_an_import_measurement_is_unchanged():
    result = _result("SQLite", 20.0)
    del result.data["importing"]
    assert "Import of" not in markdown([result])


def test_markdown_of_the_import_alone_has_no_page_table():
    report = markdown([_result("SQLite", 12.0)])
    assert "| SQLite | 2.0 | 10.0 | 12.0 | 833 | 412,345 |" in report
    assert "| Page |" not in report and "Server time" not in report
