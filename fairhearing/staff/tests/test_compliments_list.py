"""Compliment pages: who may open each, and the list's filters, pages and query count."""

import pytest
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.kind_choices import ComplimentSource
from fairhearing.cases.kinds.compliments import compliment_quotation_prepare
from fairhearing.cases.tests.factories import officer
from fairhearing.cases.tests.kinds.factories import ComplimentFactory, make_compliment
from fairhearing.people.tests.factories import PersonFactory

from .compliments import LIST, NEW, detail, url
from .helpers import D, listed, login, text_of, today  # noqa: F401 (today is an autouse fixture)

pytestmark = pytest.mark.django_db


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
