"""Reading the audit log."""

from django.db import models

from .models import AuditEvent, AuditEventQuerySet
from .services import VIEWED


def audit_timeline(*, subject: models.Model) -> AuditEventQuerySet:
    """Every event about one record, oldest first, with the actor loaded in the same query.
    Views of the record are left out: they are in :func:`audit_views`."""
    return (
        AuditEvent.objects.for_subject(subject).exclude(verb=VIEWED)
        .select_related("actor").order_by("occurred_at", "id")
    )


def audit_views(*, subject: models.Model) -> AuditEventQuerySet:
    """Who opened a record and when, newest first."""
    return AuditEvent.objects.for_subject(subject).filter(verb=VIEWED).select_related("actor").order_by("-occurred_at", "-id")
