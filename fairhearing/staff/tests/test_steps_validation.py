"""Step forms refuse what cannot be right, in a GOV.UK error summary, keeping what was typed; the
services' own refusals appear in the same summary instead of an error page."""

import dataclasses
import re
from html import escape

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.core.errors import TransitionNotAllowed
from fairhearing.staff.steps import STEPS_BY_NAME

from .test_steps_helpers import (  # noqa: F401 (frozen_clock is an autouse fixture)
    STEP_CASES,
    D,
    answer_for,
    changes,
    corporate_received,
    frozen_clock,
    login,
    responded,
    senior,
    stage_one,
    stage_three,
    step_url,
    views,
    when,
)

pytestmark = pytest.mark.django_db

POINTS = ["Choose upheld, partially upheld or not upheld for point 1",
          "Choose upheld, partially upheld or not upheld for point 2"]
EMPTY_POST_ERRORS = {
    "acknowledge": ["Enter the date acknowledged"],
    "late-decision": ["Choose whether to accept the late complaint", "Enter the reason for the decision",
                      "Enter the date of the decision"],
    "sufficient-interest": ["Choose whether the complainant has sufficient interest",
                            "Enter the reason for the decision", "Enter the date of the decision"],
    "child-consent": ["Choose the child's answer", "Enter the date recorded"],
    "advocacy": ["Enter the date an advocate was offered", "Choose whether the offer was accepted"],
    "add-point": ["Describe the point of complaint"],
    "details": ["Enter what the complaint is about", "Enter why the complaint goes to this procedure"],
    "extend": ["Enter the new due date", "Enter the reason for the extension",
               "Enter the date the complainant was told"],
    "respond": [*POINTS, "Enter the date the response was sent"],
    "request-next-stage": ["Enter the date of the request"],
    "statement-agreed": ["Enter the date the statement of complaint was agreed"],
    "acknowledge-request": ["Enter the date the request was acknowledged"],
    "appoint": ["Choose the Investigating Officer", "Choose the Independent Person", "Enter the date appointed"],
    "adjudicate": [*POINTS, "Enter the date of the adjudication letter"],
    "convene-panel": ["Select the three panel members", "Choose who chairs the panel"],
    "panel-met": ["Enter the date the panel met"],
    "report-received": ["Enter the date the report was received"],
    "council-response": [*POINTS, "Choose whether the council departs from the panel's recommendations",
                         "Enter the date the response was sent"],
    "pause": ["Choose why the clock is paused", "Enter the date the pause starts"],
    "resume": ["Enter the date the clock restarts"],
    "withdraw": ["Enter the date of withdrawal", "Choose how the complainant withdrew"],
    "close": ["Choose why the complaint is being closed", "Enter the date closed"],
    "reopen": ["Enter the date reopened", "Enter the reason for reopening the complaint"],
}
SENIOR_STEPS = {"adjudicate", "council-response"}


def act_as(client, name):
    if name in SENIOR_STEPS:
        client.force_login(senior())
    else:
        login(client, Role.COMPLAINTS_OFFICER)


def assert_problem(response, *messages):
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "<title>Error: " in page
    for message in messages:
        assert escape(message) in page, message
    return page


def test_every_step_with_fields_has_its_empty_form_errors():
    assert set(EMPTY_POST_ERRORS) == set(STEP_CASES) - {"start-stage-one"}


@pytest.mark.parametrize("name", list(EMPTY_POST_ERRORS))
def test_an_empty_form_is_refused_with_each_error_and_nothing_changes(client, name):
    complaint = STEP_CASES[name][0]()
    act_as(client, name)
    before = changes(complaint)
    response = client.post(step_url(complaint, name), {"remedy_rows": "1"})
    page = assert_problem(response, *EMPTY_POST_ERRORS[name])
    assert page.count('govuk-error-summary__list') == 1
    assert changes(complaint) == before
    assert views(complaint) == 1  # the form shown again is a view of the complaint


def _kept(page, key, value):
    if isinstance(value, list):
        return all(_kept(page, key, item) for item in value)
    value = str(value)
    if key.endswith(("_day", "_month", "_year")) or " " in value or key in ("provider", "remedy_rows"):
        return escape(value) in page
    return re.search(rf'value="{re.escape(value)}"( checked| selected)', page) is not None


@pytest.mark.parametrize("name", [n for n in STEP_CASES if n not in ("start-stage-one", "add-point")])
def test_what_was_typed_is_kept_when_a_date_is_incomplete(client, name):
    complaint = STEP_CASES[name][0]()
    act_as(client, name)
    answer = answer_for(name, complaint)
    years = [key for key in answer if key.endswith("_year")]
    if years:
        del answer[years[0]]
        expected = "must include a year"
    elif name == "details":
        answer["summary"] = ""
        expected = "Enter what the complaint is about"
    else:  # convene-panel: two people, not three
        answer["members"] = answer["members"][:2]
        expected = "Select exactly three panel members (you selected 2)"
    page = assert_problem(client.post(step_url(complaint, name), answer), expected)
    for key, value in answer.items():
        if value not in ("", "on"):
            assert _kept(page, key, value), (key, value)


