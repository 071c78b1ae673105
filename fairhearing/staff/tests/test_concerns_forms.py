"""Initial feedback pages: logging one with the people, its page, and changing it."""

import pytest
from django.test import Client

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import Channel
from fairhearing.cases.kind_choices import TargetKind
from fairhearing.cases.models import Concern, LocalTarget
from fairhearing.cases.tests.factories import officer
from fairhearing.cases.tests.kinds.factories import make_concern
from fairhearing.people.models import Child, Person
from fairhearing.people.tests.factories import ChildFactory, PersonFactory

from .concerns import NEW, url
from .helpers import TODAY, D, date_fields, login, text_of, today  # noqa: F401 (today is an autouse fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_a():
    return TeamFactory(name="Family Support Team 1")


@pytest.fixture
def concern(team_a):
    """Received Tuesday 4 January 2022 from Kerry about Max: due 18 January, overdue on the 19th."""
    return make_concern(actor=officer(), team=team_a, person=PersonFactory(first_name="Kerry", last_name="Doe"),
                        child=ChildFactory(first_name="Max", last_name="Doe"))


# Logging one ----------------------------------------------------------------------------------------

def form_data(team_, **overrides) -> dict[str, str]:
    data = {**date_fields("received_on", TODAY), "channel": Channel.TELEPHONE, "team": str(team_.pk),
            "summary": "No call back from the social worker.", "person_first_name": "Kerry",
            "person_last_name": "Doe", "person_email": "", "person_telephone": "01632 960 001",
            "child_first_name": "Max", "child_last_name": "Doe"}
    return data | overrides


def test_the_logging_page_shows_the_response_target(client):
    LocalTarget.objects.filter(kind=TargetKind.CONCERN_RESPONSE).update(working_days=5)
    login(client, Role.COMPLAINTS_OFFICER)
    assert "Response target 5 working days after it is received" in text_of(client.get(NEW))


def test_logging_initial_feedback_records_the_people_and_audits(client, team_a):
    user = login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(NEW, form_data(team_a), follow=True)
    concern = Concern.objects.get()
    assert response.redirect_chain[-1][0] == url("concern_detail", concern)
    assert f"Initial feedback {concern.reference} logged: response due 2 February 2022" in text_of(response)
    assert (concern.person.full_name, concern.person.telephone, concern.child.full_name) == (
        "Kerry Doe", "01632 960 001", "Max Doe")
    event = AuditEvent.objects.for_subject(concern).get(verb="concern.created")
    assert event.actor == user and "Kerry" not in event.summary and "Max" not in event.summary


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"channel": ""}, "Select how the concern arrived"),
        ({"team": ""}, "Select the team the concern is about"),
        ({"summary": ""}, "Enter what the concern is about"),
        ({"received_on_year": "22"}, "Year must include 4 numbers"),
        ({"received_on_day": "20"}, "The date received cannot be in the future."),
        ({"person_telephone": "call me"}, "Enter a telephone number, like 01632 960 001"),
        ({"person_email": "kerry@"}, "Enter an email address in the correct format"),
        ({"person_first_name": ""}, "Enter the first name of the person who raised the concern"),
        ({"child_first_name": ""}, "Enter the child's first name, or leave both of the child's names empty."),
    ],
)
def test_bad_input_is_explained_nothing_is_saved_and_what_was_typed_is_kept(client, team_a, overrides, message):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(NEW, form_data(team_a, **overrides))
    assert response.status_code == 200
    page = text_of(response)
    assert "There is a problem" in page and message in page
    assert not Concern.objects.exists() and not Person.objects.exists() and not Child.objects.exists()
    assert 'value="Doe"' in response.content.decode()


def test_logging_needs_the_csrf_token(team_a):
    client = Client(enforce_csrf_checks=True)
    login(client, Role.COMPLAINTS_OFFICER)
    assert client.post(NEW, form_data(team_a)).status_code == 403
    assert not Concern.objects.exists()


# The concern's page and changes ---------------------------------------------------------------------

def test_the_page_shows_every_field_the_actions_and_the_timeline(client, concern):
    login(client, Role.COMPLAINTS_OFFICER)
    page = text_of(client.get(url("concern_detail", concern)))
    for words in ("Status Open", "Tuesday 4 January 2022 by telephone", "Kerry Doe", "Child Max Doe",
                  "Family Support Team 1", "Calls to the social worker not returned.", "Sent to the service Not yet",
                  "Overdue", "Due 18 January 2022", "1 working day overdue", "Send to the service",
                  "Record how it was resolved", "Close it", "Make it a formal complaint", "Change the details",
                  "Initial feedback logged: response due 18 January 2022"):
        assert words in page, words


def test_changing_it_and_adding_who_raised_it(client, team_a):
    concern = make_concern(actor=officer(), team=team_a, person=None, child=None)
    login(client, Role.COMPLAINTS_OFFICER)
    data = form_data(team_a, **date_fields("received_on", D(2022, 1, 5)), summary="Corrected",
                     child_first_name="", child_last_name="")
    assert client.post(url("concern_edit", concern), data).status_code == 302
    concern.refresh_from_db()
    assert (concern.received_on, concern.response_due_on, concern.summary) == (D(2022, 1, 5), D(2022, 1, 19),
                                                                              "Corrected")
    assert concern.person.full_name == "Kerry Doe" and concern.child is None
    fields = client.get(url("concern_edit", concern)).context["form"].fields
    assert "person_first_name" not in fields and "child_first_name" in fields


def test_a_refused_change_saves_nothing_at_all(client, team_a):
    concern = make_concern(actor=officer(), team=team_a, person=None, child=None)
    login(client, Role.COMPLAINTS_OFFICER)
    data = form_data(team_a, **date_fields("received_on", D(2022, 1, 5)), summary="Corrected",
                     person_first_name="", child_first_name="")
    response = client.post(url("concern_edit", concern), data)
    assert "Enter the first name of the person who raised the concern" in text_of(response)
    concern.refresh_from_db()
    assert concern.summary != "Corrected" and concern.received_on == D(2022, 1, 4)
    assert not Person.objects.exists()
