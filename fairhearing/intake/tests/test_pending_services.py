"""The browser import's services for column mappings and background imports (run in the test's
own thread here; test_pending_thread.py runs them in a real one)."""

import csv
import io
import logging

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.models import Complaint
from fairhearing.core.errors import DomainError
from fairhearing.intake import services
from fairhearing.intake.importing import progress
from fairhearing.intake.importing import writer as import_writer
from fairhearing.intake.importing.mapping import IGNORE, header_signature
from fairhearing.intake.models import ColumnMapping, ImportBatch, PendingImport

from .builders import TEAM, complaint, csv_bytes

pytestmark = pytest.mark.django_db

# A council's own names for the canonical columns it uses, and a column it keeps for itself.
OWN_NAMES = {"Reference": "Ref", "Received": "Date rec'd", "Procedure": "Procedure", "Channel": "How received",
             "Complainant type": "Who", "Team": "Service", "Stage 1 responded": "S1 sent",
             "Stage 1 outcome": "S1 outcome"}
OWN_HEADER = [*OWN_NAMES.values(), "Notes"]
OWN_TARGETS = [*OWN_NAMES.keys(), IGNORE]
STAGE_2 = {"Stage 2 requested": "2021-05-04", "Stage 2 responded": "2021-06-01", "Stage 2 outcome": "upheld"}


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


@pytest.fixture(autouse=True)
def team():
    return TeamFactory(name=TEAM)


@pytest.fixture
def manager():
    return UserFactory(roles=[Role.COMPLAINTS_MANAGER])


