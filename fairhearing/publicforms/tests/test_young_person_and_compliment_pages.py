"""The young person's complaint form (plain words, the advocate explained, the child's
acknowledgement) and the compliment form (shorter, consent to be quoted, an optional thank-you)."""

import html
import re

import pytest
from django.urls import reverse

from fairhearing.notifications.models import OutboxMessage
from fairhearing.publicforms.models import OnlineSubmission

from .factories import COMPLIMENT_PAGES, D, date_boxes, fill_in, page_url, step_url
from .test_complaint_pages import back_link, error_summary, text_of

pytestmark = pytest.mark.django_db
YOUNG, COMPLIMENT = "young_person", "compliment"


# The young person's form ----------------------------------------------------------------------------------

def test_the_young_persons_start_page_explains_advocates_and_what_happens(client, settings):
    settings.PUBLIC_FORMS_ADVOCACY_CONTACT = "NYAS on 0808 808 1001 (free)"
    page = text_of(client.get(reverse("publicforms:young_person_start")))
    assert "Tell us what is wrong" in page
    assert "An advocate is someone who helps you say what you want" in page
    assert "NYAS on 0808 808 1001 (free)" in page
    assert "You will not get into trouble for complaining" in page
    assert "Childline free on 0800 1111" in page
    assert "within 3 working days" in page and "Monday to Friday" in page


def test_the_young_persons_questions_are_in_plain_words(client):
    assert "Is this about you or someone else?" in text_of(client.get(step_url(YOUNG, "who-you-are")))
    fill_in(client, YOUNG, until="advocate")
    advocate = text_of(client.get(step_url(YOUNG, "advocate")))
    assert "Would you like an advocate to help you?" in advocate
    assert "They are on your side" in advocate and "Yes, please" in advocate and "I am not sure" in advocate
    response = client.post(step_url(YOUNG, "advocate"), {})
    assert error_summary(response) == ["Choose yes, no or not sure"]


def test_a_young_person_sends_a_complaint_and_gets_the_childs_acknowledgement(client):
    fill_in(client, YOUNG)
    assert "Check what you have told us" in text_of(client.get(page_url(YOUNG, "check")))
    assert client.post(page_url(YOUNG, "check"))["Location"] == page_url(YOUNG, "sent")
    submission = OnlineSubmission.objects.get()
    assert submission.form_version == "young_person" and submission.is_from_child
    assert submission.last_name == "" and submission.wants_advocate == "yes"
    page = text_of(client.get(page_url(YOUNG, "sent")))
    assert "We have got your complaint" in page and submission.reference in page
    assert "by Thursday 21 April 2022" in page
    assert "You said you would like an advocate. We will help you get one." in page
    message = OutboxMessage.objects.get()
    assert message.template_key == "complaint_acknowledgement_child" and message.to_address == "sam@example.org"


def test_a_young_person_complaining_for_a_friend_says_how_they_know_them(client):
    client.post(step_url(YOUNG, "who-you-are"), {"relationship": "other"})
    page = client.get(step_url(YOUNG, "how-you-know-them"))
    assert "How do you know them?" in text_of(page)
    assert error_summary(client.post(step_url(YOUNG, "how-you-know-them"), {"relationship_detail": ""})) == [
        "Tell us how you know them"]
    client.post(step_url(YOUNG, "how-you-know-them"), {"relationship_detail": "My friend"})
    client.post(step_url(YOUNG, "your-name"), {"first_name": "Sam"})
    child = client.get(step_url(YOUNG, "the-child"))
    assert "Who is it about?" in text_of(child)
    assert back_link(child) == step_url(YOUNG, "your-name")
    response = client.post(step_url(YOUNG, "the-child"), {"child_first_name": "", **date_boxes("child_date_of_birth", None)})
    assert error_summary(response) == ["Tell us their first name"]
    client.post(step_url(YOUNG, "the-child"), {"child_first_name": "Alex", **date_boxes("child_date_of_birth", None)})
    client.post(step_url(YOUNG, "what-happened"), {"what_happened": "Alex is sad."})
    client.post(step_url(YOUNG, "what-you-would-like"), {"desired_outcome": "Help for Alex."})
    advocate_page = text_of(client.get(step_url(YOUNG, "advocate")))
    assert "Would they like an advocate to help them?" in advocate_page


