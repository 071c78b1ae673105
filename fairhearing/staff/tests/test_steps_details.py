"""Editing a complaint's details (teams, themes, holder, summary, routing reason): the service in
cases/details.py and its step page. Every change is audited with the fields before and after."""

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.details import complaint_details_update
from fairhearing.cases.models import Theme
from fairhearing.core.errors import DomainError

from .test_steps_helpers import (  # noqa: F401 (frozen_clock is an autouse fixture)
    TEAM,
    changes,
    closed,
    frozen_clock,
    login,
    received,
    step_url,
)

pytestmark = pytest.mark.django_db


def last_event(complaint):
    return AuditEvent.objects.for_subject(complaint).filter(verb="complaint.details_changed").last()


def test_changing_teams_and_holder_audits_just_those_fields(client):
    complaint = received()
    fostering = TeamFactory(name="Fostering")
    holder = UserFactory(username="holder", first_name="Priya", last_name="Shah", roles=[Role.COMPLAINTS_OFFICER])
    login(client, Role.COMPLAINTS_MANAGER)
    response = client.post(step_url(complaint, "details"), {
        "teams": [fostering.pk, complaint.teams.get().pk], "assigned_to": holder.pk,
        "summary": complaint.summary, "routing_reason": complaint.routing_reason,
    })
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.assigned_to == holder
    assert sorted(complaint.teams.values_list("name", flat=True)) == ["Family Support Team 1", "Fostering"]
    event = last_event(complaint)
    assert event.summary == "Details changed: teams, held by"
    assert event.changes == {
        "teams": ["Family Support Team 1", "Family Support Team 1, Fostering"],
        "held_by": [None, "Priya Shah"],
    }


def test_saving_without_a_change_writes_nothing(client):
    complaint = received()
    login(client, Role.COMPLAINTS_OFFICER)
    before = changes(complaint)
    response = client.post(step_url(complaint, "details"), {
        "teams": [complaint.teams.get().pk], "summary": complaint.summary,
        "routing_reason": complaint.routing_reason,
    })
    assert response.status_code == 302
    assert changes(complaint) == before


def test_the_form_starts_from_the_current_details(client):
    theme = Theme.objects.create(name="Placement stability")
    complaint = received(themes=[theme])
    login(client, Role.COMPLAINTS_OFFICER)
    page = client.get(step_url(complaint, "details")).content.decode()
    assert f'value="{complaint.teams.get().pk}" checked' in page
    assert f'value="{theme.pk}" checked' in page
    assert complaint.routing_reason in page.replace("&#x27;", "'")


def test_only_the_complaints_team_can_hold_a_complaint(client):
    complaint = received()
    reader = UserFactory(username="reader", roles=[Role.REPORT_READER])
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(step_url(complaint, "details"), {
        "assigned_to": reader.pk, "summary": "S", "routing_reason": "R",
    })
    assert "Select a valid choice" in response.content.decode()


def test_details_can_be_corrected_after_closing(client):
    complaint = closed()
    theme = Theme.objects.create(name="Communication")
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(step_url(complaint, "details"), {
        "teams": [complaint.teams.get().pk], "themes": [theme.pk], "summary": complaint.summary,
        "routing_reason": complaint.routing_reason,
    })
    assert response.status_code == 302
    assert last_event(complaint).changes == {"themes": [None, "Communication"]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"summary": "  "}, "Say what the complaint is about."),
        ({"routing_reason": ""}, "Say why the complaint goes to this procedure."),
    ],
)
def test_the_service_refuses_blank_text(change, message):
    complaint = received()
    arguments = {"teams": [], "themes": [], "assigned_to": None, "summary": "S", "routing_reason": "R", **change}
    with pytest.raises(DomainError, match=message):
        complaint_details_update(complaint=complaint, actor=None, **arguments)


def test_the_service_refuses_an_inactive_holder():
    complaint = received()
    gone = UserFactory(username="gone", is_active=False, roles=[Role.COMPLAINTS_OFFICER])
    with pytest.raises(DomainError, match="their account is not active"):
        complaint_details_update(complaint=complaint, teams=[], themes=[], assigned_to=gone, summary="S",
                                 routing_reason="R", actor=None)
