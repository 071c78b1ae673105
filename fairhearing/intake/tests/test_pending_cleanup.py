"""Uploads left waiting are cleared after a day: by clear_pending_imports (for cron) and whenever a
manager uploads. Boundaries: 23 hours 59 minutes kept, 24 hours 1 minute removed."""

import os
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.intake import services
from fairhearing.intake.importing import progress
from fairhearing.intake.models import PendingImport

from .builders import complaint, csv_bytes

pytestmark = pytest.mark.django_db

UPLOADED = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
KEPT = UPLOADED + timedelta(hours=23, minutes=59)
REMOVED = UPLOADED + timedelta(hours=24, minutes=1)


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


@pytest.fixture
def manager():
    return UserFactory(roles=[Role.COMPLAINTS_MANAGER])


def upload_at(moment: datetime, actor) -> PendingImport:
    with time_machine.travel(moment, tick=False):
        pending = services.pending_import_create(actor=actor, data=csv_bytes([complaint(1)]), original_name="r.csv")
    return pending


def clear_at(moment: datetime, capture) -> services.Cleared:
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return services.pending_imports_clear()


def test_an_upload_is_kept_for_a_day_and_removed_with_its_file_after(manager, documents_root,
                                                                       django_capture_on_commit_callbacks):
    pending = upload_at(UPLOADED, manager)
    stored = documents_root / pending.stored_name
    assert clear_at(KEPT, django_capture_on_commit_callbacks) == services.Cleared()
    assert PendingImport.objects.filter(pk=pending.pk).exists() and stored.exists()

    assert clear_at(REMOVED, django_capture_on_commit_callbacks) == services.Cleared(pending=1)
    assert not PendingImport.objects.exists()
    assert not stored.exists()
    event = AuditEvent.objects.get(verb=services.DISCARDED)
    assert event.subject_id == pending.pk and event.actor is None
    assert "Jane" not in event.summary and "r.csv" not in event.summary
    # Again: nothing more to do.
    assert clear_at(REMOVED, django_capture_on_commit_callbacks) == services.Cleared()
    assert AuditEvent.objects.filter(verb=services.DISCARDED).count() == 1


def test_an_upload_being_imported_is_left_alone(manager, documents_root, django_capture_on_commit_callbacks):
    pending = upload_at(UPLOADED, manager)
    token = progress.token_for(pending.stored_name)
    with time_machine.travel(REMOVED - timedelta(minutes=1), tick=False):
        progress.begin(token=token, user_id=manager.pk, kind="complaints")
    assert clear_at(REMOVED, django_capture_on_commit_callbacks).pending == 0
    assert PendingImport.objects.filter(pk=pending.pk).exists()
    # Once that import has gone silent for longer than an import can, the upload goes too.
    later = REMOVED + progress.STALE_AFTER
    assert clear_at(later, django_capture_on_commit_callbacks).pending == 1


def test_stray_files_no_upload_names_go_after_a_day_and_named_ones_stay(manager, documents_root,
                                                                        django_capture_on_commit_callbacks):
    pending = upload_at(UPLOADED, manager)
    folder = documents_root / "imports"
    stray_old, stray_new = folder / ("a" * 32), folder / ("b" * 32)
    stray_old.write_bytes(b"left behind")
    stray_new.write_bytes(b"being saved")
    day = timedelta(hours=24)
    os.utime(stray_old, (0, (KEPT - day - timedelta(minutes=2)).timestamp()))  # 24h01 before KEPT
    os.utime(stray_new, (0, (KEPT - day + timedelta(minutes=2)).timestamp()))  # 23h59 before KEPT
    os.utime(documents_root / pending.stored_name, (0, (KEPT - day * 3).timestamp()))  # its record is young
    cleared = clear_at(KEPT, django_capture_on_commit_callbacks)
    assert cleared == services.Cleared(orphans=1)
    assert sorted(path.name for path in folder.iterdir()) == sorted([stray_new.name, pending.stored_name.split("/")[-1]])


def test_progress_files_go_a_day_after_their_last_change(manager, django_capture_on_commit_callbacks):
    token = "c" * 32
    with time_machine.travel(UPLOADED, tick=False):
        progress.begin(token=token, user_id=manager.pk, kind="complaints")
        progress.finish(token, created_count=1, already_present_count=0, total=1)
    assert clear_at(KEPT, django_capture_on_commit_callbacks).progress == 0
    assert progress.read(token) is not None
    assert clear_at(REMOVED, django_capture_on_commit_callbacks).progress == 1
    assert progress.read(token) is None


def test_uploading_clears_anyone_elses_upload_left_more_than_a_day(manager, documents_root,
                                                                     django_capture_on_commit_callbacks):
    other = UserFactory(roles=[Role.COMPLAINTS_MANAGER])
    old = upload_at(UPLOADED, other)
    recent = upload_at(UPLOADED + timedelta(hours=1), UserFactory(roles=[Role.COMPLAINTS_MANAGER]))
    with time_machine.travel(REMOVED, tick=False), django_capture_on_commit_callbacks(execute=True):
        mine = services.pending_import_create(actor=manager, data=csv_bytes([complaint(2)]), original_name="r.csv")
    assert set(PendingImport.objects.values_list("pk", flat=True)) == {recent.pk, mine.pk}
    assert not (documents_root / old.stored_name).exists()


def test_the_command_says_what_it_removed_and_is_quiet_when_asked(manager, django_capture_on_commit_callbacks):
    upload_at(UPLOADED, manager)
    out = StringIO()
    with time_machine.travel(REMOVED, tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("clear_pending_imports", stdout=out)
    assert out.getvalue() == "Removed 1 waiting upload, 0 progress files and 0 stray files.\n"
    out = StringIO()
    with time_machine.travel(REMOVED, tick=False):
        call_command("clear_pending_imports", "--quiet", stdout=out)
    assert out.getvalue() == ""
    with time_machine.travel(REMOVED, tick=False):
        call_command("clear_pending_imports", stdout=out)
    assert out.getvalue() == "Removed 0 waiting uploads, 0 progress files and 0 stray files.\n"


def test_the_command_runs_with_no_uploads_folder_at_all(documents_root):
    out = StringIO()
    call_command("clear_pending_imports", stdout=out)
    assert "Removed 0 waiting uploads" in out.getvalue()
    assert not (documents_root / "imports").exists()
