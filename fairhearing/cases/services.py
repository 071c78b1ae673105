"""Creating complaints and recording the decisions made about them before the stages begin.

Every function takes the acting user, validates, saves and writes an audit event in one
transaction. Errors a user can correct are raised as DomainError with a plain-English message.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fairhearing.accounts.models import Team
from fairhearing.audit.services import audit_record
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError
from fairhearing.people.models import Child, Person
from fairhearing.workingdays.calendar import WorkingDayCalendar
from fairhearing.workingdays.selectors import calendar_get

from .allocation_listeners import notify_allocated
from .choices import (
    Channel,
    ChildConsent,
    ComplaintStatus,
    Decision,
    EligibilityBasis,
    ProcedureKind,
)
from .models import (
    Complaint,
    ComplaintChild,
    ComplaintComplainant,
    ComplaintPoint,
    Procedure,
    Theme,
)
from .references import reference_next


def _not_in_future(value: date | None, *, label: str, today: date) -> None:
    if value is not None and value > today:
        raise DomainError(f"The {label} cannot be in the future.")


# Checked by the database and by complaint_create itself, so full_clean need not query for them:
# the procedure and the accounts are instances the caller holds (foreign keys guard them), and of
# the check constraints only "the problem happened on or before receipt" can fail for a new
# complaint, which complaint_create tests first with a clearer message. What full_clean still
# checks (choices, blanks, lengths) needs no query, so logging a complaint costs none for it.
_CLEANED_BY_THE_SERVICE = ["reference", "procedure", "assigned_to", "created_by"]


def _full_clean(instance: Any) -> None:
    try:
        instance.full_clean(exclude=_CLEANED_BY_THE_SERVICE, validate_constraints=False)
    except ValidationError as error:
        messages = "; ".join(
            f"{field}: {' '.join(errors)}" if field != "__all__" else " ".join(errors)
            for field, errors in error.message_dict.items()
        )
        raise DomainError(messages) from error


def complaint_build(
    *,
    received_on: date,
    channel: str,
    procedure: Procedure,
    routing_reason: str,
    summary: str,
    points: Sequence[str],
    complainants: Sequence[tuple[Person, str]],
    grounds_arose_on: date | None = None,
    eligibility_basis: str = EligibilityBasis.NOT_APPLICABLE,
    child_consent: str = ChildConsent.NOT_NEEDED,
    assigned_to: Any = None,
    reference: str = "",
    reference_checked: bool = False,
    actor: Any,
    today: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> tuple[Complaint, list[str]]:
    """complaint_create's checks, and the complaint it would save, unsaved, with its points' texts.

    The complaint carries ``reference`` (tidied) if one was given, else none yet. Used by
    complaint_create, and by the register import's batch writer (intake/importing/bulk.py) so an
    imported complaint is checked and made exactly as one logged by hand.
    """
    today = today or clock.today()
    reference = " ".join(reference.split())
    if len(reference) > Complaint._meta.get_field("reference").max_length:
        raise DomainError(f"The reference {reference} is longer than 30 characters.")
    if reference and not reference_checked and Complaint.objects.filter(reference__iexact=reference).exists():
        raise DomainError(f"The reference {reference} is already used by another complaint.")
    _not_in_future(received_on, label="date received", today=today)
    _not_in_future(grounds_arose_on, label="date the problem happened", today=today)
    if channel not in Channel.values:
        raise DomainError("Choose how the complaint was received.")
    if not procedure.is_active:
        raise DomainError(f"The {procedure.name} is no longer in use. Choose another procedure.")
    if not routing_reason.strip():
        raise DomainError("Say why the complaint goes to this procedure.")
    cleaned_points = [text.strip() for text in points if text and text.strip()]
    if not cleaned_points and procedure.has_stages:
        raise DomainError("Add at least one point of complaint.")
    if not complainants:
        raise DomainError("Add the person making the complaint.")
    if grounds_arose_on and grounds_arose_on > received_on:
        raise DomainError("The problem cannot have happened after the complaint was received.")

    calendar = calendar or calendar_get()
    complaint = Complaint(
        reference="",
        received_on=received_on,
        channel=channel,
        procedure=procedure,
        routing_reason=routing_reason.strip(),
        summary=summary.strip(),
        grounds_arose_on=grounds_arose_on,
        eligibility_basis=eligibility_basis,
        child_consent=child_consent,
        assigned_to=assigned_to,
        acknowledgement_due_on=calendar.add_working_days(received_on, procedure.acknowledgement_days),
        created_by=actor,
    )
    _full_clean(complaint)
    complaint.reference = reference
    return complaint, cleaned_points


@transaction.atomic
def complaint_create(
    *,
    received_on: date,
    channel: str,
    procedure: Procedure,
    routing_reason: str,
    summary: str,
    points: Sequence[str],
    complainants: Sequence[tuple[Person, str]],
    children: Sequence[Child] = (),
    teams: Sequence[Team] = (),
    themes: Sequence[Theme] = (),
    grounds_arose_on: date | None = None,
    eligibility_basis: str = EligibilityBasis.NOT_APPLICABLE,
    child_consent: str = ChildConsent.NOT_NEEDED,
    assigned_to: Any = None,
    reference: str = "",
    reference_checked: bool = False,
    actor: Any,
    today: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Complaint:
    """Log a complaint: give it a reference and set the acknowledgement due date.

    ``reference`` keeps a reference the council already gave the complaint (an imported register's);
    it must not be in use, in any case. Left blank, the next reference of the year is given.

    ``reference_checked`` tells it the caller has already made sure, in this transaction, that
    ``reference`` is not in use in any case: an import checks all its references in one query,
    where this check, which no index serves, would read every complaint once per row. The unique
    index still refuses an exact repeat. ``calendar`` (default: the stored one) lets a caller
    logging many complaints build it once.
    """
    complaint, cleaned_points = complaint_build(
        received_on=received_on, channel=channel, procedure=procedure, routing_reason=routing_reason,
        summary=summary, points=points, complainants=complainants, grounds_arose_on=grounds_arose_on,
        eligibility_basis=eligibility_basis, child_consent=child_consent, assigned_to=assigned_to,
        reference=reference, reference_checked=reference_checked, actor=actor, today=today, calendar=calendar,
    )
    reference = complaint.reference
    complaint.reference = reference or reference_next(year=received_on.year)
    complaint.save()
    for index, (person, relationship) in enumerate(complainants):
        ComplaintComplainant.objects.create(
            complaint=complaint, person=person, relationship=relationship, is_primary=index == 0
        )
    for child in children:
        ComplaintChild.objects.create(complaint=complaint, child=child)
    ComplaintPoint.objects.bulk_create(
        ComplaintPoint(complaint=complaint, number=number, description=text)
        for number, text in enumerate(cleaned_points, start=1)
    )
    # add, not set: a new complaint has none yet, so there is nothing to read first.
    if teams:
        complaint.teams.add(*teams)
    if themes:
        complaint.themes.add(*themes)
    audit_record(
        actor=actor,
        verb="complaint.created",
        subject=complaint,
        summary=f"Complaint logged under the {procedure.name}",
        data={
            "received_on": received_on,
            "channel": channel,
            "procedure": procedure.code,
            "points": len(cleaned_points),
            "acknowledgement_due_on": complaint.acknowledgement_due_on,
            "reference_given": bool(reference),
        },
    )
    notify_allocated(record=complaint, user=assigned_to, role_label="Officer holding the complaint", actor=actor)
    return complaint


@transaction.atomic
def complaint_point_add(*, complaint: Complaint, description: str, actor: Any) -> ComplaintPoint:
    """Add a numbered point of complaint (e.g. one raised later or in the Stage 2 statement)."""
    if not complaint.is_open:
        raise DomainError("Points cannot be added to a closed or withdrawn complaint.")
    if not description.strip():
        raise DomainError("Describe the point of complaint.")
    last = complaint.points.order_by("-number").values_list("number", flat=True).first() or 0
    point = ComplaintPoint.objects.create(
        complaint=complaint, number=last + 1, description=description.strip()
    )
    audit_record(
        actor=actor, verb="complaint.point_added", subject=complaint,
        summary=f"Point {point.number} added", data={"number": point.number},
    )
    return point


@transaction.atomic
def complaint_acknowledge(
    *, complaint: Complaint, acknowledged_on: date, actor: Any, today: date | None = None
) -> Complaint:
    """Record that the complainant was told the complaint was received."""
    today = today or clock.today()
    if complaint.acknowledged_on is not None:
        raise DomainError(f"This complaint was already acknowledged on {long_date(complaint.acknowledged_on)}.")
    if not complaint.is_open:
        raise DomainError("A closed or withdrawn complaint cannot be acknowledged.")
    _not_in_future(acknowledged_on, label="acknowledgement date", today=today)
    if acknowledged_on < complaint.received_on:
        raise DomainError("The acknowledgement cannot be before the complaint was received.")
    complaint.acknowledged_on = acknowledged_on
    complaint.save(update_fields=["acknowledged_on", "updated_at"])
    on_time = acknowledged_on <= complaint.acknowledgement_due_on
    audit_record(
        actor=actor, verb="complaint.acknowledged", subject=complaint,
        summary=f"Acknowledged on {long_date(acknowledged_on)}" + ("" if on_time else " (late)"),
        changes={"acknowledged_on": [None, acknowledged_on]},
        data={"on_time": on_time},
    )
    return complaint


@transaction.atomic
def complaint_decide_late_acceptance(
    *, complaint: Complaint, decision: str, reason: str, decided_on: date, actor: Any,
    today: date | None = None,
) -> Complaint:
    """Record whether a complaint made more than a year after the grounds is accepted (reg 9)."""
    today = today or clock.today()
    if not complaint.is_late:
        raise DomainError("This complaint was made within the one-year time limit: no decision is needed.")
    if decision not in Decision.values:
        raise DomainError("Choose whether to accept the late complaint.")
    if not reason.strip():
        raise DomainError("Give the reason for the decision: the complainant must be told why.")
    _not_in_future(decided_on, label="decision date", today=today)
    before = complaint.late_decision
    complaint.late_decision = decision
    complaint.late_decision_reason = reason.strip()
    complaint.late_decided_on = decided_on
    complaint.save(update_fields=["late_decision", "late_decision_reason", "late_decided_on", "updated_at"])
    audit_record(
        actor=actor, verb="complaint.late_decision", subject=complaint,
        summary=f"Late complaint {Decision(decision).label.lower()}",
        changes={"late_decision": [before or None, decision]}, data={"reason": reason.strip()},
    )
    return complaint


@transaction.atomic
def complaint_decide_sufficient_interest(
    *, complaint: Complaint, decision: str, reason: str, decided_on: date,
    child_views_considered: bool, actor: Any, today: date | None = None,
) -> Complaint:
    """Record whether someone outside the listed groups has sufficient interest (reg 12)."""
    today = today or clock.today()
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.eligibility_basis != EligibilityBasis.SUFFICIENT_INTEREST:
        raise DomainError("A sufficient-interest decision is only needed when that is the basis for complaining.")
    if decision not in Decision.values:
        raise DomainError("Choose whether the person has sufficient interest.")
    if not reason.strip():
        raise DomainError("Give the reason for the decision.")
    _not_in_future(decided_on, label="decision date", today=today)
    before = complaint.sufficient_interest_decision
    complaint.sufficient_interest_decision = decision
    complaint.sufficient_interest_reason = reason.strip()
    complaint.sufficient_interest_decided_on = decided_on
    complaint.child_views_considered = child_views_considered
    complaint.save(update_fields=[
        "sufficient_interest_decision", "sufficient_interest_reason", "sufficient_interest_decided_on",
        "child_views_considered", "updated_at",
    ])
    audit_record(
        actor=actor, verb="complaint.sufficient_interest_decision", subject=complaint,
        summary=f"Sufficient interest {Decision(decision).label.lower()}",
        changes={"sufficient_interest_decision": [before or None, decision]},
        data={"child_views_considered": child_views_considered},
    )
    return complaint


@transaction.atomic
def complaint_record_child_consent(
    *, complaint: Complaint, consent: str, recorded_on: date, actor: Any, today: date | None = None
) -> Complaint:
    """Record whether the child agrees to a complaint made on their behalf."""
    today = today or clock.today()
    if consent not in ChildConsent.values:
        raise DomainError("Choose the child's answer.")
    _not_in_future(recorded_on, label="consent date", today=today)
    before = complaint.child_consent
    complaint.child_consent = consent
    complaint.child_consent_on = recorded_on
    complaint.save(update_fields=["child_consent", "child_consent_on", "updated_at"])
    audit_record(
        actor=actor, verb="complaint.child_consent", subject=complaint,
        summary=f"Child's consent: {ChildConsent(consent).label}",
        changes={"child_consent": [before, consent]},
    )
    return complaint


@transaction.atomic
def complaint_record_advocacy(
    *, complaint: Complaint, offered_on: date, accepted: bool | None, provider: str, actor: Any,
    today: date | None = None,
) -> Complaint:
    """Record the offer of an advocate (s26A), whether it was taken up, and by which provider."""
    today = today or clock.today()
    _not_in_future(offered_on, label="date advocacy was offered", today=today)
    if offered_on < complaint.received_on:
        raise DomainError("Advocacy cannot be offered before the complaint was received.")
    if accepted and not provider.strip():
        raise DomainError("Name the advocacy provider, for example NYAS.")
    complaint.advocacy_offered_on = offered_on
    complaint.advocacy_accepted = accepted
    complaint.advocacy_provider = provider.strip()
    complaint.save(update_fields=["advocacy_offered_on", "advocacy_accepted", "advocacy_provider", "updated_at"])
    answer = {True: "accepted", False: "declined", None: "no answer yet"}[accepted]
    audit_record(
        actor=actor, verb="complaint.advocacy", subject=complaint,
        summary=f"Advocacy offered on {long_date(offered_on)}: {answer}",
        data={"accepted": accepted, "provider": provider.strip()},
    )
    return complaint


def complaint_ready_for_stage_one(complaint: Complaint) -> None:
    """Raise DomainError unless the decisions the law needs before Stage 1 have been made."""
    if complaint.procedure.kind == ProcedureKind.ELSEWHERE:
        raise DomainError("This complaint was routed to another process, so it has no stages.")
    if complaint.is_late and complaint.late_decision != Decision.ACCEPTED:
        raise DomainError(
            "This complaint was made more than a year after the problem. Record the decision to "
            "accept it late before starting Stage 1."
        )
    if (
        complaint.eligibility_basis == EligibilityBasis.SUFFICIENT_INTEREST
        and complaint.sufficient_interest_decision != Decision.ACCEPTED
    ):
        raise DomainError(
            "Decide whether the complainant has sufficient interest in the child before starting Stage 1."
        )
    if complaint.status != ComplaintStatus.RECEIVED:
        raise DomainError("Stage 1 has already started for this complaint.")
