"""Working out a stage's due date from its stored clock, and explaining it in plain English.

The rule everywhere: due = the (allowed + paused)th working day after the day the clock started
(ADR 0002). Services call :func:`stage_due_on` whenever they change the clock; the recalculation
after a holiday change calls it for every open stage.
"""

from datetime import date

from fairhearing.core.dates import long_date_with_day
from fairhearing.workingdays.calendar import WorkingDayCalendar

from .choices import Phase
from .models import Stage

# Which milestone column mirrors the current due date in each phase of a stage.
PHASE_MILESTONE_FIELD = {
    Phase.PANEL_MEETING: "panel_meeting_due_on",
    Phase.PANEL_REPORT: "report_due_on",
    Phase.COUNCIL_RESPONSE: "council_response_due_on",
}

CLOCK_EVENT = {
    Phase.RESPONSE: "the clock started",
    Phase.PANEL_MEETING: "the review panel was requested",
    Phase.PANEL_REPORT: "the panel met",
    Phase.COUNCIL_RESPONSE: "the panel's report was received",
}


def stage_due_on(stage: Stage, calendar: WorkingDayCalendar) -> date | None:
    """The due date implied by the stage's clock, or None before the clock starts."""
    if stage.clock_started_on is None:
        return None
    return calendar.add_working_days(
        stage.clock_started_on, stage.allowed_working_days + stage.paused_working_days
    )


def response_working_days(stage: Stage, responded_on: date, calendar: WorkingDayCalendar) -> int | None:
    """How long the response took, in working days, for the response-time tables.

    Counted like a deadline (ADR 0002): the working days after the clock started, up to and
    including the response date, less the working days the clock was paused. Stage 3's clock
    restarts at each panel milestone, so its time is counted from the request instead.
    """
    start = stage.requested_on if stage.number == 3 else stage.clock_started_on
    if start is None:
        return None
    return max(0, calendar.working_days_between(start, responded_on) - stage.paused_working_days)


def stage_apply_due_on(stage: Stage, calendar: WorkingDayCalendar) -> list[str]:
    """Set due_on (and the phase's milestone column) from the clock; return the fields changed."""
    due = stage_due_on(stage, calendar)
    changed = []
    if stage.due_on != due:
        stage.due_on = due
        changed.append("due_on")
    milestone = PHASE_MILESTONE_FIELD.get(stage.phase)
    if milestone and getattr(stage, milestone) != due:
        setattr(stage, milestone, due)
        changed.append(milestone)
    return changed


def stage_due_explanation(stage: Stage, calendar: WorkingDayCalendar) -> str:
    """How the due date was worked out, e.g. '10 working days after Tuesday 4 January 2022, ...'."""
    if stage.clock_started_on is None:
        return "The clock has not started yet."
    total = stage.allowed_working_days + stage.paused_working_days
    parts = []
    if stage.paused_working_days:
        parts.append(
            f"{stage.allowed_working_days} working days allowed plus {stage.paused_working_days} "
            f"working days while paused."
        )
    parts.append(calendar.explain(stage.clock_started_on, total))
    if stage.is_paused:
        parts.append(
            f"The clock has been paused since {long_date_with_day(stage.paused_since)}; "
            "the due date will move when it resumes."
        )
    return " ".join(parts)
