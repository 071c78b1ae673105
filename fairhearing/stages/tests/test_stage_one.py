"""Stage 1: starting, extending (at most 20 working days in all) and responding (reg 14).

Dates hand-checked against a 2022 calendar: received Tuesday 4 January 2022 (New Year's Day
substitute was Monday 3 January), so 10 working days end Tuesday 18 January and 20 end Tuesday
1 February.
"""

import pytest

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import ComplaintStatus, Decision, EligibilityBasis
from fairhearing.cases.services import (
    complaint_acknowledge,
    complaint_decide_late_acceptance,
    complaint_decide_sufficient_interest,
)
from fairhearing.cases.tests.factories import CORPORATE, make_complaint
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.stages.choices import Outcome, RemedyKind, StageStatus
from fairhearing.stages.services import (
    PointFinding,
    RemedyInput,
    stage_extend,
    stage_one_start,
    stage_respond,
)

from .conftest import LATER, D, findings

pytestmark = pytest.mark.django_db


def test_statutory_stage_one_is_due_ten_working_days_after_receipt(stage_one):
    assert stage_one.clock_started_on == D(2022, 1, 4)
    assert stage_one.due_on == D(2022, 1, 18)
    assert stage_one.original_due_on == D(2022, 1, 18)
    assert stage_one.complaint.status == ComplaintStatus.IN_STAGE


def test_received_on_a_saturday_counts_from_that_saturday(actor):
    complaint = make_complaint(actor=actor, received_on=D(2022, 1, 8))
    stage = stage_one_start(complaint=complaint, actor=actor, today=LATER)
    # Day 1 is Monday 10 January; day 10 is Friday 21 January.
    assert stage.due_on == D(2022, 1, 21)


def test_acknowledgement_due_three_working_days_after_receipt(complaint):
    assert complaint.acknowledgement_due_on == D(2022, 1, 7)


def test_corporate_stage_one_counts_from_acknowledgement(actor):
    complaint = make_complaint(actor=actor, procedure=CORPORATE)
    assert complaint.acknowledgement_due_on == D(2022, 1, 11)  # 5 working days
    with pytest.raises(DomainError, match="Record the acknowledgement first"):
        stage_one_start(complaint=complaint, actor=actor, today=LATER)
    complaint_acknowledge(complaint=complaint, acknowledged_on=D(2022, 1, 6), actor=actor, today=LATER)
    stage = stage_one_start(complaint=complaint, actor=actor, today=LATER)
    assert (stage.clock_started_on, stage.due_on) == (D(2022, 1, 6), D(2022, 1, 20))


def test_cannot_start_stage_one_twice(stage_one, actor):
    with pytest.raises(DomainError, match="already started"):
        stage_one_start(complaint=stage_one.complaint, actor=actor, today=LATER)


def test_late_complaint_needs_acceptance_before_stage_one(actor):
    complaint = make_complaint(actor=actor, grounds_arose_on=D(2021, 1, 3))
    assert complaint.is_late
    with pytest.raises(DomainError, match="more than a year"):
        stage_one_start(complaint=complaint, actor=actor, today=LATER)
    complaint_decide_late_acceptance(
        complaint=complaint, decision=Decision.ACCEPTED, reason="Could not complain sooner: in hospital.",
        decided_on=D(2022, 1, 5), actor=actor, today=LATER,
    )
    assert stage_one_start(complaint=complaint, actor=actor, today=LATER).number == 1


def test_one_year_limit_boundary(actor):
    on_the_day = make_complaint(actor=actor, grounds_arose_on=D(2021, 1, 4))
    day_after = make_complaint(actor=actor, grounds_arose_on=D(2021, 1, 3))
    assert not on_the_day.is_late
    assert day_after.is_late


