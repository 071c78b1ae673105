"""Forms for letters: editing a template's wording, and choosing a letter to create on a complaint.

The template form checks merge fields with the same function the service uses
(``letters.services.letter_template_problems``), so every problem shows at once with GOV.UK
wording; the service checks again when saving.
"""

from datetime import datetime

from django import forms

from fairhearing.letters.choices import Audience, LetterKind
from fairhearing.letters.services import letter_template_problems

ADDITIONAL_MAX = 5_000


class _VersionField(forms.CharField):
    """When the record was last changed, as the page saw it; refuses an edit based on old data."""

    widget = forms.HiddenInput

    def to_python(self, value: str | None) -> datetime | None:
        value = super().to_python(value)
        if not value:
            return None
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None


class LetterTemplateForm(forms.Form):
    """A template's subject and wording."""

    subject = forms.CharField(
        label="Subject", required=False,  # required and length are checked in clean(), with the service
        help_text="The letter's heading. You can use merge fields, for example {{ reference }}.",
    )
    body = forms.CharField(
        label="Wording of the letter", required=False, widget=forms.Textarea(attrs={"rows": 28, "spellcheck": "true"}),
        help_text="Plain text. Leave a blank line between paragraphs. Write merge fields with double "
                  "curly brackets, for example {{ complainant_name }}. The fields you can use are listed "
                  "on this page.",
    )
    version = _VersionField(required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        problems = letter_template_problems(subject=cleaned.get("subject", ""), body=cleaned.get("body", ""))
        for field, messages in problems.items():
            for message in messages:
                self.add_error(field, message)
        return cleaned

    @property
    def error_summary(self) -> list[dict[str, str]]:
        """Entries for the GOV.UK error summary (includes/error_summary.html). The field's own error
        keeps the list of allowed merge fields; the summary gives the short version, linking to it."""
        summary = [{"text": str(error), "href": ""} for error in self.non_field_errors()]
        for name in ("subject", "body"):
            if self.errors.get(name):
                message = str(self.errors[name][0]).split(" You can use:")[0]
                summary.append({"text": message, "href": f"#{self[name].auto_id}"})
        return summary


class LetterChoiceForm(forms.Form):
    """Which letter, for whom, and anything to add to it."""

    kind = forms.ChoiceField(
        label="Which letter?", choices=LetterKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select which letter to create", "invalid_choice": "Select which letter to create"},
    )
    audience = forms.ChoiceField(
        label="Who is it written for?", choices=Audience.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select who the letter is written for",
                        "invalid_choice": "Select who the letter is written for"},
    )
    additional_information = forms.CharField(
        label="Anything to add to the letter (optional)", required=False, max_length=ADDITIONAL_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "true"}),
        help_text="For example the date, time and place of a review panel meeting. It appears where the "
                  "template has {{ additional_information }}. Leave it empty to leave it out.",
        error_messages={"max_length": f"What you add must be {ADDITIONAL_MAX:,} characters or fewer"},
    )
    template_version = _VersionField(required=False)
