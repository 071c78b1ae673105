"""The stages of a demo complaint: Stage 1, then Stage 2 and the review panel for those that go on.

Timings are in working days, drawn to match what annual reports show: most Stage 1 responses
inside 10 working days, a quarter extended to 20, some late; Stage 2 investigations often
extended towards the 65-day maximum; review panels usually, but not always, within 30.
"""

from datetime import date
from typing import Any

from fairhearing.cases.choices import ClosureReason, Decision
from fairhearing.cases.services import complaint_point_add
from fairhearing.stages.models import Stage, StageRule
from fairhearing.stages.services import (
    stage_acknowledge_request,
    stage_extend,
    stage_pause,
    stage_request_next,
    stage_respond,
    stage_resume,
    stage_three_convene_panel,
    stage_three_council_respond,
    stage_three_panel_met,
    stage_three_report_received,
    stage_two_adjudicate,
    stage_two_agree_statement,
    stage_two_appoint,
)

from . import scenarios as sc
from . import texts
from .history import History
from .outcomes import (
    OUTCOMES_ENDING,
    OUTCOMES_ESCALATING,
    OUTCOMES_LATER_STAGE,
    findings_for,
    remedies_for,
)
from .people import weighted

STAGE_ONE_TIMING = {"on_time": 55, "extended": 25, "late": 12, "very_late": 8}
PAUSE_REASONS = {"awaiting_complainant": 4, "awaiting_advocate": 3, "police_investigation": 2,
                 "court_proceedings": 1}


