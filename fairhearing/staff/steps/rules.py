"""When each step is possible, pressing, and for whom (beyond the role's Action).

A state test returns None when the complaint's state allows the step, otherwise the reason in plain
English, shown on the step page. The tests mirror the services' own checks, so nothing is offered
that the service would refuse.
"""

from collections.abc import Callable
from typing import Any

from fairhearing.accounts.roles import COMPLAINTS_TEAM_ROLES, Role
from fairhearing.cases import services as cases
from fairhearing.cases.choices import ComplaintStatus, Decision, EligibilityBasis, ProcedureKind
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError
from fairhearing.stages.choices import ClockStart, Phase, StageStatus

from .state import CaseState

# --- state tests: None when the state allows the step, otherwise the reason, in plain English ---

CLOSED = "This complaint is closed. Reopen it first."


def is_open(state: CaseState) -> str | None:
    return None if state.complaint.is_open else CLOSED


def before_stages(state: CaseState) -> str | None:
    if not state.complaint.is_open:
        return CLOSED
    if state.complaint.status != ComplaintStatus.RECEIVED:
        return "Stage 1 has started, so this decision can no longer be changed here."
    return None


def acknowledge(state: CaseState) -> str | None:
    if state.complaint.acknowledged_on:
        return f"This complaint was acknowledged on {long_date(state.complaint.acknowledged_on)}."
    return is_open(state)


def late_decision(state: CaseState) -> str | None:
    if not state.complaint.is_late:
        return "This complaint was made within the one-year time limit, so no decision is needed."
    return before_stages(state)


def sufficient_interest(state: CaseState) -> str | None:
    if state.complaint.eligibility_basis != EligibilityBasis.SUFFICIENT_INTEREST:
        return "A sufficient-interest decision is only needed when that is the basis for complaining."
    return before_stages(state)


def start_stage_one(state: CaseState) -> str | None:
    complaint = state.complaint
    if not complaint.is_open:
        return CLOSED
    try:
        cases.complaint_ready_for_stage_one(complaint)
    except DomainError as error:
        return error.message
    rule = state.rules.get(1)
    if rule is None:
        return f"The {complaint.procedure.name} has no Stage 1."
    if rule.clock_starts == ClockStart.ACKNOWLEDGED and complaint.acknowledged_on is None:
        return "Stage 1 counts from the acknowledgement. Record the acknowledgement first."
    return None


def stage_running(state: CaseState, *, numbers: tuple[int, ...] = (1, 2, 3),
                   phases: tuple[str, ...] = (Phase.RESPONSE,), what: str = "this") -> str | None:
    """An open stage of one of these numbers, in one of these phases, with its clock running."""
    stage = state.open_stage
    if stage is None:
        return CLOSED if not state.complaint.is_open else "No stage is open."
    if stage.number not in numbers or stage.phase not in phases:
        return f"Stage {stage.number} is at '{Phase(stage.phase).label.lower()}', so you cannot {what} now."
    if stage.is_paused:
        return f"Stage {stage.number} is paused. Restart the clock before you {what}."
    return None


def extend(state: CaseState) -> str | None:
    refusal = stage_running(state, what="extend it")
    if refusal:
        return refusal
    limit = state.extension_limit()
    if limit is None or state.open_stage.due_on >= limit:
        return f"Stage {state.open_stage.number} is already at the longest time allowed."
    return None


def needs_points(state: CaseState) -> str | None:
    return None if state.points else "Add the points of complaint first: each needs an outcome."


def respond(state: CaseState) -> str | None:
    refusal = stage_running(state, what="record the response")
    if refusal:
        return refusal
    stage = state.open_stage
    rule = state.rules.get(stage.number)
    if stage.number == 3 or (stage.number == 2 and (rule is None or rule.is_statutory)):
        return f"Stage {stage.number} ends with a different step, not this response."
    return needs_points(state)


def request_next(state: CaseState) -> str | None:
    if not state.complaint.is_open:
        return CLOSED
    last = state.latest_stage
    if last is None:
        return "Stage 1 has not started, so there is nothing to escalate."
    if last.is_open:
        return f"Stage {last.number} is still open."
    if last.status != StageStatus.RESPONDED:
        return f"Stage {last.number} did not end with a response, so it cannot be escalated."
    if last.number + 1 not in state.rules:
        return f"The {state.complaint.procedure.name} has no Stage {last.number + 1}."
    return None


