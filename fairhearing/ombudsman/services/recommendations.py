"""Recommendations: adding them, the council's compliance, and the evidence it complied."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files import File
from django.db import transaction

from fairhearing.audit.services import audit_record
from fairhearing.cases.attachments import (
    TITLE_MAX_CHARS,
    AttachmentRefused,
    clean_file_name,
    file_check,
)
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed

from ..choices import Compliance, DecisionLabel, RecommendationKind
from ..models import OmbudsmanCase, Recommendation, RecommendationEvidence
from ._common import check_date


@transaction.atomic
def recommendation_add(
    *, case: OmbudsmanCase, kind: str, text: str, due_on: date, amount: Decimal | None = None, actor: Any,
) -> Recommendation:
    """Add the Ombudsman's next numbered recommendation and the date it is due by."""
    case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
    if case.decision and case.decision != DecisionLabel.UPHELD:
        raise TransitionNotAllowed(
            "The Ombudsman makes recommendations only when it finds fault or agrees a remedy. This case "
            f"was decided as {DecisionLabel(case.decision).label.lower()}."
        )
    if kind not in RecommendationKind.values:
        raise DomainError("Choose what kind of recommendation this is.", code="kind")
    text = (text or "").strip()
    if not text:
        raise DomainError("Enter the recommendation, in the Ombudsman's words.", code="text")
    if due_on is None:
        raise DomainError("Enter the date the recommendation is due by.", code="due_on")
    if due_on < case.received_on:
        raise DomainError(
            "The due date cannot be before the council was told of the enquiry "
            f"({long_date(case.received_on)}).", code="due_on",
        )
    if amount is not None and amount < 0:
        raise DomainError("The amount cannot be negative.", code="amount")
    if kind == RecommendationKind.PAYMENT and not amount:
        raise DomainError("Enter the amount of the payment, in pounds.", code="amount")
    last = case.recommendations.order_by("-number").values_list("number", flat=True).first() or 0
    recommendation = Recommendation.objects.create(
        case=case, number=last + 1, kind=kind, text=text, amount=amount, due_on=due_on, created_by=actor,
    )
    audit_record(
        actor=actor, verb="ombudsman.recommendation_added", subject=case,
        summary=f"Recommendation {recommendation.number} added: {RecommendationKind(kind).label.lower()}, "
                f"due {long_date(due_on)}",
        data={"recommendation": recommendation.number, "kind": kind, "due_on": due_on, "amount": amount},
    )
    return recommendation


def _locked(recommendation: Recommendation) -> Recommendation:
    return Recommendation.objects.select_for_update(of=("self",)).select_related("case").get(pk=recommendation.pk)


@transaction.atomic
def recommendation_complete(
    *, recommendation: Recommendation, completed_on: date, evidence_note: str, actor: Any,
    today: date | None = None,
) -> Recommendation:
    """Record that the council did what was recommended: complied on time if done on or before the
    due date, complied late after it. The Ombudsman judges compliance on that date."""
    today = today or clock.today()
    recommendation = _locked(recommendation)
    if recommendation.is_completed:
        raise TransitionNotAllowed(
            f"Recommendation {recommendation.number} was already completed on "
            f"{long_date(recommendation.completed_on)}."
        )
    check_date(completed_on, label="date the recommendation was completed", today=today,
               not_before=recommendation.case.received_on,
               not_before_label="the council was told of the enquiry", code="completed_on")
    evidence_note = (evidence_note or "").strip()
    if not evidence_note:
        raise DomainError("Say what the council did and what evidence it sent the Ombudsman.",
                          code="evidence_note")
    previous = recommendation.compliance
    on_time = completed_on <= recommendation.due_on
    recommendation.completed_on = completed_on
    recommendation.compliance = Compliance.COMPLIED if on_time else Compliance.COMPLIED_LATE
    recommendation.evidence_note = evidence_note
    recommendation.save(update_fields=["completed_on", "compliance", "evidence_note"])
    days_late = (completed_on - recommendation.due_on).days
    audit_record(
        actor=actor, verb="ombudsman.recommendation_completed", subject=recommendation.case,
        summary=f"Recommendation {recommendation.number} completed on {long_date(completed_on)}: "
                + ("on time" if on_time else f"late ({days_late} day{'s' if days_late != 1 else ''} "
                                             "after the due date)"),
        changes={"compliance": [previous, recommendation.compliance]},
        data={"recommendation": recommendation.number, "due_on": recommendation.due_on,
              "completed_on": completed_on},
    )
    return recommendation


