"""A step the complaint's state does not allow is not offered, and if its page is opened or posted
anyway the user is told why in plain English (status 409) and nothing changes."""

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.staff.steps import STEPS

from .test_steps_helpers import (  # noqa: F401 (frozen_clock is an autouse fixture)
    STEP_CASES,
    answer_for,
    changes,
    closed,
    convened,
    corporate_acknowledged,
    corporate_received,
    corporate_stage_two,
    detail_url,
    frozen_clock,
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
    withdrawn,
)

pytestmark = pytest.mark.django_db

CASES = [
    ("acknowledge", corporate_acknowledged, "This complaint was acknowledged on 5 January 2022."),
    ("acknowledge", closed, "This complaint is closed. Reopen it first."),
    ("late-decision", received, "within the one-year time limit, so no decision is needed"),
    ("sufficient-interest", received, "only needed when that is the basis for complaining"),
    ("child-consent", closed, "This complaint is closed."),
    ("advocacy", withdrawn, "This complaint is closed."),
    ("add-point", closed, "This complaint is closed."),
    ("start-stage-one", stage_one, "Stage 1 has already started for this complaint."),
    ("start-stage-one", late, "Record the decision to accept it late before starting Stage 1."),
    ("start-stage-one", corporate_received, "Record the acknowledgement first."),
    ("extend", responded, "No stage is open."),
    ("extend", paused, "Stage 1 is paused. Restart the clock before you extend it."),
    ("respond", received, "No stage is open."),
    ("respond", paused, "Restart the clock before you record the response."),
    ("respond", stage_two_running, "Stage 2 ends with a different step"),
    ("request-next-stage", received, "Stage 1 has not started, so there is nothing to escalate."),
    ("request-next-stage", stage_one, "Stage 1 is still open."),
    ("statement-agreed", stage_two_running, "No stage is waiting for its clock to start."),
    ("acknowledge-request", stage_two_waiting, "Stage 2 counts from the date the statement of complaint was agreed."),
    ("appoint", stage_one, "Stage 2 is not open."),
    ("appoint", corporate_stage_two, "Only the statutory Stage 2 has an Investigating Officer"),
    ("adjudicate", stage_two_waiting, "so you cannot adjudicate now"),
    ("convene-panel", panel_met, "Stage 3 is at &#x27;panel report&#x27;, so you cannot convene the panel now."),
    ("panel-met", stage_three, "Convene the panel (three members and a chair) before it meets."),
    ("report-received", convened, "so you cannot record the panel&#x27;s report now"),
    ("council-response", panel_met, "so you cannot record the council&#x27;s response now"),
    ("pause", paused, "Stage 1 is already paused."),
    ("pause", responded, "No stage is open."),
    ("resume", stage_one, "The clock is not paused."),
    ("withdraw", closed, "This complaint is closed."),
    ("close", withdrawn, "This complaint is closed."),
    ("close", paused, "Restart the clock before you close the complaint."),
    ("reopen", stage_one, "This complaint is open."),
]


def test_every_step_but_details_has_a_state_refusal():
    assert {name for name, _, _ in CASES} == {step.name for step in STEPS} - {"details"}


@pytest.mark.parametrize(("name", "builder", "reason"), CASES, ids=[f"{c[0]}-{c[1].__name__}" for c in CASES])
def test_a_step_the_state_does_not_allow_is_refused_plainly(client, name, builder, reason):
    complaint = builder()
    if name in ("adjudicate", "council-response"):
        client.force_login(senior())
    else:
        login(client, Role.COMPLAINTS_OFFICER)
    url = step_url(complaint, name)
    assert url not in client.get(detail_url(complaint)).content.decode()

    response = client.get(url)
    assert response.status_code == 409
    page = response.content.decode()
    assert reason in page
    assert "not possible now" in page and "Nothing has been changed." in page
    assert "<form" not in page.split("</header>")[1]  # no step form, only the sign-out form above

    before = changes(complaint)
    complaint_before = type(complaint).objects.filter(pk=complaint.pk).values().get()
    response = client.post(url, answer_for(name, complaint) if name in STEP_CASES else {})
    assert response.status_code == 409
    assert changes(complaint) == before
    assert type(complaint).objects.filter(pk=complaint.pk).values().get() == complaint_before