def clock_waits_for(event: str) -> Callable[[CaseState], str | None]:
    def check(state: CaseState) -> str | None:
        stage = state.open_stage
        if stage is None or stage.phase != Phase.AWAITING_START:
            return "No stage is waiting for its clock to start."
        rule = state.rules.get(stage.number)
        if rule is None or rule.clock_starts != event:
            starts = ClockStart(rule.clock_starts).label.lower() if rule else "another event"
            return f"Stage {stage.number} counts from {starts}."
        return None
    return check


def statutory_stage_two(state: CaseState) -> str | None:
    stage = state.open_stage
    if stage is None or stage.number != 2:
        return "Stage 2 is not open."
    rule = state.rules.get(2)
    if rule is None or not rule.is_statutory:
        return "Only the statutory Stage 2 has an Investigating Officer and Independent Person."
    return None


def adjudicate(state: CaseState) -> str | None:
    refusal = statutory_stage_two(state) or stage_running(state, numbers=(2,), what="adjudicate")
    if refusal:
        return refusal
    stage = state.open_stage
    if stage.statement_agreed_on is None:
        return "Agree the statement of complaint before adjudicating."
    if stage.investigating_officer_id is None or stage.independent_person_id is None:
        return "Appoint the Investigating Officer and Independent Person before adjudicating."
    return needs_points(state)


def panel(phase: str, what: str, *, convened: bool = False) -> Callable[[CaseState], str | None]:
    def check(state: CaseState) -> str | None:
        refusal = stage_running(state, numbers=(3,), phases=(phase,), what=what)
        if refusal is None and convened and len(state.open_stage.panel_members.all()) != 3:
            return "Convene the panel (three members and a chair) before it meets."
        if refusal is None and phase == Phase.COUNCIL_RESPONSE:
            return needs_points(state)
        return refusal
    return check


def pause(state: CaseState) -> str | None:
    stage = state.open_stage
    if stage is None:
        return CLOSED if not state.complaint.is_open else "No stage is open."
    if stage.is_paused:
        return f"Stage {stage.number} is already paused."
    if stage.clock_started_on is None:
        return f"Stage {stage.number}'s clock has not started, so there is nothing to pause."
    return None


def resume(state: CaseState) -> str | None:
    stage = state.open_stage
    return None if stage is not None and stage.is_paused else "The clock is not paused."


def close(state: CaseState) -> str | None:
    stage = state.open_stage
    if stage is not None and stage.is_paused:
        return f"Stage {stage.number} is paused. Restart the clock before you close the complaint."
    return is_open(state)


def reopen(state: CaseState) -> str | None:
    return "This complaint is open." if state.complaint.is_open else None


# --- what is pressing: shown as buttons under "What needs doing next", the rest as links ---

def always(state: CaseState) -> bool:
    return True


def never(state: CaseState) -> bool:
    return False


def close_pressing(state: CaseState) -> bool:
    """Closing is the next step once the answer is final, or when the complaint cannot go ahead."""
    complaint, last = state.complaint, state.latest_stage
    if complaint.status == ComplaintStatus.RECEIVED:
        return not complaint.procedure.has_stages or Decision.REFUSED in (
            complaint.late_decision, complaint.sufficient_interest_decision)
    if complaint.status != ComplaintStatus.RESPONDED or last is None:
        return False
    window = last.escalation_deadline_on
    return last.number + 1 not in state.rules or (window is not None and window < state.today)


# --- who: extra role rules beyond the Action ---

def anyone(user: Any, state: CaseState) -> bool:
    return True


def may_respond(user: Any, state: CaseState) -> bool:
    """Responding managers answer Stage 1 for their own teams' complaints only."""
    if user.is_superuser or user.role_names & (COMPLAINTS_TEAM_ROLES | {Role.SENIOR_MANAGER}):
        return True
    stage = state.open_stage
    return (stage is None or stage.number == 1) and state.complaint.teams.filter(members=user).exists()


def statutory(state: CaseState) -> bool:
    """Under the children's statutory procedure (where every child is offered an advocate)."""
    return state.complaint.procedure.kind == ProcedureKind.CHILDREN_STATUTORY

