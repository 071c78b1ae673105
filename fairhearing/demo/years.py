"""The years the demo covers, and the dates its records fall on.

The complaints (scenarios.py) cover the two whole financial years before today and the current
year up to today; every other kind of record covers the same years.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from fairhearing.workingdays.calendar import WorkingDayCalendar

from .scenarios import financial_year_end


@dataclass(frozen=True)
class DemoYear:
    """One year of the demo: a whole financial year, or the current one from 1 April to today."""

    start: date
    end: date
    # The part of a whole year it covers, to scale a year's volume (1.0 for a whole year).
    share: float

    @property
    def label(self) -> str:
        return f"{self.start.year}-{str(self.start.year + 1)[2:]}"

    @property
    def ends_on(self) -> date:
        """The 31 March the financial year ends on (after today, for the current year)."""
        return date(self.start.year + 1, 3, 31)

    def scaled(self, per_year: int) -> int:
        """``per_year`` records scaled to the part of the year the demo covers."""
        return round(per_year * self.share)


def demo_years(today: date) -> list[DemoYear]:
    """The two whole financial years before today, then the current one up to today.

    The same years as the complaints (scenarios.scenarios_plan). On 1 April the current year is
    one day long, so it gets almost nothing, as a real council's would.
    """
    year_end = financial_year_end(today)
    years = [
        DemoYear(date(year_end.year - 2, 4, 1), date(year_end.year - 1, 3, 31), 1.0),
        DemoYear(date(year_end.year - 1, 4, 1), year_end, 1.0),
    ]
    current_start = year_end + timedelta(days=1)
    if current_start <= today:
        years.append(DemoYear(current_start, today, ((today - current_start).days + 1) / 365))
    return years


def per_year(years: list[DemoYear], sizes: tuple[int, int]) -> list[int]:
    """How many records each demo year gets: ``sizes`` for the two whole years, and the later
    year's rate for the current one."""
    return [year.scaled(sizes[min(index, 1)]) for index, year in enumerate(years)]


def working_day_in(calendar: WorkingDayCalendar, day: date, *, start: date, end: date) -> date:
    """``day`` moved to the next working day, or back to the previous one at the end of a span.
    Letters, calls and meetings happen on working days."""
    moved = day
    while not calendar.is_working_day(moved) and moved < end:
        moved += timedelta(days=1)
    while not calendar.is_working_day(moved) and moved > start:
        moved -= timedelta(days=1)
    return moved


def spread(rng: Random, calendar: WorkingDayCalendar, start: date, end: date, count: int) -> list[date]:
    """``count`` working days drawn at random from ``start`` to ``end``, in order."""
    if count <= 0 or end < start:
        return []
    span = (end - start).days
    days = [start + timedelta(days=rng.randint(0, span)) for _ in range(count)]
    return sorted(working_day_in(calendar, day, start=start, end=end) for day in days)
