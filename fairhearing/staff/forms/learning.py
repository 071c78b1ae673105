"""Forms for learning notes and their filters, and the helpers the learning forms share."""

import re
from datetime import date
from typing import Any

from django import forms

from fairhearing.accounts.models import Team
from fairhearing.cases.models import Complaint, Theme
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.core.forms import GovukDateField
from fairhearing.learning.choices import RootCause
from fairhearing.learning.models import LearningNote
from fairhearing.learning.selectors import (
    LearningNoteFilters,
    complaints_find_by_reference,
    ombudsman_cases_find_by_reference,
)
from fairhearing.ombudsman.models import OmbudsmanCase
from fairhearing.ombudsman.references import REFERENCE_EXAMPLE, lgsco_reference_normalise
from fairhearing.stages.models import Stage

# More references than this in one box is a mistake (a pasted list), not a meeting's agenda.
MAX_REFERENCES = 50
_COMPLAINT_SEPARATORS = re.compile(r"[\s,;]+")
# LGSCO references contain spaces, so only commas, semicolons and new lines separate them.
_LGSCO_SEPARATORS = re.compile(r"[,;\n]+")


def _text(label: str, *, message: str = "", hint: str = "", rows: int = 5, max_length: int | None = None,
          what: str = "") -> forms.CharField:
    """A text area (or a one-line box when ``max_length`` is given); required when ``message`` (the
    GOV.UK error when it is empty) is given."""
    widget = forms.TextInput() if max_length else forms.Textarea(attrs={"rows": rows})
    errors = {"required": message} if message else {}
    if max_length:
        errors["max_length"] = f"{what or label} must be {max_length} characters or fewer"
    return forms.CharField(label=label, required=bool(message), help_text=hint, widget=widget,
                           max_length=max_length, error_messages=errors)


def _date(label: str, *, required: bool = False, hint: str = "") -> GovukDateField:
    return GovukDateField(label=label, required=required, help_text=hint)


def _for_example(today: date) -> str:
    return f"For example, {today.day} {today.month} {today.year}"


def service_error_field(error: DomainError, fields: dict[str, str]) -> str | None:
    """The field a service's refusal is about: the first of ``fields`` (words in the message ->
    field name) whose words the message contains; None for a message about the whole form."""
    if isinstance(error, TransitionNotAllowed):
        return None
    message = error.message.lower()
    return next((name for words, name in fields.items() if words in message), None)


def service_error_add(form: forms.Form, error: DomainError, fields: dict[str, str]) -> None:
    """Show a service's refusal on the form, as a GOV.UK error message (no full stop)."""
    form.add_error(service_error_field(error, fields), error.message.rstrip("."))


# References typed into a box ---------------------------------------------------------------

def _split(value: str, separators: re.Pattern[str]) -> list[str]:
    return [part.strip() for part in separators.split(value or "") if part.strip()]


def _too_many(parts: list[str], what: str) -> None:
    if len(parts) > MAX_REFERENCES:
        raise forms.ValidationError(f"Enter {MAX_REFERENCES} {what} or fewer at a time")


def complaints_from_references(value: str, *, user: Any) -> list[Complaint]:
    """The complaints a box of references names; a reference that matches nothing is an error
    that names it (a complaint closed to the user matches nothing)."""
    references = _split(value, _COMPLAINT_SEPARATORS)
    _too_many(references, "complaint references")
    found, missing = complaints_find_by_reference(user=user, references=references)
    if missing:
        listed = ", ".join(missing)
        raise forms.ValidationError(
            f"No complaint has the reference {listed}. Check the reference" if len(missing) == 1
            else f"No complaints have the references {listed}. Check the references"
        )
    return found


def ombudsman_cases_from_references(value: str, *, user: Any) -> list[OmbudsmanCase]:
    """The Ombudsman cases a box of LGSCO references names, in any of the forms people type them;
    a reference that is not 8 digits, or matches no case, is an error that names it."""
    typed = _split(value, _LGSCO_SEPARATORS)
    _too_many(typed, "Ombudsman references")
    references = []
    for text in typed:
        try:
            references.append(lgsco_reference_normalise(text))
        except DomainError:
            raise forms.ValidationError(
                f"“{text[:20]}” is not an Ombudsman reference. Enter 8 digits, for example {REFERENCE_EXAMPLE}, "
                "and put a comma between references"
            ) from None
    found, missing = ombudsman_cases_find_by_reference(user=user, references=references)
    if missing:
        listed = ", ".join(missing)
        raise forms.ValidationError(
            f"No Ombudsman case has the reference {listed}. Check the reference" if len(missing) == 1
            else f"No Ombudsman cases have the references {listed}. Check the references"
        )
    return found


def _complaints_field(label: str, hint: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=hint, max_length=2000,
                           widget=forms.TextInput(attrs={"spellcheck": "false"}),
                           error_messages={"max_length": "Enter fewer references at a time"})


def _lgsco_field(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=2000,
                           help_text=f"LGSCO references, separated by commas, for example {REFERENCE_EXAMPLE}",
                           widget=forms.TextInput(attrs={"spellcheck": "false"}),
                           error_messages={"max_length": "Enter fewer references at a time"})


# Learning notes ---------------------------------------------------------------------------

