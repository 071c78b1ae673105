"""The complaint page: where the complaint stands and what needs doing next, the people, the points
and their outcomes, the stages with explained due dates, documents, notes, letters and the timeline.

Every opening of the page is logged (who viewed a child's record). The page costs the same number
of queries however many points, stages, events or documents the complaint has: related rows are
prefetched once and the step rules read what is already loaded.
"""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fairhearing.audit.selectors import audit_timeline
from fairhearing.audit.services import audit_record_view
from fairhearing.cases.models import ComplaintPoint
from fairhearing.cases.permissions import complaint_actions
from fairhearing.cases.selectors import complaint_get_for_user
from fairhearing.core import clock
from fairhearing.stages.deadlines import stage_due_explanation
from fairhearing.stages.models import PanelMember, PointOutcome
from fairhearing.workingdays.calendar import WorkingDayCalendar
from fairhearing.workingdays.selectors import calendar_get

from ..due import due_soon_limit, due_status
from ..steps import CaseState, case_state_load, steps_offered
from .documents import documents_panel_context
from .people import user_may_view_linked_records
from .resolutions import adr_costs_panel_context


def working_days_left(*, due_on: date, today: date, calendar: WorkingDayCalendar) -> str:
    """'3 working days left', 'Due today' or '2 working days overdue'."""
    if due_on == today:
        return "Due today"
    if due_on > today:
        days = calendar.working_days_between(today, due_on)
        return f"{days} working day{'' if days == 1 else 's'} left"
    days = calendar.working_days_between(due_on, today)
    return f"{days} working day{'' if days == 1 else 's'} overdue"


def _deadline(*, due_on: date | None, today: date, calendar: WorkingDayCalendar, soon: date,
              paused: bool = False) -> dict:
    """How one due date stands: the tag's status and the working days left."""
    if due_on is None:
        return {"status": "", "days_left": ""}
    return {
        "status": due_status(due_on=due_on, today=today, soon_limit=soon, paused=paused),
        "days_left": "" if paused else working_days_left(due_on=due_on, today=today, calendar=calendar),
    }


def _current(state: CaseState, soon: date) -> dict | None:
    """The stage the complaint is at, with its next deadline, for the summary at the top."""
    stage = state.open_stage or state.latest_stage
    if stage is None:
        return None
    rule = state.rules.get(stage.number)
    current = {
        "stage": stage,
        "name": rule.name if rule else f"Stage {stage.number}",
        "explanation": stage_due_explanation(stage, state.calendar),
    }
    if stage.is_open:
        current.update(_deadline(due_on=stage.due_on, today=state.today, calendar=state.calendar,
                                 soon=soon, paused=stage.is_paused))
    return current


def _stage_rows(state: CaseState, soon: date) -> list[dict]:
    return [
        {
            "stage": stage,
            "name": state.rules[stage.number].name if stage.number in state.rules else f"Stage {stage.number}",
            "explanation": stage_due_explanation(stage, state.calendar),
            **(_deadline(due_on=stage.due_on, today=state.today, calendar=state.calendar, soon=soon,
                         paused=stage.is_paused) if stage.is_open else {"status": "", "days_left": ""}),
        }
        for stage in state.stages
    ]


@login_required
def complaint_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """One complaint, with the steps this user may take now."""
    complaint = complaint_get_for_user(user=request.user, reference=reference)
    audit_record_view(user=request.user, subject=complaint)
    actions = complaint_actions(user=request.user, complaint=complaint)
    today = clock.today()
    calendar = calendar_get()
    soon = due_soon_limit(today=today, calendar=calendar)
    prefetch_related_objects(
        [complaint],
        Prefetch("points", queryset=ComplaintPoint.objects.prefetch_related(
            Prefetch("outcomes", queryset=PointOutcome.objects.select_related("stage").order_by("stage__number"))
        )),
        "teams", "themes",
    )
    stages = list(
        complaint.stages.select_related("investigating_officer", "independent_person", "responded_by")
        .prefetch_related(
            "extensions", "pauses", "remedies",
            Prefetch("panel_members", queryset=PanelMember.objects.select_related("member")),
        )
        .order_by("number")
    )
    state = case_state_load(complaint, today=today, calendar=calendar, stages=stages)
    offered = steps_offered(user=request.user, state=state, actions=actions)
    acknowledgement = None
    if complaint.acknowledgement_due_on:
        acknowledgement = {
            "explanation": calendar.explain(complaint.received_on, complaint.procedure.acknowledgement_days),
            **(_deadline(due_on=complaint.acknowledgement_due_on, today=today, calendar=calendar, soon=soon)
               if complaint.is_open and not complaint.acknowledged_on else {"status": "", "days_left": ""}),
        }
    context = {
        # The documents and notes panel's querysets, one query each (staff/documents/_panel.html).
        **documents_panel_context(complaint=complaint, actions=actions),
        # The ADR and costs panel's lists, one query each (staff/case/_adr_costs.html).
        **adr_costs_panel_context(user=request.user, complaint=complaint),
        "complaint": complaint,
        "is_restricted": complaint.restricted_to.exists(),
        "actions": {action.value for action in actions},
        "next_steps": [step for step in offered if step.pressing],
        "other_steps": [step for step in offered if not step.pressing],
        "current": _current(state, soon),
        "complainants": complaint.complainants.select_related("person"),
        "children": complaint.children.select_related("child"),
        "may_view_linked_records": user_may_view_linked_records(request.user),  # links to the people's pages
        "teams": complaint.teams.all(),
        "themes": complaint.themes.all(),
        "points": complaint.points.all(),
        "stage_rows": _stage_rows(state, soon),
        "acknowledgement": acknowledgement,
        "events": list(audit_timeline(subject=complaint))[::-1],
        "today": today,
    }
    return render(request, "staff/complaint_detail.html", context)
