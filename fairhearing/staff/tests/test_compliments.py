"""Compliment pages: who may open each, the list's filters, pages and query count, logging one on
one short page, changing it, the quotation with names replaced by X, and the date shared.

Also the helpers the Members' enquiries and initial feedback page tests share (login, page text).
"""

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import Channel
from fairhearing.cases.kind_choices import ComplimentSource
from fairhearing.cases.kinds.compliments import compliment_quotation_prepare
from fairhearing.cases.models import Compliment
from fairhearing.cases.tests.factories import officer
from fairhearing.cases.tests.kinds.factories import ComplimentFactory, make_compliment
from fairhearing.people.models import Person
from fairhearing.people.tests.factories import PersonFactory

D = datetime.date
TODAY = D(2022, 1, 19)  # a Wednesday
LIST = reverse("staff:compliment_list")
NEW = reverse("staff:compliment_new")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    """Pin the clock the pages read (the services are given today= explicitly)."""
    moment = datetime.datetime(2022, 1, 19, 10, 30, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(moment, tick=False):
        yield TODAY


def login(client, *roles, team=None):
    user = UserFactory(roles=roles)
    if team is not None:
        user.teams.add(team)
    client.force_login(user)
    return user


def text_of(response) -> str:
    """The page's text with tags and runs of white space removed, for asserting sentences."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def listed(response) -> list[str]:
    assert response.status_code == 200
    return [record.reference for record in response.context["rows"]]


def date_fields(name: str, value: datetime.date) -> dict[str, str]:
    return {f"{name}_day": str(value.day), f"{name}_month": str(value.month), f"{name}_year": str(value.year)}


def detail(compliment) -> str:
    return reverse("staff:compliment_detail", args=[compliment.reference])


def url(name: str, compliment) -> str:
    return reverse(f"staff:{name}", args=[compliment.reference])


@pytest.fixture
def team_a():
    return TeamFactory(name="Family Support Team 1")


@pytest.fixture
def compliment(team_a):
    return make_compliment(actor=officer(), team=team_a, person=PersonFactory(first_name="Jo", last_name="Bloggs"),
                           words="Jo Bloggs says the social worker Dave was brilliant.", consent_to_quote=True)


# Who may open what -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("roles", "list_status", "detail_status", "change_status"),
    [
        ((Role.COMPLAINTS_MANAGER,), 200, 200, 200),
        ((Role.COMPLAINTS_OFFICER,), 200, 200, 200),
        ((Role.SENIOR_MANAGER,), 200, 200, 403),
        ((Role.LEARNING_LEAD,), 200, 200, 403),
        ((Role.INVESTIGATOR,), 403, 404, 404),
        ((Role.REPORT_READER,), 403, 404, 404),
        ((Role.ADMINISTRATOR,), 403, 404, 404),
        ((), 403, 404, 404),
    ],
)
def test_each_role_may_or_may_not_open_each_page(client, compliment, roles, list_status, detail_status,
                                                 change_status):
    login(client, *roles)
    assert client.get(LIST).status_code == list_status
    assert client.get(detail(compliment)).status_code == detail_status
    for name in ("compliment_edit", "compliment_quotation", "compliment_shared"):
        assert client.get(url(name, compliment)).status_code == change_status
        assert client.post(url(name, compliment)).status_code == change_status
    new_status = 200 if change_status == 200 else 403
    assert client.get(NEW).status_code == new_status


def test_a_responding_manager_sees_their_teams_compliments_only(client, compliment, team_a):
    other = make_compliment(actor=officer(), team=TeamFactory(name="Fostering"))
    login(client, Role.RESPONDING_MANAGER, team=team_a)
    assert listed(client.get(LIST)) == [compliment.reference]
    assert client.get(detail(compliment)).status_code == 200
    assert client.get(detail(other)).status_code == 404
    assert client.get(url("compliment_edit", compliment)).status_code == 403
    assert client.get(url("compliment_edit", other)).status_code == 404
    assert client.get(NEW).status_code == 403


def test_a_responding_manager_without_compliments_has_an_empty_list(client, compliment):
    login(client, Role.RESPONDING_MANAGER, team=TeamFactory(name="Fostering"))
    assert listed(client.get(LIST)) == []


def test_anonymous_users_are_sent_to_sign_in(client, compliment):
    for address in (LIST, NEW, detail(compliment), url("compliment_quotation", compliment)):
        response = client.get(address)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_opening_a_compliment_is_logged_but_kept_off_its_timeline(client, compliment):
    user = login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(detail(compliment))
    assert AuditEvent.objects.for_subject(compliment).filter(verb="record.viewed", actor=user).count() == 1
    assert [event.verb for event in response.context["events"]] == ["compliment.created"]


# The list -------------------------------------------------------------------------------------------

@pytest.fixture
def several(team_a):
    fostering = TeamFactory(name="Fostering")
    actor = officer()
    made = {
        "parent_a": make_compliment(actor=actor, team=team_a, received_on=D(2022, 1, 4)),
        "carer_b": make_compliment(actor=actor, team=fostering, source=ComplimentSource.CARER,
                                   received_on=D(2022, 1, 10), consent_to_quote=True),
        "child_a": make_compliment(actor=actor, team=team_a, source=ComplimentSource.CHILD,
                                   received_on=D(2022, 1, 17), consent_to_quote=True),
    }
    compliment_quotation_prepare(compliment=made["carer_b"], quotation="X was kind.", actor=actor)
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["child_a", "carer_b", "parent_a"]),  # newest first
        ("source=carer", ["carer_b"]),
        ("quote=yes", ["carer_b"]),
        ("quote=to_prepare", ["child_a"]),
        ("quote=no", ["parent_a"]),
        ("received_from_day=10&received_from_month=1&received_from_year=2022", ["child_a", "carer_b"]),
        ("received_to_day=10&received_to_month=1&received_to_year=2022", ["carer_b", "parent_a"]),
        ("received_from_day=17&received_from_month=1&received_from_year=2022"
         "&received_to_day=17&received_to_month=1&received_to_year=2022", ["child_a"]),
    ],
)
def test_each_filter(client, several, query, expected):
    login(client, Role.COMPLAINTS_OFFICER)
    assert listed(client.get(f"{LIST}?{query}")) == [several[name].reference for name in expected]


def test_the_team_filter(client, several, team_a):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(f"{LIST}?team={team_a.pk}")
    assert listed(response) == [several["child_a"].reference, several["parent_a"].reference]
    assert "Team: Family Support Team 1" in text_of(response)


def test_a_filter_that_cannot_be_read_is_left_out_with_a_message(client, several):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(f"{LIST}?source=neighbour&quote=no"
                          "&received_from_day=31&received_from_month=2&received_from_year=2022")
    assert listed(response) == [several["parent_a"].reference]
    page = text_of(response)
    assert "Choose who gave the compliment from the list" in page
    assert "Received from must be a real date" in page


def test_dates_the_wrong_way_round_are_refused(client, several):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(f"{LIST}?received_from_day=17&received_from_month=1&received_from_year=2022"
                          "&received_to_day=4&received_to_month=1&received_to_year=2022")
    assert "Received to must be the same as or after received from" in text_of(response)
    assert listed(response) == [several["child_a"].reference]  # only "from" applies


def test_pages_of_fifty_keep_the_filters(client, team_a):
    ComplimentFactory.create_batch(51, team=team_a, source=ComplimentSource.CARER)
    ComplimentFactory(team=team_a, source=ComplimentSource.CHILD)
    login(client, Role.COMPLAINTS_OFFICER)
    first = client.get(f"{LIST}?source=carer")
    assert len(listed(first)) == 50 and first.context["page"].paginator.count == 51
    assert first.context["page_links"]["next"] == f"{LIST}?source=carer&page=2"
    assert len(listed(client.get(f"{LIST}?source=carer&page=2"))) == 1
    assert 'aria-label="Pages of compliments"' in first.content.decode()


@pytest.mark.parametrize(("page", "message"), [
    ("abc", "Page numbers are whole numbers from 1. Showing page 1."),
    ("0", "Page numbers are whole numbers from 1. Showing page 1."),
    ("9", "There is no page 9. Showing page 1 of 1."),
])
def test_a_page_that_does_not_exist_shows_the_nearest_with_a_message(client, several, page, message):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(f"{LIST}?page={page}")
    assert len(listed(response)) == 3 and message in text_of(response)


def test_the_query_count_does_not_grow_with_the_number_of_compliments(client, team_a,
                                                                       django_assert_max_num_queries):
    ComplimentFactory.create_batch(3, team=team_a)
    login(client, Role.RESPONDING_MANAGER, team=team_a)
    with django_assert_max_num_queries(12) as few:
        client.get(f"{LIST}?team={team_a.pk}")
    ComplimentFactory.create_batch(40, team=team_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(listed(client.get(f"{LIST}?team={team_a.pk}"))) == 43


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
