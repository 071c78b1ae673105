"""Enquiries from MPs, MEPs and councillors (Members) on behalf of constituents."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from fairhearing.accounts.models import Team
from fairhearing.people.models import Child, Person

from ..kind_choices import MemberKind
from .complaint import Complaint


class EnquiryQuerySet(models.QuerySet):
    def open(self) -> "EnquiryQuerySet":
        """Not yet answered."""
        return self.filter(responded_on__isnull=True)

    def answered_on_time(self) -> "EnquiryQuerySet":
        """Answered on or before the stored due date."""
        return self.filter(responded_on__isnull=False, responded_on__lte=F("response_due_on"))

    def answered_late(self) -> "EnquiryQuerySet":
        return self.filter(responded_on__gt=F("response_due_on"))


class Enquiry(models.Model):
    """A Member's enquiry, answered within the council's local target (seeds 001 and 003)."""

    reference = models.CharField(max_length=30, unique=True, editable=False)
    received_on = models.DateField(db_index=True)
    member_kind = models.CharField(max_length=20, choices=MemberKind.choices)
    member_name = models.CharField(max_length=200)
    on_behalf_of = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="enquiries",
        help_text="The constituent.",
    )
    child = models.ForeignKey(
        Child, null=True, blank=True, on_delete=models.PROTECT, related_name="enquiries"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="enquiries")
    summary = models.TextField()
    # The target in force when the enquiry was logged, and the due date worked out from it: a
    # later change to the target does not move this enquiry's deadline.
    response_days = models.PositiveSmallIntegerField()
    response_due_on = models.DateField(db_index=True)
    responded_on = models.DateField(null=True, blank=True)
    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.SET_NULL, related_name="enquiries",
        help_text="The complaint it became, if it did.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name_plural = "enquiries"
        constraints = [
            models.CheckConstraint(
                condition=Q(responded_on__isnull=True) | Q(responded_on__gte=F("received_on")),
                name="enquiry_responded_after_received",
            ),
            models.CheckConstraint(
                condition=Q(response_due_on__gt=F("received_on")), name="enquiry_due_after_received"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.responded_on is None

    @property
    def answered_on_time(self) -> bool | None:
        """True if answered on or before the due date, False if later, None while unanswered."""
        if self.responded_on is None:
            return None
        return self.responded_on <= self.response_due_on

    def is_overdue(self, today: date) -> bool:
        return self.responded_on is None and today > self.response_due_on
