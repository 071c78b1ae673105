"""Ways of settling things short of (or part way through) the complaints procedure: alternative
dispute resolution, and the Independent Reviewing Officer's local dispute resolution (seed 001)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from fairhearing.accounts.models import Team
from fairhearing.people.models import Child

from ..kind_choices import AdrMethod, AdrResult, IroStage
from .complaint import Complaint


class AdrCase(models.Model):
    """Alternative dispute resolution or mediation offered on a complaint, and what it saved."""

    reference = models.CharField(max_length=30, unique=True, editable=False)
    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.SET_NULL, related_name="adr_cases"
    )
    stage_number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The stage of the complaint when ADR was offered."
    )
    offered_on = models.DateField(db_index=True)
    held_on = models.DateField(null=True, blank=True)
    method = models.CharField(max_length=20, choices=AdrMethod.choices)
    confirmed_in_writing_on = models.DateField(
        null=True, blank=True, help_text="When the outcome was confirmed to the complainant in writing."
    )
    result = models.CharField(max_length=20, choices=AdrResult.choices, default=AdrResult.PENDING)
    saving = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True,
        help_text="What it saved, e.g. the cost of a Stage 2 investigation that was not needed.",
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="adr_cases"
    )
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-offered_on", "-id"]
        verbose_name = "ADR case"
        constraints = [
            models.CheckConstraint(
                condition=Q(stage_number__isnull=True) | Q(stage_number__gte=1, stage_number__lte=3),
                name="adr_stage_1_to_3",
            ),
            models.CheckConstraint(
                condition=Q(held_on__isnull=True) | Q(held_on__gte=F("offered_on")),
                name="adr_held_after_offered",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_in_writing_on__isnull=True)
                | Q(confirmed_in_writing_on__gte=F("offered_on")),
                name="adr_confirmed_after_offered",
            ),
            models.CheckConstraint(
                condition=Q(saving__isnull=True) | Q(saving__gte=0), name="adr_saving_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class IroDispute(models.Model):
    """An Independent Reviewing Officer's concern about a child's plan or care, taken up through the
    council's local dispute resolution process rather than as a complaint."""

    reference = models.CharField(max_length=30, unique=True, editable=False)
    raised_on = models.DateField(db_index=True)
    raised_by = models.CharField(max_length=200, help_text="The IRO's name.")
    child = models.ForeignKey(
        Child, null=True, blank=True, on_delete=models.PROTECT, related_name="iro_disputes"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="iro_disputes"
    )
    issue = models.TextField()
    local_stage = models.CharField(max_length=20, choices=IroStage.choices, default=IroStage.INFORMAL)
    outcome = models.TextField(blank=True)
    resolved_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-raised_on", "-id"]
        verbose_name = "IRO dispute"
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("raised_on")),
                name="iro_dispute_resolved_after_raised",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.resolved_on is None
