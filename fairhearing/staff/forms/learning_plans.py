"""Forms for learning meetings, action plans, actions and their updates, links and filters."""

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, Q

from fairhearing.cases.models import Complaint
from fairhearing.learning.access import PLANS_VIEW
from fairhearing.learning.choices import ActionStatus
from fairhearing.learning.models import Action, ActionPlan, LearningMeeting
from fairhearing.ombudsman.models import OmbudsmanCase

from .learning import (
    _choose,
    _complaints_field,
    _date,
    _for_example,
    _lgsco_field,
    _text,
    complaints_from_references,
    ombudsman_cases_from_references,
)

PERSON_MAX = LearningMeeting._meta.get_field("chair").max_length
TITLE_MAX = ActionPlan._meta.get_field("title").max_length
PERIOD_MAX = ActionPlan._meta.get_field("period_label").max_length
OWNER_MAX = Action._meta.get_field("owner").max_length
SHORT_TEXT_MAX = Action._meta.get_field("start_by_text").max_length


# Learning meetings ------------------------------------------------------------------------

MEETING_ERROR_FIELDS = {
    "date of the meeting": "held_on",
    "chair": "chair",
    "attended": "attendees",
    "looked at": "inputs",
    "key priority": "key_priority",
}


class LearningMeetingForm(forms.Form):
    """A monthly learning meeting that has taken place. ``user`` decides which complaints its
    references may name (those not closed to them)."""

    held_on = _date("Date of the meeting", required=True)
    chair = _text("Chair", message="Enter who chaired the meeting", max_length=PERSON_MAX,
                  hint="Usually the Principal Social Worker", what="The chair’s name")
    attendees = _text("Who attended?", message="Enter who attended the meeting", rows=3,
                      hint="Names or roles")
    inputs = _text("What did the meeting look at?", message="Enter what the meeting looked at",
                   hint="For example, complaints upheld last month, IRO challenge, audits, reviews, "
                        "participation groups")
    key_priority = _text("Key priority for the month", message="Enter the key priority for the month", rows=3)
    complaints = _complaints_field(
        "Complaints discussed (optional)",
        "Complaint references, separated by commas or spaces, for example CSC-2022-0014, CSC-2022-0031",
    )
    notes = _text("Notes (optional)", rows=4)

    def __init__(self, data: Any = None, *, user: Any, today: date, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.user = user
        self.fields["held_on"].help_text = _for_example(today)

    def clean_complaints(self) -> list[Complaint]:
        return complaints_from_references(self.cleaned_data.get("complaints", ""), user=self.user)

    @staticmethod
    def initial_for(meeting: LearningMeeting, *, complaints: list[Complaint]) -> dict[str, Any]:
        """The form's starting values when changing ``meeting``; ``complaints`` are the ones
        discussed that the user may be shown (the others are kept, unseen, when it is saved)."""
        initial = {name: getattr(meeting, name) for name in
                   ("held_on", "chair", "attendees", "inputs", "key_priority", "notes")}
        initial["complaints"] = ", ".join(complaint.reference for complaint in complaints)
        return initial


class LearningMeetingApproveForm(forms.Form):
    """Who approved the meeting's key priority (usually the Director), and when."""

    approved_by = _text("Who approved the key priority?", message="Enter who approved the key priority",
                        max_length=PERSON_MAX, hint="Name and role, for example the Director of Children’s Services",
                        what="The approver’s name")
    approved_on = _date("Date approved", required=True)

    def __init__(self, data: Any = None, *, today: date, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["approved_on"].help_text = _for_example(today)


APPROVE_ERROR_FIELDS = {"who approved": "approved_by", "approver": "approved_by",
                        "was approved": "approved_on", "date of approval": "approved_on"}


# Action plans, actions, updates and links -------------------------------------------------

PLAN_ERROR_FIELDS = {"title": "title", "period": "period_label", "end": "ends_on", "start": "starts_on"}


class ActionPlanForm(forms.Form):
    """A new action plan. Plans look ahead, so the dates may be in the future."""

    title = _text("Title", message="Enter a title for the action plan", max_length=TITLE_MAX,
                  hint="For example, Complaints and Compliments Action Plan")
    period_label = _text("Period", message="Enter the period the plan covers, for example 2022-23",
                         max_length=PERIOD_MAX, hint="For example, 2022-23")
    starts_on = _date("Start date", required=True, hint="For example, 1 4 2022")
    ends_on = _date("End date", required=True, hint="For example, 31 3 2023")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end <= start:
            self.add_error("ends_on", "End date must be after the start date")
        return cleaned

    @staticmethod
    def initial_for(plan: ActionPlan) -> dict[str, Any]:
        """The form's starting values when changing ``plan``."""
        return {name: getattr(plan, name) for name in ActionPlanForm.base_fields}


ACTION_ERROR_FIELDS = {
    "task": "task",
    "owns": "owner",
    "owner": "owner",
    "start date in words": "start_by_text",
    "target date in words": "target_text",
    "target completion date": "target_on",
    "number": "number",
}


def action_owner_candidates() -> list[Any]:
    """Who may be named as an action's owner (member of staff): active people whose role lets them
    see action plans (learning.access: the complaints team, senior managers, the learning lead, and
    superusers), in name order; one query. Anyone else would be reminded of an action they cannot
    open, which ``action_assign_owner`` refuses."""
    may_see_plans = Exists(Group.user_set.through.objects.filter(
        user_id=OuterRef("pk"), group__name__in=[str(role) for role in PLANS_VIEW],
    ))
    return list(get_user_model().objects.filter(Q(may_see_plans) | Q(is_superuser=True), is_active=True))


def _staff_label(user: Any) -> str:
    return f"{user} ({user.job_title})" if user.job_title else str(user)


def _user_id(value: str) -> int | None:
    """A user id posted from a select, or None for anything that cannot be one."""
    return int(value) if value.isdigit() and len(value) <= 18 else None


def owner_refusal(person: Any) -> str:
    """Why someone not on the list cannot own an action, in the words ``action_assign_owner`` uses."""
    if not person.is_active:
        return f"{person} cannot own the action: their account is not active"
    return f"{person} cannot own the action: their role does not let them see action plans"


class ActionDetailsForm(forms.Form):
    """An action's own details: what is changed on an action after it was added (its number and
    status stay; links are added on a page of their own).

    The owner is two things: the plan's words (``owner``, names or roles such as "All Heads of
    Service", who may have no account) and, optionally, one member of staff who signs in
    (``owned_by``), reminded of the target date. ``owned_by`` offers :func:`action_owner_candidates`,
    plus the action's current owner even if they could no longer be chosen, so saving other
    changes never takes the action off them unasked."""

    task = _text("Task or action", message="Describe the task or action", rows=4)
    owner = _text("Owner", message="Enter who owns the action", max_length=OWNER_MAX,
                  hint="Names or roles as the plan gives them, for example All Heads of Service. They need not "
                       "have an account: choose a member of staff below to send reminders to someone who does")
    owned_by = forms.CharField(
        label="Owner (member of staff)", required=False, widget=forms.Select,
        help_text="Optional. Someone who signs in to Fair Hearing: they are reminded of the target completion "
                  "date, and told by email now unless you choose yourself",
    )
    start_by = _date("By date (optional)", hint="When the action should start, if there is a date")
    start_by_text = _text("By date in words (optional)", max_length=SHORT_TEXT_MAX,
                          hint="If the plan gives words rather than a date, for example From April 22",
                          what="The by date in words")
    intended_outcome = _text("Intended outcome or impact (optional)", rows=3)
    target_on = _date("Target completion date (optional)", hint="Actions with a date here show as overdue once it has passed")
    target_text = _text("Target completion date in words (optional)", max_length=SHORT_TEXT_MAX,
                        hint="For example, On-going", what="The target date in words")

    def __init__(self, data: Any = None, *, action: Action | None = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.owners = {user.pk: user for user in action_owner_candidates()}
        current = action.owned_by if action is not None and action.owned_by_id else None
        choices = [("", "Nobody"), *[(str(pk), _staff_label(user)) for pk, user in self.owners.items()]]
        if current is not None and current.pk not in self.owners:
            why = "account not active" if not current.is_active else "cannot see action plans"
            choices.append((str(current.pk), f"{_staff_label(current)}: {why}"))
            self.owners[current.pk] = current
        self.fields["owned_by"].widget.choices = choices

    @staticmethod
    def initial_for(action: Action) -> dict[str, Any]:
        """The form's starting values when changing ``action``."""
        initial = {name: getattr(action, name) for name in ActionDetailsForm.base_fields if name != "owned_by"}
        initial["owned_by"] = str(action.owned_by_id or "")
        return initial

    def clean_owned_by(self) -> Any:
        """The member of staff chosen, or None. Someone not offered (a tampered page, or a person
        whose account closed since the page was opened) is refused with the reason."""
        value = (self.cleaned_data.get("owned_by") or "").strip()
        if not value:
            return None
        chosen = _user_id(value)
        if chosen in self.owners:
            return self.owners[chosen]
        person = get_user_model().objects.filter(pk=chosen).first() if chosen is not None else None
        if person is None:
            raise forms.ValidationError("Choose the member of staff who owns the action from the list")
        raise forms.ValidationError(owner_refusal(person))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, target = cleaned.get("start_by"), cleaned.get("target_on")
        if start and target and target < start:
            self.add_error("target_on", "Target completion date must be the same as or after the by date")
        return cleaned


class ActionForm(ActionDetailsForm):
    """A numbered action added to a plan, with what prompted it."""

    number = forms.IntegerField(
        label="Action number (optional)", required=False, min_value=1, max_value=32767,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"invalid": "Action number must be a whole number, like 12",
                        "min_value": "Action number must be 1 or more",
                        "max_value": "Action number must be 32,767 or less"},
    )
    complaints = _complaints_field(
        "Complaints that prompted it (optional)",
        "Complaint references, separated by commas or spaces, for example CSC-2022-0014",
    )
    ombudsman_cases = _lgsco_field("Ombudsman cases that prompted it (optional)")

    def __init__(self, data: Any = None, *, user: Any, next_number: int, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)  # a new action has no owner yet, so no action= here
        self.user = user
        self.fields["number"].help_text = f"Leave empty to use the next number ({next_number})"

    def clean_complaints(self) -> list[Complaint]:
        return complaints_from_references(self.cleaned_data.get("complaints", ""), user=self.user)

    def clean_ombudsman_cases(self) -> list[OmbudsmanCase]:
        return ombudsman_cases_from_references(self.cleaned_data.get("ombudsman_cases", ""), user=self.user)


UPDATE_ERROR_FIELDS = {
    "write the update": "text",
    "where the action has got to": "status_after",
    "date completed": "completed_on",
    "date the action was completed": "completed_on",
    "completion date": "completed_on",
    "completed after": "completed_on",
    "date of the update": "written_on",
}


class ActionUpdateForm(forms.Form):
    """A dated progress update on an action, and where it leaves the action."""

    written_on = _date("Date of the update", required=True)
    text = _text("Update", message="Write the update", rows=5,
                 hint="What has happened since the last update")
    status_after = forms.ChoiceField(
        label="Where has the action got to?", choices=ActionStatus.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select where the action has got to",
                        "invalid_choice": "Select where the action has got to"},
    )
    completed_on = _date("Date completed (if complete)")

    def __init__(self, data: Any = None, *, today: date, action: Action, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"status_after": action.status})
        super().__init__(data, **kwargs)
        self.fields["written_on"].help_text = _for_example(today)
        self.fields["completed_on"].help_text = f"Only for a complete action. {_for_example(today)}"


