"""The three-box date field: GOV.UK's error messages for every way a date can be wrong."""

import datetime

import pytest
from django import forms

from fairhearing.core.forms import GovukDateField


class DateForm(forms.Form):
    received_on = GovukDateField(label="Date received")
    told_on = GovukDateField(label="Date told", required=False)


def post(day="", month="", year="", **extra):
    return DateForm({"received_on_day": day, "received_on_month": month, "received_on_year": year, **extra})


def test_valid_date():
    form = post("4", "1", "2022")
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"received_on": datetime.date(2022, 1, 4), "told_on": None}


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter the date received"),
        (("4", "", "2022"), "Date received must include a month"),
        (("", "", "2022"), "Date received must include a day and a month"),
        (("31", "2", "2022"), "Date received must be a real date"),
        (("4", "one", "2022"), "Date received must be a real date"),
        (("4", "1", "22"), "Year must include 4 numbers"),
    ],
)
def test_bad_dates_get_govuk_messages(parts, message):
    form = post(*parts)
    assert not form.is_valid()
    assert form.errors["received_on"] == [message]


def test_widget_renders_three_boxes_and_keeps_initial_value():
    form = DateForm(initial={"received_on": datetime.date(2022, 1, 4)})
    html = str(form["received_on"])
    assert 'name="received_on_day"' in html and 'name="received_on_year"' in html
    assert 'value="2022"' in html
