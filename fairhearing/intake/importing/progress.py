"""How far an import running in the background has got, kept in a small file beside the upload.

Importing a large register takes tens of seconds, and it is one transaction. On SQLite a second
connection cannot write while that transaction is open, so progress is never written to the
database: the importing thread writes it to ``<token>.progress.json`` in private storage
(DOCUMENTS_ROOT/import-progress/, beside the uploads folder), and the progress page only reads
that file.
Each write goes to a temporary file first and is then renamed over the old one, so a reader never
sees half a file.

A progress file names the import by a token (the random part of the uploaded file's stored name)
and records who started it, so only they can see it. It outlives the upload's database record,
which the import removes in its own transaction, so the result can still be shown; it is removed
once the result has been shown by the page that started the import, or else by
``clear_pending_imports`` a day after its last change.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

from django.conf import settings

from fairhearing.core import clock
from fairhearing.core.errors import DomainError

# The folder under DOCUMENTS_ROOT that holds the progress files (the uploads are in "imports").
FOLDER = "import-progress"
SUFFIX = ".progress.json"
TOKEN = re.compile(r"^[0-9a-f]{32}$")
# An import that has not reported for this long is taken to have stopped with its server process
# (its transaction then rolled back): reports come every few hundred rows, seconds apart.
STALE_AFTER = timedelta(minutes=10)
# The thread reports at most this often (seconds), however often the writer calls back.
REPORT_EVERY = 0.5


class State(StrEnum):
    CHECKING = "checking"  # reading and checking the file once more before writing
    IMPORTING = "importing"
    DONE = "done"
    FAILED = "failed"


class AlreadyRunning(DomainError):
    """The file is already being imported (a second press of the button, or another tab)."""

    def __init__(self) -> None:
        super().__init__("This file is already being imported.", code="import_running")


@dataclass(frozen=True)
class Progress:
    """One import's progress, as last reported by the thread running it."""

    token: str
    user_id: int
    kind: str
    state: str
    started_at: str  # ISO 8601, aware
    updated_at: str
    done: int = 0
    total: int = 0
    message: str = ""
    created_count: int = 0
    already_present_count: int = 0

    @property
    def is_running(self) -> bool:
        return self.state in (State.CHECKING, State.IMPORTING)

    @property
    def updated(self) -> datetime:
        return datetime.fromisoformat(self.updated_at)

    def is_stale(self, now: datetime | None = None) -> bool:
        """Still marked as running, but silent for so long that it cannot be running any more."""
        return self.is_running and (now or clock.now()) - self.updated > STALE_AFTER

    @property
    def summary(self) -> str:
        """What the progress indicator says: "Imported 4,200 of 10,000 rows"."""
        if self.state == State.CHECKING or (self.is_running and not self.total):
            return "Checking the file once more before importing"
        return f"Imported {self.done:,} of {self.total:,} row{'s' if self.total != 1 else ''}"

    @property
    def percent(self) -> int:
        if self.state == State.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0


def folder() -> Path:
    return Path(settings.DOCUMENTS_ROOT) / FOLDER


def token_for(stored_name: str) -> str:
    """The token of an uploaded file: the random part of its name in private storage."""
    token = Path(stored_name).name
    if not TOKEN.match(token):
        raise ValueError("Not the stored name of an uploaded register.")
    return token


def path_for(token: str) -> Path:
    if not TOKEN.match(token or ""):
        raise ValueError("Not an import token.")
    return folder() / f"{token}{SUFFIX}"


def read(token: str) -> Progress | None:
    """The import's progress, or None if there is no such import (or the token is malformed)."""
    try:
        text = path_for(token).read_text(encoding="utf-8")
    except (ValueError, FileNotFoundError):
        return None
    try:
        return Progress(**json.loads(text))
    except (ValueError, TypeError):
        return None  # not written by this module; treated as absent


def _write(progress: Progress) -> Progress:
    target = path_for(progress.token)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".progress-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(asdict(progress), out)
        os.chmod(temporary, 0o640)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return progress


def begin(*, token: str, user_id: int, kind: str, now: datetime | None = None) -> Progress:
    """Claim the file for importing and say it is being checked; AlreadyRunning if it is.

    The claim is an exclusive create, so of two presses of the button only one starts an import.
    A finished, failed or stale import of the same file may be started again.
    """
    stamp = (now or clock.now()).isoformat()
    progress = Progress(token=token, user_id=user_id, kind=kind, state=State.CHECKING, started_at=stamp,
                        updated_at=stamp)
    target = path_for(token)
    target.parent.mkdir(parents=True, exist_ok=True)
    earlier = read(token)
    if earlier is not None:
        if earlier.is_running and not earlier.is_stale(now):
            raise AlreadyRunning
        target.unlink(missing_ok=True)
    try:
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    except FileExistsError:
        raise AlreadyRunning from None
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(asdict(progress), out)
    return progress


def _update(token: str, **changes: object) -> Progress | None:
    current = read(token)
    if current is None:
        return None
    changes.setdefault("updated_at", clock.now().isoformat())
    return _write(Progress(**{**asdict(current), **changes}))


def report(token: str, *, done: int, total: int) -> Progress | None:
    """Rows written so far, out of the rows to write."""
    return _update(token, state=State.IMPORTING, done=done, total=total)


def finish(token: str, *, created_count: int, already_present_count: int, total: int) -> Progress | None:
    """The import has been committed."""
    return _update(token, state=State.DONE, done=total, total=total, created_count=created_count,
                   already_present_count=already_present_count)


def fail(token: str, *, message: str) -> Progress | None:
    """The import stopped and its transaction was rolled back; ``message`` says why."""
    return _update(token, state=State.FAILED, message=message)


def remove(token: str) -> None:
    """Forget an import's progress (nothing happens for a malformed token)."""
    with contextlib.suppress(ValueError):
        path_for(token).unlink(missing_ok=True)


def all_progress() -> Iterator[Progress]:
    """Every import's progress file (the folder holds a handful: one per manager at most a day)."""
    if not folder().is_dir():
        return
    for path in sorted(folder().glob(f"*{SUFFIX}")):
        progress = read(path.name.removesuffix(SUFFIX))
        if progress is not None:
            yield progress


def running_for(user_id: int, now: datetime | None = None) -> Progress | None:
    """The import this person has running, if any (none that has gone stale)."""
    for progress in all_progress():
        if progress.user_id == user_id and progress.is_running and not progress.is_stale(now):
            return progress
    return None


def clear_expired(*, before: datetime) -> int:
    """Remove progress files last changed before ``before``; how many. (``before`` is a day ago:
    an import marked as running that has not reported for a day stopped long since.)"""
    removed = 0
    for progress in list(all_progress()):
        if progress.updated < before:
            remove(progress.token)
            removed += 1
    return removed


class Reporter:
    """The callback the importer calls with (rows done, rows to do); writes the progress file at
    most every REPORT_EVERY seconds, and always at the start and the end."""

    def __init__(self, token: str, *, every: float = REPORT_EVERY) -> None:
        self.token = token
        self.every = every
        self._last = 0.0
        self._total = 0

    def __call__(self, done: int, total: int) -> None:
        moment = time.monotonic()
        self._total = total
        if done in (0, total) or moment - self._last >= self.every:
            self._last = moment
            report(self.token, done=done, total=total)

    @property
    def total(self) -> int:
        return self._total