class ActionLinkForm(forms.Form):
    """Link complaints or Ombudsman cases to an action after it was added."""

    complaints = _complaints_field(
        "Complaints (optional)", "Complaint references, separated by commas or spaces, for example CSC-2022-0014",
    )
    ombudsman_cases = _lgsco_field("Ombudsman cases (optional)")

    def __init__(self, data: Any = None, *, user: Any, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.user = user

    def clean_complaints(self) -> list[Complaint]:
        return complaints_from_references(self.cleaned_data.get("complaints", ""), user=self.user)

    def clean_ombudsman_cases(self) -> list[OmbudsmanCase]:
        return ombudsman_cases_from_references(self.cleaned_data.get("ombudsman_cases", ""), user=self.user)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors and not cleaned.get("complaints") and not cleaned.get("ombudsman_cases"):
            self.add_error("complaints", "Enter a complaint reference or an Ombudsman reference to link")
        return cleaned


OVERDUE = "overdue"
# Whose actions: the signed-in user's (as member-of-staff owner), or those with no member of staff named.
OWNER_MINE, OWNER_NONE = "mine", "none"


class ActionFilterForm(forms.Form):
    """The actions list's filters, from the query string."""

    due = forms.ChoiceField(
        label="Target date", required=False, widget=forms.RadioSelect, error_messages=_choose("a target date option"),
        choices=[("", "Any"), (OVERDUE, "Overdue (target date passed, not complete or dropped)")],
    )
    status = forms.ChoiceField(label="Status", required=False, error_messages=_choose("a status"),
                               choices=[("", "Any status"), *ActionStatus.choices])
    plan = forms.ChoiceField(label="Action plan", required=False, error_messages=_choose("an action plan"))
    owned_by = forms.ChoiceField(
        label="Owner (member of staff)", required=False, widget=forms.RadioSelect,
        error_messages=_choose("an owner option"),
        choices=[("", "Anyone or nobody"), (OWNER_MINE, "Me"), (OWNER_NONE, "Nobody named")],
    )

    def __init__(self, data: Any, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.plans = {str(plan.pk): plan for plan in ActionPlan.objects.all()}
        self.fields["plan"].choices = [("", "Any plan"), *[(pk, str(plan)) for pk, plan in self.plans.items()]]

    def chosen(self) -> dict[str, Any]:
        """The filters that passed validation, as ``actions_for_list`` takes them (less the day),
        and ``owned_by`` (``OWNER_MINE``, ``OWNER_NONE`` or ""), which the view applies."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        data = self.cleaned_data
        return {
            "overdue": data.get("due") == OVERDUE,
            "status": data.get("status") or "",
            "plan": self.plans.get(data.get("plan") or ""),
            "owned_by": data.get("owned_by") or "",
        }
