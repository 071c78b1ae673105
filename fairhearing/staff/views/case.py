"""The complaint page: summary, people, points and outcomes, stages with explained due dates, timeline."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fairhearing.audit.selectors import audit_timeline
from fairhearing.cases.selectors import complaint_get_for_user
from fairhearing.core import clock
from fairhearing.stages.deadlines import stage_due_explanation
from fairhearing.stages.models import PanelMember, PointOutcome
from fairhearing.workingdays.selectors import calendar_get

from ..due import due_soon_limit, due_status


@login_required
def complaint_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """One complaint: summary, people, points and outcomes, stages with explained due dates, timeline."""
    complaint = complaint_get_for_user(user=request.user, reference=reference)
    today = clock.today()
    calendar = calendar_get()
    soon = due_soon_limit(today=today, calendar=calendar)
    stages = list(
        complaint.stages.select_related("investigating_officer", "independent_person", "responded_by")
        .prefetch_related(
            "extensions", "pauses", "remedies",
            Prefetch("panel_members", queryset=PanelMember.objects.select_related("member")),
            Prefetch("point_outcomes", queryset=PointOutcome.objects.select_related("point")),
        )
        .order_by("number")
    )
    stage_rows = [
        {
            "stage": stage,
            "explanation": stage_due_explanation(stage, calendar),
            "status": due_status(due_on=stage.due_on, today=today, soon_limit=soon, paused=stage.is_paused)
            if stage.is_open else "",
        }
        for stage in stages
    ]
    acknowledgement = None
    if complaint.acknowledgement_due_on:
        acknowledgement = {
            "explanation": calendar.explain(complaint.received_on, complaint.procedure.acknowledgement_days),
            "status": "" if complaint.acknowledged_on or not complaint.is_open else due_status(
                due_on=complaint.acknowledgement_due_on, today=today, soon_limit=soon),
        }
    context = {
        "complaint": complaint,
        "complainants": complaint.complainants.select_related("person"),
        "children": complaint.children.select_related("child"),
        "teams": complaint.teams.all(),
        "themes": complaint.themes.all(),
        "points": complaint.points.prefetch_related(
            Prefetch("outcomes", queryset=PointOutcome.objects.select_related("stage").order_by("stage__number"))
        ),
        "stage_rows": stage_rows,
        "acknowledgement": acknowledgement,
        "events": list(audit_timeline(subject=complaint))[::-1],
        "today": today,
    }
    return render(request, "staff/complaint_detail.html", context)
