"""Forms of the Ombudsman (LGSCO) pages: the list's filters, logging and changing a case, linking a
complaint, and what the other Ombudsman forms share (dates with today as their example). Who
handles a case is ombudsman_handler.py; the draft and final decisions ombudsman_decisions.py;
recommendations, compliance and evidence ombudsman_recommendations.py.

The forms check only what a person can put right on the page (a missing or impossible date, a
complaint reference they cannot see); the rules of the Ombudsman's process stay in
fairhearing.ombudsman.services, whose refusals the views show on the field they are about (see
``form_refusal`` in views/ombudsman_common.py). Every message says what to do, GOV.UK style.
"""

import re
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings

from fairhearing.accounts.models import Team
from fairhearing.cases.models import Complaint
from fairhearing.cases.selectors import complaints_visible_to
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.forms import GovukDateField
from fairhearing.ombudsman.choices import DecisionLabel, OmbudsmanPhase
from fairhearing.ombudsman.models import OmbudsmanCase
from fairhearing.ombudsman.references import REFERENCE_HELP, REFERENCE_MISSING
from fairhearing.ombudsman.selectors import (
    DECISION_HISTORIC,
    DECISION_NONE,
    OmbudsmanCaseFilters,
    RecommendationsDue,
)

from .intake import OptionalDateField

# The phases a case can be put in by hand: "decided" comes only from recording the decision.
OPEN_PHASES = [(value, label) for value, label in OmbudsmanPhase.choices if value != OmbudsmanPhase.DECIDED]
SUMMARY_MAX_CHARS = 5000
TEXT_MAX_CHARS = 5000
# Complaint references are typed or pasted with commas, semicolons, spaces or new lines between them.
_REFERENCE_SEPARATORS = re.compile(r"[\s,;]+")


def _choose(message: str) -> dict[str, str]:
    return {"required": message, "invalid_choice": message}


def _date_hint(today: date) -> str:
    return f"For example, {today.day} {today.month} {today.year}"


