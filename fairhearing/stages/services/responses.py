"""Starting Stage 1, extending a stage, and recording a stage's response."""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction

from fairhearing.cases.choices import ComplaintStatus
from fairhearing.cases.models import Complaint
from fairhearing.cases.services import complaint_ready_for_stage_one
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.workingdays.calendar import WorkingDayCalendar
from fairhearing.workingdays.selectors import calendar_get

from ..choices import ClockStart, Outcome, Phase, StageStatus
from ..deadlines import response_working_days, stage_apply_due_on
from ..models import Stage, StageExtension, StageRule
from ._common import (
    PointFinding,
    RemedyInput,
    close_stage,
    record,
    record_findings,
    require_date,
    require_not_paused,
    require_open,
    require_rule,
    rule_for,
)


@transaction.atomic
def stage_one_start(
    *, complaint: Complaint, actor: Any, today: date | None = None, calendar: WorkingDayCalendar | None = None,
) -> Stage:
    """Start Stage 1: the clock counts from receipt (statutory) or acknowledgement (corporate).

    ``calendar`` (default: the stored one) lets a caller starting many stages build it once.
    """
    complaint = Complaint.objects.select_for_update().select_related("procedure").get(pk=complaint.pk)
    complaint_ready_for_stage_one(complaint)
    rule = require_rule(complaint, 1)
    if rule.clock_starts == ClockStart.ACKNOWLEDGED:
        if complaint.acknowledged_on is None:
            raise DomainError(
                f"Under the {complaint.procedure.name}, Stage 1 counts from the acknowledgement. "
                "Record the acknowledgement first."
            )
        started = complaint.acknowledged_on
    else:
        started = complaint.received_on
    stage = Stage(
        complaint=complaint, number=1, requested_on=complaint.received_on,
        clock_started_on=started, allowed_working_days=rule.response_days,
    )
    stage_apply_due_on(stage, calendar or calendar_get())
    stage.original_due_on = stage.due_on
    stage.save()
    complaint.status = ComplaintStatus.IN_STAGE
    complaint.save(update_fields=["status", "updated_at"])
    record(actor=actor, verb="stage.started", stage=stage, complaint=complaint,
           summary=f"Stage 1 started: response due {long_date(stage.due_on)}",
           data={"clock_started_on": started, "due_on": stage.due_on})
    return stage


@transaction.atomic
def stage_extend(
    *, stage: Stage, new_due_on: date, reason: str, complainant_told_on: date, actor: Any,
    today: date | None = None, calendar: WorkingDayCalendar | None = None,
) -> Stage:
    """Extend a stage's response time, within the procedure's maximum, telling the complainant."""
    today = today or clock.today()
    stage = Stage.objects.select_for_update().select_related("complaint").get(pk=stage.pk)
    require_open(stage)
    require_not_paused(stage, "extend it")
    if stage.phase != Phase.RESPONSE or stage.clock_started_on is None:
        raise TransitionNotAllowed(f"Stage {stage.number} has no response deadline to extend now.")
    rule = require_rule(stage.complaint, stage.number)
    if not reason.strip():
        raise DomainError("Give the reason for the extension: the complainant must be told why.")
    require_date(complainant_told_on, label="date the complainant was told", today=today,
                 not_before=stage.requested_on, not_before_label="the stage began")
    calendar = calendar or calendar_get()
    if not calendar.is_working_day(new_due_on):
        raise DomainError(f"{long_date(new_due_on)} is not a working day. Choose a working day.")
    if new_due_on <= stage.due_on:
        raise DomainError(f"The new due date must be after the current one ({long_date(stage.due_on)}).")
    allowed = calendar.working_days_between(stage.clock_started_on, new_due_on) - stage.paused_working_days
    if allowed > rule.max_response_days:
        latest = calendar.add_working_days(
            stage.clock_started_on, rule.max_response_days + stage.paused_working_days
        )
        raise DomainError(
            f"Stage {stage.number} can take at most {rule.max_response_days} working days in all "
            f"({rule.source or rule.procedure}). The latest possible due date is {long_date(latest)}."
        )
    previous = stage.due_on
    StageExtension.objects.create(
        stage=stage, previous_due_on=previous, new_due_on=new_due_on, reason=reason.strip(),
        complainant_told_on=complainant_told_on, created_by=actor,
    )
    stage.allowed_working_days = allowed
    stage_apply_due_on(stage, calendar)
    stage.save()
    record(actor=actor, verb="stage.extended", stage=stage, complaint=stage.complaint,
           summary=f"Stage {stage.number} extended to {long_date(new_due_on)} ({allowed} working days)",
           changes={"due_on": [previous, new_due_on]},
           data={"reason": reason.strip(), "complainant_told_on": complainant_told_on})
    return stage


