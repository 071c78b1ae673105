"""Reporting periods: financial years from 1 April, halves, quarters, months and date ranges, their
keys, labels, and the earlier periods of the same kind a report is compared with."""

import datetime
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairhearing.core.errors import DomainError
from fairhearing.reports.periods import MAX_COMPARISONS, Period, PeriodKind

D = datetime.date


# Constructors and keys ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("period", "key", "start", "end", "kind"),
    [
        (Period.financial_year(2021), "fy2021", D(2021, 4, 1), D(2022, 3, 31), PeriodKind.FINANCIAL_YEAR),
        (Period.half_year(2021, 1), "h2021-1", D(2021, 4, 1), D(2021, 9, 30), PeriodKind.HALF_YEAR),
        (Period.half_year(2021, 2), "h2021-2", D(2021, 10, 1), D(2022, 3, 31), PeriodKind.HALF_YEAR),
        (Period.quarter(2021, 1), "q2021-1", D(2021, 4, 1), D(2021, 6, 30), PeriodKind.QUARTER),
        (Period.quarter(2021, 2), "q2021-2", D(2021, 7, 1), D(2021, 9, 30), PeriodKind.QUARTER),
        (Period.quarter(2021, 3), "q2021-3", D(2021, 10, 1), D(2021, 12, 31), PeriodKind.QUARTER),
        (Period.quarter(2021, 4), "q2021-4", D(2022, 1, 1), D(2022, 3, 31), PeriodKind.QUARTER),
        (Period.month(2022, 3), "m2022-03", D(2022, 3, 1), D(2022, 3, 31), PeriodKind.MONTH),
        (Period.month(2021, 12), "m2021-12", D(2021, 12, 1), D(2021, 12, 31), PeriodKind.MONTH),
        (Period.month(2024, 2), "m2024-02", D(2024, 2, 1), D(2024, 2, 29), PeriodKind.MONTH),
        (Period.month(2023, 2), "m2023-02", D(2023, 2, 1), D(2023, 2, 28), PeriodKind.MONTH),
        (Period.date_range(D(2022, 1, 1), D(2022, 6, 30)), "r2022-01-01..2022-06-30",
         D(2022, 1, 1), D(2022, 6, 30), PeriodKind.RANGE),
        (Period.date_range(D(2022, 5, 9), D(2022, 5, 9)), "r2022-05-09..2022-05-09",
         D(2022, 5, 9), D(2022, 5, 9), PeriodKind.RANGE),
    ],
)
def test_constructor_dates_and_key_round_trip(period, key, start, end, kind):
    assert (period.start, period.end, period.kind, period.key) == (start, end, kind, key)
    assert Period.from_key(key) == period
    assert Period.from_key(period.key).key == key


def test_keys_are_read_whatever_the_case_and_surrounding_space():
    assert Period.from_key("  FY2021 ") == Period.financial_year(2021)
    assert Period.from_key("Q2021-4") == Period.quarter(2021, 4)


def test_financial_year_containing_puts_31_march_and_1_april_in_different_years():
    assert Period.financial_year_containing(D(2022, 3, 31)).key == "fy2021"
    assert Period.financial_year_containing(D(2022, 4, 1)).key == "fy2022"
    assert Period.financial_year_containing(D(2022, 1, 1)).key == "fy2021"


def test_days_and_contains_include_both_ends():
    year = Period.financial_year(2023)  # 1 April 2023 to 31 March 2024: 29 February 2024 inside
    assert year.days == 366
    assert Period.financial_year(2021).days == 365
    assert year.contains(D(2023, 4, 1)) and year.contains(D(2024, 3, 31))
    assert not year.contains(D(2023, 3, 31)) and not year.contains(D(2024, 4, 1))
    assert not year.contains(None)


@pytest.mark.parametrize(
    ("constructor", "message"),
    [
        (lambda: Period.half_year(2021, 3), r"A half year is 1 \(April to September\) or 2"),
        (lambda: Period.quarter(2021, 0), "A quarter is 1, 2, 3 or 4"),
        (lambda: Period.quarter(2021, 5), "A quarter is 1, 2, 3 or 4"),
        (lambda: Period.month(2022, 13), "A month is 1 to 12"),
        (lambda: Period.month(2022, 0), "A month is 1 to 12"),
        (lambda: Period.date_range(D(2022, 3, 1), D(2022, 2, 28)),
         "The end date must be the same as or after the start date"),
        (lambda: Period(D(2022, 3, 1), D(2022, 2, 28), PeriodKind.RANGE),
         "The end of a period must not be before its start"),
    ],
)
def test_constructors_refuse_impossible_periods(constructor, message):
    with pytest.raises(DomainError, match=message):
        constructor()


