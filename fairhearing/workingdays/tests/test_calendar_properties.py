"""Properties of working-day counting that must hold for any date, period and set of holidays."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from fairhearing.workingdays.calendar import WorkingDayCalendar

from .conftest import SEEDED_BANK_HOLIDAYS

DAYS = st.dates(min_value=date(2009, 1, 1), max_value=date(2036, 12, 31))
PERIODS = st.integers(min_value=0, max_value=130)  # beyond the longest statutory period (65 WD)

# The real list plus up to a dozen random closure days (some at weekends, which must be harmless).
CALENDARS = st.dictionaries(DAYS, st.just("Council closure day"), max_size=12).map(
    lambda extra: WorkingDayCalendar({**extra, **SEEDED_BANK_HOLIDAYS})
)
QUICK = settings(max_examples=150, deadline=None)


def _count_by_walking(calendar: WorkingDayCalendar, start: date, end: date) -> int:
    """The slow, obviously right count, to check the arithmetic one against."""
    count, day = 0, start + timedelta(days=1)
    while day <= end:
        count += calendar.is_working_day(day)
        day += timedelta(days=1)
    return count


@QUICK
@given(CALENDARS, DAYS, PERIODS.filter(lambda n: n >= 1))
def test_the_due_date_is_a_working_day_and_never_a_weekend(calendar, start, n):
    due = calendar.add_working_days(start, n)
    assert calendar.is_working_day(due)
    assert due.weekday() < 5
    assert due > start


@QUICK
@given(CALENDARS, DAYS, PERIODS)
def test_a_longer_period_ends_strictly_later(calendar, start, n):
    assert calendar.add_working_days(start, n) < calendar.add_working_days(start, n + 1)


@QUICK
@given(CALENDARS, DAYS, PERIODS)
def test_counting_the_days_between_gives_back_the_period(calendar, start, n):
    assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n


@QUICK
@given(CALENDARS, DAYS, DAYS)
def test_adding_the_days_between_reaches_any_later_working_day(calendar, start, end):
    if end > start and calendar.is_working_day(end):
        assert calendar.add_working_days(start, calendar.working_days_between(start, end)) == end


@QUICK
@given(CALENDARS, DAYS, PERIODS.filter(lambda n: n >= 1), PERIODS)
def test_periods_add_up(calendar, start, a, b):
    # a >= 1 so the first period ends on a working day; from there, b more is a + b in all.
    middle = calendar.add_working_days(start, a)
    assert calendar.add_working_days(middle, b) == calendar.add_working_days(start, a + b)


@QUICK
@given(CALENDARS, DAYS, DAYS)
def test_working_and_non_working_days_account_for_every_day(calendar, start, end):
    working = calendar.working_days_between(start, end)
    assert working == _count_by_walking(calendar, start, end)
    non_working = calendar.non_working_days_between(start, end)
    assert working + len(non_working) == max((end - start).days, 0)
    assert all(not calendar.is_working_day(day) for day, _ in non_working)


@QUICK
@given(DAYS, PERIODS)
def test_with_no_holidays_only_weekends_are_skipped(start, n):
    due = WorkingDayCalendar().add_working_days(start, n)
    weekdays = sum(
        (start + timedelta(days=offset)).weekday() < 5
        for offset in range(1, (due - start).days + 1)
    )
    assert weekdays == n
