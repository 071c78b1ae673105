"""The stages of one synthetic complaint: Stage 1, then Stage 2 and the review panel for some.

Each stage's clock, due date, extensions and pauses follow the stage services (ADR 0002): the
due date is the (allowed + paused)th working day after the clock started, from the real
calendar; an extension never goes past the procedure's maximum; a pause moves the due date by
the working days it lasted. A stage whose next step falls after today is left as it is today.
"""

from datetime import date
from decimal import Decimal

from fairhearing.cases.choices import ClosureReason, ComplaintStatus
from fairhearing.core.dates import long_date
from fairhearing.demo import outcomes as demo_outcomes
from fairhearing.demo import scenarios as sc
from fairhearing.demo import texts
from fairhearing.stages.choices import (
    Outcome,
    PauseReason,
    Phase,
    RemedyKind,
    RequestDecision,
    StageStatus,
)
from fairhearing.stages.models import (
    PanelMember,
    PointOutcome,
    Remedy,
    Stage,
    StageExtension,
    StagePause,
)

from .shapes import STATUTORY, weighted
from .story import Story

PAUSE_REASONS = [PauseReason.AWAITING_ADVOCATE, PauseReason.AWAITING_COMPLAINANT,
                 PauseReason.POLICE_INVESTIGATION, PauseReason.COURT_PROCEEDINGS]
LONG_PAUSES = {PauseReason.POLICE_INVESTIGATION, PauseReason.COURT_PROCEEDINGS}