@pytest.mark.parametrize(("step", "data", "message"), [
    ("who-you-are", {}, "Choose if this is about you or someone else"),
    ("your-name", {"first_name": ""}, "Tell us your first name"),
    ("your-date-of-birth", date_boxes("child_date_of_birth", D(2030, 1, 1)), "Date of birth must be in the past"),
    ("what-happened", {"what_happened": ""}, "Tell us what has happened"),
    ("what-you-would-like", {"desired_outcome": ""}, "Tell us what you would like to happen"),
    ("contact-method", {}, "Choose how we should get in touch with you"),
    ("contact-details", {"email": "sam at home"}, "Check your email address. It should look like name@example.com"),
])
def test_young_persons_errors_are_in_plain_words(client, step, data, message):
    fill_in(client, YOUNG, until=step)
    assert message in error_summary(client.post(step_url(YOUNG, step), data))


def test_a_young_person_may_leave_out_their_last_name_and_birthday(client):
    fill_in(client, YOUNG, until="your-name")
    assert client.post(step_url(YOUNG, "your-name"), {"first_name": "Sam", "last_name": ""}).status_code == 302
    assert client.post(step_url(YOUNG, "your-date-of-birth"), date_boxes("child_date_of_birth", None)).status_code == 302


# The compliment form ----------------------------------------------------------------------------------------

def test_the_compliment_start_page(client):
    page = text_of(client.get(reverse("publicforms:compliment_start")))
    assert "Pay a compliment" in page and "You do not have to give your name" in page


def test_paying_a_compliment_with_a_thank_you(client):
    fill_in(client, COMPLIMENT)
    check = text_of(client.get(page_url(COMPLIMENT, "check")))
    assert "Jo listened to us and things changed." in check
    assert "Yes, you can quote me in reports, with names taken out" in check
    assert client.post(page_url(COMPLIMENT, "check"))["Location"] == page_url(COMPLIMENT, "sent")
    submission = OnlineSubmission.objects.get()
    assert (submission.kind, submission.compliment_source, submission.consent_to_share) == ("compliment", "parent_family", True)
    assert submission.compliment_about == "Jo, the social worker"
    page = text_of(client.get(page_url(COMPLIMENT, "sent")))
    assert "Compliment sent" in page and submission.reference in page and "We have sent you an email" in page
    assert OutboxMessage.objects.get().template_key == "compliment_thanks"


def test_a_compliment_without_a_name_or_email_and_no_consent(client):
    pages = {**COMPLIMENT_PAGES, "who-it-is-for": {"about": ""}, "sharing": {"consent_to_share": "no"},
             "your-details": {"first_name": "", "last_name": "", "email": ""}}
    fill_in(client, COMPLIMENT, pages)
    client.post(page_url(COMPLIMENT, "check"))
    submission = OnlineSubmission.objects.get()
    assert not submission.consent_to_share and submission.first_name == "" and not submission.acknowledgement_queued
    assert not OutboxMessage.objects.exists()
    assert "We have sent you an email" not in text_of(client.get(page_url(COMPLIMENT, "sent")))


@pytest.mark.parametrize(("step", "data", "message"), [
    ("who-you-are", {}, "Select who you are"),
    ("who-it-is-for", {"about": "x" * 201}, "Who you would like to compliment must be 200 characters or fewer"),
    ("what-you-would-like-to-say", {"words": " "}, "Enter what you would like to tell us"),
    ("sharing", {}, "Select yes if we can quote what you said in our reports"),
    ("your-details", {"first_name": "", "email": "pat@example.org"},
     "Enter your first name, so we know who to thank, or leave out your email address"),
    ("your-details", {"first_name": "Pat", "email": "pat.example.org"},
     "Enter an email address in the correct format, like name@example.com"),
])
def test_compliment_errors(client, step, data, message):
    fill_in(client, COMPLIMENT, until=step)
    response = client.post(step_url(COMPLIMENT, step), data)
    assert message in error_summary(response)
    for value in data.values():
        if value.strip() and len(value) < 100:
            assert html.escape(value) in response.content.decode()


def test_compliment_back_links_and_change_links(client):
    steps = list(COMPLIMENT_PAGES)
    for index, (step, data) in enumerate(COMPLIMENT_PAGES.items()):
        expected = reverse("publicforms:compliment_start") if index == 0 else step_url(COMPLIMENT, steps[index - 1])
        assert back_link(client.get(step_url(COMPLIMENT, step))) == expected
        client.post(step_url(COMPLIMENT, step), data)
    body = client.get(page_url(COMPLIMENT, "check")).content.decode()
    linked = set(re.findall(r'href="(/compliment/[a-z-]+/)">Change', body))
    assert linked == {step_url(COMPLIMENT, step) for step in steps}
    response = client.post(step_url(COMPLIMENT, "sharing"), {"consent_to_share": "no"})
    assert response["Location"] == page_url(COMPLIMENT, "check")
