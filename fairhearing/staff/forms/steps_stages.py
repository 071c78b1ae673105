"""Forms for running a stage: starting Stage 1, extending, recording the response, asking for the
next stage, starting a waiting stage's clock, and pausing and restarting the clock."""

from typing import Any

from fairhearing.cases.choices import Decision
from fairhearing.core.dates import long_date
from fairhearing.stages.choices import ClockStart, PauseReason

from .steps_base import FindingsForm, StepForm, date_field, radios, text_field


class StartStageOneForm(StepForm):
    """A confirmation: the page shows when the clock starts and when the response will be due."""

    submit_label = "Start Stage 1"

    def facts(self) -> list[tuple[str, str]]:
        state = self.state
        complaint = state.complaint
        rule = state.rules[1]
        if rule.clock_starts == ClockStart.ACKNOWLEDGED:
            started, event = complaint.acknowledged_on, "Acknowledged"
        else:
            started, event = complaint.received_on, "Received"
        return [(event, long_date(started)),
                ("Response due", state.calendar.explain(started, rule.response_days))]

    def service_kwargs(self) -> dict[str, Any]:
        return {}


class ExtendForm(StepForm):
    """A longer response time, within the procedure's maximum, with the complainant told why."""

    submit_label = "Extend"
    new_due_on = date_field("New due date")
    reason = text_field("Reason for the extension", message="Enter the reason for the extension",
                        hint="For example, the complaint is complex or an advocate is needed. "
                             "The complainant must be told why.")
    complainant_told_on = date_field("Date the complainant was told")

    def facts(self) -> list[tuple[str, str]]:
        stage = self.state.open_stage
        rule = self.state.rules[stage.number]
        limit = self.state.extension_limit()
        return [("Due now", long_date(stage.due_on)),
                ("Latest date allowed",
                 f"{long_date(limit)} ({rule.max_response_days} working days in all)")]


class RespondForm(FindingsForm):
    """The stage's answer: an outcome for each point, any remedies, and the date it was sent."""

    submit_label = "Record response"

    def facts(self) -> list[tuple[str, str]]:
        stage = self.state.open_stage
        return [("Due", long_date(stage.due_on))] if stage and stage.due_on else []


class RequestNextForm(StepForm):
    """The complainant asks for the next stage; a late request needs a recorded decision."""

    submit_label = "Record request"
    requested_on = date_field("Date of the request")
    late_decision = radios(
        "If the request was late, is it accepted?",
        [(Decision.ACCEPTED, "Yes, accept it"), (Decision.REFUSED, "No, refuse it")],
        "Choose whether to accept the late request",
    )
    late_reason = text_field("Reason for accepting or refusing the late request",
                             hint="Only if the request was late. The complainant must be told why.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["late_decision"].required = False
        deadline = self.deadline
        if deadline:
            self.fields["late_decision"].help_text = f"Only if asked for after {long_date(deadline)}."

    @property
    def deadline(self) -> Any:
        return self.state.latest_stage.escalation_deadline_on

    def facts(self) -> list[tuple[str, str]]:
        last = self.state.latest_stage
        rows = [(f"Stage {last.number} response", long_date(last.responded_on))]
        if self.deadline:
            rows.append(("May ask until", long_date(self.deadline)))
        return rows

    def is_late(self) -> bool:
        requested = self.cleaned_data.get("requested_on")
        return bool(requested and self.deadline and requested > self.deadline)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.is_late():
            asked_by = long_date(self.deadline)
            if not cleaned.get("late_decision"):
                self.add_error("late_decision", f"The request came after {asked_by}: choose whether to accept it")
            if not cleaned.get("late_reason"):
                self.add_error("late_reason", "Enter the reason for accepting or refusing the late request")
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        late = self.is_late()
        return {"requested_on": self.cleaned_data["requested_on"],
                "late_decision": self.cleaned_data["late_decision"] if late else None,
                "late_reason": self.cleaned_data["late_reason"] if late else ""}


class StatementAgreedForm(StepForm):
    """The written statement of complaint is agreed: the statutory Stage 2 clock starts."""

    submit_label = "Record and start the clock"
    agreed_on = date_field("Date the statement of complaint was agreed")

    def facts(self) -> list[tuple[str, str]]:
        stage = self.state.open_stage
        return [("Stage 2 requested", long_date(stage.requested_on)),
                ("Time allowed", f"{self.state.rules[2].response_days} working days from the agreed statement")]


class AcknowledgeRequestForm(StepForm):
    """The request for a corporate Stage 2 is acknowledged: its clock starts."""

    submit_label = "Record and start the clock"
    acknowledged_on = date_field("Date the request was acknowledged")

    def facts(self) -> list[tuple[str, str]]:
        stage = self.state.open_stage
        rule = self.state.rules[stage.number]
        return [(f"Stage {stage.number} requested", long_date(stage.requested_on)),
                ("Time allowed", f"{rule.response_days} working days from the acknowledgement")]


class PauseForm(StepForm):
    """Stop the clock: court or police proceedings, or waiting for an advocate or the complainant."""

    submit_label = "Pause the clock"
    reason = radios("Why is the clock paused?", PauseReason.choices, "Choose why the clock is paused")
    started_on = date_field("Date the pause starts")
    note = text_field("Note (optional)", rows=3)

    def facts(self) -> list[tuple[str, str]]:
        stage = self.state.open_stage
        return [("Due now", long_date(stage.due_on))] if stage.due_on else []


class ResumeForm(StepForm):
    """Restart the clock; the due date moves on by the working days paused."""

    submit_label = "Restart the clock"
    resumed_on = date_field("Date the clock restarts")

    def facts(self) -> list[tuple[str, str]]:
        stage = self.state.open_stage
        pause = next((p for p in stage.pauses.all() if p.ended_on is None), None)
        rows = [("Due before the pause", long_date(stage.due_on))] if stage.due_on else []
        if pause is not None:
            rows.insert(0, ("Paused since", f"{long_date(pause.started_on)}: {pause.get_reason_display().lower()}"))
        return rows
