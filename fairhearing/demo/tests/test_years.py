"""The years the demo's other records cover, and the days they fall on (pure, no database)."""

from datetime import date, timedelta
from random import Random

import pytest

from fairhearing.demo.years import DemoYear, demo_years, per_year, spread, working_day_in
from fairhearing.workingdays.calendar import WorkingDayCalendar

EASTER_2026 = WorkingDayCalendar({date(2026, 4, 3): "Good Friday", date(2026, 4, 6): "Easter Monday"})
CHRISTMAS_2025 = WorkingDayCalendar({date(2025, 12, 25): "Christmas Day", date(2025, 12, 26): "Boxing Day"})


def test_on_31_march_the_current_year_is_a_whole_one():
    years = demo_years(date(2026, 3, 31))
    assert [(y.start, y.end) for y in years] == [
        (date(2023, 4, 1), date(2024, 3, 31)), (date(2024, 4, 1), date(2025, 3, 31)),
        (date(2025, 4, 1), date(2026, 3, 31)),
    ]
    assert years[2].share == 1.0 and years[2].label == "2025-26"


def test_on_1_april_the_current_year_is_one_day_and_gets_almost_nothing():
    years = demo_years(date(2026, 4, 1))
    assert [(y.start, y.end) for y in years] == [
        (date(2024, 4, 1), date(2025, 3, 31)), (date(2025, 4, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 4, 1)),
    ]
    assert years[2].share == pytest.approx(1 / 365)
    assert per_year(years, (22, 18)) == [22, 18, 0]
    assert years[2].ends_on == date(2027, 3, 31)


def test_the_current_year_gets_the_later_years_rate_for_the_part_that_has_passed():
    years = demo_years(date(2026, 9, 30))  # 183 days of 365
    assert per_year(years, (40, 50)) == [40, 50, 25]


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2026, 4, 2), date(2026, 4, 2)),   # a Thursday: already a working day
     (date(2026, 4, 3), date(2026, 4, 7)),   # Good Friday, the weekend and Easter Monday
     (date(2026, 4, 6), date(2026, 4, 7))],  # Easter Monday
)
def test_a_day_moves_to_the_next_working_day(day, expected):
    assert working_day_in(EASTER_2026, day, start=date(2026, 4, 1), end=date(2026, 4, 30)) == expected


def test_at_the_end_of_a_span_a_day_moves_back_instead():
    # 27 and 28 December 2025 are a weekend, Christmas and Boxing Day before them.
    assert working_day_in(CHRISTMAS_2025, date(2025, 12, 28), start=date(2025, 12, 1),
                          end=date(2025, 12, 28)) == date(2025, 12, 24)


def test_spread_gives_working_days_in_order_within_the_span():
    start, end = date(2026, 3, 30), date(2026, 4, 10)
    days = spread(Random(5), EASTER_2026, start, end, 40)
    assert len(days) == 40 and days == sorted(days)
    assert all(start <= day <= end and EASTER_2026.is_working_day(day) for day in days)
    assert spread(Random(5), EASTER_2026, start, end, 0) == []
    assert spread(Random(5), EASTER_2026, end, start, 3) == []


def test_a_year_scales_a_yearly_volume():
    half = DemoYear(date(2026, 4, 1), date(2026, 4, 1) + timedelta(days=182), 0.5)
    assert half.scaled(54) == 27 and half.scaled(3) == 2
