"""The adult complaint form, page by page: the way through, which pages apply to which answers,
back links, check your answers with its change links, the confirmation, what is kept where (the
session, never the address), and every question's errors with what was typed kept."""

import html
import logging
import re

import pytest
from django.test import Client
from django.urls import reverse

from fairhearing.notifications.models import OutboxMessage
from fairhearing.publicforms.models import OnlineSubmission

from .factories import ADULT_PAGES, D, date_boxes, fill_in, page_url, step_url

pytestmark = pytest.mark.django_db
FLOW = "complaint"
START = reverse("publicforms:complaint_start")
CHECK = page_url(FLOW, "check")
SENT = page_url(FLOW, "sent")


def text_of(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def back_link(response) -> str:
    match = re.search(r'<a href="([^"]+)" class="govuk-back-link">', response.content.decode())
    assert match, "no back link"
    return match.group(1)


def error_summary(response) -> list[str]:
    body = response.content.decode()
    assert 'class="govuk-error-summary"' in body, "no error summary"
    summary = body[body.index('class="govuk-error-summary"'):]
    summary = summary[:summary.index("</ul>")]
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", item)).split())
            for item in re.findall(r"<li>(.*?)</li>", summary, re.S)]


# The way through ------------------------------------------------------------------------------------

def test_the_start_page_needs_no_sign_in_and_starts_the_first_question(client):
    response = client.get(START)
    assert response.status_code == 200
    page = text_of(response)
    assert "Make a complaint about children's services" in page
    assert "within 3 working days" in page and "within 10 working days" in page and "up to 20" in page
    assert f'href="{step_url(FLOW, "who-you-are")}"' in response.content.decode()
    assert reverse("publicforms:young_person_start") in response.content.decode()
    assert "Sign out" not in page


def test_walking_the_whole_form_sends_the_complaint(client):
    response = client.get(step_url(FLOW, "who-you-are"))
    assert response.status_code == 200
    locations = []
    for step, data in ADULT_PAGES.items():
        response = client.post(step_url(FLOW, step), data)
        assert response.status_code == 302, step
        locations.append(response["Location"])
    assert locations[-1] == CHECK
    check = client.get(CHECK)
    page = text_of(check)
    for answer in ("A parent", "Pat", "Example", "Sam", "27 March 2012", "No one came to the review meeting.",
                   "An apology and a new meeting.", "Not sure", "Email", "pat@example.org"):
        assert answer in page
    sent = client.post(CHECK)
    assert sent.status_code == 302 and sent["Location"] == SENT
    submission = OnlineSubmission.objects.get()
    assert (submission.first_name, submission.child_first_name, submission.wants_advocate) == ("Pat", "Sam", "not_sure")
    confirmation = text_of(client.get(SENT))
    assert "Complaint sent" in confirmation and submission.reference in confirmation
    assert "by Thursday 21 April 2022" in confirmation
    assert "We have sent you a confirmation email" in confirmation
    assert OutboxMessage.objects.get().template_key == "complaint_acknowledgement"
    # The answers are gone from the session: the form starts again.
    assert client.get(CHECK)["Location"] == step_url(FLOW, "who-you-are")
    assert not any(key.startswith("publicforms.complaint") and not key.endswith(".sent")
                   for key in client.session.keys())  # noqa: SIM118 - a session has no __iter__


def test_nothing_personal_goes_in_an_address_or_the_log(client, caplog):
    caplog.set_level(logging.DEBUG)
    addresses = []
    for step, data in ADULT_PAGES.items():
        addresses.append(client.post(step_url(FLOW, step), data)["Location"])
    addresses.append(client.post(CHECK)["Location"])
    for address in addresses:
        assert re.fullmatch(r"/complain/[a-z-]+/", address), address
    for personal in ("Pat", "Sam", "Example", "pat@example.org", "review meeting"):
        assert personal not in caplog.text


def test_a_question_cannot_be_reached_before_the_ones_before_it(client):
    response = client.get(step_url(FLOW, "what-happened"))
    assert response.status_code == 302 and response["Location"] == step_url(FLOW, "who-you-are")
    fill_in(client, FLOW, until="the-child")
    assert client.get(step_url(FLOW, "advocate"))["Location"] == step_url(FLOW, "the-child")
    assert client.get(CHECK)["Location"] == step_url(FLOW, "the-child")


