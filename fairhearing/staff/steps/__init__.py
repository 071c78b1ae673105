"""The lifecycle steps a caseworker can take on a complaint, and the one place that decides which
are offered.

Each step names the Action a user's role must allow (cases.permissions), a test of whether the
complaint's state allows it now (steps/rules.py), the form that asks for its details and the
service it calls. The case page lists only the steps that pass both tests; the step pages refuse
any other (403 for the role, a plain message for the state) so nothing is offered that would only
fail. The services stay the final judge and refuse anything that slips through (for example two
people acting at once).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.urls import reverse

from fairhearing.cases import services as cases
from fairhearing.cases.choices import ChildConsent
from fairhearing.cases.details import complaint_details_update
from fairhearing.cases.models import Complaint
from fairhearing.cases.permissions import Action
from fairhearing.stages import services as stages
from fairhearing.stages.choices import ClockStart, Phase

from ..forms import steps_endings, steps_intake, steps_panel, steps_stages
from . import rules
from .state import CaseState, case_state_load

__all__ = ["STEPS", "STEPS_BY_NAME", "CaseState", "OfferedStep", "Step", "case_state_load", "steps_offered"]


@dataclass(frozen=True)
class Step:
    """One lifecycle step: who may take it, when, with which form, through which service."""

    name: str  # the URL segment, e.g. "extend"
    label: str  # the page heading and link text; {stage} and {next} are filled in
    action: Action
    check: Callable[[CaseState], str | None]
    form: type
    service: Callable[..., Any]
    success: str
    target: str = "complaint"  # the service takes complaint= or stage= (the open stage)
    dated: bool = True  # the service takes today=
    pressing: Callable[[CaseState], bool] = rules.always
    allows: Callable[[Any, CaseState], bool] = rules.anyone

    @property
    def url_name(self) -> str:
        return "step_" + self.name.replace("-", "_")

    def url(self, complaint: Complaint) -> str:
        return reverse(f"staff:{self.url_name}", args=[complaint.reference])

    def title(self, state: CaseState) -> str:
        return self.label.format(**state.numbers)

    def permitted(self, *, user: Any, state: CaseState, actions: frozenset[Action]) -> bool:
        """Does the user's role allow this step on this complaint (whatever its state)?"""
        return self.action in actions and self.allows(user, state)

    def perform(self, *, state: CaseState, form: Any, actor: Any, today: date) -> Any:
        """Call the service with the form's answers; DomainError passes up to the view."""
        kwargs = form.service_kwargs()
        if self.target == "stage":
            kwargs["stage"] = state.open_stage
        else:
            kwargs["complaint"] = state.complaint
        if self.dated:
            kwargs["today"] = today
        return self.service(actor=actor, **kwargs)


