"""Forms for importing a complaints register in the browser: the file, the teams and themes to
create, and the confirmation. The file itself is judged by ``intake.importing`` (by its content,
never its name); the form only makes sure one was chosen."""

from typing import Any

from django import forms

from fairhearing.intake.importing.files import Limits


def megabytes(limits: Limits) -> str:
    return f"{limits.max_bytes / (1024 * 1024):g} MB"


class ImportUploadForm(forms.Form):
    """The register file to check."""

    file = forms.FileField(
        label="Upload a register file",
        error_messages={
            "required": "Select a CSV or Excel (.xlsx) file",
            "empty": "The selected file is empty",
            "invalid": "Select a CSV or Excel (.xlsx) file",
            "missing": "Select a CSV or Excel (.xlsx) file",
        },
    )

    def __init__(self, *args: Any, limits: Limits, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"A CSV (UTF-8) or Excel workbook (.xlsx) in the register format. The file must be smaller "
            f"than {megabytes(limits)} and hold at most {limits.max_rows:,} rows."
        )


class PendingForm(forms.Form):
    """Which waiting file a button is about, so a newer upload in another tab is never imported
    by a button on an older preview."""

    pending = forms.IntegerField(widget=forms.HiddenInput, error_messages={
        "required": "The file to import is missing; upload it again",
        "invalid": "The file to import is missing; upload it again",
    })


class ImportNamesForm(PendingForm):
    """The teams and themes the file names that Fair Hearing does not know, to create."""

    teams = forms.MultipleChoiceField(label="Create these teams", required=False, widget=forms.CheckboxSelectMultiple)
    themes = forms.MultipleChoiceField(label="Create these themes", required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, teams: list[str], themes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teams"].choices = [(name, name) for name in teams]
        self.fields["themes"].choices = [(name, name) for name in themes]
        self.fields["teams"].error_messages["invalid_choice"] = "Select only teams the file names"
        self.fields["themes"].error_messages["invalid_choice"] = "Select only themes the file names"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors and not cleaned.get("teams") and not cleaned.get("themes"):
            raise forms.ValidationError("Select the teams and themes to create")
        return cleaned
