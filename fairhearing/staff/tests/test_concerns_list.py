"""Initial feedback pages: who may open each (a responding manager records how their team resolved
one), the list's filters with the overdue boundary, pages and query count, and the dashboard's figure."""

import pytest
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.cases.kind_choices import ConcernStatus
from fairhearing.cases.kinds.concerns import concern_close, concern_resolve, concern_send_to_service
from fairhearing.cases.tests.factories import officer
from fairhearing.cases.tests.kinds.factories import ConcernFactory, make_concern
from fairhearing.people.tests.factories import ChildFactory, PersonFactory

from .concerns import LIST, NEW, url
from .helpers import TODAY, D, date_fields, listed, login, text_of, today  # noqa: F401 (today is an autouse fixture)

CHANGES = ("concern_edit", "concern_send", "concern_close", "concern_convert")
pytestmark = pytest.mark.django_db


@pytest.fixture
def team_a():
    return TeamFactory(name="Family Support Team 1")


@pytest.fixture
def concern(team_a):
    """Received Tuesday 4 January 2022 from Kerry about Max: due 18 January, overdue on the 19th."""
    return make_concern(actor=officer(), team=team_a, person=PersonFactory(first_name="Kerry", last_name="Doe"),
                        child=ChildFactory(first_name="Max", last_name="Doe"))


# Who may open what -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("roles", "list_status", "detail_status", "change_status"),
    [
        ((Role.COMPLAINTS_MANAGER,), 200, 200, 200),
        ((Role.COMPLAINTS_OFFICER,), 200, 200, 200),
        ((Role.SENIOR_MANAGER,), 200, 200, 403),
        ((Role.LEARNING_LEAD,), 403, 404, 404),
        ((Role.INVESTIGATOR,), 403, 404, 404),
        ((Role.REPORT_READER,), 403, 404, 404),
        ((Role.ADMINISTRATOR,), 403, 404, 404),
        ((), 403, 404, 404),
    ],
)
def test_each_role_may_or_may_not_open_each_page(client, concern, roles, list_status, detail_status, change_status):
    login(client, *roles)
    assert client.get(LIST).status_code == list_status
    assert client.get(url("concern_detail", concern)).status_code == detail_status
    for name in (*CHANGES, "concern_resolve"):
        assert client.get(url(name, concern)).status_code == change_status
        assert client.post(url(name, concern)).status_code == change_status
    assert client.get(NEW).status_code == (200 if change_status == 200 else 403)


def test_a_responding_manager_resolves_their_teams_concerns_and_changes_nothing_else(client, concern, team_a):
    other = make_concern(actor=officer(), team=TeamFactory(name="Fostering"))
    login(client, Role.RESPONDING_MANAGER, team=team_a)
    assert listed(client.get(LIST)) == [concern.reference]
    page = text_of(client.get(url("concern_detail", concern)))
    assert "Record how it was resolved" in page and "Send to the service" not in page
    assert "Make it a formal complaint" not in page and "Change the details" not in page
    for name in CHANGES:
        assert client.get(url(name, concern)).status_code == 403
    assert client.get(url("concern_resolve", other)).status_code == 404
    assert client.get(url("concern_detail", other)).status_code == 404
    response = client.post(url("concern_resolve", concern),
                           {**date_fields("resolved_on", TODAY), "outcome": "Social worker called back."})
    assert response.url == url("concern_detail", concern)
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.RESOLVED


# The list -------------------------------------------------------------------------------------------

@pytest.fixture
def several(team_a):
    actor = officer()
    made = {
        "overdue": make_concern(actor=actor, team=team_a, received_on=D(2022, 1, 4)),  # due 18 January
        "due_today": make_concern(actor=actor, team=team_a, received_on=D(2022, 1, 5)),  # due 19 January
        "resolved": make_concern(actor=actor, team=TeamFactory(name="Fostering"), received_on=D(2022, 1, 6)),
        "closed": make_concern(actor=actor, team=team_a, received_on=D(2021, 12, 1)),
    }
    concern_resolve(concern=made["resolved"], resolved_on=D(2022, 1, 10), outcome="Put right.", actor=actor,
                    today=TODAY)
    concern_close(concern=made["closed"], closed_on=D(2022, 1, 10), reason="No reply.", actor=actor, today=TODAY)
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["resolved", "due_today", "overdue", "closed"]),
        ("status=open", ["due_today", "overdue"]),
        ("status=overdue", ["overdue"]),
        ("status=resolved", ["resolved"]),
        ("status=closed", ["closed"]),
        ("status=converted", []),
        ("received_from_day=5&received_from_month=1&received_from_year=2022&status=open", ["due_today"]),
    ],
)
def test_each_filter(client, several, query, expected):
    login(client, Role.COMPLAINTS_OFFICER)
    assert listed(client.get(f"{LIST}?{query}")) == [several[name].reference for name in expected]


def test_the_team_filter(client, several, team_a):
    login(client, Role.COMPLAINTS_OFFICER)
    assert listed(client.get(f"{LIST}?team={team_a.pk}&status=closed")) == [several["closed"].reference]


def test_sending_to_the_service_restarts_the_clock_for_the_overdue_filter(client, team_a):
    """Received 4 January (due 18th, overdue on the 19th) but sent to the service on the 10th: due
    the 24th, so no longer overdue."""
    concern = make_concern(actor=officer(), team=team_a)
    login(client, Role.COMPLAINTS_OFFICER)
    assert listed(client.get(f"{LIST}?status=overdue")) == [concern.reference]
    concern_send_to_service(concern=concern, sent_on=D(2022, 1, 10), actor=officer(), today=TODAY)
    assert listed(client.get(f"{LIST}?status=overdue")) == []


def test_the_query_count_does_not_grow_with_the_number_of_concerns(client, team_a, django_assert_max_num_queries):
    # ConcernFactory's due date reads sent_to_service_on, which it does not declare: given here.
    ConcernFactory.create_batch(3, team=team_a, sent_to_service_on=None)
    login(client, Role.RESPONDING_MANAGER, team=team_a)
    with django_assert_max_num_queries(12) as few:
        client.get(f"{LIST}?status=overdue")
    ConcernFactory.create_batch(60, team=team_a, sent_to_service_on=None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"{LIST}?status=overdue")
    assert len(listed(response)) == 50 and response.context["page"].paginator.count == 63
    assert 'aria-label="Pages of initial feedback"' in response.content.decode()


# The dashboard --------------------------------------------------------------------------------------

def test_the_dashboard_counts_overdue_initial_feedback_and_links_to_exactly_those(client, several):
    make_concern(actor=officer(), team=TeamFactory(name="Fostering"), received_on=D(2022, 1, 3))  # overdue too
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(reverse("staff:home"))
    figure = next(figure for figure in response.context["records_overdue"]
                  if figure["label"] == "Initial feedback overdue")
    assert figure["count"] == 2 and figure["url"] == f"{LIST}?status=overdue"
    assert "Initial feedback overdue" in text_of(response)
    assert len(listed(client.get(figure["url"]))) == 2