def respond(
    *, stage: Stage, responded_on: date, findings: Mapping[int, PointFinding],
    remedies: Sequence[RemedyInput], actor: Any, today: date, verb: str, label: str, rule: StageRule,
    calendar: WorkingDayCalendar | None,
) -> Stage:
    """Record the stage's answer: outcomes per point, remedies, and the escalation window.

    ``rule`` is the stage's own rule, which every caller has already read.
    """
    calendar = calendar or calendar_get()
    require_open(stage)
    require_not_paused(stage, "record the response")
    require_date(responded_on, label="response date", today=today,
                 not_before=stage.requested_on, not_before_label="the stage began")
    outcome = record_findings(stage=stage, findings=findings, remedies=remedies)
    stage.outcome = outcome
    stage.responded_on = responded_on
    stage.response_working_days = response_working_days(stage, responded_on, calendar)
    stage.responded_by = actor
    close_stage(stage, status=StageStatus.RESPONDED, closed_on=responded_on)
    # A window to ask for the next stage only where the procedure has one (no query otherwise).
    if rule.escalation_window_days and rule_for(stage.complaint, stage.number + 1) is not None:
        stage.escalation_deadline_on = calendar.add_working_days(responded_on, rule.escalation_window_days)
    stage.save()
    complaint = stage.complaint
    complaint.status = ComplaintStatus.RESPONDED
    complaint.save(update_fields=["status", "updated_at"])
    on_time = stage.due_on is None or responded_on <= stage.due_on
    record(actor=actor, verb=verb, stage=stage, complaint=complaint,
           summary=f"{label} on {long_date(responded_on)}: {Outcome(outcome).label.lower()}"
           + ("" if on_time else " (late)"),
           data={"outcome": outcome, "on_time": on_time, "due_on": stage.due_on,
                 "points": {str(k): v.outcome for k, v in findings.items()},
                 "remedies": [r.kind for r in remedies]})
    return stage


@transaction.atomic
def stage_respond(
    *, stage: Stage, responded_on: date, findings: Mapping[int, PointFinding],
    remedies: Sequence[RemedyInput] = (), actor: Any, today: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Stage:
    """Record a Stage 1 response (or a corporate Stage 2 response)."""
    stage = Stage.objects.select_for_update().select_related("complaint").get(pk=stage.pk)
    rule = require_rule(stage.complaint, stage.number)
    if stage.number == 2 and rule.is_statutory:
        raise TransitionNotAllowed("A statutory Stage 2 ends with the adjudication. Use adjudicate.")
    if stage.number == 3:
        raise TransitionNotAllowed("Stage 3 ends with the council's response to the panel.")
    if stage.clock_started_on is None:
        raise TransitionNotAllowed(f"Stage {stage.number}'s clock has not started yet.")
    return respond(stage=stage, responded_on=responded_on, findings=findings, remedies=remedies,
                   actor=actor, today=today or clock.today(), verb="stage.responded",
                   label=f"Stage {stage.number} response sent", rule=rule, calendar=calendar)
