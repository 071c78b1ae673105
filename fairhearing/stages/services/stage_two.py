"""Stage 2 of the statutory procedure: statement of complaint, investigators, adjudication (reg 17)."""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction

from fairhearing.accounts.roles import Role
from fairhearing.cases.allocation_listeners import notify_allocated
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.workingdays.calendar import WorkingDayCalendar

from ..choices import ClockStart
from ..models import Stage
from ._common import PointFinding, RemedyInput, record, require_date, require_open, require_rule
from .escalation import stage_start_clock
from .responses import respond


def _lock_stage_two(stage: Stage) -> Stage:
    stage = Stage.objects.select_for_update().select_related("complaint__procedure").get(pk=stage.pk)
    if stage.number != 2:
        raise TransitionNotAllowed("This step belongs to Stage 2.")
    return stage


@transaction.atomic
def stage_two_agree_statement(
    *, stage: Stage, agreed_on: date, actor: Any, today: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Stage:
    """The written statement of complaint is agreed: the 25 working days start (reg 16-17)."""
    stage = _lock_stage_two(stage)
    return stage_start_clock(stage=stage, started_on=agreed_on, event=ClockStart.STATEMENT_AGREED,
                             actor=actor, today=today or clock.today(), calendar=calendar)


@transaction.atomic
def stage_acknowledge_request(*, stage: Stage, acknowledged_on: date, actor: Any,
                              today: date | None = None, calendar: WorkingDayCalendar | None = None) -> Stage:
    """Acknowledge a corporate Stage 2 request: its 20 working days start (Complaint Handling Code)."""
    stage = Stage.objects.select_for_update().select_related("complaint__procedure").get(pk=stage.pk)
    return stage_start_clock(stage=stage, started_on=acknowledged_on, event=ClockStart.ACKNOWLEDGED,
                             actor=actor, today=today or clock.today(), calendar=calendar)


@transaction.atomic
def stage_two_appoint(
    *, stage: Stage, investigating_officer: Any, independent_person: Any, appointed_on: date,
    actor: Any, today: date | None = None,
) -> Stage:
    """Appoint the Investigating Officer and the Independent Person (two different people)."""
    today = today or clock.today()
    stage = _lock_stage_two(stage)
    require_open(stage)
    if not require_rule(stage.complaint, 2).is_statutory:
        raise TransitionNotAllowed("Only the statutory Stage 2 has an Investigating Officer and Independent Person.")
    if investigating_officer is None or independent_person is None:
        raise DomainError("Choose both the Investigating Officer and the Independent Person.")
    if investigating_officer.pk == independent_person.pk:
        raise DomainError("The Investigating Officer and the Independent Person must be different people.")
    for person in (investigating_officer, independent_person):
        if not person.is_active:
            raise DomainError(f"{person} cannot be appointed: their account is not active.")
    require_date(appointed_on, label="appointment date", today=today,
                 not_before=stage.requested_on, not_before_label="the Stage 2 request")
    # Names, not ids, so the timeline reads as a history; these are staff, not children.
    before = [str(stage.investigating_officer or "") or None, str(stage.independent_person or "") or None]
    previous = (stage.investigating_officer_id, stage.independent_person_id)
    stage.investigating_officer = investigating_officer
    stage.independent_person = independent_person
    stage.appointed_on = appointed_on
    stage.save()
    record(actor=actor, verb="stage.investigators_appointed", stage=stage, complaint=stage.complaint,
           summary=f"Investigating Officer {investigating_officer} and Independent Person "
                   f"{independent_person} appointed on {long_date(appointed_on)}",
           changes={"investigating_officer": [before[0], str(investigating_officer)],
                    "independent_person": [before[1], str(independent_person)]})
    notify_allocated(record=stage, user=investigating_officer, role_label="Investigating Officer", actor=actor,
                     previous=previous[0])
    notify_allocated(record=stage, user=independent_person, role_label="Independent Person", actor=actor,
                     previous=previous[1])
    return stage


@transaction.atomic
def stage_two_adjudicate(
    *, stage: Stage, adjudicated_on: date, findings: Mapping[int, PointFinding],
    remedies: Sequence[RemedyInput] = (), actor: Any, today: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Stage:
    """A senior manager's adjudication letter: the decision on each point, the Stage 2 response."""
    stage = _lock_stage_two(stage)
    require_open(stage)
    if stage.statement_agreed_on is None:
        raise TransitionNotAllowed("Agree the statement of complaint before adjudicating.")
    if stage.investigating_officer_id is None or stage.independent_person_id is None:
        raise TransitionNotAllowed("Appoint the Investigating Officer and Independent Person before adjudicating.")
    if not (hasattr(actor, "has_role") and actor.has_role(Role.SENIOR_MANAGER)):
        raise DomainError("The adjudication must be made by a senior manager.")
    stage = respond(stage=stage, responded_on=adjudicated_on, findings=findings, remedies=remedies,
                    actor=actor, today=today or clock.today(), verb="stage.adjudicated",
                    label="Stage 2 adjudication sent", rule=require_rule(stage.complaint, 2), calendar=calendar)
    return stage

