"""Factories and helpers for the public forms' tests.

- ``complaint_answers`` / ``compliment_answers``: valid answers for the services, with overrides;
- ``make_submission``: a submission received through the real service (reference, due date,
  audit event, acknowledgement queued), as a person sending the form would make it;
- ``OnlineSubmissionFactory``: rows saved directly, for list and query-count tests that need many;
- ``ADULT_PAGES`` and friends: what a person types on each page, for walking a form with the
  test client (``fill_in``).
"""

import datetime
import itertools
from typing import Any
from zoneinfo import ZoneInfo

import factory
from django.test import Client
from django.urls import reverse

from fairhearing.people.choices import Relationship
from fairhearing.publicforms.choices import (
    AdvocateWish,
    ContactMethod,
    FormVersion,
    SubmissionKind,
    SubmissionStatus,
)
from fairhearing.publicforms.models import OnlineSubmission
from fairhearing.publicforms.services import (
    ComplaintAnswers,
    ComplimentAnswers,
    online_submission_create,
)

LONDON = ZoneInfo("Europe/London")
D = datetime.date
# Thursday 14 April 2022, 10:30 in London: the day before Good Friday.
MOMENT = datetime.datetime(2022, 4, 14, 10, 30, tzinfo=LONDON)
_keys = itertools.count(1)


def fresh_key() -> str:
    """A client key no other test has used, so throttles never meet."""
    return f"{next(_keys):064x}"


def complaint_answers(**overrides: Any) -> ComplaintAnswers:
    values: dict[str, Any] = {
        "form_version": FormVersion.ADULT, "relationship": Relationship.PARENT, "first_name": "Pat",
        "last_name": "Example", "child_first_name": "Sam", "child_last_name": "Example",
        "child_date_of_birth": D(2012, 3, 27), "what_happened": "No one came to the review meeting.",
        "desired_outcome": "An apology and a new meeting.", "wants_advocate": AdvocateWish.NOT_SURE,
        "contact_method": ContactMethod.EMAIL, "email": "pat@example.org",
    }
    return ComplaintAnswers(**(values | overrides))


def compliment_answers(**overrides: Any) -> ComplimentAnswers:
    values: dict[str, Any] = {
        "source": "parent_family", "words": "Jo listened to us and things changed.", "consent_to_share": True,
        "about": "Jo, the social worker", "first_name": "Pat", "last_name": "Example", "email": "pat@example.org",
    }
    return ComplimentAnswers(**(values | overrides))


def make_submission(*, answers: ComplaintAnswers | ComplimentAnswers | None = None, now: datetime.datetime = MOMENT,
                    draft: str = "") -> OnlineSubmission:
    return online_submission_create(answers=answers or complaint_answers(), client_key=fresh_key(), draft=draft,
                                    now=now)


class OnlineSubmissionFactory(factory.django.DjangoModelFactory):
    """A complaint received online, saved directly (no reference counter, no audit event)."""

    class Meta:
        model = OnlineSubmission

    reference = factory.Sequence(lambda n: f"ONL-2022-{n + 50000:05d}")
    kind = SubmissionKind.COMPLAINT
    status = SubmissionStatus.NEW
    received_at = MOMENT
    acknowledge_by = D(2022, 4, 21)
    first_name = "Pat"
    last_name = "Example"
    relationship = Relationship.PARENT
    child_first_name = "Sam"
    what_happened = "No one came to the review meeting."
    desired_outcome = "An apology."
    wants_advocate = AdvocateWish.NO
    contact_method = ContactMethod.EMAIL
    email = "pat@example.org"


# Walking a form with the test client --------------------------------------------------------------

def date_boxes(name: str, value: D | None) -> dict[str, str]:
    if value is None:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    return {f"{name}_day": str(value.day), f"{name}_month": str(value.month), f"{name}_year": str(value.year)}


ADULT_PAGES: dict[str, dict[str, str]] = {
    "who-you-are": {"relationship": "parent"},
    "your-name": {"first_name": "Pat", "last_name": "Example"},
    "the-child": {"child_first_name": "Sam", "child_last_name": "Example", **date_boxes("child_date_of_birth", D(2012, 3, 27))},
    "what-happened": {"what_happened": "No one came to the review meeting."},
    "what-you-would-like": {"desired_outcome": "An apology and a new meeting."},
    "advocate": {"wants_advocate": "not_sure"},
    "contact-method": {"contact_method": "email"},
    "contact-details": {"email": "pat@example.org", "telephone": "", "address": "", "postcode": ""},
    "documents": {"action": "continue"},
}
YOUNG_PAGES: dict[str, dict[str, str]] = {
    "who-you-are": {"relationship": "child"},
    "your-name": {"first_name": "Sam", "last_name": ""},
    "your-date-of-birth": date_boxes("child_date_of_birth", D(2012, 3, 27)),
    "what-happened": {"what_happened": "My social worker keeps changing."},
    "what-you-would-like": {"desired_outcome": "To keep the same social worker."},
    "advocate": {"wants_advocate": "yes"},
    "contact-method": {"contact_method": "email"},
    "contact-details": {"email": "sam@example.org", "telephone": "", "address": "", "postcode": ""},
    "documents": {"action": "continue"},
}
COMPLIMENT_PAGES: dict[str, dict[str, str]] = {
    "who-you-are": {"source": "parent_family"},
    "who-it-is-for": {"about": "Jo, the social worker"},
    "what-you-would-like-to-say": {"words": "Jo listened to us and things changed."},
    "sharing": {"consent_to_share": "yes"},
    "your-details": {"first_name": "Pat", "last_name": "Example", "email": "pat@example.org"},
}
PAGES = {"complaint": ADULT_PAGES, "young_person": YOUNG_PAGES, "compliment": COMPLIMENT_PAGES}


def step_url(flow: str, step: str) -> str:
    return reverse(f"publicforms:{flow}_step", kwargs={"step": step})


def page_url(flow: str, page: str) -> str:
    return reverse(f"publicforms:{flow}_{page}")


def fill_in(client: Client, flow: str, pages: dict[str, dict[str, str]] | None = None, *,
            until: str | None = None) -> Any:
    """Answer each page in order (stopping before ``until``) and return the last response."""
    response = None
    for step, data in (pages or PAGES[flow]).items():
        if step == until:
            break
        response = client.post(step_url(flow, step), data)
        assert response.status_code == 302, f"{step}: {response.status_code}"
    return response
