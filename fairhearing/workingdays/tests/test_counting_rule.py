"""Boundary tables for the counting rule: N working days from an event end on the Nth working day
after the event day, whatever day the event fell on (ADR 0002).

Every expected date was checked by hand: count forward on a printed calendar for the month, one
working day at a time from the day after the event, striking out Saturdays, Sundays and the
England and Wales bank holidays on GOV.UK's list (https://www.gov.uk/bank-holidays). The weekday
of each date is written next to it and asserted, so a mistyped date fails loudly.
"""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.utils import timezone

from fairhearing.core import clock
from fairhearing.workingdays.selectors import calendar_get

# (event, its weekday, N, due date, its weekday, how it was counted)
CASES = [
    # Ordinary weeks: weekends skipped, event day never counted.
    (date(2022, 1, 4), "Tue", 10, date(2022, 1, 18), "Tue", "5-7, 10-14, 17-18 Jan"),
    (date(2022, 1, 7), "Fri", 1, date(2022, 1, 10), "Mon", "Sat 8, Sun 9 skipped"),
    (date(2022, 1, 7), "Fri", 10, date(2022, 1, 21), "Fri", "10-14, 17-21 Jan"),
    # Events at a weekend: still day 0, so Saturday, Sunday and Friday give the same answer.
    (date(2022, 1, 8), "Sat", 1, date(2022, 1, 10), "Mon", "Sun 9 skipped"),
    (date(2022, 1, 8), "Sat", 10, date(2022, 1, 21), "Fri", "10-14, 17-21 Jan"),
    (date(2022, 1, 9), "Sun", 1, date(2022, 1, 10), "Mon", "next day"),
    (date(2022, 1, 9), "Sun", 10, date(2022, 1, 21), "Fri", "10-14, 17-21 Jan"),
    (date(2022, 1, 9), "Sun", 0, date(2022, 1, 9), "Sun", "N=0 is the event day itself"),
    # Event on a bank holiday (early May bank holiday 2022): still day 0.
    (date(2022, 5, 2), "Mon", 1, date(2022, 5, 3), "Tue", "next day"),
    (date(2022, 5, 2), "Mon", 10, date(2022, 5, 16), "Mon", "3-6, 9-13, 16 May"),
    (date(2022, 8, 26), "Fri", 1, date(2022, 8, 30), "Tue", "late summer bank holiday Mon 29 Aug"),
    # Easter 2022: Good Friday 15 April, Easter Monday 18 April, then early May 2 May.
    (date(2022, 4, 13), "Wed", 10, date(2022, 4, 29), "Fri", "14, 19-22, 25-29 Apr"),
    (date(2022, 4, 14), "Thu", 1, date(2022, 4, 19), "Tue", "15-18 Apr skipped"),
    (date(2022, 4, 14), "Thu", 10, date(2022, 5, 3), "Tue", "19-22, 25-29 Apr, 3 May"),
    (date(2022, 4, 15), "Fri", 1, date(2022, 4, 19), "Tue", "event on Good Friday"),
    (date(2022, 4, 18), "Mon", 1, date(2022, 4, 19), "Tue", "event on Easter Monday"),
    # Easter 2024: Good Friday 29 March, Easter Monday 1 April (BST began Sunday 31 March).
    (
        date(2024, 3, 20),
        "Wed",
        20,
        date(2024, 4, 19),
        "Fri",
        "21-22, 25-28 Mar, 2-5, 8-12, 15-19 Apr",
    ),
    (date(2024, 3, 28), "Thu", 1, date(2024, 4, 2), "Tue", "29 Mar-1 Apr skipped"),
    (date(2024, 3, 28), "Thu", 10, date(2024, 4, 15), "Mon", "2-5, 8-12, 15 Apr"),
    (date(2024, 3, 29), "Fri", 5, date(2024, 4, 8), "Mon", "2-5, 8 Apr"),
    # Christmas 2021 on a Saturday: substitutes Mon 27 and Tue 28 Dec; New Year's Day on a
    # Saturday, substitute Mon 3 January 2022.
    (date(2021, 12, 23), "Thu", 1, date(2021, 12, 24), "Fri", "Christmas Eve is a working day"),
    (date(2021, 12, 24), "Fri", 1, date(2021, 12, 29), "Wed", "25-28 Dec skipped"),
    (date(2021, 12, 24), "Fri", 3, date(2021, 12, 31), "Fri", "29-31 Dec"),
    (date(2021, 12, 24), "Fri", 4, date(2022, 1, 4), "Tue", "1-3 Jan skipped"),
    (date(2021, 12, 24), "Fri", 10, date(2022, 1, 12), "Wed", "29-31 Dec, 4-7, 10-12 Jan"),
    (date(2021, 12, 25), "Sat", 10, date(2022, 1, 12), "Wed", "event on Christmas Day"),
    # Christmas 2022 on a Sunday: Boxing Day Mon 26, substitute Tue 27 Dec; New Year's Day on a
    # Sunday, substitute Mon 2 January 2023.
    (date(2022, 12, 23), "Fri", 1, date(2022, 12, 28), "Wed", "24-27 Dec skipped"),
    (date(2022, 12, 23), "Fri", 3, date(2022, 12, 30), "Fri", "28-30 Dec"),
    (date(2022, 12, 23), "Fri", 4, date(2023, 1, 3), "Tue", "31 Dec-2 Jan skipped"),
    (date(2022, 12, 23), "Fri", 10, date(2023, 1, 11), "Wed", "28-30 Dec, 3-6, 9-11 Jan"),
    (date(2022, 12, 25), "Sun", 1, date(2022, 12, 28), "Wed", "event on Christmas Day"),
    (date(2022, 12, 31), "Sat", 1, date(2023, 1, 3), "Tue", "New Year substitute skipped"),
    # Platinum Jubilee 2022: spring bank holiday moved to Thu 2 June, plus Fri 3 June.
    (date(2022, 5, 27), "Fri", 1, date(2022, 5, 30), "Mon", "30 May was a working day in 2022"),
    (date(2022, 5, 31), "Tue", 2, date(2022, 6, 6), "Mon", "1 Jun, then 6 Jun"),
    (date(2022, 6, 1), "Wed", 1, date(2022, 6, 6), "Mon", "2-5 Jun skipped"),
    (date(2022, 6, 1), "Wed", 10, date(2022, 6, 17), "Fri", "6-10, 13-17 Jun"),
    # State Funeral of Queen Elizabeth II, Monday 19 September 2022.
    (date(2022, 9, 16), "Fri", 1, date(2022, 9, 20), "Tue", "17-19 Sep skipped"),
    (date(2022, 9, 16), "Fri", 5, date(2022, 9, 26), "Mon", "20-23, 26 Sep"),
    (date(2022, 9, 19), "Mon", 1, date(2022, 9, 20), "Tue", "event on the funeral day"),
    # Coronation of King Charles III, Monday 8 May 2023 (early May bank holiday was 1 May, spring
    # bank holiday 29 May).
    (date(2023, 4, 28), "Fri", 5, date(2023, 5, 9), "Tue", "2-5, 9 May"),
    (date(2023, 4, 28), "Fri", 20, date(2023, 5, 31), "Wed", "2-5, 9-12, 15-19, 22-26, 30-31 May"),
    (date(2023, 5, 5), "Fri", 1, date(2023, 5, 9), "Tue", "6-8 May skipped"),
    # VE Day 75: early May bank holiday moved from Mon 4 to Fri 8 May 2020.
    (date(2020, 5, 1), "Fri", 1, date(2020, 5, 4), "Mon", "4 May was a working day in 2020"),
    (date(2020, 5, 1), "Fri", 5, date(2020, 5, 11), "Mon", "4-7, 11 May"),
    (date(2020, 5, 7), "Thu", 1, date(2020, 5, 11), "Mon", "8-10 May skipped"),
    # Clock changes (last Sunday of March and of October): dates do not move.
    (date(2023, 3, 24), "Fri", 1, date(2023, 3, 27), "Mon", "BST began Sun 26 Mar"),
    (date(2023, 3, 25), "Sat", 1, date(2023, 3, 27), "Mon", "BST began Sun 26 Mar"),
    (date(2023, 3, 26), "Sun", 5, date(2023, 3, 31), "Fri", "27-31 Mar"),
    (date(2023, 10, 27), "Fri", 1, date(2023, 10, 30), "Mon", "BST ended Sun 29 Oct"),
    (date(2023, 10, 29), "Sun", 10, date(2023, 11, 10), "Fri", "30 Oct-3 Nov, 6-10 Nov"),
    (date(2022, 10, 30), "Sun", 1, date(2022, 10, 31), "Mon", "BST ended Sun 30 Oct"),
]