def test_sufficient_interest_needs_a_decision(actor):
    complaint = make_complaint(actor=actor, eligibility_basis=EligibilityBasis.SUFFICIENT_INTEREST)
    with pytest.raises(DomainError, match="sufficient interest"):
        stage_one_start(complaint=complaint, actor=actor, today=LATER)
    complaint_decide_sufficient_interest(
        complaint=complaint, decision=Decision.ACCEPTED, reason="Grandparent and main carer.",
        decided_on=D(2022, 1, 5), child_views_considered=True, actor=actor, today=LATER,
    )
    assert stage_one_start(complaint=complaint, actor=actor, today=LATER).number == 1


def test_extend_to_the_twenty_working_day_maximum(stage_one, actor):
    stage = stage_extend(
        stage=stage_one, new_due_on=D(2022, 2, 1), reason="Complex: three teams involved.",
        complainant_told_on=D(2022, 1, 14), actor=actor, today=LATER,
    )
    assert stage.due_on == D(2022, 2, 1)
    assert stage.allowed_working_days == 20
    assert stage.original_due_on == D(2022, 1, 18)
    extension = stage.extensions.get()
    assert (extension.previous_due_on, extension.complainant_told_on) == (D(2022, 1, 18), D(2022, 1, 14))


def test_extension_one_day_past_the_maximum_is_refused(stage_one, actor):
    with pytest.raises(DomainError, match="at most 20 working days.*1 February 2022"):
        stage_extend(stage=stage_one, new_due_on=D(2022, 2, 2), reason="Complex",
                     complainant_told_on=D(2022, 1, 14), actor=actor, today=LATER)
    stage_one.refresh_from_db()
    assert stage_one.due_on == D(2022, 1, 18)
    assert not stage_one.extensions.exists()


@pytest.mark.parametrize(
    ("new_due_on", "reason", "told_on", "message"),
    [
        (D(2022, 1, 29), "Complex", D(2022, 1, 14), "not a working day"),
        (D(2022, 1, 18), "Complex", D(2022, 1, 14), "must be after the current one"),
        (D(2022, 1, 25), "  ", D(2022, 1, 14), "Give the reason"),
        (D(2022, 1, 25), "Complex", None, "Enter the date the complainant was told"),
        (D(2022, 1, 25), "Complex", D(2024, 1, 1), "cannot be in the future"),
    ],
)
def test_extension_refusals(stage_one, actor, new_due_on, reason, told_on, message):
    with pytest.raises(DomainError, match=message):
        stage_extend(stage=stage_one, new_due_on=new_due_on, reason=reason,
                     complainant_told_on=told_on, actor=actor, today=LATER)


def test_respond_records_outcome_per_point_and_remedies(stage_one, actor):
    stage = stage_respond(
        stage=stage_one, responded_on=D(2022, 1, 18),
        findings={1: PointFinding(Outcome.UPHELD, "Calls not returned."), 2: PointFinding(Outcome.NOT_UPHELD)},
        remedies=[RemedyInput(RemedyKind.APOLOGY), RemedyInput(RemedyKind.FINANCIAL, "Time and trouble", 150)],
        actor=actor, today=LATER,
    )
    assert stage.status == StageStatus.RESPONDED
    assert stage.outcome == Outcome.PARTIALLY_UPHELD
    assert stage.closed_on == D(2022, 1, 18)
    assert stage.escalation_deadline_on == D(2022, 2, 15)
    assert list(stage.point_outcomes.values_list("point__number", "outcome")) == [
        (1, Outcome.UPHELD), (2, Outcome.NOT_UPHELD)]
    assert stage.remedies.count() == 2
    assert stage.complaint.status == ComplaintStatus.RESPONDED
    event = AuditEvent.objects.get(verb="stage.responded")
    assert event.data["on_time"] is True


@pytest.mark.parametrize(("responded_on", "on_time"), [(D(2022, 1, 18), True), (D(2022, 1, 19), False)])
def test_response_on_time_boundary(stage_one, actor, responded_on, on_time):
    stage_respond(stage=stage_one, responded_on=responded_on, findings=findings("upheld", "upheld"),
                  actor=actor, today=LATER)
    event = AuditEvent.objects.get(verb="stage.responded")
    assert event.data["on_time"] is on_time
    assert ("(late)" in event.summary) is (not on_time)


