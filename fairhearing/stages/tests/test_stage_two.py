"""Escalation to Stage 2 and the statutory investigation (regs 16-17).

Stage 1 answered Tuesday 18 January 2022; 20 working days to ask end Tuesday 15 February. The
statement agreed Tuesday 1 March 2022 starts 25 working days ending Tuesday 5 April; the 65-day
maximum crosses Easter (15 and 18 April), the early May bank holiday (2 May) and the Platinum
Jubilee days (2 and 3 June) and ends Tuesday 7 June 2022.
"""

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import ComplaintStatus, Decision
from fairhearing.cases.services import complaint_acknowledge
from fairhearing.cases.tests.factories import CORPORATE, make_complaint
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.stages.choices import Outcome, Phase, RequestDecision, StageStatus
from fairhearing.stages.services import (
    stage_acknowledge_request,
    stage_extend,
    stage_one_start,
    stage_request_next,
    stage_respond,
    stage_two_adjudicate,
    stage_two_agree_statement,
    stage_two_appoint,
)

from .conftest import LATER, D, findings

pytestmark = pytest.mark.django_db


@pytest.fixture
def responded(stage_one, actor):
    return stage_respond(stage=stage_one, responded_on=D(2022, 1, 18), findings=findings("not_upheld", "upheld"),
                         actor=actor, today=LATER)


@pytest.fixture
def stage_two(responded, actor):
    return stage_request_next(complaint=responded.complaint, requested_on=D(2022, 2, 15), actor=actor, today=LATER)


@pytest.fixture
def investigators(db):
    return (UserFactory(username="io", roles=[Role.INVESTIGATOR]),
            UserFactory(username="ip", roles=[Role.INVESTIGATOR]))


def test_request_on_the_last_day_is_in_time_and_waits_for_the_statement(stage_two):
    assert stage_two.request_decision == RequestDecision.IN_TIME
    assert stage_two.phase == Phase.AWAITING_START
    assert stage_two.due_on is None
    assert stage_two.complaint.status == ComplaintStatus.IN_STAGE


def test_request_a_day_late_needs_a_recorded_decision(responded, actor):
    with pytest.raises(DomainError, match="never be refused without a recorded decision"):
        stage_request_next(complaint=responded.complaint, requested_on=D(2022, 2, 16), actor=actor, today=LATER)
    assert not responded.complaint.stages.filter(number=2).exists()


def test_late_request_accepted(responded, actor):
    stage = stage_request_next(complaint=responded.complaint, requested_on=D(2022, 2, 16), actor=actor,
                               late_decision=Decision.ACCEPTED, late_reason="Was in hospital.", today=LATER)
    assert stage.request_decision == RequestDecision.LATE_ACCEPTED
    assert stage.status == StageStatus.OPEN


def test_late_request_refused_is_kept_as_a_closed_record(responded, actor):
    stage = stage_request_next(complaint=responded.complaint, requested_on=D(2022, 6, 1), actor=actor,
                               late_decision=Decision.REFUSED, late_reason="Four months late, no reason given.",
                               today=LATER)
    assert (stage.status, stage.closed_on) == (StageStatus.REFUSED, D(2022, 6, 1))
    assert stage.request_decision_reason == "Four months late, no reason given."
    stage.complaint.refresh_from_db()
    assert stage.complaint.status == ComplaintStatus.RESPONDED
    assert AuditEvent.objects.filter(verb="stage.request_refused").exists()


def test_cannot_escalate_an_open_stage_or_before_stage_one(stage_one, complaint, actor):
    with pytest.raises(TransitionNotAllowed, match="still open"):
        stage_request_next(complaint=complaint, requested_on=D(2022, 1, 10), actor=actor, today=LATER)
    fresh = make_complaint(actor=actor)
    with pytest.raises(TransitionNotAllowed, match="Stage 1 has not started"):
        stage_request_next(complaint=fresh, requested_on=D(2022, 1, 10), actor=actor, today=LATER)


def test_request_cannot_predate_the_response(responded, actor):
    with pytest.raises(DomainError, match="cannot be before the Stage 1 response"):
        stage_request_next(complaint=responded.complaint, requested_on=D(2022, 1, 17), actor=actor, today=LATER)


def test_statement_agreed_starts_twenty_five_working_days(stage_two, actor):
    stage = stage_two_agree_statement(stage=stage_two, agreed_on=D(2022, 3, 1), actor=actor, today=LATER)
    assert (stage.phase, stage.clock_started_on, stage.due_on) == (Phase.RESPONSE, D(2022, 3, 1), D(2022, 4, 5))
    with pytest.raises(TransitionNotAllowed, match="already started"):
        stage_two_agree_statement(stage=stage, agreed_on=D(2022, 3, 2), actor=actor, today=LATER)


