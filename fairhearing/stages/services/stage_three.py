"""Stage 3 of the statutory procedure: the review panel (regs 19 and 20).

The panel must meet within 30 working days of the request, report within 5 working days of
meeting, and the council must respond within 15 working days of receiving the report. Each of
those deadlines becomes the stage's due date in turn.
"""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction

from fairhearing.cases.allocation_listeners import notify_allocated
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.workingdays.calendar import WorkingDayCalendar
from fairhearing.workingdays.selectors import calendar_get

from ..choices import Phase
from ..deadlines import stage_apply_due_on
from ..models import PanelMember, Stage
from ._common import (
    PointFinding,
    RemedyInput,
    record,
    require_date,
    require_not_paused,
    require_open,
    require_rule,
)
from .responses import respond

PANEL_SIZE = 3


def _lock_stage_three(stage: Stage, *, phase: str, action: str) -> Stage:
    stage = Stage.objects.select_for_update().select_related("complaint__procedure").get(pk=stage.pk)
    if stage.number != 3:
        raise TransitionNotAllowed("This step belongs to Stage 3.")
    require_open(stage)
    require_not_paused(stage, action)
    if stage.phase != phase:
        raise TransitionNotAllowed(
            f"Stage 3 is at '{Phase(stage.phase).label.lower()}', so you cannot {action} now."
        )
    return stage


def _reach_milestone(
    stage: Stage, *, event_on: date, next_phase: str, days: int, verb: str, done: str, next_due: str,
    actor: Any, calendar: WorkingDayCalendar | None,
) -> Stage:
    """Record a panel milestone, start the clock for the next one, and audit both."""
    on_time = event_on <= stage.due_on
    stage.phase = next_phase
    stage.clock_started_on = event_on
    stage.allowed_working_days = days
    stage.paused_working_days = 0
    stage_apply_due_on(stage, calendar or calendar_get())
    stage.save()
    record(actor=actor, verb=verb, stage=stage, complaint=stage.complaint,
           summary=f"{done} on {long_date(event_on)}" + ("" if on_time else " (late)")
           + f": {next_due} due {long_date(stage.due_on)}",
           data={"on_time": on_time, "due_on": stage.due_on})
    return stage


@transaction.atomic
def stage_three_convene_panel(
    *, stage: Stage, members: Sequence[Any], chair: Any, actor: Any
) -> Stage:
    """Name the three independent panel members and the chair (reg 19(2)-(3))."""
    stage = _lock_stage_three(stage, phase=Phase.PANEL_MEETING, action="convene the panel")
    distinct = {member.pk: member for member in members if member is not None}
    if len(distinct) != PANEL_SIZE:
        raise DomainError("A review panel has exactly three different people.")
    if chair is None or chair.pk not in distinct:
        raise DomainError("Choose which of the three panel members chairs the panel.")
    stage_two = stage.complaint.stages.filter(number=2).first()
    if stage_two is not None:
        if stage_two.independent_person_id in distinct:
            person = distinct[stage_two.independent_person_id]
            raise DomainError(
                f"{person} was the Independent Person at Stage 2 and cannot sit on the review "
                "panel (regulation 19(3))."
            )
        if stage_two.investigating_officer_id in distinct:
            person = distinct[stage_two.investigating_officer_id]
            raise DomainError(
                f"{person} was the Investigating Officer at Stage 2; panel members must be independent."
            )
    previous = set(stage.panel_members.values_list("member_id", flat=True))
    stage.panel_members.all().delete()
    PanelMember.objects.bulk_create(
        PanelMember(stage=stage, member=member, is_chair=member.pk == chair.pk)
        for member in distinct.values()
    )
    record(actor=actor, verb="stage.panel_convened", stage=stage, complaint=stage.complaint,
           summary=f"Review panel convened, chaired by {chair}",
           data={"members": sorted(distinct), "chair": chair.pk})
    for member in distinct.values():  # members already on the panel were told when first named
        notify_allocated(record=stage, user=member, role_label="Review panel member", actor=actor,
                         previous=member.pk if member.pk in previous else None)
    return stage


@transaction.atomic
def stage_three_panel_met(
    *, stage: Stage, met_on: date, actor: Any, today: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Stage:
    """Record the panel meeting; the panel's report is due 5 working days later (reg 20(1))."""
    today = today or clock.today()
    stage = _lock_stage_three(stage, phase=Phase.PANEL_MEETING, action="record the panel meeting")
    if stage.panel_members.count() != PANEL_SIZE:
        raise TransitionNotAllowed("Convene the panel (three members and a chair) before it meets.")
    require_date(met_on, label="date the panel met", today=today, not_before=stage.requested_on,
                 not_before_label="the Stage 3 request")
    stage.panel_met_on = met_on
    return _reach_milestone(
        stage, event_on=met_on, next_phase=Phase.PANEL_REPORT,
        days=require_rule(stage.complaint, 3).panel_report_days, verb="stage.panel_met",
        done="Review panel met", next_due="report", actor=actor, calendar=calendar,
    )


@transaction.atomic
def stage_three_report_received(
    *, stage: Stage, received_on: date, actor: Any, today: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Stage:
    """Record receipt of the panel's report; the council must respond in 15 working days (reg 20(3))."""
    today = today or clock.today()
    stage = _lock_stage_three(stage, phase=Phase.PANEL_REPORT, action="record the panel's report")
    require_date(received_on, label="date the report was received", today=today,
                 not_before=stage.panel_met_on, not_before_label="the panel meeting")
    stage.report_received_on = received_on
    return _reach_milestone(
        stage, event_on=received_on, next_phase=Phase.COUNCIL_RESPONSE,
        days=require_rule(stage.complaint, 3).council_response_days, verb="stage.panel_report_received",
        done="Panel report received", next_due="council response", actor=actor, calendar=calendar,
    )


@transaction.atomic
def stage_three_council_respond(
    *, stage: Stage, responded_on: date, findings: Mapping[int, PointFinding],
    remedies: Sequence[RemedyInput] = (), departs_from_recommendations: bool = False,
    departure_reasons: str = "", actor: Any, today: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Stage:
    """The council's response to the panel, with reasons for any departure from its recommendations."""
    stage = _lock_stage_three(stage, phase=Phase.COUNCIL_RESPONSE, action="record the council's response")
    if departs_from_recommendations and not departure_reasons.strip():
        raise DomainError(
            "Give the reasons for not following the panel's recommendations: the complainant must "
            "be told them in writing."
        )
    today = today or clock.today()
    require_date(responded_on, label="response date", today=today,
                 not_before=stage.report_received_on, not_before_label="the panel's report arrived")
    stage.departs_from_recommendations = departs_from_recommendations
    stage.departure_reasons = departure_reasons.strip()
    return respond(stage=stage, responded_on=responded_on, findings=findings, remedies=remedies,
                   actor=actor, today=today, verb="stage.council_responded",
                   label="Council's response to the review panel sent", rule=require_rule(stage.complaint, 3),
                   calendar=calendar)
