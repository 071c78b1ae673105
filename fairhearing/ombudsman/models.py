"""Ombudsman (LGSCO) cases, the recommendations the Ombudsman makes, and the evidence that the
council complied.

A case is what the Local Government and Social Care Ombudsman opened about the council: one
enquiry, often about one complaint that went through the council's procedure first, sometimes about
several. Its dates are the Ombudsman's own (calendar days, as it sets them), stored as given. Every
change goes through fairhearing.ombudsman.services.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from fairhearing.accounts.models import Team
from fairhearing.cases.models import Complaint, documents_storage
from fairhearing.people.models import Child, Person

from .choices import (
    ClosingReason,
    Compliance,
    DecisionLabel,
    HistoricCategory,
    OmbudsmanPhase,
    RecommendationKind,
)
from .references import REFERENCE_HELP, reference_validator


def _on_or_after(later: str, earlier: str) -> Q:
    """``later`` is empty, or ``earlier`` is empty, or ``later`` is not before ``earlier``."""
    return Q(**{f"{later}__isnull": True}) | Q(**{f"{earlier}__isnull": True}) | Q(
        **{f"{later}__gte": F(earlier)}
    )


class OmbudsmanCase(models.Model):
    """One case the Ombudsman opened about the council, from its first enquiry to its decision."""

    lgsco_reference = models.CharField(
        "LGSCO reference", max_length=10, unique=True, validators=[reference_validator],
        help_text=REFERENCE_HELP,
    )
    received_on = models.DateField(
        db_index=True, help_text="When the council was told of the Ombudsman's enquiry."
    )
    complaints = models.ManyToManyField(Complaint, blank=True, related_name="ombudsman_cases")
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="ombudsman_cases"
    )
    summary = models.TextField(blank=True, help_text="What the Ombudsman is looking at.")
    phase = models.CharField(
        max_length=20, choices=OmbudsmanPhase.choices, default=OmbudsmanPhase.ENQUIRY
    )

    # The Ombudsman's request for the council's comments, and its deadline (calendar days, as
    # the Ombudsman sets it: the date given is stored, nothing is counted here).
    information_requested_on = models.DateField(null=True, blank=True)
    information_due_on = models.DateField(null=True, blank=True)
    information_sent_on = models.DateField(null=True, blank=True)

    draft_decision_on = models.DateField(null=True, blank=True)
    final_decision_on = models.DateField(null=True, blank=True, db_index=True)
    decision = models.CharField(max_length=40, choices=DecisionLabel.choices, blank=True)
    closing_reason = models.CharField(max_length=30, choices=ClosingReason.choices, blank=True)
    fault = models.BooleanField(null=True, blank=True)
    injustice = models.BooleanField(null=True, blank=True)
    remedy_already_provided = models.BooleanField(
        default=False,
        help_text="The council had already provided a remedy the Ombudsman found satisfactory.",
    )
    public_interest_report = models.BooleanField(default=False)
    historic_category = models.CharField(
        max_length=40, choices=HistoricCategory.choices, blank=True,
        help_text="For older years recorded in the categories used before the current labels.",
    )

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="ombudsman_cases",
        help_text="Who complained to the Ombudsman.",
    )
    child = models.ForeignKey(
        Child, null=True, blank=True, on_delete=models.PROTECT, related_name="ombudsman_cases"
    )

    # Who answers the Ombudsman and sees the recommendations through: told when named, and reminded
    # of the information deadline and the recommendations' due dates (docs/reminders.md).
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The officer handling the Ombudsman's enquiry and the council's compliance.",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = "Ombudsman case"
        constraints = [
            models.CheckConstraint(
                condition=_on_or_after("draft_decision_on", "received_on"),
                name="ombudsman_draft_not_before_received",
            ),
            models.CheckConstraint(
                condition=_on_or_after("final_decision_on", "received_on"),
                name="ombudsman_final_not_before_received",
            ),
            models.CheckConstraint(
                condition=_on_or_after("final_decision_on", "draft_decision_on"),
                name="ombudsman_final_not_before_draft",
            ),
            models.CheckConstraint(
                condition=_on_or_after("information_requested_on", "received_on"),
                name="ombudsman_info_request_not_before_received",
            ),
            models.CheckConstraint(
                condition=_on_or_after("information_due_on", "information_requested_on"),
                name="ombudsman_info_due_not_before_request",
            ),
            models.CheckConstraint(
                condition=_on_or_after("information_sent_on", "information_requested_on"),
                name="ombudsman_info_sent_not_before_request",
            ),
            # Decided exactly when there is a final decision date, and then with an outcome in
            # the current labels or the historic categories.
            models.CheckConstraint(
                condition=Q(phase=OmbudsmanPhase.DECIDED, final_decision_on__isnull=False)
                | (~Q(phase=OmbudsmanPhase.DECIDED) & Q(final_decision_on__isnull=True)),
                name="ombudsman_decided_iff_final_date",
            ),
            models.CheckConstraint(
                condition=~Q(phase=OmbudsmanPhase.DECIDED) | ~Q(decision="") | ~Q(historic_category=""),
                name="ombudsman_decided_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(decision="", historic_category="") | Q(phase=OmbudsmanPhase.DECIDED),
                name="ombudsman_outcome_only_when_decided",
            ),
            models.CheckConstraint(
                condition=Q(closing_reason="") | Q(decision=DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES),
                name="ombudsman_closing_reason_only_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.lgsco_reference

    @property
    def is_decided(self) -> bool:
        return self.phase == OmbudsmanPhase.DECIDED


class Recommendation(models.Model):
    """Something the Ombudsman recommended the council do, by a date, and whether it did."""

    case = models.ForeignKey(OmbudsmanCase, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=RecommendationKind.choices)
    text = models.TextField(help_text="The recommendation, in the Ombudsman's words.")
    amount = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="For a payment, in pounds."
    )
    due_on = models.DateField(db_index=True)
    completed_on = models.DateField(null=True, blank=True)
    compliance = models.CharField(
        max_length=20, choices=Compliance.choices, default=Compliance.PENDING
    )
    evidence_note = models.TextField(
        blank=True, help_text="What the council did and the evidence it sent the Ombudsman."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="recommendation_number_once_per_case"),
            models.CheckConstraint(condition=Q(number__gte=1), name="recommendation_number_from_1"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="recommendation_amount_not_negative"
            ),
            # isnull spelt out: "amount > 0" is unknown for NULL, and a CHECK lets unknown pass.
            models.CheckConstraint(
                condition=~Q(kind=RecommendationKind.PAYMENT) | Q(amount__isnull=False, amount__gt=0),
                name="recommendation_payment_has_amount",
            ),
            # Complied (on time or late) exactly when there is a completion date.
            models.CheckConstraint(
                condition=Q(
                    compliance__in=[Compliance.COMPLIED, Compliance.COMPLIED_LATE], completed_on__isnull=False
                )
                | Q(compliance__in=[Compliance.PENDING, Compliance.NOT_COMPLIED], completed_on__isnull=True),
                name="recommendation_complied_iff_completed",
            ),
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"

    @property
    def is_completed(self) -> bool:
        return self.completed_on is not None


def recommendation_evidence_upload_path(instance: "RecommendationEvidence", filename: str) -> str:
    # A random name keeps children's names (often in file names) out of the file system and logs.
    return f"ombudsman/recommendations/{instance.recommendation_id}/{uuid.uuid4().hex}"


class RecommendationEvidence(models.Model):
    """A file showing the council did what was recommended: an apology letter, a payment record,
    a revised procedure. Stored privately, like a complaint's documents."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(max_length=200)
    file = models.FileField(
        storage=documents_storage, upload_to=recommendation_evidence_upload_path, max_length=300
    )
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = "recommendation evidence"
        verbose_name_plural = "recommendation evidence"

    def __str__(self) -> str:
        return self.title