class DatedForm(forms.Form):
    """A form whose three-box dates without a hint of their own get GOV.UK's example: today."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hint = _date_hint(clock.today())
        for form_field in self.fields.values():
            if isinstance(form_field, GovukDateField) and not form_field.help_text:
                form_field.help_text = hint


# The list's filters -----------------------------------------------------------------------------

DECISION_CHOICES = [
    ("", "Any decision, or none yet"),
    (DECISION_NONE, "Not decided yet"),
    *DecisionLabel.choices,
    (DECISION_HISTORIC, "Recorded in the historic categories"),
]
RECOMMENDATION_CHOICES = [("", "Any"), *RecommendationsDue.choices]
# Who handles a case, as the list filters it: the signed-in user, or nobody yet.
HANDLER_MINE, HANDLER_NONE = "mine", "none"
HANDLER_CHOICES = [("", "Anyone or nobody"), (HANDLER_MINE, "Me"), (HANDLER_NONE, "Nobody yet")]


class OmbudsmanCaseFilterForm(forms.Form):
    """The list's filter panel, bound to the query string. A filter that cannot be read is left
    out (with a message) and the others still apply."""

    phase = forms.MultipleChoiceField(
        label="Phase", required=False, choices=OmbudsmanPhase.choices, widget=forms.CheckboxSelectMultiple,
        help_text="Tick none to see every phase", error_messages=_choose("Choose a phase from the list"),
    )
    decision = forms.ChoiceField(
        label="Decision", required=False, choices=DECISION_CHOICES,
        error_messages=_choose("Choose a decision from the list"),
    )
    recommendations = forms.ChoiceField(
        label="Recommendations", required=False, choices=RECOMMENDATION_CHOICES, widget=forms.RadioSelect,
        help_text="Due soon means due today or in the next 5 working days",
        error_messages=_choose("Choose which recommendations from the list"),
    )
    handler = forms.ChoiceField(
        label="Handled by", required=False, choices=HANDLER_CHOICES, widget=forms.RadioSelect,
        error_messages=_choose("Choose who handles the cases from the list"),
    )
    received_from = GovukDateField(label="Received from", required=False, help_text="For example, 1 4 2022")
    received_to = GovukDateField(label="Received to", required=False, help_text="For example, 31 3 2023")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and end < start:
            self.add_error("received_to", "Received to must be the same as or after received from")
        return cleaned

    def handler_chosen(self) -> str:
        """``HANDLER_MINE``, ``HANDLER_NONE`` or "" (anyone), if it could be read; call after ``is_valid()``.
        Kept apart from :class:`OmbudsmanCaseFilters`, which holds what any viewer could ask for,
        because "mine" means a different list for each user."""
        return self.cleaned_data.get("handler") or ""

    def filters(self) -> OmbudsmanCaseFilters:
        """The filters that could be read; call after ``is_valid()``."""
        data = self.cleaned_data
        return OmbudsmanCaseFilters(
            phases=tuple(data.get("phase") or ()), decision=data.get("decision") or "",
            received_from=data.get("received_from"), received_to=data.get("received_to"),
            recommendations=data.get("recommendations") or "",
        )

    def describe(self, filters: OmbudsmanCaseFilters) -> list[str]:
        """The filters in words, for the line above the results."""
        parts = []
        if filters.phases:
            labels = dict(OmbudsmanPhase.choices)
            parts.append("Phase: " + ", ".join(str(labels[phase]).lower() for phase in filters.phases))
        if filters.decision:
            parts.append(f"Decision: {dict(DECISION_CHOICES)[filters.decision]}")
        if filters.recommendations:
            parts.append(str(RecommendationsDue(filters.recommendations).label))
        if filters.received_from:
            parts.append(f"Received from {long_date(filters.received_from)}")
        if filters.received_to:
            parts.append(f"Received to {long_date(filters.received_to)}")
        handler = self.handler_chosen() if hasattr(self, "cleaned_data") else ""
        if handler == HANDLER_MINE:
            parts.append("Handled by you")
        elif handler == HANDLER_NONE:
            parts.append("Not handled by anyone yet")
        return parts or ["Every case"]


def ombudsman_filter_query(filters: OmbudsmanCaseFilters, **extra: str | int) -> str:
    """A query string (with its "?", or empty) that reproduces these filters, plus e.g. a page."""
    params: list[tuple[str, str]] = [("phase", phase) for phase in filters.phases]
    if filters.decision:
        params.append(("decision", filters.decision))
    if filters.recommendations:
        params.append(("recommendations", filters.recommendations))
    for name in ("received_from", "received_to"):
        value = getattr(filters, name)
        if value is not None:
            params += [(f"{name}_day", str(value.day)), (f"{name}_month", str(value.month)),
                       (f"{name}_year", str(value.year))]
    params += [(name, str(value)) for name, value in extra.items() if value not in ("", None)]
    return f"?{urlencode(params)}" if params else ""


# Logging and changing a case --------------------------------------------------------------------

def _team_choices(current: Team | None = None) -> list[tuple[str, str]]:
    teams = Team.objects.filter(is_active=True)
    if current is not None:
        teams = teams | Team.objects.filter(pk=current.pk)  # a team since closed stays choosable
    return [("", "No team recorded"), *[(str(pk), name) for pk, name in teams.values_list("pk", "name")]]


def complaint_reference_example() -> str:
    return f"{settings.COMPLAINT_REFERENCE_PREFIX}-2026-0042"


def complaint_for_reference(*, user: Any, reference: str) -> Complaint:
    """The complaint with this reference if the user may see it; a ValidationError that does not
    say whether it exists otherwise (as the complaint pages answer 404)."""
    complaint = complaints_visible_to(user).filter(reference=reference.strip().upper()).first()
    if complaint is None:
        raise forms.ValidationError(
            f"There is no complaint {reference.strip().upper()} that you can see. Check the reference, "
            f"for example {complaint_reference_example()}"
        )
    return complaint


class OmbudsmanCaseForm(DatedForm):
    """A case's details. Logging a case also takes the complaints it is about (``with_complaints``);
    a decided case's phase cannot change, so its form has no phase."""

    lgsco_reference = forms.CharField(
        label="LGSCO reference", help_text=REFERENCE_HELP, max_length=40,
        error_messages={"required": REFERENCE_MISSING, "max_length": REFERENCE_MISSING},
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    received_on = GovukDateField(label="Date the council was told of the enquiry")
    complaints = forms.CharField(
        label="Complaints it is about (optional)", required=False, max_length=1000,
        error_messages={"max_length": "Enter no more than 1,000 characters of complaint references"},
    )
    team = forms.ChoiceField(label="Team (optional)", required=False,
                             error_messages=_choose("Choose a team from the list"))
    summary = forms.CharField(
        label="What the Ombudsman is looking at (optional)", required=False, max_length=SUMMARY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": f"The summary must be {SUMMARY_MAX_CHARS:,} characters or fewer"},
    )
    phase = forms.ChoiceField(
        label="How far has the Ombudsman got?", choices=OPEN_PHASES, widget=forms.RadioSelect,
        error_messages=_choose("Choose how far the Ombudsman has got: enquiry, assessment or investigation"),
    )
    information_requested_on = OptionalDateField(label="Date the Ombudsman asked for information")
    information_due_on = OptionalDateField(label="Date the information is due",
                                           help_text="The date the Ombudsman gave, which may be in the future")
    information_sent_on = OptionalDateField(label="Date the council sent the information")

    def __init__(self, data: Any = None, *, user: Any, today: date, case: OmbudsmanCase | None = None,
                 **kwargs: Any) -> None:
        if case is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "lgsco_reference": case.lgsco_reference, "received_on": case.received_on,
                "team": str(case.team_id or ""), "summary": case.summary, "phase": case.phase,
                "information_requested_on": case.information_requested_on,
                "information_due_on": case.information_due_on,
                "information_sent_on": case.information_sent_on,
            }
        super().__init__(data, **kwargs)
        self.user, self.case = user, case
        self.fields["team"].choices = _team_choices(case.team if case is not None else None)
        self.fields["received_on"].help_text = _date_hint(today)
        if case is not None:
            del self.fields["complaints"]  # linked one at a time from the case page
            if case.is_decided:
                del self.fields["phase"]
        else:
            self.fields["complaints"].help_text = (
                "Complaint references, separated by commas or spaces, for example "
                f"{complaint_reference_example()}"
            )
            self.initial.setdefault("phase", OmbudsmanPhase.ENQUIRY)

    def clean_complaints(self) -> list[Complaint]:
        references = [part.upper() for part in _REFERENCE_SEPARATORS.split(self.cleaned_data["complaints"]) if part]
        found, missing = [], []
        for reference in dict.fromkeys(references):  # each once, in the order typed
            try:
                found.append(complaint_for_reference(user=self.user, reference=reference))
            except forms.ValidationError:
                missing.append(reference)
        if missing:
            raise forms.ValidationError(
                f"There is no complaint {', '.join(missing)} that you can see. Check the "
                f"reference{'s' if len(missing) > 1 else ''}, for example {complaint_reference_example()}"
            )
        return found

    def clean_team(self) -> Team | None:
        chosen = self.cleaned_data["team"]
        return Team.objects.get(pk=chosen) if chosen else None

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned answers as the service's keyword arguments."""
        data = dict(self.cleaned_data)
        if self.case is not None and self.case.is_decided:
            data["phase"] = OmbudsmanPhase.DECIDED
        return data


class LinkComplaintForm(forms.Form):
    """One more complaint the Ombudsman case is about, by its reference."""

    complaint = forms.CharField(
        label="Complaint reference", max_length=40,
        error_messages={"required": "Enter the complaint’s reference", "max_length": "Enter a complaint reference"},
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )

    def __init__(self, data: Any = None, *, user: Any, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.user = user
        self.fields["complaint"].help_text = f"For example, {complaint_reference_example()}"

    def clean_complaint(self) -> Complaint:
        return complaint_for_reference(user=self.user, reference=self.cleaned_data["complaint"])
