"""manage.py holidays_refresh."""

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from fairhearing.workingdays.models import BankHoliday
from fairhearing.workingdays.sources import england_and_wales_bank_holidays

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("holidays_refresh", *args, stdout=out)
    return out.getvalue()


def test_it_adds_missing_days_and_is_idempotent():
    BankHoliday.objects.filter(date__year=2031).delete()
    expected = len(england_and_wales_bank_holidays(2031, 2031))
    output = run("--from-year", "2030", "--to-year", "2031")
    assert output.startswith(f"Added {expected} bank holidays for 2030 to 2031.")
    assert "2031-12-25  Christmas Day" in output
    assert BankHoliday.objects.filter(date__year=2031, source="refreshed").count() == expected
    assert (
        run("--from-year", "2030", "--to-year", "2031")
        == "Added 0 bank holidays for 2030 to 2031.\n"
    )


@time_machine.travel("2030-06-01 12:00 +01:00", tick=False)
def test_by_default_it_covers_last_year_to_ten_years_ahead():
    output = run()
    added_years = {
        day.year for day in BankHoliday.objects.filter(source="refreshed").dates("date", "year")
    }
    assert output.startswith(
        f"Added {len(england_and_wales_bank_holidays(2036, 2040))} bank holidays for 2029 to 2040."
    )
    assert added_years == {2036, 2037, 2038, 2039, 2040}
    assert BankHoliday.objects.filter(date=date(2040, 12, 25)).exists()


def test_bad_years_are_reported_as_a_command_error():
    with pytest.raises(CommandError, match="The first year"):
        run("--from-year", "2031", "--to-year", "2030")