def own_csv(rows: list[dict[str, str]], notes: str = "Rang twice") -> bytes:
    """A register in the council's own layout: its own headers, and a Notes column."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(OWN_HEADER)
    for row in rows:
        writer.writerow([row.get(name, "") for name in OWN_NAMES] + [notes])
    return out.getvalue().encode()


def canonical_csv(rows: list[dict[str, str]]) -> bytes:
    return csv_bytes(rows)


def upload(actor, data: bytes, **kwargs) -> PendingImport:
    return services.pending_import_create(actor=actor, data=data, original_name="register.csv", **kwargs)


# Matching columns ------------------------------------------------------------------------------


def test_matching_saves_the_mapping_for_reuse_and_the_file_then_checks_under_its_own_headers(manager):
    pending = upload(manager, own_csv([complaint(1), complaint(2, **{"Stage 1 responded": "31/02/2021"})]))
    # Unmatched, the file's headers are problems.
    assert not services.pending_import_validate(pending).is_valid

    mapping = services.pending_import_map(pending=pending, actor=manager, targets=OWN_TARGETS)
    assert (mapping.kind, mapping.signature, mapping.saved_by) == ("complaints", header_signature(OWN_HEADER), manager)
    assert mapping.mapping[0] == ["Ref", "Reference"] and mapping.mapping[-1] == ["Notes", ""]
    pending.refresh_from_db()
    assert pending.column_mapping == mapping.mapping
    assert pending.mapping_targets == OWN_TARGETS
    event = AuditEvent.objects.get(verb=services.MAPPING_SAVED)
    assert event.actor == manager and event.subject_id == mapping.pk
    assert event.summary == "Column mapping saved for a complaints register (8 columns imported, 1 not)"

    validation = services.pending_import_validate(pending)
    assert len(validation.rows) == 1
    # Row 3's bad date is named by the file's own header, with the register's name beside it.
    assert [str(problem) for problem in validation.problems] == [
        "Row 3, S1 sent (Stage 1 responded): 31/02/2021 is not a date"]
    assert "Not imported, as the column mapping says: Notes." in validation.notices


def test_saving_a_mapping_for_the_same_headers_again_replaces_it(manager):
    pending = upload(manager, own_csv([complaint(1)]))
    first = services.pending_import_map(pending=pending, actor=manager, targets=OWN_TARGETS)
    other = UserFactory(roles=[Role.COMPLAINTS_MANAGER])
    pending = upload(other, own_csv([complaint(2)]))
    targets = [*OWN_TARGETS]
    targets[-2] = IGNORE  # this time, Stage 1 outcome is not imported... so neither may S1 sent be
    targets[-3] = IGNORE
    second = services.pending_import_map(pending=pending, actor=other, targets=targets)
    assert second.pk == first.pk and ColumnMapping.objects.count() == 1
    assert second.saved_by == other and second.mapping[-2] == ["S1 outcome", ""]
    assert AuditEvent.objects.filter(verb=services.MAPPING_SAVED).last().summary.startswith("Column mapping changed")


@pytest.mark.parametrize(("change", "message"), [
    ({1: IGNORE}, "Choose a column of the file for each required column: Received"),
    ({8: "Received"}, "Received is already chosen for Date rec'd; choose each column once"),
    ({8: "Made up"}, "Choose one of the register's columns for Notes"),
])
def test_a_mapping_with_a_problem_saves_nothing(manager, change, message):
    pending = upload(manager, own_csv([complaint(1)]))
    targets = [change.get(index, target) for index, target in enumerate(OWN_TARGETS)]
    with pytest.raises(DomainError, match=message):
        services.pending_import_map(pending=pending, actor=manager, targets=targets)
    pending.refresh_from_db()
    assert pending.column_mapping is None
    assert not ColumnMapping.objects.exists()
    assert not AuditEvent.objects.filter(verb=services.MAPPING_SAVED).exists()


def test_a_mapping_of_the_wrong_length_saves_nothing(manager):
    pending = upload(manager, own_csv([complaint(1)]))
    with pytest.raises(DomainError, match="columns have changed"):
        services.pending_import_map(pending=pending, actor=manager, targets=OWN_TARGETS[:-1])
    assert not ColumnMapping.objects.exists()


def test_only_the_uploader_may_match_the_columns(manager):
    pending = upload(manager, own_csv([complaint(1)]))
    with pytest.raises(DomainError, match="Only the person who uploaded"):
        services.pending_import_map(pending=pending, actor=UserFactory(roles=[Role.COMPLAINTS_MANAGER]),
                                    targets=OWN_TARGETS)
    assert not ColumnMapping.objects.exists()


def test_a_waiting_file_whose_mapping_no_longer_fits_must_be_uploaded_again(manager):
    pending = upload(manager, own_csv([complaint(1)]), column_mapping=[[text, text] for text in OWN_HEADER[:-1]])
    with pytest.raises(DomainError, match="Upload it again"):
        services.pending_import_validate(pending)


def test_deleting_a_mapping_is_audited(manager):
    pending = upload(manager, own_csv([complaint(1)]))
    mapping = services.pending_import_map(pending=pending, actor=manager, targets=OWN_TARGETS)
    pk = mapping.pk
    services.column_mapping_delete(mapping=mapping, actor=manager)
    assert not ColumnMapping.objects.exists()
    event = AuditEvent.objects.get(verb=services.MAPPING_DELETED)
    assert (event.actor, event.subject_id) == (manager, pk)
    # The file already waiting keeps its matching.
    pending.refresh_from_db()
    assert pending.mapping_targets == OWN_TARGETS


def test_the_upload_records_its_kind_and_refuses_a_kind_that_cannot_be_imported(manager):
    assert upload(manager, canonical_csv([complaint(1)])).kind == "complaints"
    with pytest.raises(DomainError, match="cannot import that kind"):
        upload(manager, canonical_csv([complaint(1)]), kind="parking_fines")


# Importing in the background (here: in the test's thread) ----------------------------------------


def test_a_started_import_reports_its_progress_and_ends_done(manager, django_capture_on_commit_callbacks,
                                                              documents_root):
    pending = upload(manager, own_csv([complaint(1), complaint(2), complaint(3)]))
    services.pending_import_map(pending=pending, actor=manager, targets=OWN_TARGETS)
    token = progress.token_for(pending.stored_name)
    with django_capture_on_commit_callbacks(execute=True):
        started = services.pending_import_start(pending=pending, actor=manager)
    assert started.token == token and started.thread is None
    done = started.wait(0)
    assert (done.state, done.done, done.total, done.created_count, done.already_present_count) == ("done", 3, 3, 3, 0)
    assert done.user_id == manager.pk and done.kind == "complaints"
    assert Complaint.objects.count() == 3
    assert not PendingImport.objects.exists()
    assert not (documents_root / pending.stored_name).exists()


def test_the_progress_callback_hears_each_stretch_of_rows(manager, monkeypatch):
    pending = upload(manager, canonical_csv([complaint(n) for n in range(1, 6)]))
    monkeypatch.setattr(import_writer, "PROGRESS_EVERY", 2)
    heard: list[tuple[int, int]] = []
    services.pending_import_complete(pending=pending, actor=manager, progress=lambda done, total: heard.append((done, total)))
    assert heard[0] == (0, 5) and heard[-1] == (5, 5)
    assert (2, 5) in heard and (4, 5) in heard


def test_a_file_with_problems_ends_failed_with_its_message_and_nothing_written(manager):
    pending = upload(manager, canonical_csv([complaint(1), complaint(2, Received="soon")]))
    started = services.pending_import_start(pending=pending, actor=manager)
    failed = started.wait(0)
    assert failed.state == "failed"
    assert "1 problem; fix them and check it again. Nothing was written." in failed.message
    assert not Complaint.objects.exists() and not ImportBatch.objects.exists()
    assert PendingImport.objects.filter(pk=pending.pk).exists()  # still waiting, to be checked again
    event = AuditEvent.objects.get(verb=services.FAILED)
    assert (event.actor, event.subject_id, event.data) == (manager, pending.pk, {"reason": "invalid"})


def test_an_unexpected_error_ends_failed_with_a_plain_message_and_a_log_without_the_details(
        manager, monkeypatch, caplog):
    pending = upload(manager, canonical_csv([complaint(1), complaint(2), complaint(3)]))
    reached = []

    class BreakingReporter(progress.Reporter):
        def __call__(self, done: int, total: int) -> None:
            super().__call__(done, total)
            if done == 2:
                reached.append(done)
                name = "Jane" + " Smith"
                raise RuntimeError(f"disk full while writing {name}'s complaint")

    monkeypatch.setattr(progress, "Reporter", BreakingReporter)
    monkeypatch.setattr(import_writer, "PROGRESS_EVERY", 1)
    with caplog.at_level(logging.ERROR, logger="fairhearing.intake.services"):
        failed = services.pending_import_start(pending=pending, actor=manager).wait(0)
    assert (failed.state, failed.message) == ("failed", services.UNEXPECTED)
    # It broke with two rows written; they were rolled back with the rest.
    assert reached == [2]
    assert not Complaint.objects.exists() and not ImportBatch.objects.exists()
    assert "RuntimeError" in caplog.text and "in __call__" in caplog.text
    assert "Jane Smith" not in caplog.text and "disk full" not in caplog.text
    assert PendingImport.objects.filter(pk=pending.pk).exists()


def test_a_file_being_imported_cannot_be_started_again(manager):
    pending = upload(manager, canonical_csv([complaint(1)]))
    progress.begin(token=progress.token_for(pending.stored_name), user_id=manager.pk, kind="complaints")
    with pytest.raises(progress.AlreadyRunning):
        services.pending_import_start(pending=pending, actor=manager)
    assert not Complaint.objects.exists()


def test_only_the_uploader_may_start_the_import(manager):
    pending = upload(manager, canonical_csv([complaint(1)]))
    with pytest.raises(DomainError, match="Only the person who uploaded"):
        services.pending_import_start(pending=pending, actor=UserFactory(roles=[Role.COMPLAINTS_MANAGER]))
    assert progress.read(progress.token_for(pending.stored_name)) is None


def test_an_upload_gone_before_the_thread_starts_ends_failed(manager, monkeypatch):
    pending = upload(manager, canonical_csv([complaint(1)]))
    PendingImport.objects.filter(pk=pending.pk).delete()
    failed = services.pending_import_start(pending=pending, actor=manager).wait(0)
    assert failed.state == "failed" and "no longer waiting" in failed.message


def test_stage_two_adjudications_are_recorded_as_made_by_the_senior_manager_chosen(manager):
    senior = UserFactory(roles=[Role.SENIOR_MANAGER])
    pending = upload(manager, canonical_csv([complaint(1, **STAGE_2)]))
    done = services.pending_import_start(pending=pending, actor=manager, adjudicator=senior).wait(0)
    assert done.state == "done", done.message
    adjudication = AuditEvent.objects.get(verb="stage.adjudicated")
    assert adjudication.actor == senior


def test_without_a_senior_manager_a_stage_two_response_stops_the_import(manager):
    pending = upload(manager, canonical_csv([complaint(1, **STAGE_2)]))
    failed = services.pending_import_start(pending=pending, actor=manager).wait(0)
    assert failed.state == "failed" and "senior manager" in failed.message
    assert not Complaint.objects.exists()


def test_imports_run_in_a_thread_except_under_test_settings(settings):
    assert services.import_in_background() is False
    settings.FAIRHEARING_IMPORT_IN_BACKGROUND = True
    assert services.import_in_background() is True
    del settings.FAIRHEARING_IMPORT_IN_BACKGROUND
    settings.ENVIRONMENT = "production"
    assert services.import_in_background() is True