NOTE_ERROR_FIELDS = {
    "what was learned": "what_was_learned",
    "root cause": "root_cause",
    "theme": "themes",
    "practitioner": "practitioner_told_on",
    "learning team": "shared_with_learning_team_on",
    "stage": "stage",
}


class LearningNoteForm(forms.Form):
    """The monitoring form on a response. For a new note, ``stages`` are the responses it may be
    about (responded, without a note yet); a note being changed stays on its response."""

    stage = forms.ChoiceField(
        label="Which response is the learning from?", widget=forms.RadioSelect,
        error_messages={"required": "Select the response the learning is from",
                        "invalid_choice": "Select the response the learning is from"},
    )
    what_was_learned = _text(
        "What was learned?", message="Enter what was learned", rows=6,
        hint="What the service will do differently, and why. Do not name the child or family.",
    )
    root_cause = forms.ChoiceField(
        label="Root cause", required=False, choices=[("", "Not recorded"), *RootCause.choices],
        help_text="Why the service fell short, if it did",
        error_messages={"invalid_choice": "Choose a root cause from the list"},
    )
    themes = forms.ModelMultipleChoiceField(
        label="Themes", required=False, queryset=Theme.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"invalid_choice": "Choose themes from the list", "invalid_pk_value": "Choose themes from the list"},
    )
    practitioner_told_on = _date("Practitioner told in supervision on")
    shared_with_learning_team_on = _date("Shared with the learning team on")

    def __init__(self, data: Any = None, *, today: date, stages: list[Stage] | None = None,
                 note: LearningNote | None = None, **kwargs: Any) -> None:
        if note is not None:
            kwargs.setdefault("initial", {
                "what_was_learned": note.what_was_learned, "root_cause": note.root_cause,
                "themes": [theme.pk for theme in note.themes.all()],
                "practitioner_told_on": note.practitioner_told_on,
                "shared_with_learning_team_on": note.shared_with_learning_team_on,
            })
        super().__init__(data, **kwargs)
        self.stages = {str(stage.number): stage for stage in stages or ()}
        if note is not None:
            del self.fields["stage"]
            kept = [theme.pk for theme in note.themes.all()]
            self.fields["themes"].queryset = Theme.objects.filter(is_active=True) | Theme.objects.filter(pk__in=kept)
        else:
            self.fields["stage"].choices = [
                (number, f"Stage {stage.number} response, sent {long_date(stage.responded_on)}")
                for number, stage in self.stages.items()
            ]
            self.fields["themes"].queryset = Theme.objects.filter(is_active=True)
        for name in ("practitioner_told_on", "shared_with_learning_team_on"):
            self.fields[name].help_text = f"Leave empty if it has not happened yet. {_for_example(today)}"

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        found = {
            "what_was_learned": data["what_was_learned"], "root_cause": data["root_cause"],
            "themes": list(data["themes"]), "practitioner_told_on": data["practitioner_told_on"],
            "shared_with_learning_team_on": data["shared_with_learning_team_on"],
        }
        if "stage" in self.fields:
            found["stage"] = self.stages[data["stage"]]
        return found


def _choose(what: str) -> dict[str, str]:
    return {"invalid_choice": f"Choose {what} from the list"}


class LearningNoteFilterForm(forms.Form):
    """The learning notes list's filters, from the query string. A filter that cannot be read is
    left out (with a message) and the others still apply."""

    root_cause = forms.ChoiceField(label="Root cause", required=False, error_messages=_choose("a root cause"),
                                   choices=[("", "Any root cause"), *RootCause.choices])
    theme = forms.ChoiceField(label="Theme", required=False, error_messages=_choose("a theme"))
    team = forms.ChoiceField(label="Team", required=False, error_messages=_choose("a team"))
    responded_from = _date("Response date from", hint="For example, 1 4 2022")
    responded_to = _date("Response date to", hint="For example, 31 3 2023")

    def __init__(self, data: Any, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["theme"].choices = [
            ("", "Any theme"), *[(str(pk), name) for pk, name in Theme.objects.values_list("pk", "name")],
        ]
        self.fields["team"].choices = [
            ("", "Any team"), *[(str(pk), name) for pk, name in Team.objects.order_by("name").values_list("pk", "name")],
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("responded_from"), cleaned.get("responded_to")
        if start and end and end < start:
            self.add_error("responded_to", "Response date to must be the same as or after response date from")
        return cleaned

    def filters(self) -> LearningNoteFilters:
        """The filters that passed validation; anything that failed counts as not set."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        data = self.cleaned_data
        return LearningNoteFilters(
            root_cause=data.get("root_cause") or "",
            theme=int(data["theme"]) if data.get("theme") else None,
            team=int(data["team"]) if data.get("team") else None,
            responded_from=data.get("responded_from"),
            responded_to=data.get("responded_to"),
        )

    def describe(self, filters: LearningNoteFilters) -> list[str]:
        """The filters in words, for the line above the list."""
        parts = []
        for name, value in (("root_cause", filters.root_cause), ("theme", filters.theme), ("team", filters.team)):
            if value:
                parts.append(f"{self.fields[name].label}: {dict(self.fields[name].choices).get(str(value), value)}")
        if filters.responded_from:
            parts.append(f"Response date from {long_date(filters.responded_from)}")
        if filters.responded_to:
            parts.append(f"Response date to {long_date(filters.responded_to)}")
        return parts