# from_key errors ----------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["", "2021", "fy21", "fy 2021", "q2021-5", "h2021-3", "m2022-3",
                                 "r2022-01-01", "r2022-01-01-2022-06-30", "year2021", None])
def test_from_key_refuses_a_bad_format_and_explains_every_form(key):
    with pytest.raises(DomainError) as error:
        Period.from_key(key)
    message = str(error.value)
    assert "is not a period" in message
    for example in ("fy2021", "h2021-1", "q2021-1", "m2022-03", "r2022-01-01..2022-06-30"):
        assert example in message


def test_from_key_refuses_a_date_that_does_not_exist():
    with pytest.raises(DomainError, match=r"'r2022-02-30\.\.2022-03-31' is not a real date range"):
        Period.from_key("r2022-02-30..2022-03-31")
    with pytest.raises(DomainError, match="not a real date range"):
        Period.from_key("r2023-02-29..2023-03-31")  # 2023 is not a leap year


def test_from_key_accepts_29_february_in_a_leap_year():
    assert Period.from_key("r2024-02-29..2024-03-31").start == D(2024, 2, 29)


def test_from_key_refuses_a_month_13():
    with pytest.raises(DomainError, match="A month is 1 to 12"):
        Period.from_key("m2022-13")


def test_from_key_refuses_an_end_before_the_start():
    with pytest.raises(DomainError, match="The end date must be the same as or after the start date"):
        Period.from_key("r2022-06-30..2022-01-01")


def test_a_range_of_exactly_ten_years_is_allowed():
    period = Period.from_key("r2012-04-01..2022-03-31")  # ten financial years
    assert period.days == 3652


def test_a_range_of_more_than_ten_years_is_refused():
    with pytest.raises(DomainError, match="A date range can be at most 10 years long"):
        Period.from_key("r2011-01-01..2022-01-01")


def test_a_range_one_day_over_ten_years_is_refused():
    with pytest.raises(DomainError, match="A date range can be at most 10 years long"):
        Period.from_key("r2012-04-01..2022-04-01")


def test_ten_years_from_29_february_end_on_the_last_day_of_february():
    assert Period.from_key("r2016-02-29..2026-02-28").days == 3653
    with pytest.raises(DomainError, match="at most 10 years"):
        Period.from_key("r2016-02-29..2026-03-01")


@pytest.mark.parametrize("key", ["fy0001", "m0001-01", "r0001-01-01..0001-01-31", "fy1899", "q1899-3",
                                 "fy2999", "m3000-01", "r2999-12-01..3000-01-01"])
def test_years_outside_1900_to_2999_are_refused_with_a_clear_message(key):
    with pytest.raises(DomainError, match="Choose dates between 1900 and 2999"):
        Period.from_key(key)


def test_the_first_year_allowed_has_no_earlier_period_and_says_so():
    first = Period.from_key("fy1900")
    assert first.start == D(1900, 4, 1)
    with pytest.raises(DomainError, match="Choose dates between 1900 and 2999"):
        first.earlier(1)
    assert Period.from_key("q1899-4").start == D(1900, 1, 1)  # January to March 1900 is allowed
    assert Period.from_key("q2998-4").end == D(2999, 3, 31)


# Labels ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("key", "label", "short_label"),
    [
        ("fy2021", "2021-22", "2021-22"),
        ("fy1999", "1999-00", "1999-00"),
        ("fy2009", "2009-10", "2009-10"),
        ("h2021-1", "April to September 2021", "Apr 21-Sep 21"),
        ("h2021-2", "October 2021 to March 2022", "Oct 21-Mar 22"),
        ("q2021-1", "April to June 2021", "Apr 21-Jun 21"),
        ("q2021-3", "October to December 2021", "Oct 21-Dec 21"),
        ("q2021-4", "January to March 2022", "Jan 22-Mar 22"),
        ("m2022-03", "March 2022", "Mar 22"),
        ("m2009-01", "January 2009", "Jan 09"),
        ("r2022-01-01..2022-06-30", "1 January 2022 to 30 June 2022", "01/01/22-30/06/22"),
        ("r2021-09-01..2022-02-28", "1 September 2021 to 28 February 2022", "01/09/21-28/02/22"),
    ],
)
def test_labels_and_short_labels(key, label, short_label):
    period = Period.from_key(key)
    assert (period.label, period.short_label, str(period)) == (label, short_label, label)