class StageRunner:
    """Takes a complaint through its stages as far as its fate and today allow."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.world = story.world
        self.rng = story.rng
        self.code = story.plan.procedure
        self.fate = story.plan.fate

    def run(self) -> None:
        story = self.story
        complaint = story.complaint
        if self.code == STATUTORY:
            start = self.world.add(complaint.received_on, self.rng.randint(0, 1))
            clock = complaint.received_on
        else:  # corporate Stage 1 counts from the acknowledgement
            if complaint.acknowledged_on is None:
                return
            start = clock = complaint.acknowledged_on
        if not story.happened(start):
            return
        stage = self._stage(1, requested_on=complaint.received_on)
        responded = self._response_period(stage, clock, start)
        if responded is None:
            return
        escalates = self.fate in sc.ESCALATING
        self._respond(stage, responded, escalates=escalates)
        if self.fate == sc.STAGE1_ADR:
            on = self.world.add(responded, self.rng.randint(3, 15))
            if story.happened(on):
                story.close(on, ClosureReason.RESOLVED_INFORMALLY, stage=None, before=ComplaintStatus.RESPONDED)
            return
        if self.fate in (sc.STAGE2, sc.STAGE2_WITHDRAWN, sc.STAGE3, sc.STAGE2_REFUSED):
            stage = self._request_next(stage)
            if stage is None or stage.status == StageStatus.REFUSED:
                return
            if self.code == STATUTORY:
                self._stage_two_statutory(stage)
            else:
                self._stage_two_corporate(stage)
            return
        self._close_after_window(stage)

    # Rows ------------------------------------------------------------------------------------
    def _stage(self, number: int, *, requested_on: date, decision: str = RequestDecision.IN_TIME,
               reason: str = "") -> Stage:
        stage = Stage(complaint=self.story.complaint, number=number, requested_on=requested_on,
                      request_decision=decision, request_decision_reason=reason)
        self.story.rows.stages.append(stage)
        self.story.complaint.status = ComplaintStatus.IN_STAGE
        return stage

    def _start_clock(self, stage: Stage, clock: date, days: int) -> None:
        stage.clock_started_on = clock
        stage.allowed_working_days = days
        stage.paused_working_days = 0
        stage.due_on = self.world.add(clock, days)

    # A response period: extension, pause, answer ---------------------------------------------
    def _response_period(self, stage: Stage, clock: date, started: date, *,
                         what: str = "") -> date | None:
        """Start the clock and run it to the response day; None if the stage is open today.

        ``what`` names the event that started a later stage's clock ("Statement of complaint
        agreed"); Stage 1 is simply started."""
        story, rng, world = self.story, self.rng, self.world
        rule = world.rule(self.code, stage.number)
        self._start_clock(stage, clock, rule.response_days)
        stage.original_due_on = stage.due_on
        if not what:
            story.event(started, "stage.started", f"Stage 1 started: response due {long_date(stage.due_on)}",
                        data={"clock_started_on": clock, "due_on": stage.due_on, "stage": 1})
        else:
            story.event(started, "stage.clock_started", f"{what} on {long_date(started)}: Stage "
                        f"{stage.number} response due {long_date(stage.due_on)}",
                        data={"due_on": stage.due_on, "stage": stage.number})
        allowed, most = rule.response_days, rule.max_response_days
        roll = rng.random()
        if roll < 0.14 and most > allowed:
            extended_to = rng.randint(allowed + 2, most)
            take = rng.randint(allowed + 1, extended_to)
        elif roll < 0.40:
            # Late without an extension: common (the Ombudsman's most frequent finding is delay).
            extended_to, take = None, allowed + rng.randint(1, 25)
        else:
            extended_to, take = None, rng.randint(max(2, allowed // 2), allowed)
        withdraw_at = rng.randint(1, take - 1) if self._withdraws_at(stage.number) else None
        pause_at = rng.randint(1, take - 1) if rng.random() < 0.07 else None
        extend_at = rng.randint(1, max(1, min(allowed, pause_at or allowed) - 1)) if extended_to else None
        if extend_at is not None:
            on = world.add(clock, extend_at)
            if not story.happened(on):
                return None
            previous = stage.due_on
            stage.allowed_working_days = extended_to
            stage.due_on = world.add(clock, extended_to)
            self.story.rows.extensions.append(StageExtension(
                stage=stage, previous_due_on=previous, new_due_on=stage.due_on,
                reason=rng.choice(texts.EXTENSION_REASONS), complainant_told_on=on,
                created_by=story.officer()))
            story.event(on, "stage.extended", f"Stage {stage.number} extended to "
                        f"{long_date(stage.due_on)} ({extended_to} working days)",
                        changes={"due_on": [previous, stage.due_on]}, data={"stage": stage.number})
        if withdraw_at is not None and (pause_at is None or withdraw_at < pause_at):
            on = world.add(clock, withdraw_at)
            if story.happened(on):
                self._end(stage, StageStatus.WITHDRAWN, on)
                story.withdraw(on, stage=stage)
            return None
        paused = 0
        if pause_at is not None:
            started_pause = world.add(clock, pause_at)
            if not story.happened(started_pause):
                return None
            reason = rng.choice(PAUSE_REASONS)
            story.event(started_pause, "stage.paused", f"Stage {stage.number} paused from "
                        f"{long_date(started_pause)}: {PauseReason(reason).label.lower()}",
                        data={"reason": reason, "stage": stage.number})
            # Proceedings (reg 8) stop the clock for months; waiting for a person, for weeks.
            paused = rng.randint(30, 120) if reason in LONG_PAUSES else rng.randint(3, 25)
            ended = world.add(started_pause, paused)
            pause = StagePause(stage=stage, reason=reason, started_on=started_pause,
                               note=texts.PAUSE_NOTES.get(reason, ""))
            self.story.rows.pauses.append(pause)
            if not story.happened(ended):
                stage.paused_since = started_pause
                return None
            pause.ended_on, pause.working_days = ended, paused
            previous = stage.due_on
            stage.paused_working_days = paused
            stage.due_on = world.add(clock, stage.allowed_working_days + paused)
            story.event(ended, "stage.resumed", f"Stage {stage.number} resumed on {long_date(ended)} "
                        f"after {paused} working days: due {long_date(stage.due_on)}",
                        changes={"due_on": [previous, stage.due_on]},
                        data={"working_days_paused": paused, "stage": stage.number})
        responded = world.add(clock, take + paused)
        return responded if story.happened(responded) else None

    def _withdraws_at(self, number: int) -> bool:
        return (number == 1 and self.fate == sc.STAGE1_WITHDRAWN) or (
            number == 2 and self.fate == sc.STAGE2_WITHDRAWN)

    def _end(self, stage: Stage, status: str, on: date) -> None:
        stage.status, stage.closed_on = status, on

    def _respond(self, stage: Stage, on: date, *, escalates: bool, verb: str = "stage.responded",
                 actor=None) -> None:  # noqa: ANN001
        story, rng, world = self.story, self.rng, self.world
        weights = (demo_outcomes.OUTCOMES_LATER_STAGE if stage.number > 1
                   else demo_outcomes.OUTCOMES_ESCALATING if escalates else demo_outcomes.OUTCOMES_ENDING)
        outcome = weighted(rng, weights)
        per_point = demo_outcomes.point_outcomes(rng, outcome, len(story.points))
        for point, finding in zip(story.points, per_point, strict=True):
            story.rows.outcomes.append(PointOutcome(stage=stage, point=point, outcome=finding,
                                                    finding=rng.choice(texts.FINDINGS[finding])))
        remedies = []
        if outcome != Outcome.NOT_UPHELD:
            remedies.append(Remedy(stage=stage, kind=RemedyKind.APOLOGY, description="A written apology."))
            if rng.random() < 0.15:
                amount, why = rng.choice(demo_outcomes.FINANCIAL)
                remedies.append(Remedy(stage=stage, kind=RemedyKind.FINANCIAL, description=why,
                                       amount=Decimal(amount)))
            elif rng.random() < 0.4:
                kind, why = rng.choice(demo_outcomes.OTHER_REMEDIES)
                remedies.append(Remedy(stage=stage, kind=kind, description=why))
        story.rows.remedies.extend(remedies)
        stage.outcome, stage.responded_on = outcome, on
        stage.responded_by = actor or story.officer()
        self._end(stage, StageStatus.RESPONDED, on)
        rule = world.rule(self.code, stage.number)
        if world.rule(self.code, stage.number + 1) is not None and rule.escalation_window_days:
            stage.escalation_deadline_on = world.add(on, rule.escalation_window_days)
        story.complaint.status = ComplaintStatus.RESPONDED
        on_time = stage.due_on is None or on <= stage.due_on
        label = {"stage.adjudicated": "Stage 2 adjudication sent",
                 "stage.council_responded": "Council's response to the panel sent"}.get(
                     verb, f"Stage {stage.number} response sent")
        story.event(on, verb, f"{label} on {long_date(on)}: {Outcome(outcome).label.lower()}"
                    + ("" if on_time else " (late)"), actor=stage.responded_by,
                    data={"outcome": outcome, "on_time": on_time, "due_on": stage.due_on,
                          "stage": stage.number, "remedies": [r.kind for r in remedies]})

    # After a response ------------------------------------------------------------------------
    def _close_after_window(self, stage: Stage) -> None:
        """No request came: closed once the window has passed (or at once if there is no next stage)."""
        story = self.story
        if stage.escalation_deadline_on is None:
            on = self.world.add(stage.responded_on, self.rng.randint(0, 3))
            reason = ClosureReason.COMPLETED
        else:
            on = self.world.add(stage.escalation_deadline_on, self.rng.randint(1, 5))
            reason = ClosureReason.NOT_ESCALATED
        if story.happened(on):
            story.close(on, reason, stage=None, before=ComplaintStatus.RESPONDED)

    def _request_next(self, previous: Stage) -> Stage | None:
        story, rng, world = self.story, self.rng, self.world
        window = world.rule(self.code, previous.number).escalation_window_days or 20
        refused = self.fate == sc.STAGE2_REFUSED and previous.number == 1
        late = refused or rng.random() < 0.06
        requested = world.add(previous.responded_on,
                              window + rng.randint(10, 60) if refused
                              else window + rng.randint(1, 10) if late else rng.randint(2, window))
        if not story.happened(requested):
            return None
        number = previous.number + 1
        if refused:
            stage = self._stage(number, requested_on=requested, decision=RequestDecision.LATE_REFUSED,
                                reason=texts.LATE_REQUEST_REFUSED)
            self._end(stage, StageStatus.REFUSED, requested)
            story.complaint.status = ComplaintStatus.RESPONDED
            story.event(requested, "stage.request_refused", f"Late request for Stage {number} refused",
                        data={"reason": texts.LATE_REQUEST_REFUSED, "stage": number})
            closed = world.add(requested, rng.randint(1, 5))
            if story.happened(closed):
                story.close(closed, ClosureReason.NOT_ESCALATED, stage=None, before=ComplaintStatus.RESPONDED)
            return stage
        decision = RequestDecision.LATE_ACCEPTED if late else RequestDecision.IN_TIME
        stage = self._stage(number, requested_on=requested, decision=decision,
                            reason=texts.LATE_REQUEST_ACCEPTED if late else "")
        stage.phase = Phase.PANEL_MEETING if number == 3 else Phase.AWAITING_START
        if number == 3:
            self._start_clock(stage, requested, world.rule(self.code, 3).response_days)
            stage.original_due_on = stage.panel_meeting_due_on = stage.due_on
        story.event(requested, "stage.requested", f"Stage {number} requested on {long_date(requested)}"
                    + (" (late, accepted)" if late else ""),
                    data={"request_decision": decision, "due_on": stage.due_on, "stage": number})
        return stage

    def _stage_two_statutory(self, stage: Stage) -> None:
        story, rng, world = self.story, self.rng, self.world
        appointed = world.add(stage.requested_on, rng.randint(2, 10))
        if story.happened(appointed):
            stage.investigating_officer = rng.choice(world.investigators)
            stage.independent_person = rng.choice(world.independents)
            stage.appointed_on = appointed
            story.event(appointed, "stage.investigators_appointed",
                        f"Investigating Officer {stage.investigating_officer} and Independent Person "
                        f"{stage.independent_person} appointed on {long_date(appointed)}",
                        data={"stage": 2})
        agreed = world.add(stage.requested_on, rng.randint(5, 30))
        if not story.happened(agreed) or not story.happened(appointed):
            return
        stage.phase, stage.statement_agreed_on = Phase.RESPONSE, agreed
        responded = self._response_period(stage, agreed, agreed, what="Statement of complaint agreed")
        if responded is None:
            return
        self._respond(stage, responded, escalates=False, verb="stage.adjudicated",
                      actor=rng.choice(world.seniors))
        if self.fate == sc.STAGE3:
            stage_three = self._request_next(stage)
            if stage_three is not None:
                self._panel(stage_three)
            return
        self._close_after_window(stage)

    def _stage_two_corporate(self, stage: Stage) -> None:
        story = self.story
        acknowledged = self.world.add(stage.requested_on, self.rng.randint(1, 6))
        if not story.happened(acknowledged):
            return
        stage.phase, stage.acknowledged_on = Phase.RESPONSE, acknowledged
        responded = self._response_period(stage, acknowledged, acknowledged, what="Request acknowledged")
        if responded is None:
            return
        self._respond(stage, responded, escalates=False)
        self._close_after_window(stage)

    def _panel(self, stage: Stage) -> None:
        """Stage 3: convene, meet (30), report (5), council's response (15) (regs 19-20)."""
        story, rng, world = self.story, self.rng, self.world
        rule = world.rule(self.code, 3)
        convened = world.add(stage.requested_on, rng.randint(3, 10))
        if not story.happened(convened):
            return
        members = rng.sample(world.panel, k=3)
        story.rows.panel_members.extend(
            PanelMember(stage=stage, member=m, is_chair=i == 0) for i, m in enumerate(members))
        story.event(convened, "stage.panel_convened", f"Review panel convened, chaired by {members[0]}",
                    data={"stage": 3})
        milestones = [
            ("panel_met_on", Phase.PANEL_REPORT, rule.panel_report_days, "report_due_on",
             "stage.panel_met", "Panel met", "report", rng.randint(15, 33)),
            ("report_received_on", Phase.COUNCIL_RESPONSE, rule.council_response_days,
             "council_response_due_on", "stage.panel_report_received", "Panel's report received",
             "council's response", rng.randint(2, 7)),
        ]
        for field, phase, days, due_field, verb, done, next_due, after in milestones:
            on = world.add(stage.clock_started_on, after)
            if not story.happened(on):
                return
            on_time = on <= stage.due_on
            setattr(stage, field, on)
            stage.phase = phase
            self._start_clock(stage, on, days)
            setattr(stage, due_field, stage.due_on)
            story.event(on, verb, f"{done} on {long_date(on)}" + ("" if on_time else " (late)")
                        + f": {next_due} due {long_date(stage.due_on)}",
                        data={"on_time": on_time, "due_on": stage.due_on, "stage": 3})
        responded = world.add(stage.clock_started_on, rng.randint(8, 17))
        if story.happened(responded):
            self._respond(stage, responded, escalates=False, verb="stage.council_responded",
                          actor=rng.choice(world.seniors))
            self._close_after_window(stage)
