"""Working-day arithmetic for statutory timescales: pure Python, no Django, no database.

A working day is any day except Saturday, Sunday and the non-working days the calendar is built
with (bank holidays and the council's closure days; reg 2 of the Children Act 1989
Representations Procedure (England) Regulations 2006).

Counting rule (ADR 0002): a period of N working days from an event ends on the Nth working day
*after* the day of the event. The event day is day 0 whatever it is, even a Sunday or a bank
holiday; it is never counted itself. So 10 working days from Tuesday 4 January 2022 ends on
Tuesday 18 January 2022.

Build a calendar with ``selectors.calendar_get()`` and pass it around; everything here is
in-memory so a recalculation of many stages costs no queries per stage.
"""

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta
from types import MappingProxyType

from fairhearing.core.dates import long_date, long_date_with_day

ONE_DAY = timedelta(days=1)
SATURDAY, SUNDAY = 5, 6
_WEEKEND_NAMES = {SATURDAY: "Saturday", SUNDAY: "Sunday"}


def _weekdays_up_to(day: date) -> int:
    """How many Mondays to Fridays there are from 1 January AD 1 (a Monday) to ``day`` inclusive."""
    weeks, extra_days = divmod(day.toordinal(), 7)
    return weeks * 5 + min(extra_days, 5)


def _require_date(value: date, name: str) -> None:
    # A datetime is a date subclass but never equals a date key, so holidays would be missed
    # silently. Deadlines are dates in Europe/London: convert with timezone.localdate() first.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a date, not {type(value).__name__}")


class WorkingDayCalendar:
    """Which days are working days, and how to count them.

    ``non_working_days`` maps each bank holiday or closure day to the name shown to people
    ("Good Friday", "Council closure day"). Weekends are always non-working and need not be
    listed. The calendar is immutable once built.
    """

    def __init__(self, non_working_days: Mapping[date, str] | None = None) -> None:
        days = dict(non_working_days or {})
        for day in days:
            _require_date(day, "a non-working day")
        self._non_working = MappingProxyType(days)
        # Only weekday holidays change the count: weekend ones are non-working anyway.
        self._weekday_non_working = sorted(day for day in days if day.weekday() < SATURDAY)

    def __repr__(self) -> str:
        return f"<WorkingDayCalendar with {len(self._non_working)} non-working days>"

    @property
    def non_working_days(self) -> Mapping[date, str]:
        """The listed bank holidays and closure days (weekends are implicit), read-only."""
        return self._non_working

    def is_working_day(self, day: date) -> bool:
        """True unless ``day`` is a Saturday, a Sunday, a bank holiday or a closure day."""
        _require_date(day, "day")
        return day.weekday() < SATURDAY and day not in self._non_working

    def reason_not_working(self, day: date) -> str | None:
        """Why ``day`` is not a working day ("Sunday", "Good Friday", ...), or None if it is one.

        A holiday's name wins over the weekday, so Saturday 25 December 2021 reads "Christmas Day".
        """
        _require_date(day, "day")
        if day in self._non_working:
            return self._non_working[day]
        return _WEEKEND_NAMES.get(day.weekday())

    def add_working_days(self, start: date, n: int) -> date:
        """The Nth working day after ``start`` (``start`` itself is day 0 and never counts).

        ``n == 0`` returns ``start`` unchanged, even if it is not a working day.
        """
        _require_date(start, "start")
        if n < 0:
            raise ValueError(f"n must be 0 or more, not {n}")
        non_working = self._non_working
        day = start
        remaining = n
        while remaining:
            day += ONE_DAY
            if day.weekday() < SATURDAY and day not in non_working:
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days fall after ``start`` and on or before ``end`` (0 if end <= start).

        The inverse of :meth:`add_working_days`: for a working day ``end`` after ``start``,
        ``add_working_days(start, working_days_between(start, end)) == end``. Used to measure
        pauses and lateness. Constant work per call apart from a binary search, so it is cheap
        even over long spans.
        """
        _require_date(start, "start")
        _require_date(end, "end")
        if end <= start:
            return 0
        weekdays = _weekdays_up_to(end) - _weekdays_up_to(start)
        holidays_in_span = bisect_right(self._weekday_non_working, end) - bisect_right(
            self._weekday_non_working, start
        )
        return weekdays - holidays_in_span

    def non_working_days_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """Each non-working day after ``start`` and on or before ``end``, with the reason."""
        return list(self._non_working_days_after(start, end))

    def explain(self, start: date, n: int) -> str:
        """A plain-English account of a due date, for caseworkers and letters, e.g.

        "10 working days after Tuesday 4 January 2022, skipping the weekend of 8–9 January 2022
        and the weekend of 15–16 January 2022 → due Tuesday 18 January 2022"
        """
        due = self.add_working_days(start, n)
        period = f"{n} working day{'' if n == 1 else 's'} after {long_date_with_day(start)}"
        if not self.is_working_day(start) and n:
            reason = self.reason_not_working(start)
            named = "" if reason == _WEEKEND_NAMES.get(start.weekday()) else f"{reason}: "
            period += f" ({named}not a working day, but still day 0)"
        if n == 0:
            return f"{period} → due the same day, {long_date_with_day(due)}"
        skipped = _describe_skipped(self.non_working_days_between(start, due))
        if skipped:
            period += f", skipping {skipped}"
        return f"{period} → due {long_date_with_day(due)}"

    def _non_working_days_after(self, start: date, end: date) -> Iterator[tuple[date, str]]:
        _require_date(start, "start")
        _require_date(end, "end")
        day = start + ONE_DAY
        while day <= end:
            reason = self.reason_not_working(day)
            if reason is not None:
                yield day, reason
            day += ONE_DAY


def _describe_skipped(skipped: list[tuple[date, str]]) -> str:
    """'the weekend of 8–9 January 2022 and Good Friday on Friday 15 April 2022', etc."""
    parts: list[str] = []
    index = 0
    while index < len(skipped):
        day, reason = skipped[index]
        following = skipped[index + 1] if index + 1 < len(skipped) else None
        # An ordinary Saturday and the Sunday after it read better as one weekend.
        if (
            reason == "Saturday"
            and following is not None
            and following == (day + ONE_DAY, "Sunday")
        ):
            parts.append(f"the weekend of {_date_range(day, day + ONE_DAY)}")
            index += 2
            continue
        if reason == _WEEKEND_NAMES.get(day.weekday()):
            parts.append(long_date_with_day(day))
        else:
            parts.append(f"{reason} on {long_date_with_day(day)}")
        index += 1
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _date_range(first: date, last: date) -> str:
    """'8–9 January 2022', '30 April – 1 May 2022' or '31 December 2033 – 1 January 2034'."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{long_date(last)}"
    if first.year == last.year:
        return f"{first.day} {first:%B} – {long_date(last)}"
    return f"{long_date(first)} – {long_date(last)}"