def test_an_unknown_question_is_not_found(client):
    assert client.get("/complain/favourite-colour/").status_code == 404


def test_the_sent_page_without_a_sent_form_goes_to_the_start(client):
    assert client.get(SENT)["Location"] == START


# Pages that depend on earlier answers ------------------------------------------------------------------

def test_someone_else_is_asked_how_they_know_the_child(client):
    response = client.post(step_url(FLOW, "who-you-are"), {"relationship": "other"})
    assert response["Location"] == step_url(FLOW, "how-you-know-them")
    response = client.post(step_url(FLOW, "how-you-know-them"), {"relationship_detail": "Family friend"})
    assert response["Location"] == step_url(FLOW, "your-name")
    assert back_link(client.get(step_url(FLOW, "your-name"))) == step_url(FLOW, "how-you-know-them")


def test_a_parent_is_not_asked_how_they_know_the_child(client):
    client.post(step_url(FLOW, "who-you-are"), {"relationship": "parent"})
    assert client.get(step_url(FLOW, "how-you-know-them"))["Location"] == step_url(FLOW, "your-name")
    assert back_link(client.get(step_url(FLOW, "your-name"))) == step_url(FLOW, "who-you-are")


def test_a_child_using_the_adult_form_gives_their_own_date_of_birth(client):
    pages = {**ADULT_PAGES, "who-you-are": {"relationship": "child"}}
    del pages["the-child"]
    pages = {"who-you-are": pages["who-you-are"], "your-name": pages["your-name"],
             "your-date-of-birth": date_boxes("child_date_of_birth", D(2010, 5, 1)),
             **{step: data for step, data in pages.items() if step not in ("who-you-are", "your-name")}}
    fill_in(client, FLOW, pages)
    assert client.get(step_url(FLOW, "the-child"))["Location"] == CHECK
    advocate = text_of(client.get(step_url(FLOW, "advocate")))
    assert "Would you like help from an advocate?" in advocate
    client.post(CHECK)
    submission = OnlineSubmission.objects.get()
    assert submission.is_from_child and submission.child_first_name == ""
    assert submission.child_date_of_birth == D(2010, 5, 1)
    assert OutboxMessage.objects.get().template_key == "complaint_acknowledgement_child"


def test_the_advocate_question_is_about_the_child_for_a_parent(client):
    fill_in(client, FLOW, until="advocate")
    assert "Would the child or young person like help from an advocate?" in text_of(client.get(step_url(FLOW, "advocate")))


@pytest.mark.parametrize(("method", "needed", "message"), [
    ("email", "email", "Enter your email address"),
    ("telephone", "telephone", "Enter your phone number"),
    ("letter", "address", "Enter your address"),
    ("letter", "postcode", "Enter your postcode"),
])
def test_the_contact_detail_for_the_chosen_way_is_required(client, method, needed, message):
    fill_in(client, FLOW, {**ADULT_PAGES, "contact-method": {"contact_method": method}}, until="contact-details")
    data = {"email": "pat@example.org", "telephone": "07700 900982", "address": "1 High Street", "postcode": "AA3 1AB"}
    response = client.post(step_url(FLOW, "contact-details"), {**data, needed: ""})
    assert response.status_code == 200 and message in error_summary(response)
    page = text_of(response)
    assert "(optional)" in page  # the others say so


# Back links ----------------------------------------------------------------------------------------------

def test_each_page_links_back_to_the_one_before(client):
    expected = [START] + [step_url(FLOW, step) for step in ADULT_PAGES][:-1]
    for (step, data), back in zip(ADULT_PAGES.items(), expected, strict=True):
        assert back_link(client.get(step_url(FLOW, step))) == back, step
        client.post(step_url(FLOW, step), data)
    assert back_link(client.get(CHECK)) == step_url(FLOW, "documents")


