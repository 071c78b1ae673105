"""Progress files: how far a background import has got, kept beside the upload, never in the database."""

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from fairhearing.intake.importing import progress

TOKEN = "0123456789abcdef0123456789abcdef"
OTHER = "fedcba9876543210fedcba9876543210"
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


def files(root) -> list[str]:
    folder = root / "import-progress"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


@time_machine.travel(NOW, tick=False)
def test_a_progress_file_goes_from_checking_to_importing_to_done(documents_root):
    started = progress.begin(token=TOKEN, user_id=7, kind="complaints")
    assert files(documents_root) == [f"{TOKEN}.progress.json"]
    assert progress.read(TOKEN) == started
    assert (started.state, started.is_running, started.summary) == (
        "checking", True, "Checking the file once more before importing")

    progress.report(TOKEN, done=4200, total=10_000)
    now = progress.read(TOKEN)
    assert (now.state, now.done, now.total, now.percent) == ("importing", 4200, 10_000, 42)
    assert now.summary == "Imported 4,200 of 10,000 rows"

    progress.finish(TOKEN, created_count=9_000, already_present_count=1_000, total=10_000)
    done = progress.read(TOKEN)
    assert (done.state, done.is_running, done.percent) == ("done", False, 100)
    assert (done.created_count, done.already_present_count) == (9_000, 1_000)
    assert done.started_at == started.started_at == NOW.isoformat()
    # Written whole each time (a temporary file renamed over it): nothing else is left behind.
    assert files(documents_root) == [f"{TOKEN}.progress.json"]


def test_a_failure_keeps_its_message():
    progress.begin(token=TOKEN, user_id=7, kind="complaints")
    progress.fail(TOKEN, message="Row 14 (CSC-1): the extension is to a bank holiday. Nothing was written.")
    failed = progress.read(TOKEN)
    assert failed.state == "failed" and not failed.is_running
    assert failed.message.startswith("Row 14 (CSC-1)")


def test_one_row_is_one_row():
    progress.begin(token=TOKEN, user_id=7, kind="complaints")
    progress.report(TOKEN, done=0, total=1)
    assert progress.read(TOKEN).summary == "Imported 0 of 1 row"


def test_a_second_start_while_running_is_refused_but_a_finished_or_failed_import_may_start_again():
    progress.begin(token=TOKEN, user_id=7, kind="complaints")
    with pytest.raises(progress.AlreadyRunning, match="already being imported"):
        progress.begin(token=TOKEN, user_id=7, kind="complaints")
    progress.fail(TOKEN, message="No.")
    assert progress.begin(token=TOKEN, user_id=7, kind="complaints").state == "checking"
    progress.finish(TOKEN, created_count=1, already_present_count=0, total=1)
    assert progress.begin(token=TOKEN, user_id=7, kind="complaints").state == "checking"


def test_an_import_silent_for_ten_minutes_is_stale_and_may_start_again():
    with time_machine.travel(NOW, tick=False):
        progress.begin(token=TOKEN, user_id=7, kind="complaints")
    exactly = NOW + progress.STALE_AFTER
    assert not progress.read(TOKEN).is_stale(exactly)
    with time_machine.travel(exactly, tick=False), pytest.raises(progress.AlreadyRunning):
        progress.begin(token=TOKEN, user_id=7, kind="complaints")
    later = exactly + timedelta(seconds=1)
    assert progress.read(TOKEN).is_stale(later)
    assert progress.running_for(7, now=later) is None
    with time_machine.travel(later, tick=False):
        assert progress.begin(token=TOKEN, user_id=7, kind="complaints").updated_at == later.isoformat()


def test_each_persons_running_import_is_found_and_nobody_elses():
    progress.begin(token=TOKEN, user_id=7, kind="complaints")
    progress.begin(token=OTHER, user_id=8, kind="complaints")
    assert progress.running_for(7).token == TOKEN
    assert progress.running_for(8).token == OTHER
    assert progress.running_for(9) is None
    progress.finish(TOKEN, created_count=1, already_present_count=0, total=1)
    assert progress.running_for(7) is None


@pytest.mark.parametrize("token", ["", "../../etc/passwd", "0123456789ABCDEF0123456789ABCDEF", TOKEN + "0", "imports/" + TOKEN])
def test_a_malformed_token_names_no_file(token):
    assert progress.read(token) is None
    with pytest.raises(ValueError):
        progress.path_for(token)
    progress.remove(token)  # nothing to do, and no error


def test_the_token_is_the_random_part_of_the_stored_name():
    assert progress.token_for(f"imports/{TOKEN}") == TOKEN
    with pytest.raises(ValueError):
        progress.token_for("imports/register.csv")


def test_a_file_not_written_here_reads_as_no_import(documents_root):
    (documents_root / "import-progress").mkdir(parents=True)
    (documents_root / "import-progress" / f"{TOKEN}.progress.json").write_text("{not json")
    assert progress.read(TOKEN) is None
    (documents_root / "import-progress" / f"{TOKEN}.progress.json").write_text(json.dumps({"token": TOKEN}))
    assert progress.read(TOKEN) is None


def test_updates_to_a_removed_file_are_ignored():
    assert progress.report(TOKEN, done=1, total=2) is None
    assert progress.read(TOKEN) is None


def test_the_reporter_writes_the_first_and_last_call_and_at_most_every_interval(monkeypatch):
    progress.begin(token=TOKEN, user_id=7, kind="complaints")
    writes: list[tuple[int, int]] = []
    monkeypatch.setattr(progress, "report", lambda token, *, done, total: writes.append((done, total)))
    clock = iter([100.0, 100.1, 100.2, 100.7, 100.8, 100.9])
    monkeypatch.setattr(progress.time, "monotonic", lambda: next(clock))
    reporter = progress.Reporter(TOKEN, every=0.5)
    for done in (0, 100, 200, 300, 400, 500):
        reporter(done, 500)
    # 0 (the start), 300 (half a second on) and 500 (the end); 100, 200 and 400 came too soon.
    assert writes == [(0, 500), (300, 500), (500, 500)]
    assert reporter.total == 500


def test_expired_progress_files_are_cleared_by_their_last_change():
    with time_machine.travel(NOW, tick=False):
        progress.begin(token=TOKEN, user_id=7, kind="complaints")
        progress.finish(TOKEN, created_count=1, already_present_count=0, total=1)
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        progress.begin(token=OTHER, user_id=8, kind="complaints")
    day = timedelta(hours=24)
    # Changed exactly at the cut-off: kept; changed before it: removed.
    assert progress.clear_expired(before=NOW) == 0
    assert progress.clear_expired(before=NOW + timedelta(seconds=1)) == 1
    assert progress.read(TOKEN) is None and progress.read(OTHER) is not None
    assert progress.clear_expired(before=NOW + timedelta(seconds=1)) == 0  # again: nothing more
    assert progress.clear_expired(before=NOW + day) == 1
    assert list(progress.all_progress()) == []
