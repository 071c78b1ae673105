"""Recording Ombudsman cases: the enquiry, its details, the decision, the recommendations and the
council's compliance with them.

Every function takes the acting user, validates, saves and writes an audit event in one
transaction. The event's subject is always the Ombudsman case, so the case's timeline is its
events. Summaries name references, dates and labels, never a person or a child, and never the
case summary or a recommendation's text (either may name a child).
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files import File
from django.db import transaction

from fairhearing.accounts.models import Team
from fairhearing.audit.services import audit_record, diff_fields
from fairhearing.cases.attachments import (
    TITLE_MAX_CHARS,
    AttachmentRefused,
    clean_file_name,
    file_check,
)
from fairhearing.cases.models import Complaint
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.people.models import Child, Person

from .choices import (
    ClosingReason,
    Compliance,
    DecisionLabel,
    HistoricCategory,
    OmbudsmanPhase,
    RecommendationKind,
)
from .models import OmbudsmanCase, Recommendation, RecommendationEvidence
from .references import lgsco_reference_normalise
from .rules import historic_category_for

# Decisions reached on the merits, where the Ombudsman says whether there was fault.
INVESTIGATED = (DecisionLabel.UPHELD, DecisionLabel.NOT_UPHELD)


def _check_date(value: date | None, *, label: str, today: date, not_before: date | None = None,
                not_before_label: str = "", required: bool = True, code: str = "invalid") -> None:
    """A date the user entered: present (if required), not in the future, not before an event."""
    if value is None:
        if required:
            raise DomainError(f"Enter the {label}.", code=code)
        return
    if value > today:
        raise DomainError(f"The {label} cannot be in the future.", code=code)
    if not_before is not None and value < not_before:
        raise DomainError(
            f"The {label} cannot be before {not_before_label} ({long_date(not_before)}).", code=code
        )


def _reference_free(reference: str, *, case: OmbudsmanCase | None = None) -> None:
    others = OmbudsmanCase.objects.filter(lgsco_reference=reference)
    if case is not None:
        others = others.exclude(pk=case.pk)
    if others.exists():
        raise DomainError(
            f"There is already an Ombudsman case with reference {reference}.", code="lgsco_reference"
        )


def _check_details(
    *, received_on: date | None, phase: str, information_requested_on: date | None,
    information_due_on: date | None, information_sent_on: date | None, today: date,
) -> None:
    """Checks shared by creating a case and changing its details."""
    _check_date(received_on, label="date the council was told of the enquiry", today=today,
                code="received_on")
    if phase not in OmbudsmanPhase.values:
        raise DomainError("Choose how far the Ombudsman has got: enquiry, assessment or investigation.",
                          code="phase")
    if information_requested_on is None and (information_due_on or information_sent_on):
        raise DomainError("Enter the date the Ombudsman asked for information.",
                          code="information_requested_on")
    _check_date(information_requested_on, label="date the Ombudsman asked for information", today=today,
                not_before=received_on, not_before_label="the council was told of the enquiry",
                required=False, code="information_requested_on")
    # The Ombudsman's deadline is in the future as often as not; only its order is checked.
    if information_due_on is not None and information_due_on < information_requested_on:
        raise DomainError(
            "The date the information is due cannot be before the Ombudsman asked for it "
            f"({long_date(information_requested_on)}).", code="information_due_on",
        )
    _check_date(information_sent_on, label="date the council sent the information", today=today,
                not_before=information_requested_on, not_before_label="the Ombudsman asked for it",
                required=False, code="information_sent_on")


def _snapshot(case: OmbudsmanCase) -> dict[str, Any]:
    """The editable details as the audit event records them: the team by name (so the history reads
    after a team is renamed), the people by id only (no names in the audit log)."""
    return {
        "lgsco_reference": case.lgsco_reference,
        "received_on": case.received_on,
        "summary": case.summary,
        "team": case.team.name if case.team_id else None,
        "person_id": case.person_id,
        "child_id": case.child_id,
        "phase": case.phase,
        "information_requested_on": case.information_requested_on,
        "information_due_on": case.information_due_on,
        "information_sent_on": case.information_sent_on,
    }


# Labels for the event's summary line, in the order a page would show the fields.
FIELD_LABELS = {
    "lgsco_reference": "reference",
    "received_on": "date received",
    "summary": "summary",
    "team": "team",
    "person_id": "complainant",
    "child_id": "child",
    "phase": "phase",
    "information_requested_on": "date information asked for",
    "information_due_on": "date information due",
    "information_sent_on": "date information sent",
}


@transaction.atomic
def ombudsman_case_create(
    *,
    lgsco_reference: str,
    received_on: date,
    summary: str = "",
    complaints: Iterable[Complaint] = (),
    team: Team | None = None,
    person: Person | None = None,
    child: Child | None = None,
    phase: str = OmbudsmanPhase.ENQUIRY,
    information_requested_on: date | None = None,
    information_due_on: date | None = None,
    information_sent_on: date | None = None,
    actor: Any,
    today: date | None = None,
) -> OmbudsmanCase:
    """Log an Ombudsman enquiry about the council, with the complaints it concerns."""
    today = today or clock.today()
    reference = lgsco_reference_normalise(lgsco_reference)
    _check_details(received_on=received_on, phase=phase, information_requested_on=information_requested_on,
                   information_due_on=information_due_on, information_sent_on=information_sent_on,
                   today=today)
    if phase == OmbudsmanPhase.DECIDED:
        raise DomainError("Log the case first, then record the Ombudsman's decision.", code="phase")
    _reference_free(reference)
    complaints = list(complaints)
    case = OmbudsmanCase.objects.create(
        lgsco_reference=reference, received_on=received_on, summary=(summary or "").strip(), team=team,
        person=person, child=child, phase=phase, information_requested_on=information_requested_on,
        information_due_on=information_due_on, information_sent_on=information_sent_on, created_by=actor,
    )
    case.complaints.set(complaints)
    audit_record(
        actor=actor, verb="ombudsman.case_created", subject=case,
        summary=f"Ombudsman case {reference} logged: {OmbudsmanPhase(phase).label.lower()}",
        data={
            "received_on": received_on, "phase": phase, "team": team.name if team else None,
            "complaints": sorted(complaint.reference for complaint in complaints),
            "information_due_on": information_due_on,
        },
    )
    return case


@transaction.atomic
def ombudsman_case_update(
    *,
    case: OmbudsmanCase,
    lgsco_reference: str,
    received_on: date,
    summary: str,
    team: Team | None,
    person: Person | None,
    child: Child | None,
    phase: str,
    information_requested_on: date | None,
    information_due_on: date | None,
    information_sent_on: date | None,
    actor: Any,
    today: date | None = None,
) -> OmbudsmanCase:
    """Change a case's details and move it between enquiry, assessment and investigation; audit the
    fields that changed. Saving without a change writes nothing."""
    today = today or clock.today()
    # Lock the case's row only: PostgreSQL cannot lock the empty side of the join to a team.
    case = OmbudsmanCase.objects.select_for_update(of=("self",)).select_related("team").get(pk=case.pk)
    reference = lgsco_reference_normalise(lgsco_reference)
    _check_details(received_on=received_on, phase=phase, information_requested_on=information_requested_on,
                   information_due_on=information_due_on, information_sent_on=information_sent_on,
                   today=today)
    if case.is_decided and phase != OmbudsmanPhase.DECIDED:
        raise TransitionNotAllowed("The Ombudsman has decided this case, so its phase cannot change.")
    if not case.is_decided and phase == OmbudsmanPhase.DECIDED:
        raise DomainError("Record the Ombudsman's decision to mark the case decided.", code="phase")
    for decided_on, label in ((case.draft_decision_on, "draft decision"),
                              (case.final_decision_on, "final decision")):
        if decided_on is not None and received_on > decided_on:
            raise DomainError(
                f"The date the council was told of the enquiry cannot be after the {label} "
                f"({long_date(decided_on)}).", code="received_on",
            )
    _reference_free(reference, case=case)
    before = _snapshot(case)
    case.lgsco_reference = reference
    case.received_on = received_on
    case.summary = (summary or "").strip()
    case.team = team
    case.person = person
    case.child = child
    case.phase = phase
    case.information_requested_on = information_requested_on
    case.information_due_on = information_due_on
    case.information_sent_on = information_sent_on
    changes = diff_fields(before, _snapshot(case))
    if not changes:
        return case
    case.save()
    changed = [label for name, label in FIELD_LABELS.items() if name in changes]
    if "phase" in changes:
        changed[changed.index("phase")] = f"phase now {OmbudsmanPhase(phase).label.lower()}"
    audit_record(
        actor=actor, verb="ombudsman.case_changed", subject=case,
        summary="Details changed: " + ", ".join(changed), changes=changes,
    )
    return case


@transaction.atomic
def ombudsman_case_link_complaint(*, case: OmbudsmanCase, complaint: Complaint, actor: Any) -> OmbudsmanCase:
    """Link a complaint the Ombudsman case is about (the reports count cases per complaint)."""
    if case.complaints.filter(pk=complaint.pk).exists():
        raise DomainError(f"Complaint {complaint.reference} is already linked to this Ombudsman case.",
                          code="complaint")
    case.complaints.add(complaint)
    audit_record(
        actor=actor, verb="ombudsman.complaint_linked", subject=case,
        summary=f"Complaint {complaint.reference} linked",
        data={"complaint_id": complaint.pk, "reference": complaint.reference},
    )
    return case


@transaction.atomic
def ombudsman_case_record_draft_decision(
    *, case: OmbudsmanCase, draft_decision_on: date, actor: Any, today: date | None = None
) -> OmbudsmanCase:
    """Record the date of the Ombudsman's draft decision, on which the council may comment."""
    today = today or clock.today()
    case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
    if case.is_decided:
        raise TransitionNotAllowed("The Ombudsman has already made its final decision on this case.")
    _check_date(draft_decision_on, label="date of the draft decision", today=today,
                not_before=case.received_on, not_before_label="the council was told of the enquiry",
                code="draft_decision_on")
    before = case.draft_decision_on
    if before == draft_decision_on:
        return case
    case.draft_decision_on = draft_decision_on
    case.save(update_fields=["draft_decision_on", "updated_at"])
    audit_record(
        actor=actor, verb="ombudsman.draft_decision", subject=case,
        summary=f"Draft decision dated {long_date(draft_decision_on)}",
        changes={"draft_decision_on": [before, draft_decision_on]},
    )
    return case


