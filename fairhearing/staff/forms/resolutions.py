"""Forms of the ADR and IRO dispute pages, and the parts the costs forms share (an amount in
pounds, a complaint named by its reference, a team).

Forms check what a person can put right on the page (a missing or impossible date, an amount that
is not money, a complaint reference that finds nothing); the business rules stay in the services
(fairhearing/cases/kinds/resolutions.py), whose refusals the views show in the same error summary.
A complaint is only ever found through ``complaint_get_for_user``, so a reference the user may not
see gets the same answer as one that does not exist.
"""

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.http import Http404

from fairhearing.accounts.models import Team
from fairhearing.cases.kind_choices import AdrMethod, AdrResult, IroStage
from fairhearing.cases.models import AdrCase, Complaint, IroDispute
from fairhearing.cases.references import reference_format
from fairhearing.cases.selectors import complaint_get_for_user
from fairhearing.core.forms import GovukDateField

from .intake import OptionalDateField

STAGE_CHOICES = [("1", "Stage 1"), ("2", "Stage 2"), ("3", "Stage 3")]
NO_STAGE = "none"
# Written as people write money: "1800", "1,800.50", "£1800".
_POUNDS = re.compile(r"^\d+(\.\d+)?$")
MONEY_LIMIT = Decimal("100000000")  # the columns hold ten digits, two of them pence


def example_date(today: date) -> str:
    return f"For example, {today.day} {today.month} {today.year}"


class PoundsField(forms.CharField):
    """An amount in pounds typed into a text box (GOV.UK advises against number boxes): "1800",
    "1,800.50" and "£1800" are all read; anything else gets a message naming the field. Amounts
    are never rounded: 12.345 is refused rather than silently becoming £12.35."""

    def __init__(self, *, label: str, name: str, allow_zero: bool, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}))
        super().__init__(label=label, strip=True, **kwargs)
        self.name, self.allow_zero = name, allow_zero
        self.error_messages["required"] = f"Enter the {name}, in pounds"

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = (super().to_python(value) or "").replace("£", "").replace(",", "").replace(" ", "")
        if not text:
            return None
        if text.startswith("-"):
            raise forms.ValidationError(f"The {self.name} cannot be negative", code="negative")
        if not _POUNDS.match(text):
            raise forms.ValidationError(f"Enter the {self.name} as an amount in pounds, like 1800 or 1800.50",
                                        code="invalid")
        amount = Decimal(text)
        if amount != amount.quantize(Decimal("0.01")):
            raise forms.ValidationError(f"The {self.name} can have at most two decimal places (pence)",
                                        code="pence")
        if amount == 0 and not self.allow_zero:
            raise forms.ValidationError(f"The {self.name} must be more than £0", code="zero")
        if amount >= MONEY_LIMIT:
            raise forms.ValidationError(f"The {self.name} must be less than £{MONEY_LIMIT:,.0f}", code="large")
        return amount.quantize(Decimal("0.01"))

    def prepare_value(self, value: Any) -> Any:
        # A stored amount is shown as typed money ("1800.00"); what was typed is shown as typed.
        return f"{value:.2f}" if isinstance(value, Decimal) else value


class NamedDateField(GovukDateField):
    """GOV.UK's three-box date with the message for a missing date written out: the shared field
    builds it from the label in lower case, which would turn "ADR" into "adr"."""

    def __init__(self, *, label: str, missing: str, **kwargs: Any) -> None:
        super().__init__(label=label, **kwargs)
        self.missing = missing

    def compress(self, data_list: list[str]) -> date | None:
        if self.required and not any(str(part or "").strip() for part in (data_list or [])):
            raise forms.ValidationError(self.missing, code="required")
        return super().compress(data_list)


def complaint_reference_field(*, label: str, hint: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=hint, max_length=30,
                           widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}))


def complaint_from_reference(user: Any, value: str) -> Complaint | None:
    """The complaint the user typed the reference of, if they may see it; a form error otherwise.
    The message is the same whether the complaint does not exist or is hidden from the user."""
    reference = (value or "").strip().upper()
    if not reference:
        return None
    try:
        return complaint_get_for_user(user=user, reference=reference)
    except Http404:
        raise forms.ValidationError(
            f"No complaint with the reference {reference} was found. Check the reference and try again",
            code="not_found",
        ) from None


def stage_choice_field(*, label: str, hint: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, required=False, help_text=hint, choices=[("", "Not recorded"), *STAGE_CHOICES],
        error_messages={"invalid_choice": "Choose Stage 1, 2 or 3, or leave the stage not recorded"},
    )


def team_field(*, current: Team | None = None) -> forms.ModelChoiceField:
    """Active teams, and the record's own team even if it has since closed."""
    teams = Team.objects.filter(is_active=True)
    if current is not None:
        teams = Team.objects.filter(pk=current.pk) | teams
    return forms.ModelChoiceField(
        label="Team (optional)", queryset=teams.order_by("name"), required=False, empty_label="No team recorded",
        error_messages={"invalid_choice": "Choose a team from the list"},
    )


