"""Forms of the Members' enquiries pages: the list's filters, logging and changing an enquiry,
recording the response, and linking the complaint it became."""

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet

from fairhearing.cases.kind_choices import MemberKind
from fairhearing.cases.kinds.enquiries import enquiries_overdue
from fairhearing.cases.models import Enquiry
from fairhearing.core.forms import GovukDateField

from .compliments import (
    OFF,
    RecordFilterForm,
    choose,
    date_field,
    date_hint,
    name_fields,
    radios,
    team_field,
    text_field,
)

OPEN, OVERDUE, ANSWERED, LATE = "open", "overdue", "answered", "late"
STATUS_CHOICES = [
    ("", "Any"),
    (OPEN, "Not answered yet"),
    (OVERDUE, "Overdue: not answered by the due date"),
    (ANSWERED, "Answered"),
    (LATE, "Answered late"),
]


def enquiries_with_status(queryset: QuerySet[Enquiry], status: str, *, today: date) -> QuerySet[Enquiry]:
    """The enquiries in ``queryset`` that are open, overdue, answered or answered late. The
    dashboard's figure counts the same rule its link filters by."""
    if status == OPEN:
        return queryset.open()
    if status == OVERDUE:
        return queryset & enquiries_overdue(today=today)
    if status == ANSWERED:
        return queryset.filter(responded_on__isnull=False)
    if status == LATE:
        return queryset.answered_late()
    return queryset


class EnquiryFilterForm(RecordFilterForm):
    member_kind = forms.ChoiceField(label="From", required=False, choices=[("", "Any Member"), *MemberKind.choices],
                                    error_messages=choose("the kind of Member"))
    status = forms.ChoiceField(label="Answered", required=False, choices=STATUS_CHOICES, widget=forms.RadioSelect,
                               error_messages=choose("whether it has been answered"))

    def apply_own(self, queryset: QuerySet, data: dict[str, Any]) -> QuerySet:
        if data.get("member_kind"):
            queryset = queryset.filter(member_kind=data["member_kind"])
        return enquiries_with_status(queryset, data.get("status") or "", today=self.today)


class EnquiryForm(forms.Form):
    """Logging a Member's enquiry (and, with the date answered, changing one)."""

    received_on = GovukDateField(label="Date received")
    member_kind = radios("Who is it from?", MemberKind.choices, "Select whether it is from an MP, MEP or councillor")
    member_name = text_field("Name of the MP, MEP or councillor", message="Enter the name of the MP, MEP or councillor",
                             max_length=200, attrs=OFF)
    team = forms.ModelChoiceField(queryset=None)
    summary = text_field("What is the enquiry about?", message="Enter what the enquiry is about", rows=4)

    def __init__(self, *args: Any, today: date, enquiry: Enquiry | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_on"].help_text = date_hint(today)
        self.fields["team"] = team_field("Team the enquiry is about", "Select the team the enquiry is about",
                                         current=enquiry.team if enquiry else None)
        if enquiry is None:
            self.fields["received_on"].initial = today
        else:
            self.fields["responded_on"] = date_field(
                "Date answered", today=today, required=False,
                hint="Empty it only if the enquiry was recorded as answered by mistake.",
            )
        if enquiry is None or enquiry.on_behalf_of_id is None:
            names = name_fields("On behalf of")
            self.fields["on_behalf_of_first_name"] = names["first_name"]
            self.fields["on_behalf_of_last_name"] = names["last_name"]
            self.fields["on_behalf_of_first_name"].help_text = "The constituent, if the Member names them."

    def record_fields(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if not name.startswith("on_behalf_of_")}

    def person_name(self) -> tuple[str, str]:
        data = self.cleaned_data
        return data.get("on_behalf_of_first_name", ""), data.get("on_behalf_of_last_name", "")


class RespondForm(forms.Form):
    responded_on = GovukDateField(label="Date the council answered")

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responded_on"].help_text = date_hint(today)


class LinkComplaintForm(forms.Form):
    complaint_reference = forms.CharField(
        label="Complaint reference", max_length=30,
        widget=forms.TextInput(attrs={**OFF, "spellcheck": "false"}),
        error_messages={"required": "Enter the reference of the complaint",
                        "max_length": "Enter a complaint reference of 30 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["complaint_reference"].help_text = f"For example, {settings.COMPLAINT_REFERENCE_PREFIX}-2022-0001."

    def clean_complaint_reference(self) -> str:
        return self.cleaned_data["complaint_reference"].strip().upper()
