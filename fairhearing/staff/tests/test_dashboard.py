"""The home page dashboards: figures that match the lists they link to, for every role, in few queries."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.services import complaint_acknowledge
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.stages.services import (
    PointFinding,
    complaint_withdraw,
    stage_one_start,
    stage_pause,
    stage_request_next,
    stage_respond,
    stage_two_appoint,
)

D = datetime.date
TODAY = D(2022, 1, 19)  # a Wednesday; "the next 5 working days" run to Wednesday 26 January
HOME = reverse("staff:home")
LIST = reverse("staff:complaint_list")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    """Pin the clock the pages read (the services are given today= explicitly)."""
    moment = datetime.datetime(2022, 1, 19, 10, 30, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(moment, tick=False):
        yield TODAY


def findings() -> dict[int, PointFinding]:
    return {1: PointFinding("upheld"), 2: PointFinding("not_upheld")}


def build_caseload(actor):
    """Ten complaints, one in each state the dashboard counts, about teams A, B and C.

    Returns {name: complaint}. Expected on 19 January 2022: see EXPECTED.
    """
    team_a, team_b, team_c = (TeamFactory(name=name) for name in ("Team A", "Team B", "Team C"))
    made = {}

    def make(name, received, teams, *, acknowledge=True, start=True, **kwargs):
        complaint = make_complaint(actor=actor, received_on=received, teams=teams, today=received, **kwargs)
        if acknowledge:
            complaint_acknowledge(complaint=complaint, acknowledged_on=received, actor=actor, today=received)
        stage = stage_one_start(complaint=complaint, actor=actor, today=received) if start else None
        made[name] = complaint
        return complaint, stage

    make("ack_overdue", D(2022, 1, 10), [team_a], acknowledge=False, start=False)  # acknowledge by 13 Jan
    make("not_started", D(2022, 1, 12), [], start=False)
    make("overdue", D(2022, 1, 4), [team_a], assigned_to=actor)  # Stage 1 due 18 January
    make("due_today", D(2022, 1, 5), [team_b])  # due 19 January
    make("due_soon", D(2022, 1, 10), [team_a, team_b])  # due 24 January
    make("on_track", D(2022, 1, 18), [team_b], acknowledge=False)  # due 1 February; acknowledge by 21 January
    _, stage = make("paused", D(2022, 1, 6), [team_a])
    stage_pause(stage=stage, reason="court_proceedings", started_on=D(2022, 1, 12), actor=actor, today=D(2022, 1, 12))
    _, stage = make("answered", D(2022, 1, 4), [team_c])
    stage_respond(stage=stage, responded_on=D(2022, 1, 14), findings=findings(), actor=actor, today=D(2022, 1, 14))
    complaint, stage = make("stage_two", D(2022, 1, 4), [team_c])
    stage_respond(stage=stage, responded_on=D(2022, 1, 10), findings=findings(), actor=actor, today=D(2022, 1, 10))
    stage_request_next(complaint=complaint, requested_on=D(2022, 1, 12), actor=actor, today=D(2022, 1, 12))
    complaint, _ = make("withdrawn", D(2022, 1, 4), [team_a])
    complaint_withdraw(complaint=complaint, withdrawn_on=D(2022, 1, 7), method="written", reason="Resolved.",
                       actor=actor, today=D(2022, 1, 7))
    return made


EXPECTED = {
    "Open complaints": 9,
    "Overdue": 2,  # the overdue acknowledgement and the overdue Stage 1
    "Due today": 1,
    "Due in the next 5 working days": 1,
    "Paused": 1,
    "Awaiting acknowledgement": 2,
    "Acknowledgement overdue": 1,
    "Received, not yet started": 2,
    "Stage 1": 5,
    "Stage 2": 1,
    "Stage 3": 0,
    "Answered, may escalate": 1,
    "Team A": 4,
    "Team B": 3,
    "Team C": 2,
    "No team recorded": 1,
    "Held by you": 1,
    "Not allocated": 8,
}


def login(client, *roles, team=None, username=None):
    user = UserFactory(roles=roles, **({"username": username} if username else {}))
    if team is not None:
        user.teams.add(team)
    client.force_login(user)
    return user


def listed_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200
    shown = re.search(r'id="results-count">(\d+) complaints?<', response.content.decode())
    assert shown, "the list shows its count"
    assert int(shown.group(1)) == response.context["page"].paginator.count
    return int(shown.group(1))


def test_every_number_links_to_a_list_of_exactly_that_many(client):
    actor = officer()
    build_caseload(actor)
    client.force_login(actor)
    response = client.get(HOME)
    page = response.content.decode()
    dashboard = response.context["dashboard"]
    figures = {figure.label: figure.count for figure in dashboard.figures}
    assert figures == EXPECTED
    links = [*response.context["deadlines"], *response.context["acknowledgement"], *response.context["stages"],
             *response.context["teams"], *response.context["caseload"], response.context["open_total"]]
    assert len(links) == len(EXPECTED)
    for link in links:
        assert f'href="{link["url"].replace("&", "&amp;")}"' in page, link["label"]
        assert listed_count(client, link["url"]) == link["count"], link["label"]


def test_figure_links_carry_their_filters_in_the_url(client):
    actor = officer()
    build_caseload(actor)
    client.force_login(actor)
    context = client.get(HOME).context
    urls = {link["label"]: link["url"] for link in [*context["deadlines"], *context["stages"], *context["caseload"]]}
    assert urls["Overdue"] == f"{LIST}?due=overdue"
    assert urls["Stage 2"] == f"{LIST}?status=in_stage&stage=2"
    assert urls["Held by you"] == f"{LIST}?assignee=me"


def test_dashboard_query_count_does_not_grow_with_complaints(client, django_assert_max_num_queries):
    actor = officer()
    client.force_login(actor)
    for number in range(3):
        make_complaint(actor=actor, teams=[TeamFactory(name=f"Team {number}")])
    with django_assert_max_num_queries(15) as few:
        client.get(HOME)
    build_caseload(actor)
    for number in range(10):
        stage_one_start(complaint=make_complaint(actor=actor, teams=[TeamFactory(name=f"More {number}")]),
                        actor=actor, today=D(2022, 1, 4))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(HOME)
    assert response.context["dashboard"].open_total.count == 3 + 9 + 10


@pytest.mark.parametrize("role", [Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER])
def test_complaints_team_get_the_dashboard_with_their_caseload(client, role):
    build_caseload(officer())
    login(client, role)
    response = client.get(HOME)
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "staff/dashboard.html"
    assert "Held by you" in response.content.decode()


def test_senior_managers_read_the_dashboard_without_caseload_figures(client):
    build_caseload(officer())
    login(client, Role.SENIOR_MANAGER)
    response = client.get(HOME)
    page = response.content.decode()
    assert response.context["read_only"] is True
    assert response.context["dashboard"].open_total.count == 9
    assert "Held by you" not in page and "Not allocated" not in page
    assert "The complaints team allocates and manages the cases" in page


def test_responding_manager_sees_their_teams_cases_and_what_each_needs_next(client):
    made = build_caseload(officer())
    team_b = made["due_today"].teams.get()
    login(client, Role.RESPONDING_MANAGER, team=team_b)
    response = client.get(HOME)
    page = response.content.decode()
    assert response.status_code == 200
    shown = [row["complaint"].reference for row in response.context["rows"]]
    assert shown == [made[name].reference for name in ("due_today", "due_soon", "on_track")]  # soonest first
    assert made["overdue"].reference not in page  # Team A only
    assert "Stage 1 response due 19 January 2022" in page
    assert "Stage 1 response due 1 February 2022" in page
    assert "Your team’s open complaints" in page


def test_responding_manager_next_steps_cover_every_state(client):
    made = build_caseload(officer())
    teams = [made[name].teams.get() for name in ("ack_overdue", "due_today", "answered")]
    user = login(client, Role.RESPONDING_MANAGER)
    user.teams.add(*teams)
    page = client.get(HOME).content.decode()
    assert "Acknowledgement due 13 January 2022" in page
    assert "Stage 1 paused since 12 January 2022" in page
    assert "Stage 1 answered: the complainant may ask for Stage 2 until" in page
    assert "Stage 2: waiting for the clock to start" in page
    assert made["withdrawn"].reference not in page


def test_investigator_sees_only_the_case_they_are_appointed_to(client):
    actor = officer()
    made = build_caseload(actor)
    appointed = UserFactory(roles=[Role.INVESTIGATOR])
    independent = UserFactory(roles=[Role.INVESTIGATOR])
    stage = made["stage_two"].stages.get(number=2)
    stage_two_appoint(stage=stage, investigating_officer=appointed, independent_person=independent,
                      appointed_on=D(2022, 1, 13), actor=actor, today=D(2022, 1, 13))
    client.force_login(appointed)
    response = client.get(HOME)
    assert [row["complaint"].reference for row in response.context["rows"]] == [made["stage_two"].reference]
    assert "Complaints you are appointed to" in response.content.decode()

    login(client, Role.INVESTIGATOR)  # appointed to nothing
    response = client.get(HOME)
    assert response.context["rows"] == []
    assert "There are no open complaints for you at the moment." in response.content.decode()


@pytest.mark.parametrize("role", [Role.LEARNING_LEAD, Role.REPORT_READER, Role.ADMINISTRATOR])
def test_roles_without_complaints_keep_the_simple_home_page(client, role):
    build_caseload(officer())
    login(client, role)
    response = client.get(HOME)
    page = response.content.decode()
    assert response.status_code == 200
    assert "does not give you access to individual complaints" in page
    assert "CSC-2022" not in page and "dashboard" not in response.context


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get(HOME)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
