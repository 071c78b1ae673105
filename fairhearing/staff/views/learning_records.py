"""One learning record at a time: the pages of a learning note, a learning meeting, an action plan
and an action, each with the record's history, and the edit pages of the meeting, the plan and the
action (a learning note is changed from views/learning.py, where it is recorded).

Access is ``learning.access``, as for the other learning pages (views/learning.py): a learning note
is seen by those who see learning notes and changed by those who write them; meetings, plans and
actions are seen by the complaints team, senior managers and the learning lead, and changed by the
complaints manager and the learning lead. A role that may not do something gets 403; a record the
user may not see (another team's note, one on a complaint closed to them, an unknown id) is 404.

A complaint closed to the reader (excluded or restricted) is never named on these pages, in the
record or in its history; a complaint reference links to the complaint only for a user who may
open it. Every change goes through ``learning.services``, which validates, saves and writes the
audit event; its refusals are shown on the form, with what was typed kept.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.audit.selectors import audit_timeline
from fairhearing.core import clock
from fairhearing.core.errors import DomainError
from fairhearing.learning import services
from fairhearing.learning.access import (
    action_plans_visible_to,
    get_visible_or_404,
    learning_meetings_visible_to,
    user_may_change_learning_plans,
    user_may_view_learning_plans,
    user_may_write_learning_notes,
)
from fairhearing.learning.choices import ActionStatus, RootCause
from fairhearing.learning.models import Action, ActionPlan
from fairhearing.learning.selectors import (
    action_get_for_user,
    action_plan_rows,
    complaint_references_closed_to,
    complaint_references_visible,
    learning_note_get_for_user,
    linked_ids_hidden_from,
    ombudsman_case_ids_visible,
    ombudsman_cases_of_action_visible,
)

from ..forms.learning import service_error_add
from ..forms.learning_plans import (
    ACTION_ERROR_FIELDS,
    MEETING_ERROR_FIELDS,
    PLAN_ERROR_FIELDS,
    ActionDetailsForm,
    ActionPlanForm,
    LearningMeetingForm,
)
from .learning import complaints_user_may_open, user_may_view_learning_notes
from .learning_actions import OwnerRefused, action_owner_save, owner_refusal_show


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# History -------------------------------------------------------------------------------------

# How the history names the fields the learning services record in an event's changes.
_FIELD_LABELS = {
    "what_was_learned": "What was learned",
    "root_cause": "Root cause",
    "themes": "Themes",
    "practitioner_told_on": "Practitioner told in supervision on",
    "shared_with_learning_team_on": "Shared with the learning team on",
    "held_on": "Date of the meeting",
    "chair": "Chair",
    "attendees": "Who attended",
    "inputs": "What the meeting looked at",
    "key_priority": "Key priority for the month",
    "notes": "Notes",
    "complaints": "Complaints discussed",
    "approved_on": "Date approved",
    "title": "Title",
    "period_label": "Period",
    "starts_on": "Start date",
    "ends_on": "End date",
    "task": "Task or action",
    "owner": "Owner",
    "start_by": "By date",
    "start_by_text": "By date in words",
    "intended_outcome": "Intended outcome or impact",
    "target_on": "Target completion date",
    "target_text": "Target completion date in words",
    "status": "Status",
    "completed_on": "Date completed",
    "owned_by_id": "Owner (member of staff)",
}
# Changes recorded as a user's id (the audit log keeps no names in them); shown as names.
_USER_FIELDS = ("owned_by_id",)
_CODE_LABELS = {"status": dict(ActionStatus.choices), "root_cause": dict(RootCause.choices)}


def _readable(name: str, value: Any, closed: set[str]) -> Any:
    """One recorded value as people read it: a code as its label, a list as words, and, for the
    complaints discussed, without the references of complaints closed to the reader."""
    if name in _CODE_LABELS and isinstance(value, str):
        return _CODE_LABELS[name].get(value, value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value if name != "complaints" or item not in closed)
    return value


# Events that name a linked record in their summary, and the data key that holds its id.
_LINK_EVENTS = {"action.complaint_linked": "complaint", "action.ombudsman_case_linked": "ombudsman_case"}


def learning_history(user: Any, record: Model) -> list[Any]:
    """The record's audit events, newest first, as the timeline shows them: each change under
    the field's name on the form, codes as words, and nothing about a complaint or Ombudsman case
    the reader may not know of (an event linking one is left out, as is a change that, without
    such complaints, changed nothing the reader can see). At most four queries, whatever the
    number of events."""
    events = list(audit_timeline(subject=record))[::-1]
    linked: dict[str, list[int]] = {"complaint": [], "ombudsman_case": []}
    listed: list[str] = []
    for event in events:
        if event.verb in _LINK_EVENTS:
            linked[_LINK_EVENTS[event.verb]].append(event.data.get(_LINK_EVENTS[event.verb]))
        for side in event.changes.get("complaints", []):
            listed.extend(side if isinstance(side, list) else [])
    hidden = dict(zip(linked, linked_ids_hidden_from(
        user=user, complaint_ids=linked["complaint"], ombudsman_case_ids=linked["ombudsman_case"]), strict=True))
    closed = complaint_references_closed_to(user=user, references=listed)
    people = _people_named(events)
    shown_events = []
    for event in events:
        key = _LINK_EVENTS.get(event.verb)
        if key is not None and event.data.get(key) in hidden[key]:
            continue
        shown = {}
        for name, (before, after) in event.changes.items():
            if name in _USER_FIELDS:
                before, after = (people.get(value, "A former member of staff") if value else "Nobody"
                                 for value in (before, after))
            before, after = _readable(name, before, closed), _readable(name, after, closed)
            if before != after:
                shown[_FIELD_LABELS.get(name, name)] = [before, after]
        event.changes = shown  # for this page only: the event itself is never saved again
        shown_events.append(event)
    return shown_events


def _people_named(events: list[Any]) -> dict[int, str]:
    """The names of the users whose ids the events' changes record (one query, none if none)."""
    ids = {value for event in events for name in _USER_FIELDS for value in event.changes.get(name, ()) if value}
    if not ids:
        return {}
    return {person.pk: str(person) for person in get_user_model().objects.filter(pk__in=ids)}