def test_stage_two_extends_to_sixty_five_working_days_and_no_further(stage_two, actor):
    stage = stage_two_agree_statement(stage=stage_two, agreed_on=D(2022, 3, 1), actor=actor, today=LATER)
    with pytest.raises(DomainError, match="at most 65 working days.*7 June 2022"):
        stage_extend(stage=stage, new_due_on=D(2022, 6, 8), reason="Complex", complainant_told_on=D(2022, 3, 30),
                     actor=actor, today=LATER)
    stage = stage_extend(stage=stage, new_due_on=D(2022, 6, 7), reason="Complex", complainant_told_on=D(2022, 3, 30),
                         actor=actor, today=LATER)
    assert stage.allowed_working_days == 65


def test_appoint_investigators(stage_two, actor, investigators):
    io, ip = investigators
    stage = stage_two_appoint(stage=stage_two, investigating_officer=io, independent_person=ip,
                              appointed_on=D(2022, 2, 20), actor=actor, today=LATER)
    assert (stage.investigating_officer, stage.independent_person) == (io, ip)
    with pytest.raises(DomainError, match="different people"):
        stage_two_appoint(stage=stage_two, investigating_officer=io, independent_person=io,
                          appointed_on=D(2022, 2, 20), actor=actor, today=LATER)


def test_inactive_person_cannot_be_appointed(stage_two, actor, investigators):
    io, ip = investigators
    ip.is_active = False
    ip.save()
    with pytest.raises(DomainError, match="not active"):
        stage_two_appoint(stage=stage_two, investigating_officer=io, independent_person=ip,
                          appointed_on=D(2022, 2, 20), actor=actor, today=LATER)


def test_adjudication_needs_statement_investigators_and_a_senior_manager(stage_two, actor, senior, investigators):
    io, ip = investigators
    with pytest.raises(TransitionNotAllowed, match="statement of complaint"):
        stage_two_adjudicate(stage=stage_two, adjudicated_on=D(2022, 4, 1), findings=findings("upheld", "upheld"),
                             actor=senior, today=LATER)
    stage_two_agree_statement(stage=stage_two, agreed_on=D(2022, 3, 1), actor=actor, today=LATER)
    with pytest.raises(TransitionNotAllowed, match="Appoint"):
        stage_two_adjudicate(stage=stage_two, adjudicated_on=D(2022, 4, 1), findings=findings("upheld", "upheld"),
                             actor=senior, today=LATER)
    stage_two_appoint(stage=stage_two, investigating_officer=io, independent_person=ip,
                      appointed_on=D(2022, 3, 1), actor=actor, today=LATER)
    with pytest.raises(DomainError, match="senior manager"):
        stage_two_adjudicate(stage=stage_two, adjudicated_on=D(2022, 4, 1), findings=findings("upheld", "upheld"),
                             actor=actor, today=LATER)
    stage = stage_two_adjudicate(stage=stage_two, adjudicated_on=D(2022, 4, 5),
                                 findings=findings("upheld", "not_upheld"), actor=senior, today=LATER)
    assert (stage.status, stage.outcome, stage.responded_by) == (StageStatus.RESPONDED, Outcome.PARTIALLY_UPHELD, senior)
    assert AuditEvent.objects.get(verb="stage.adjudicated").data["on_time"] is True


def test_statutory_stage_two_cannot_use_the_plain_response(stage_two, actor):
    stage_two_agree_statement(stage=stage_two, agreed_on=D(2022, 3, 1), actor=actor, today=LATER)
    with pytest.raises(TransitionNotAllowed, match="adjudication"):
        stage_respond(stage=stage_two, responded_on=D(2022, 4, 1), findings=findings("upheld", "upheld"),
                      actor=actor, today=LATER)


def test_corporate_stage_two_counts_twenty_working_days_from_acknowledgement(actor):
    complaint = make_complaint(actor=actor, procedure=CORPORATE)
    complaint_acknowledge(complaint=complaint, acknowledged_on=D(2022, 1, 4), actor=actor, today=LATER)
    one = stage_one_start(complaint=complaint, actor=actor, today=LATER)
    stage_respond(stage=one, responded_on=D(2022, 1, 18), findings=findings("upheld", "upheld"), actor=actor, today=LATER)
    two = stage_request_next(complaint=complaint, requested_on=D(2022, 1, 20), actor=actor, today=LATER)
    with pytest.raises(TransitionNotAllowed, match="counts from"):
        stage_two_agree_statement(stage=two, agreed_on=D(2022, 1, 21), actor=actor, today=LATER)
    two = stage_acknowledge_request(stage=two, acknowledged_on=D(2022, 1, 21), actor=actor, today=LATER)
    # Friday 21 January + 20 working days = Friday 18 February 2022.
    assert two.due_on == D(2022, 2, 18)
    two = stage_respond(stage=two, responded_on=D(2022, 2, 18), findings=findings("upheld", "upheld"),
                        actor=actor, today=LATER)
    assert two.escalation_deadline_on is None  # corporate has no Stage 3
    with pytest.raises(TransitionNotAllowed, match="has no Stage 3"):
        stage_request_next(complaint=complaint, requested_on=D(2022, 2, 21), actor=actor, today=LATER)
