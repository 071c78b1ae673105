"""Forms for the steps before and around the stages: acknowledging, the decisions the law needs
before Stage 1 (late complaint, sufficient interest), the child's consent, advocacy, points of
complaint and the complaint's details."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from fairhearing.accounts.models import Team
from fairhearing.accounts.roles import COMPLAINTS_TEAM_ROLES
from fairhearing.cases.choices import ChildConsent, Decision
from fairhearing.cases.models import Theme
from fairhearing.core.dates import long_date

from .steps_base import StepForm, date_field, radios, text_field


class AcknowledgeForm(StepForm):
    """The complainant was told the complaint was received."""

    submit_label = "Record acknowledgement"
    acknowledged_on = date_field("Date acknowledged")

    def facts(self) -> list[tuple[str, str]]:
        complaint = self.state.complaint
        return [("Received", long_date(complaint.received_on)),
                ("Acknowledgement due", long_date(complaint.acknowledgement_due_on))]


class LateDecisionForm(StepForm):
    """Whether a complaint made more than a year after the problem is accepted (reg 9)."""

    submit_label = "Record decision"
    intro = ("A late complaint may still be accepted, for example if it would not be reasonable to "
             "expect it to have been made in time. The complainant must be told the reason.")
    decision = radios("Is the late complaint accepted?",
                      [(Decision.ACCEPTED, "Yes, accept it"), (Decision.REFUSED, "No, refuse it")],
                      "Choose whether to accept the late complaint")
    reason = text_field("Reason for the decision", message="Enter the reason for the decision")
    decided_on = date_field("Date of the decision")

    def facts(self) -> list[tuple[str, str]]:
        complaint = self.state.complaint
        return [("Problem arose", long_date(complaint.grounds_arose_on)),
                ("One-year limit ended", long_date(complaint.time_limit_ends_on)),
                ("Received", long_date(complaint.received_on))]


class SufficientInterestForm(StepForm):
    """Whether someone outside the listed groups has sufficient interest in the child (reg 12)."""

    submit_label = "Record decision"
    decision = radios("Does the complainant have sufficient interest in the child's welfare?",
                      [(Decision.ACCEPTED, "Yes"), (Decision.REFUSED, "No")],
                      "Choose whether the complainant has sufficient interest")
    reason = text_field("Reason for the decision", message="Enter the reason for the decision")
    child_views_considered = forms.BooleanField(label="The child's views were considered", required=False)
    decided_on = date_field("Date of the decision")


class ChildConsentForm(StepForm):
    """Whether the child agrees to a complaint made on their behalf."""

    submit_label = "Record consent"
    consent = radios("What is the child's answer?", ChildConsent.choices, "Choose the child's answer")
    recorded_on = date_field("Date recorded")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("consent", self.state.complaint.child_consent)


ADVOCACY_ANSWERS = {"yes": True, "no": False, "unknown": None}


class AdvocacyForm(StepForm):
    """The offer of an advocate (s26A Children Act 1989), the answer and the provider."""

    submit_label = "Record advocacy"
    offered_on = date_field("Date an advocate was offered")
    accepted = radios("Was the offer accepted?",
                      [("yes", "Yes"), ("no", "No, declined"), ("unknown", "No answer yet")],
                      "Choose whether the offer was accepted")
    provider = text_field("Advocacy provider", hint="For example, NYAS or the Children's Rights Team.",
                          multiline=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        complaint = self.state.complaint
        if complaint.advocacy_offered_on:
            answer = {True: "yes", False: "no", None: "unknown"}[complaint.advocacy_accepted]
            self.initial.update(offered_on=complaint.advocacy_offered_on, accepted=answer,
                                provider=complaint.advocacy_provider)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("accepted") == "yes" and not cleaned.get("provider"):
            self.add_error("provider", "Enter the advocacy provider, for example NYAS")
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"offered_on": data["offered_on"], "accepted": ADVOCACY_ANSWERS[data["accepted"]],
                "provider": data.get("provider", "")}


class AddPointForm(StepForm):
    """A further numbered point of complaint."""

    submit_label = "Add point"
    description = text_field("Describe the point of complaint",
                             message="Describe the point of complaint",
                             hint="In the complainant's terms, without names of children where you can.")

    def facts(self) -> list[tuple[str, str]]:
        return [("Points so far", str(len(self.state.points)))]


class TeamsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class HolderField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.job_title})" if obj.job_title else str(obj)


class DetailsForm(StepForm):
    """Teams, themes, who holds the complaint, what it is about and why it follows its procedure."""

    submit_label = "Save details"
    teams = TeamsField(queryset=Team.objects.none(), required=False, label="Teams",
                       help_text="The teams the complaint is about. Select all that apply.")
    themes = TeamsField(queryset=Theme.objects.none(), required=False, label="Themes",
                        help_text="What the complaint is about. Select all that apply.")
    assigned_to = HolderField(queryset=get_user_model().objects.none(), required=False,
                              label="Held by", empty_label="Not allocated",
                              help_text="The complaints officer who holds the case.")
    summary = text_field("What the complaint is about", message="Enter what the complaint is about")
    routing_reason = text_field("Why this procedure", message="Enter why the complaint goes to this procedure",
                                hint="Choosing the wrong procedure is the Ombudsman's most common finding.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        complaint = self.state.complaint
        teams = list(complaint.teams.all())
        themes = list(complaint.themes.all())
        self.fields["teams"].queryset = Team.objects.filter(Q(is_active=True) | Q(pk__in=[t.pk for t in teams]))
        self.fields["themes"].queryset = Theme.objects.filter(Q(is_active=True) | Q(pk__in=[t.pk for t in themes]))
        holders = Q(is_active=True, groups__name__in=COMPLAINTS_TEAM_ROLES)
        if complaint.assigned_to_id:
            holders |= Q(pk=complaint.assigned_to_id)
        self.fields["assigned_to"].queryset = get_user_model().objects.filter(holders).distinct()
        for name, value in (("teams", teams), ("themes", themes), ("assigned_to", complaint.assigned_to),
                            ("summary", complaint.summary), ("routing_reason", complaint.routing_reason)):
            self.initial.setdefault(name, value)
