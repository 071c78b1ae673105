"""Reading the audit log."""

from django.db import models

from .models import AuditEvent, AuditEventQuerySet


def audit_timeline(*, subject: models.Model) -> AuditEventQuerySet:
    """Every event about one record, oldest first, with the actor loaded in the same query."""
    return AuditEvent.objects.for_subject(subject).select_related("actor").order_by("occurred_at", "id")
