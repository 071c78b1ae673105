"""Changing the calendar: validation, refusals and the calendar-change notification."""

from datetime import date

import pytest

from fairhearing.core.errors import DomainError
from fairhearing.workingdays.choices import BankHolidaySource
from fairhearing.workingdays.listeners import (
    register_calendar_listener,
    unregister_calendar_listener,
)
from fairhearing.workingdays.models import BankHoliday, ClosureDay
from fairhearing.workingdays.selectors import calendar_get
from fairhearing.workingdays.services import (
    bank_holiday_create,
    bank_holiday_delete,
    bank_holidays_refresh,
    closure_day_create,
    closure_day_delete,
)
from fairhearing.workingdays.sources import england_and_wales_bank_holidays

pytestmark = pytest.mark.django_db

TODAY = date(2025, 11, 3)  # a Monday
CLOSURE = date(2025, 12, 29)  # a Monday between Christmas and New Year


def test_bank_holiday_create_adds_a_manual_row_and_notifies(calendar_changes, superuser):
    holiday = bank_holiday_create(date=date(2030, 6, 4), name=" Royal occasion ", actor=superuser)
    assert holiday.name == "Royal occasion"
    assert holiday.source == BankHolidaySource.MANUAL
    assert calendar_changes.calls == [
        {
            "actor": superuser,
            "description": "Bank holiday added: Royal occasion, Tuesday 4 June 2030",
            "changed_dates": [date(2030, 6, 4)],
            "in_transaction": True,
        }
    ]


def test_listeners_see_the_new_calendar():
    seen: list[bool] = []

    def listener(*, actor, description, changed_dates):
        seen.append(calendar_get().is_working_day(changed_dates[0]))

    register_calendar_listener(listener)
    try:
        bank_holiday_create(date=date(2030, 6, 4), name="Royal occasion", actor=None)
    finally:
        unregister_calendar_listener(listener)
    assert seen == [False]


def test_bank_holiday_create_refuses_a_date_that_already_is_one(calendar_changes):
    with pytest.raises(DomainError) as refused:
        bank_holiday_create(date=date(2022, 12, 25), name="Christmas", actor=None)
    assert (
        refused.value.message
        == "Sunday 25 December 2022 is already a bank holiday (Christmas Day)."
    )
    assert calendar_changes.calls == []


def test_bank_holiday_create_refuses_a_blank_name():
    with pytest.raises(DomainError, match="Give the bank holiday's name"):
        bank_holiday_create(date=date(2030, 6, 4), name="  ", actor=None)


def test_a_bank_holiday_may_fall_on_a_closure_day():
    ClosureDay.objects.create(date=date(2030, 6, 4), reason="Council closed")
    bank_holiday_create(date=date(2030, 6, 4), name="Royal occasion", actor=None)
    assert calendar_get().reason_not_working(date(2030, 6, 4)) == "Royal occasion"


def test_bank_holiday_delete_makes_the_day_a_working_day_and_notifies(calendar_changes, superuser):
    holiday = BankHoliday.objects.get(date=date(2030, 8, 26))
    bank_holiday_delete(bank_holiday=holiday, actor=superuser)
    assert not BankHoliday.objects.filter(date=date(2030, 8, 26)).exists()
    assert calendar_get().is_working_day(date(2030, 8, 26))
    assert calendar_changes.calls[0]["description"] == (
        "Bank holiday removed: Late Summer Bank Holiday, Monday 26 August 2030"
    )
    assert calendar_changes.calls[0]["actor"] is superuser


def test_closure_day_create_adds_a_day_and_notifies(calendar_changes, superuser):
    closure = closure_day_create(
        date=CLOSURE,
        reason="Council closed between Christmas and New Year",
        actor=superuser,
        today=TODAY,
    )
    assert ClosureDay.objects.get() == closure
    assert not calendar_get().is_working_day(CLOSURE)
    assert calendar_changes.calls == [
        {
            "actor": superuser,
            "description": "Closure day added: Council closed between Christmas and New Year, "
            "Monday 29 December 2025",
            "changed_dates": [CLOSURE],
            "in_transaction": True,
        }
    ]


def test_a_closure_day_can_be_added_for_today():
    closure_day_create(date=TODAY, reason="Emergency closure", actor=None, today=TODAY)
    assert ClosureDay.objects.filter(date=TODAY).exists()


@pytest.mark.parametrize(
    ("day", "reason", "message"),
    [
        (
            date(2025, 12, 27),
            "Council closed",
            "Saturday 27 December 2025 is a weekend day, so it is already not a working day. "
            "There is no need to add a closure day.",
        ),
        (
            date(2025, 10, 31),
            "Council closed",
            "Friday 31 October 2025 is in the past. Closure days can only be added for today or "
            "later, so that deadlines which have already passed do not move.",
        ),
        (
            date(2025, 12, 26),
            "Council closed",
            "Friday 26 December 2025 is already a bank holiday (Boxing Day).",
        ),
        (CLOSURE, " ", 'Give the reason the council is closed, e.g. "Council closure day".'),
    ],
)
def test_closure_day_create_refusals(calendar_changes, day, reason, message):
    with pytest.raises(DomainError) as refused:
        closure_day_create(date=day, reason=reason, actor=None, today=TODAY)
    assert refused.value.message == message
    assert not ClosureDay.objects.exists()
    assert calendar_changes.calls == []


