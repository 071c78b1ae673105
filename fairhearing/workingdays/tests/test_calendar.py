"""WorkingDayCalendar's edges and its plain-English explanations."""

from datetime import date, datetime

import pytest

from fairhearing.workingdays.calendar import WorkingDayCalendar


def test_weekends_are_never_working_days_even_when_not_listed():
    calendar = WorkingDayCalendar()
    assert calendar.is_working_day(date(2022, 1, 7))  # Friday
    assert not calendar.is_working_day(date(2022, 1, 8))  # Saturday
    assert not calendar.is_working_day(date(2022, 1, 9))  # Sunday


def test_listed_days_are_not_working_days():
    calendar = WorkingDayCalendar({date(2025, 12, 29): "Council closure day"})
    assert not calendar.is_working_day(date(2025, 12, 29))
    assert calendar.reason_not_working(date(2025, 12, 29)) == "Council closure day"
    assert calendar.reason_not_working(date(2025, 12, 30)) is None


def test_zero_days_is_the_event_day_unchanged_even_at_a_weekend():
    assert WorkingDayCalendar().add_working_days(date(2022, 1, 8), 0) == date(2022, 1, 8)


def test_a_negative_period_is_refused():
    with pytest.raises(ValueError, match="0 or more"):
        WorkingDayCalendar().add_working_days(date(2022, 1, 4), -1)


def test_a_datetime_is_refused_because_it_would_miss_holidays():
    calendar = WorkingDayCalendar({date(2022, 1, 3): "New Year's Day (observed)"})
    with pytest.raises(TypeError, match="must be a date"):
        calendar.add_working_days(datetime(2022, 1, 1, 12, 0), 1)  # noqa: DTZ001
    with pytest.raises(TypeError):
        WorkingDayCalendar({datetime(2022, 1, 3): "bad"})  # noqa: DTZ001


def test_the_calendar_cannot_be_changed_after_it_is_built():
    source = {date(2025, 12, 29): "Council closure day"}
    calendar = WorkingDayCalendar(source)
    source[date(2025, 12, 30)] = "Added later"
    assert calendar.is_working_day(date(2025, 12, 30))
    with pytest.raises(TypeError):
        calendar.non_working_days[date(2025, 12, 31)] = "Not allowed"  # type: ignore[index]


def test_a_holiday_name_explains_a_weekend_holiday(seeded_calendar):
    assert seeded_calendar.reason_not_working(date(2021, 12, 25)) == "Christmas Day"
    assert seeded_calendar.reason_not_working(date(2021, 12, 26)) == "Boxing Day"
    assert seeded_calendar.reason_not_working(date(2022, 1, 2)) == "Sunday"


def test_non_working_days_between_excludes_the_start_and_includes_the_end(seeded_calendar):
    assert seeded_calendar.non_working_days_between(date(2022, 4, 15), date(2022, 4, 18)) == [
        (date(2022, 4, 16), "Saturday"),
        (date(2022, 4, 17), "Sunday"),
        (date(2022, 4, 18), "Easter Monday"),
    ]
    assert seeded_calendar.non_working_days_between(date(2022, 4, 18), date(2022, 4, 15)) == []


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (
            date(2022, 1, 4),
            10,
            "10 working days after Tuesday 4 January 2022, skipping the weekend of 8–9 January "
            "2022 and the weekend of 15–16 January 2022 → due Tuesday 18 January 2022",
        ),
        (
            date(2022, 4, 14),
            3,
            "3 working days after Thursday 14 April 2022, skipping Good Friday on Friday 15 April "
            "2022, the weekend of 16–17 April 2022 and Easter Monday on Monday 18 April 2022 → due "
            "Thursday 21 April 2022",
        ),
        (
            date(2022, 4, 29),
            1,
            "1 working day after Friday 29 April 2022, skipping the weekend of 30 April – 1 May "
            "2022 and May Day on Monday 2 May 2022 → due Tuesday 3 May 2022",
        ),
        (
            date(2022, 1, 8),
            1,
            "1 working day after Saturday 8 January 2022 (not a working day, but still day 0), "
            "skipping Sunday 9 January 2022 → due Monday 10 January 2022",
        ),
        (
            date(2022, 5, 2),
            1,
            "1 working day after Monday 2 May 2022 (May Day: not a working day, but still day 0) "
            "→ due Tuesday 3 May 2022",
        ),
        (
            date(2022, 1, 9),
            0,
            "0 working days after Sunday 9 January 2022 → due the same day, Sunday 9 January 2022",
        ),
        (
            date(2022, 1, 10),
            2,
            "2 working days after Monday 10 January 2022 → due Wednesday 12 January 2022",
        ),
    ],
)
def test_explain(seeded_calendar, start, n, expected):
    assert seeded_calendar.explain(start, n) == expected


def test_explain_names_a_weekend_holiday_rather_than_the_weekday(seeded_calendar):
    explanation = seeded_calendar.explain(date(2021, 12, 24), 1)
    assert explanation == (
        "1 working day after Friday 24 December 2021, skipping Christmas Day on Saturday "
        "25 December 2021, Boxing Day on Sunday 26 December 2021, Christmas Day (observed) on "
        "Monday 27 December 2021 and Boxing Day (observed) on Tuesday 28 December 2021 → due "
        "Wednesday 29 December 2021"
    )


def test_explain_shows_weekends_that_span_a_year_end():
    # Saturday 31 December 2033 and Sunday 1 January 2034 with no holiday listed.
    assert "the weekend of 31 December 2033 – 1 January 2034" in WorkingDayCalendar().explain(
        date(2033, 12, 30), 1
    )
