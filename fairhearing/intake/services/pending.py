"""The life of a register file uploaded to import in the browser: keeping it (privately, under a
random name) until the manager imports it, reading and checking it again, importing it all or
nothing (in a background thread that reports its progress), and clearing uploads left waiting
more than a day. Each write is audited in the same transaction.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connections, transaction

from fairhearing.audit.services import audit_record
from fairhearing.cases.models.attachments import DocumentsStorage
from fairhearing.core import clock
from fairhearing.core.errors import DomainError

from ..importing import progress as import_progress
from ..importing.columns import COLUMNS, RegisterKind
from ..importing.files import Limits, Table, read_table
from ..importing.mapping import check_mapping, validate_mapped
from ..importing.registers import import_register
from ..importing.rows import Validation, validate_table
from ..importing.writer import ImportResult
from ..models import PendingImport

logger = logging.getLogger(__name__)

UPLOADED = "import.uploaded"
DISCARDED = "import.discarded"
FAILED = "import.failed"
# The folder under DOCUMENTS_ROOT that holds uploads waiting to be imported.
UPLOADS = "imports"
# An upload not imported within this time is removed with its file (clear_pending_imports).
PENDING_LIFETIME = timedelta(hours=24)


def _storage() -> DocumentsStorage:
    return DocumentsStorage()


def _delete_file(stored_name: str) -> None:
    storage = _storage()
    if storage.exists(stored_name):
        storage.delete(stored_name)


def register_columns(kind: str) -> tuple:
    """The canonical columns of a kind of register; DomainError for a kind that cannot be imported."""
    try:
        return COLUMNS[RegisterKind(kind)]
    except (ValueError, KeyError):
        raise DomainError("Fair Hearing cannot import that kind of register yet.") from None


@transaction.atomic
def pending_import_create(*, actor: Any, data: bytes, original_name: str, kind: str = RegisterKind.COMPLAINTS,
                          column_mapping: list[list[str]] | None = None, now: datetime | None = None) -> PendingImport:
    """Keep an uploaded register (already read and checked by the caller) until it is imported.

    The bytes go to private storage under a random name, never the uploader's file name (which may
    say anything). A manager has one file waiting at a time: an earlier one is discarded, and so
    is anyone's upload left waiting for more than a day. ``column_mapping`` is a saved mapping the
    caller found for the file's headers, as [file header, canonical header] pairs (see
    pending_import_map).
    """
    if not data:
        raise DomainError("The file is empty.")
    register_columns(kind)
    pending_imports_clear(now=now)
    for earlier in PendingImport.objects.filter(uploaded_by=actor):
        _pending_import_delete(earlier)
    stored_name = _storage().save(f"{UPLOADS}/{uuid.uuid4().hex}", ContentFile(data))
    try:
        pending = PendingImport.objects.create(
            uploaded_by=actor, kind=kind, stored_name=stored_name, original_name=original_name[:255],
            file_sha256=hashlib.sha256(data).hexdigest(), column_mapping=column_mapping,
        )
        audit_record(actor=actor, verb=UPLOADED, subject=pending, summary="Register file uploaded to check before import",
                     data={"file_sha256": pending.file_sha256, "bytes": len(data), "kind": kind,
                           "column_mapping": column_mapping is not None})
    except Exception:
        # No record will name the file, so it must not stay behind.
        _delete_file(stored_name)
        raise
    return pending


def pending_import_bytes(pending: PendingImport) -> bytes:
    """The stored file, exactly as uploaded; DomainError if it has gone (or been changed)."""
    storage = _storage()
    if not storage.exists(pending.stored_name):
        raise DomainError("The uploaded file is no longer available. Upload it again.")
    with storage.open(pending.stored_name, "rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != pending.file_sha256:
        raise DomainError("The uploaded file has changed since it was checked. Upload it again.")
    return data


def pending_import_table(pending: PendingImport, *, limits: Limits | None = None) -> Table:
    """The stored file's header and rows, as read before any column mapping."""
    return read_table(pending_import_bytes(pending), limits=limits)