@pytest.mark.parametrize(("event", "event_day", "n", "due", "due_day", "counted"), CASES)
def test_due_date(seeded_calendar, event, event_day, n, due, due_day, counted):
    assert f"{event:%a}" == event_day, "the table's weekday for the event is wrong"
    assert f"{due:%a}" == due_day, "the table's weekday for the due date is wrong"
    assert seeded_calendar.add_working_days(event, n) == due, counted


@pytest.mark.parametrize(("event", "event_day", "n", "due", "due_day", "counted"), CASES)
def test_working_days_between_counts_back_to_n(
    seeded_calendar, event, event_day, n, due, due_day, counted
):
    assert seeded_calendar.working_days_between(event, due) == n


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2022, 1, 4), date(2022, 1, 18), 10),  # exactly on the due date
        (date(2022, 1, 4), date(2022, 1, 19), 11),  # one day after the due date
        (date(2022, 1, 4), date(2022, 1, 4), 0),
        (date(2022, 1, 18), date(2022, 1, 4), 0),  # end before start
        (date(2022, 4, 14), date(2022, 4, 18), 0),  # only Easter days in between
        (date(2021, 12, 24), date(2022, 1, 3), 3),  # 29, 30, 31 December
        # 2010-2035 has 9,496 days = 1,356 weeks (6,780 weekdays) + Fri 28 to Mon 31 December
        # 2035 (2 more); less 8 weekday bank holidays a year for 26 years and 5 one-offs (2011,
        # 2012, two in 2022, 2023): moved days do not change the count. The start day, day 0, is
        # not counted, but 1 January 2010 was New Year's Day, not a working day, anyway.
        (date(2010, 1, 1), date(2035, 12, 31), 6782 - 26 * 8 - 5),
    ],
)
def test_working_days_between(seeded_calendar, start, end, expected):
    assert seeded_calendar.working_days_between(start, end) == expected


