"""Complaints under the statutory procedure, carried through Stages 1, 2 and 3 (or ADR,
withdrawal or closing) by the services a user's action calls, as a plan in working days says."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from fairhearing.cases.choices import Channel, ClosureReason, WithdrawalMethod
from fairhearing.cases.kind_choices import AdrMethod, AdrResult, CostKind
from fairhearing.cases.kinds.concern_conversion import concern_convert_to_complaint
from fairhearing.cases.kinds.concerns import concern_create
from fairhearing.cases.kinds.costs import cost_create
from fairhearing.cases.kinds.resolutions import adr_create
from fairhearing.cases.models import Complaint
from fairhearing.cases.services import complaint_acknowledge, complaint_create
from fairhearing.people.choices import Relationship
from fairhearing.people.services import person_create
from fairhearing.stages.choices import Outcome
from fairhearing.stages.models import Stage
from fairhearing.stages.services import (
    PointFinding,
    RemedyInput,
    complaint_close,
    complaint_withdraw,
    stage_extend,
    stage_one_start,
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

from .council import Council

UPHELD, PARTLY, NOT_UPHELD = Outcome.UPHELD, Outcome.PARTIALLY_UPHELD, Outcome.NOT_UPHELD


# Complaints ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StageThreePlan:
    """A review panel: asked for, met, reported and answered (working days after each step)."""

    outcome: str
    requested_after: int = 10  # after the Stage 2 adjudication (the window is 20)
    met_after: int = 25  # after the request (the panel must meet within 30)
    report_after: int = 5  # after the meeting (5 allowed)
    response_after: int = 12  # after the report (15 allowed)
    remedies: tuple[RemedyInput, ...] = ()
    closed_after: int = 5  # the complaint is closed, procedure completed


@dataclass(frozen=True)
class StageTwoPlan:
    """A Stage 2 investigation. Leave ``outcome`` and ``withdrawn_after`` empty for one still open."""

    requested_after: int = 10  # after the Stage 1 response (the window is 20)
    statement_after: int | None = 10  # after the request; None: no statement agreed yet
    outcome: str | None = None
    working_days: int | None = None  # adjudicated this long after the statement was agreed
    extended_to: int | None = None  # the due date first extended to this many working days
    withdrawn_after: int | None = None  # withdrawn this long after the request
    remedies: tuple[RemedyInput, ...] = ()
    investigator_fee: Decimal | None = None
    fee_after: int = 20  # the fee is incurred this long after the request
    stage_three: StageThreePlan | None = None
    closed_after: int | None = 21  # after the adjudication, when no Stage 3 was asked for


@dataclass(frozen=True)
class AdrPlan:
    """ADR after the Stage 1 response that settled the complaint (closed, resolved informally)."""

    offered_after: int = 3
    held_after: int = 6
    saving: Decimal | None = None
    closed_after: int = 8


@dataclass(frozen=True)
class ComplaintPlan:
    """What happened to one complaint under the statutory procedure, in working days.

    Stage 1 ends in one of three ways: answered ``working_days`` after receipt with ``outcome``
    (after extending the due date to ``extended_to`` working days, if given), withdrawn
    ``withdrawn_after`` working days after receipt, or not yet (both empty). An answered
    complaint then goes to ADR, to Stage 2, or is closed ``closed_after`` working days after the
    answer, once the 20 working days to ask for Stage 2 have passed (None: left open).
    """

    received_on: date
    teams: tuple[str, ...] = ()
    outcome: str | None = None
    working_days: int | None = None
    extended_to: int | None = None
    withdrawn_after: int | None = None
    channel: str = Channel.EMAIL
    relationship: str = Relationship.PARENT
    themes: tuple[str, ...] = ()
    points: int = 2
    remedies: tuple[RemedyInput, ...] = ()
    closed_after: int | None = 21
    adr: AdrPlan | None = None
    stage_two: StageTwoPlan | None = None
    # Logged first as initial feedback on this date, then turned into the complaint.
    concern_received_on: date | None = None

    def __post_init__(self) -> None:
        if (self.outcome is None) != (self.working_days is None):
            raise ValueError("An answered complaint needs both an outcome and the working days taken.")
        if self.outcome and self.withdrawn_after is not None:
            raise ValueError("A complaint is either answered or withdrawn at Stage 1, not both.")
        if self.outcome == PARTLY and self.points < 2:
            raise ValueError("A partly upheld complaint needs at least two points.")


def findings(outcome: str, points: int) -> dict[int, PointFinding]:
    """Findings per point giving ``outcome``: partly upheld is point 1 upheld, the rest not."""
    if outcome == PARTLY:
        return {n: PointFinding(UPHELD if n == 1 else NOT_UPHELD) for n in range(1, points + 1)}
    return {n: PointFinding(outcome) for n in range(1, points + 1)}


def complaint_build(council: Council, plan: ComplaintPlan, *, number: int = 0) -> Complaint:
    """Log, acknowledge and start a complaint, then carry it through its plan."""
    c, actor, today = council, council.officer, council.today
    person = person_create(first_name=f"Complainant{number}", last_name="Example", actor=actor)
    points = [f"Point {n} of the complaint" for n in range(1, plan.points + 1)]
    if plan.concern_received_on is not None:
        concern = concern_create(received_on=plan.concern_received_on, channel=plan.channel,
                                 team=c.team(plan.teams[0]), summary="Unhappy with the service.",
                                 person=person, actor=actor, today=today)
        complaint = concern_convert_to_complaint(
            concern=concern, actor=actor, procedure=c.procedure, routing_reason="A child in need: Part 3.",
            points=points, received_on=plan.received_on, relationship=plan.relationship, today=today)
    else:
        complaint = complaint_create(
            received_on=plan.received_on, channel=plan.channel, procedure=c.procedure,
            routing_reason="A child in need: Part 3.", summary="Unhappy with the service.", points=points,
            complainants=[(person, plan.relationship)], teams=[c.team(t) for t in plan.teams],
            themes=[c.theme(t) for t in plan.themes], actor=actor, today=today)
    complaint_acknowledge(complaint=complaint, acknowledged_on=c.after(plan.received_on, 1), actor=actor,
                          today=today)
    stage = stage_one_start(complaint=complaint, actor=actor, today=today)
    if plan.withdrawn_after is not None:
        complaint_withdraw(complaint=complaint, withdrawn_on=c.after(plan.received_on, plan.withdrawn_after),
                           method=WithdrawalMethod.WRITTEN, reason="No longer wishes to pursue it.",
                           actor=actor, today=today)
        return complaint
    if plan.outcome is None:
        return complaint
    stage = _answer(c, stage, start=plan.received_on, extended_to=plan.extended_to)
    stage = stage_respond(stage=stage, responded_on=c.after(plan.received_on, plan.working_days),
                          findings=findings(plan.outcome, plan.points), remedies=plan.remedies,
                          actor=actor, today=today)
    if plan.adr is not None:
        _adr(c, complaint, stage, plan.adr)
    elif plan.stage_two is not None:
        _stage_two(c, complaint, stage, plan.stage_two, plan.points)
    elif plan.closed_after is not None:
        complaint_close(complaint=complaint, closed_on=c.after(stage.responded_on, plan.closed_after),
                        reason=ClosureReason.NOT_ESCALATED, actor=actor, today=today)
    return complaint


def _answer(c: Council, stage: Stage, *, start: date, extended_to: int | None) -> Stage:
    """Extend the due date first if the plan says so (telling the complainant the day before it was due)."""
    if extended_to is not None:
        stage = stage_extend(stage=stage, new_due_on=c.after(start, extended_to),
                             reason="Complex: several teams involved.",
                             complainant_told_on=max(stage.requested_on,
                                                     stage.due_on - timedelta(days=1)),
                             actor=c.officer, today=c.today)
    return stage


def _adr(c: Council, complaint: Complaint, stage: Stage, plan: AdrPlan) -> None:
    responded = stage.responded_on
    adr_create(offered_on=c.after(responded, plan.offered_after), method=AdrMethod.MEETING,
               complaint=complaint, stage_number=1, held_on=c.after(responded, plan.held_after),
               result=AdrResult.RESOLVED, saving=plan.saving, actor=c.officer, today=c.today)
    complaint_close(complaint=complaint, closed_on=c.after(responded, plan.closed_after),
                    reason=ClosureReason.RESOLVED_INFORMALLY, actor=c.officer, today=c.today)


def _stage_two(c: Council, complaint: Complaint, stage_one: Stage, plan: StageTwoPlan, points: int) -> None:
    actor, today = c.officer, c.today
    requested = c.after(stage_one.responded_on, plan.requested_after)
    stage = stage_request_next(complaint=complaint, requested_on=requested, actor=actor, today=today)
    if plan.statement_after is not None:
        agreed = c.after(requested, plan.statement_after)
        stage = stage_two_agree_statement(stage=stage, agreed_on=agreed, actor=actor, today=today)
        stage = stage_two_appoint(stage=stage, investigating_officer=c.investigators[0],
                                  independent_person=c.investigators[1], appointed_on=agreed,
                                  actor=actor, today=today)
        if plan.extended_to is not None:
            stage = _answer(c, stage, start=agreed, extended_to=plan.extended_to)
    if plan.investigator_fee is not None:
        cost_create(kind=CostKind.INVESTIGATOR_FEE, amount=plan.investigator_fee,
                    incurred_on=c.after(requested, plan.fee_after), complaint=complaint, stage=stage,
                    description="Independent Investigator's invoice.", actor=actor, today=today)
    if plan.withdrawn_after is not None:
        complaint_withdraw(complaint=complaint, withdrawn_on=c.after(requested, plan.withdrawn_after),
                           method=WithdrawalMethod.ORAL, reason="Satisfied after a meeting.",
                           actor=actor, today=today)
        return
    if plan.outcome is None:
        return
    stage = stage_two_adjudicate(stage=stage, adjudicated_on=c.after(stage.statement_agreed_on, plan.working_days),
                                 findings=findings(plan.outcome, points), remedies=plan.remedies,
                                 actor=c.senior, today=today)
    if plan.stage_three is not None:
        _stage_three(c, complaint, stage, plan.stage_three, points)
    elif plan.closed_after is not None:
        complaint_close(complaint=complaint, closed_on=c.after(stage.responded_on, plan.closed_after),
                        reason=ClosureReason.NOT_ESCALATED, actor=actor, today=today)


def _stage_three(c: Council, complaint: Complaint, stage_two: Stage, plan: StageThreePlan, points: int) -> None:
    actor, today = c.officer, c.today
    requested = c.after(stage_two.responded_on, plan.requested_after)
    stage = stage_request_next(complaint=complaint, requested_on=requested, actor=actor, today=today)
    stage = stage_three_convene_panel(stage=stage, members=list(c.panel), chair=c.panel[0], actor=actor)
    met = c.after(requested, plan.met_after)
    stage = stage_three_panel_met(stage=stage, met_on=met, actor=actor, today=today)
    report = c.after(met, plan.report_after)
    stage = stage_three_report_received(stage=stage, received_on=report, actor=actor, today=today)
    stage = stage_three_council_respond(stage=stage, responded_on=c.after(report, plan.response_after),
                                        findings=findings(plan.outcome, points), remedies=plan.remedies,
                                        actor=c.senior, today=today)
    complaint_close(complaint=complaint, closed_on=c.after(stage.responded_on, plan.closed_after),
                    reason=ClosureReason.COMPLETED, actor=actor, today=today)
