"""Logging an Ombudsman case, changing its details and phase, linking complaints, and the date of
the draft decision."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from fairhearing.accounts.models import Team
from fairhearing.audit.services import audit_record, diff_fields
from fairhearing.cases.allocation_listeners import notify_allocated
from fairhearing.cases.models import Complaint
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.people.models import Child, Person

from ..access import ombudsman_cases_visible_to
from ..choices import OmbudsmanPhase
from ..models import OmbudsmanCase
from ..references import lgsco_reference_normalise
from ._common import check_date


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
    check_date(received_on, label="date the council was told of the enquiry", today=today,
               code="received_on")
    if phase not in OmbudsmanPhase.values:
        raise DomainError("Choose how far the Ombudsman has got: enquiry, assessment or investigation.",
                          code="phase")
    if information_requested_on is None and (information_due_on or information_sent_on):
        raise DomainError("Enter the date the Ombudsman asked for information.",
                          code="information_requested_on")
    check_date(information_requested_on, label="date the Ombudsman asked for information", today=today,
               not_before=received_on, not_before_label="the council was told of the enquiry",
               required=False, code="information_requested_on")
    # The Ombudsman's deadline is in the future as often as not; only its order is checked.
    if information_due_on is not None and information_due_on < information_requested_on:
        raise DomainError(
            "The date the information is due cannot be before the Ombudsman asked for it "
            f"({long_date(information_requested_on)}).", code="information_due_on",
        )
    check_date(information_sent_on, label="date the council sent the information", today=today,
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
    if "summary" in changes:
        # The summary may name a child, and the audit log can never be corrected: record that it
        # changed, never what it said, so taking a name out of it takes it out of the record.
        changes["summary"] = ["(changed)", "(changed)"]
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
    check_date(draft_decision_on, label="date of the draft decision", today=today,
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


@transaction.atomic
def ombudsman_case_assign(*, case: OmbudsmanCase, assigned_to: Any, actor: Any) -> OmbudsmanCase:
    """Give the case to the officer who will answer the Ombudsman and see its recommendations
    through, or take it off them (``assigned_to=None``); the officer named is told by email.

    Only someone who may see the case can hold it: a reminder must never point at a case the
    reader cannot open. Saving the same holder again writes nothing.
    """
    case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
    if assigned_to is not None:
        if not assigned_to.is_active:
            raise DomainError(f"{assigned_to} cannot handle the case: their account is not active.",
                              code="assigned_to")
        if not ombudsman_cases_visible_to(assigned_to).filter(pk=case.pk).exists():
            raise DomainError(f"{assigned_to} cannot handle the case: they may not see it.", code="assigned_to")
    before = case.assigned_to_id
    after = assigned_to.pk if assigned_to is not None else None
    if before == after:
        return case
    case.assigned_to = assigned_to
    case.save(update_fields=["assigned_to", "updated_at"])
    # Ids only, as for the case's other people (see _snapshot).
    audit_record(
        actor=actor, verb="ombudsman.case_assigned", subject=case,
        summary=f"Ombudsman case {case.lgsco_reference} " + ("allocated" if after else "no longer allocated"),
        changes={"assigned_to_id": [before, after]},
    )
    notify_allocated(record=case, user=assigned_to, role_label="Officer handling the Ombudsman case", actor=actor)
    return case
