"""Recalculating stored due dates when the working-day calendar changes.

Registered as a calendar listener (workingdays.listeners) by StagesConfig.ready(). Runs inside the
transaction that changed the calendar, so the holiday and every moved due date commit together.
Each due date that moves gets its own audit event on that complaint's timeline.
"""

from datetime import date
from typing import Any

from fairhearing.audit.services import audit_record
from fairhearing.cases.choices import ComplaintStatus
from fairhearing.cases.models import Complaint
from fairhearing.core.dates import long_date
from fairhearing.workingdays.selectors import calendar_get

from ..choices import StageStatus
from ..deadlines import response_working_days, stage_apply_due_on
from ..models import Stage, StageRule


def _audit_move(*, actor: Any, complaint: Complaint, what: str, before: date | None, after: date | None,
                description: str, field: str, stage: int | None = None) -> None:
    audit_record(
        actor=actor, verb="deadline.recalculated", subject=complaint,
        summary=f"{what} moved from {long_date(before) if before else 'none'} to "
                f"{long_date(after) if after else 'none'} because the calendar changed",
        changes={field: [before, after]},
        data={"reason": description, **({"stage": stage} if stage else {})},
    )


def stages_recalculate_for_calendar_change(*, actor: Any, description: str, changed_dates: list[date]) -> int:
    """Recompute due dates of open stages, escalation windows and acknowledgement targets.

    Returns how many dates moved. Only records whose clock could be affected are loaded: their
    counting window ends on or after the earliest changed date.
    """
    if not changed_dates:
        return 0
    calendar = calendar_get()
    earliest = min(changed_dates)
    moved = 0

    open_stages = (
        Stage.objects.select_for_update()
        .filter(status=StageStatus.OPEN, clock_started_on__lt=max(changed_dates), due_on__gte=earliest)
        .select_related("complaint")
    )
    for stage in open_stages:
        before = stage.due_on
        changed = stage_apply_due_on(stage, calendar)
        if changed:
            stage.save(update_fields=changed)
            moved += 1
            _audit_move(actor=actor, complaint=stage.complaint, what=f"Stage {stage.number} due date",
                        before=before, after=stage.due_on, description=description, field="due_on",
                        stage=stage.number)

    windows = {
        (rule.procedure_id, rule.number): rule.escalation_window_days
        for rule in StageRule.objects.filter(escalation_window_days__isnull=False)
    }
    awaiting = (
        Stage.objects.select_for_update()
        .filter(status=StageStatus.RESPONDED, escalation_deadline_on__gte=earliest,
                complaint__status=ComplaintStatus.RESPONDED)
        .select_related("complaint")
    )
    for stage in awaiting:
        days = windows.get((stage.complaint.procedure_id, stage.number))
        if not days:
            continue
        after = calendar.add_working_days(stage.responded_on, days)
        if after != stage.escalation_deadline_on:
            before, stage.escalation_deadline_on = stage.escalation_deadline_on, after
            stage.save(update_fields=["escalation_deadline_on"])
            moved += 1
            _audit_move(actor=actor, complaint=stage.complaint, what=f"Last day to ask for Stage {stage.number + 1}",
                        before=before, after=after, description=description,
                        field="escalation_deadline_on", stage=stage.number)

    # A response's time in working days (for the report's buckets) changes if a day inside it
    # stops or starts being a working day. Not a deadline, so not on the timeline.
    responded = Stage.objects.select_for_update().filter(responded_on__gte=earliest,
                                                         response_working_days__isnull=False)
    for stage in responded:
        taken = response_working_days(stage, stage.responded_on, calendar)
        if taken != stage.response_working_days:
            stage.response_working_days = taken
            stage.save(update_fields=["response_working_days"])

    unacknowledged = (
        Complaint.objects.select_for_update()
        .filter(acknowledged_on__isnull=True, acknowledgement_due_on__gte=earliest)
        .exclude(status__in=[ComplaintStatus.CLOSED, ComplaintStatus.WITHDRAWN])
        .select_related("procedure")
    )
    for complaint in unacknowledged:
        after = calendar.add_working_days(complaint.received_on, complaint.procedure.acknowledgement_days)
        if after != complaint.acknowledgement_due_on:
            before, complaint.acknowledgement_due_on = complaint.acknowledgement_due_on, after
            complaint.save(update_fields=["acknowledgement_due_on"])
            moved += 1
            _audit_move(actor=actor, complaint=complaint, what="Acknowledgement due date",
                        before=before, after=after, description=description,
                        field="acknowledgement_due_on")
    return moved
