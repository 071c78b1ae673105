"""Compliment pages: logging one on one short page, changing it, the quotation with names replaced
by X, and the date shared."""

import pytest
from django.test import Client

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import Channel
from fairhearing.cases.kind_choices import ComplimentSource
from fairhearing.cases.models import Compliment
from fairhearing.cases.tests.factories import officer
from fairhearing.cases.tests.kinds.factories import make_compliment
from fairhearing.people.models import Person
from fairhearing.people.tests.factories import PersonFactory

from .compliments import NEW, detail, url
from .helpers import TODAY, D, date_fields, login, text_of, today  # noqa: F401 (today is an autouse fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_a():
    return TeamFactory(name="Family Support Team 1")


@pytest.fixture
def compliment(team_a):
    return make_compliment(actor=officer(), team=team_a, person=PersonFactory(first_name="Jo", last_name="Bloggs"),
                           words="Jo Bloggs says the social worker Dave was brilliant.", consent_to_quote=True)


# Logging one ----------------------------------------------------------------------------------------

def form_data(team_, **overrides) -> dict[str, str]:
    data = {**date_fields("received_on", TODAY), "team": str(team_.pk), "source": ComplimentSource.PARENT_FAMILY,
            "words": "Thank you, Jo, for listening.", "consent_to_quote": "on", "channel": Channel.EMAIL,
            "about": "Social worker", "person_first_name": "Jo", "person_last_name": "Bloggs"}
    return data | overrides


def test_logging_page_is_one_short_page_with_today_filled_in(client, team_a):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(NEW)
    form = response.context["form"]
    assert list(form.fields)[:6] == ["received_on", "team", "source", "words", "consent_to_quote", "channel"]
    assert len(form.fields) <= 9
    page = response.content.decode()
    assert 'name="received_on_day" type="text" inputmode="numeric" value="19"' in page
    assert 'name="received_on_year" type="text" inputmode="numeric" value="2022"' in page


def test_logging_a_compliment_records_it_with_the_person_and_an_audit_event(client, team_a):
    user = login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(NEW, form_data(team_a), follow=True)
    compliment = Compliment.objects.get()
    assert response.redirect_chain[-1][0] == detail(compliment)
    assert f"Compliment {compliment.reference} logged" in text_of(response)
    assert (compliment.received_on, compliment.team, compliment.consent_to_quote, compliment.person.full_name) == (
        TODAY, team_a, True, "Jo Bloggs")
    event = AuditEvent.objects.for_subject(compliment).get(verb="compliment.created")
    assert event.actor == user and "Jo" not in event.summary


def test_the_name_is_optional(client, team_a):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(NEW, form_data(team_a, person_first_name="", person_last_name="", about=""))
    assert response.status_code == 302
    assert Compliment.objects.get().person is None and not Person.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"words": " "}, "Enter what they said"),
        ({"team": "0"}, "Select the team or service area"),
        ({"source": ""}, "Select who gave the compliment"),
        ({"channel": "pigeon"}, "Select how the compliment arrived"),
        ({"received_on_day": ""}, "Date received must include a day"),
        ({"received_on_day": "20"}, "The date received cannot be in the future."),
        ({"person_first_name": ""}, "Enter the first name of the person who gave the compliment"),
    ],
)
def test_bad_input_is_explained_nothing_is_saved_and_what_was_typed_is_kept(client, team_a, overrides, message):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(NEW, form_data(team_a, **overrides))
    assert response.status_code == 200
    page = text_of(response)
    assert "There is a problem" in page and message in page
    assert not Compliment.objects.exists() and not Person.objects.exists()
    if overrides.get("words") is None:
        assert "Thank you, Jo, for listening." in page
    assert 'value="Bloggs"' in response.content.decode()


def test_logging_needs_the_csrf_token(team_a):
    client = Client(enforce_csrf_checks=True)
    login(client, Role.COMPLAINTS_OFFICER)
    assert client.post(NEW, form_data(team_a)).status_code == 403
    assert not Compliment.objects.exists()
    assert 'name="csrfmiddlewaretoken"' in client.get(NEW).content.decode()