def _check_decision(
    *, decision: str, closing_reason: str, fault: bool | None, injustice: bool | None,
    remedy_already_provided: bool, public_interest_report: bool,
) -> None:
    """The label, the reason for closing and the flags must describe one consistent decision."""
    if decision not in DecisionLabel.values:
        raise DomainError("Choose the Ombudsman's decision.", code="decision")
    if decision == DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES:
        if closing_reason not in ClosingReason.values:
            raise DomainError("Choose why the Ombudsman closed the case after initial enquiries.",
                              code="closing_reason")
    elif closing_reason:
        raise DomainError(
            "A reason for closing is recorded only when the Ombudsman closed the case after initial "
            "enquiries.", code="closing_reason",
        )
    if decision not in INVESTIGATED and (fault is not None or injustice is not None):
        raise DomainError(
            "The Ombudsman finds fault or injustice only in an upheld or not upheld decision. Leave "
            "fault and injustice blank.", code="fault",
        )
    if injustice and not fault:
        raise DomainError("Injustice is found only where there was fault. Record the fault as well.",
                          code="fault")
    if decision == DecisionLabel.NOT_UPHELD and fault:
        raise DomainError("A complaint that is not upheld has no fault found. Choose upheld if the "
                          "Ombudsman found fault.", code="fault")
    if decision == DecisionLabel.UPHELD:
        if not fault and not remedy_already_provided:
            raise DomainError(
                "An upheld decision means the Ombudsman found fault, or the council had already "
                "provided a suitable remedy. Record which.", code="fault",
            )
        if fault and injustice is None:
            raise DomainError("Say whether the fault caused injustice.", code="injustice")
    elif remedy_already_provided:
        raise DomainError(
            "A remedy the council had already provided is recorded only with an upheld decision: the "
            "Ombudsman counts those cases as upheld.", code="remedy_already_provided",
        )
    if public_interest_report and decision not in INVESTIGATED:
        raise DomainError("A public interest report follows an investigation: the decision must be "
                          "upheld or not upheld.", code="public_interest_report")


