"""Parsing one cell: dates, money, whole numbers, yes/no, code lists, teams and themes."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.intake.importing import values
from fairhearing.intake.importing.values import (
    CodeList,
    code_lists,
    name_lists,
    parse_date,
    parse_list,
    parse_money,
    parse_whole_number,
    parse_yes_no,
    split_list,
)
from fairhearing.stages.choices import Outcome

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2021-04-01", date(2021, 4, 1)),
    ("2021-4-1", date(2021, 4, 1)),
    ("2021-04-01 00:00:00", date(2021, 4, 1)),
    ("1/4/2021", date(2021, 4, 1)),
    ("01/04/2021", date(2021, 4, 1)),
    (" 01/04/2021 ", date(2021, 4, 1)),
    ("01.04.2021", date(2021, 4, 1)),
    ("01-04-2021", date(2021, 4, 1)),
    ("01/04/21", date(2021, 4, 1)),
    ("1 April 2021", date(2021, 4, 1)),
    ("1st Apr 2021", date(2021, 4, 1)),
    ("01-Apr-21", date(2021, 4, 1)),
    ("29/02/2024", date(2024, 2, 29)),  # a leap year
    ("2000-02-29", date(2000, 2, 29)),  # divisible by 400: a leap year
    (datetime(2021, 4, 1, 0, 0), date(2021, 4, 1)),  # noqa: DTZ001 - an Excel date cell is naive
    (date(2021, 4, 1), date(2021, 4, 1)),
])
def test_dates_that_are_read(raw, expected):
    assert parse_date(raw, today=TODAY) == (expected, None)


@pytest.mark.parametrize(("raw", "problem"), [
    ("31/02/2021", "31/02/2021 is not a date"),
    ("29/02/2023", "29/02/2023 is not a date"),  # not a leap year
    ("1900-02-29", "1900-02-29 is not a date"),  # divisible by 100, not 400
    ("31/04/2021", "31/04/2021 is not a date"),
    ("2021-13-01", "2021-13-01 is not a date"),
    ("00/01/2021", "00/01/2021 is not a date"),
    ("4/1/2021x", "4/1/2021x is not a date; write it as day/month/year, for example 1/4/2021"),
    ("April 2021", "April 2021 is not a date; write it as day/month/year, for example 1/4/2021"),
    ("1 Apl 2021", "1 Apl 2021 is not a date; write it as day/month/year, for example 1/4/2021"),
    ("44287", "44287 is not a date; write it as day/month/year, for example 1/4/2021"),
    ("1/4/021", "1/4/021 is not a date; write it as day/month/year, for example 1/4/2021"),
])
def test_dates_that_are_refused(raw, problem):
    assert parse_date(raw, today=TODAY) == (None, problem)


def test_uk_order_is_day_then_month():
    assert parse_date("04/01/2022", today=TODAY) == (date(2022, 1, 4), None)


@pytest.mark.parametrize(("raw", "today", "expected"), [
    ("01/04/26", date(2026, 11, 22), date(2026, 4, 1)),  # this year: this century
    ("01/04/27", date(2026, 11, 22), date(1927, 4, 1)),  # next year would be the future: last century
    ("05/06/98", date(2026, 11, 22), date(1998, 6, 5)),
    ("01/04/00", date(2026, 11, 22), date(2000, 4, 1)),
    ("01/04/27", date(2027, 1, 1), date(2027, 4, 1)),  # the pivot moves with today
])
def test_two_digit_years(raw, today, expected):
    assert parse_date(raw, today=today) == (expected, None)


def test_blank_date_is_none_without_a_problem():
    assert parse_date("   ", today=TODAY) == (None, None)


@pytest.mark.parametrize(("raw", "expected"), [
    ("1800", Decimal("1800.00")),
    ("1,800.50", Decimal("1800.50")),
    ("£1800", Decimal("1800.00")),
    ("£ 1,800", Decimal("1800.00")),
    ("£1,800.50", Decimal("1800.50")),
    ("1234567.5", Decimal("1234567.50")),
    ("0", Decimal("0.00")),
    ("0.5", Decimal("0.50")),
    ("£1,800.50 ", Decimal("1800.50")),
])
def test_money_that_is_read(raw, expected):
    assert parse_money(raw) == (expected, None)


@pytest.mark.parametrize(("raw", "problem"), [
    ("£1,800.505", "£1,800.505 has more than two decimal places (pence)"),
    ("1800.001", "1800.001 has more than two decimal places (pence)"),
    ("-50", "-50 is negative; a payment is a positive amount"),
    ("£-50", "£-50 is negative; a payment is a positive amount"),
    ("1,80", "1,80 is not an amount of money; write it like 1800 or 1,800.50"),
    ("18,00.00", "18,00.00 is not an amount of money; write it like 1800 or 1,800.50"),
    ("£", "£ is not an amount of money; write it like 1800 or 1,800.50"),
    ("two hundred", "two hundred is not an amount of money; write it like 1800 or 1,800.50"),
    ("$100", "$100 is not an amount of money; write it like 1800 or 1,800.50"),
])
def test_money_that_is_refused(raw, problem):
    assert parse_money(raw) == (None, problem)


def test_money_two_decimal_places_is_the_edge():
    assert parse_money("1800.50") == (Decimal("1800.50"), None)
    assert parse_money("1800.500")[1] == "1800.500 has more than two decimal places (pence)"


@pytest.mark.parametrize(("raw", "expected"), [("14", (14, None)), ("0", (0, None)), ("14.0", (14, None)),
                                              (" 7 ", (7, None)), ("", (None, None))])
def test_whole_numbers_that_are_read(raw, expected):
    assert parse_whole_number(raw) == expected


@pytest.mark.parametrize(("raw", "problem"), [
    ("14.5", "14.5 is not a whole number"), ("fourteen", "fourteen is not a whole number"),
    ("-1", "-1 is less than 0"), ("1,000", "1,000 is not a whole number"),
])
def test_whole_numbers_that_are_refused(raw, problem):
    assert parse_whole_number(raw) == (None, problem)


def test_whole_number_maximum_is_inclusive():
    assert parse_whole_number("25", maximum=25) == (25, None)
    assert parse_whole_number("26", maximum=25) == (None, "26 is more than 25")


@pytest.mark.parametrize(("raw", "expected"), [
    ("yes", True), ("Y", True), ("TRUE", True), ("1", True), (" No ", False), ("n", False), ("false", False),
    ("0", False), ("", None),
])
def test_yes_no(raw, expected):
    assert parse_yes_no(raw) == (expected, None)


def test_yes_no_refuses_anything_else():
    assert parse_yes_no("maybe") == (None, "maybe is not yes or no")


@pytest.mark.parametrize(("raw", "expected"), [
    ("upheld", "upheld"), ("UPHELD", "upheld"), ("  Partially Upheld ", "partially_upheld"),
    ("partially_upheld", "partially_upheld"), ("Not  upheld", "not_upheld"),
])
def test_code_lists_match_code_or_label_in_any_case(raw, expected):
    assert code_lists()["outcome"].parse(raw) == (expected, None)


def test_code_lists_cover_the_real_choices():
    lists = code_lists()
    assert lists["channel"].parse("Online form") == ("online_form", None)
    assert lists["procedure"].parse("Children's statutory procedure") == ("children_statutory", None)
    assert lists["procedure"].parse("corporate") == ("corporate", None)
    assert lists["relationship"].parse("foster carer") == ("foster_carer", None)
    assert lists["gender"].parse("f") == ("F", None)
    assert lists["gender"].parse("Female") == ("F", None)
    assert lists["ethnicity"].parse("white british") == ("WBRI", None)
    assert lists["ethnicity"].parse("bafr") == ("BAFR", None)
    assert lists["disability"].parse("Autism or Asperger syndrome") == ("AUT", None)
    assert lists["religion"].parse("No religion") == ("none", None)
    assert lists["remedy"].parse("Financial remedy") == ("financial", None)


def test_unknown_choice_names_the_list_and_its_codes():
    value, problem = code_lists()["outcome"].parse("Upheldd")
    assert value is None
    assert problem == "Upheldd is not an outcome; use one of upheld, partially_upheld, not_upheld"


def test_a_label_that_means_two_codes_is_refused_when_the_list_is_built():
    from django.db import models

    class Clashing(models.TextChoices):
        A = "a", "b"
        B = "b", "Bee"

    with pytest.raises(ValueError, match="two codes"):
        CodeList.from_choices("a clash", Clashing)


def test_split_list_drops_blank_items():
    assert split_list("Finance; ; Delay;") == ["Finance", "Delay"]
    assert split_list("") == []


def test_list_of_codes_keeps_order_and_drops_repeats():
    assert parse_list("Apology; explanation;APOLOGY", code_lists()["remedy"]) == (("apology", "explanation"), None)


def test_list_names_every_bad_item():
    value, problem = parse_list("apology; cake; tea", code_lists()["remedy"])
    assert value is None
    assert problem.startswith("cake is not a remedy")
    assert "; tea is not a remedy" in problem


@pytest.mark.django_db
def test_teams_match_by_name_in_any_case_and_unknown_ones_are_remembered():
    TeamFactory(name="Fostering Team")
    teams = name_lists()["team"]
    assert teams.parse(" fostering TEAM ") == ("Fostering Team", None)
    assert teams.parse("Leaving Care") == (None, "Leaving Care is not a team yet; it can be created before importing")
    teams.parse("leaving care")
    assert list(teams.unknown.values()) == ["Leaving Care"]


@pytest.mark.django_db
def test_themes_come_from_the_database():
    from fairhearing.cases.models import Theme

    Theme.objects.create(name="Placement moves")  # a council's own theme beside the seeded ones
    themes = name_lists()["theme"]
    assert parse_list("placement MOVES; delay", themes) == (("Placement moves", "Delay"), None)
    assert parse_list("lack of communication; Bins", themes) == (
        None, "Bins is not a theme yet; it can be created before importing")
    assert parse_list("Lack of Communication", themes) == (("Lack of communication",), None)


def test_clean_collapses_spaces():
    assert values.clean("  White   British ") == "White British"


def test_outcome_list_is_the_real_one():
    assert code_lists()["outcome"].codes == tuple(Outcome.values)