@pytest.mark.parametrize(
    ("name", "builder", "answer", "message"),
    [
        ("acknowledge", None, when("acknowledged_on", D(2022, 1, 3)),
         "The acknowledgement cannot be before the complaint was received."),
        ("acknowledge", None, when("acknowledged_on", D(2024, 1, 2)), "cannot be in the future"),
        ("acknowledge", None, {"acknowledged_on_day": "31", "acknowledged_on_month": "2",
                               "acknowledged_on_year": "2022"}, "Date acknowledged must be a real date"),
        ("extend", None, {"reason": "Complex.", **when("new_due_on", D(2022, 2, 8)),
                          **when("complainant_told_on", D(2022, 1, 12))},
         "The latest possible due date is 1 February 2022"),
        ("extend", None, {"reason": "Complex.", **when("new_due_on", D(2022, 1, 22)),
                          **when("complainant_told_on", D(2022, 1, 12))},
         "22 January 2022 is not a working day"),
        ("pause", None, {"reason": "court_proceedings", **when("started_on", D(2022, 1, 3))},
         "The date the pause starts cannot be before the clock started (4 January 2022)."),
    ],
)
def test_service_refusals_are_shown_in_the_error_summary(client, name, builder, answer, message):
    complaint = (builder or STEP_CASES[name][0])()
    login(client, Role.COMPLAINTS_OFFICER)
    before = changes(complaint)
    page = assert_problem(client.post(step_url(complaint, name), answer), message)
    if "reason" in answer and " " in answer["reason"]:
        assert answer["reason"] in page
    assert changes(complaint) == before


def test_a_transition_refused_at_the_last_moment_is_shown_not_a_500(client, monkeypatch):
    complaint = stage_one()
    login(client, Role.COMPLAINTS_OFFICER)

    def refuse(**kwargs):
        raise TransitionNotAllowed("Stage 1 is closed.")

    monkeypatch.setitem(STEPS_BY_NAME, "pause", dataclasses.replace(STEPS_BY_NAME["pause"], service=refuse))
    page = assert_problem(client.post(step_url(complaint, "pause"), answer_for("pause", complaint)),
                          "Stage 1 is closed.")
    assert 'value="police_investigation" checked' in page


def test_the_adjudication_needs_a_senior_manager_even_for_a_superuser(client):
    """Not offered and refused before the service is reached: the service would refuse it too."""
    complaint = STEP_CASES["adjudicate"][0]()
    client.force_login(UserFactory(username="root", is_superuser=True))
    assert client.post(step_url(complaint, "adjudicate"), answer_for("adjudicate", complaint)).status_code == 403
    assert complaint.stages.get(number=2).status == "open"


def test_the_stage_two_independent_person_cannot_sit_on_the_panel(client):
    complaint = stage_three()
    login(client, Role.COMPLAINTS_OFFICER)
    independent = complaint.stages.get(number=2).independent_person
    others = [UserFactory(username=f"p{n}", roles=[Role.INVESTIGATOR]) for n in (1, 2)]
    answer = {"members": [independent.pk, *(o.pk for o in others)], "chair": others[0].pk}
    assert_problem(client.post(step_url(complaint, "convene-panel"), answer),
                   f"{independent} was the Independent Person at Stage 2 and cannot sit on the review panel "
                   "(regulation 19(3)).")
    assert not complaint.stages.get(number=3).panel_members.exists()


def test_the_chair_must_be_on_the_panel(client):
    complaint = STEP_CASES["convene-panel"][0]()
    login(client, Role.COMPLAINTS_OFFICER)
    answer = answer_for("convene-panel", complaint)
    answer["chair"] = UserFactory(username="outsider", roles=[Role.INVESTIGATOR]).pk
    assert_problem(client.post(step_url(complaint, "convene-panel"), answer),
                   "The chair must be one of the three panel members")


def test_the_investigators_must_be_two_people(client):
    complaint = STEP_CASES["appoint"][0]()
    login(client, Role.COMPLAINTS_OFFICER)
    answer = answer_for("appoint", complaint)
    answer["independent_person"] = answer["investigating_officer"]
    assert_problem(client.post(step_url(complaint, "appoint"), answer),
                   "The Independent Person must be a different person from the Investigating Officer")


