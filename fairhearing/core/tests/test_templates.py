"""Site-wide templates: the page frame, sign-in, error pages, form includes and compiled assets."""

import re
from datetime import UTC, date, datetime
from html import unescape
from pathlib import Path
from types import SimpleNamespace

import pytest
from django import forms
from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponse
from django.template import engines, loader
from django.urls import path

import config.urls

STATIC = Path(django_settings.BASE_DIR) / "fairhearing" / "static"


def page_view(request):
    """A page that extends base.html, as every app's pages will."""
    messages.success(request, "Complaint CSC-2026-0042 saved")
    messages.info(request, "Holiday dates were updated")
    page = engines["django"].from_string(
        '{% extends "base.html" %}{% block title %}Test page{% endblock %}'
        '{% block content %}<h1 class="govuk-heading-l">Test page</h1>{% endblock %}'
    )
    return HttpResponse(page.render({}, request))


urlpatterns = [*config.urls.urlpatterns, path("test-page/", page_view, name="test_page")]
pytestmark = pytest.mark.urls(__name__)


def title(html: str) -> str:
    return unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))


# The sign-in page -----------------------------------------------------------------------------


def test_sign_in_page_uses_the_gov_uk_template_and_our_arial_stylesheet(client):
    html = client.get("/login/").content.decode()
    assert '<html lang="en-GB" class="govuk-template">' in html
    assert '<body class="govuk-template__body">' in html
    assert 'href="/static/fairhearing/fairhearing.css"' in html
    assert "govuk-frontend-supported" in html
    assert 'import { initAll } from "/static/govuk/govuk-frontend.min.js"' in html
    assert title(html) == "Sign in – Children's Services complaints – Demo Borough Council"
    assert '<h1 class="govuk-heading-l">Sign in</h1>' in html
    assert 'class="govuk-input govuk-!-width-two-thirds"' in html
    assert 'data-module="govuk-password-input"' in html
    assert 'autocomplete="current-password"' in html
    assert "autofocus" not in html
    assert "govuk-error-summary" not in html
    assert 'name="csrfmiddlewaretoken"' in html


