"""The days that are not working days, beyond Saturdays and Sundays.

Regulation 2 of the Children Act 1989 Representations Procedure (England) Regulations 2006 makes
every day a working day except weekends, Christmas Day, Boxing Day, Good Friday and bank holidays
in England and Wales. Those live in BankHoliday; ClosureDay holds the council's own extra days.
Rows change only through ``services`` so that stored due dates are recalculated and the change is
audited (ADR 0002).
"""

from django.db import models
from django.db.models import Q

from fairhearing.core.dates import long_date_with_day

from .choices import BankHolidaySource


class BankHoliday(models.Model):
    """A bank or public holiday in England and Wales: never a working day for statutory timescales."""

    date = models.DateField(unique=True)
    name = models.CharField(max_length=200, help_text='As published, e.g. "Easter Monday".')
    source = models.CharField(
        max_length=20, choices=BankHolidaySource.choices, default=BankHolidaySource.MANUAL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="workingdays_bank_holiday_named"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {long_date_with_day(self.date)}"


class ClosureDay(models.Model):
    """A weekday on which the whole council is closed (e.g. between Christmas and New Year),
    treated as not a working day when due dates are counted."""

    date = models.DateField(unique=True)
    reason = models.CharField(
        max_length=200,
        help_text='Shown in explanations, e.g. "Council closed between Christmas and New Year".',
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="workingdays_closure_day_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.reason}, {long_date_with_day(self.date)}"
