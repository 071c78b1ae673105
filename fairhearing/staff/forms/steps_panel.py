"""Forms for the independent parts of the statutory procedure: appointing the Stage 2
Investigating Officer and Independent Person, the senior manager's adjudication, and the Stage 3
review panel from convening to the council's response."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from fairhearing.accounts.roles import Role
from fairhearing.core.dates import long_date

from .steps_base import YES_NO, FindingsForm, StepForm, date_field, radios, text_field


def investigators() -> QuerySet:
    """Active people with the investigator role: the pool for investigators and panel members."""
    return get_user_model().objects.filter(is_active=True, groups__name=Role.INVESTIGATOR).distinct()


def person_label(person: Any) -> str:
    """A person's name with their organisation or job title, so namesakes can be told apart."""
    detail = person.organisation or person.job_title
    return f"{person} ({detail})" if detail else str(person)


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


class PeopleChoice(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


class AppointForm(StepForm):
    """The Investigating Officer and the Independent Person for Stage 2 (two different people)."""

    submit_label = "Appoint"
    investigating_officer = PersonChoice(
        queryset=get_user_model().objects.none(), label="Investigating Officer",
        empty_label="Choose a person", error_messages={"required": "Choose the Investigating Officer"},
    )
    independent_person = PersonChoice(
        queryset=get_user_model().objects.none(), label="Independent Person",
        empty_label="Choose a person", error_messages={"required": "Choose the Independent Person"},
    )
    appointed_on = date_field("Date appointed")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("investigating_officer", "independent_person"):
            self.fields[name].queryset = investigators()
        stage = self.state.open_stage
        if stage.investigating_officer_id:
            self.initial.update(investigating_officer=stage.investigating_officer_id,
                                independent_person=stage.independent_person_id,
                                appointed_on=stage.appointed_on)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        officer, independent = cleaned.get("investigating_officer"), cleaned.get("independent_person")
        if officer and independent and officer.pk == independent.pk:
            self.add_error("independent_person",
                           "The Independent Person must be a different person from the Investigating Officer")
        return cleaned


class AdjudicateForm(FindingsForm):
    """The senior manager's decision on each point: the adjudication letter ends Stage 2."""

    submit_label = "Record adjudication"
    date_name = "adjudicated_on"
    date_label = "Date of the adjudication letter"

    def facts(self) -> list[tuple[str, str]]:
        stage = self.state.open_stage
        return [("Due", long_date(stage.due_on))] if stage.due_on else []


class ConvenePanelForm(StepForm):
    """The three independent people on the review panel, and which of them chairs it."""

    submit_label = "Convene panel"
    intro = ("A review panel has three independent people and one of them chairs it. The Stage 2 "
             "Independent Person and Investigating Officer cannot sit on it.")
    members = PeopleChoice(queryset=get_user_model().objects.none(), label="Panel members",
                           help_text="Select three people.",
                           error_messages={"required": "Select the three panel members"})
    chair = PersonChoice(queryset=get_user_model().objects.none(), label="Chair",
                         widget=forms.RadioSelect, empty_label=None,
                         error_messages={"required": "Choose who chairs the panel"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = investigators()
        self.fields["chair"].queryset = investigators()
        current = list(self.state.open_stage.panel_members.all())
        if current:
            self.initial.update(members=[m.member_id for m in current],
                                chair=next((m.member_id for m in current if m.is_chair), None))

    def facts(self) -> list[tuple[str, str]]:
        stage = self.state.open_stage
        return [("Panel to meet by", long_date(stage.due_on))] if stage.due_on else []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        members, chair = cleaned.get("members"), cleaned.get("chair")
        if members is not None and len(members) != 3:
            self.add_error("members", f"Select exactly three panel members (you selected {len(members)})")
        elif members is not None and chair is not None and chair not in members:
            self.add_error("chair", "The chair must be one of the three panel members")
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        return {"members": list(self.cleaned_data["members"]), "chair": self.cleaned_data["chair"]}


class _MilestoneForm(StepForm):
    due_label = ""

    def facts(self) -> list[tuple[str, str]]:
        stage = self.state.open_stage
        return [(self.due_label, long_date(stage.due_on))] if stage.due_on else []


class PanelMetForm(_MilestoneForm):
    """The panel met; its report is due 5 working days later (reg 20(1))."""

    submit_label = "Record meeting"
    due_label = "Panel to meet by"
    met_on = date_field("Date the panel met")


class ReportReceivedForm(_MilestoneForm):
    """The panel's report arrived; the council must respond within 15 working days (reg 20(3))."""

    submit_label = "Record report"
    due_label = "Report due"
    received_on = date_field("Date the report was received")


class CouncilResponseForm(FindingsForm):
    """The council's response to the panel: outcomes, and reasons for any departure from its
    recommendations (reg 20(3))."""

    submit_label = "Record council's response"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departs"] = radios(
            "Does the council depart from any of the panel's recommendations?", YES_NO,
            "Choose whether the council departs from the panel's recommendations",
        )
        self.fields["departure_reasons"] = text_field(
            "Reasons for departing from the recommendations",
            hint="Only if the council departs from them. The complainant must be told them in writing.",
        )

    def facts(self) -> list[tuple[str, str]]:
        stage = self.state.open_stage
        return [("Response due", long_date(stage.due_on))] if stage.due_on else []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("departs") == "yes" and not cleaned.get("departure_reasons"):
            self.add_error("departure_reasons", "Enter the reasons for departing from the recommendations")
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        departs = self.cleaned_data["departs"] == "yes"
        return {**super().service_kwargs(), "departs_from_recommendations": departs,
                "departure_reasons": self.cleaned_data.get("departure_reasons", "") if departs else ""}