@pytest.mark.django_db
def test_a_failed_sign_in_shows_one_plain_error(client, django_user_model):
    django_user_model.objects.create_user(username="amina", password="a-long-test-password")
    response = client.post("/login/", {"username": "amina", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert title(html).startswith("Error: Sign in")
    assert 'class="govuk-error-summary"' in html
    assert '<a href="#id_username">Enter a correct username and password</a>' in html
    assert '<span class="govuk-visually-hidden">Error:</span> Enter a correct username and password' in html
    assert "govuk-input--error" in html
    assert 'aria-describedby="id_username-error"' in html
    assert "Please enter a correct" not in html  # Django's own wording is replaced


def test_an_empty_sign_in_asks_for_each_field(client):
    html = client.post("/login/", {"username": "", "password": ""}).content.decode()
    assert '<a href="#id_username">Enter your username</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html


@pytest.mark.django_db
def test_signing_in_works(client, django_user_model):
    django_user_model.objects.create_user(username="amina", password="a-long-test-password")
    response = client.post("/login/", {"username": "amina", "password": "a-long-test-password"})
    assert response.status_code == 302


# The page frame ---------------------------------------------------------------------------------


def test_header_shows_the_council_and_service_from_settings(client, settings):
    settings.COUNCIL_NAME = "Barsetshire County Council"
    settings.COUNCIL_SERVICE_NAME = "Children's complaints"
    settings.COUNCIL_BRAND_COLOUR = "#00703c"
    html = client.get("/login/").content.decode()
    assert '<span class="fh-header__council-name">Barsetshire County Council</span>' in html
    assert "Children&#x27;s complaints</a>" in html
    assert ":root { --fh-brand-colour: #00703c; }" in html
    assert "Children&#x27;s complaints, Barsetshire County Council" in html  # footer
    assert "Sign out" not in html


def test_header_shows_the_logo_with_the_council_name_as_its_text(client, settings):
    settings.COUNCIL_LOGO = "https://cdn.example.org/logo.svg"
    html = client.get("/login/").content.decode()
    assert '<img class="fh-header__logo-image" src="https://cdn.example.org/logo.svg" alt="Demo Borough Council">' in html


def test_a_bad_brand_colour_never_reaches_the_page(client, settings):
    settings.COUNCIL_BRAND_COLOUR = "red;}</style><script>alert(1)</script>"
    html = client.get("/login/").content.decode()
    assert "alert(1)" not in html
    assert "--fh-brand-colour: #0b0c0c;" in html


def test_inline_scripts_and_styles_carry_the_csp_nonce_when_there_is_one(rf, settings):
    request = rf.get("/login/")
    request.csp_nonce = "n0nce"
    context = {"form": AuthenticationForm()}
    html = loader.render_to_string("registration/login.html", context, request=request)
    assert html.count('nonce="n0nce"') == 3  # the style, the js-enabled script, the module


@pytest.mark.django_db
def test_signed_in_pages_show_the_user_navigation_and_messages(client, django_user_model):
    user = django_user_model.objects.create_user(
        username="amina", password="a-long-test-password", first_name="Amina", last_name="Khan"
    )
    client.force_login(user)
    html = client.get("/test-page/").content.decode()
    assert title(html) == "Test page – Children's Services complaints – Demo Borough Council"
    assert "<span>Amina Khan</span>" in html
    assert re.search(r'<form method="post" action="/logout/">\s*<input type="hidden" name="csrfmiddlewaretoken"', html)
    assert re.search(r'aria-current="page">\s*<strong class="govuk-service-navigation__active-fallback">Home', html) is None
    assert re.search(r'href="/">\s*Home\s*</a>', html)
    assert 'href="/admin/"' not in html  # not staff
    assert "govuk-notification-banner--success" in html
    assert "Complaint CSC-2026-0042 saved" in html
    assert 'role="region" aria-labelledby="fh-message-2-title"' in html
    assert "Holiday dates were updated" in html


@pytest.mark.django_db
def test_staff_see_the_admin_link(client, django_user_model):
    user = django_user_model.objects.create_user(username="sam", password="x" * 12, is_staff=True)
    client.force_login(user)
    html = client.get("/test-page/").content.decode()
    assert 'href="/admin/"' in html
    assert "<span>sam</span>" in html


def test_page_not_found_uses_the_service_layout(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found –" in title(html)
    assert "govuk-template__body" in html


@pytest.mark.parametrize(
    ("template", "heading"),
    [
        ("500.html", "Sorry, there is a problem with the service"),
        ("403_csrf.html", "Your page has expired"),
    ],
)
def test_error_pages_render_without_a_request_or_the_database(template, heading, settings):
    # No django_db mark: any query would fail the test.
    settings.COUNCIL_NAME = "Barsetshire County Council"
    html = loader.get_template(template).render({})
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in html
    assert "Barsetshire County Council" in html


def test_server_error_handler_uses_our_page(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content


# Form includes ----------------------------------------------------------------------------------


class DateWidget(forms.MultiWidget):
    """The contract includes/date_input.html expects: three boxes named _day, _month, _year."""

    def __init__(self):
        super().__init__({"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput})

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]


class ThreeBoxDateField(forms.MultiValueField):
    widget = DateWidget

    def __init__(self, **kwargs):
        super().__init__(fields=[forms.IntegerField()] * 3, **kwargs)

    def compress(self, data_list):
        return date(data_list[2], data_list[1], data_list[0]) if data_list else None


class ComplaintForm(forms.Form):
    summary = forms.CharField(label="Summary", help_text="One line.")
    details = forms.CharField(label="What happened", widget=forms.Textarea)
    outcome = forms.ChoiceField(
        label="Outcome", choices=[("upheld", "Upheld"), ("not_upheld", "Not upheld")],
        widget=forms.RadioSelect,
    )
    themes = forms.MultipleChoiceField(
        label="Themes", choices=[("care", "Care"), ("contact", "Contact")],
        widget=forms.CheckboxSelectMultiple, required=False,
    )
    received_on = ThreeBoxDateField(label="Date received")
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("This complaint was changed by someone else")


def render_include(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_error_summary_lists_form_errors_linking_to_each_field():
    form = ComplaintForm(data={"outcome": "upheld", "received_on_day": "4"})
    html = render_include('{% include "includes/error_summary.html" %}', form=form)
    assert "There is a problem" in html
    assert "<li>This complaint was changed by someone else</li>" in html
    assert '<a href="#id_summary">This field is required.</a>' in html
    assert '<a href="#id_received_on">' in html
    assert '<a href="#id_outcome">' not in html
    assert "<li>This field is required.</li>" in html  # the hidden field: no link


def test_no_error_summary_without_errors():
    assert render_include('{% include "includes/error_summary.html" %}', form=ComplaintForm()).strip() == ""


def test_field_include_renders_a_text_input_with_hint_and_error():
    form = ComplaintForm(data={})
    html = render_include('{% include "includes/field.html" with field=form.summary %}', form=form)
    assert 'class="govuk-form-group govuk-form-group--error"' in html
    assert '<label class="govuk-label" for="id_summary">Summary</label>' in html
    assert '<div id="id_summary-hint" class="govuk-hint">One line.</div>' in html
    assert '<span class="govuk-visually-hidden">Error:</span> This field is required.' in html
    assert 'aria-describedby="id_summary-hint id_summary-error"' in html
    assert 'class="govuk-input govuk-input--error"' in html


def test_field_include_renders_a_textarea_as_a_page_heading():
    html = render_include(
        '{% include "includes/field.html" with field=form.details heading=True label_classes="govuk-label--l" %}',
        form=ComplaintForm(),
    )
    assert '<h1 class="govuk-label-wrapper">' in html
    assert 'class="govuk-label govuk-label--l"' in html
    assert 'class="govuk-textarea"' in html


def test_radios_give_the_first_option_the_fields_id():
    form = ComplaintForm(data={"outcome": "not_upheld"})
    html = render_include('{% include "includes/field.html" with field=form.outcome %}', form=form)
    assert '<fieldset class="govuk-fieldset">' in html
    assert '<div class="govuk-radios" data-module="govuk-radios">' in html
    assert 'id="id_outcome" name="outcome" type="radio" value="upheld">' in html
    assert 'id="id_outcome-2" name="outcome" type="radio" value="not_upheld" checked>' in html
    assert '<label class="govuk-label govuk-radios__label" for="id_outcome-2">Not upheld</label>' in html


def test_checkbox_lists():
    form = ComplaintForm(data={"themes": ["contact"]})
    html = render_include('{% include "includes/field.html" with field=form.themes small=True %}', form=form)
    assert 'class="govuk-checkboxes govuk-checkboxes--small"' in html
    assert 'id="id_themes-2" name="themes" type="checkbox" value="contact" checked>' in html


def test_date_input_keeps_what_was_typed_and_marks_every_box_in_error():
    form = ComplaintForm(data={"received_on_day": "31", "received_on_month": "2", "received_on_year": ""})
    html = render_include('{% include "includes/field.html" with field=form.received_on %}', form=form)
    assert '<fieldset class="govuk-fieldset" role="group" aria-describedby="id_received_on-error">' in html
    assert 'id="id_received_on" name="received_on_day" type="text" inputmode="numeric" value="31"' in html
    assert 'name="received_on_month" type="text" inputmode="numeric" value="2"' in html
    assert html.count("govuk-input--error") == 3


def test_hidden_fields_render_bare():
    html = render_include('{% include "includes/field.html" with field=form.token %}', form=ComplaintForm())
    assert html.strip() == '<input type="hidden" name="token" id="id_token">'


# Other includes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "tag"),
    [
        ("overdue", '<strong class="govuk-tag govuk-tag--red fh-due-tag">Overdue</strong>'),
        ("due_soon", '<strong class="govuk-tag govuk-tag--yellow fh-due-tag">Due soon</strong>'),
        ("on_track", '<strong class="govuk-tag govuk-tag--green fh-due-tag">On track</strong>'),
    ],
)
def test_due_tag(status, tag):
    html = render_include(
        '{% include "includes/due_tag.html" with status=status due_on=due_on %}',
        status=status, due_on=date(2026, 3, 2),
    )
    assert tag in html
    assert '<span class="fh-due-date">Due 2 March 2026</span>' in html


def test_timeline_shows_what_who_when_and_what_changed():
    event = SimpleNamespace(
        summary="Response deadline extended",
        actor="Amina Khan",
        occurred_at=datetime(2026, 1, 5, 14, 30, tzinfo=UTC),
        changes={"due_on": ["2026-01-12", "2026-01-26"]},
    )
    system = SimpleNamespace(summary="Deadline recalculated", actor=None, occurred_at=event.occurred_at, changes={})
    html = render_include('{% include "includes/timeline.html" %}', events=[event, system])
    assert '<h3 class="fh-timeline__title">Response deadline extended</h3>' in html
    assert "by Amina Khan" in html
    assert "by the system" in html
    assert '<time datetime="2026-01-05T14:30:00+00:00">5 January 2026 at 2:30pm</time>' in html
    assert '<dt class="fh-timeline__change-field">Due on</dt>' in html
    assert "changed from <span class=\"fh-timeline__old-value\">12 January 2026</span>" in html
    assert "to 26 January 2026" in html


# Compiled assets --------------------------------------------------------------------------------


def test_compiled_css_is_set_in_arial_without_the_gov_uk_typeface():
    css = (STATIC / "fairhearing" / "fairhearing.css").read_text()
    assert "font-family:arial,sans-serif" in css
    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert ".fh-header{background-color:var(--fh-brand-colour" in css
    for name in (".fh-timeline", ".fh-due-tag", ".govuk-generic-header", ".govuk-service-navigation"):
        assert name in css


def test_every_file_the_css_and_js_name_is_committed():
    css_dir = STATIC / "fairhearing"
    for url in re.findall(r'url\("?([^")]+)"?\)', (css_dir / "fairhearing.css").read_text()):
        assert (css_dir / url).resolve().is_file(), url
    assert (STATIC / "govuk" / "govuk-frontend.min.js").is_file()
    assert (STATIC / "govuk" / "govuk-frontend.min.js.map").is_file()
    assert not (STATIC / "govuk" / "assets" / "fonts").exists()


def test_error_summary_from_prepared_links_for_multi_form_pages():
    links = [{"text": "Enter the date received", "href": "#id_received_on"}, {"text": "Something went wrong", "href": ""}]
    html = render_include('{% include "includes/error_summary.html" with links=links %}', links=links)
    assert '<a href="#id_received_on">Enter the date received</a>' in html
    assert "<li>Something went wrong</li>" in html
    assert render_include('{% include "includes/error_summary.html" with links=links %}', links=[]).strip() == ""
