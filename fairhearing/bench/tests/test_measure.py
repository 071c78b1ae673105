"""The benchmark runner on a tiny dataset: it measures the right pages and reports them.

Correctness only: wall-clock times depend on the machine and are never asserted.
"""

import json
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from fairhearing.bench.loader import synthetic_load
from fairhearing.bench.measure import BENCH_USERNAME, bench_user, pages_measure
from fairhearing.bench.runner import Target, TargetResult, bench_run, markdown, targets_find

TODAY = date(2026, 3, 16)


@pytest.mark.django_db
def test_measures_dashboard_list_search_and_case_page():
    synthetic_load(count=50, seed=5, today=TODAY)
    timings = pages_measure(warmup=1, requests=2)
    labels = [t.label for t in timings]
    assert labels[0].startswith("Dashboard")
    assert any(label == "Case list (default)" for label in labels)
    assert any(label == "Case list (filtered and searched)" for label in labels)
    assert any(label.startswith("Case page") for label in labels)
    reports = [t for t in timings if t.label.startswith("Annual report data")]
    assert [("published" in t.label) for t in reports] == [False, True]
    assert all(t.threshold_ms == 2000 for t in reports)
    for timing in timings:
        assert timing.status == 200, timing
        assert timing.queries > 0 and timing.requests == 2
        assert 0 < timing.median_ms <= timing.p95_ms
    assert bench_user().username == BENCH_USERNAME
    assert bench_user().has_role("complaints_officer")


def _fake(name: str, median: float) -> TargetResult:
    timing = {"label": "Case list (default)", "url": "/complaints/", "status": 200, "queries": 9,
              "median_ms": median, "p95_ms": median * 1.5, "requests": 20}
    return TargetResult(Target(name, "x"), data={"version": "1", "complaints": 100_000, "open": 2500,
                                                 "load_seconds": 90, "timings": [timing]})


def test_markdown_has_a_row_per_page_and_flags_slow_pages():
    report = markdown([_fake("SQLite", 42.0), _fake("PostgreSQL", 250.0)], notes=["a note"])
    assert "| Page | SQLite median / p95 ms | queries | PostgreSQL median / p95 ms | queries |" in report
    assert "| Case list (default) | 42 / 63 | 9 | 250 / 375 **(!)** | 9 |" in report
    assert "100,000 complaints (2,500 open)" in report and "a note" in report


def test_postgres_left_out_with_a_reason_when_not_at_hand(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    targets, notes = targets_find(data_dir=tmp_path, postgres="postgres://nobody@127.0.0.1:1/none")
    assert [t.name for t in targets] == ["SQLite"]
    assert "PostgreSQL left out" in notes[0]
    targets, notes = targets_find(data_dir=tmp_path, postgres="off")
    assert [t.name for t in targets] == ["SQLite"] and not notes


def test_whole_run_on_a_tiny_sqlite_database(tmp_path):
    """The real thing end to end in its own process and database: load, measure, report."""
    report, results = bench_run(base_dir=Path(settings.BASE_DIR), data_dir=tmp_path, count=30,
                                seed=1, warmup=0, requests=1, postgres="off", import_rows=20)
    assert results[0].error == ""
    assert results[0].data["complaints"] == 30
    assert "| Dashboard" in report and "| Case list (filtered and searched)" in report
    assert "Import of 20 rows" in report
    assert results[0].data["importing"]["created"] == 20
    assert results[0].data["complaints"] == 30  # the import was rolled back
    assert (tmp_path / "bench.sqlite3").exists()
    json.dumps(results[0].data)  # plain data, as the child printed it
