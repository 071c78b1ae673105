"""Forms for ending a complaint and for reopening it: withdrawal, closing (with the reasons that
fit where the complaint is) and reopening."""

from typing import Any

from fairhearing.cases.choices import ClosureReason, ComplaintStatus, Decision, WithdrawalMethod
from fairhearing.core.dates import long_date
from fairhearing.stages.services.endings import CLOSE_AFTER_RESPONSE, CLOSE_BEFORE_STAGES

from .steps_base import StepForm, date_field, radios, text_field


class WithdrawForm(StepForm):
    """The complainant withdraws: any open stage ends and the complaint is closed."""

    submit_label = "Record withdrawal"
    withdrawn_on = date_field("Date of withdrawal")
    method = radios("How did the complainant withdraw?", WithdrawalMethod.choices,
                    "Choose how the complainant withdrew")
    reason = text_field("Reason given (optional)", rows=3)


def closure_reasons(state: Any) -> list[tuple[str, str]]:
    """The reasons that fit where the complaint is (the same rule as the closing service)."""
    complaint = state.complaint
    if state.open_stage is not None:
        allowed = {ClosureReason.RESOLVED_INFORMALLY}
    elif complaint.status == ComplaintStatus.RECEIVED:
        allowed = set(CLOSE_BEFORE_STAGES)
        if complaint.late_decision != Decision.REFUSED:
            allowed.discard(ClosureReason.NOT_ACCEPTED_LATE)
    else:
        allowed = set(CLOSE_AFTER_RESPONSE)
    return [(value, label) for value, label in ClosureReason.choices if value in allowed]


class CloseForm(StepForm):
    """Close a complaint that has been answered, resolved early, or not accepted."""

    submit_label = "Close complaint"
    reason = radios("Why is the complaint being closed?", [], "Choose why the complaint is being closed")
    closed_on = date_field("Date closed")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = closure_reasons(self.state)
        stage = self.state.open_stage
        if stage is not None:
            self.fields["reason"].help_text = (
                f"Stage {stage.number} is still open: closing now records that it was resolved informally."
            )

    def facts(self) -> list[tuple[str, str]]:
        last = self.state.latest_stage
        if last is not None and last.escalation_deadline_on:
            return [("Time to ask for the next stage", f"Until {long_date(last.escalation_deadline_on)}")]
        return []


class ReopenForm(StepForm):
    """Reopen a closed or withdrawn complaint, with the reason."""

    submit_label = "Reopen complaint"
    reopened_on = date_field("Date reopened")
    reason = text_field("Reason for reopening", message="Enter the reason for reopening the complaint")

    def facts(self) -> list[tuple[str, str]]:
        complaint = self.state.complaint
        closed = complaint.get_closure_reason_display() or complaint.get_status_display()
        return [("Closed", f"{long_date(complaint.closed_on)}: {closed.lower()}")] if complaint.closed_on else []
