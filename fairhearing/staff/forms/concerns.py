"""Forms of the initial feedback (concerns) pages: the list's filters, logging and changing a
concern, sending it to the service, recording how it was resolved, closing it, and making it a
formal complaint."""

import re
from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet

from fairhearing.cases.choices import Channel, ProcedureKind
from fairhearing.cases.kind_choices import ConcernStatus
from fairhearing.cases.kinds.concerns import concerns_overdue
from fairhearing.cases.models import Concern, Procedure
from fairhearing.core.forms import GovukDateField
from fairhearing.people.choices import Relationship

from .compliments import (
    OFF,
    RecordFilterForm,
    choose,
    date_hint,
    name_fields,
    radios,
    team_field,
    text_field,
)

OVERDUE = "overdue"
STATUS_CHOICES = [
    ("", "Any"),
    (ConcernStatus.OPEN.value, "Open"),
    (OVERDUE, "Overdue: open after the response was due"),
    *[(value, label) for value, label in ConcernStatus.choices if value != ConcernStatus.OPEN],
]
POINT_BOXES = 6
_PHONE = re.compile(r"^\+?[\d\s().-]+$")


def concerns_with_status(queryset: QuerySet[Concern], status: str, *, today: date) -> QuerySet[Concern]:
    """The concerns in ``queryset`` with this status, or open and overdue. The dashboard's figure
    counts the same rule its link filters by."""
    if status == OVERDUE:
        return queryset & concerns_overdue(today=today)
    if status in ConcernStatus.values:
        return queryset.filter(status=status)
    return queryset


class ConcernFilterForm(RecordFilterForm):
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_CHOICES, widget=forms.RadioSelect,
                               error_messages=choose("a status"))

    def apply_own(self, queryset: QuerySet, data: dict[str, Any]) -> QuerySet:
        return concerns_with_status(queryset, data.get("status") or "", today=self.today)


class ConcernForm(forms.Form):
    """Logging initial feedback (and changing it). Who raised it and the child are asked for only
    while the concern does not record them."""

    received_on = GovukDateField(label="Date received")
    channel = radios("How did it arrive?", Channel.choices, "Select how the concern arrived")
    team = forms.ModelChoiceField(queryset=None)
    summary = text_field("What is the concern?", message="Enter what the concern is about", rows=4,
                         hint="What has happened, and what they would like to happen now.")

    def __init__(self, *args: Any, today: date, concern: Concern | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_on"].help_text = date_hint(today)
        self.fields["team"] = team_field("Team the concern is about", "Select the team the concern is about",
                                         current=concern.team if concern else None)
        if concern is None:
            self.fields["received_on"].initial = today
        if concern is None or concern.person_id is None:
            names = name_fields("Who raised it")
            self.fields["person_first_name"] = names["first_name"]
            self.fields["person_first_name"].help_text = "Needed before it can become a formal complaint."
            self.fields["person_last_name"] = names["last_name"]
            self.fields["person_email"] = forms.EmailField(
                label="Their email address (optional)", required=False, max_length=254,
                widget=forms.EmailInput({**OFF, "spellcheck": "false"}),
                error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
            )
            self.fields["person_telephone"] = forms.CharField(
                label="Their telephone number (optional)", required=False, max_length=40,
                widget=forms.TextInput({**OFF, "type": "tel"}),
            )
        if concern is None or concern.child_id is None:
            names = name_fields("The child it is about")
            self.fields["child_first_name"] = names["first_name"]
            self.fields["child_last_name"] = names["last_name"]

    def clean_person_telephone(self) -> str:
        number = self.cleaned_data["person_telephone"].strip()
        digits = re.sub(r"\D", "", number)
        if number and (not _PHONE.match(number) or not 10 <= len(digits) <= 15):
            raise forms.ValidationError(
                "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
            )
        return number

    def record_fields(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items()
                if not name.startswith(("person_", "child_"))}

    def people_fields(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if name.startswith(("person_", "child_"))}


class SendForm(forms.Form):
    sent_on = GovukDateField(label="Date sent to the service")

    def __init__(self, *args: Any, today: date, concern: Concern, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"team": concern.team_id})
        super().__init__(*args, **kwargs)
        self.fields["sent_on"].help_text = date_hint(today, "The response is due counted from this day.")
        self.fields["team"] = team_field("Team it is sent to", "Select the team it is sent to", current=concern.team)


class ResolveForm(forms.Form):
    resolved_on = GovukDateField(label="Date resolved")
    outcome = text_field("How was it resolved?", message="Say how the concern was resolved", rows=4)

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resolved_on"].help_text = date_hint(today)


class CloseForm(forms.Form):
    closed_on = GovukDateField(label="Date closed")
    reason = text_field("Why is it being closed?", message="Say why the concern is being closed", rows=3,
                        hint="For example, they did not reply, or they no longer want it looked into.")

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].help_text = date_hint(today)


class ConvertForm(forms.Form):
    """Making the concern a formal complaint: what the complaint needs that the concern lacks.
    The relationship must be chosen: nothing is assumed about how the person relates to the child."""

    received_on = GovukDateField(label="Date they asked for a formal complaint")
    relationship = forms.ChoiceField(
        label="Their relationship to the child", choices=[("", "Select a relationship"), *Relationship.choices],
        error_messages={"required": "Select their relationship to the child",
                        "invalid_choice": "Select their relationship to the child"},
    )
    procedure = forms.ModelChoiceField(
        label="Which procedure does it go to?", widget=forms.RadioSelect,
        queryset=Procedure.objects.filter(is_active=True).order_by("kind", "name"),
        error_messages={"required": "Select the procedure the complaint goes to",
                        "invalid_choice": "Select the procedure the complaint goes to"},
    )
    routing_reason = text_field(
        "Why this procedure?", message="Enter why the complaint goes to this procedure", rows=3,
        hint="For example: 'about services to a child in need (Children Act 1989, Part 3)'.",
    )

    def __init__(self, *args: Any, today: date, concern: Concern, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.concern = concern
        self.fields["received_on"].initial = today
        self.fields["received_on"].help_text = date_hint(
            today, "The formal complaint's time limits count from this day, not from when the concern came in.")
        for number in range(1, POINT_BOXES + 1):
            self.fields[f"point_{number}"] = forms.CharField(
                label=f"Point {number}" + ("" if number == 1 else " (optional)"), required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Each thing they want looked into, in their words." if number == 1 else "",
            )

    def points(self) -> list[str]:
        return [text for number in range(1, POINT_BOXES + 1)
                if (text := (self.cleaned_data.get(f"point_{number}") or "").strip())]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        procedure = data.get("procedure")
        if procedure and procedure.has_stages and not self.points():
            self.add_error("point_1", "Enter at least one point of complaint")
        if procedure and procedure.kind == ProcedureKind.CHILDREN_STATUTORY and self.concern.child_id is None:
            self.add_error("procedure", "A statutory complaint is always about a child: record the child on "
                                        "the initial feedback first (Change the details)")
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"received_on": data["received_on"], "relationship": data["relationship"],
                "procedure": data["procedure"], "routing_reason": data["routing_reason"], "points": self.points()}
