"""The first staff pages: who may see them, what they show, and that they stay fast."""

import datetime

import pytest
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.stages.services import (
    PointFinding,
    stage_one_start,
    stage_request_next,
    stage_respond,
)

D = datetime.date
LIST = reverse("staff:complaint_list")
pytestmark = pytest.mark.django_db


def detail(complaint):
    return reverse("staff:complaint_detail", args=[complaint.reference])


@pytest.fixture
def complaint():
    return make_complaint(actor=officer())


def login(client, *roles, team=None, **extra):
    user = UserFactory(roles=roles, **extra)
    if team is not None:
        user.teams.add(team)
    client.force_login(user)
    return user


def test_anonymous_users_are_sent_to_sign_in(client, complaint):
    for url in (reverse("staff:home"), LIST, detail(complaint)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("roles", "list_status", "detail_status"),
    [
        ((Role.COMPLAINTS_MANAGER,), 200, 200),
        ((Role.COMPLAINTS_OFFICER,), 200, 200),
        ((Role.SENIOR_MANAGER,), 200, 200),
        ((Role.RESPONDING_MANAGER,), 200, 404),  # not their team
        ((Role.INVESTIGATOR,), 200, 404),  # not appointed
        ((Role.LEARNING_LEAD,), 403, 404),
        ((Role.REPORT_READER,), 403, 404),
        ((Role.ADMINISTRATOR,), 403, 404),
        ((), 403, 404),
    ],
)
def test_each_role_sees_what_it_should(client, complaint, roles, list_status, detail_status):
    login(client, *roles)
    assert client.get(LIST).status_code == list_status
    assert client.get(detail(complaint)).status_code == detail_status


def test_responding_manager_sees_only_their_teams_cases(client, complaint):
    other = make_complaint(actor=officer(), teams=[TeamFactory(name="Fostering")])
    login(client, Role.RESPONDING_MANAGER, team=complaint.teams.get())
    page = client.get(LIST).content.decode()
    assert complaint.reference in page and other.reference not in page
    assert client.get(detail(complaint)).status_code == 200
    assert client.get(detail(other)).status_code == 404


def test_guessed_reference_is_404(client):
    login(client, Role.COMPLAINTS_OFFICER)
    assert client.get(reverse("staff:complaint_detail", args=["CSC-2099-9999"])).status_code == 404


def test_inactive_user_sees_nothing(client, complaint):
    user = login(client, Role.COMPLAINTS_MANAGER)
    user.is_active = False
    user.save()
    assert client.get(LIST).status_code in (302, 403)


def test_list_shows_open_complaints_with_due_dates(client, complaint):
    stage_one_start(complaint=complaint, actor=officer(), today=D(2022, 1, 4))
    closed = make_complaint(actor=officer())
    stage = stage_one_start(complaint=closed, actor=officer(), today=D(2022, 1, 4))
    stage_respond(stage=stage, responded_on=D(2022, 1, 10), findings={1: PointFinding("upheld"), 2: PointFinding("upheld")},
                  actor=officer(), today=D(2022, 1, 10))
    login(client, Role.COMPLAINTS_OFFICER)
    page = client.get(LIST).content.decode()
    assert complaint.reference in page
    assert "Stage 1 response due 18 January 2022" in page
    assert "Overdue" in page  # 2022 is long past
    assert "Stage 1 answered: the time to ask for Stage 2 ended on 7 February 2022" in page


def test_detail_explains_each_due_date_and_shows_the_timeline(client, complaint):
    stage_one_start(complaint=complaint, actor=officer(), today=D(2022, 1, 4))
    login(client, Role.COMPLAINTS_OFFICER)
    page = client.get(detail(complaint)).content.decode()
    assert "10 working days after Tuesday 4 January 2022" in page
    assert "3 working days after Tuesday 4 January 2022" in page  # acknowledgement
    assert "Stage 1 started: response due 18 January 2022" in page
    assert "Complaint logged under the Children&#x27;s statutory complaints procedure" in page


def test_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    login(client, Role.COMPLAINTS_OFFICER)
    for _ in range(3):
        make_complaint(actor=officer())
    with django_assert_max_num_queries(15) as few:
        client.get(LIST)
    for _ in range(12):
        stage_one_start(complaint=make_complaint(actor=officer()), actor=officer(), today=D(2022, 1, 4))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert response.content.decode().count("CSC-2022-") >= 15


def test_detail_query_count_does_not_grow_with_events(client, complaint, django_assert_max_num_queries):
    login(client, Role.COMPLAINTS_OFFICER)
    stage = stage_one_start(complaint=complaint, actor=officer(), today=D(2022, 1, 4))
    with django_assert_max_num_queries(30) as before:
        client.get(detail(complaint))
    stage_respond(stage=stage, responded_on=D(2022, 1, 10), findings={1: PointFinding("upheld"), 2: PointFinding("upheld")},
                  actor=officer(), today=D(2022, 1, 10))
    stage_request_next(complaint=complaint, requested_on=D(2022, 1, 12), actor=officer(), today=D(2022, 1, 12))
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(detail(complaint))


@pytest.mark.parametrize("role", [Role.LEARNING_LEAD, Role.REPORT_READER])
def test_roles_without_cases_get_a_home_page_not_an_error(client, role):
    login(client, role)
    response = client.get(reverse("staff:home"))
    assert response.status_code == 200
    assert "does not give you access to individual complaints" in response.content.decode()
    assert LIST not in response.content.decode()  # no link to a page they cannot open


def test_caseworkers_start_at_the_dashboard(client):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(reverse("staff:home"))
    assert response.status_code == 200
    assert "Complaints dashboard" in response.content.decode()
    assert f'href="{LIST}"' in response.content.decode()
