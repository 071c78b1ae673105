"""The audit event: one row per thing that happened, never changed or removed.

A complaint's timeline is simply the events whose subject is that complaint, so the history a
caseworker reads and the audit trail an auditor checks are the same rows (ADR 0003).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from fairhearing.core import clock


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ANN001, ANN201
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):  # noqa: ANN201
        raise AppendOnlyError("Audit events cannot be deleted.")

    def for_subject(self, subject: models.Model) -> "AuditEventQuerySet":
        return self.filter(
            subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
        )


class AuditEvent(models.Model):
    """Something a person (or the system) did: who, when, what, to which record, what changed."""

    occurred_at = models.DateTimeField(default=clock.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when the system acted (e.g. a scheduled recalculation).",
    )
    verb = models.CharField(max_length=100, help_text='What happened, e.g. "stage.extended".')
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    summary = models.CharField(max_length=500, help_text="One plain-English line for the timeline.")
    changes = models.JSONField(
        default=dict, blank=True, encoder=DjangoJSONEncoder,
        help_text="Field name to [before, after].",
    )
    data = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "occurred_at"], name="audit_subject_idx"),
            models.Index(fields=["verb", "occurred_at"], name="audit_verb_idx"),
        ]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.verb} at {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        raise AppendOnlyError("Audit events cannot be deleted.")