# Learning notes ------------------------------------------------------------------------------

@login_required
@require_GET
def learning_note_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One learning note: which response it is about, what was learned, when it was shared, and
    its history. Only the complaint's reference and teams are shown (the learning lead may not
    see more); the reference links to the complaint for a user who may open it."""
    _require(user_may_view_learning_notes(request.user))
    note = learning_note_get_for_user(user=request.user, pk=pk)
    context = {
        "note": note,
        "may_open_complaint": bool(complaints_user_may_open(request.user, {note.complaint_id})),
        "may_write": user_may_write_learning_notes(request.user),
        "events": learning_history(request.user, note),
    }
    return render(request, "staff/learning/note_detail.html", context)


# Learning meetings ---------------------------------------------------------------------------

@login_required
@require_GET
def learning_meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One learning meeting, its approval and its history."""
    _require(user_may_view_learning_plans(request.user))
    meeting = get_visible_or_404(learning_meetings_visible_to(request.user), pk=pk)
    complaints = complaint_references_visible(user=request.user, complaints=list(meeting.complaints.all()))
    context = {
        "meeting": meeting,
        "complaints": complaints,
        "openable": complaints_user_may_open(request.user, {c.pk for c in complaints}),
        "may_change": user_may_change_learning_plans(request.user),
        "events": learning_history(request.user, meeting),
    }
    return render(request, "staff/learning/meeting_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def learning_meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a learning meeting: its date, chair, attendees, inputs, key priority, notes and the
    complaints discussed. An approved meeting keeps its approval (the page says so, and the change
    is recorded as made after it). Complaints discussed that the user may not know of are neither
    shown in the box nor removed by saving it."""
    _require(user_may_change_learning_plans(request.user))
    meeting = get_visible_or_404(learning_meetings_visible_to(request.user), pk=pk)
    linked = list(meeting.complaints.all())
    shown = complaint_references_visible(user=request.user, complaints=linked)
    unseen = [complaint for complaint in linked if complaint not in shown]
    today = clock.today()
    form = LearningMeetingForm(request.POST if request.method == "POST" else None, user=request.user, today=today,
                               initial=LearningMeetingForm.initial_for(meeting, complaints=shown))
    if form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.learning_meeting_update(
                meeting=meeting, held_on=data["held_on"], chair=data["chair"], attendees=data["attendees"],
                inputs=data["inputs"], key_priority=data["key_priority"], notes=data["notes"],
                complaints=[*data["complaints"], *unseen], actor=request.user, today=today,
            )
        except DomainError as error:
            service_error_add(form, error, MEETING_ERROR_FIELDS)
        else:
            messages.success(request, f"{meeting} saved")
            return redirect("staff:learning_meeting_detail", pk=meeting.pk)
    return render(request, "staff/learning/meeting_form.html", {"form": form, "meeting": meeting})


# Action plans and actions --------------------------------------------------------------------

def _action_rows(user: Any, plan: ActionPlan, actions: list[Action]) -> list[dict]:
    """Each action with the complaints and Ombudsman cases the user may know of and its
    member-of-staff owner (three queries at most)."""
    owner_ids = {action.owned_by_id for action in actions if action.owned_by_id}
    owners = {person.pk: person for person in get_user_model().objects.filter(pk__in=owner_ids)} if owner_ids else {}
    linked = [complaint for action in actions for complaint in action.complaints.all()]
    shown = {c.pk for c in complaint_references_visible(user=user, complaints=linked)}
    openable = complaints_user_may_open(user, shown)
    cases = ombudsman_case_ids_visible(user=user, plan=plan) if any(a.ombudsman_cases.all() for a in actions) else set()
    return [
        {
            "action": action,
            "complaints": [(c, c.pk in openable) for c in action.complaints.all() if c.pk in shown],
            "ombudsman_cases": [case for case in action.ombudsman_cases.all() if case.pk in cases],
            "owned_by": owners.get(action.owned_by_id),
        }
        for action in actions
    ]


@login_required
@require_GET
def action_plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan as the annual report prints it: one row per numbered action with its latest
    update, each numbered action linking to its own page; then the plan's history."""
    _require(user_may_view_learning_plans(request.user))
    plan = get_visible_or_404(action_plans_visible_to(request.user), pk=pk)
    today = clock.today()
    context = {
        "plan": plan,
        "rows": _action_rows(request.user, plan, action_plan_rows(plan=plan)),
        "today": today,
        "may_change": user_may_change_learning_plans(request.user),
        "events": learning_history(request.user, plan),
    }
    return render(request, "staff/learning/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def action_plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct an action plan's title, period or dates. Its actions are changed one by one."""
    _require(user_may_change_learning_plans(request.user))
    plan = get_visible_or_404(action_plans_visible_to(request.user), pk=pk)
    form = ActionPlanForm(request.POST if request.method == "POST" else None,
                          initial=ActionPlanForm.initial_for(plan))
    if form.is_valid():
        try:
            plan = services.action_plan_update(plan=plan, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            service_error_add(form, error, PLAN_ERROR_FIELDS)
        else:
            messages.success(request, f"Action plan {plan.period_label} saved")
            return redirect("staff:action_plan_detail", pk=plan.pk)
    return render(request, "staff/learning/plan_form.html", {"form": form, "plan": plan})


@login_required
@require_GET
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One action: its task, owner (the plan's words and the member of staff, if named), dates,
    intended outcome and status, every dated update in the order written, the complaints and
    Ombudsman cases that prompted it that the user may know of, and its history. A fixed number of
    queries, however many updates and links."""
    _require(user_may_view_learning_plans(request.user))
    action = action_get_for_user(user=request.user, pk=pk)
    complaints = complaint_references_visible(user=request.user, complaints=list(action.complaints.all()))
    openable = complaints_user_may_open(request.user, {complaint.pk for complaint in complaints})
    context = {
        "action": action,
        "complaints": [(complaint, complaint.pk in openable) for complaint in complaints],
        "ombudsman_cases": ombudsman_cases_of_action_visible(user=request.user, action=action),
        "updates": list(action.updates.all()),
        "today": clock.today(),
        "may_change": user_may_change_learning_plans(request.user),
        "events": learning_history(request.user, action),
    }
    return render(request, "staff/learning/action_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct an action's task, owner (the plan's words, and the member of staff reminded of it),
    dates or intended outcome, saved together or not at all. Its number stays, and its status
    moves only through dated updates (``action_update``)."""
    _require(user_may_change_learning_plans(request.user))
    actions = (Action.objects.filter(plan__in=action_plans_visible_to(request.user))
               .select_related("plan", "owned_by"))
    action = get_visible_or_404(actions, pk=pk)
    form = ActionDetailsForm(request.POST if request.method == "POST" else None, action=action,
                             initial=ActionDetailsForm.initial_for(action))
    if form.is_valid():
        data = dict(form.cleaned_data)
        owned_by = data.pop("owned_by")
        try:
            with transaction.atomic():
                services.action_edit(action=action, actor=request.user, **data)
                action_owner_save(action=action, owned_by=owned_by, previous_id=action.owned_by_id,
                                  actor=request.user)
        except OwnerRefused as refused:
            owner_refusal_show(form, refused)
        except DomainError as error:
            service_error_add(form, error, ACTION_ERROR_FIELDS)
        else:
            messages.success(request, f"Action {action.number} saved")
            return redirect(reverse("staff:action_detail", args=[action.pk]))
    return render(request, "staff/learning/action_form.html", {"form": form, "plan": action.plan, "action": action})
