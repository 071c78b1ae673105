"""How a due date stands today, for the tags on staff pages."""

from datetime import date

from fairhearing.workingdays.calendar import WorkingDayCalendar

# "Due soon" means within the next five working days, the dashboard's look-ahead.
DUE_SOON_WORKING_DAYS = 5


def due_soon_limit(*, today: date, calendar: WorkingDayCalendar) -> date:
    return calendar.add_working_days(today, DUE_SOON_WORKING_DAYS)


def due_status(*, due_on: date | None, today: date, soon_limit: date, paused: bool = False) -> str:
    """'overdue', 'due_soon', 'on_track', 'paused' or '' (no deadline)."""
    if paused:
        return "paused"
    if due_on is None:
        return ""
    if due_on < today:
        return "overdue"
    if due_on <= soon_limit:
        return "due_soon"
    return "on_track"
