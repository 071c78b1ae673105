"""Withdrawing, closing and reopening a complaint."""

from datetime import date
from typing import Any

from django.db import transaction

from fairhearing.cases.choices import ClosureReason, ComplaintStatus, Decision, WithdrawalMethod
from fairhearing.cases.models import Complaint
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.workingdays.calendar import WorkingDayCalendar
from fairhearing.workingdays.selectors import calendar_get

from ..choices import PauseReason, StageStatus
from ..deadlines import stage_apply_due_on
from ..models import StagePause
from ._common import close_stage, latest_stage, open_stage, record, require_date

# Reasons a complaint that never started Stage 1 may be closed, and those for one that has answers.
CLOSE_BEFORE_STAGES = {
    ClosureReason.NOT_ACCEPTED_LATE, ClosureReason.NOT_ACCEPTED_INELIGIBLE,
    ClosureReason.ROUTED_ELSEWHERE, ClosureReason.RESOLVED_INFORMALLY,
}
CLOSE_AFTER_RESPONSE = {
    ClosureReason.COMPLETED, ClosureReason.NOT_ESCALATED, ClosureReason.RESOLVED_INFORMALLY,
}


def _lock(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().select_related("procedure").get(pk=complaint.pk)


@transaction.atomic
def complaint_withdraw(
    *, complaint: Complaint, withdrawn_on: date, method: str, reason: str, actor: Any,
    today: date | None = None, calendar: WorkingDayCalendar | None = None,
) -> Complaint:
    """The complainant withdraws: the open stage ends and the complaint is closed as withdrawn."""
    today = today or clock.today()
    complaint = _lock(complaint)
    if not complaint.is_open:
        raise TransitionNotAllowed("This complaint is already closed.")
    if method not in WithdrawalMethod.values:
        raise DomainError("Say how the complainant withdrew: spoken or in writing.")
    require_date(withdrawn_on, label="date of withdrawal", today=today,
                 not_before=complaint.received_on, not_before_label="the complaint was received")
    stage = open_stage(complaint)
    if stage is not None:
        if withdrawn_on < stage.requested_on:
            raise DomainError(f"The withdrawal cannot be before Stage {stage.number} began.")
        if stage.is_paused:
            pause = stage.pauses.get(ended_on=None)
            pause.ended_on = max(withdrawn_on, pause.started_on)
            pause.working_days = (calendar or calendar_get()).working_days_between(pause.started_on, pause.ended_on)
            pause.save(update_fields=["ended_on", "working_days"])
            stage.paused_since = None
            stage.paused_working_days += pause.working_days
        close_stage(stage, status=StageStatus.WITHDRAWN, closed_on=withdrawn_on)
        stage.save()
    complaint.status = ComplaintStatus.WITHDRAWN
    complaint.closed_on = withdrawn_on
    complaint.closure_reason = ClosureReason.WITHDRAWN
    complaint.withdrawal_method = method
    complaint.save()
    record(actor=actor, verb="complaint.withdrawn", stage=stage, complaint=complaint,
           summary=f"Withdrawn on {long_date(withdrawn_on)} ({WithdrawalMethod(method).label.lower()})",
           data={"reason": reason.strip()})
    return complaint


@transaction.atomic
def complaint_close(
    *, complaint: Complaint, closed_on: date, reason: str, actor: Any, today: date | None = None
) -> Complaint:
    """Close a complaint that has been answered, or that was never accepted into the stages."""
    today = today or clock.today()
    complaint = _lock(complaint)
    if complaint.status in {ComplaintStatus.CLOSED, ComplaintStatus.WITHDRAWN}:
        raise TransitionNotAllowed("This complaint is already closed.")
    stage = open_stage(complaint)
    if stage is not None and reason != ClosureReason.RESOLVED_INFORMALLY:
        raise TransitionNotAllowed(
            f"Stage {stage.number} is still open: record its response, resolve it informally, "
            "or withdraw the complaint."
        )
    if stage is not None:
        allowed = {ClosureReason.RESOLVED_INFORMALLY}
    elif complaint.status == ComplaintStatus.RECEIVED:
        allowed = CLOSE_BEFORE_STAGES
    else:
        allowed = CLOSE_AFTER_RESPONSE
    if reason not in allowed:
        raise DomainError("That reason does not fit where this complaint is. Choose another reason.")
    if reason == ClosureReason.NOT_ACCEPTED_LATE and complaint.late_decision != Decision.REFUSED:
        raise DomainError("Record the decision to refuse the late complaint, with reasons, before closing it.")
    last = latest_stage(complaint)
    require_date(closed_on, label="closing date", today=today,
                 not_before=(last.closed_on or last.requested_on) if last else complaint.received_on,
                 not_before_label=("the last stage ended" if last.closed_on else "the last stage began")
                 if last else "the complaint was received")
    if stage is not None:
        # Early resolution (for example after a meeting or mediation) ends the open stage too.
        if stage.is_paused:
            raise TransitionNotAllowed(f"Stage {stage.number} is paused. Resume it before you close the complaint.")
        close_stage(stage, status=StageStatus.RESOLVED, closed_on=closed_on)
        stage.save()
    complaint.status = ComplaintStatus.CLOSED
    complaint.closed_on = closed_on
    complaint.closure_reason = reason
    complaint.save()
    record(actor=actor, verb="complaint.closed", stage=stage, complaint=complaint,
           summary=f"Closed on {long_date(closed_on)}: {ClosureReason(reason).label.lower()}",
           changes={"status": [ComplaintStatus.RESPONDED if last else ComplaintStatus.RECEIVED, "closed"]})
    return complaint


@transaction.atomic
def complaint_reopen(
    *, complaint: Complaint, reopened_on: date, reason: str, actor: Any, today: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Complaint:
    """Reopen a closed or withdrawn complaint. A stage that was withdrawn or resolved informally
    resumes, its clock moved on by the working days it was closed, as if paused."""
    today = today or clock.today()
    complaint = _lock(complaint)
    if complaint.is_open:
        raise TransitionNotAllowed("This complaint is open.")
    if not reason.strip():
        raise DomainError("Give the reason for reopening the complaint.")
    require_date(reopened_on, label="date reopened", today=today,
                 not_before=complaint.closed_on, not_before_label="it was closed")
    previous_status = complaint.status
    stage = latest_stage(complaint)
    if stage is not None and stage.status in {StageStatus.WITHDRAWN, StageStatus.RESOLVED}:
        calendar = calendar or calendar_get()
        days = calendar.working_days_between(stage.closed_on, reopened_on)
        StagePause.objects.create(
            stage=stage, reason=PauseReason.AWAITING_COMPLAINANT, started_on=stage.closed_on,
            ended_on=reopened_on, working_days=days, note="Complaint closed, then reopened.",
        )
        stage.status = StageStatus.OPEN
        stage.closed_on = None
        stage.paused_working_days += days
        stage_apply_due_on(stage, calendar)
        stage.save()
        complaint.status = ComplaintStatus.IN_STAGE
    elif stage is not None:
        complaint.status = ComplaintStatus.RESPONDED
    else:
        complaint.status = ComplaintStatus.RECEIVED
    complaint.closed_on = None
    complaint.closure_reason = ""
    complaint.withdrawal_method = ""
    complaint.save()
    record(actor=actor, verb="complaint.reopened", stage=stage, complaint=complaint,
           summary=f"Reopened on {long_date(reopened_on)}",
           changes={"status": [previous_status, complaint.status]}, data={"reason": reason.strip()})
    return complaint
