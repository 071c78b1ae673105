"""The seeded bank holiday table, checked against GOV.UK's list and the statute's named days."""

import importlib
from collections import Counter
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from govuk_bank_holidays import bank_holidays as govuk_module
from govuk_bank_holidays.bank_holidays import BankHolidays

from fairhearing.workingdays.models import BankHoliday
from fairhearing.workingdays.seed import FIRST_SEEDED_YEAR, LAST_SEEDED_YEAR, read_seed_file
from fairhearing.workingdays.sources import england_and_wales_bank_holidays

pytestmark = pytest.mark.django_db

ONE_OFFS = {
    date(2011, 4, 29): "Wedding of William and Catherine",
    date(2012, 6, 5): "Diamond Jubilee of Elizabeth II",
    date(2020, 5, 8): "May Day",  # early May bank holiday moved for VE Day 75
    date(2022, 6, 2): "Spring Bank Holiday",  # moved for the Platinum Jubilee
    date(2022, 6, 3): "Platinum Jubilee of Elizabeth II",
    date(2022, 9, 19): "State Funeral of Queen Elizabeth II",
    date(2023, 5, 8): "Coronation of Charles III",
}
# The usual dates those proclamations moved holidays away from: ordinary working days.
DISPLACED = [date(2012, 5, 28), date(2020, 5, 4), date(2022, 5, 30)]


def easter_sunday(year: int) -> date:
    """Easter Sunday by the anonymous Gregorian algorithm (New Scientist form), worked out here
    rather than taken from the library the ``holidays`` package itself uses."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * leap) // 433
    month = (h + leap - 7 * m + 90) // 25
    day = (h + leap - 7 * m + 33 * month + 19) % 32
    return date(year, month, day)


@pytest.fixture
def stored() -> dict[date, str]:
    return dict(BankHoliday.objects.values_list("date", "name"))


@pytest.fixture
def govuk(monkeypatch) -> dict[date, str]:
    """GOV.UK's England and Wales list from the copy bundled with govuk-bank-holidays.

    ``use_cached_holidays=True`` reads the package's bank-holidays.json and never calls requests;
    the patch makes any attempt fail the test rather than reach the network.
    """

    def no_network(*args, **kwargs):
        raise AssertionError("govuk-bank-holidays tried to use the network")

    monkeypatch.setattr(govuk_module.requests, "get", no_network)
    holidays = BankHolidays(use_cached_holidays=True).get_holidays(
        division=BankHolidays.ENGLAND_AND_WALES
    )
    return {holiday["date"]: holiday["title"] for holiday in holidays}


def test_every_govuk_date_is_in_our_table_and_every_weekday_of_ours_is_in_govuk(stored, govuk):
    covered_years = {day.year for day in govuk}
    # The bundled copy covers 2012 onwards: enough to include every one-off since 2020.
    assert {2020, 2021, 2022, 2023, 2024} <= covered_years
    missing = sorted(day for day in govuk if day not in stored)
    assert missing == [], f"on GOV.UK but not in our table: {missing}"
    # GOV.UK lists only days off work, so a Christmas Day on a Saturday is ours alone.
    extra = sorted(
        day
        for day in stored
        if day.year in covered_years and day.weekday() < 5 and day not in govuk
    )
    assert extra == [], f"weekdays in our table that GOV.UK does not list: {extra}"


def test_the_one_off_days_are_in_both_lists(stored, govuk):
    for day, name in ONE_OFFS.items():
        assert stored.get(day) == name
        if day.year >= min(govuk).year:
            assert day in govuk, day
    for day in DISPLACED:
        assert day not in stored
        assert day not in govuk


def test_easter_sunday_is_right_for_known_years():
    assert easter_sunday(2022) == date(2022, 4, 17)
    assert easter_sunday(2024) == date(2024, 3, 31)
    assert easter_sunday(2011) == date(2011, 4, 24)


def test_the_days_regulation_2_names_are_there_every_year(stored):
    for year in range(FIRST_SEEDED_YEAR, LAST_SEEDED_YEAR + 1):
        assert stored.get(easter_sunday(year) - timedelta(days=2)) == "Good Friday", year
        assert stored.get(date(year, 12, 25)) == "Christmas Day", year
        assert stored.get(date(year, 12, 26)) == "Boxing Day", year


def test_the_table_spans_2010_to_2035(stored):
    assert min(stored) == date(2010, 1, 1)
    assert max(stored) >= date(2035, 12, 26)
    per_year = Counter(day.year for day in stored)
    for year in range(2010, 2036):
        assert per_year[year] >= 8, year


def test_every_seeded_row_is_marked_as_seeded():
    assert set(BankHoliday.objects.values_list("source", flat=True)) == {"seeded"}


def test_the_committed_file_matches_the_holidays_package():
    # Fails after an upgrade of ``holidays`` that changes a date: regenerate the file and add a
    # data migration (or run holidays_refresh) deliberately, rather than drift.
    assert set(read_seed_file()) == set(england_and_wales_bank_holidays(2010, 2035))


def test_the_seed_migration_can_run_again_without_duplicating_or_overwriting():
    migration = importlib.import_module(
        "fairhearing.workingdays.migrations.0002_seed_england_and_wales_bank_holidays"
    )
    BankHoliday.objects.filter(date=date(2030, 12, 25)).delete()
    BankHoliday.objects.filter(date=date(2030, 12, 26)).update(name="Renamed by hand")
    migration.seed_bank_holidays(apps, SimpleNamespace(connection=connection))
    assert BankHoliday.objects.count() == len(read_seed_file())
    assert BankHoliday.objects.get(date=date(2030, 12, 25)).name == "Christmas Day"
    assert BankHoliday.objects.get(date=date(2030, 12, 26)).name == "Renamed by hand"
