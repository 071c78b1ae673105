"""What every lifecycle step form shares.

A step form knows the complaint it acts on (the step registry's CaseState) and turns its answers
into the keyword arguments of the step's service. Forms check only what a person can put right on
the page (a missing or impossible date, an empty reason); the business rules stay in the services,
whose refusals the view shows in the same error summary.
"""

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict

from fairhearing.core.forms import GovukDateField
from fairhearing.stages.choices import Outcome, RemedyKind
from fairhearing.stages.services import PointFinding, RemedyInput

if TYPE_CHECKING:
    from ..steps import CaseState

YES_NO = [("yes", "Yes"), ("no", "No")]


def date_field(label: str, *, hint: str = "") -> GovukDateField:
    """A GOV.UK three-box date; the example date in the hint is filled in with today's date."""
    return GovukDateField(label=label, help_text=hint)


def text_field(label: str, *, message: str = "", hint: str = "", rows: int = 4,
               multiline: bool = True) -> forms.CharField:
    """A text box or area; required when ``message`` (the GOV.UK error when empty) is given."""
    widget = forms.Textarea(attrs={"rows": rows}) if multiline else forms.TextInput()
    return forms.CharField(
        label=label, required=bool(message), help_text=hint, widget=widget, strip=True,
        error_messages={"required": message} if message else {},
    )


def radios(label: str, choices: Any, message: str, *, hint: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, help_text=hint,
        error_messages={"required": message, "invalid_choice": message},
    )


class StepForm(forms.Form):
    """A step's form. ``facts`` are shown above the fields (for example the due date now)."""

    submit_label = "Save"
    intro = ""
    template = "staff/steps/form.html"

    def __init__(self, data: Any = None, *, state: "CaseState", user: Any, **kwargs: Any) -> None:
        self.state = state
        self.user = user
        super().__init__(data, **kwargs)
        today = state.today
        for form_field in self.fields.values():
            if isinstance(form_field, GovukDateField) and not form_field.help_text:
                form_field.help_text = f"For example, {today.day} {today.month} {today.year}"

    def facts(self) -> list[tuple[str, str]]:
        return []

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)

    def keep_input_without_errors(self) -> None:
        """Show the posted answers again without checking them (after "Add another remedy")."""
        self._errors = ErrorDict()
        self.cleaned_data = {}


class MoneyField(forms.DecimalField):
    """An amount in pounds; accepts "£1,250.50" as well as "1250.5". A text box, as GOV.UK
    advises, not a number box."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = value.replace("£", "").replace(",", "").strip()
        if value in self.empty_values:
            return None
        try:
            return Decimal(str(value)).quantize(Decimal("0.01"))
        except InvalidOperation as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


MAX_REMEDY_ROWS = 10


class FindingsForm(StepForm):
    """An outcome and finding for every point of complaint, remedies, and the date of the answer.

    Remedies come in rows; "Add another remedy" posts the form back with one more row, so the
    page works without JavaScript.
    """

    template = "staff/steps/findings.html"
    date_name = "responded_on"
    date_label = "Date the response was sent"
    remedy_rows_initial = 1

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.points = self.state.points
        for point in self.points:
            self.fields[f"point_{point.number}_outcome"] = radios(
                f"Outcome of point {point.number}", Outcome.choices,
                f"Choose upheld, partially upheld or not upheld for point {point.number}",
            )
            self.fields[f"point_{point.number}_finding"] = text_field(
                f"Finding on point {point.number} (optional)", rows=3,
                hint="A sentence or two, as it will read in the report.",
            )
        self.fields["remedy_rows"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        self.remedy_count = self._remedy_count(data)
        self.initial.setdefault("remedy_rows", self.remedy_count)
        for index in range(1, self.remedy_count + 1):
            self.fields[f"remedy_{index}_kind"] = forms.ChoiceField(
                label="Kind of remedy", required=False,
                choices=[("", "No remedy"), *RemedyKind.choices],
                error_messages={"invalid_choice": f"Choose the kind of remedy {index}"},
            )
            self.fields[f"remedy_{index}_description"] = text_field(
                "What was agreed (optional)", multiline=False,
            )
            self.fields[f"remedy_{index}_amount"] = MoneyField(
                label="Amount (optional)", required=False, min_value=Decimal("0.01"),
                max_digits=10, decimal_places=2,
                help_text="Only for a financial remedy, in pounds.",
                error_messages={
                    "invalid": f"Amount for remedy {index} must be in pounds, like 150 or 150.50",
                    "min_value": f"Amount for remedy {index} must be more than £0",
                    "max_digits": f"Amount for remedy {index} is too large",
                    "max_decimal_places": f"Amount for remedy {index} can only have pence after the point",
                },
            )
        self.fields[self.date_name] = date_field(self.date_label)

    def _remedy_count(self, data: Any) -> int:
        try:
            count = int((data or {}).get("remedy_rows") or self.remedy_rows_initial)
        except (TypeError, ValueError):
            count = self.remedy_rows_initial
        if data is not None and "add_remedy" in data:
            count += 1
        return max(1, min(count, MAX_REMEDY_ROWS))

    @property
    def can_add_remedy(self) -> bool:
        return self.remedy_count < MAX_REMEDY_ROWS

    def point_blocks(self) -> list[dict[str, Any]]:
        return [
            {"point": point, "outcome": self[f"point_{point.number}_outcome"],
             "finding": self[f"point_{point.number}_finding"]}
            for point in self.points
        ]

    def remedy_blocks(self) -> list[dict[str, Any]]:
        return [
            {"index": index, "kind": self[f"remedy_{index}_kind"],
             "description": self[f"remedy_{index}_description"], "amount": self[f"remedy_{index}_amount"]}
            for index in range(1, self.remedy_count + 1)
        ]

    def other_fields(self) -> list[Any]:
        """Fields besides the points and remedies (a subclass's own), with the date last."""
        own = [name for name in self.fields
               if not name.startswith(("point_", "remedy_")) and name != self.date_name]
        return [self[name] for name in [*own, self.date_name]]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for index in range(1, self.remedy_count + 1):
            kind = cleaned.get(f"remedy_{index}_kind")
            details = cleaned.get(f"remedy_{index}_description") or cleaned.get(f"remedy_{index}_amount")
            if not kind and details:
                self.add_error(f"remedy_{index}_kind", f"Choose the kind of remedy {index}, or clear its details")
            if (kind == RemedyKind.FINANCIAL and cleaned.get(f"remedy_{index}_amount") is None
                    and f"remedy_{index}_amount" not in self.errors):
                self.add_error(f"remedy_{index}_amount", f"Enter the amount of remedy {index}, in pounds")
        return cleaned

    def findings(self) -> dict[int, PointFinding]:
        return {
            point.number: PointFinding(
                self.cleaned_data[f"point_{point.number}_outcome"],
                self.cleaned_data.get(f"point_{point.number}_finding", ""),
            )
            for point in self.points
        }

    def remedies(self) -> list[RemedyInput]:
        return [
            RemedyInput(
                kind=self.cleaned_data[f"remedy_{index}_kind"],
                description=self.cleaned_data.get(f"remedy_{index}_description", ""),
                amount=self.cleaned_data.get(f"remedy_{index}_amount"),
            )
            for index in range(1, self.remedy_count + 1)
            if self.cleaned_data.get(f"remedy_{index}_kind")
        ]

    def service_kwargs(self) -> dict[str, Any]:
        return {self.date_name: self.cleaned_data[self.date_name], "findings": self.findings(),
                "remedies": self.remedies()}
