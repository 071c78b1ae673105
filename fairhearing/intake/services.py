"""Writes for importing a register in the browser: keeping the uploaded file until the manager
imports it, importing it, and creating the teams and themes a register names that Fair Hearing
does not know yet. Each writes an audit event in the same transaction.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from fairhearing.accounts.models import Team
from fairhearing.audit.services import audit_record
from fairhearing.cases.models import Theme
from fairhearing.cases.models.attachments import DocumentsStorage
from fairhearing.core.errors import DomainError

from .importing.files import Limits
from .importing.rows import Validation, validate_file
from .importing.writer import ImportResult, import_complaints
from .models import PendingImport

UPLOADED = "import.uploaded"
TEAM_CREATED = "team.created"
THEME_CREATED = "theme.created"
# Names are at most this long in the Team and Theme tables.
NAME_MAX_CHARS = 200


def _storage() -> DocumentsStorage:
    return DocumentsStorage()


def _delete_file(stored_name: str) -> None:
    storage = _storage()
    if storage.exists(stored_name):
        storage.delete(stored_name)


@transaction.atomic
def pending_import_create(*, actor: Any, data: bytes, original_name: str) -> PendingImport:
    """Keep an uploaded register (already read and checked by the caller) until it is imported.

    The bytes go to private storage under a random name, never the uploader's file name (which may
    say anything). A manager has one file waiting at a time: an earlier one is discarded.
    """
    if not data:
        raise DomainError("The file is empty.")
    for earlier in PendingImport.objects.filter(uploaded_by=actor):
        _pending_import_delete(earlier)
    stored_name = _storage().save(f"imports/{uuid.uuid4().hex}", ContentFile(data))
    try:
        pending = PendingImport.objects.create(
            uploaded_by=actor, stored_name=stored_name, original_name=original_name[:255],
            file_sha256=hashlib.sha256(data).hexdigest(),
        )
        audit_record(actor=actor, verb=UPLOADED, subject=pending, summary="Register file uploaded to check before import",
                     data={"file_sha256": pending.file_sha256, "bytes": len(data)})
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


def pending_import_validate(pending: PendingImport, *, limits: Limits | None = None,
                            today: date | None = None) -> Validation:
    """Read and check the stored file again, against the teams and themes as they are now."""
    return validate_file(pending_import_bytes(pending), limits=limits, today=today)


def _pending_import_delete(pending: PendingImport) -> None:
    stored_name = pending.stored_name
    pending.delete()
    transaction.on_commit(lambda: _delete_file(stored_name))


@transaction.atomic
def pending_import_complete(*, pending: PendingImport, actor: Any, adjudicator: Any = None,
                            limits: Limits | None = None, today: date | None = None) -> ImportResult:
    """Import the waiting file, all or nothing, after checking it once more; then forget it.

    Raises DomainError (and writes nothing) if any row has a problem now; the file stays waiting
    so the manager can see the problems again.
    """
    if pending.uploaded_by_id != getattr(actor, "pk", None):
        raise DomainError("Only the person who uploaded a file can import it.")
    validation = pending_import_validate(pending, limits=limits, today=today)
    result = import_complaints(validation=validation, file_name=pending.original_name,
                               file_sha256=pending.file_sha256, actor=actor, adjudicator=adjudicator, today=today)
    _pending_import_delete(pending)
    return result


def _clean_names(names: Iterable[str], what: str) -> list[str]:
    cleaned: dict[str, str] = {}
    for name in names:
        name = " ".join(str(name).split())
        if not name:
            continue
        if len(name) > NAME_MAX_CHARS:
            raise DomainError(f"A {what} name must be {NAME_MAX_CHARS} characters or fewer.")
        cleaned.setdefault(name.casefold(), name)
    return list(cleaned.values())


@transaction.atomic
def import_names_create(*, actor: Any, teams: Iterable[str] = (), themes: Iterable[str] = ()) -> tuple[list[Team], list[Theme]]:
    """Create the teams and themes a register names that do not exist yet (matched ignoring case).

    Names that already exist are left as they are, so offering the same names twice creates
    nothing more. Each new team or theme is audited.
    """
    made_teams: list[Team] = []
    made_themes: list[Theme] = []
    for name in _clean_names(teams, "team"):
        if Team.objects.filter(name__iexact=name).exists():
            continue
        team = Team.objects.create(name=name)
        audit_record(actor=actor, verb=TEAM_CREATED, subject=team, summary=f"Team created for an import: {name}")
        made_teams.append(team)
    for name in _clean_names(themes, "theme"):
        if Theme.objects.filter(name__iexact=name).exists():
            continue
        theme = Theme.objects.create(name=name)
        audit_record(actor=actor, verb=THEME_CREATED, subject=theme, summary=f"Theme created for an import: {name}")
        made_themes.append(theme)
    return made_teams, made_themes