STEPS: tuple[Step, ...] = (
    Step("acknowledge", "Acknowledge the complaint", Action.ACKNOWLEDGE, rules.acknowledge,
         steps_intake.AcknowledgeForm, cases.complaint_acknowledge, "Acknowledgement recorded"),
    Step("late-decision", "Decide whether to accept the late complaint", Action.EDIT, rules.late_decision,
         steps_intake.LateDecisionForm, cases.complaint_decide_late_acceptance,
         "Decision on the late complaint recorded", pressing=lambda s: not s.complaint.late_decision),
    Step("sufficient-interest", "Decide on sufficient interest", Action.EDIT, rules.sufficient_interest,
         steps_intake.SufficientInterestForm, cases.complaint_decide_sufficient_interest,
         "Sufficient-interest decision recorded",
         pressing=lambda s: not s.complaint.sufficient_interest_decision),
    Step("start-stage-one", "Start Stage 1", Action.START_STAGE, rules.start_stage_one,
         steps_stages.StartStageOneForm, stages.stage_one_start, "Stage 1 started", dated=False),
    Step("statement-agreed", "Record the agreed statement of complaint", Action.START_STAGE,
         rules.clock_waits_for(ClockStart.STATEMENT_AGREED), steps_stages.StatementAgreedForm,
         stages.stage_two_agree_statement, "Statement of complaint recorded: the Stage 2 clock has started",
         target="stage"),
    Step("acknowledge-request", "Acknowledge the request for Stage {stage}", Action.START_STAGE,
         rules.clock_waits_for(ClockStart.ACKNOWLEDGED), steps_stages.AcknowledgeRequestForm,
         stages.stage_acknowledge_request, "Request acknowledged: the Stage {stage} clock has started",
         target="stage"),
    Step("appoint", "Appoint the Investigating Officer and Independent Person", Action.APPOINT,
         rules.statutory_stage_two, steps_panel.AppointForm, stages.stage_two_appoint, "Investigators appointed",
         target="stage", pressing=lambda s: s.open_stage.investigating_officer_id is None),
    Step("respond", "Record the Stage {stage} response", Action.RESPOND, rules.respond,
         steps_stages.RespondForm, stages.stage_respond, "Stage {stage} response recorded",
         target="stage", allows=rules.may_respond),
    Step("adjudicate", "Record the Stage 2 adjudication", Action.ADJUDICATE, rules.adjudicate,
         steps_panel.AdjudicateForm, stages.stage_two_adjudicate, "Stage 2 adjudication recorded",
         target="stage"),
    Step("convene-panel", "Convene the review panel", Action.PANEL,
         rules.panel(Phase.PANEL_MEETING, "convene the panel"), steps_panel.ConvenePanelForm,
         stages.stage_three_convene_panel, "Review panel convened", target="stage", dated=False,
         pressing=lambda s: len(s.open_stage.panel_members.all()) != 3),
    Step("panel-met", "Record the review panel meeting", Action.PANEL,
         rules.panel(Phase.PANEL_MEETING, "record the panel meeting", convened=True), steps_panel.PanelMetForm,
         stages.stage_three_panel_met, "Panel meeting recorded", target="stage"),
    Step("report-received", "Record the panel's report", Action.PANEL,
         rules.panel(Phase.PANEL_REPORT, "record the panel's report"), steps_panel.ReportReceivedForm,
         stages.stage_three_report_received, "Panel report recorded", target="stage"),
    Step("council-response", "Record the council's response to the panel", Action.COUNCIL_RESPOND,
         rules.panel(Phase.COUNCIL_RESPONSE, "record the council's response"), steps_panel.CouncilResponseForm,
         stages.stage_three_council_respond, "Council's response recorded", target="stage"),
    Step("request-next-stage", "Record a request for Stage {next}", Action.REQUEST_NEXT, rules.request_next,
         steps_stages.RequestNextForm, stages.stage_request_next, "Request for Stage {next} recorded"),
    Step("resume", "Restart the clock", Action.PAUSE, rules.resume, steps_stages.ResumeForm,
         stages.stage_resume, "Clock restarted", target="stage"),
    Step("child-consent", "Record the child's consent", Action.EDIT, rules.is_open, steps_intake.ChildConsentForm,
         cases.complaint_record_child_consent, "Child's consent recorded",
         pressing=lambda s: s.complaint.child_consent == ChildConsent.PENDING),
    Step("advocacy", "Record the offer of an advocate", Action.EDIT, rules.is_open, steps_intake.AdvocacyForm,
         cases.complaint_record_advocacy, "Advocacy recorded",
         pressing=lambda s: rules.statutory(s) and s.complaint.advocacy_offered_on is None),
    Step("close", "Close the complaint", Action.CLOSE, rules.close, steps_endings.CloseForm,
         stages.complaint_close, "Complaint closed", pressing=rules.close_pressing),
    Step("extend", "Extend Stage {stage}", Action.EXTEND, rules.extend, steps_stages.ExtendForm,
         stages.stage_extend, "Stage {stage} extended", target="stage", pressing=rules.never),
    Step("pause", "Pause the clock", Action.PAUSE, rules.pause, steps_stages.PauseForm, stages.stage_pause,
         "Clock paused", target="stage", pressing=rules.never),
    Step("add-point", "Add a point of complaint", Action.EDIT, rules.is_open, steps_intake.AddPointForm,
         cases.complaint_point_add, "Point of complaint added", dated=False,
         pressing=lambda s: not s.points and s.complaint.procedure.has_stages),
    Step("details", "Change the complaint's details", Action.EDIT, lambda s: None, steps_intake.DetailsForm,
         complaint_details_update, "Details saved", dated=False, pressing=rules.never),
    Step("withdraw", "Record a withdrawal", Action.WITHDRAW, rules.is_open, steps_endings.WithdrawForm,
         stages.complaint_withdraw, "Withdrawal recorded: the complaint is closed", pressing=rules.never),
    Step("reopen", "Reopen the complaint", Action.REOPEN, rules.reopen, steps_endings.ReopenForm,
         stages.complaint_reopen, "Complaint reopened", pressing=rules.never),
)
STEPS_BY_NAME = {step.name: step for step in STEPS}


@dataclass(frozen=True)
class OfferedStep:
    """A step as the case page shows it."""

    name: str
    title: str
    url: str
    pressing: bool


def steps_offered(*, user: Any, state: CaseState, actions: frozenset[Action]) -> list[OfferedStep]:
    """The steps this user may take on this complaint now, in the order of the procedure."""
    return [
        OfferedStep(step.name, step.title(state), step.url(state.complaint), step.pressing(state))
        for step in STEPS
        if step.permitted(user=user, state=state, actions=actions) and step.check(state) is None
    ]
