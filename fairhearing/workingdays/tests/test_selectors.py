"""Loading the calendar from the database."""

from datetime import date

import pytest

from fairhearing.workingdays.models import BankHoliday, ClosureDay
from fairhearing.workingdays.selectors import calendar_get

pytestmark = pytest.mark.django_db


def test_the_calendar_is_loaded_in_two_queries(django_assert_num_queries):
    with django_assert_num_queries(2):
        calendar = calendar_get()
    assert not calendar.is_working_day(date(2022, 9, 19))


def test_closure_days_are_non_working_days():
    ClosureDay.objects.create(date=date(2030, 12, 27), reason="Council closed")
    calendar = calendar_get()
    assert not calendar.is_working_day(date(2030, 12, 27))
    assert calendar.reason_not_working(date(2030, 12, 27)) == "Council closed"


def test_a_bank_holiday_name_wins_over_a_closure_reason_on_the_same_day():
    ClosureDay.objects.create(date=date(2030, 12, 30), reason="Council closed")
    BankHoliday.objects.create(date=date(2030, 12, 30), name="Extra bank holiday")
    assert calendar_get().reason_not_working(date(2030, 12, 30)) == "Extra bank holiday"
