"""The govuk template tag library."""

from datetime import UTC, date, datetime

import pytest
from django import forms
from django.template import Context, Template

from fairhearing.core.templatetags.govuk import (
    date_parts,
    field_label,
    govuk_date,
    govuk_date_day,
    govuk_datetime,
    widget_kind,
)


def render(source: str, **context) -> str:
    return Template("{% load govuk %}" + source).render(Context(context))


def test_govuk_date_writes_dates_the_gov_uk_way():
    assert govuk_date(date(2022, 1, 4)) == "4 January 2022"
    assert govuk_date_day(date(2022, 1, 4)) == "Tuesday 4 January 2022"
    assert govuk_date(None) == ""
    assert render("{{ d|govuk_date }}", d=date(2025, 12, 25)) == "25 December 2025"


def test_aware_datetimes_are_shown_in_uk_time():
    # 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
    late = datetime(2024, 6, 30, 23, 30, tzinfo=UTC)
    assert govuk_date(late) == "1 July 2024"
    assert govuk_datetime(late) == "1 July 2024 at 12:30am"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2024, 1, 15, 0, 0, tzinfo=UTC), "15 January 2024 at midnight"),
        (datetime(2024, 1, 15, 12, 0, tzinfo=UTC), "15 January 2024 at midday"),
        (datetime(2024, 1, 15, 15, 5, tzinfo=UTC), "15 January 2024 at 3:05pm"),
        (datetime(2024, 1, 15, 9, 30, tzinfo=UTC), "15 January 2024 at 9:30am"),
    ],
)
def test_govuk_datetime(moment, expected):
    assert govuk_datetime(moment) == expected


def test_field_label_turns_a_field_name_into_words():
    assert field_label("due_on") == "Due on"


class KindsForm(forms.Form):
    name = forms.CharField()
    secret = forms.CharField(widget=forms.PasswordInput)
    notes = forms.CharField(widget=forms.Textarea)
    team = forms.ChoiceField(choices=[("a", "A")])
    outcome = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
    themes = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)
    agree = forms.BooleanField()
    letter = forms.FileField()
    token = forms.CharField(widget=forms.HiddenInput)
    received_on = forms.DateField()


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("name", "input"),
        ("secret", "password"),
        ("notes", "textarea"),
        ("team", "select"),
        ("outcome", "radios"),
        ("themes", "checkboxes"),
        ("agree", "checkbox"),
        ("letter", "file"),
        ("token", "hidden"),
        ("received_on", "input"),
    ],
)
def test_widget_kind(name, kind):
    assert widget_kind(KindsForm()[name]) == kind


def test_add_class_keeps_the_widgets_own_classes():
    class Form(forms.Form):
        name = forms.CharField(widget=forms.TextInput(attrs={"class": "mine"}))

    html = render('{{ form.name|add_class:"govuk-input" }}', form=Form())
    assert 'class="mine govuk-input"' in html


def test_govuk_control_adds_classes_and_describedby_and_drops_autofocus():
    class Form(forms.Form):
        name = forms.CharField(help_text="Full name", widget=forms.TextInput(attrs={"autofocus": True}))

    form = Form(data={"name": ""})
    html = render("{% govuk_control form.name 'govuk-input--width-20' %}", form=form)
    assert 'class="govuk-input govuk-input--width-20 govuk-input--error"' in html
    assert 'aria-describedby="id_name-hint id_name-error"' in html
    assert "autofocus" not in html


def test_date_parts_reads_initial_and_submitted_values():
    class Form(forms.Form):
        when = forms.DateField()

    assert date_parts(Form(initial={"when": date(2024, 3, 9)})["when"]) == {
        "day": "9", "month": "3", "year": "2024"
    }
    assert date_parts(Form(data={"when": "2024-03-09"})["when"])["day"] == "9"
    assert date_parts(Form()["when"]) == {"day": "", "month": "", "year": ""}


def test_nav_current_marks_the_page_and_the_pages_below_it(rf):
    source = "{% nav_current href as c %}{{ c }}"
    assert render(source, request=rf.get("/complaints/"), href="/complaints/") == "page"
    assert render(source, request=rf.get("/complaints/12/"), href="/complaints/") == "true"
    assert render(source, request=rf.get("/complaints/12/"), href="/") == ""
    assert render(source, href="/") == ""


def test_nonce_attr_is_empty_without_a_nonce():
    assert render("<script{% nonce_attr n %}>", n="") == "<script>"
    assert render("<script{% nonce_attr n %}>", n='a"b') == '<script nonce="a&quot;b">'


@pytest.mark.parametrize(
    ("value", "shown"),
    [("2022-01-18", "18 January 2022"), (None, "(blank)"), ("", "(blank)"), (True, "Yes"), (False, "No"),
     ("Hester Marrowgate", "Hester Marrowgate"), ("not-a-date", "not-a-date"), (5, 5)],
)
def test_change_value_reads_like_a_history(value, shown):
    from fairhearing.core.templatetags.govuk import change_value

    assert change_value(value) == shown


@pytest.mark.parametrize(("value", "expected"), [(0, "0"), (999, "999"), (1000, "1,000"), (10000, "10,000"),
                                                 ("2500", "2,500"), (None, ""), ("n/a", "n/a")])
def test_govuk_number_puts_commas_in_thousands(value, expected):
    from fairhearing.core.templatetags.govuk import govuk_number

    assert govuk_number(value) == expected
