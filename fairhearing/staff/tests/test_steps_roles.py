"""Who may take each step: every step page, opened and posted by every role.

A role whose actions do not include the step gets 403 and nothing changes; someone who cannot see
the complaint at all gets 404 (a guessed reference reveals nothing); anonymous users are sent to
sign in. Responding managers record the Stage 1 response for their own teams' complaints only;
senior managers adjudicate and give the council's Stage 3 response; investigators only read.
"""

import pytest
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.staff.steps import STEPS

from .test_steps_helpers import (  # noqa: F401 (frozen_clock is an autouse fixture)
    STEP_CASES,
    TEAM,
    answer_for,
    changes,
    corporate_stage_two,
    detail_url,
    frozen_clock,
    stage_one,
    stage_two_running,
    step_url,
)

pytestmark = pytest.mark.django_db

CASEWORK = {Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER}
MAY = {name: CASEWORK for name in STEP_CASES} | {
    "respond": CASEWORK | {Role.SENIOR_MANAGER, "responding_own_team"},
    "adjudicate": {Role.SENIOR_MANAGER},
    "council-response": {Role.SENIOR_MANAGER},
}
SEE_EVERY_COMPLAINT = CASEWORK | {Role.SENIOR_MANAGER}
NEVER_SEE = [Role.LEARNING_LEAD, Role.REPORT_READER, Role.ADMINISTRATOR, "responding_other_team",
             "investigator_not_appointed", "no_role"]


def make_user(kind: str, complaint):
    """A user of the named kind, for this complaint."""
    if kind == "responding_own_team":
        user = UserFactory(roles=[Role.RESPONDING_MANAGER])
        user.teams.add(TeamFactory(name=TEAM))
    elif kind == "responding_other_team":
        user = UserFactory(roles=[Role.RESPONDING_MANAGER])
        user.teams.add(TeamFactory(name="Fostering"))
    elif kind == "investigator_not_appointed":
        user = UserFactory(roles=[Role.INVESTIGATOR])
    elif kind == "investigator_appointed":
        user = appointed_investigator(complaint)
    elif kind == "no_role":
        user = UserFactory()
    else:
        user = UserFactory(roles=[kind])
    return user


def appointed_investigator(complaint):
    """Someone appointed to the open stage (Investigating Officer or panel chair), if anyone is."""
    stage = complaint.stages.filter(closed_on__isnull=True).first()
    if stage is None:
        return None
    if stage.investigating_officer_id:
        return stage.investigating_officer
    member = stage.panel_members.first()
    return member.member if member else None


def expected_status(kind: str, name: str, complaint) -> int:
    if kind in NEVER_SEE:
        return 404
    if kind == "investigator_appointed":
        return 403  # sees the case, may take no step
    if kind == "responding_own_team" or kind in SEE_EVERY_COMPLAINT:
        return 200 if kind in MAY[name] else 403
    raise AssertionError(kind)


KINDS = [*SEE_EVERY_COMPLAINT, "responding_own_team", "investigator_appointed", *NEVER_SEE]


@pytest.mark.parametrize("name", list(STEP_CASES))
def test_each_role_gets_what_it_should_on_each_step(client, name):
    complaint = STEP_CASES[name][0]()
    url = step_url(complaint, name)
    answer = answer_for(name, complaint)
    checked = []
    for kind in sorted(KINDS):
        user = make_user(kind, complaint)
        if user is None:
            continue  # nobody is appointed at this point of the procedure
        client.force_login(user)
        status = expected_status(kind, name, complaint)
        assert client.get(url).status_code == status, (kind, "GET")
        assert (url in client.get(detail_url(complaint)).content.decode()) == (status == 200), kind
        if status != 200:
            before = changes(complaint)
            assert client.post(url, answer).status_code == status, (kind, "POST")
            assert changes(complaint) == before
        checked.append(kind)
    assert {*SEE_EVERY_COMPLAINT, "responding_own_team", *NEVER_SEE} <= set(checked)


@pytest.mark.parametrize("name", list(STEP_CASES))
def test_anonymous_users_are_sent_to_sign_in(client, name):
    complaint = STEP_CASES[name][0]()
    url = step_url(complaint, name)
    before = changes(complaint)
    for response in (client.get(url), client.post(url, answer_for(name, complaint))):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert changes(complaint) == before


def test_an_appointed_investigator_may_read_but_take_no_step(client):
    complaint = stage_two_running()
    client.force_login(complaint.stages.get(number=2).investigating_officer)
    page = client.get(detail_url(complaint)).content.decode()
    assert "There is nothing for you to do on this complaint now." in page
    assert "/steps/" not in page
    for step in STEPS:
        assert client.get(step_url(complaint, step.name)).status_code == 403, step.name
        assert client.post(step_url(complaint, step.name), {}).status_code == 403, step.name


def test_an_investigator_not_appointed_cannot_find_the_case(client):
    complaint = stage_two_running()
    client.force_login(UserFactory(roles=[Role.INVESTIGATOR]))
    assert client.get(detail_url(complaint)).status_code == 404
    for step in STEPS:
        assert client.get(step_url(complaint, step.name)).status_code == 404, step.name


def test_a_responding_manager_records_their_teams_stage_one_response(client):
    complaint = stage_one()
    manager = make_user("responding_own_team", complaint)
    client.force_login(manager)
    response = client.post(step_url(complaint, "respond"), answer_for("respond", complaint))
    assert response.status_code == 302
    assert complaint.stages.get().responded_by == manager


def test_a_responding_manager_does_not_answer_a_later_stage(client):
    complaint = corporate_stage_two()
    client.force_login(make_user("responding_own_team", complaint))
    assert client.get(step_url(complaint, "respond")).status_code == 403
    client.force_login(UserFactory(roles=[Role.COMPLAINTS_OFFICER]))
    assert client.get(step_url(complaint, "respond")).status_code == 200


def test_a_responding_manager_from_another_team_cannot_find_the_case(client):
    complaint = stage_one()
    client.force_login(make_user("responding_other_team", complaint))
    assert client.get(step_url(complaint, "respond")).status_code == 404
    assert client.post(step_url(complaint, "respond"), answer_for("respond", complaint)).status_code == 404
    assert complaint.stages.get().is_open


def test_an_unknown_step_is_404(client):
    complaint = stage_one()
    client.force_login(UserFactory(roles=[Role.COMPLAINTS_MANAGER]))
    assert client.get(f"/complaints/{complaint.reference}/steps/approve-everything/").status_code == 404


def test_other_methods_are_refused(client):
    complaint = stage_one()
    client.force_login(UserFactory(roles=[Role.COMPLAINTS_MANAGER]))
    assert client.put(step_url(complaint, "pause")).status_code == 405