def _decision_summary(case: OmbudsmanCase) -> str:
    """'upheld: fault causing injustice', 'closed after initial enquiries: late', ..."""
    if case.decision == DecisionLabel.UPHELD:
        if case.remedy_already_provided:
            detail = "the council had already provided a satisfactory remedy"
        elif case.injustice:
            detail = "fault causing injustice"
        else:
            detail = "fault, no injustice"
        text = f"upheld: {detail}"
    elif case.decision == DecisionLabel.NOT_UPHELD:
        text = "not upheld: no fault"
    elif case.decision == DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES:
        text = f"closed after initial enquiries: {ClosingReason(case.closing_reason).label.lower()}"
    else:
        text = DecisionLabel(case.decision).label.lower()
    return text + (" (public interest report)" if case.public_interest_report else "")


def _check_final_date(case: OmbudsmanCase, final_decision_on: date, today: date) -> None:
    if case.is_decided:
        raise TransitionNotAllowed(
            f"The Ombudsman's final decision on this case was already recorded "
            f"({long_date(case.final_decision_on)})."
        )
    _check_date(final_decision_on, label="date of the final decision", today=today,
                not_before=case.received_on, not_before_label="the council was told of the enquiry",
                code="final_decision_on")
    if case.draft_decision_on is not None and final_decision_on < case.draft_decision_on:
        raise DomainError(
            f"The final decision cannot be before the draft decision ({long_date(case.draft_decision_on)}).",
            code="final_decision_on",
        )