# The compliment's page and changes ------------------------------------------------------------------

def test_the_page_shows_every_field_the_actions_and_the_timeline(client, compliment):
    login(client, Role.COMPLAINTS_OFFICER)
    page = text_of(client.get(detail(compliment)))
    for words in ("Tuesday 4 January 2022 by email", "Family Support Team 1", "Parent or family member: Jo Bloggs",
                  "Social worker", "Jo Bloggs says the social worker Dave was brilliant.", "Agreed to be quoted Yes",
                  "Quotation Not prepared yet", "Quotation to prepare", "Shared with the team Not yet",
                  "Prepare the quotation", "Record when it was shared with the team", "Change the details",
                  "Compliment logged, received 4 January 2022"):
        assert words in page, words


def test_a_reader_sees_no_actions(client, compliment):
    login(client, Role.LEARNING_LEAD)
    page = text_of(client.get(detail(compliment)))
    assert "Jo Bloggs says" in page and "Prepare the quotation" not in page and "Change the details" not in page


def test_changing_the_details_saves_and_audits(client, compliment, team_a):
    login(client, Role.COMPLAINTS_OFFICER)
    fostering = TeamFactory(name="Fostering")
    data = form_data(fostering, words=compliment.words, about="Foster carer support", consent_to_quote="",
                     **date_fields("received_on", D(2022, 1, 4)), **date_fields("shared_with_team_on", D(2022, 1, 5)))
    response = client.post(url("compliment_edit", compliment), data)
    assert response.url == detail(compliment)
    compliment.refresh_from_db()
    assert (compliment.team, compliment.about, compliment.consent_to_quote, compliment.shared_with_team_on) == (
        fostering, "Foster carer support", False, D(2022, 1, 5))
    event = AuditEvent.objects.for_subject(compliment).get(verb="compliment.updated")
    assert event.summary == "Compliment changed: about, consent to quote, shared with team on, team"
    # The person is recorded already: their name is not asked for again.
    assert "person_first_name" not in client.get(url("compliment_edit", compliment)).context["form"].fields


def test_a_name_can_be_added_to_a_compliment_logged_without_one(client, team_a):
    compliment = make_compliment(actor=officer(), team=team_a, words="Thanks from Kim.")
    login(client, Role.COMPLAINTS_OFFICER)
    data = form_data(team_a, words="Thanks from Kim.", person_first_name="Kim", person_last_name="",
                     consent_to_quote="", **date_fields("received_on", D(2022, 1, 4)))
    assert client.post(url("compliment_edit", compliment), data).status_code == 302
    compliment.refresh_from_db()
    assert compliment.person.first_name == "Kim"


def test_a_refused_change_keeps_what_was_typed_and_saves_nothing(client, compliment, team_a):
    login(client, Role.COMPLAINTS_OFFICER)
    data = form_data(team_a, words="New words", **date_fields("received_on", D(2022, 1, 4)),
                     **date_fields("shared_with_team_on", D(2022, 1, 3)))
    response = client.post(url("compliment_edit", compliment), data)
    page = text_of(response)
    assert "The date shared with the team cannot be before the compliment was received (4 January 2022)." in page
    assert "New words" in page
    compliment.refresh_from_db()
    assert compliment.words.startswith("Jo Bloggs") and compliment.shared_with_team_on is None


# The quotation ------------------------------------------------------------------------------------

def test_the_quotation_page_suggests_the_words_with_recorded_names_replaced(client, compliment):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(url("compliment_quotation", compliment))
    assert response.context["form"]["quotation"].value() == "X says the social worker Dave was brilliant."
    assert "Jo Bloggs says the social worker Dave was brilliant." in text_of(response)  # the words, to compare