def _radios(label: str, choices: Any, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect,
                             error_messages={"required": message, "invalid_choice": message})


def _notes() -> forms.CharField:
    return forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4}))


def _date_hints(form: forms.Form, today: date) -> None:
    for field in form.fields.values():
        if isinstance(field, GovukDateField) and not field.help_text:
            field.help_text = example_date(today)


# ADR ------------------------------------------------------------------------------------------

class AdrCreateForm(forms.Form):
    """ADR or mediation offered, optionally on a complaint and at one of its stages."""

    complaint = complaint_reference_field(
        label="Complaint reference (optional)",
        hint="Leave blank if ADR was offered before a complaint was logged.",
    )
    stage_number = stage_choice_field(label="Stage of the complaint when ADR was offered (optional)")
    offered_on = NamedDateField(label="Date ADR was offered", missing="Enter the date ADR was offered")
    method = _radios("How will ADR be held?", AdrMethod.choices, "Select how ADR will be held")
    team = team_field()
    notes = _notes()

    def __init__(self, data: Any = None, *, user: Any, today: date, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.user = user
        self.fields["complaint"].help_text = (
            f"For example, {reference_format(year=today.year, number=42)}. "
            + self.fields["complaint"].help_text
        )
        _date_hints(self, today)

    def clean_complaint(self) -> Complaint | None:
        return complaint_from_reference(self.user, self.cleaned_data["complaint"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("stage_number") and not cleaned.get("complaint") and "complaint" not in self.errors:
            self.add_error("stage_number", "Enter the complaint reference, or leave the stage not recorded")
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "complaint": data["complaint"], "stage_number": int(data["stage_number"]) if data["stage_number"] else None,
            "offered_on": data["offered_on"], "method": data["method"], "team": data["team"],
            "notes": data["notes"],
        }


class AdrUpdateForm(forms.Form):
    """How ADR went: when it was held, when its outcome was confirmed in writing, its result and
    what it saved; and corrections to when and how it was offered."""

    offered_on = NamedDateField(label="Date ADR was offered", missing="Enter the date ADR was offered")
    method = _radios("How was ADR held?", AdrMethod.choices, "Select how ADR was held")
    stage_number = stage_choice_field(label="Stage of the complaint when ADR was offered (optional)")
    held_on = OptionalDateField(label="Date ADR took place")
    confirmed_in_writing_on = OptionalDateField(label="Date the outcome was confirmed in writing")
    result = _radios("Result", AdrResult.choices, "Select the result of ADR")
    saving = PoundsField(
        label="Saving (optional)", name="saving", allow_zero=True, required=False,
        help_text="In pounds, for example 1800. What ADR saved, such as the cost of a Stage 2 "
                  "investigation that was not needed. Only when ADR resolved some or all of the complaint.",
    )
    team = team_field()  # with the ADR case's own team added in __init__
    notes = _notes()

    def __init__(self, data: Any = None, *, adr_case: AdrCase, today: date, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {
            "offered_on": adr_case.offered_on, "method": adr_case.method,
            "stage_number": str(adr_case.stage_number or ""), "held_on": adr_case.held_on,
            "confirmed_in_writing_on": adr_case.confirmed_in_writing_on, "result": adr_case.result,
            "saving": adr_case.saving, "team": adr_case.team_id, "notes": adr_case.notes,
        })
        super().__init__(data, **kwargs)
        self.adr_case = adr_case
        self.fields["team"] = team_field(current=adr_case.team)
        if adr_case.complaint_id is None:
            # ADR not on a complaint has no stage to name.
            del self.fields["stage_number"]
        _date_hints(self, today)

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        changes = {name: data[name] for name in (
            "offered_on", "method", "held_on", "confirmed_in_writing_on", "result", "saving", "team", "notes")}
        if "stage_number" in self.fields:
            changes["stage_number"] = int(data["stage_number"]) if data["stage_number"] else None
        return changes


class AdrFilterForm(forms.Form):
    """The ADR list's filters. Bound to the query string; a filter that cannot be read is left
    out (with a message) and the others still apply."""

    result = forms.ChoiceField(label="Result", required=False, choices=[("", "Any result"), *AdrResult.choices],
                               error_messages={"invalid_choice": "Choose a result from the list"})
    stage = forms.ChoiceField(
        label="Stage", required=False,
        choices=[("", "Any stage"), *STAGE_CHOICES, (NO_STAGE, "No stage recorded")],
        error_messages={"invalid_choice": "Choose a stage from the list"},
    )
    offered_from = GovukDateField(label="Offered from", required=False, help_text="For example, 1 4 2022")
    offered_to = GovukDateField(label="Offered to", required=False, help_text="For example, 31 3 2023")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("offered_from"), cleaned.get("offered_to")
        if start and end and end < start:
            self.add_error("offered_to", "Offered to must be the same as or after offered from")
        return cleaned

    def selector_kwargs(self) -> dict[str, Any]:
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        stage = data.get("stage") or ""
        return {
            "result": data.get("result") or "",
            "stage_number": int(stage) if stage.isdigit() else None,
            "without_stage": stage == NO_STAGE,
            "offered_from": data.get("offered_from"),
            "offered_to": data.get("offered_to"),
        }


# IRO disputes ---------------------------------------------------------------------------------

class IroDisputeCreateForm(forms.Form):
    """An IRO's dispute, with the child it is about chosen from a complaint the user can see.

    The child is found through a complaint's reference rather than a list of every child's name:
    the user may only pick a child they could already see, and a long list of children's names is
    neither usable nor discreet. When the complaint is about more than one child, the form comes
    back asking which.
    """

    raised_on = GovukDateField(label="Date the dispute was raised")
    raised_by = forms.CharField(label="Name of the IRO who raised it", max_length=200,
                                error_messages={"required": "Enter the name of the IRO who raised it"})
    child_complaint = complaint_reference_field(
        label="Reference of a complaint about the child (optional)",
        hint="The child is taken from that complaint. Leave blank if the child has no complaint on record.",
    )
    child = forms.ChoiceField(label="Which child is the dispute about?", required=False, widget=forms.RadioSelect,
                              error_messages={"invalid_choice": "Select a child named on that complaint"})
    team = team_field()
    issue = forms.CharField(label="What is the issue?", widget=forms.Textarea(attrs={"rows": 5}),
                            error_messages={"required": "Describe the issue the IRO raised"})
    local_stage = _radios("How far has the dispute gone in the local process?", IroStage.choices,
                          "Select how far the dispute has gone")

    def __init__(self, data: Any = None, *, user: Any, today: date, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"local_stage": IroStage.INFORMAL})
        super().__init__(data, **kwargs)
        self.user = user
        self.children: dict[str, Any] = {}
        self.fields["child_complaint"].help_text = (
            f"For example, {reference_format(year=today.year, number=42)}. "
            + self.fields["child_complaint"].help_text
        )
        _date_hints(self, today)

    @property
    def offers_child_choice(self) -> bool:
        return len(self.children) > 1

    def clean_child_complaint(self) -> Complaint | None:
        complaint = complaint_from_reference(self.user, self.cleaned_data["child_complaint"])
        if complaint is not None:
            # The choices of the next field: cleaned after this one, in the order declared.
            links = complaint.children.select_related("child").order_by("child__last_name", "child__first_name")
            self.children = {str(link.child_id): link.child for link in links}
            self.fields["child"].choices = [(key, child.full_name) for key, child in self.children.items()]
            if not self.children:
                raise forms.ValidationError(
                    f"Complaint {complaint.reference} is not about a child. Enter another reference or leave it blank",
                    code="no_child",
                )
        return complaint

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        complaint = cleaned.get("child_complaint")
        if complaint is None or not self.children:
            cleaned["child_object"] = None
        elif len(self.children) == 1:
            cleaned["child_object"] = next(iter(self.children.values()))
        elif cleaned.get("child"):
            cleaned["child_object"] = self.children[cleaned["child"]]
        elif "child" not in self.errors:
            self.add_error("child", f"Complaint {complaint.reference} is about more than one child: "
                                    "select which one the dispute is about")
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "raised_on": data["raised_on"], "raised_by": data["raised_by"], "issue": data["issue"],
            "child": data.get("child_object"), "team": data["team"], "local_stage": data["local_stage"],
        }