@transaction.atomic
def recommendation_record_not_complied(
    *, recommendation: Recommendation, evidence_note: str, actor: Any, today: date | None = None
) -> Recommendation:
    """Record that the Ombudsman found the council did not comply with an overdue recommendation.

    It stays not completed, so it stays on the overdue list; if the council does it later,
    :func:`recommendation_complete` records that, as complied late.
    """
    today = today or clock.today()
    recommendation = _locked(recommendation)
    if recommendation.is_completed:
        raise TransitionNotAllowed(
            f"Recommendation {recommendation.number} was completed on {long_date(recommendation.completed_on)}."
        )
    if recommendation.compliance == Compliance.NOT_COMPLIED:
        raise TransitionNotAllowed(f"Recommendation {recommendation.number} is already recorded as not complied.")
    if recommendation.due_on >= today:
        raise DomainError(
            f"Recommendation {recommendation.number} is due by {long_date(recommendation.due_on)}: it "
            "cannot be recorded as not complied before then.", code="compliance",
        )
    evidence_note = (evidence_note or "").strip()
    if not evidence_note:
        raise DomainError("Say what the Ombudsman decided about compliance.", code="evidence_note")
    recommendation.compliance = Compliance.NOT_COMPLIED
    recommendation.evidence_note = evidence_note
    recommendation.save(update_fields=["compliance", "evidence_note"])
    audit_record(
        actor=actor, verb="ombudsman.recommendation_not_complied", subject=recommendation.case,
        summary=f"Recommendation {recommendation.number} not complied with",
        changes={"compliance": [Compliance.PENDING, Compliance.NOT_COMPLIED]},
        data={"recommendation": recommendation.number, "due_on": recommendation.due_on},
    )
    return recommendation


@transaction.atomic
def recommendation_evidence_upload(
    *, recommendation: Recommendation, uploaded_file: File, title: str, actor: Any
) -> RecommendationEvidence:
    """File evidence that a recommendation was carried out, checked as complaint documents are
    (by what the file is, never by its name), stored privately under a random name.

    As with complaint documents, if anything fails after the file is stored it is deleted again.
    """
    title = (title or "").strip()
    if not title:
        raise AttachmentRefused("Enter a title for the evidence", field="title")
    if len(title) > TITLE_MAX_CHARS:
        raise AttachmentRefused(f"The title must be {TITLE_MAX_CHARS} characters or fewer", field="title")
    file_type, content_type = file_check(uploaded_file)
    evidence = RecommendationEvidence(
        recommendation=recommendation, title=title, content_type=content_type, size=uploaded_file.size,
        original_name=clean_file_name(uploaded_file.name, file_type), uploaded_by=actor,
    )
    evidence.file.save(evidence.original_name, uploaded_file, save=False)
    try:
        evidence.save()
        # The title and file name may name a child: the summary gives the number only.
        audit_record(
            actor=actor, verb="ombudsman.evidence_uploaded", subject=recommendation.case,
            summary=f"Evidence uploaded for recommendation {recommendation.number}",
            data={"recommendation": recommendation.number, "evidence_id": evidence.pk,
                  "content_type": content_type, "size": evidence.size},
        )
    except BaseException:
        evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


@transaction.atomic
def recommendation_evidence_download_record(*, evidence: RecommendationEvidence, actor: Any) -> None:
    """Log that a user downloaded an evidence file. As with complaint documents, the event is about
    the file, so it stays off the case's timeline; ``data`` says which case and recommendation."""
    audit_record(
        actor=actor, verb="ombudsman.evidence_downloaded", subject=evidence, summary="Evidence downloaded",
        data={"case_id": evidence.recommendation.case_id, "recommendation": evidence.recommendation.number},
    )
