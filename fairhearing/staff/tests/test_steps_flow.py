"""Every lifecycle step, taken through its page: the form shows, a valid answer changes the case
through the service, the audit event is written, and the user returns to the complaint with a
success message."""

from decimal import Decimal
from html import escape

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.cases.models import Complaint
from fairhearing.staff.steps import STEPS, STEPS_BY_NAME

from .test_steps_helpers import (  # noqa: F401 (frozen_clock is an autouse fixture)
    STEP_CASES,
    answer_for,
    changes,
    detail_url,
    frozen_clock,
    login,
    senior,
    step_url,
    views,
)

pytestmark = pytest.mark.django_db

SENIOR_STEPS = {"adjudicate", "council-response"}


def test_every_step_has_a_case():
    assert set(STEP_CASES) == {step.name for step in STEPS}


def test_step_urls_hold_no_personal_data(client):
    complaint = STEP_CASES["acknowledge"][0]()
    for step in STEPS:
        assert step_url(complaint, step.name) == f"/complaints/{complaint.reference}/steps/{step.name}/"


@pytest.mark.parametrize("name", list(STEP_CASES))
def test_step_form_shows_and_the_view_is_logged(client, name):
    complaint = STEP_CASES[name][0]()
    if name in SENIOR_STEPS:
        client.force_login(senior())
    else:
        login(client, Role.COMPLAINTS_OFFICER)
    before = views(complaint)
    response = client.get(step_url(complaint, name))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<form novalidate method="post">' in page
    assert "csrfmiddlewaretoken" in page
    assert escape(STEPS_BY_NAME[name].label.split("{")[0]) in page
    assert views(complaint) == before + 1


@pytest.mark.parametrize("name", list(STEP_CASES))
def test_step_posts_change_the_case_and_are_audited(client, name):
    builder, _, verb = STEP_CASES[name]
    complaint = builder()
    if name in SENIOR_STEPS:
        client.force_login(senior())
    else:
        login(client, Role.COMPLAINTS_OFFICER)
    before = changes(complaint)
    response = client.post(step_url(complaint, name), answer_for(name, complaint))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response.url == detail_url(complaint)
    after = changes(complaint)
    # Naming an investigator or panel member also queues their allocation email (its own event).
    assert [v for v in after[len(before):] if v != "email.queued"] == [verb]
    page = client.get(response.url).content.decode()
    assert "govuk-notification-banner--success" in page


def test_acknowledge_records_the_date(client):
    complaint = STEP_CASES["acknowledge"][0]()
    login(client, Role.COMPLAINTS_OFFICER)
    client.post(step_url(complaint, "acknowledge"), answer_for("acknowledge", complaint))
    complaint.refresh_from_db()
    assert str(complaint.acknowledged_on) == "2022-01-05"
    page = client.get(detail_url(complaint)).content.decode()
    assert "Acknowledgement recorded" in page
    assert "Acknowledged 5 January 2022" in page


def test_respond_records_outcomes_remedies_and_closes_the_stage(client):
    complaint = STEP_CASES["respond"][0]()
    login(client, Role.COMPLAINTS_OFFICER)
    answer = answer_for("respond", complaint)
    answer.update(remedy_rows="2", remedy_2_kind="financial", remedy_2_amount="£1,250.50",
                  remedy_2_description="Time and trouble")
    response = client.post(step_url(complaint, "respond"), answer)
    assert response.status_code == 302
    stage = complaint.stages.get()
    assert stage.outcome == "partially_upheld"
    assert sorted(stage.remedies.values_list("kind", "amount")) == [
        ("apology", None), ("financial", Decimal("1250.50"))]
    assert stage.point_outcomes.get(point__number=1).finding == "Visits were late."
    assert Complaint.objects.get(pk=complaint.pk).status == "responded"
    page = client.get(detail_url(complaint)).content.decode()
    assert "Stage 1 response recorded" in page
    assert "£1250.50" in page


def test_extend_moves_the_due_date(client):
    complaint = STEP_CASES["extend"][0]()
    login(client, Role.COMPLAINTS_OFFICER)
    client.post(step_url(complaint, "extend"), answer_for("extend", complaint))
    assert str(complaint.stages.get().due_on) == "2022-01-25"


def test_start_stage_one_shows_when_the_response_will_be_due(client):
    complaint = STEP_CASES["start-stage-one"][0]()
    login(client, Role.COMPLAINTS_OFFICER)
    page = client.get(step_url(complaint, "start-stage-one")).content.decode()
    assert "10 working days after Tuesday 4 January 2022" in page
    assert "due Tuesday 18 January 2022" in page


def test_council_response_records_a_departure_with_reasons(client):
    complaint = STEP_CASES["council-response"][0]()
    client.force_login(senior())
    answer = {**answer_for("council-response", complaint), "departs": "yes",
              "departure_reasons": "The cost is not proportionate."}
    assert client.post(step_url(complaint, "council-response"), answer).status_code == 302
    stage = complaint.stages.get(number=3)
    assert stage.departs_from_recommendations
    assert stage.departure_reasons == "The cost is not proportionate."


def test_convene_panel_names_the_chair(client):
    complaint = STEP_CASES["convene-panel"][0]()
    login(client, Role.COMPLAINTS_OFFICER)
    answer = answer_for("convene-panel", complaint)
    client.post(step_url(complaint, "convene-panel"), answer)
    members = complaint.stages.get(number=3).panel_members
    assert members.count() == 3
    assert members.get(is_chair=True).member_id == answer["chair"]


def test_withdraw_ends_the_open_stage(client):
    complaint = STEP_CASES["withdraw"][0]()
    login(client, Role.COMPLAINTS_OFFICER)
    client.post(step_url(complaint, "withdraw"), answer_for("withdraw", complaint))
    complaint.refresh_from_db()
    assert complaint.status == "withdrawn"
    assert complaint.withdrawal_method == "oral"
    assert complaint.stages.get().status == "withdrawn"


def test_reopen_reopens(client):
    complaint = STEP_CASES["reopen"][0]()
    login(client, Role.COMPLAINTS_OFFICER)
    client.post(step_url(complaint, "reopen"), answer_for("reopen", complaint))
    complaint.refresh_from_db()
    assert complaint.status == "responded"
