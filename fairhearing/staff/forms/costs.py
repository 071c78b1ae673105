"""Forms of the costs pages: recording a cost, correcting one, removing one with a reason, and the
list's filters.

Which kinds of cost need a complaint or a stage is a rule of the service
(fairhearing/cases/kinds/costs.py): fees for an independent investigator or Independent Person
name the Stage 2 or 3 they were for, a payment names the complaint. The form finds the complaint
(only one the user may see) and its stage, and leaves those rules to the service, whose refusal
the view shows in the error summary.
"""

from datetime import date
from typing import Any

from django import forms

from fairhearing.cases.kind_choices import CostKind
from fairhearing.cases.kinds.costs import financial_year_of
from fairhearing.cases.models import Complaint, Cost
from fairhearing.cases.references import reference_format
from fairhearing.core.forms import GovukDateField
from fairhearing.stages.models import Stage

from .resolutions import (
    PoundsField,
    complaint_from_reference,
    complaint_reference_field,
    example_date,
    stage_choice_field,
)


def financial_year_label(year: int) -> str:
    """2022 -> "2022-23", the financial year from 1 April 2022."""
    return f"{year}-{(year + 1) % 100:02d}"


class CostCreateForm(forms.Form):
    """One item of expenditure."""

    kind = forms.ChoiceField(
        label="What was the money spent on?", choices=CostKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select what the money was spent on",
                        "invalid_choice": "Select what the money was spent on"},
    )
    amount = PoundsField(label="Amount", name="amount", allow_zero=False, help_text="In pounds, for example 450.00")
    incurred_on = GovukDateField(label="Date of the cost")
    complaint = complaint_reference_field(
        label="Complaint reference (optional)",
        hint="Needed for a payment to a complainant, and for independent investigator and Independent "
             "Person fees.",
    )
    stage_number = stage_choice_field(
        label="Stage (optional)",
        hint="Fees for an independent investigator or Independent Person name the Stage 2 or Stage 3 they "
             "were for; a review panel fee is Stage 3.",
    )
    description = forms.CharField(label="Description (optional)", required=False,
                                  help_text="For example, an invoice number. Do not include names.",
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, data: Any = None, *, user: Any, today: date, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.user = user
        self.fields["incurred_on"].help_text = example_date(today)
        self.fields["complaint"].help_text = (
            f"For example, {reference_format(year=today.year, number=42)}. " + self.fields["complaint"].help_text
        )

    def clean_complaint(self) -> Complaint | None:
        return complaint_from_reference(self.user, self.cleaned_data["complaint"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        complaint, number = cleaned.get("complaint"), cleaned.get("stage_number")
        cleaned["stage"] = None
        if number and "complaint" not in self.errors:
            if complaint is None:
                self.add_error("stage_number", "Enter the complaint reference, or leave the stage not recorded")
            else:
                cleaned["stage"] = Stage.objects.filter(complaint=complaint, number=int(number)).first()
                if cleaned["stage"] is None:
                    self.add_error("stage_number", f"Complaint {complaint.reference} has not reached Stage {number}")
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"kind": data["kind"], "amount": data["amount"], "incurred_on": data["incurred_on"],
                "complaint": data["complaint"], "stage": data["stage"], "description": data["description"]}


class CostUpdateForm(CostCreateForm):
    """Correcting a cost: the same questions as recording one, answered with what was recorded."""

    def __init__(self, data: Any = None, *, cost: Cost, user: Any, today: date, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {
            "kind": cost.kind, "amount": cost.amount, "incurred_on": cost.incurred_on,
            "complaint": cost.complaint.reference if cost.complaint else "",
            "stage_number": str(cost.stage.number) if cost.stage else "", "description": cost.description,
        })
        super().__init__(data, user=user, today=today, **kwargs)
        self.cost = cost


class CostDeleteForm(forms.Form):
    """Why a cost is being removed. The audit event keeps what it was."""

    reason = forms.CharField(
        label="Why is this cost being removed?", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, recorded twice, or entered against the wrong complaint.",
        error_messages={"required": "Say why the cost is being removed"},
    )


class CostFilterForm(forms.Form):
    """The costs list's filters, bound to the query string. The financial years offered run from
    the year of the earliest cost to this one."""

    kind = forms.ChoiceField(label="Spent on", required=False, choices=[("", "Anything"), *CostKind.choices],
                             error_messages={"invalid_choice": "Choose what the money was spent on from the list"})
    year = forms.TypedChoiceField(label="Financial year", required=False, coerce=int, empty_value=None,
                                  error_messages={"invalid_choice": "Choose a financial year from the list"})

    def __init__(self, data: Any = None, *, today: date, first_year: int, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.this_year = financial_year_of(today)
        years = range(self.this_year, min(first_year, self.this_year) - 1, -1)
        self.fields["year"].choices = [("", "Every year"), *[(str(y), financial_year_label(y)) for y in years]]

    def selector_kwargs(self) -> dict[str, Any]:
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        return {"kind": data.get("kind") or "", "financial_year": data.get("year")}