class IroDisputeUpdateForm(forms.Form):
    """Move a dispute up the local process, record its outcome and the date it was resolved."""

    local_stage = _radios("How far has the dispute gone in the local process?", IroStage.choices,
                          "Select how far the dispute has gone")
    outcome = forms.CharField(label="Outcome (optional until it is resolved)", required=False,
                              widget=forms.Textarea(attrs={"rows": 5}))
    resolved_on = OptionalDateField(label="Date resolved")

    def __init__(self, data: Any = None, *, dispute: IroDispute, today: date, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"local_stage": dispute.local_stage, "outcome": dispute.outcome,
                                      "resolved_on": dispute.resolved_on})
        super().__init__(data, **kwargs)
        self.dispute = dispute
        _date_hints(self, today)
        self.fields["resolved_on"].help_text = (
            f"{example_date(today)}. Leave blank while the dispute is still open."
        )

    def service_kwargs(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("local_stage", "outcome", "resolved_on")}


OPEN, RESOLVED = "open", "resolved"


class IroDisputeFilterForm(forms.Form):
    """The IRO dispute list's filters, bound to the query string like the ADR list's."""

    stage = forms.ChoiceField(label="Stage of the local process", required=False,
                              choices=[("", "Any stage"), *IroStage.choices],
                              error_messages={"invalid_choice": "Choose a stage from the list"})
    status = forms.ChoiceField(label="Open or resolved", required=False,
                               choices=[("", "Open and resolved"), (OPEN, "Open"), (RESOLVED, "Resolved")],
                               error_messages={"invalid_choice": "Choose open or resolved from the list"})

    def selector_kwargs(self) -> dict[str, Any]:
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        status = data.get("status") or ""
        return {"local_stage": data.get("stage") or "", "is_open": {OPEN: True, RESOLVED: False}.get(status)}
