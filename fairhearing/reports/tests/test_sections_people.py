"""How complaints arrived, who made them, and the monitoring of the children they were about:
age on the day the complaint was received (exact birthdays), missing data counted as not known."""

import pytest

from fairhearing.cases.choices import Channel
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.people.choices import Disability, Ethnicity, Gender, Relationship, Religion
from fairhearing.people.services import child_create
from fairhearing.people.tests.factories import PersonFactory

from .factories import D, build, table

pytestmark = pytest.mark.django_db


def child(date_of_birth=None, **monitoring):
    return child_create(first_name="Sam", actor=officer(), date_of_birth=date_of_birth,
                        monitoring=monitoring or None)


def column(t, key):
    index = t.column_index(key)
    return {row.key: row.cells[index].value for row in t.rows}


def test_channels_count_complaints_received_in_the_period():
    make_complaint(received_on=D(2022, 1, 4), channel=Channel.APP)
    make_complaint(received_on=D(2022, 1, 5), channel=Channel.APP)
    make_complaint(received_on=D(2022, 1, 6), channel=Channel.LETTER)
    make_complaint(received_on=D(2022, 4, 1), channel=Channel.LETTER)
    channels = column(table(build("fy2021"), "people", "channels"), "fy2021")
    assert channels == {**{c.value: 0 for c in Channel}, "app": 2, "letter": 1, "total": 3}


def test_who_complained_counts_the_main_complainant_once_per_complaint():
    make_complaint(received_on=D(2022, 1, 4), complainants=[(PersonFactory(), Relationship.CHILD),
                                                            (PersonFactory(), Relationship.ADVOCATE)])
    make_complaint(received_on=D(2022, 1, 5), complainants=[(PersonFactory(), Relationship.PARENT)])
    make_complaint(received_on=D(2022, 1, 6), complainants=[(PersonFactory(), Relationship.PARENT)])
    who = table(build("fy2021"), "people", "complainants")
    assert column(who, "fy2021") == {"child": 1, "parent": 2, "total": 3}  # no advocate: not the main one
    assert who.suppressible


# Age bands ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("born", "received", "band"),
    [
        (D(2016, 1, 10), D(2022, 1, 9), "0_5"),  # the day before the 6th birthday
        (D(2016, 1, 10), D(2022, 1, 10), "6_9"),  # turns 6 the day the complaint is received
        (D(2012, 1, 10), D(2022, 1, 7), "6_9"),
        (D(2012, 1, 10), D(2022, 1, 10), "10_14"),
        (D(2007, 3, 31), D(2022, 3, 30), "10_14"),
        (D(2007, 3, 31), D(2022, 3, 31), "15_17"),
        (D(2004, 2, 1), D(2022, 1, 31), "15_17"),
        (D(2004, 2, 1), D(2022, 2, 1), "18_plus"),
        # Born on 29 February: 6 on 1 March in a year without one.
        (D(2016, 2, 29), D(2022, 2, 28), "0_5"),
        (D(2016, 2, 29), D(2022, 3, 1), "6_9"),
        (D(2022, 1, 4), D(2022, 1, 4), "0_5"),  # a newborn
        (None, D(2022, 1, 4), "unknown"),
    ],
)
def test_age_is_whole_years_on_the_day_the_complaint_was_received(born, received, band):
    make_complaint(received_on=received, children=[child(born)])
    report = build("fy2021")
    ages = column(table(report, "monitoring", "age"), "fy2021")
    assert ages == {"0_5": 0, "6_9": 0, "10_14": 0, "15_17": 0, "18_plus": 0, "unknown": 0, band: 1, "total": 1}
    assert column(table(report, "monitoring", "age_and_gender"), "U")[band] == 1


def test_children_count_once_per_complaint_they_are_named_on():
    twice = child(D(2016, 1, 10), gender=Gender.FEMALE)
    make_complaint(received_on=D(2022, 1, 9), children=[twice])
    make_complaint(received_on=D(2022, 1, 10), children=[twice, child(D(2010, 5, 5), gender=Gender.MALE),
                                                         child(D(2010, 5, 5))])
    report = build("fy2021")
    age_gender = table(report, "monitoring", "age_and_gender")
    assert [c.key for c in age_gender.columns] == ["M", "F", "U", "total"]
    assert column(age_gender, "F") == {"0_5": 1, "6_9": 1, "10_14": 0, "15_17": 0, "18_plus": 0, "unknown": 0,
                                       "total": 2}
    assert column(age_gender, "M")["10_14"] == 1
    assert column(age_gender, "U")["10_14"] == 1
    assert column(age_gender, "total") == {"0_5": 1, "6_9": 1, "10_14": 2, "15_17": 0, "18_plus": 0,
                                           "unknown": 0, "total": 4}
    assert age_gender.title == "Age and gender, 2021-22"
    assert (age_gender.total_column, age_gender.total_row, age_gender.suppressible) == ("total", True, True)


def test_missing_monitoring_counts_as_not_known():
    make_complaint(received_on=D(2022, 1, 4), children=[child(D(2012, 6, 1))])  # no monitoring record
    make_complaint(received_on=D(2022, 1, 5), children=[child(
        D(2012, 6, 1), gender=Gender.MALE, ethnicity=Ethnicity.WBRI, disability=Disability.AUT,
        religion=Religion.NONE)])
    report = build("fy2021")
    assert column(table(report, "monitoring", "age_and_gender"), "U")["total"] == 1
    assert column(table(report, "monitoring", "disability"), "fy2021") == {"AUT": 1, "NOBT": 1, "total": 2}
    assert column(table(report, "monitoring", "ethnicity"), "fy2021") == {"WBRI": 1, "NOBT": 1, "total": 2}
    assert column(table(report, "monitoring", "religion"), "fy2021") == {"none": 1, "not_answered": 1, "total": 2}


def test_monitoring_code_tables_compare_periods_and_age_and_gender_is_the_report_period_only():
    make_complaint(received_on=D(2021, 1, 4), children=[child(D(2012, 6, 1), ethnicity=Ethnicity.BAFR)])
    make_complaint(received_on=D(2022, 1, 4), children=[child(D(2012, 6, 1), ethnicity=Ethnicity.BAFR)])
    report = build("fy2021")
    ethnicity = table(report, "monitoring", "ethnicity")
    assert (ethnicity.value("BAFR", "fy2021"), ethnicity.value("BAFR", "fy2020")) == (1, 1)
    assert column(table(report, "monitoring", "age_and_gender"), "total")["total"] == 1


def test_published_monitoring_hides_small_numbers():
    for _ in range(3):
        make_complaint(received_on=D(2022, 1, 4), children=[child(D(2012, 6, 1), gender=Gender.FEMALE)])
    for _ in range(6):
        make_complaint(received_on=D(2022, 1, 4), children=[child(D(2012, 6, 1), gender=Gender.MALE)])
    age_gender = table(build("fy2021", comparisons=0, published=True), "monitoring", "age_and_gender")
    shown = {row.key: [c.display for c in row.cells] for row in age_gender.rows}
    assert shown["6_9"] == ["*", "<5", "0", "9"]  # aged 9 on 4 January 2022
    assert shown["total"] == ["*", "<5", "0", "9"]
