"""Forms for filing a document and adding a note on a complaint.

The file is checked here with the same function the service uses (``cases.attachments.file_check``),
so one submission reports every problem at once: a missing title and a file of the wrong type
together, rather than one after the other. The service checks again; the form is a convenience.
"""

from typing import Any

from django import forms
from django.conf import settings

from fairhearing.cases.attachments import (
    ALLOWED_TYPES_TEXT,
    EMPTY,
    NOTE_MAX_CHARS,
    TITLE_MAX_CHARS,
    AttachmentRefused,
    file_check,
)
from fairhearing.cases.models import DocumentKind


class DocumentUploadForm(forms.Form):
    """One file, a title for it and what kind of document it is."""

    file = forms.FileField(
        label="Upload a file",
        error_messages={
            "required": "Select a file",
            "empty": EMPTY,
            "invalid": "Select a file",
            "missing": "Select a file",
        },
    )
    title = forms.CharField(
        label="Title",
        help_text="Say what the document is, for example ‘Letter from the complainant, 3 March’",
        max_length=TITLE_MAX_CHARS,
        error_messages={
            "required": "Enter a title for the document",
            "max_length": f"The title must be {TITLE_MAX_CHARS} characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="What kind of document is it?",
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what kind of document this is",
            "invalid_choice": "Select what kind of document this is",
        },
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


class NoteForm(forms.Form):
    """The text of a case note."""

    text = forms.CharField(
        label="Add a note",
        help_text="For example, a telephone call, a conversation or a decision and the reason for it",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=NOTE_MAX_CHARS,
        error_messages={
            "required": "Enter the note",
            "max_length": f"The note must be {NOTE_MAX_CHARS:,} characters or fewer",
        },
    )
