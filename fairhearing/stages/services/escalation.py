"""Asking for the next stage. A request after the window needs a recorded decision, never silence.

The 20-working-day window to ask for Stage 2 or 3 is guidance, not a bar (Getting the Best from
Complaints; the Ombudsman finds fault where councils frustrate escalation), so a late request is
either accepted or refused with written reasons, and a refusal is kept as a closed stage record.
"""

from datetime import date
from typing import Any

from django.db import transaction

from fairhearing.cases.choices import ComplaintStatus, Decision
from fairhearing.cases.models import Complaint
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.workingdays.calendar import WorkingDayCalendar
from fairhearing.workingdays.selectors import calendar_get

from ..choices import ClockStart, Phase, RequestDecision, StageStatus
from ..deadlines import stage_apply_due_on
from ..models import Stage
from ._common import latest_stage, record, require_date, require_rule


def request_decision(*, previous: Stage, requested_on: date, late_decision: str | None,
                     reason: str) -> str:
    """In time, or late and accepted or refused: a late request needs a decision and its reason."""
    deadline = previous.escalation_deadline_on
    if deadline is None or requested_on <= deadline:
        return RequestDecision.IN_TIME
    if late_decision not in Decision.values or not reason.strip():
        raise DomainError(
            f"This request came after the time allowed to ask (by {long_date(deadline)}). "
            "Record whether you accept or refuse it and why: a late request must never be "
            "refused without a recorded decision."
        )
    return RequestDecision.LATE_ACCEPTED if late_decision == Decision.ACCEPTED else RequestDecision.LATE_REFUSED


@transaction.atomic
def stage_request_next(
    *, complaint: Complaint, requested_on: date, actor: Any, late_decision: str | None = None,
    late_reason: str = "", today: date | None = None, calendar: WorkingDayCalendar | None = None,
) -> Stage:
    """Record the complainant's request for the next stage (Stage 2 or Stage 3)."""
    today = today or clock.today()
    complaint = Complaint.objects.select_for_update().select_related("procedure").get(pk=complaint.pk)
    if complaint.status in {ComplaintStatus.CLOSED, ComplaintStatus.WITHDRAWN}:
        raise TransitionNotAllowed("This complaint is closed. Reopen it, with a reason, first.")
    previous = latest_stage(complaint)
    if previous is None:
        raise TransitionNotAllowed("Stage 1 has not started, so there is nothing to escalate.")
    if previous.status == StageStatus.OPEN:
        raise TransitionNotAllowed(f"Stage {previous.number} is still open.")
    if previous.status != StageStatus.RESPONDED:
        raise TransitionNotAllowed(
            f"Stage {previous.number} did not end with a response, so it cannot be escalated."
        )
    number = previous.number + 1
    rule = require_rule(complaint, number)
    require_date(requested_on, label="date of the request", today=today,
                 not_before=previous.responded_on, not_before_label=f"the Stage {previous.number} response")
    decision = request_decision(previous=previous, requested_on=requested_on,
                                 late_decision=late_decision, reason=late_reason)
    stage = Stage(complaint=complaint, number=number, requested_on=requested_on,
                  request_decision=decision, request_decision_reason=late_reason.strip())
    if decision == RequestDecision.LATE_REFUSED:
        stage.status = StageStatus.REFUSED
        stage.closed_on = requested_on
        stage.save()
        record(actor=actor, verb="stage.request_refused", stage=stage, complaint=complaint,
               summary=f"Late request for Stage {number} refused", data={"reason": late_reason.strip()})
        return stage
    if rule.clock_starts == ClockStart.REQUESTED:
        stage.clock_started_on = requested_on
        stage.allowed_working_days = rule.response_days
        stage.phase = Phase.PANEL_MEETING if number == 3 else Phase.RESPONSE
        stage_apply_due_on(stage, calendar or calendar_get())
        stage.original_due_on = stage.due_on
    else:
        # The clock waits for the agreed statement (statutory Stage 2) or acknowledgement (corporate).
        stage.phase = Phase.AWAITING_START
    stage.save()
    complaint.status = ComplaintStatus.IN_STAGE
    complaint.save(update_fields=["status", "updated_at"])
    summary = f"Stage {number} requested on {long_date(requested_on)}"
    if decision == RequestDecision.LATE_ACCEPTED:
        summary += " (late, accepted)"
    record(actor=actor, verb="stage.requested", stage=stage, complaint=complaint, summary=summary,
           data={"request_decision": decision, "due_on": stage.due_on})
    return stage


def stage_start_clock(*, stage: Stage, started_on: date, event: str, actor: Any, today: date,
                      calendar: WorkingDayCalendar | None = None) -> Stage:
    """Start a waiting stage's clock on the agreed statement or the acknowledgement."""
    if stage.status != StageStatus.OPEN or stage.phase != Phase.AWAITING_START:
        raise TransitionNotAllowed(f"Stage {stage.number}'s clock has already started.")
    rule = require_rule(stage.complaint, stage.number)
    if rule.clock_starts != event:
        raise TransitionNotAllowed(
            f"Under the {stage.complaint.procedure.name}, Stage {stage.number} counts from "
            f"{ClockStart(rule.clock_starts).label.lower()}."
        )
    require_date(started_on, label="date", today=today, not_before=stage.requested_on,
                 not_before_label="the request")
    stage.clock_started_on = started_on
    stage.allowed_working_days = rule.response_days
    stage.phase = Phase.RESPONSE
    if event == ClockStart.STATEMENT_AGREED:
        stage.statement_agreed_on = started_on
    else:
        stage.acknowledged_on = started_on
    stage_apply_due_on(stage, calendar or calendar_get())
    stage.original_due_on = stage.due_on
    stage.save()
    what = "Statement of complaint agreed" if event == ClockStart.STATEMENT_AGREED else "Request acknowledged"
    record(actor=actor, verb="stage.clock_started", stage=stage, complaint=stage.complaint,
           summary=f"{what} on {long_date(started_on)}: Stage {stage.number} response due {long_date(stage.due_on)}",
           data={"event": event, "due_on": stage.due_on})
    return stage
