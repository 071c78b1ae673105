"""Writing audit events. Services call this inside their own transaction, so the event and the
change it describes are committed together or not at all."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent


def audit_record(
    *,
    actor: Any,
    verb: str,
    subject: models.Model | None,
    summary: str,
    changes: dict[str, list[Any]] | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. ``summary`` is shown on the timeline; keep children's names out of it."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=subject.pk if subject is not None else None,
        summary=summary[:500],
        changes=changes or {},
        data=data or {},
    )


def diff_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value differs, as {name: [before, after]}, for an event's ``changes``."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


VIEWED = "record.viewed"


def audit_record_view(*, user: Any, subject: models.Model) -> AuditEvent:
    """Log that a user opened a record (a complaint, a child's linked records). Kept out of the
    case timeline, which shows what happened to the case, but listed for the complaints manager."""
    return audit_record(actor=user, verb=VIEWED, subject=subject, summary="Viewed")
