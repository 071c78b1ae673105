"""A child whose date of birth is unknown is banded by the age recorded when the complaint was
received (an imported register's Child age); a known date of birth always decides the age."""

import pytest

from fairhearing.cases.models import ComplaintChild
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.people.choices import Gender
from fairhearing.people.services import child_create

from .factories import D, build, table

pytestmark = pytest.mark.django_db
BANDS = ("0_5", "6_9", "10_14", "15_17", "18_plus", "unknown")
IN_2021_22 = D(2022, 1, 4)


def complaint_about(*, received=IN_2021_22, born=None, age=None, gender=None):
    """A complaint about one child; ``age`` is stored on the link as an import stores a Child age."""
    child = child_create(first_name="Sam", actor=officer(), date_of_birth=born,
                         monitoring={"gender": gender} if gender else None)
    complaint = make_complaint(received_on=received, children=[child])
    if age is not None:
        ComplaintChild.objects.filter(complaint=complaint, child=child).update(age_when_received=age)
    return complaint


def ages(report, period="fy2021"):
    t = table(report, "monitoring", "age")
    index = t.column_index(period)
    return {row.key: row.cells[index].value for row in t.rows if row.key != "total"}


def only(band):
    return {key: 1 if key == band else 0 for key in BANDS}


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, "0_5"),  # the youngest the register takes
        (5, "0_5"),
        (6, "6_9"),
        (9, "6_9"),
        (10, "10_14"),
        (14, "10_14"),
        (15, "15_17"),
        (17, "15_17"),
        (18, "18_plus"),
        (25, "18_plus"),  # the oldest: a care leaver
    ],
)
def test_a_child_given_only_an_age_is_counted_in_that_age_band(age, band):
    complaint_about(age=age, gender=Gender.FEMALE)
    report = build("fy2021")
    assert ages(report) == only(band)
    age_gender = table(report, "monitoring", "age_and_gender")
    assert age_gender.value(band, Gender.FEMALE.value) == 1
    assert age_gender.value("unknown", "total") == 0


def test_a_child_with_neither_date_of_birth_nor_age_is_not_known():
    complaint_about()
    assert ages(build("fy2021")) == only("unknown")


def test_the_date_of_birth_decides_the_age_when_both_are_recorded():
    # 12 on 4 January 2022 by the date of birth; the stored 3 is never read.
    complaint_about(born=D(2009, 6, 1), age=3)
    assert ages(build("fy2021")) == only("10_14")


def test_a_date_of_birth_after_the_complaint_is_not_known_even_with_an_age_stored():
    complaint_about(born=D(2022, 1, 5), age=4)
    assert ages(build("fy2021")) == only("unknown")


def test_the_stored_age_counts_in_the_period_the_complaint_was_received():
    complaint_about(received=D(2021, 3, 31), age=7)  # the last day of 2020-21
    complaint_about(received=D(2021, 4, 1), age=16)  # the first day of 2021-22
    report = build("fy2021")
    assert ages(report, "fy2021") == only("15_17")
    assert ages(report, "fy2020") == only("6_9")