# Earlier periods ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("key", "previous"),
    [
        ("fy2021", "fy2020"),
        ("h2021-1", "h2020-2"),  # April-September follows the previous October-March
        ("h2021-2", "h2021-1"),
        ("q2021-1", "q2020-4"),  # quarter 1 follows the previous year's quarter 4
        ("q2021-4", "q2021-3"),  # January-March 2022 follows October-December 2021
        ("q2021-2", "q2021-1"),
        ("m2022-01", "m2021-12"),  # January follows December of the year before
        ("m2024-03", "m2024-02"),
        ("r2022-01-01..2022-06-30", "r2021-07-04..2021-12-31"),  # 181 days, then the 181 before
        ("r2022-03-01..2022-03-01", "r2022-02-28..2022-02-28"),
        ("r2024-03-01..2024-03-31", "r2024-01-30..2024-02-29"),  # 31 days back across 29 February
    ],
)
def test_previous_is_the_period_of_the_same_kind_just_before(key, previous):
    period = Period.from_key(key)
    before = period.previous()
    assert before.key == previous
    assert before.kind == period.kind
    assert before.end + timedelta(days=1) == period.start


def test_previous_month_of_a_leap_year_march_is_the_29_day_february():
    february = Period.month(2024, 3).previous()
    assert (february.start, february.end, february.days) == (D(2024, 2, 1), D(2024, 2, 29), 29)
    assert Period.month(2023, 3).previous().days == 28


def test_a_custom_range_is_compared_with_ranges_of_the_same_number_of_days():
    period = Period.from_key("r2021-09-01..2022-02-28")
    earlier = period.earlier(2)
    assert [p.key for p in earlier] == ["r2021-03-04..2021-08-31", "r2020-09-04..2021-03-03"]
    assert {p.days for p in earlier} == {period.days} == {181}


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("fy2021", ["fy2020", "fy2019", "fy2018", "fy2017"]),
        ("q2022-2", ["q2022-1", "q2021-4", "q2021-3", "q2021-2"]),
        ("h2022-1", ["h2021-2", "h2021-1", "h2020-2", "h2020-1"]),
        ("m2022-02", ["m2022-01", "m2021-12", "m2021-11", "m2021-10"]),
    ],
)
def test_earlier_four_most_recent_first(key, expected):
    assert [p.key for p in Period.from_key(key).earlier(4)] == expected


def test_earlier_none_is_empty():
    assert Period.financial_year(2021).earlier(0) == []


@pytest.mark.parametrize("count", [-1, MAX_COMPARISONS + 1])
def test_earlier_refuses_more_than_four_or_fewer_than_none(count):
    with pytest.raises(DomainError, match="Compare with between 0 and 4 earlier periods"):
        Period.financial_year(2021).earlier(count)


# Properties -----------------------------------------------------------------------------------

years = st.integers(min_value=1950, max_value=2090)
periods = st.one_of(
    years.map(Period.financial_year),
    st.builds(Period.half_year, years, st.sampled_from([1, 2])),
    st.builds(Period.quarter, years, st.integers(min_value=1, max_value=4)),
    st.builds(Period.month, years, st.integers(min_value=1, max_value=12)),
    st.builds(
        lambda start, length: Period.date_range(start, start + timedelta(days=length)),
        st.dates(min_value=D(1960, 1, 1), max_value=D(2080, 12, 31)),
        st.integers(min_value=0, max_value=3651),  # under ten years, whatever the leap days
    ),
)


@given(period=periods, count=st.integers(min_value=0, max_value=MAX_COMPARISONS))
def test_earlier_periods_are_contiguous_non_overlapping_and_of_the_same_kind(period, count):
    earlier = period.earlier(count)
    assert len(earlier) == count
    chain = [period, *earlier]
    for later, before in zip(chain, chain[1:], strict=False):
        assert before.kind == later.kind
        assert before.end + timedelta(days=1) == later.start  # no gap, no overlap
        assert before.start <= before.end
        if later.kind == PeriodKind.RANGE:
            assert before.days == later.days
        else:
            # Calendar periods keep their shape: the same part of the year, one period back.
            assert Period.from_key(before.key) == before


@given(period=periods)
def test_every_key_round_trips(period):
    assert Period.from_key(period.key) == period
