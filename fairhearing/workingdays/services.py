"""Every change to the working-day calendar.

Each service validates, saves and then calls ``notify_calendar_changed`` inside the same
transaction, so the stages app recalculates stored due dates and the audit app records the change
together with it, or not at all (see ``listeners``). Refusals raise DomainError with a message an
administrator can act on.

The ``*_check`` functions hold the validation, so the admin can show a refusal against the form
field before anything is saved; the services call them too, so no path skips them.
"""

from datetime import date as Date
from typing import Any

from django.db import transaction

from fairhearing.core import clock
from fairhearing.core.dates import long_date_with_day
from fairhearing.core.errors import DomainError

from .choices import BankHolidaySource
from .listeners import notify_calendar_changed
from .models import BankHoliday, ClosureDay
from .sources import england_and_wales_bank_holidays

# The ``holidays`` package computes any year, but these bounds catch typing mistakes (e.g. 225).
EARLIEST_REFRESH_YEAR = 2000
LATEST_REFRESH_YEAR = 2100


def _refuse_existing_bank_holiday(day: Date) -> None:
    existing = BankHoliday.objects.filter(date=day).first()
    if existing is not None:
        raise DomainError(
            f"{long_date_with_day(day)} is already a bank holiday ({existing.name}).",
            code="duplicate",
        )


def bank_holiday_create_check(*, date: Date, name: str) -> None:
    """Refuse a bank holiday with no name, or on a date that already is one."""
    if not name.strip():
        raise DomainError('Give the bank holiday\'s name, e.g. "Coronation of Charles III".')
    _refuse_existing_bank_holiday(date)


@transaction.atomic
def bank_holiday_create(*, date: Date, name: str, actor: Any) -> BankHoliday:
    """Add a bank holiday by hand, e.g. a one-off day proclaimed after the list was seeded.

    Allowed on a closure day (the statutory reason then shows in explanations) and at a weekend
    (Christmas Day on a Saturday is still listed, as GOV.UK lists it).
    """
    bank_holiday_create_check(date=date, name=name)
    bank_holiday = BankHoliday.objects.create(
        date=date, name=name.strip(), source=BankHolidaySource.MANUAL
    )
    notify_calendar_changed(
        actor=actor,
        description=f"Bank holiday added: {bank_holiday.name}, {long_date_with_day(date)}",
        changed_dates=[date],
    )
    return bank_holiday


@transaction.atomic
def bank_holiday_delete(*, bank_holiday: BankHoliday, actor: Any) -> None:
    """Remove a bank holiday that was entered wrongly; the day becomes a working day again
    (unless it is a weekend or a closure day)."""
    day, name = bank_holiday.date, bank_holiday.name
    bank_holiday.delete()
    notify_calendar_changed(
        actor=actor,
        description=f"Bank holiday removed: {name}, {long_date_with_day(day)}",
        changed_dates=[day],
    )


def closure_day_create_check(*, date: Date, reason: str, today: Date | None = None) -> None:
    """Refuse a closure day that would change nothing or rewrite the past."""
    today = today or clock.today()
    if not reason.strip():
        raise DomainError('Give the reason the council is closed, e.g. "Council closure day".')
    if date.weekday() >= 5:
        raise DomainError(
            f"{long_date_with_day(date)} is a weekend day, so it is already not a working day. "
            "There is no need to add a closure day."
        )
    # Adding a closure day in the past would quietly make late responses look on time.
    if date < today:
        raise DomainError(
            f"{long_date_with_day(date)} is in the past. Closure days can only be added for today "
            "or later, so that deadlines which have already passed do not move."
        )
    _refuse_existing_bank_holiday(date)
    existing = ClosureDay.objects.filter(date=date).first()
    if existing is not None:
        raise DomainError(
            f"{long_date_with_day(date)} is already a closure day ({existing.reason}).",
            code="duplicate",
        )


@transaction.atomic
def closure_day_create(
    *, date: Date, reason: str, actor: Any, today: Date | None = None
) -> ClosureDay:
    """Record a day the whole council is closed, so statutory timescales do not run on it."""
    closure_day_create_check(date=date, reason=reason, today=today)
    closure_day = ClosureDay.objects.create(date=date, reason=reason.strip())
    notify_calendar_changed(
        actor=actor,
        description=f"Closure day added: {closure_day.reason}, {long_date_with_day(date)}",
        changed_dates=[date],
    )
    return closure_day


def closure_day_delete_check(*, closure_day: ClosureDay, today: Date | None = None) -> None:
    """Refuse to remove a closure day that has already happened."""
    today = today or clock.today()
    if closure_day.date < today:
        raise DomainError(
            f"The closure day on {long_date_with_day(closure_day.date)} has already happened, "
            "so it cannot be removed: deadlines counted around it must not move."
        )


@transaction.atomic
def closure_day_delete(*, closure_day: ClosureDay, actor: Any, today: Date | None = None) -> None:
    """Cancel a planned closure day; it becomes a working day again."""
    closure_day_delete_check(closure_day=closure_day, today=today)
    day, reason = closure_day.date, closure_day.reason
    closure_day.delete()
    notify_calendar_changed(
        actor=actor,
        description=f"Closure day removed: {reason}, {long_date_with_day(day)}",
        changed_dates=[day],
    )


@transaction.atomic
def bank_holidays_refresh(
    *, first_year: int, last_year: int, actor: Any = None
) -> list[BankHoliday]:
    """Add any England and Wales bank holidays from ``first_year`` to ``last_year`` that the
    table lacks, computed offline by the ``holidays`` package. Never deletes or renames a row.

    Returns the rows created (empty if the table was already complete). A day an administrator
    deleted will come back if the package still lists it.
    """
    if first_year > last_year:
        raise DomainError(f"The first year ({first_year}) is after the last year ({last_year}).")
    if first_year < EARLIEST_REFRESH_YEAR or last_year > LATEST_REFRESH_YEAR:
        raise DomainError(
            f"Years must be between {EARLIEST_REFRESH_YEAR} and {LATEST_REFRESH_YEAR}; "
            f"got {first_year} to {last_year}."
        )
    expected = england_and_wales_bank_holidays(first_year, last_year)
    existing = set(
        BankHoliday.objects.filter(date__in=list(expected)).values_list("date", flat=True)
    )
    created = BankHoliday.objects.bulk_create(
        BankHoliday(date=day, name=name, source=BankHolidaySource.REFRESHED)
        for day, name in expected.items()
        if day not in existing
    )
    if created:
        years = str(first_year) if first_year == last_year else f"{first_year} to {last_year}"
        notify_calendar_changed(
            actor=actor,
            description=f"{len(created)} bank holiday{'' if len(created) == 1 else 's'} added "
            f"by the refresh for {years}",
            changed_dates=[row.date for row in created],
        )
    return created
