"""Stages of a complaint and the rules that time them.

Deadlines are stored, not derived at read time (ADR 0005): the services set ``clock_started_on``,
``allowed_working_days`` and ``paused_working_days`` and store ``due_on`` computed from them, so
lists and reports read columns, and a change to the holiday table can recompute every open stage.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from fairhearing.cases.models import Complaint, ComplaintPoint, Procedure

from .choices import (
    ClockStart,
    Outcome,
    PauseReason,
    Phase,
    RemedyKind,
    RequestDecision,
    StageStatus,
)


class StageRule(models.Model):
    """The timescales of one stage of a procedure, in working days, with their source."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="stage_rules")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100)
    clock_starts = models.CharField(max_length=20, choices=ClockStart.choices)
    response_days = models.PositiveSmallIntegerField(help_text="Working days to respond.")
    max_response_days = models.PositiveSmallIntegerField(
        help_text="The longest the response may take with extensions, in working days."
    )
    acknowledgement_days = models.PositiveSmallIntegerField(
        null=True, blank=True,
        help_text="Target to acknowledge a request for this stage, in working days (corporate Stage 2).",
    )
    escalation_window_days = models.PositiveSmallIntegerField(
        null=True, blank=True,
        help_text="Local target: working days the complainant has to ask for the next stage.",
    )
    panel_report_days = models.PositiveSmallIntegerField(null=True, blank=True)
    council_response_days = models.PositiveSmallIntegerField(null=True, blank=True)
    is_statutory = models.BooleanField(
        default=False, help_text="Periods set by law cannot be edited; local targets can."
    )
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["procedure", "number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="stage_rule_unique"),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=3), name="stage_rule_number_1_to_3"),
            models.CheckConstraint(
                condition=Q(max_response_days__gte=F("response_days")), name="stage_rule_max_not_below_response"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure}: {self.name}"


class Stage(models.Model):
    """One stage of one complaint: when it was asked for, its clock, its due date and its answer."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=StageStatus.choices, default=StageStatus.OPEN)
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.RESPONSE)

    requested_on = models.DateField(help_text="When the complainant asked (Stage 1: when received).")
    request_decision = models.CharField(
        max_length=20, choices=RequestDecision.choices, default=RequestDecision.IN_TIME
    )
    request_decision_reason = models.TextField(blank=True)

    # The clock. due_on = clock_started_on + (allowed + paused) working days, set by services.
    clock_started_on = models.DateField(null=True, blank=True)
    allowed_working_days = models.PositiveSmallIntegerField(default=0)
    paused_working_days = models.PositiveSmallIntegerField(default=0)
    paused_since = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True, db_index=True)
    original_due_on = models.DateField(null=True, blank=True)

    # Stage 2: the statement of complaint and the investigators.
    acknowledged_on = models.DateField(null=True, blank=True)
    statement_agreed_on = models.DateField(null=True, blank=True)
    investigating_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    independent_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    appointed_on = models.DateField(null=True, blank=True)

    # Stage 3: the review panel's three statutory deadlines (reg 19(4), 20).
    panel_meeting_due_on = models.DateField(null=True, blank=True)
    panel_met_on = models.DateField(null=True, blank=True)
    report_due_on = models.DateField(null=True, blank=True)
    report_received_on = models.DateField(null=True, blank=True)
    council_response_due_on = models.DateField(null=True, blank=True)
    departs_from_recommendations = models.BooleanField(default=False)
    departure_reasons = models.TextField(blank=True)

    # The answer.
    responded_on = models.DateField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    # Stored when the response is recorded so reports can bucket response times in SQL
    # (docs/reports.md): working days after the clock started (Stage 3: after the request) up to
    # and including the response date, less the working days the clock was paused.
    response_working_days = models.PositiveSmallIntegerField(null=True, blank=True)
    escalation_deadline_on = models.DateField(
        null=True, blank=True, help_text="Local target: last day to ask for the next stage."
    )
    closed_on = models.DateField(null=True, blank=True, help_text="Empty while the stage is open.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["complaint", "number"]
        constraints = [
            # The database allows one open stage per complaint.
            models.UniqueConstraint(
                fields=["complaint"], condition=Q(closed_on__isnull=True), name="one_open_stage_per_complaint"
            ),
            models.UniqueConstraint(fields=["complaint", "number"], name="stage_number_once_per_complaint"),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=3), name="stage_number_1_to_3"),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(clock_started_on__isnull=False),
                name="stage_due_needs_clock",
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(due_on__gt=F("clock_started_on")),
                name="stage_due_after_clock_start",
            ),
            models.CheckConstraint(
                condition=Q(responded_on__isnull=True) | Q(responded_on__gte=F("requested_on")),
                name="stage_responded_after_requested",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("requested_on")),
                name="stage_closed_after_requested",
            ),
            models.CheckConstraint(
                condition=Q(status=StageStatus.OPEN, closed_on__isnull=True)
                | (~Q(status=StageStatus.OPEN) & Q(closed_on__isnull=False)),
                name="stage_open_iff_not_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"Stage {self.number}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None


class StageExtension(models.Model):
    """An agreed extension of a stage's response time, and when the complainant was told."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="extensions")
    previous_due_on = models.DateField()
    new_due_on = models.DateField()
    reason = models.TextField()
    complainant_told_on = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_due_on__gt=F("previous_due_on")), name="extension_moves_due_date_later"
            ),
        ]

    def __str__(self) -> str:
        return f"Extension to {self.new_due_on:%d/%m/%Y}"


class StagePause(models.Model):
    """A time the clock stopped: reason, start and (once resumed) end and working days paused."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(max_length=30, choices=PauseReason.choices)
    note = models.TextField(blank=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["stage"], condition=Q(ended_on__isnull=True), name="one_running_pause_per_stage"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="pause_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"Pause from {self.started_on:%d/%m/%Y}"


class PointOutcome(models.Model):
    """The finding on one point of complaint at one stage."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="point_outcomes")
    point = models.ForeignKey(ComplaintPoint, on_delete=models.CASCADE, related_name="outcomes")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    finding = models.TextField(blank=True)

    class Meta:
        ordering = ["point__number"]
        constraints = [
            models.UniqueConstraint(fields=["stage", "point"], name="one_outcome_per_point_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.point}: {self.get_outcome_display()}"


class Remedy(models.Model):
    """Something the council did to put things right, agreed at a stage."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField(max_length=30, choices=RemedyKind.choices)
    description = models.TextField(blank=True)
    amount = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="For financial remedies, in pounds."
    )

    class Meta:
        verbose_name_plural = "remedies"
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="remedy_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class PanelMember(models.Model):
    """One of the three independent people on a Stage 3 review panel; one chairs."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="panel_members")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_chair = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stage", "member"], name="panel_member_once"),
            models.UniqueConstraint(fields=["stage"], condition=Q(is_chair=True), name="panel_one_chair"),
        ]

    def __str__(self) -> str:
        return f"{self.member}{' (chair)' if self.is_chair else ''}"
