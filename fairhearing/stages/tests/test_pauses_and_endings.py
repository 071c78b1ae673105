"""Pausing (reg 8), withdrawing, closing and reopening.

Stage 1 from Tuesday 4 January 2022 is due Tuesday 18 January. Paused Monday 10 January and
resumed Friday 14 January: the working days after the pause began up to the resume day are
11, 12, 13 and 14 January (4), so the due date moves 4 working days to Monday 24 January.
"""

import pytest

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import ClosureReason, ComplaintStatus, Decision, WithdrawalMethod
from fairhearing.cases.services import complaint_decide_late_acceptance
from fairhearing.cases.tests.factories import make_complaint
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.stages.choices import PauseReason, StageStatus
from fairhearing.stages.services import (
    complaint_close,
    complaint_reopen,
    complaint_withdraw,
    stage_extend,
    stage_pause,
    stage_request_next,
    stage_respond,
    stage_resume,
)

from .conftest import LATER, D, findings

pytestmark = pytest.mark.django_db


MONDAY_10_JANUARY = D(2022, 1, 10)


def pause(stage, actor, started_on=MONDAY_10_JANUARY):
    return stage_pause(stage=stage, reason=PauseReason.COURT_PROCEEDINGS, started_on=started_on,
                       note="Care proceedings", actor=actor, today=LATER)


def test_pause_and_resume_moves_the_due_date_by_working_days_paused(stage_one, actor):
    pause(stage_one, actor)
    stage = stage_resume(stage=stage_one, resumed_on=D(2022, 1, 14), actor=actor, today=LATER)
    assert (stage.paused_working_days, stage.due_on, stage.paused_since) == (4, D(2022, 1, 24), None)
    record = stage.pauses.get()
    assert (record.started_on, record.ended_on, record.working_days) == (D(2022, 1, 10), D(2022, 1, 14), 4)
    event = AuditEvent.objects.get(verb="stage.resumed")
    assert event.changes["due_on"] == ["2022-01-18", "2022-01-24"]


def test_pause_over_a_weekend_and_bank_holiday_counts_working_days_only(stage_one, actor):
    # Friday 14 January to Monday 17 January: only Monday counts.
    pause(stage_one, actor, started_on=D(2022, 1, 14))
    stage = stage_resume(stage=stage_one, resumed_on=D(2022, 1, 17), actor=actor, today=LATER)
    assert (stage.paused_working_days, stage.due_on) == (1, D(2022, 1, 19))


def test_resume_on_the_day_paused_moves_nothing(stage_one, actor):
    pause(stage_one, actor)
    stage = stage_resume(stage=stage_one, resumed_on=D(2022, 1, 10), actor=actor, today=LATER)
    assert stage.due_on == D(2022, 1, 18)


def test_paused_stage_refuses_other_steps(stage_one, actor):
    pause(stage_one, actor)
    with pytest.raises(TransitionNotAllowed, match="already paused"):
        pause(stage_one, actor)
    with pytest.raises(TransitionNotAllowed, match="paused. Resume it"):
        stage_respond(stage=stage_one, responded_on=D(2022, 1, 12), findings=findings("upheld", "upheld"),
                      actor=actor, today=LATER)
    with pytest.raises(TransitionNotAllowed, match="paused. Resume it"):
        stage_extend(stage=stage_one, new_due_on=D(2022, 1, 25), reason="x",
                     complainant_told_on=D(2022, 1, 10), actor=actor, today=LATER)
    with pytest.raises(DomainError, match="before the pause started"):
        stage_resume(stage=stage_one, resumed_on=D(2022, 1, 7), actor=actor, today=LATER)


def test_resume_without_pause_and_pause_before_clock_are_refused(stage_one, actor):
    with pytest.raises(TransitionNotAllowed, match="not paused"):
        stage_resume(stage=stage_one, resumed_on=D(2022, 1, 14), actor=actor, today=LATER)
    with pytest.raises(DomainError, match="before the clock started"):
        pause(stage_one, actor, started_on=D(2022, 1, 3))
    with pytest.raises(DomainError, match="why the clock is paused"):
        stage_pause(stage=stage_one, reason="holiday", started_on=D(2022, 1, 10), actor=actor, today=LATER)


def test_extension_limit_counts_working_days_allowed_not_days_paused(stage_one, actor):
    pause(stage_one, actor)
    stage_resume(stage=stage_one, resumed_on=D(2022, 1, 14), actor=actor, today=LATER)
    # 20 allowed + 4 paused after 4 January = Monday 7 February 2022.
    stage = stage_extend(stage=stage_one, new_due_on=D(2022, 2, 7), reason="Complex",
                         complainant_told_on=D(2022, 1, 14), actor=actor, today=LATER)
    assert stage.allowed_working_days == 20
    with pytest.raises(DomainError, match="7 February 2022"):
        stage_extend(stage=stage, new_due_on=D(2022, 2, 8), reason="Complex",
                     complainant_told_on=D(2022, 1, 14), actor=actor, today=LATER)


def test_withdraw_closes_the_open_stage(stage_one, actor):
    complaint = complaint_withdraw(complaint=stage_one.complaint, withdrawn_on=D(2022, 1, 10),
                                   method=WithdrawalMethod.WRITTEN, reason="Resolved with the team", actor=actor,
                                   today=LATER)
    stage_one.refresh_from_db()
    assert (complaint.status, complaint.closed_on, complaint.closure_reason) == (
        ComplaintStatus.WITHDRAWN, D(2022, 1, 10), ClosureReason.WITHDRAWN)
    assert (stage_one.status, stage_one.closed_on) == (StageStatus.WITHDRAWN, D(2022, 1, 10))
    with pytest.raises(TransitionNotAllowed, match="already closed"):
        complaint_withdraw(complaint=complaint, withdrawn_on=D(2022, 1, 11), method=WithdrawalMethod.ORAL,
                           reason="", actor=actor, today=LATER)