@pytest.mark.django_db
def test_the_stored_calendar_gives_the_same_answers(seeded_calendar):
    stored = calendar_get()
    for event, _, n, due, _, _ in CASES:
        assert stored.add_working_days(event, n) == due


@pytest.mark.parametrize(
    ("moment", "local_event_day", "next_working_day"),
    [
        # 00:30 BST on Monday 27 March 2023 is still Sunday in UTC: the London date counts.
        (datetime(2023, 3, 26, 23, 30, tzinfo=UTC), date(2023, 3, 27), date(2023, 3, 28)),
        # 00:30 BST on Sunday 29 October 2023, half an hour before the clocks went back.
        (datetime(2023, 10, 28, 23, 30, tzinfo=UTC), date(2023, 10, 29), date(2023, 10, 30)),
        # 23:30 GMT on Sunday 29 October 2023, after the change: London and UTC agree.
        (datetime(2023, 10, 29, 23, 30, tzinfo=UTC), date(2023, 10, 29), date(2023, 10, 30)),
    ],
)
def test_an_event_at_a_clock_change_counts_from_its_london_date(
    seeded_calendar, moment, local_event_day, next_working_day
):
    event_day = timezone.localdate(moment)
    assert event_day == local_event_day
    assert seeded_calendar.add_working_days(event_day, 1) == next_working_day
    with time_machine.travel(moment, tick=False):
        assert clock.today() == local_event_day
        assert seeded_calendar.add_working_days(clock.today(), 1) == next_working_day
