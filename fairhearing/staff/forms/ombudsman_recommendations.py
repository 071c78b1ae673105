"""Forms of the Ombudsman (LGSCO) pages about recommendations: recording, compliance and evidence."""

from typing import Any

from django import forms
from django.conf import settings

from fairhearing.cases.attachments import (
    ALLOWED_TYPES_TEXT,
    EMPTY,
    TITLE_MAX_CHARS,
    AttachmentRefused,
    file_check,
)
from fairhearing.core.forms import GovukDateField
from fairhearing.ombudsman.choices import RecommendationKind

from .ombudsman import TEXT_MAX_CHARS, DatedForm, _choose
from .steps_base import MoneyField

# Recommendations and evidence -------------------------------------------------------------------

class RecommendationForm(DatedForm):
    kind = forms.ChoiceField(
        label="What kind of recommendation is it?", choices=RecommendationKind.choices,
        widget=forms.RadioSelect, error_messages=_choose("Choose what kind of recommendation this is"),
    )
    text = forms.CharField(
        label="The recommendation", help_text="In the Ombudsman’s words", max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the recommendation, in the Ombudsman’s words",
                        "max_length": f"The recommendation must be {TEXT_MAX_CHARS:,} characters or fewer"},
    )
    amount = MoneyField(
        label="Amount, in pounds (for a payment)", required=False, min_value=0, max_digits=10, decimal_places=2,
        help_text="For example, 250 or 1,250.50",
        error_messages={"invalid": "Enter the amount in pounds, for example 250 or 1,250.50",
                        "min_value": "The amount cannot be negative",
                        "max_digits": "Enter an amount under £100,000,000",
                        "max_whole_digits": "Enter an amount under £100,000,000"},
    )
    due_on = GovukDateField(label="Date it is due by")


class CompliedForm(DatedForm):
    completed_on = GovukDateField(label="Date the council did it")
    evidence_note = forms.CharField(
        label="What the council did and the evidence it sent the Ombudsman", max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say what the council did and what evidence it sent the Ombudsman",
                        "max_length": f"The note must be {TEXT_MAX_CHARS:,} characters or fewer"},
    )


class NotCompliedForm(forms.Form):
    evidence_note = forms.CharField(
        label="What the Ombudsman decided about compliance", max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say what the Ombudsman decided about compliance",
                        "max_length": f"The note must be {TEXT_MAX_CHARS:,} characters or fewer"},
    )


class EvidenceUploadForm(forms.Form):
    """A file showing a recommendation was carried out, and a title for it. The file is checked
    with the service's own check, so every problem shows at once; the service checks again."""

    file = forms.FileField(
        label="Upload a file",
        error_messages={"required": "Select a file", "empty": EMPTY, "invalid": "Select a file",
                        "missing": "Select a file"},
    )
    title = forms.CharField(
        label="Title", max_length=TITLE_MAX_CHARS,
        help_text="Say what the file is, for example ‘Apology letter, 3 March’",
        error_messages={"required": "Enter a title for the evidence",
                        "max_length": f"The title must be {TITLE_MAX_CHARS} characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"{ALLOWED_TYPES_TEXT}. The file must be smaller than {settings.DOCUMENT_MAX_MB} MB."
        )

    def clean_file(self) -> Any:
        uploaded_file = self.cleaned_data["file"]
        try:
            file_check(uploaded_file)
        except AttachmentRefused as refusal:
            raise forms.ValidationError(refusal.message, code=refusal.code) from None
        return uploaded_file
