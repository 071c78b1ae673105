"""Initial feedback (a concern): not a formal complaint, sent to the service to put right quickly
and monitored by the complaints team (seed 001)."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from fairhearing.accounts.models import Team
from fairhearing.people.models import Child, Person

from ..choices import Channel
from ..kind_choices import ConcernStatus
from .complaint import Complaint


class Concern(models.Model):
    """A concern raised informally, with a local response target, that may become a complaint."""

    reference = models.CharField(max_length=30, unique=True, editable=False)
    received_on = models.DateField(db_index=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="concerns"
    )
    child = models.ForeignKey(
        Child, null=True, blank=True, on_delete=models.PROTECT, related_name="concerns"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="concerns")
    summary = models.TextField()
    sent_to_service_on = models.DateField(null=True, blank=True)
    # The target in force when the concern was logged. The due date counts from the day it was
    # sent to the service, or from receipt until then; it is stored, never derived when read.
    response_days = models.PositiveSmallIntegerField()
    response_due_on = models.DateField(db_index=True)
    status = models.CharField(
        max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.OPEN, db_index=True
    )
    resolved_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True, help_text="How it was resolved, or why it was closed.")
    converted_to = models.OneToOneField(
        Complaint, null=True, blank=True, on_delete=models.PROTECT, related_name="from_concern"
    )
    converted_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sent_to_service_on__isnull=True) | Q(sent_to_service_on__gte=F("received_on")),
                name="concern_sent_after_received",
            ),
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("received_on")),
                name="concern_resolved_after_received",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("received_on")),
                name="concern_closed_after_received",
            ),
            models.CheckConstraint(
                condition=Q(response_due_on__gt=F("received_on")), name="concern_due_after_received"
            ),
            models.CheckConstraint(
                condition=Q(sent_to_service_on__isnull=True) | Q(response_due_on__gt=F("sent_to_service_on")),
                name="concern_due_after_sent",
            ),
            # A resolved concern says when; a converted one says which complaint it became.
            models.CheckConstraint(
                condition=~Q(status=ConcernStatus.RESOLVED) | Q(resolved_on__isnull=False),
                name="concern_resolved_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=ConcernStatus.CLOSED) | Q(closed_on__isnull=False),
                name="concern_closed_has_date",
            ),
            models.CheckConstraint(
                condition=(Q(status=ConcernStatus.CONVERTED) & Q(converted_to__isnull=False))
                | (~Q(status=ConcernStatus.CONVERTED) & Q(converted_to__isnull=True)),
                name="concern_converted_has_complaint",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status == ConcernStatus.OPEN

    @property
    def clock_started_on(self) -> date:
        """The day the response period counts from."""
        return self.sent_to_service_on or self.received_on

    def is_overdue(self, today: date) -> bool:
        return self.is_open and today > self.response_due_on