class StageSteps(History):
    """The steps from the start of Stage 1 to the complaint's closure."""

    def max_days(self, number: int) -> int:
        return StageRule.objects.get(procedure=self.complaint.procedure, number=number).max_response_days

    def _findings(self, outcome: str) -> dict[int, Any]:
        return findings_for(self.rng, outcome, self.complaint.points.count())

    # -- Stage 1 --------------------------------------------------------------------------------
    def stage_one(self, stage: Stage) -> None:
        fate, rng = self.scenario.fate, self.rng
        clock = stage.clock_started_on
        paused = 0
        if fate in (sc.STAGE1_WITHDRAWN, sc.REOPENED):
            withdrawn = self.after(clock, self.choose("withdraw_at", lambda: rng.randint(2, 9)))
            self._withdraw(withdrawn)
            if fate == sc.STAGE1_WITHDRAWN:
                return
            stage = self._reopen(self.after(self.last, rng.randint(5, 15)))
            respond_on = self.after(self.last, rng.randint(2, 5))
        else:
            if self.choose("s1_pause", lambda: rng.random() < 0.08):
                paused = self._pause(stage, clock)
            timing = self.choose("s1_timing", lambda: weighted(rng, STAGE_ONE_TIMING))
            if timing in ("extended", "very_late"):
                told = self.on(self.after(clock, self.choose("s1_extend_at", lambda: rng.randint(6, 10)) + paused))
                stage = stage_extend(
                    stage=stage, new_due_on=self.after(clock, self.max_days(1) + paused),
                    reason=rng.choice(texts.EXTENSION_REASONS), complainant_told_on=told,
                    actor=self.handler, today=told,
                )
            days = {"on_time": (4, 10), "extended": (11, 20), "late": (11, 17), "very_late": (21, 30)}[timing]
            respond_on = self.after(clock, self.choose("s1_respond", lambda: rng.randint(*days)) + paused)
        outcomes = OUTCOMES_ESCALATING if fate in sc.ESCALATING else OUTCOMES_ENDING
        outcome = self.choose("s1_outcome", lambda: weighted(rng, outcomes))
        respond_on = self.on(respond_on)
        stage = stage_respond(stage=stage, responded_on=respond_on, findings=self._findings(outcome),
                              remedies=remedies_for(rng, outcome, stage=1),
                              actor=self.responder_for_stage_one(), today=respond_on)
        self.after_stage_one(stage)

    def _pause(self, stage: Stage, clock: date) -> int:
        rng = self.rng
        start = self.on(self.after(clock, self.choose("s1_pause_at", lambda: rng.randint(2, 6))))
        reason = self.choose("s1_pause_reason", lambda: weighted(rng, PAUSE_REASONS))
        length = self.choose("s1_pause_for", lambda: rng.randint(4, 20))
        stage_pause(stage=stage, reason=reason, started_on=start, note=texts.PAUSE_NOTES[reason],
                    actor=self.handler, today=start)
        resumed = self.on(self.after(start, length))
        stage_resume(stage=stage, resumed_on=resumed, actor=self.handler, today=resumed)
        return length

    def after_stage_one(self, stage: Stage) -> None:
        fate, rng = self.scenario.fate, self.rng
        window_ends = stage.escalation_deadline_on or stage.responded_on
        if fate in (sc.STAGE1, sc.REOPENED):
            self._close(self.after(window_ends, rng.randint(1, 8)), ClosureReason.NOT_ESCALATED)
        elif fate == sc.STAGE1_ADR:
            self._close(self.after(stage.responded_on, rng.randint(8, 18)), ClosureReason.RESOLVED_INFORMALLY)
        elif fate == sc.STAGE2_REFUSED:
            asked = self.on(self.after(window_ends, rng.randint(20, 60)))
            stage_request_next(complaint=self.complaint, requested_on=asked, actor=self.user("manager"),
                               late_decision=Decision.REFUSED, late_reason=texts.LATE_REQUEST_REFUSED,
                               today=asked)
            self._close(self.after(asked, rng.randint(1, 3)), ClosureReason.NOT_ESCALATED)
        elif self.statutory:
            self.stage_two(stage)
        else:
            self.corporate_stage_two(stage)

    def _request(self, previous: Stage, key: str) -> Stage:
        """Ask for the next stage: usually within the window, sometimes late and accepted."""
        rng = self.rng
        if key == "s2" and self.choose("s2_late", lambda: rng.random() < 0.12):
            asked = self.on(self.after(previous.escalation_deadline_on, rng.randint(2, 10)))
            return stage_request_next(complaint=self.complaint, requested_on=asked, actor=self.user("manager"),
                                      late_decision=Decision.ACCEPTED, late_reason=texts.LATE_REQUEST_ACCEPTED,
                                      today=asked)
        asked = self.on(self.after(previous.responded_on, self.choose(f"{key}_request", lambda: rng.randint(2, 18))))
        return stage_request_next(complaint=self.complaint, requested_on=asked, actor=self.handler, today=asked)

    # -- Stage 2 (statutory) --------------------------------------------------------------------
    def stage_two(self, previous: Stage) -> None:
        rng, fate = self.rng, self.scenario.fate
        stage = self._request(previous, "s2")
        agreed = self.on(self.after(stage.requested_on, self.choose("s2_statement", lambda: rng.randint(4, 15))))
        if rng.random() < 0.2:
            complaint_point_add(complaint=self.complaint, actor=self.handler,
                                description="The response at Stage 1 did not address all of the concerns raised.")
        stage = stage_two_agree_statement(stage=stage, agreed_on=agreed, actor=self.handler, today=agreed)
        stage = stage_two_appoint(stage=stage, investigating_officer=self.user("investigator"),
                                  independent_person=self.user("independent"), appointed_on=agreed,
                                  actor=self.handler, today=agreed)
        if fate == sc.STAGE2_WITHDRAWN:
            self._withdraw(self.after(agreed, rng.randint(5, 15)))
            return
        timing = self.choose("s2_timing", lambda: weighted(rng, {"on_time": 55, "extended": 33, "late": 12}))
        days = {"on_time": (15, 25), "late": (27, 40)}.get(timing)
        if timing == "extended":
            told = self.on(self.after(agreed, rng.randint(15, 23)))
            total = rng.randint(35, self.max_days(2))
            stage = stage_extend(stage=stage, new_due_on=self.after(agreed, total), today=told,
                                 reason=rng.choice(texts.STAGE_TWO_EXTENSION_REASONS),
                                 complainant_told_on=told, actor=self.handler)
            days = (26, total)
        adjudicated = self.on(self.after(agreed, self.choose("s2_respond", lambda: rng.randint(*days))))
        outcome = self.choose("s2_outcome", lambda: weighted(rng, OUTCOMES_LATER_STAGE))
        stage = stage_two_adjudicate(stage=stage, adjudicated_on=adjudicated, findings=self._findings(outcome),
                                     remedies=remedies_for(rng, outcome, stage=2), actor=self.user("senior"),
                                     today=adjudicated)
        if fate == sc.STAGE3:
            self.stage_three(stage)
        else:
            self._close(self.after(stage.escalation_deadline_on, rng.randint(1, 8)), ClosureReason.NOT_ESCALATED)

    # -- Stage 3 (statutory review panel) -------------------------------------------------------
    def stage_three(self, previous: Stage) -> None:
        rng = self.rng
        stage = self._request(previous, "s3")
        panel = [self.user("panel1"), self.user("panel2"), self.user("panel3")]
        stage = stage_three_convene_panel(stage=stage, members=panel, chair=panel[0], actor=self.user("manager"))
        met = self.on(self.after(stage.requested_on, self.choose("s3_meet", lambda: rng.randint(18, 32))))
        stage = stage_three_panel_met(stage=stage, met_on=met, actor=self.handler, today=met)
        report = self.on(self.after(met, rng.randint(3, 6)))
        stage = stage_three_report_received(stage=stage, received_on=report, actor=self.handler, today=report)
        responded = self.on(self.after(report, rng.randint(8, 16)))
        outcome = weighted(rng, OUTCOMES_LATER_STAGE)
        departs = rng.random() < 0.3
        stage = stage_three_council_respond(
            stage=stage, responded_on=responded, findings=self._findings(outcome),
            remedies=remedies_for(rng, outcome, stage=3), departs_from_recommendations=departs,
            departure_reasons=texts.DEPARTURE_REASONS if departs else "", actor=self.user("senior"),
            today=responded,
        )
        self._close(self.after(responded, rng.randint(1, 5)), ClosureReason.COMPLETED)

    # -- Stage 2 (corporate) --------------------------------------------------------------------
    def corporate_stage_two(self, previous: Stage) -> None:
        rng = self.rng
        stage = self._request(previous, "s2")
        acknowledged = self.on(self.after(stage.requested_on, rng.randint(1, 5)))
        stage = stage_acknowledge_request(stage=stage, acknowledged_on=acknowledged, actor=self.handler,
                                          today=acknowledged)
        days = rng.randint(10, 20) if rng.random() < 0.85 else rng.randint(21, 26)
        responded = self.on(self.after(acknowledged, days))
        outcome = weighted(rng, OUTCOMES_LATER_STAGE)
        stage_respond(stage=stage, responded_on=responded, findings=self._findings(outcome),
                      remedies=remedies_for(rng, outcome, stage=2), actor=self.user("senior"), today=responded)
        self._close(self.after(responded, rng.randint(1, 5)), ClosureReason.COMPLETED)