def test_a_page_visited_again_shows_what_was_typed_without_errors(client):
    fill_in(client, FLOW, until="advocate")
    response = client.get(step_url(FLOW, "the-child"))
    body = response.content.decode()
    assert 'value="Sam"' in body and 'value="27"' in body and 'value="2012"' in body
    assert "govuk-error-summary" not in body
    assert 'value="parent" checked' in client.get(step_url(FLOW, "who-you-are")).content.decode()


# Check your answers and its change links ----------------------------------------------------------------

def change_links(response) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="([^"]+)">Change<span class="govuk-visually-hidden"> ([^<]+)</span>',
                      response.content.decode())


def test_every_answer_has_a_change_link_to_its_page(client):
    fill_in(client, FLOW)
    links = change_links(client.get(CHECK))
    pages = {url for url, _ in links}
    assert pages == {step_url(FLOW, step) for step in ADULT_PAGES}
    assert ("/complain/what-happened/", "what happened") in links


def test_changing_an_answer_returns_to_check_your_answers(client):
    fill_in(client, FLOW)
    client.get(CHECK)
    page = client.get(step_url(FLOW, "what-happened"))
    assert back_link(page) == CHECK
    response = client.post(step_url(FLOW, "what-happened"), {"what_happened": "Nobody rang me back."})
    assert response["Location"] == CHECK
    assert "Nobody rang me back." in text_of(client.get(CHECK))


def test_a_change_that_needs_a_new_answer_asks_for_it_before_returning(client):
    fill_in(client, FLOW)
    client.get(CHECK)
    response = client.post(step_url(FLOW, "contact-method"), {"contact_method": "letter"})
    assert response["Location"] == step_url(FLOW, "contact-details")
    response = client.post(step_url(FLOW, "contact-details"),
                           {"email": "pat@example.org", "address": "1 High Street", "postcode": "aa31ab"})
    assert response["Location"] == CHECK
    page = text_of(client.get(CHECK))
    assert "1 High Street" in page and "AA3 1AB" in page and "Post" in page


def test_changing_who_they_are_to_someone_else_asks_how_they_know_the_child(client):
    fill_in(client, FLOW)
    client.get(CHECK)
    response = client.post(step_url(FLOW, "who-you-are"), {"relationship": "other"})
    assert response["Location"] == step_url(FLOW, "how-you-know-them")
    assert client.post(step_url(FLOW, "how-you-know-them"), {"relationship_detail": "Neighbour"})["Location"] == CHECK
    assert "Neighbour" in text_of(client.get(CHECK))


# Errors: each question's bad answers --------------------------------------------------------------------

RADIOS = {"relationship", "wants_advocate", "contact_method"}
CASES = [
    ("who-you-are", {}, "Select who you are"),
    ("who-you-are", {"relationship": "cousin"}, "Select who you are"),
    ("your-name", {"first_name": "", "last_name": "Example"}, "Enter your first name"),
    ("your-name", {"first_name": "Pat", "last_name": ""}, "Enter your last name"),
    ("your-name", {"first_name": "P" * 101, "last_name": "Example"}, "First name must be 100 characters or fewer"),
    ("the-child", {"child_first_name": "", **date_boxes("child_date_of_birth", None)},
     "Enter the child or young person's first name"),
    ("the-child", {"child_first_name": "Sam", "child_date_of_birth_day": "31", "child_date_of_birth_month": "2",
                   "child_date_of_birth_year": "2012"}, "Date of birth must be a real date"),
    ("the-child", {"child_first_name": "Sam", "child_date_of_birth_day": "3", "child_date_of_birth_month": "",
                   "child_date_of_birth_year": "2012"}, "Date of birth must include a month"),
    ("the-child", {"child_first_name": "Sam", **date_boxes("child_date_of_birth", D(2022, 4, 15))},
     "Date of birth must be in the past"),
    ("the-child", {"child_first_name": "Sam", **date_boxes("child_date_of_birth", D(1899, 12, 31))},
     "Date of birth must be 1 January 1900 or later"),
    ("the-child", {"child_first_name": "Sam", "child_date_of_birth_day": "1", "child_date_of_birth_month": "1",
                   "child_date_of_birth_year": "12"}, "Year must include 4 numbers"),
    ("what-happened", {"what_happened": "   "}, "Enter what happened"),
    ("what-happened", {"what_happened": "x" * 10_001}, "What happened must be 10,000 characters or fewer"),
    ("what-you-would-like", {"desired_outcome": ""}, "Enter what you would like to happen"),
    ("what-you-would-like", {"desired_outcome": "x" * 5_001},
     "What you would like to happen must be 5,000 characters or fewer"),
    ("advocate", {}, "Select yes if they would like an advocate, or no, or not sure"),
    ("contact-method", {"contact_method": "pigeon"}, "Select how you would like us to contact you"),
    ("contact-details", {"email": "pat@"}, "Enter an email address in the correct format, like name@example.com"),
    ("contact-details", {"email": "pat@example.org", "telephone": "call me"},
     "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"),
    ("contact-details", {"email": "pat@example.org", "telephone": "0123"},
     "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"),
    ("contact-details", {"email": "pat@example.org", "postcode": "NOT A POSTCODE"}, "Enter a full UK postcode, like AA3 1AB"),
]


