"""Formatting dates the way GOV.UK and councils write them: "Tuesday 4 January 2022"."""

from datetime import date


def long_date(value: date) -> str:
    """'4 January 2022' (no leading zero, full month name)."""
    return f"{value.day} {value:%B %Y}"


def long_date_with_day(value: date) -> str:
    """'Tuesday 4 January 2022'."""
    return f"{value:%A} {long_date(value)}"
