"""Learning from complaints: what each response taught the service, the monthly learning meeting
that picks one key priority, and the action plans (seed 003's last table) with quarterly updates.

Every write goes through learning.services; the models hold fields, constraints and small labels.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from fairhearing.cases.models import Complaint, Theme
from fairhearing.core.dates import long_date
from fairhearing.stages.models import Stage

from .choices import CLOSED_ACTION_STATUSES, ActionStatus, RootCause


class LearningNote(models.Model):
    """The responding manager's "monitoring form" on a response: what was learned, and when it was
    shared with the practitioner in supervision and with the learning team (seed 004)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="learning_notes")
    stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.CASCADE, related_name="learning_notes",
        help_text="The response the learning came from. Empty for learning about the complaint as a whole.",
    )
    what_was_learned = models.TextField()
    root_cause = models.CharField(max_length=30, choices=RootCause.choices, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="learning_notes")
    practitioner_told_on = models.DateField(
        null=True, blank=True, help_text="When the learning was shared with the practitioner in supervision."
    )
    shared_with_learning_team_on = models.DateField(null=True, blank=True)
    recorded_on = models.DateField(help_text="The day the note was first recorded.")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-recorded_on", "-id"]
        constraints = [
            # One monitoring form per response; a complaint may also carry notes with no stage.
            models.UniqueConstraint(
                fields=["stage"], condition=Q(stage__isnull=False), name="one_learning_note_per_stage"
            ),
        ]

    def __str__(self) -> str:
        where = f"Stage {self.stage.number}" if self.stage_id else "complaint"
        return f"Learning from {self.complaint} ({where})"


class LearningMeeting(models.Model):
    """A monthly learning meeting: learning from complaints and other sources, one key priority
    for the month, and the Director's approval of that priority (seeds 000, 004)."""

    held_on = models.DateField()
    chair = models.CharField(max_length=200, help_text="Usually the Principal Social Worker.")
    attendees = models.TextField(help_text="Names or roles of those who attended.")
    inputs = models.TextField(
        help_text="What was looked at: complaints, IRO challenge, audits, reviews, participation groups."
    )
    key_priority = models.TextField(help_text="The one key priority for the month ahead.")
    approved_by = models.CharField(max_length=200, blank=True, help_text="Who approved the key priority.")
    approved_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    complaints = models.ManyToManyField(
        Complaint, blank=True, related_name="learning_meetings", help_text="Complaints discussed."
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True) | Q(approved_on__gte=F("held_on")),
                name="learning_meeting_approved_after_held",
            ),
            # Approval is a name and a date together, or neither.
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True, approved_by="")
                | (Q(approved_on__isnull=False) & ~Q(approved_by="")),
                name="learning_meeting_approval_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"Learning meeting, {long_date(self.held_on)}"

    @property
    def is_approved(self) -> bool:
        return self.approved_on is not None


class ActionPlan(models.Model):
    """A plan of numbered actions for a period, usually the year after an annual report."""

    title = models.CharField(max_length=200)
    period_label = models.CharField(max_length=50, help_text='For example "2021-22".')
    starts_on = models.DateField()
    ends_on = models.DateField()

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="action_plan_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period_label})"


class Action(models.Model):
    """One numbered row of an action plan: the task, its owner, when it starts and should be done,
    what it should change, and where it has got to; linked to what prompted it."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    number = models.PositiveSmallIntegerField()
    task = models.TextField()
    owner = models.CharField(max_length=300, help_text="Names or roles, e.g. \"All Heads of Service\".")
    # The plan's owner column is words ("All Heads of Service"); this is the one account reminded of
    # the target date, when the plan names someone who signs in (docs/reminders.md).
    owned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The member of staff reminded of the target completion date.",
    )
    # Plans give dates as words as often as dates ("From April 22", "On-going", "TBC"), so each
    # date has a text beside it; the date, when there is one, is what deadlines are checked on.
    start_by = models.DateField(null=True, blank=True)
    start_by_text = models.CharField(max_length=100, blank=True, help_text='For example "From April 22".')
    intended_outcome = models.TextField(blank=True, help_text="The outcome or impact the action should have.")
    target_on = models.DateField(null=True, blank=True, help_text="Target completion date.")
    target_text = models.CharField(max_length=100, blank=True, help_text='For example "On-going".')
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED, db_index=True
    )
    completed_on = models.DateField(null=True, blank=True)
    complaints = models.ManyToManyField(
        Complaint, blank=True, related_name="actions", help_text="Complaints that prompted the action."
    )
    ombudsman_cases = models.ManyToManyField(
        "ombudsman.OmbudsmanCase", blank=True, related_name="actions",
        help_text="Ombudsman decisions that prompted the action.",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "number"]
        indexes = [models.Index(fields=["status", "target_on"], name="action_status_target_idx")]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="action_number_once_per_plan"),
            models.CheckConstraint(condition=Q(number__gte=1), name="action_number_positive"),
            models.CheckConstraint(
                condition=Q(status=ActionStatus.COMPLETE, completed_on__isnull=False)
                | (~Q(status=ActionStatus.COMPLETE) & Q(completed_on__isnull=True)),
                name="action_completed_on_iff_complete",
            ),
            models.CheckConstraint(
                condition=Q(start_by__isnull=True) | Q(target_on__isnull=True) | Q(target_on__gte=F("start_by")),
                name="action_target_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Action {self.number}"

    @property
    def is_closed(self) -> bool:
        """Complete or dropped: nothing more to chase."""
        return self.status in CLOSED_ACTION_STATUSES

    @property
    def start_by_label(self) -> str:
        """The "By date" column: the words if the plan used words, else the date."""
        return self.start_by_text or (long_date(self.start_by) if self.start_by else "")

    @property
    def target_label(self) -> str:
        """The "Target completion date" column, words or date."""
        return self.target_text or (long_date(self.target_on) if self.target_on else "")


class ActionUpdate(models.Model):
    """A dated progress update on an action (the plan's "Quarterly update" column), and the
    status it left the action in."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    written_on = models.DateField()
    text = models.TextField()
    status_after = models.CharField(max_length=20, choices=ActionStatus.choices)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "written_on", "id"]
        indexes = [models.Index(fields=["action", "written_on"], name="action_update_written_idx")]

    def __str__(self) -> str:
        return f"Update of {long_date(self.written_on)}"
