"""The complaint page: where the complaint stands, what needs doing next for this user, the panels
of the other features, every view logged, and a query count that does not grow with the case."""

import datetime
from html import escape

import pytest
import time_machine
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.cases.access import complaint_restrict_to
from fairhearing.cases.models import Document, Note
from fairhearing.cases.services import complaint_point_add
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.staff.steps import STEPS
from fairhearing.stages.services import (
    PointFinding,
    RemedyInput,
    stage_extend,
    stage_pause,
    stage_resume,
    stage_two_adjudicate,
)

from .test_steps_helpers import (
    TEAM,
    TODAY,
    D,
    closed,
    convened,
    corporate_acknowledged,
    corporate_received,
    detail_url,
    late,
    login,
    panel_met,
    paused,
    received,
    responded,
    senior,
    stage_one,
    stage_three,
    stage_two_running,
    stage_two_waiting,
    step_url,
    views,
    withdrawn,
)

pytestmark = pytest.mark.django_db


def titles(response, key):
    return [step.title for step in response.context[key]]


@time_machine.travel(datetime.datetime(2022, 1, 10, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_summary_shows_the_stage_deadlines_working_days_left_and_holder(client):
    complaint = stage_one()
    login(client, Role.COMPLAINTS_OFFICER)
    page = client.get(detail_url(complaint)).content.decode()
    assert "Stage 1: local resolution: open" in page
    assert "Due 18 January 2022" in page
    assert "(6 working days left)" in page
    assert "10 working days after Tuesday 4 January 2022" in page
    assert "(1 working day overdue)" in page  # the acknowledgement, due 7 January
    assert f"Held by</dt><dd class=\"govuk-summary-list__value\">{complaint.assigned_to or 'Not allocated'}" in page
    assert TEAM in page


def test_a_responded_stage_shows_the_time_to_ask_for_the_next(client):
    complaint = responded()
    login(client, Role.COMPLAINTS_OFFICER)
    page = client.get(detail_url(complaint)).content.decode()
    assert "Time to ask for the next stage" in page and "Until 7 February 2022" in page
    assert "Stage 1: <strong>Upheld</strong>" in page  # each point's outcome


def test_a_paused_stage_says_so_instead_of_counting_down(client):
    complaint = paused()
    login(client, Role.COMPLAINTS_OFFICER)
    page = client.get(detail_url(complaint)).content.decode()
    assert "Paused" in page and "before the pause" in page
    assert "working days left" not in page.split('id="stages"')[0]


def test_next_steps_for_a_new_complaint(client):
    complaint = received()
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(detail_url(complaint))
    assert titles(response, "next_steps") == [
        "Acknowledge the complaint", "Start Stage 1", "Record the offer of an advocate"]
    assert "Change the complaint's details" in titles(response, "other_steps")
    page = response.content.decode()
    assert "What needs doing next" in page
    assert f'href="{step_url(complaint, "start-stage-one")}"' in page


@pytest.mark.parametrize(
    ("builder", "pressing"),
    [
        (late, ["Acknowledge the complaint", "Decide whether to accept the late complaint",
                "Record the offer of an advocate"]),
        (corporate_received, ["Acknowledge the complaint"]),
        (corporate_acknowledged, ["Start Stage 1"]),
        (stage_one, ["Record the Stage 1 response"]),
        (paused, ["Restart the clock"]),
        (responded, ["Record a request for Stage 2", "Close the complaint"]),  # the time to ask is over
        (stage_two_waiting, ["Record the agreed statement of complaint",
                             "Appoint the Investigating Officer and Independent Person"]),
        (stage_three, ["Convene the review panel"]),
        (convened, ["Record the review panel meeting"]),
        (panel_met, ["Record the panel's report"]),
        (closed, []),
    ],
)
def test_what_needs_doing_next_follows_the_procedure(client, builder, pressing):
    """The scenarios never acknowledge or offer an advocate, so those stay pressing throughout."""
    complaint = builder()
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(detail_url(complaint))
    always = {"Acknowledge the complaint", "Record the offer of an advocate"}
    assert [t for t in titles(response, "next_steps") if t not in always] == [t for t in pressing if t not in always]


def test_a_closed_complaint_can_only_be_reopened_or_corrected(client):
    complaint = closed()
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(detail_url(complaint))
    assert titles(response, "next_steps") == []
    assert titles(response, "other_steps") == ["Change the complaint's details", "Reopen the complaint"]
    assert "Nothing is waiting on this complaint now." in response.content.decode()


def test_a_senior_manager_is_offered_only_their_decisions(client):
    complaint = stage_two_running()
    client.force_login(senior())
    response = client.get(detail_url(complaint))
    assert titles(response, "next_steps") == ["Record the Stage 2 adjudication"]
    assert titles(response, "other_steps") == []


def test_a_responding_manager_is_offered_the_stage_one_response_only(client):
    complaint = stage_one()
    login(client, Role.RESPONDING_MANAGER, team=TEAM)
    response = client.get(detail_url(complaint))
    assert titles(response, "next_steps") == ["Record the Stage 1 response"]
    assert titles(response, "other_steps") == []


SCENARIOS = [received, late, corporate_received, corporate_acknowledged, stage_one, paused, responded,
             stage_two_waiting, stage_two_running, stage_three, convened, panel_met, closed, withdrawn]


@pytest.mark.parametrize("builder", SCENARIOS)
@pytest.mark.parametrize("role", [Role.COMPLAINTS_OFFICER, Role.SENIOR_MANAGER])
def test_the_page_offers_exactly_the_steps_that_the_step_pages_allow(client, builder, role):
    """The registry decides both: a step is linked if and only if its page would accept it."""
    complaint = builder()
    client.force_login(senior() if role == Role.SENIOR_MANAGER else UserFactory(roles=[role]))
    page = client.get(detail_url(complaint)).content.decode()
    for step in STEPS:
        url = step_url(complaint, step.name)
        status = client.get(url).status_code
        assert status in (200, 403, 409), (step.name, status)
        assert (f'href="{url}"' in page) == (status == 200), (step.name, status)


@pytest.mark.parametrize(
    ("roles", "team", "status"),
    [
        ((Role.COMPLAINTS_MANAGER,), None, 200),
        ((Role.COMPLAINTS_OFFICER,), None, 200),
        ((Role.SENIOR_MANAGER,), None, 200),
        ((Role.RESPONDING_MANAGER,), TEAM, 200),
        ((Role.RESPONDING_MANAGER,), "Fostering", 404),
        ((Role.INVESTIGATOR,), None, 404),
        ((Role.LEARNING_LEAD,), None, 404),
        ((Role.REPORT_READER,), None, 404),
        ((Role.ADMINISTRATOR,), None, 404),
    ],
)
def test_every_view_of_the_page_is_logged(client, roles, team, status):
    complaint = stage_one()
    user = login(client, *roles, team=team)
    for expected_views in (1, 2):
        assert client.get(detail_url(complaint)).status_code == status
        if status == 200:
            assert views(complaint) == expected_views
            latest = complaint_view_events(complaint).last()
            assert latest.actor == user
        else:
            assert views(complaint) == 0


def complaint_view_events(complaint):
    from fairhearing.audit.models import AuditEvent
    from fairhearing.audit.services import VIEWED

    return AuditEvent.objects.for_subject(complaint).filter(verb=VIEWED).order_by("id")


def test_the_page_includes_the_documents_and_letters_panels_with_the_allowed_actions(client):
    complaint = stage_one()
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(detail_url(complaint))
    page = response.content.decode()
    assert 'id="documents"' in page and 'id="letters"' in page
    assert {"upload", "note", "letter", "extend"} <= response.context["actions"]
    assert "adjudicate" not in response.context["actions"]


def test_the_page_says_nothing_of_the_steps_to_an_investigator(client):
    complaint = stage_two_running()
    client.force_login(complaint.stages.get(number=2).independent_person)
    response = client.get(detail_url(complaint))
    assert response.status_code == 200
    assert response.context["actions"] == {"view", "note", "upload"}
    assert "There is nothing for you to do on this complaint now." in response.content.decode()


def _grow(complaint, *, points: int, documents: int):
    """Add points, notes, documents and timeline events so the large case is many times the small."""
    actor = officer()
    for n in range(points):
        complaint_point_add(complaint=complaint, description=f"Further point {n}", actor=actor)
    for n in range(documents):
        Document.objects.create(complaint=complaint, title=f"Letter {n}", file=f"complaints/{complaint.pk}/{n}",
                                original_name=f"letter-{n}.pdf", content_type="application/pdf", size=10,
                                uploaded_by=actor)
        Note.objects.create(complaint=complaint, text=f"Called the parent ({n}).", created_by=actor)


def _large_case():
    """Three stages, with extensions, pauses, remedies, panel, many points, documents and events."""
    complaint = stage_two_waiting()
    _grow(complaint, points=8, documents=12)
    from fairhearing.stages.services import (
        stage_request_next,
        stage_two_agree_statement,
        stage_two_appoint,
    )

    from .test_steps_helpers import investigator, panel
    stage = complaint.stages.get(number=2)
    stage_two_agree_statement(stage=stage, agreed_on=D(2022, 1, 14), actor=officer(), today=TODAY)
    stage_two_appoint(stage=stage, investigating_officer=investigator("io"), independent_person=investigator("ip"),
                      appointed_on=D(2022, 1, 14), actor=officer(), today=TODAY)
    stage_extend(stage=stage, new_due_on=D(2022, 3, 1), reason="Complex", complainant_told_on=D(2022, 1, 20),
                 actor=officer(), today=TODAY)
    for start, end in ((D(2022, 1, 24), D(2022, 1, 26)), (D(2022, 2, 1), D(2022, 2, 3))):
        stage_pause(stage=stage, reason="awaiting_complainant", started_on=start, actor=officer(), today=TODAY)
        stage_resume(stage=stage, resumed_on=end, actor=officer(), today=TODAY)
    findings = {p.number: PointFinding("upheld", "Found.") for p in complaint.points.all()}
    stage_two_adjudicate(stage=stage, adjudicated_on=D(2022, 3, 1), findings=findings,
                         remedies=[RemedyInput("apology"), RemedyInput("financial", "Time", 250)],
                         actor=senior(), today=TODAY)
    stage_request_next(complaint=complaint, requested_on=D(2022, 3, 3), actor=officer(), today=TODAY)
    from fairhearing.stages.services import stage_three_convene_panel
    members = panel()
    stage_three_convene_panel(stage=complaint.stages.get(number=3), members=members, chair=members[0],
                              actor=officer())
    return complaint


@pytest.mark.parametrize("role", [Role.COMPLAINTS_OFFICER, Role.SENIOR_MANAGER])
def test_query_count_does_not_grow_with_the_case(client, django_assert_max_num_queries, role):
    small = stage_one(points=1)
    large = _large_case()
    assert large.points.count() >= 10 and large.documents.count() == 12 and large.stages.count() == 3
    client.force_login(senior() if role == Role.SENIOR_MANAGER else UserFactory(roles=[role]))
    with django_assert_max_num_queries(40) as few:
        assert client.get(detail_url(small)).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(detail_url(large))
    page = response.content.decode()
    assert "Further point 7" in page and "Letter 11" in page
    assert escape("Review panel convened") in page


def test_query_count_for_a_responding_manager_does_not_grow_either(client, django_assert_max_num_queries):
    small = stage_one(points=1)
    large = stage_one(points=1)
    _grow(large, points=10, documents=10)
    login(client, Role.RESPONDING_MANAGER, team=TEAM)
    with django_assert_max_num_queries(40) as few:
        client.get(detail_url(small))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(detail_url(large)).status_code == 200



def test_access_link_and_restricted_tag_for_those_who_manage_access(client):
    complaint = make_complaint(actor=officer())
    manager = UserFactory(username="access-manager", roles=[Role.COMPLAINTS_MANAGER])
    senior = UserFactory(username="access-senior", roles=[Role.SENIOR_MANAGER])
    page_url = reverse("staff:complaint_detail", args=[complaint.reference])
    access_url = reverse("staff:complaint_access", args=[complaint.reference])
    client.force_login(senior)
    page = client.get(page_url).content.decode()
    assert access_url not in page and "Restricted</strong>" not in page
    complaint_restrict_to(complaint=complaint, users=[senior], actor=manager)
    client.force_login(manager)
    page = client.get(page_url).content.decode()
    assert access_url in page and "Restricted</strong>" in page
