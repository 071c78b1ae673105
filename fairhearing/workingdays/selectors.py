"""Reading the working-day calendar from the database.

No cache, on purpose: building the calendar costs two small queries (a few hundred rows), and a
per-process cache would go stale in the other web workers and cron processes the moment an
administrator adds a closure day, which is exactly when due dates must be right. Code that works
out many due dates at once (a recalculation, an import) calls :func:`calendar_get` once and passes
the calendar around; lists and reports read stored due dates and never need a calendar.
"""

from .calendar import WorkingDayCalendar
from .models import BankHoliday, ClosureDay


def calendar_get() -> WorkingDayCalendar:
    """The calendar as stored now: bank holidays and closure days are non-working (2 queries)."""
    non_working = dict(ClosureDay.objects.values_list("date", "reason"))
    # A bank holiday's name is the better explanation if a closure day was also recorded.
    non_working.update(BankHoliday.objects.values_list("date", "name"))
    return WorkingDayCalendar(non_working)
