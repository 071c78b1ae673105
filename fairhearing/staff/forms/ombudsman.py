"""Forms of the Ombudsman (LGSCO) pages: the list's filters, logging and changing a case, linking a
complaint, the draft and final decisions. Recommendations, compliance and evidence are in
ombudsman_recommendations.py.

The forms check only what a person can put right on the page (a missing or impossible date, a
complaint reference they cannot see); the rules of the Ombudsman's process stay in
fairhearing.ombudsman.services, whose refusals the views show on the field they are about (see
``form_refusal`` in views/ombudsman.py). Every message says what to do, GOV.UK style.
"""

import re
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, Q

from fairhearing.accounts.models import Team
from fairhearing.accounts.roles import COMPLAINTS_TEAM_ROLES
from fairhearing.cases.access import complaints_closed_to
from fairhearing.cases.models import Complaint
from fairhearing.cases.selectors import complaints_visible_to
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.forms import GovukDateField
from fairhearing.ombudsman.choices import (
    ClosingReason,
    DecisionLabel,
    HistoricCategory,
    OmbudsmanPhase,
)
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


# Who handles a case ---------------------------------------------------------------------------

HANDLER_HINT = (
    "Complaints officers and managers who may see this case. The person you choose is reminded of the "
    "Ombudsman’s deadlines for it, and told by email now unless you choose yourself"
)


def staff_label(user: Any) -> str:
    """A member of staff as the choices name them: their name, and their job title if recorded."""
    return f"{user} ({user.job_title})" if user.job_title else str(user)


def ombudsman_handler_candidates(case: OmbudsmanCase) -> list[Any]:
    """Who may be given the case to handle: active complaints officers and managers (and
    superusers, who act as the complaints manager) who may see it, in name order.

    Handling a case means answering the Ombudsman and recording compliance, which only the
    complaints team may do (ombudsman.access); senior managers and the learning lead may read a
    case but not change it, and responding managers may not see Ombudsman cases at all, so none of
    them is offered. A case linked to a complaint someone is excluded or restricted from is hidden
    from them, exactly as :func:`complaints_closed_to` says; that is asked per person only when one
    of the linked complaints has such a list (rare), so usually this is two queries.
    """
    user_model = get_user_model()
    in_team = Exists(Group.user_set.through.objects.filter(
        user_id=OuterRef("pk"), group__name__in=[str(role) for role in COMPLAINTS_TEAM_ROLES],
    ))
    users = list(user_model.objects.filter(Q(in_team) | Q(is_superuser=True), is_active=True))
    linked = case.complaints.all()
    narrowed = linked.filter(Q(excluded_users__isnull=False) | Q(restricted_to__isnull=False)).exists()
    if narrowed:
        users = [user for user in users
                 if not linked.filter(pk__in=complaints_closed_to(user).values("pk")).exists()]
    return users


class OmbudsmanHandlerForm(forms.Form):
    """Who handles the case: one of :func:`ombudsman_handler_candidates`, or nobody. An id that is
    not on the list (a second tab, a tampered page) is refused with the reason, never saved."""

    assigned_to = forms.CharField(label="Who handles the case?", required=False, widget=forms.Select,
                                  help_text=HANDLER_HINT)

    def __init__(self, data: Any = None, *, case: OmbudsmanCase, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.case = case
        self.candidates = {user.pk: user for user in ombudsman_handler_candidates(case)}
        self.fields["assigned_to"].widget.choices = [
            ("", "Nobody"), *[(str(pk), staff_label(user)) for pk, user in self.candidates.items()],
        ]
        if case.assigned_to_id in self.candidates:
            self.initial.setdefault("assigned_to", str(case.assigned_to_id))

    def clean_assigned_to(self) -> Any:
        value = self.cleaned_data["assigned_to"].strip()
        if not value:
            return None
        chosen = user_id(value)
        if chosen in self.candidates:
            return self.candidates[chosen]
        person = get_user_model().objects.filter(pk=chosen).first() if chosen is not None else None
        if person is None:
            raise forms.ValidationError("Choose who handles the case from the list")
        raise forms.ValidationError(handler_refusal(person))


def user_id(value: str) -> int | None:
    """A user id posted from a select, or None for anything that cannot be one (a database
    integer is at most 2**63 - 1, and SQLite refuses larger ones outright)."""
    return int(value) if value.isdigit() and len(value) <= 18 else None


def handler_refusal(person: Any) -> str:
    """Why someone not on the list cannot handle the case, in the service's words."""
    if not person.is_active:
        return f"{person} cannot handle the case: their account is not active"
    if not (person.is_superuser or person.role_names & COMPLAINTS_TEAM_ROLES):
        return f"{person} cannot handle the case: only complaints officers and managers handle Ombudsman cases"
    return f"{person} cannot handle the case: they may not see it"


# Decisions ------------------------------------------------------------------------------------

class DraftDecisionForm(DatedForm):
    draft_decision_on = GovukDateField(label="Date of the draft decision")


YES, NO, NO_FINDING = "yes", "no", "none"
FINDING_CHOICES = [(YES, "Yes"), (NO, "No"), (NO_FINDING, "No finding either way")]


def _finding(label: str, hint: str) -> forms.TypedChoiceField:
    """Yes, no, or no finding either way (None), as the service takes fault and injustice."""
    return forms.TypedChoiceField(
        label=label, help_text=hint, required=False, widget=forms.RadioSelect,
        choices=FINDING_CHOICES,
        coerce=lambda value: {YES: True, NO: False}.get(value), empty_value=None,
        error_messages=_choose("Choose yes, no or no finding"),
    )


class DecisionForm(DatedForm):
    """The Ombudsman's final decision in its current labels. Which combinations make sense (a
    reason for closing only with "closed after initial enquiries", injustice only with fault, ...)
    is the service's to say."""

    final_decision_on = GovukDateField(label="Date of the final decision")
    decision = forms.ChoiceField(
        label="What did the Ombudsman decide?", choices=DecisionLabel.choices, widget=forms.RadioSelect,
        error_messages=_choose("Choose the Ombudsman’s decision"),
    )
    closing_reason = forms.ChoiceField(
        label="Reason for closing", required=False, choices=ClosingReason.choices, widget=forms.RadioSelect,
        help_text="Only if the Ombudsman closed the case after initial enquiries",
        error_messages=_choose("Choose the reason for closing from the list"),
    )
    fault = _finding("Did the Ombudsman find fault?", "Only for a decision that is upheld or not upheld")
    injustice = _finding("Did the fault cause injustice?", "Only where the Ombudsman found fault")
    remedy_already_provided = forms.BooleanField(
        label="The council had already provided a remedy the Ombudsman found satisfactory", required=False,
    )
    public_interest_report = forms.BooleanField(
        label="The Ombudsman issued a public interest report", required=False,
    )


class HistoricDecisionForm(DatedForm):
    """A decision from an older year, in the categories used before the current labels."""

    final_decision_on = GovukDateField(label="Date of the final decision")
    historic_category = forms.ChoiceField(
        label="How was the decision recorded?", choices=HistoricCategory.choices, widget=forms.RadioSelect,
        error_messages=_choose("Choose the category the decision was recorded in"),
    )