def test_closure_day_create_refuses_a_second_closure_on_the_same_day():
    closure_day_create(date=CLOSURE, reason="Council closed", actor=None, today=TODAY)
    with pytest.raises(DomainError) as refused:
        closure_day_create(date=CLOSURE, reason="Again", actor=None, today=TODAY)
    assert (
        refused.value.message
        == "Monday 29 December 2025 is already a closure day (Council closed)."
    )


def test_closure_day_delete_notifies(calendar_changes, superuser):
    closure = ClosureDay.objects.create(date=CLOSURE, reason="Council closed")
    closure_day_delete(closure_day=closure, actor=superuser, today=TODAY)
    assert not ClosureDay.objects.exists()
    assert calendar_changes.calls[0]["changed_dates"] == [CLOSURE]
    assert calendar_changes.calls[0]["description"] == (
        "Closure day removed: Council closed, Monday 29 December 2025"
    )


def test_closure_day_delete_refuses_a_day_that_has_happened(calendar_changes):
    closure = ClosureDay.objects.create(date=date(2025, 10, 31), reason="Council closed")
    with pytest.raises(DomainError, match="has already happened"):
        closure_day_delete(closure_day=closure, actor=None, today=TODAY)
    assert ClosureDay.objects.exists()
    assert calendar_changes.calls == []


def test_refresh_adds_only_missing_days_and_reports_them(calendar_changes):
    BankHoliday.objects.filter(date__year=2031).delete()
    created = bank_holidays_refresh(first_year=2030, last_year=2031)
    expected_2031 = england_and_wales_bank_holidays(2031, 2031)
    assert [(row.date, row.name) for row in created] == list(expected_2031.items())
    assert {row.source for row in created} == {BankHolidaySource.REFRESHED}
    assert calendar_changes.calls == [
        {
            "actor": None,
            "description": f"{len(expected_2031)} bank holidays added by the refresh for 2030 to 2031",
            "changed_dates": sorted(expected_2031),
            "in_transaction": True,
        }
    ]


def test_refresh_with_nothing_missing_changes_nothing(calendar_changes):
    assert bank_holidays_refresh(first_year=2020, last_year=2035) == []
    assert calendar_changes.calls == []


def test_refresh_never_deletes_or_renames():
    BankHoliday.objects.create(date=date(2030, 6, 4), name="Royal occasion")
    BankHoliday.objects.filter(date=date(2030, 12, 25)).update(name="Christmas")
    bank_holidays_refresh(first_year=2030, last_year=2030)
    assert BankHoliday.objects.get(date=date(2030, 6, 4)).name == "Royal occasion"
    assert BankHoliday.objects.get(date=date(2030, 12, 25)).name == "Christmas"


@pytest.mark.parametrize(
    ("first_year", "last_year", "message"),
    [
        (2031, 2030, "The first year (2031) is after the last year (2030)."),
        (1900, 2030, "Years must be between 2000 and 2100; got 1900 to 2030."),
        (2030, 20300, "Years must be between 2000 and 2100; got 2030 to 20300."),
    ],
)
def test_refresh_refuses_unlikely_years(first_year, last_year, message):
    with pytest.raises(DomainError) as refused:
        bank_holidays_refresh(first_year=first_year, last_year=last_year)
    assert refused.value.message == message


CHANGES = {
    "bank_holiday_create": lambda: bank_holiday_create(
        date=date(2030, 6, 4), name="Royal occasion", actor=None
    ),
    "bank_holiday_delete": lambda: bank_holiday_delete(
        bank_holiday=BankHoliday.objects.get(date=date(2030, 8, 26)), actor=None
    ),
    "closure_day_create": lambda: closure_day_create(
        date=CLOSURE, reason="Council closed", actor=None, today=TODAY
    ),
    "closure_day_delete": lambda: closure_day_delete(
        closure_day=ClosureDay.objects.get(date=date(2030, 12, 27)), actor=None, today=TODAY
    ),
    "bank_holidays_refresh": lambda: bank_holidays_refresh(first_year=2036, last_year=2036),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_failing_listener_rolls_the_change_back(calendar_changes, change):
    ClosureDay.objects.create(date=date(2030, 12, 27), reason="Council closed")
    before = (
        list(BankHoliday.objects.values_list("date", "name")),
        list(ClosureDay.objects.values_list("date", "reason")),
    )
    calendar_changes.fail_with = DomainError("Open stage 42 could not be recalculated.")
    with pytest.raises(DomainError, match="could not be recalculated"):
        change()
    assert len(calendar_changes.calls) == 1
    assert calendar_changes.calls[0]["in_transaction"]
    after = (
        list(BankHoliday.objects.values_list("date", "name")),
        list(ClosureDay.objects.values_list("date", "reason")),
    )
    assert after == before