@pytest.mark.parametrize(("step", "data", "message"), CASES, ids=[f"{c[0]}: {c[2]}" for c in CASES])
def test_each_bad_answer_gets_a_clear_message_and_keeps_what_was_typed(client, step, data, message):
    fill_in(client, FLOW, until=step)
    response = client.post(step_url(FLOW, step), data)
    assert response.status_code == 200
    assert message in error_summary(response)
    body = response.content.decode()
    assert "<title>Error: " in body
    assert 'class="govuk-error-message"' in body and 'class="govuk-form-group govuk-form-group--error"' in body
    for name, value in data.items():
        if name not in RADIOS and value.strip() and len(value) < 200:
            assert f'value="{html.escape(value)}"' in body or f">{html.escape(value)}</textarea>" in body, \
                f"{value!r} not kept"
    # Nothing was kept for the page: the next one cannot be reached yet.
    assert client.get(CHECK)["Location"] == step_url(FLOW, step)


def test_the_error_summary_links_to_the_field(client):
    fill_in(client, FLOW, until="your-name")
    body = client.post(step_url(FLOW, "your-name"), {"first_name": "", "last_name": ""}).content.decode()
    assert '<a href="#id_first_name">Enter your first name</a>' in body
    assert '<a href="#id_last_name">Enter your last name</a>' in body


def test_a_long_answer_at_exactly_the_limit_is_accepted(client):
    fill_in(client, FLOW, until="what-happened")
    response = client.post(step_url(FLOW, "what-happened"), {"what_happened": "x" * 10_000})
    assert response.status_code == 302


# CSRF ------------------------------------------------------------------------------------------------------

def test_posting_without_the_csrf_token_is_refused():
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(step_url(FLOW, "who-you-are"), {"relationship": "parent"})
    assert response.status_code == 403


def test_posting_with_the_csrf_token_is_accepted():
    strict = Client(enforce_csrf_checks=True)
    strict.get(step_url(FLOW, "who-you-are"))
    token = strict.cookies["csrftoken"].value
    response = strict.post(step_url(FLOW, "who-you-are"), {"relationship": "parent", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_sending_without_the_csrf_token_is_refused_and_nothing_is_saved():
    strict = Client(enforce_csrf_checks=True)
    strict.get(step_url(FLOW, "who-you-are"))
    token = strict.cookies["csrftoken"].value
    for step, data in ADULT_PAGES.items():
        strict.post(step_url(FLOW, step), {**data, "csrfmiddlewaretoken": token})
    assert strict.post(CHECK).status_code == 403
    assert not OnlineSubmission.objects.exists()
    assert strict.post(CHECK, {"csrfmiddlewaretoken": token}).status_code == 302
    assert OnlineSubmission.objects.count() == 1


@pytest.mark.parametrize("born", [D(1900, 1, 1), D(2022, 4, 14)], ids=["1 January 1900", "today"])
def test_dates_of_birth_at_the_limits_are_accepted(client, born):
    fill_in(client, FLOW, until="the-child")
    response = client.post(step_url(FLOW, "the-child"), {"child_first_name": "Sam",
                                                         **date_boxes("child_date_of_birth", born)})
    assert response.status_code == 302