@pytest.mark.parametrize(
    ("responded_on", "working_days"),
    # Tue 18 Jan is the 10th working day after Tue 4 Jan; Tue 1 Feb the 20th; Wed 2 Feb the 21st:
    # the edges of the report's "up to 10", "11 to 20" and "over 20" buckets.
    [(D(2022, 1, 4), 0), (D(2022, 1, 18), 10), (D(2022, 1, 19), 11), (D(2022, 2, 1), 20),
     (D(2022, 2, 2), 21)],
)
def test_response_time_in_working_days_is_stored(stage_one, actor, responded_on, working_days):
    stage = stage_respond(stage=stage_one, responded_on=responded_on,
                          findings=findings("upheld", "upheld"), actor=actor, today=LATER)
    stage.refresh_from_db()
    assert stage.response_working_days == working_days


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [(("upheld", "upheld"), Outcome.UPHELD), (("not_upheld", "not_upheld"), Outcome.NOT_UPHELD),
     (("upheld", "not_upheld"), Outcome.PARTIALLY_UPHELD),
     (("partially_upheld", "partially_upheld"), Outcome.PARTIALLY_UPHELD)],
)
def test_stage_outcome_follows_from_points(stage_one, actor, outcomes, expected):
    stage = stage_respond(stage=stage_one, responded_on=D(2022, 1, 10), findings=findings(*outcomes),
                          actor=actor, today=LATER)
    assert stage.outcome == expected


def test_respond_refuses_missing_points_and_saves_nothing(stage_one, actor):
    with pytest.raises(DomainError, match="Missing: point 2"):
        stage_respond(stage=stage_one, responded_on=D(2022, 1, 10), findings=findings("upheld"),
                      actor=actor, today=LATER)
    stage_one.refresh_from_db()
    assert stage_one.status == StageStatus.OPEN
    assert not stage_one.point_outcomes.exists()
    assert not AuditEvent.objects.filter(verb="stage.responded").exists()


@pytest.mark.parametrize(
    ("remedy", "message"),
    [(RemedyInput(RemedyKind.FINANCIAL), "amount"), (RemedyInput("cake"), "kind of each remedy")],
)
def test_respond_refuses_bad_remedies(stage_one, actor, remedy, message):
    with pytest.raises(DomainError, match=message):
        stage_respond(stage=stage_one, responded_on=D(2022, 1, 10), findings=findings("upheld", "upheld"),
                      remedies=[remedy], actor=actor, today=LATER)


def test_cannot_respond_twice_or_extend_after_response(stage_one, actor):
    stage_respond(stage=stage_one, responded_on=D(2022, 1, 10), findings=findings("upheld", "upheld"),
                  actor=actor, today=LATER)
    with pytest.raises(TransitionNotAllowed, match="closed"):
        stage_respond(stage=stage_one, responded_on=D(2022, 1, 11), findings=findings("upheld", "upheld"),
                      actor=actor, today=LATER)
    with pytest.raises(TransitionNotAllowed, match="closed"):
        stage_extend(stage=stage_one, new_due_on=D(2022, 1, 25), reason="x",
                     complainant_told_on=D(2022, 1, 10), actor=actor, today=LATER)


def test_response_cannot_be_dated_before_the_stage_or_in_the_future(stage_one, actor):
    with pytest.raises(DomainError, match="cannot be before"):
        stage_respond(stage=stage_one, responded_on=D(2022, 1, 3), findings=findings("upheld", "upheld"),
                      actor=actor, today=LATER)
    with pytest.raises(DomainError, match="future"):
        stage_respond(stage=stage_one, responded_on=D(2022, 1, 10), findings=findings("upheld", "upheld"),
                      actor=actor, today=D(2022, 1, 9))


def test_every_step_is_audited_with_its_actor(stage_one, actor):
    verbs = list(AuditEvent.objects.for_subject(stage_one.complaint).values_list("verb", "actor"))
    assert verbs == [("complaint.created", actor.pk), ("stage.started", actor.pk)]
