"""Pausing and resuming a stage's clock (reg 8 proceedings, or waiting for an advocate or the
complainant). On resume the due date moves by the working days paused: the days after the pause
started up to and including the day it ended (ADR 0002)."""

from datetime import date
from typing import Any

from django.db import transaction

from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.workingdays.calendar import WorkingDayCalendar
from fairhearing.workingdays.selectors import calendar_get

from ..choices import PauseReason
from ..deadlines import stage_apply_due_on
from ..models import Stage, StagePause
from ._common import record, require_date, require_open


@transaction.atomic
def stage_pause(
    *, stage: Stage, reason: str, started_on: date, note: str = "", actor: Any, today: date | None = None
) -> Stage:
    """Stop the clock, recording why and from when."""
    today = today or clock.today()
    stage = Stage.objects.select_for_update().select_related("complaint").get(pk=stage.pk)
    require_open(stage)
    if stage.is_paused:
        raise TransitionNotAllowed(f"Stage {stage.number} is already paused.")
    if stage.clock_started_on is None:
        raise TransitionNotAllowed(f"Stage {stage.number}'s clock has not started, so there is nothing to pause.")
    if reason not in PauseReason.values:
        raise DomainError("Choose why the clock is paused.")
    require_date(started_on, label="date the pause starts", today=today,
                 not_before=stage.clock_started_on, not_before_label="the clock started")
    last = stage.pauses.exclude(ended_on=None).order_by("-ended_on").first()
    if last is not None and started_on < last.ended_on:
        raise DomainError(f"A pause cannot start before the last one ended ({long_date(last.ended_on)}).")
    StagePause.objects.create(stage=stage, reason=reason, note=note.strip(), started_on=started_on)
    stage.paused_since = started_on
    stage.save(update_fields=["paused_since"])
    record(actor=actor, verb="stage.paused", stage=stage, complaint=stage.complaint,
           summary=f"Stage {stage.number} paused from {long_date(started_on)}: {PauseReason(reason).label.lower()}",
           data={"reason": reason})
    return stage


@transaction.atomic
def stage_resume(
    *, stage: Stage, resumed_on: date, actor: Any, today: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Stage:
    """Restart the clock; the due date moves by the working days paused."""
    today = today or clock.today()
    stage = Stage.objects.select_for_update().select_related("complaint").get(pk=stage.pk)
    require_open(stage)
    if not stage.is_paused:
        raise TransitionNotAllowed(f"Stage {stage.number} is not paused.")
    pause = stage.pauses.get(ended_on=None)
    require_date(resumed_on, label="date the clock restarts", today=today,
                 not_before=pause.started_on, not_before_label="the pause started")
    calendar = calendar or calendar_get()
    days = calendar.working_days_between(pause.started_on, resumed_on)
    pause.ended_on = resumed_on
    pause.working_days = days
    pause.save(update_fields=["ended_on", "working_days"])
    previous_due = stage.due_on
    stage.paused_since = None
    stage.paused_working_days += days
    stage_apply_due_on(stage, calendar)
    stage.save()
    record(actor=actor, verb="stage.resumed", stage=stage, complaint=stage.complaint,
           summary=f"Stage {stage.number} resumed on {long_date(resumed_on)} after {days} working "
                   f"days: due {long_date(stage.due_on)}",
           changes={"due_on": [previous_due, stage.due_on]}, data={"working_days_paused": days})
    return stage
