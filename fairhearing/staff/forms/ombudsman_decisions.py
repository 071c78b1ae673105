"""Forms recording the Ombudsman's (LGSCO) decisions on a case: the date of the draft decision,
the final decision in the current labels (with its findings of fault and injustice), and a
decision from an older year in the categories used then. Which combinations make sense is the
service's to say (fairhearing.ombudsman.services).
"""

from django import forms

from fairhearing.core.forms import GovukDateField
from fairhearing.ombudsman.choices import ClosingReason, DecisionLabel, HistoricCategory

from .ombudsman import DatedForm, _choose


class DraftDecisionForm(DatedForm):
    draft_decision_on = GovukDateField(label="Date of the draft decision")


YES, NO, NO_FINDING = "yes", "no", "none"
FINDING_CHOICES = [(YES, "Yes"), (NO, "No"), (NO_FINDING, "No finding either way")]


def _finding(label: str, hint: str) -> forms.TypedChoiceField:
    """Yes, no, or no finding either way (None), as the service takes fault and injustice."""
    return forms.TypedChoiceField(
        label=label, help_text=hint, required=False, widget=forms.RadioSelect,
        choices=FINDING_CHOICES,
        coerce=lambda value: {YES: True, NO: False}.get(value), empty_value=None,
        error_messages=_choose("Choose yes, no or no finding"),
    )


class DecisionForm(DatedForm):
    """The Ombudsman's final decision in its current labels. Which combinations make sense (a
    reason for closing only with "closed after initial enquiries", injustice only with fault, ...)
    is the service's to say."""

    final_decision_on = GovukDateField(label="Date of the final decision")
    decision = forms.ChoiceField(
        label="What did the Ombudsman decide?", choices=DecisionLabel.choices, widget=forms.RadioSelect,
        error_messages=_choose("Choose the Ombudsman’s decision"),
    )
    closing_reason = forms.ChoiceField(
        label="Reason for closing", required=False, choices=ClosingReason.choices, widget=forms.RadioSelect,
        help_text="Only if the Ombudsman closed the case after initial enquiries",
        error_messages=_choose("Choose the reason for closing from the list"),
    )
    fault = _finding("Did the Ombudsman find fault?", "Only for a decision that is upheld or not upheld")
    injustice = _finding("Did the fault cause injustice?", "Only where the Ombudsman found fault")
    remedy_already_provided = forms.BooleanField(
        label="The council had already provided a remedy the Ombudsman found satisfactory", required=False,
    )
    public_interest_report = forms.BooleanField(
        label="The Ombudsman issued a public interest report", required=False,
    )


class HistoricDecisionForm(DatedForm):
    """A decision from an older year, in the categories used before the current labels."""

    final_decision_on = GovukDateField(label="Date of the final decision")
    historic_category = forms.ChoiceField(
        label="How was the decision recorded?", choices=HistoricCategory.choices, widget=forms.RadioSelect,
        error_messages=_choose("Choose the category the decision was recorded in"),
    )
