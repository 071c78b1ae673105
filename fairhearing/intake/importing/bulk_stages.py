"""The stage services' steps, taken on a batch's records in memory: the half of
``bulk.BatchReplay`` that follows a complaint through its stages.

Each step is the service of the same name (stages.services), for what an import does: the same
checks in the same order with the same messages, the same dates from the same functions
(``stages.deadlines``, ``findings_build``, the file's calendar), the same statuses and the same
audit events. When a stage service changes, change its step here too:
``fairhearing/intake/tests/test_writer_paths.py`` compares both ways, field by field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from fairhearing.cases.choices import ComplaintStatus
from fairhearing.cases.models import Complaint, ComplaintPoint
from fairhearing.cases.services import complaint_ready_for_stage_one
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.stages.choices import ClockStart, Outcome, Phase, RequestDecision, StageStatus
from fairhearing.stages.deadlines import response_working_days, stage_apply_due_on
from fairhearing.stages.models import PanelMember, Stage, StageExtension, StageRule
from fairhearing.stages.services import PointFinding, RemedyInput
from fairhearing.stages.services._common import (
    close_stage,
    findings_build,
    require_date,
    require_not_paused,
    require_open,
)
from fairhearing.stages.services.escalation import request_decision
from fairhearing.workingdays.calendar import WorkingDayCalendar

from .bulk_save import Unsaved

PANEL_SIZE = 3


class StageSteps:
    """The stage steps of :class:`bulk.BatchReplay`, which holds the state they read and write."""

    calendar: WorkingDayCalendar
    # Every procedure's stage rules by (procedure key, stage number), read once per import.
    _rules: dict[tuple[int, int], StageRule]
    _unsaved: Unsaved
    # The complaint being replayed: its points, its stages in order, its panel's size.
    _points: list[ComplaintPoint]
    _row_stages: list[Stage]
    _panel_size: int

    def _record(self, *, actor: Any, verb: str, stage: Stage | None, complaint: Complaint, summary: str,
                changes: dict | None = None, data: dict | None = None) -> None:
        """A step on the complaint's timeline (BatchReplay's, as stages.services._common.record)."""
        raise NotImplementedError

    def _rule(self, complaint: Complaint, number: int) -> StageRule | None:
        return self._rules.get((complaint.procedure_id, number))

    def _require_rule(self, complaint: Complaint, number: int) -> StageRule:
        rule = self._rule(complaint, number)
        if rule is None:
            raise TransitionNotAllowed(f"The {complaint.procedure.name} has no Stage {number}.")
        return rule

    def _new_stage(self, stage: Stage) -> Stage:
        self._row_stages.append(stage)
        self._unsaved.stages.append(stage)
        return stage

    def stage_one_start(self, *, complaint: Complaint, actor: Any, today: date) -> Stage:
        """As stages.services.stage_one_start."""
        complaint_ready_for_stage_one(complaint)
        rule = self._require_rule(complaint, 1)
        if rule.clock_starts == ClockStart.ACKNOWLEDGED:
            if complaint.acknowledged_on is None:
                raise DomainError(
                    f"Under the {complaint.procedure.name}, Stage 1 counts from the acknowledgement. "
                    "Record the acknowledgement first."
                )
            started = complaint.acknowledged_on
        else:
            started = complaint.received_on
        stage = self._new_stage(Stage(complaint=complaint, number=1, requested_on=complaint.received_on,
                                      clock_started_on=started, allowed_working_days=rule.response_days))
        stage_apply_due_on(stage, self.calendar)
        stage.original_due_on = stage.due_on
        complaint.status = ComplaintStatus.IN_STAGE
        self._record(actor=actor, verb="stage.started", stage=stage, complaint=complaint,
                     summary=f"Stage 1 started: response due {long_date(stage.due_on)}",
                     data={"clock_started_on": started, "due_on": stage.due_on})
        return stage

    def stage_extend(self, *, stage: Stage, new_due_on: date, reason: str, complainant_told_on: date, actor: Any,
                     today: date) -> Stage:
        """As stages.services.stage_extend."""
        require_open(stage)
        require_not_paused(stage, "extend it")
        if stage.phase != Phase.RESPONSE or stage.clock_started_on is None:
            raise TransitionNotAllowed(f"Stage {stage.number} has no response deadline to extend now.")
        rule = self._require_rule(stage.complaint, stage.number)
        if not reason.strip():
            raise DomainError("Give the reason for the extension: the complainant must be told why.")
        require_date(complainant_told_on, label="date the complainant was told", today=today,
                     not_before=stage.requested_on, not_before_label="the stage began")
        calendar = self.calendar
        if not calendar.is_working_day(new_due_on):
            raise DomainError(f"{long_date(new_due_on)} is not a working day. Choose a working day.")
        if new_due_on <= stage.due_on:
            raise DomainError(f"The new due date must be after the current one ({long_date(stage.due_on)}).")
        allowed = calendar.working_days_between(stage.clock_started_on, new_due_on) - stage.paused_working_days
        if allowed > rule.max_response_days:
            latest = calendar.add_working_days(
                stage.clock_started_on, rule.max_response_days + stage.paused_working_days
            )
            raise DomainError(
                f"Stage {stage.number} can take at most {rule.max_response_days} working days in all "
                f"({rule.source or rule.procedure}). The latest possible due date is {long_date(latest)}."
            )
        previous = stage.due_on
        self._unsaved.extensions.append(StageExtension(
            stage=stage, previous_due_on=previous, new_due_on=new_due_on, reason=reason.strip(),
            complainant_told_on=complainant_told_on, created_by=actor,
        ))
        stage.allowed_working_days = allowed
        stage_apply_due_on(stage, calendar)
        self._record(actor=actor, verb="stage.extended", stage=stage, complaint=stage.complaint,
                     summary=f"Stage {stage.number} extended to {long_date(new_due_on)} ({allowed} working days)",
                     changes={"due_on": [previous, new_due_on]},
                     data={"reason": reason.strip(), "complainant_told_on": complainant_told_on})
        return stage

    def _respond(self, *, stage: Stage, responded_on: date, findings: Mapping[int, PointFinding],
                 remedies: Sequence[RemedyInput], actor: Any, today: date, verb: str, label: str,
                 rule: StageRule) -> Stage:
        """As stages.services.responses.respond."""
        require_open(stage)
        require_not_paused(stage, "record the response")
        require_date(responded_on, label="response date", today=today,
                     not_before=stage.requested_on, not_before_label="the stage began")
        outcomes, remedy_rows, outcome = findings_build(stage=stage, points=self._points, findings=findings,
                                                        remedies=remedies)
        self._unsaved.outcomes.extend(outcomes)
        self._unsaved.remedies.extend(remedy_rows)
        stage.outcome = outcome
        stage.responded_on = responded_on
        stage.response_working_days = response_working_days(stage, responded_on, self.calendar)
        stage.responded_by = actor
        close_stage(stage, status=StageStatus.RESPONDED, closed_on=responded_on)
        complaint = stage.complaint
        if rule.escalation_window_days and self._rule(complaint, stage.number + 1) is not None:
            stage.escalation_deadline_on = self.calendar.add_working_days(responded_on, rule.escalation_window_days)
        complaint.status = ComplaintStatus.RESPONDED
        on_time = stage.due_on is None or responded_on <= stage.due_on
        self._record(actor=actor, verb=verb, stage=stage, complaint=complaint,
                     summary=f"{label} on {long_date(responded_on)}: {Outcome(outcome).label.lower()}"
                     + ("" if on_time else " (late)"),
                     data={"outcome": outcome, "on_time": on_time, "due_on": stage.due_on,
                           "points": {str(k): v.outcome for k, v in findings.items()},
                           "remedies": [r.kind for r in remedies]})
        return stage

    def stage_respond(self, *, stage: Stage, responded_on: date, findings: Mapping[int, PointFinding],
                      remedies: Sequence[RemedyInput] = (), actor: Any, today: date) -> Stage:
        """As stages.services.stage_respond."""
        rule = self._require_rule(stage.complaint, stage.number)
        if stage.number == 2 and rule.is_statutory:
            raise TransitionNotAllowed("A statutory Stage 2 ends with the adjudication. Use adjudicate.")
        if stage.number == 3:
            raise TransitionNotAllowed("Stage 3 ends with the council's response to the panel.")
        if stage.clock_started_on is None:
            raise TransitionNotAllowed(f"Stage {stage.number}'s clock has not started yet.")
        return self._respond(stage=stage, responded_on=responded_on, findings=findings, remedies=remedies,
                             actor=actor, today=today, verb="stage.responded",
                             label=f"Stage {stage.number} response sent", rule=rule)

    def stage_request_next(self, *, complaint: Complaint, requested_on: date, actor: Any,
                           late_decision: str | None = None, late_reason: str = "", today: date) -> Stage:
        """As stages.services.stage_request_next."""
        if complaint.status in {ComplaintStatus.CLOSED, ComplaintStatus.WITHDRAWN}:
            raise TransitionNotAllowed("This complaint is closed. Reopen it, with a reason, first.")
        previous = self._row_stages[-1] if self._row_stages else None
        if previous is None:
            raise TransitionNotAllowed("Stage 1 has not started, so there is nothing to escalate.")
        if previous.status == StageStatus.OPEN:
            raise TransitionNotAllowed(f"Stage {previous.number} is still open.")
        if previous.status != StageStatus.RESPONDED:
            raise TransitionNotAllowed(
                f"Stage {previous.number} did not end with a response, so it cannot be escalated."
            )
        number = previous.number + 1
        rule = self._require_rule(complaint, number)
        require_date(requested_on, label="date of the request", today=today,
                     not_before=previous.responded_on, not_before_label=f"the Stage {previous.number} response")
        decision = request_decision(previous=previous, requested_on=requested_on,
                                    late_decision=late_decision, reason=late_reason)
        if decision == RequestDecision.LATE_REFUSED:
            raise DomainError("An imported register records only stages that went ahead.")
        stage = self._new_stage(Stage(complaint=complaint, number=number, requested_on=requested_on,
                                      request_decision=decision, request_decision_reason=late_reason.strip()))
        if rule.clock_starts == ClockStart.REQUESTED:
            stage.clock_started_on = requested_on
            stage.allowed_working_days = rule.response_days
            stage.phase = Phase.PANEL_MEETING if number == 3 else Phase.RESPONSE
            stage_apply_due_on(stage, self.calendar)
            stage.original_due_on = stage.due_on
        else:
            stage.phase = Phase.AWAITING_START
        complaint.status = ComplaintStatus.IN_STAGE
        summary = f"Stage {number} requested on {long_date(requested_on)}"
        if decision == RequestDecision.LATE_ACCEPTED:
            summary += " (late, accepted)"
        self._record(actor=actor, verb="stage.requested", stage=stage, complaint=complaint, summary=summary,
                     data={"request_decision": decision, "due_on": stage.due_on})
        return stage

    def _start_clock(self, *, stage: Stage, started_on: date, event: str, actor: Any, today: date) -> Stage:
        """As stages.services.escalation.stage_start_clock."""
        if stage.status != StageStatus.OPEN or stage.phase != Phase.AWAITING_START:
            raise TransitionNotAllowed(f"Stage {stage.number}'s clock has already started.")
        rule = self._require_rule(stage.complaint, stage.number)
        if rule.clock_starts != event:
            raise TransitionNotAllowed(
                f"Under the {stage.complaint.procedure.name}, Stage {stage.number} counts from "
                f"{ClockStart(rule.clock_starts).label.lower()}."
            )
        require_date(started_on, label="date", today=today, not_before=stage.requested_on,
                     not_before_label="the request")
        stage.clock_started_on = started_on
        stage.allowed_working_days = rule.response_days
        stage.phase = Phase.RESPONSE
        if event == ClockStart.STATEMENT_AGREED:
            stage.statement_agreed_on = started_on
        else:
            stage.acknowledged_on = started_on
        stage_apply_due_on(stage, self.calendar)
        stage.original_due_on = stage.due_on
        what = "Statement of complaint agreed" if event == ClockStart.STATEMENT_AGREED else "Request acknowledged"
        self._record(actor=actor, verb="stage.clock_started", stage=stage, complaint=stage.complaint,
                     summary=f"{what} on {long_date(started_on)}: Stage {stage.number} response due "
                             f"{long_date(stage.due_on)}",
                     data={"event": event, "due_on": stage.due_on})
        return stage

    def stage_acknowledge_request(self, *, stage: Stage, acknowledged_on: date, actor: Any, today: date) -> Stage:
        """As stages.services.stage_acknowledge_request."""
        return self._start_clock(stage=stage, started_on=acknowledged_on, event=ClockStart.ACKNOWLEDGED,
                                 actor=actor, today=today)

    @staticmethod
    def _stage_two_check(stage: Stage) -> Stage:
        if stage.number != 2:
            raise TransitionNotAllowed("This step belongs to Stage 2.")
        return stage

    def stage_two_agree_statement(self, *, stage: Stage, agreed_on: date, actor: Any, today: date) -> Stage:
        """As stages.services.stage_two_agree_statement."""
        return self._start_clock(stage=self._stage_two_check(stage), started_on=agreed_on,
                                 event=ClockStart.STATEMENT_AGREED, actor=actor, today=today)

    def stage_two_appoint(self, *, stage: Stage, investigating_officer: Any, independent_person: Any,
                          appointed_on: date, actor: Any, today: date) -> Stage:
        """As stages.services.stage_two_appoint (nobody is told: an import's allocations are history)."""
        stage = self._stage_two_check(stage)
        require_open(stage)
        if not self._require_rule(stage.complaint, 2).is_statutory:
            raise TransitionNotAllowed("Only the statutory Stage 2 has an Investigating Officer and Independent Person.")
        if investigating_officer is None or independent_person is None:
            raise DomainError("Choose both the Investigating Officer and the Independent Person.")
        if investigating_officer.pk == independent_person.pk:
            raise DomainError("The Investigating Officer and the Independent Person must be different people.")
        for person in (investigating_officer, independent_person):
            if not person.is_active:
                raise DomainError(f"{person} cannot be appointed: their account is not active.")
        require_date(appointed_on, label="appointment date", today=today,
                     not_before=stage.requested_on, not_before_label="the Stage 2 request")
        before = [str(stage.investigating_officer or "") or None, str(stage.independent_person or "") or None]
        stage.investigating_officer = investigating_officer
        stage.independent_person = independent_person
        stage.appointed_on = appointed_on
        self._record(actor=actor, verb="stage.investigators_appointed", stage=stage, complaint=stage.complaint,
                     summary=f"Investigating Officer {investigating_officer} and Independent Person "
                             f"{independent_person} appointed on {long_date(appointed_on)}",
                     changes={"investigating_officer": [before[0], str(investigating_officer)],
                              "independent_person": [before[1], str(independent_person)]})
        return stage

    def stage_two_adjudicate(self, *, stage: Stage, adjudicated_on: date, findings: Mapping[int, PointFinding],
                             remedies: Sequence[RemedyInput] = (), actor: Any, today: date) -> Stage:
        """As stages.services.stage_two_adjudicate (the replay has checked the actor is a senior manager)."""
        stage = self._stage_two_check(stage)
        require_open(stage)
        if stage.statement_agreed_on is None:
            raise TransitionNotAllowed("Agree the statement of complaint before adjudicating.")
        if stage.investigating_officer_id is None or stage.independent_person_id is None:
            raise TransitionNotAllowed("Appoint the Investigating Officer and Independent Person before adjudicating.")
        return self._respond(stage=stage, responded_on=adjudicated_on, findings=findings, remedies=remedies,
                             actor=actor, today=today, verb="stage.adjudicated", label="Stage 2 adjudication sent",
                             rule=self._require_rule(stage.complaint, 2))

    @staticmethod
    def _stage_three_check(stage: Stage, *, phase: str, action: str) -> Stage:
        """As stages.services.stage_three._lock_stage_three."""
        if stage.number != 3:
            raise TransitionNotAllowed("This step belongs to Stage 3.")
        require_open(stage)
        require_not_paused(stage, action)
        if stage.phase != phase:
            raise TransitionNotAllowed(
                f"Stage 3 is at '{Phase(stage.phase).label.lower()}', so you cannot {action} now."
            )
        return stage

    def _reach_milestone(self, stage: Stage, *, event_on: date, next_phase: str, days: int, verb: str, done: str,
                         next_due: str, actor: Any) -> Stage:
        """As stages.services.stage_three._reach_milestone."""
        on_time = event_on <= stage.due_on
        stage.phase = next_phase
        stage.clock_started_on = event_on
        stage.allowed_working_days = days
        stage.paused_working_days = 0
        stage_apply_due_on(stage, self.calendar)
        self._record(actor=actor, verb=verb, stage=stage, complaint=stage.complaint,
                     summary=f"{done} on {long_date(event_on)}" + ("" if on_time else " (late)")
                     + f": {next_due} due {long_date(stage.due_on)}",
                     data={"on_time": on_time, "due_on": stage.due_on})
        return stage

    def stage_three_convene_panel(self, *, stage: Stage, members: Sequence[Any], chair: Any, actor: Any) -> Stage:
        """As stages.services.stage_three_convene_panel, for a panel convened once."""
        stage = self._stage_three_check(stage, phase=Phase.PANEL_MEETING, action="convene the panel")
        distinct = {member.pk: member for member in members if member is not None}
        if len(distinct) != PANEL_SIZE:
            raise DomainError("A review panel has exactly three different people.")
        if chair is None or chair.pk not in distinct:
            raise DomainError("Choose which of the three panel members chairs the panel.")
        stage_two = next((s for s in self._row_stages if s.number == 2), None)
        if stage_two is not None:
            if stage_two.independent_person_id in distinct:
                person = distinct[stage_two.independent_person_id]
                raise DomainError(
                    f"{person} was the Independent Person at Stage 2 and cannot sit on the review "
                    "panel (regulation 19(3))."
                )
            if stage_two.investigating_officer_id in distinct:
                person = distinct[stage_two.investigating_officer_id]
                raise DomainError(
                    f"{person} was the Investigating Officer at Stage 2; panel members must be independent."
                )
        self._unsaved.panel.extend(PanelMember(stage=stage, member=member, is_chair=member.pk == chair.pk)
                                   for member in distinct.values())
        self._panel_size = len(distinct)
        self._record(actor=actor, verb="stage.panel_convened", stage=stage, complaint=stage.complaint,
                     summary=f"Review panel convened, chaired by {chair}",
                     data={"members": sorted(distinct), "chair": chair.pk})
        return stage

    def stage_three_panel_met(self, *, stage: Stage, met_on: date, actor: Any, today: date) -> Stage:
        """As stages.services.stage_three_panel_met."""
        stage = self._stage_three_check(stage, phase=Phase.PANEL_MEETING, action="record the panel meeting")
        if self._panel_size != PANEL_SIZE:
            raise TransitionNotAllowed("Convene the panel (three members and a chair) before it meets.")
        require_date(met_on, label="date the panel met", today=today, not_before=stage.requested_on,
                     not_before_label="the Stage 3 request")
        stage.panel_met_on = met_on
        return self._reach_milestone(
            stage, event_on=met_on, next_phase=Phase.PANEL_REPORT,
            days=self._require_rule(stage.complaint, 3).panel_report_days, verb="stage.panel_met",
            done="Review panel met", next_due="report", actor=actor,
        )

    def stage_three_report_received(self, *, stage: Stage, received_on: date, actor: Any, today: date) -> Stage:
        """As stages.services.stage_three_report_received."""
        stage = self._stage_three_check(stage, phase=Phase.PANEL_REPORT, action="record the panel's report")
        require_date(received_on, label="date the report was received", today=today,
                     not_before=stage.panel_met_on, not_before_label="the panel meeting")
        stage.report_received_on = received_on
        return self._reach_milestone(
            stage, event_on=received_on, next_phase=Phase.COUNCIL_RESPONSE,
            days=self._require_rule(stage.complaint, 3).council_response_days,
            verb="stage.panel_report_received", done="Panel report received", next_due="council response",
            actor=actor,
        )

    def stage_three_council_respond(self, *, stage: Stage, responded_on: date, findings: Mapping[int, PointFinding],
                                    remedies: Sequence[RemedyInput] = (), actor: Any, today: date) -> Stage:
        """As stages.services.stage_three_council_respond, following the panel's recommendations."""
        stage = self._stage_three_check(stage, phase=Phase.COUNCIL_RESPONSE, action="record the council's response")
        require_date(responded_on, label="response date", today=today,
                     not_before=stage.report_received_on, not_before_label="the panel's report arrived")
        stage.departs_from_recommendations = False
        stage.departure_reasons = ""
        return self._respond(stage=stage, responded_on=responded_on, findings=findings, remedies=remedies,
                             actor=actor, today=today, verb="stage.council_responded",
                             label="Council's response to the review panel sent",
                             rule=self._require_rule(stage.complaint, 3))