def test_only_active_investigators_can_be_appointed(client):
    complaint = STEP_CASES["appoint"][0]()
    login(client, Role.COMPLAINTS_OFFICER)
    answer = answer_for("appoint", complaint)
    answer["investigating_officer"] = UserFactory(username="clerk", roles=[Role.COMPLAINTS_OFFICER]).pk
    assert_problem(client.post(step_url(complaint, "appoint"), answer),
                   "Select a valid choice")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"remedy_1_kind": "financial"}, "Enter the amount of remedy 1, in pounds"),
        ({"remedy_1_kind": "", "remedy_1_description": "Something"},
         "Choose the kind of remedy 1, or clear its details"),
        ({"remedy_1_amount": "lots"}, "Amount for remedy 1 must be in pounds, like 150 or 150.50"),
        ({"remedy_1_amount": "-5"}, "Amount for remedy 1 must be more than £0"),
        ({"point_2_outcome": "maybe"}, "Choose upheld, partially upheld or not upheld for point 2"),
    ],
)
def test_response_remedies_are_checked(client, extra, message):
    complaint = stage_one()
    login(client, Role.COMPLAINTS_OFFICER)
    answer = {**answer_for("respond", complaint), **extra}
    assert_problem(client.post(step_url(complaint, "respond"), answer), message)
    assert complaint.stages.get().is_open


def test_add_another_remedy_keeps_the_answers_without_errors(client):
    complaint = stage_one()
    login(client, Role.COMPLAINTS_OFFICER)
    answer = {"point_1_outcome": "upheld", "point_1_finding": "Late visits.", "remedy_rows": "1",
              "remedy_1_kind": "apology", "add_remedy": "1"}
    response = client.post(step_url(complaint, "respond"), answer)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" not in page
    assert 'name="remedy_rows" value="2"' in page
    assert 'name="remedy_2_kind"' in page
    assert "Late visits." in page and 'value="apology" selected' in page
    assert complaint.stages.get().is_open


def test_advocacy_accepted_needs_a_provider(client):
    complaint = STEP_CASES["advocacy"][0]()
    login(client, Role.COMPLAINTS_OFFICER)
    answer = {**answer_for("advocacy", complaint), "provider": ""}
    assert_problem(client.post(step_url(complaint, "advocacy"), answer),
                   "Enter the advocacy provider, for example NYAS")


def test_departing_from_the_panel_needs_reasons(client):
    complaint = STEP_CASES["council-response"][0]()
    client.force_login(senior())
    answer = {**answer_for("council-response", complaint), "departs": "yes"}
    assert_problem(client.post(step_url(complaint, "council-response"), answer),
                   "Enter the reasons for departing from the recommendations")


def test_request_next_shows_the_window_and_a_late_request_needs_a_decision(client):
    complaint = responded()
    login(client, Role.COMPLAINTS_OFFICER)
    url = step_url(complaint, "request-next-stage")
    assert "May ask until" in client.get(url).content.decode()
    assert "7 February 2022" in client.get(url).content.decode()
    late = when("requested_on", D(2022, 2, 8))
    assert_problem(client.post(url, late),
                   "The request came after 7 February 2022: choose whether to accept it",
                   "Enter the reason for accepting or refusing the late request")
    response = client.post(url, {**late, "late_decision": "refused", "late_reason": "No good reason given."})
    assert response.status_code == 302
    stage = complaint.stages.get(number=2)
    assert (stage.status, stage.request_decision) == ("refused", "late_refused")


def test_an_in_time_request_ignores_the_late_decision(client):
    complaint = responded()
    login(client, Role.COMPLAINTS_OFFICER)
    answer = {**when("requested_on", D(2022, 2, 7)), "late_decision": "refused", "late_reason": "Ignored"}
    assert client.post(step_url(complaint, "request-next-stage"), answer).status_code == 302
    assert complaint.stages.get(number=2).request_decision == "in_time"


@pytest.mark.parametrize(
    ("builder", "offered", "refused"),
    [
        (corporate_received, ["resolved_informally", "not_accepted_ineligible", "routed_elsewhere"],
         "not_escalated"),
        (stage_one, ["resolved_informally"], "completed"),
        (responded, ["completed", "not_escalated", "resolved_informally"], "routed_elsewhere"),
    ],
)
def test_close_offers_only_the_reasons_that_fit(client, builder, offered, refused):
    complaint = builder()
    login(client, Role.COMPLAINTS_OFFICER)
    page = client.get(step_url(complaint, "close")).content.decode()
    assert re.findall(r'name="reason" type="radio" value="([a-z_]+)"', page) == offered
    answer = {"reason": refused, **when("closed_on", D(2022, 2, 10))}
    assert_problem(client.post(step_url(complaint, "close"), answer), "Choose why the complaint is being closed")