def pending_import_validate(pending: PendingImport, *, limits: Limits | None = None,
                            today: date | None = None) -> Validation:
    """Read and check the stored file again, against the teams and themes as they are now, with
    its columns renamed as its column mapping says (problems name the file's own headers)."""
    table = pending_import_table(pending, limits=limits)
    kind = RegisterKind(pending.kind)
    targets = pending.mapping_targets
    if targets is None:
        return validate_table(table, kind=kind, today=today)
    if not check_mapping(table.header, targets, register_columns(pending.kind)).is_valid:
        raise DomainError("The file's columns no longer match how they were matched. Upload it again.")
    return validate_mapped(table, targets, kind=kind, today=today)


def _pending_import_delete(pending: PendingImport) -> None:
    stored_name = pending.stored_name
    pending.delete()
    transaction.on_commit(lambda: _delete_file(stored_name))


@transaction.atomic
def pending_import_complete(*, pending: PendingImport, actor: Any, adjudicator: Any = None,
                            limits: Limits | None = None, today: date | None = None,
                            progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Import the waiting file, all or nothing, after checking it once more; then forget it.

    The file is written by its kind's writer (importing/registers: complaints, compliments,
    enquiries or Ombudsman cases); ``adjudicator`` is for complaints' Stage 2. Raises DomainError (and writes nothing) if any row has a problem now; the file stays waiting
    so the manager can see the problems again. ``progress`` is called with (rows written, rows to
    write) as the import goes.
    """
    if pending.uploaded_by_id != getattr(actor, "pk", None):
        raise DomainError("Only the person who uploaded a file can import it.")
    validation = pending_import_validate(pending, limits=limits, today=today)
    if progress is not None and validation.is_valid:
        progress(0, len(validation.rows))
    result = import_register(validation=validation, file_name=pending.original_name,
                             file_sha256=pending.file_sha256, actor=actor, adjudicator=adjudicator, today=today,
                             progress=progress)
    _pending_import_delete(pending)
    return result


# Importing in the background ------------------------------------------------------------------


def _in_thread(job: Callable[[], None]) -> threading.Thread:
    def run() -> None:
        try:
            job()
        finally:
            # The thread's own connection: closed, or it would stay open until the process ends.
            connections.close_all()

    thread = threading.Thread(target=run, name="register-import", daemon=True)
    thread.start()
    return thread


def _here(job: Callable[[], None]) -> None:
    job()


def import_in_background() -> bool:
    """Whether imports run in a thread of their own. Tests run them in the test's own thread and
    transaction unless they set FAIRHEARING_IMPORT_IN_BACKGROUND (a thread's connection cannot see
    a test's uncommitted rows)."""
    return bool(getattr(settings, "FAIRHEARING_IMPORT_IN_BACKGROUND", settings.ENVIRONMENT != "test"))


@dataclass
class StartedImport:
    """An import that has been started: its token (for the progress page) and its thread."""

    token: str
    thread: threading.Thread | None = None

    def wait(self, seconds: float) -> import_progress.Progress | None:
        """Wait up to ``seconds`` for the import to end, then say where it has got."""
        if self.thread is not None:
            self.thread.join(seconds)
        return import_progress.read(self.token)


def pending_import_start(*, pending: PendingImport, actor: Any, adjudicator: Any = None,
                         limits: Limits | None = None, today: date | None = None) -> StartedImport:
    """Start importing the waiting file in the background, reporting to its progress file.

    The import itself is pending_import_complete, in one transaction, on the thread's own
    database connection. Raises progress.AlreadyRunning if this file is being imported already,
    and DomainError if someone else uploaded it. Nothing is written to the database here.
    """
    if pending.uploaded_by_id != getattr(actor, "pk", None):
        raise DomainError("Only the person who uploaded a file can import it.")
    token = import_progress.token_for(pending.stored_name)
    import_progress.begin(token=token, user_id=actor.pk, kind=pending.kind)
    adjudicator_pk = getattr(adjudicator, "pk", None)

    def job() -> None:
        _pending_import_run(token=token, pending_pk=pending.pk, actor_pk=actor.pk, adjudicator_pk=adjudicator_pk,
                            limits=limits, today=today)

    if import_in_background():
        return StartedImport(token=token, thread=_in_thread(job))
    _here(job)
    return StartedImport(token=token)


# Said when something other than a problem with the file stops an import.
UNEXPECTED = ("The import stopped because of an error on the server. Nothing was written. Try again, "
              "and if it happens again tell your system administrator.")


def _pending_import_run(*, token: str, pending_pk: int, actor_pk: int, adjudicator_pk: int | None,
                        limits: Limits | None, today: date | None) -> None:
    """The background import: every outcome ends in the progress file, never in an exception."""
    users = get_user_model().objects
    reporter = import_progress.Reporter(token)
    try:
        pending = PendingImport.objects.filter(pk=pending_pk).first()
        if pending is None:
            raise DomainError("That file is no longer waiting to be imported. Upload it again.")
        actor = users.get(pk=actor_pk)
        adjudicator = users.get(pk=adjudicator_pk) if adjudicator_pk else None
        result = pending_import_complete(pending=pending, actor=actor, adjudicator=adjudicator, limits=limits,
                                         today=today, progress=reporter)
    except DomainError as error:
        import_progress.fail(token, message=error.message)
        _audit_failure(pending_pk, actor_pk, code=error.code or "domain_error")
    except Exception as error:  # noqa: BLE001 - reported on the progress page and in the log
        import_progress.fail(token, message=UNEXPECTED)
        # The type and where it happened (file, line, function), never the message or the
        # source lines' values: an exception's message may quote a cell of the file.
        frames = "\n".join(f"  {frame.filename}:{frame.lineno} in {frame.name}"
                           for frame in traceback.extract_tb(error.__traceback__))
        logger.error("Register import %s failed: %s\n%s", token, type(error).__name__, frames)
        _audit_failure(pending_pk, actor_pk, code=type(error).__name__)
    else:
        import_progress.finish(token, created_count=result.created_count,
                               already_present_count=result.already_present_count,
                               total=result.created_count + result.already_present_count)


def _audit_failure(pending_pk: int, actor_pk: int, *, code: str) -> None:
    """Record that an import stopped (its transaction has rolled back, so this stands alone)."""
    try:
        pending = PendingImport.objects.filter(pk=pending_pk).first()
        audit_record(actor=get_user_model().objects.filter(pk=actor_pk).first(), verb=FAILED, subject=pending,
                     summary="Register import stopped; nothing was written", data={"reason": code})
    except Exception:  # noqa: BLE001 - the progress file already says what happened
        logger.exception("Could not record that register import of upload %s failed", pending_pk)


# Clearing uploads left waiting ----------------------------------------------------------------


@dataclass(frozen=True)
class Cleared:
    """What clearing removed: uploads (records and files), progress files, and files no record names."""

    pending: int = 0
    progress: int = 0
    orphans: int = 0


@transaction.atomic
def pending_imports_clear(*, now: datetime | None = None) -> Cleared:
    """Remove uploads left waiting for more than a day (PENDING_LIFETIME), with their files.

    Safe to run at any time and as often as wanted (clear_pending_imports, from cron; and each
    time a manager uploads). An upload being imported at this moment is left alone. Also removes
    progress files not changed for a day, and files in the uploads folder that no upload names
    and that are more than a day old (left by a process that stopped between saving a file and
    its record). Each upload removed is audited.
    """
    now = now or clock.now()
    before = now - PENDING_LIFETIME
    running = {progress.token for progress in import_progress.all_progress()
               if progress.is_running and not progress.is_stale(now)}
    removed = 0
    for pending in PendingImport.objects.filter(created_at__lt=before).order_by("pk"):
        if Path(pending.stored_name).name in running:
            continue
        audit_record(actor=None, verb=DISCARDED, subject=pending,
                     summary="Register file removed: it waited more than a day without being imported")
        _pending_import_delete(pending)
        removed += 1
    progress_removed = import_progress.clear_expired(before=before)
    named = {Path(name).name for name in PendingImport.objects.values_list("stored_name", flat=True)}
    orphans = 0
    folder = Path(settings.DOCUMENTS_ROOT) / UPLOADS
    if folder.is_dir():
        for path in folder.iterdir():
            if not path.is_file() or path.name in named:
                continue
            if os.stat(path).st_mtime < before.timestamp():
                path.unlink(missing_ok=True)
                orphans += 1
    return Cleared(pending=removed, progress=progress_removed, orphans=orphans)
