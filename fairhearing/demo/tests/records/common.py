"""The fixed day the demo council is loaded on for these tests, and its years.

Loaded with ``today=DAY`` so the assertions about the current year do not depend on the day the
tests run.
"""

from datetime import date

from django.db.models import Q

from fairhearing.demo.years import demo_years

# A Friday in November: the current financial year is seven and a half months old.
DAY = date(2026, 11, 20)
YEARS = demo_years(DAY)
WHOLE_YEARS = YEARS[:2]


def _in(year, field: str) -> Q:  # noqa: ANN001 - a DemoYear
    return Q(**{f"{field}__gte": year.start, f"{field}__lte": year.end})