@transaction.atomic
def ombudsman_case_record_decision(
    *,
    case: OmbudsmanCase,
    final_decision_on: date,
    decision: str,
    closing_reason: str,
    fault: bool | None,
    injustice: bool | None,
    remedy_already_provided: bool,
    public_interest_report: bool,
    actor: Any,
    today: date | None = None,
) -> OmbudsmanCase:
    """Record the Ombudsman's final decision in its current labels; the case is then decided."""
    today = today or clock.today()
    case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
    closing_reason = closing_reason or ""
    _check_final_date(case, final_decision_on, today)
    _check_decision(decision=decision, closing_reason=closing_reason, fault=fault, injustice=injustice,
                    remedy_already_provided=remedy_already_provided,
                    public_interest_report=public_interest_report)
    previous_phase = case.phase
    case.final_decision_on = final_decision_on
    case.decision = decision
    case.closing_reason = closing_reason
    case.fault = fault
    case.injustice = injustice
    case.remedy_already_provided = remedy_already_provided
    case.public_interest_report = public_interest_report
    case.phase = OmbudsmanPhase.DECIDED
    case.save()
    audit_record(
        actor=actor, verb="ombudsman.decided", subject=case,
        summary=f"Final decision on {long_date(final_decision_on)}: {_decision_summary(case)}",
        changes={"phase": [previous_phase, case.phase]},
        data={
            "decision": decision, "closing_reason": closing_reason, "fault": fault,
            "injustice": injustice, "remedy_already_provided": remedy_already_provided,
            "public_interest_report": public_interest_report,
            "historic_category": historic_category_for(case),
        },
    )
    return case


@transaction.atomic
def ombudsman_case_record_historic_decision(
    *, case: OmbudsmanCase, final_decision_on: date, historic_category: str, actor: Any,
    today: date | None = None,
) -> OmbudsmanCase:
    """Record a decision from an older year in the categories used then (for cases entered from
    old records, so earlier years can be reported beside current ones)."""
    today = today or clock.today()
    case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
    _check_final_date(case, final_decision_on, today)
    if historic_category not in HistoricCategory.values:
        raise DomainError("Choose the category the decision was recorded in.", code="historic_category")
    previous_phase = case.phase
    case.final_decision_on = final_decision_on
    case.historic_category = historic_category
    case.phase = OmbudsmanPhase.DECIDED
    case.save()
    label = HistoricCategory(historic_category).label
    audit_record(
        actor=actor, verb="ombudsman.decided", subject=case,
        summary=f"Final decision on {long_date(final_decision_on)} (historic category): {label}",
        changes={"phase": [previous_phase, case.phase]},
        data={"historic_category": historic_category},
    )
    return case


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
    _check_date(completed_on, label="date the recommendation was completed", today=today,
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
