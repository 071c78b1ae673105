"""Names on the public forms: letters of any alphabet with their accents, spaces, hyphens,
apostrophes and full stops; never a line break, a control character or the ": / @ < >" that web
and email addresses and markup need, since a name goes into the emails the council sends."""

import html
import inspect

import pytest
from django import forms

from fairhearing.notifications.models import OutboxMessage
from fairhearing.publicforms.forms import complaint, compliment
from fairhearing.publicforms.forms.base import PublicForm
from fairhearing.publicforms.models import OnlineSubmission

from .factories import (
    ADULT_PAGES,
    COMPLIMENT_PAGES,
    MOMENT,
    YOUNG_PAGES,
    fill_in,
    page_url,
    step_url,
)
from .test_complaint_pages import error_summary

pytestmark = pytest.mark.django_db

PHISHING = "Sam\n\nYour refund is ready at https://evil.example/r"
ADULT_MESSAGE = "{} must only include letters, spaces, hyphens, apostrophes and full stops"
YOUNG_MESSAGE = "Please use only letters, spaces, dashes (-), apostrophes (') and full stops (.)"
YOUNG_ABOUT_A_FRIEND = {
    "who-you-are": {"relationship": "other"},
    "how-you-know-them": {"relationship_detail": "They are my friend"},
    "your-name": YOUNG_PAGES["your-name"],
    "the-child": {"child_first_name": "Ali", "child_last_name": ""},
}

# (flow, the pages to walk, the page, the box, the message)
NAME_BOXES = [
    ("complaint", ADULT_PAGES, "your-name", "first_name", ADULT_MESSAGE.format("First name")),
    ("complaint", ADULT_PAGES, "your-name", "last_name", ADULT_MESSAGE.format("Last name")),
    ("complaint", ADULT_PAGES, "the-child", "child_first_name", ADULT_MESSAGE.format("Their first name")),
    ("complaint", ADULT_PAGES, "the-child", "child_last_name", ADULT_MESSAGE.format("Their last name")),
    ("young_person", YOUNG_PAGES, "your-name", "first_name", YOUNG_MESSAGE),
    ("young_person", YOUNG_PAGES, "your-name", "last_name", YOUNG_MESSAGE),
    ("young_person", YOUNG_ABOUT_A_FRIEND, "the-child", "child_first_name", YOUNG_MESSAGE),
    ("young_person", YOUNG_ABOUT_A_FRIEND, "the-child", "child_last_name", YOUNG_MESSAGE),
    ("compliment", COMPLIMENT_PAGES, "your-details", "first_name", ADULT_MESSAGE.format("First name")),
    ("compliment", COMPLIMENT_PAGES, "your-details", "last_name", ADULT_MESSAGE.format("Last name")),
]
BAD_NAMES = [
    PHISHING, "Sam https://evil.example", "Sam www.evil.example/r", "sam@evil.example", "<b>Sam</b>",
    "Sam\tTwo", "Sam\u2028Two", "Sam\x00", "Sam\x1b", "Sam 2",
]
GOOD_NAMES = ["Zoë", "Siân", "Jean-Luc", "O'Brien", "D’Arcy", "St. John", "José María", "Zoe\u0308", "Nguyễn",
              "Αλέξης", "Łucja"]


def _post(client, flow, pages, step, box, value):  # noqa: ANN001, ANN202
    fill_in(client, flow, pages, until=step)
    return client.post(step_url(flow, step), {**pages[step], box: value})


@pytest.mark.parametrize(("flow", "pages", "step", "box", "message"), NAME_BOXES,
                         ids=[f"{case[0]} {case[2]} {case[3]}" for case in NAME_BOXES])
def test_a_name_with_a_web_address_or_line_breaks_is_refused_with_what_was_typed_kept(
        client, flow, pages, step, box, message):
    response = _post(client, flow, pages, step, box, PHISHING)
    assert response.status_code == 200
    assert error_summary(response) == [message]
    assert f'value="{html.escape(PHISHING)}"' in response.content.decode()
    # Nothing was kept for the page: the next one cannot be reached yet.
    assert client.get(page_url(flow, "check"))["Location"] == step_url(flow, step)


@pytest.mark.parametrize("name", BAD_NAMES)
def test_each_character_a_name_cannot_hold_is_refused(client, name):
    response = _post(client, "complaint", ADULT_PAGES, "your-name", "first_name", name)
    assert response.status_code == 200
    assert error_summary(response) == ["First name must only include letters, spaces, hyphens, apostrophes and full stops"]


@pytest.mark.parametrize("name", GOOD_NAMES)
def test_names_with_accents_hyphens_apostrophes_and_full_stops_are_accepted(client, name):
    response = _post(client, "complaint", ADULT_PAGES, "your-name", "last_name", name)
    assert response.status_code == 302, name


def test_the_young_persons_message_is_in_plain_words():
    """Short, no "must", no "characters", no "invalid": the way the rest of their form speaks."""
    assert len(YOUNG_MESSAGE.split()) <= 15
    for word in ("must", "characters", "invalid", "valid"):
        assert word not in YOUNG_MESSAGE.lower()


def _name_boxes() -> list[tuple[type[PublicForm], str]]:
    found = []
    for module in (complaint, compliment):
        for _, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, PublicForm) and form.__module__ == module.__name__:
                found += [(form, name) for name, field in form.base_fields.items()
                          if name.endswith("name") and isinstance(field, forms.CharField)]
    return found


def test_every_name_box_on_the_public_forms_is_checked():
    """A name box added later gets the same check (and is listed in NAME_BOXES above)."""
    boxes = _name_boxes()
    assert {(form.__name__, name) for form, name in boxes} == {
        ("NameForm", "first_name"), ("NameForm", "last_name"), ("ChildForm", "child_first_name"),
        ("ChildForm", "child_last_name"), ("ComplimentContactForm", "first_name"),
        ("ComplimentContactForm", "last_name")}
    for form_class, name in boxes:
        for version in ("adult", "young_person"):
            form = form_class({name: PHISHING}, version=version, today=MOMENT.date())
            assert not form.is_valid()
            (message,) = form.errors[name]
            assert "letters, spaces" in message, (form_class.__name__, name, message)


def test_a_name_put_right_is_the_one_sent_and_emailed(client):
    assert _post(client, "complaint", ADULT_PAGES, "your-name", "first_name", PHISHING).status_code == 200
    fill_in(client, "complaint", {**ADULT_PAGES, "your-name": {"first_name": "Zoë", "last_name": "O'Brien"}})
    assert client.post(page_url("complaint", "check")).status_code == 302
    submission = OnlineSubmission.objects.get()
    assert (submission.first_name, submission.last_name) == ("Zoë", "O'Brien")
    assert OutboxMessage.objects.get().body_text.startswith("Dear Zoë\n\n")