def test_reopen_a_withdrawn_complaint_moves_the_due_date_as_if_paused(stage_one, actor):
    complaint = complaint_withdraw(complaint=stage_one.complaint, withdrawn_on=D(2022, 1, 10),
                                   method=WithdrawalMethod.ORAL, reason="", actor=actor, today=LATER)
    with pytest.raises(DomainError, match="reason"):
        complaint_reopen(complaint=complaint, reopened_on=D(2022, 1, 14), reason=" ", actor=actor, today=LATER)
    complaint = complaint_reopen(complaint=complaint, reopened_on=D(2022, 1, 14),
                                 reason="Complainant changed their mind", actor=actor, today=LATER)
    stage_one.refresh_from_db()
    assert complaint.status == ComplaintStatus.IN_STAGE
    assert (stage_one.status, stage_one.closed_on, stage_one.due_on) == (StageStatus.OPEN, None, D(2022, 1, 24))
    assert AuditEvent.objects.get(verb="complaint.reopened").data["reason"] == "Complainant changed their mind"


def test_close_needs_no_open_stage_and_a_fitting_reason(stage_one, actor):
    with pytest.raises(TransitionNotAllowed, match="Stage 1 is still open"):
        complaint_close(complaint=stage_one.complaint, closed_on=D(2022, 1, 20),
                        reason=ClosureReason.COMPLETED, actor=actor, today=LATER)
    stage_respond(stage=stage_one, responded_on=D(2022, 1, 18), findings=findings("upheld", "upheld"),
                  actor=actor, today=LATER)
    with pytest.raises(DomainError, match="does not fit"):
        complaint_close(complaint=stage_one.complaint, closed_on=D(2022, 2, 20),
                        reason=ClosureReason.ROUTED_ELSEWHERE, actor=actor, today=LATER)
    with pytest.raises(DomainError, match="before the last stage ended"):
        complaint_close(complaint=stage_one.complaint, closed_on=D(2022, 1, 17),
                        reason=ClosureReason.NOT_ESCALATED, actor=actor, today=LATER)
    complaint = complaint_close(complaint=stage_one.complaint, closed_on=D(2022, 2, 16),
                                reason=ClosureReason.NOT_ESCALATED, actor=actor, today=LATER)
    assert complaint.status == ComplaintStatus.CLOSED
    with pytest.raises(TransitionNotAllowed, match="closed. Reopen"):
        stage_request_next(complaint=complaint, requested_on=D(2022, 2, 17), actor=actor, today=LATER)
    reopened = complaint_reopen(complaint=complaint, reopened_on=D(2022, 2, 17), reason="Asked for Stage 2",
                                actor=actor, today=LATER)
    assert reopened.status == ComplaintStatus.RESPONDED


def test_late_complaint_refused_and_closed_without_stages(actor):
    complaint = make_complaint(actor=actor, grounds_arose_on=D(2020, 6, 1))
    with pytest.raises(DomainError, match="refuse the late complaint"):
        complaint_close(complaint=complaint, closed_on=D(2022, 1, 10),
                        reason=ClosureReason.NOT_ACCEPTED_LATE, actor=actor, today=LATER)
    complaint_decide_late_acceptance(complaint=complaint, decision=Decision.REFUSED,
                                     reason="Events 18 months ago; records no longer held.",
                                     decided_on=D(2022, 1, 6), actor=actor, today=LATER)
    complaint = complaint_close(complaint=complaint, closed_on=D(2022, 1, 10),
                                reason=ClosureReason.NOT_ACCEPTED_LATE, actor=actor, today=LATER)
    assert complaint.status == ComplaintStatus.CLOSED


def test_resolving_informally_during_stage_one_ends_the_stage(stage_one, actor):
    complaint = complaint_close(complaint=stage_one.complaint, closed_on=D(2022, 1, 10),
                                reason=ClosureReason.RESOLVED_INFORMALLY, actor=actor, today=LATER)
    stage_one.refresh_from_db()
    assert (complaint.status, complaint.closure_reason) == (ComplaintStatus.CLOSED, ClosureReason.RESOLVED_INFORMALLY)
    assert (stage_one.status, stage_one.closed_on) == (StageStatus.RESOLVED, D(2022, 1, 10))
    with pytest.raises(DomainError, match="cannot be before the last stage began"):
        other = make_complaint(actor=actor, received_on=D(2022, 1, 6))
        from fairhearing.stages.services import stage_one_start

        complaint_close(complaint=stage_one_start(complaint=other, actor=actor, today=LATER).complaint,
                        closed_on=D(2022, 1, 5), reason=ClosureReason.RESOLVED_INFORMALLY, actor=actor, today=LATER)
    reopened = complaint_reopen(complaint=complaint, reopened_on=D(2022, 1, 14), reason="Not resolved after all",
                                actor=actor, today=LATER)
    stage_one.refresh_from_db()
    assert reopened.status == ComplaintStatus.IN_STAGE
    assert (stage_one.status, stage_one.due_on) == (StageStatus.OPEN, D(2022, 1, 24))


def test_paused_stage_cannot_be_resolved_until_resumed(stage_one, actor):
    pause(stage_one, actor)
    with pytest.raises(TransitionNotAllowed, match="paused"):
        complaint_close(complaint=stage_one.complaint, closed_on=D(2022, 1, 12),
                        reason=ClosureReason.RESOLVED_INFORMALLY, actor=actor, today=LATER)
