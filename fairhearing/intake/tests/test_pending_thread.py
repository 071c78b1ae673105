"""The background import for real: its own thread and database connection, committed data.

These tests are transactional (each thread sees only committed rows), so they are slower; they
check what the in-thread tests cannot: that the progress page can be read while the import's
transaction holds the database, that a failure in the thread rolls everything back, and that the
thread closes its connection.
"""

import importlib
import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.models import Complaint
from fairhearing.intake import services
from fairhearing.intake.importing import progress
from fairhearing.intake.importing import writer as import_writer
from fairhearing.intake.models import ImportBatch, PendingImport

from .builders import TEAM, complaint, csv_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
WAIT = 60  # seconds: far more than three rows take, so a hang fails rather than blocks


@pytest.fixture(autouse=True)
def in_background(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    settings.FAIRHEARING_IMPORT_IN_BACKGROUND = True


@pytest.fixture(autouse=True)
def audit_events_removable_afterwards():
    """After a transactional test the runner empties every table. On SQLite the audit table's
    append-only trigger refuses that, so this test's events are removed first, with the trigger
    lifted for that moment only and put back exactly as its migration made it."""
    yield
    if connection.vendor != "sqlite":
        return  # PostgreSQL's runner empties tables with TRUNCATE, which the trigger allows
    triggers = importlib.import_module("fairhearing.audit.migrations.0002_append_only_triggers")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER audit_event_no_delete")
        cursor.execute("DELETE FROM audit_auditevent")
        cursor.execute(next(sql for sql in triggers.SQLITE_FORWARD if "audit_event_no_delete" in sql))


@pytest.fixture
def manager():
    TeamFactory(name=TEAM)
    return UserFactory(roles=[Role.COMPLAINTS_MANAGER])


class Gate:
    """Holds the importing thread at its first report of rows written, until released."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()
        self.threads: set[str] = set()

    def reporter(self, gate: "Gate"):  # noqa: ANN201
        class HeldReporter(progress.Reporter):
            def __init__(self, token: str) -> None:
                super().__init__(token, every=0)  # every report written

            def __call__(self, done: int, total: int) -> None:
                super().__call__(done, total)
                gate.threads.add(threading.current_thread().name)
                if done == 1:
                    gate.reached.set()
                    assert gate.release.wait(WAIT), "the test never released the import"
        return HeldReporter


def test_the_progress_page_reads_while_the_import_holds_the_database_and_then_shows_the_result(
        client, manager, monkeypatch):
    pending = services.pending_import_create(actor=manager, data=csv_bytes([complaint(n) for n in (1, 2, 3)]),
                                             original_name="register.csv")
    token = progress.token_for(pending.stored_name)
    gate = Gate()
    monkeypatch.setattr(progress, "Reporter", gate.reporter(gate))
    monkeypatch.setattr(import_writer, "PROGRESS_EVERY", 1)

    client.force_login(manager)  # signing in writes the session: done before the import holds the database
    started = services.pending_import_start(pending=pending, actor=manager)
    try:
        assert gate.reached.wait(WAIT), "the import never reported"
        # Mid-import: one complaint written inside the thread's open transaction.
        now = progress.read(token)
        assert (now.state, now.done, now.total) == ("importing", 1, 3)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("staff:import_progress", args=[token]))
        assert page.status_code == 200
        text = page.content.decode()
        assert "Imported 1 of 3 rows" in text
        assert '<meta http-equiv="refresh" content="2">' in text
        writes = [query["sql"] for query in queries.captured_queries
                  if query["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE", "BEGIN", "SAVEPOINT"}]
        assert writes == []
    finally:
        gate.release.set()
        started.thread.join(WAIT)
    assert not started.thread.is_alive()
    assert gate.threads == {"register-import"}

    done = progress.read(token)
    assert (done.state, done.created_count) == ("done", 3)
    assert Complaint.objects.count() == 3
    assert not PendingImport.objects.exists()
    page = client.get(reverse("staff:import_progress", args=[token])).content.decode()
    assert "3 complaints imported, 0 already imported (nothing changed)" in page
    assert 'http-equiv="refresh"' not in page


def test_a_failure_in_the_thread_rolls_back_every_row_and_is_shown_on_the_progress_page(client, manager, monkeypatch):
    pending = services.pending_import_create(actor=manager, data=csv_bytes([complaint(n) for n in (1, 2, 3)]),
                                             original_name="register.csv")
    token = progress.token_for(pending.stored_name)
    written = []

    class BreakingReporter(progress.Reporter):
        """Fails once two rows are written, inside the import's transaction."""

        def __call__(self, done: int, total: int) -> None:
            super().__call__(done, total)
            if done == 2:
                written.append(done)
                raise RuntimeError("the disc is full")

    monkeypatch.setattr(progress, "Reporter", BreakingReporter)
    monkeypatch.setattr(import_writer, "PROGRESS_EVERY", 1)
    client.force_login(manager)
    started = services.pending_import_start(pending=pending, actor=manager)
    started.thread.join(WAIT)
    assert written == [2]  # it broke part way, two rows written inside the transaction
    failed = progress.read(token)
    assert (failed.state, failed.message) == ("failed", services.UNEXPECTED)
    assert not Complaint.objects.exists() and not ImportBatch.objects.exists()
    assert PendingImport.objects.filter(pk=pending.pk).exists()
    page = client.get(reverse("staff:import_progress", args=[token])).content.decode()
    assert "The register was not imported" in page and services.UNEXPECTED in page
    assert reverse("staff:import_preview") in page  # the file still waits, to be checked again


def test_the_thread_closes_its_database_connection(manager, monkeypatch):
    pending = services.pending_import_create(actor=manager, data=csv_bytes([complaint(1)]), original_name="r.csv")
    closed_by = []
    real_close_all = connections.close_all

    def close_all() -> None:
        closed_by.append(threading.current_thread().name)
        real_close_all()

    monkeypatch.setattr(connections, "close_all", close_all)
    started = services.pending_import_start(pending=pending, actor=manager)
    started.thread.join(WAIT)
    assert closed_by == ["register-import"]
    assert Complaint.objects.count() == 1
