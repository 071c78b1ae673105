"""Forms for emails: editing an email's wording, and the outbox page's filter.

The wording form checks merge fields and subject lines with the function the service uses
(``notifications.services.email_template_problems``), so every problem shows at once; the service
checks again when saving.
"""

from typing import Any

from django import forms

from fairhearing.notifications.choices import OutboxStatus
from fairhearing.notifications.services import email_template_problems


class EmailTemplateForm(forms.Form):
    """An email's subject line and wording."""

    subject = forms.CharField(
        label="Subject line", required=False,  # required and length are checked in clean(), with the service
        help_text="Only the fields marked ‘can go in the subject line’ may be used here: subject lines "
                  "show on lock screens and in shared inboxes, so they must not name anyone.",
    )
    body = forms.CharField(
        label="Wording of the email", required=False,
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "true"}),
        help_text="Plain text. Leave a blank line between paragraphs. Write merge fields with double "
                  "curly brackets, for example {{ reference }}. The fields you can use are listed on this page.",
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, key: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key = key

    def clean(self) -> dict:
        cleaned = super().clean()
        problems = email_template_problems(
            key=self.key, subject=cleaned.get("subject", ""), body=cleaned.get("body", "")
        )
        for field, messages in problems.items():
            for message in messages:
                self.add_error(field, message)
        return cleaned

    @property
    def error_summary(self) -> list[dict[str, str]]:
        """Entries for the GOV.UK error summary: the short version of each message, linking to the
        field, whose own error keeps the list of fields that may be used."""
        summary = [{"text": str(error), "href": ""} for error in self.non_field_errors()]
        for name in ("subject", "body"):
            for error in self.errors.get(name, []):
                text = str(error).split(" You can use:")[0].split(" In the subject you can use:")[0]
                summary.append({"text": text, "href": f"#{self[name].auto_id}"})
        return summary


OUTBOX_VIEWS = [
    (OutboxStatus.FAILED.value, "Failed"),
    (OutboxStatus.QUEUED.value, "Waiting to be sent"),
    (OutboxStatus.SENDING.value, "Being sent"),
    (OutboxStatus.SENT.value, "Sent"),
]


class OutboxFilterForm(forms.Form):
    """Which messages the outbox page lists; failed ones unless another status is chosen."""

    status = forms.ChoiceField(
        label="Show", choices=OUTBOX_VIEWS, required=False,
        error_messages={"invalid_choice": "Choose which emails to show from the list"},
    )

    def chosen(self) -> str:
        if self.is_valid() and self.cleaned_data.get("status"):
            return self.cleaned_data["status"]
        return OutboxStatus.FAILED.value
