"""Forms for importing a complaints register in the browser: the file, how its columns match the
register's, the teams and themes to create, and the confirmation (with the senior manager who
made the Stage 2 adjudications). The file itself is judged by ``intake.importing`` (by its
content, never its name); the form only makes sure one was chosen."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from fairhearing.accounts.roles import Role
from fairhearing.intake.importing.columns import Column, RegisterKind
from fairhearing.intake.importing.files import Limits
from fairhearing.intake.importing.mapping import IGNORE, check_mapping, column_label

from .steps_panel import PersonChoice


def megabytes(limits: Limits) -> str:
    return f"{limits.max_bytes / (1024 * 1024):g} MB"


# The kinds of register the upload page offers, as the manager knows them.
KIND_LABELS = {
    RegisterKind.COMPLAINTS: "Complaints",
    RegisterKind.COMPLIMENTS: "Compliments",
    RegisterKind.ENQUIRIES: "Members' enquiries",
    RegisterKind.OMBUDSMAN: "Ombudsman cases",
}


class ImportUploadForm(forms.Form):
    """The kind of register and the file to check."""

    kind = forms.ChoiceField(
        label="What does the file hold?", choices=list(KIND_LABELS.items()), initial=RegisterKind.COMPLAINTS,
        required=False, widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select what the file holds"},
    )
    file = forms.FileField(
        label="Upload a register file",
        error_messages={
            "required": "Select a CSV or Excel (.xlsx) file",
            "empty": "The selected file is empty",
            "invalid": "Select a CSV or Excel (.xlsx) file",
            "missing": "Select a CSV or Excel (.xlsx) file",
        },
    )

    def clean_kind(self) -> str:
        # Left out (an older form, a script): a complaints register, as before kinds were offered.
        return self.cleaned_data.get("kind") or RegisterKind.COMPLAINTS

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


class ColumnMappingForm(forms.Form):
    """Which of the register's columns each column of the file holds (or that it is not imported).

    One select per column of the file, named by position (headers may repeat or be blank). Every
    required column must be chosen, and no column twice.
    """

    def __init__(self, *args: Any, header: Sequence[str], columns: Sequence[Column], samples: Sequence[str] = (),
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header = tuple(header)
        self.columns = tuple(columns)
        choices = [(IGNORE, "Do not import")] + [
            (column.header, f"{column.header} (required)" if column.required else column.header) for column in columns
        ]
        for index in range(len(self.header)):
            sample = samples[index] if index < len(samples) else ""
            self.fields[self.field_name(index)] = forms.ChoiceField(
                label=column_label(self.header, index), choices=choices, required=False,
                help_text=f"For example: {sample}" if sample else "Empty in the first rows",
                error_messages={"invalid_choice": "Choose one of the register's columns, or Do not import"},
            )

    @staticmethod
    def field_name(index: int) -> str:
        return f"column_{index}"

    def targets(self) -> list[str]:
        """The choices, in the file's order (valid forms only)."""
        return [self.cleaned_data.get(self.field_name(index)) or IGNORE for index in range(len(self.header))]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        check = check_mapping(self.header, self.targets(), self.columns)
        for index, message in check.columns.items():
            self.add_error(self.field_name(index), message)
        for message in check.general:
            self.add_error(None, message)
        return cleaned


def senior_managers() -> QuerySet:
    """Active people with the senior manager role: who may be recorded as adjudicating Stage 2."""
    return get_user_model().objects.filter(is_active=True, groups__name=Role.SENIOR_MANAGER).distinct()


class ImportConfirmForm(PendingForm):
    """The button that imports the waiting file; with Stage 2 responses in the file, also the
    senior manager recorded as making those adjudications (required then).

    Whether the file has such rows is decided when the preview is drawn and posted back with the
    form; the import itself refuses a Stage 2 adjudication without a senior manager, so changing
    that in the browser can only stop the import, never record the wrong person.
    """

    needs_adjudicator = forms.BooleanField(required=False, widget=forms.HiddenInput)
    adjudicator = PersonChoice(
        queryset=get_user_model().objects.none(), required=False, label="Senior manager who adjudicated at Stage 2",
        empty_label="Choose a senior manager",
        help_text="Some complaints in the file had a Stage 2 response. The regulations say a senior "
                  "manager adjudicates; choose who is to be recorded as having done so.",
        error_messages={"invalid_choice": "Choose a senior manager from the list"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adjudicator"].queryset = senior_managers()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("needs_adjudicator") and not cleaned.get("adjudicator") and "adjudicator" not in self.errors:
            self.add_error("adjudicator", "Choose the senior manager who adjudicated at Stage 2")
        return cleaned