def test_suggesting_again_takes_out_other_names_and_saves_nothing(client, compliment):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("compliment_quotation", compliment),
                           {"quotation": "anything", "other_names": "Dave, ", "suggest": "1"})
    assert response.status_code == 200
    assert response.context["form"]["quotation"].value() == "X says the social worker X was brilliant."
    assert response.context["form"]["other_names"].value() == "Dave,"
    compliment.refresh_from_db()
    assert compliment.quotation == ""
    assert not AuditEvent.objects.filter(verb="compliment.quotation_prepared").exists()


def test_saving_the_quotation_makes_it_quotable(client, compliment):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("compliment_quotation", compliment),
                           {"quotation": "X says the social worker X was brilliant.", "other_names": "Dave"},
                           follow=True)
    assert "Quotation saved" in text_of(response)
    compliment.refresh_from_db()
    assert compliment.quotable and compliment.quotation == "X says the social worker X was brilliant."
    assert AuditEvent.objects.for_subject(compliment).filter(verb="compliment.quotation_prepared").exists()
    # Once prepared, the page opens with the saved quotation rather than a new suggestion.
    form = client.get(url("compliment_quotation", compliment)).context["form"]
    assert form["quotation"].value() == "X says the social worker X was brilliant."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"quotation": "Jo says the social worker was brilliant."}, "still contains a name recorded"),
        ({"quotation": "X says Dave was brilliant.", "other_names": "Dave"}, "still contains a name recorded"),
        ({"quotation": " "}, "Enter the quotation, with names replaced by X"),
    ],
)
def test_a_quotation_still_naming_someone_is_refused_and_kept(client, compliment, data, message):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("compliment_quotation", compliment), data)
    assert response.status_code == 200 and message in text_of(response)
    if data["quotation"].strip():
        assert data["quotation"] in response.content.decode()
    compliment.refresh_from_db()
    assert compliment.quotation == ""


def test_without_consent_the_quotation_page_warns(client, team_a):
    compliment = make_compliment(actor=officer(), team=team_a)
    login(client, Role.COMPLAINTS_OFFICER)
    assert "They have not agreed to be quoted" in text_of(client.get(url("compliment_quotation", compliment)))


# Shared with the team ------------------------------------------------------------------------------

def test_recording_the_date_shared_with_the_team(client, compliment):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("compliment_shared", compliment), date_fields("shared_with_team_on", TODAY))
    assert response.url == detail(compliment)
    compliment.refresh_from_db()
    assert compliment.shared_with_team_on == TODAY
    assert "Shared with the team 19 January 2022" in text_of(client.get(detail(compliment)))


@pytest.mark.parametrize(
    ("shared_on", "message"),
    [
        (D(2022, 1, 3), "cannot be before the compliment was received (4 January 2022)"),
        (D(2022, 1, 20), "The date shared with the team cannot be in the future."),
    ],
)
def test_a_date_shared_outside_its_bounds_is_refused(client, compliment, shared_on, message):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("compliment_shared", compliment), date_fields("shared_with_team_on", shared_on))
    assert response.status_code == 200 and message in text_of(response)
    compliment.refresh_from_db()
    assert compliment.shared_with_team_on is None


@pytest.mark.parametrize("shared_on", [D(2022, 1, 4), TODAY])
def test_the_date_shared_may_be_the_day_received_or_today(client, compliment, shared_on):
    login(client, Role.COMPLAINTS_OFFICER)
    assert client.post(url("compliment_shared", compliment),
                       date_fields("shared_with_team_on", shared_on)).status_code == 302


def test_changes_need_the_csrf_token(compliment):
    client = Client(enforce_csrf_checks=True)
    login(client, Role.COMPLAINTS_OFFICER)
    assert client.post(url("compliment_shared", compliment),
                       date_fields("shared_with_team_on", TODAY)).status_code == 403
    assert client.post(url("compliment_quotation", compliment), {"quotation": "X was great."}).status_code == 403
    compliment.refresh_from_db()
    assert compliment.shared_with_team_on is None and compliment.quotation == ""
