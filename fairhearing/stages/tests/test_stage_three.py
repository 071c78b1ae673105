"""Stage 3, the review panel (regs 19-20). Requested Monday 3 October 2022: the panel must meet by
Monday 14 November (30 working days). Met Thursday 10 November: report due Thursday 17 November
(5). Report received 17 November: council response due Thursday 8 December 2022 (15)."""

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.stages.choices import Phase, StageStatus
from fairhearing.stages.services import (
    stage_extend,
    stage_request_next,
    stage_respond,
    stage_three_convene_panel,
    stage_three_council_respond,
    stage_three_panel_met,
    stage_three_report_received,
    stage_two_adjudicate,
    stage_two_agree_statement,
    stage_two_appoint,
)

from .conftest import LATER, D, findings

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return {name: UserFactory(username=name, roles=[Role.INVESTIGATOR]) for name in ("io", "ip", "p1", "p2", "p3")}


@pytest.fixture
def stage_three(stage_one, actor, senior, people):
    complaint = stage_one.complaint
    stage_respond(stage=stage_one, responded_on=D(2022, 1, 18), findings=findings("upheld", "upheld"),
                  actor=actor, today=LATER)
    two = stage_request_next(complaint=complaint, requested_on=D(2022, 2, 1), actor=actor, today=LATER)
    stage_two_agree_statement(stage=two, agreed_on=D(2022, 3, 1), actor=actor, today=LATER)
    stage_two_appoint(stage=two, investigating_officer=people["io"], independent_person=people["ip"],
                      appointed_on=D(2022, 3, 1), actor=actor, today=LATER)
    stage_two_adjudicate(stage=two, adjudicated_on=D(2022, 9, 26), findings=findings("upheld", "not_upheld"),
                         actor=senior, today=LATER)
    return stage_request_next(complaint=complaint, requested_on=D(2022, 10, 3), actor=actor, today=LATER)


def test_panel_must_meet_within_thirty_working_days(stage_three):
    assert stage_three.phase == Phase.PANEL_MEETING
    assert stage_three.due_on == stage_three.panel_meeting_due_on == D(2022, 11, 14)


def test_panel_has_no_extension(stage_three, actor):
    with pytest.raises(TransitionNotAllowed, match="no response deadline"):
        stage_extend(stage=stage_three, new_due_on=D(2022, 11, 21), reason="x",
                     complainant_told_on=D(2022, 10, 4), actor=actor, today=LATER)


def test_stage_two_independent_person_cannot_sit_on_the_panel(stage_three, actor, people):
    with pytest.raises(DomainError, match="was the Independent Person at Stage 2.*regulation 19"):
        stage_three_convene_panel(stage=stage_three, members=[people["ip"], people["p1"], people["p2"]],
                                  chair=people["p1"], actor=actor)
    assert not stage_three.panel_members.exists()


@pytest.mark.parametrize(
    ("names", "chair", "message"),
    [(("p1", "p2"), "p1", "exactly three"), (("p1", "p1", "p2"), "p1", "exactly three"),
     (("p1", "p2", "p3"), "io", "chairs"), (("io", "p1", "p2"), "p1", "Investigating Officer")],
)
def test_panel_composition_refusals(stage_three, actor, people, names, chair, message):
    with pytest.raises(DomainError, match=message):
        stage_three_convene_panel(stage=stage_three, members=[people[n] for n in names],
                                  chair=people[chair], actor=actor)


def test_full_panel_lifecycle(stage_three, actor, senior, people):
    with pytest.raises(TransitionNotAllowed, match="Convene the panel"):
        stage_three_panel_met(stage=stage_three, met_on=D(2022, 11, 10), actor=actor, today=LATER)
    stage_three_convene_panel(stage=stage_three, members=[people["p1"], people["p2"], people["p3"]],
                              chair=people["p2"], actor=actor)
    assert stage_three.panel_members.get(is_chair=True).member == people["p2"]
    with pytest.raises(TransitionNotAllowed, match="panel meeting"):
        stage_three_report_received(stage=stage_three, received_on=D(2022, 11, 17), actor=actor, today=LATER)
    stage = stage_three_panel_met(stage=stage_three, met_on=D(2022, 11, 10), actor=actor, today=LATER)
    assert (stage.phase, stage.due_on, stage.report_due_on) == (Phase.PANEL_REPORT, D(2022, 11, 17), D(2022, 11, 17))
    stage = stage_three_report_received(stage=stage, received_on=D(2022, 11, 17), actor=actor, today=LATER)
    assert (stage.phase, stage.due_on, stage.council_response_due_on) == (
        Phase.COUNCIL_RESPONSE, D(2022, 12, 8), D(2022, 12, 8))
    with pytest.raises(DomainError, match="reasons for not following"):
        stage_three_council_respond(stage=stage, responded_on=D(2022, 12, 8), findings=findings("upheld", "upheld"),
                                    departs_from_recommendations=True, actor=senior, today=LATER)
    stage = stage_three_council_respond(
        stage=stage, responded_on=D(2022, 12, 8), findings=findings("upheld", "upheld"),
        departs_from_recommendations=True, departure_reasons="Recommendation 2 is outside our powers.",
        actor=senior, today=LATER,
    )
    assert stage.status == StageStatus.RESPONDED
    assert stage.panel_meeting_due_on == D(2022, 11, 14)  # milestones are kept for reporting


def test_report_cannot_predate_the_meeting(stage_three, actor, people):
    stage_three_convene_panel(stage=stage_three, members=[people["p1"], people["p2"], people["p3"]],
                              chair=people["p1"], actor=actor)
    stage_three_panel_met(stage=stage_three, met_on=D(2022, 11, 10), actor=actor, today=LATER)
    with pytest.raises(DomainError, match="before the panel meeting"):
        stage_three_report_received(stage=stage_three, received_on=D(2022, 11, 9), actor=actor, today=LATER)
