"""The complaint record: what was received, from whom, about whom, under which procedure."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from fairhearing.accounts.models import Team
from fairhearing.people.choices import Relationship
from fairhearing.people.models import Child, Person

from ..choices import (
    Channel,
    ChildConsent,
    ClosureReason,
    ComplaintStatus,
    Decision,
    EligibilityBasis,
    ProcedureKind,
    WithdrawalMethod,
)


class Procedure(models.Model):
    """A complaints procedure a council runs, with its local acknowledgement target.

    Stage timescales live in stages.StageRule. Statutory periods are fixed by law; local targets
    (acknowledgement, escalation window) are the council's own and editable by an administrator.
    """

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=ProcedureKind.choices)
    acknowledgement_days = models.PositiveSmallIntegerField(
        default=3, help_text="Local target: working days to acknowledge a complaint."
    )
    source = models.CharField(max_length=300, blank=True, help_text="The law or code it follows.")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_stages(self) -> bool:
        return self.kind != ProcedureKind.ELSEWHERE


class Theme(models.Model):
    """What a complaint is about (e.g. lack of communication). One complaint may have several."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReferenceCounter(models.Model):
    """The last reference number issued in a year; locked row by row to stay unique under load."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class Complaint(models.Model):
    """One complaint (a representation under a complaints procedure) and its decisions."""

    reference = models.CharField(max_length=30, unique=True, editable=False)
    received_on = models.DateField()
    channel = models.CharField(max_length=20, choices=Channel.choices)
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="complaints")
    routing_reason = models.TextField(
        help_text="Why this procedure: choosing the wrong one is the Ombudsman's most common finding."
    )
    summary = models.TextField(help_text="What the complaint is about, in a few sentences.")
    status = models.CharField(
        max_length=20, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED, db_index=True
    )
    teams = models.ManyToManyField(Team, blank=True, related_name="complaints")
    themes = models.ManyToManyField(Theme, blank=True, related_name="complaints")
    # Access: a complaint that names staff is hidden from them (and anyone else excluded); a
    # sensitive case can be restricted so only the named users see it.
    restricted_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="restricted_complaints",
        help_text="If anyone is named, only they may see this complaint.",
    )
    excluded_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="excluded_complaints",
        help_text="People who must never see this complaint, e.g. staff it is about.",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The complaints officer who holds the case.",
    )

    # Acknowledgement (local target, set by services).
    acknowledgement_due_on = models.DateField(null=True, blank=True)
    acknowledged_on = models.DateField(null=True, blank=True)

    # Time limit: one calendar year from the grounds (reg 9), late complaints may be accepted.
    grounds_arose_on = models.DateField(null=True, blank=True)
    late_decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    late_decision_reason = models.TextField(blank=True)
    late_decided_on = models.DateField(null=True, blank=True)

    # Eligibility (s26(3)) and sufficient interest (reg 12).
    eligibility_basis = models.CharField(
        max_length=30, choices=EligibilityBasis.choices, default=EligibilityBasis.NOT_APPLICABLE
    )
    sufficient_interest_decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    sufficient_interest_reason = models.TextField(blank=True)
    sufficient_interest_decided_on = models.DateField(null=True, blank=True)
    child_views_considered = models.BooleanField(default=False)

    # The child's consent when someone complains on their behalf.
    child_consent = models.CharField(
        max_length=20, choices=ChildConsent.choices, default=ChildConsent.NOT_NEEDED
    )
    child_consent_on = models.DateField(null=True, blank=True)

    # Advocacy (s26A): every child complainant is offered an advocate.
    advocacy_offered_on = models.DateField(null=True, blank=True)
    advocacy_accepted = models.BooleanField(null=True, blank=True)
    advocacy_provider = models.CharField(max_length=200, blank=True)

    # Ending.
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=30, choices=ClosureReason.choices, blank=True)
    withdrawal_method = models.CharField(max_length=10, choices=WithdrawalMethod.choices, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["status", "received_on"], name="complaint_status_recv_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(acknowledged_on__isnull=True) | Q(acknowledged_on__gte=models.F("received_on")),
                name="complaint_acknowledged_after_received",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("received_on")),
                name="complaint_closed_after_received",
            ),
            models.CheckConstraint(
                condition=Q(grounds_arose_on__isnull=True) | Q(grounds_arose_on__lte=models.F("received_on")),
                name="complaint_grounds_before_received",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def time_limit_ends_on(self) -> date | None:
        """One calendar year after the grounds arose (29 February rolls to 28 February)."""
        if self.grounds_arose_on is None:
            return None
        grounds = self.grounds_arose_on
        try:
            return grounds.replace(year=grounds.year + 1)
        except ValueError:
            return grounds.replace(year=grounds.year + 1, day=28)

    @property
    def is_late(self) -> bool:
        """Made more than one year after the grounds arose (reg 9)."""
        ends = self.time_limit_ends_on
        return ends is not None and self.received_on > ends

    @property
    def is_open(self) -> bool:
        return self.status not in {ComplaintStatus.CLOSED, ComplaintStatus.WITHDRAWN}


class ComplaintComplainant(models.Model):
    """A person who made the complaint, and how they relate to the child."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="complainants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="complaints")
    relationship = models.CharField(max_length=30, choices=Relationship.choices)
    is_primary = models.BooleanField(default=True, help_text="The person letters go to.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["complaint", "person"], name="complainant_once_per_complaint"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relationship_display()})"


class ComplaintChild(models.Model):
    """A child the complaint is about."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="children")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="complaints")
    age_when_received = models.PositiveSmallIntegerField(
        null=True, blank=True,
        help_text="The child's age in whole years on the day the complaint was received. Recorded only "
                  "when the date of birth is unknown (an imported register that gives an age); with a "
                  "date of birth the age is worked out from it.",
    )

    class Meta:
        verbose_name_plural = "complaint children"
        constraints = [
            models.UniqueConstraint(fields=["complaint", "child"], name="child_once_per_complaint"),
        ]

    def __str__(self) -> str:
        return str(self.child)


class ComplaintPoint(models.Model):
    """One numbered point of complaint; outcomes are decided point by point at each stage."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="points")
    number = models.PositiveSmallIntegerField()
    description = models.TextField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "number"], name="point_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="point_number_positive"),
        ]

    def __str__(self) -> str:
        return f"Point {self.number}"
