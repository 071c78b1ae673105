"""Reporting periods: financial years, half years, quarters, months and any date range.

A council's reporting year is the financial year, 1 April to 31 March (the statutory annual
report covers one). Half years and quarters are counted from 1 April too, so "Q1 2021-22" is
April to June 2021. Every period is inclusive of both its first and last day.

Each period knows the periods of the same length before it, for the comparison columns: the
previous financial years, the previous quarters, and so on; a custom range is compared with the
ranges of the same number of days immediately before it.

A period has a short *key* (``fy2021``, ``h2021-2``, ``q2021-1``, ``m2022-03``,
``r2022-01-01..2022-06-30``) used in URLs, file names, the command line and saved report texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from fairhearing.core.errors import DomainError

MAX_COMPARISONS = 4
# Records start long after 1900; the bounds keep every period and the ones before it real dates.
FIRST_YEAR, LAST_YEAR = 1900, 2999
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LONGEST_RANGE_YEARS = 10


class PeriodKind(StrEnum):
    FINANCIAL_YEAR = "fy"
    HALF_YEAR = "h"
    QUARTER = "q"
    MONTH = "m"
    RANGE = "r"


def _add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month (negative goes back)."""
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def _years_after(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 1 March when the year has none."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def _fy_label(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def _month_span(start: date, end: date) -> str:
    """'Apr 21-Mar 22', the style councils use in column headings."""
    return f"{_MONTHS[start.month - 1]} {start.year % 100:02d}-{_MONTHS[end.month - 1]} {end.year % 100:02d}"


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: first and last day (inclusive), what kind it is, and its anchor."""

    start: date
    end: date
    kind: PeriodKind
    # The financial year a fy/h/q period belongs to, or the calendar year of a month.
    year: int = 0
    # Which half (1-2), quarter (1-4) or month (1-12); 0 for years and ranges.
    part: int = 0

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise DomainError("The end of a period must not be before its start.")
        if self.start.year < FIRST_YEAR or self.end.year > LAST_YEAR:
            raise DomainError(f"Choose dates between {FIRST_YEAR} and {LAST_YEAR}.")

    # Constructors -------------------------------------------------------------------------

    @classmethod
    def financial_year(cls, start_year: int) -> Period:
        """1 April ``start_year`` to 31 March the year after."""
        return cls(date(start_year, 4, 1), date(start_year + 1, 3, 31), PeriodKind.FINANCIAL_YEAR,
                   start_year)

    @classmethod
    def half_year(cls, start_year: int, half: int) -> Period:
        """First half April-September, second half October-March, of financial year ``start_year``."""
        if half not in (1, 2):
            raise DomainError("A half year is 1 (April to September) or 2 (October to March).")
        first = _add_months(date(start_year, 4, 1), 6 * (half - 1))
        return cls(first, _add_months(first, 6) - timedelta(days=1), PeriodKind.HALF_YEAR,
                   start_year, half)

    @classmethod
    def quarter(cls, start_year: int, number: int) -> Period:
        """Quarter 1 is April-June of financial year ``start_year``; quarter 4 is January-March."""
        if number not in (1, 2, 3, 4):
            raise DomainError("A quarter is 1, 2, 3 or 4 (quarter 1 is April to June).")
        first = _add_months(date(start_year, 4, 1), 3 * (number - 1))
        return cls(first, _add_months(first, 3) - timedelta(days=1), PeriodKind.QUARTER,
                   start_year, number)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        if not 1 <= month <= 12:
            raise DomainError("A month is 1 to 12.")
        first = date(year, month, 1)
        return cls(first, _add_months(first, 1) - timedelta(days=1), PeriodKind.MONTH, year, month)

    @classmethod
    def date_range(cls, start: date, end: date) -> Period:
        if end < start:
            raise DomainError("The end date must be the same as or after the start date.")
        if end >= _years_after(start, LONGEST_RANGE_YEARS):
            raise DomainError(f"A date range can be at most {LONGEST_RANGE_YEARS} years long.")
        return cls(start, end, PeriodKind.RANGE)

    @classmethod
    def financial_year_containing(cls, day: date) -> Period:
        return cls.financial_year(day.year if day.month >= 4 else day.year - 1)

    # Keys ---------------------------------------------------------------------------------

    @property
    def key(self) -> str:
        match self.kind:
            case PeriodKind.FINANCIAL_YEAR:
                return f"fy{self.year}"
            case PeriodKind.HALF_YEAR:
                return f"h{self.year}-{self.part}"
            case PeriodKind.QUARTER:
                return f"q{self.year}-{self.part}"
            case PeriodKind.MONTH:
                return f"m{self.year}-{self.part:02d}"
        return f"r{self.start.isoformat()}..{self.end.isoformat()}"

    @classmethod
    def from_key(cls, key: str) -> Period:
        """Parse a period key; a clear DomainError for anything else."""
        key = (key or "").strip().lower()
        try:
            if m := re.fullmatch(r"fy(\d{4})", key):
                return cls.financial_year(int(m[1]))
            if m := re.fullmatch(r"h(\d{4})-([12])", key):
                return cls.half_year(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"q(\d{4})-([1-4])", key):
                return cls.quarter(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"m(\d{4})-(\d{2})", key):
                return cls.month(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"r(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", key):
                return cls.date_range(date.fromisoformat(m[1]), date.fromisoformat(m[2]))
        except ValueError as error:  # e.g. 2022-02-30, or a year outside 1-9999
            raise DomainError(f"'{key}' is not a real date range.") from error
        raise DomainError(
            f"'{key}' is not a period. Use fy2021 for 2021-22, h2021-1 or h2021-2 for a half "
            "year, q2021-1 to q2021-4 for a quarter, m2022-03 for a month, or "
            "r2022-01-01..2022-06-30 for a date range."
        )

    # Labels -------------------------------------------------------------------------------

    @property
    def label(self) -> str:
        """A full name: '2021-22', 'April to September 2021', '1 January 2022 to 30 June 2022'."""
        match self.kind:
            case PeriodKind.FINANCIAL_YEAR:
                return _fy_label(self.year)
            case PeriodKind.HALF_YEAR | PeriodKind.QUARTER:
                return f"{self.start:%B} to {self.end:%B %Y}" if self.start.year == self.end.year \
                    else f"{self.start:%B %Y} to {self.end:%B %Y}"
            case PeriodKind.MONTH:
                return f"{self.start:%B %Y}"
        return f"{self.start.day} {self.start:%B %Y} to {self.end.day} {self.end:%B %Y}"

    @property
    def short_label(self) -> str:
        """A column heading: '2021-22', 'Apr 21-Sep 21', 'Mar 22', '01/01/22-30/06/22'."""
        match self.kind:
            case PeriodKind.FINANCIAL_YEAR:
                return _fy_label(self.year)
            case PeriodKind.HALF_YEAR | PeriodKind.QUARTER:
                return _month_span(self.start, self.end)
            case PeriodKind.MONTH:
                return f"{_MONTHS[self.start.month - 1]} {self.start.year % 100:02d}"
        return f"{self.start:%d/%m/%y}-{self.end:%d/%m/%y}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    # Comparisons --------------------------------------------------------------------------

    def previous(self) -> Period:
        """The period of the same kind and length immediately before this one."""
        match self.kind:
            case PeriodKind.FINANCIAL_YEAR:
                return Period.financial_year(self.year - 1)
            case PeriodKind.HALF_YEAR:
                return Period.half_year(self.year - 1, 2) if self.part == 1 \
                    else Period.half_year(self.year, 1)
            case PeriodKind.QUARTER:
                return Period.quarter(self.year - 1, 4) if self.part == 1 \
                    else Period.quarter(self.year, self.part - 1)
            case PeriodKind.MONTH:
                first = _add_months(self.start, -1)
                return Period.month(first.year, first.month)
        # The same number of days, not checked against the ten-year limit for what users type:
        # ten years before may hold one more 29 February.
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1), PeriodKind.RANGE)

    def earlier(self, count: int) -> list[Period]:
        """Up to four periods before this one, most recent first."""
        if not 0 <= count <= MAX_COMPARISONS:
            raise DomainError(f"Compare with between 0 and {MAX_COMPARISONS} earlier periods.")
        periods: list[Period] = []
        current = self
        for _ in range(count):
            current = current.previous()
            periods.append(current)
        return periods

    def __str__(self) -> str:
        return self.label
