"""Learning from complaints: learning notes on responses, monthly learning meetings, the overdue
actions on the dashboard and the learning lead's home page, and what the learning pages share
(who sees learning at all, paging). Action plans and their actions are views/learning_actions.py;
one record's own page and its edit page are views/learning_records.py.

Who may do what is ``learning.access`` (its table): the complaints team, senior managers and the
learning lead see every learning note, a responding manager those on their teams' complaints;
the complaints team, the learning lead and responding managers record and change them (senior
managers only read). Meetings and action plans are seen by the complaints team, senior managers
and the learning lead, and changed by the learning lead and the complaints manager. A role that
may not do something gets 403; a record the user may not see (another team's note, one on a
complaint they are excluded or restricted from) is 404, as a guessed reference is.

The learning lead has no access to complaint pages, so nothing here shows a complaint's people:
a note is shown with its complaint's reference and teams, and the reference links to the
complaint only for a user who may open it. Every write goes through ``learning.services``, which
validates, saves and writes the audit event; its refusals are shown on the form, with what was
typed kept.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.cases.models import Complaint
from fairhearing.cases.selectors import complaints_visible_to
from fairhearing.core import clock
from fairhearing.core.errors import DomainError
from fairhearing.learning import services
from fairhearing.learning.access import (
    get_visible_or_404,
    learning_meetings_visible_to,
    learning_notes_visible_to,
    user_may_change_learning_plans,
    user_may_view_learning_plans,
    user_may_write_learning_notes,
)
from fairhearing.learning.selectors import (
    actions_overdue,
    learning_note_complaint_get_for_user,
    learning_notes_for_list,
    stages_awaiting_learning,
)

from ..forms.learning import (
    NOTE_ERROR_FIELDS,
    LearningNoteFilterForm,
    LearningNoteForm,
    service_error_add,
)
from ..forms.learning_plans import (
    APPROVE_ERROR_FIELDS,
    MEETING_ERROR_FIELDS,
    OVERDUE,
    LearningMeetingApproveForm,
    LearningMeetingForm,
)

PAGE_SIZE = 50
# The learning lead's home page lists this many overdue actions and links to the rest.
HOME_OVERDUE_LIMIT = 10


def user_may_view_learning_notes(user: Any) -> bool:
    """Anyone who sees some learning notes: those who see all, and responding managers."""
    return user_may_view_learning_plans(user) or user_may_write_learning_notes(user)


def user_may_view_learning(user: Any) -> bool:
    """Whether the Records hub shows the Learning section."""
    return bool(user and user.is_authenticated) and user_may_view_learning_notes(user)


def require_allowed(allowed: bool) -> None:
    """403 unless the user's role allows what the page does."""
    if not allowed:
        raise PermissionDenied


# Paging -------------------------------------------------------------------------------------

@dataclass
class Paged:
    page: Page
    links: dict
    problem: str


def paged_list(request: HttpRequest, items: Any, *, url: str) -> Paged:
    """One page of ``items`` (50 to a page), the GOV.UK pagination links keeping the query string's
    filters, and a message if the page asked for does not exist (the nearest one is shown)."""
    paginator = Paginator(items, PAGE_SIZE)
    asked, last, problem = request.GET.get("page", ""), paginator.num_pages, ""
    if asked and (not asked.isdigit() or int(asked) < 1):
        number, problem = 1, "Page numbers are whole numbers from 1. Showing page 1."
    elif asked and int(asked) > last:
        number, problem = last, f"There is no page {int(asked)}. Showing page {last} of {last}."
    else:
        number = int(asked or 1)
    page = paginator.page(number)
    kept = [(name, value) for name, values in request.GET.lists() if name != "page" for value in values]

    def link(n: int) -> str:
        return f"{url}?{urlencode([*kept, ('page', n)])}"

    items_, previous = [], 0
    for n in sorted({1, last, number - 1, number, number + 1} & set(range(1, last + 1))):
        if n - previous > 1:
            items_.append({"ellipsis": True})
        items_.append({"number": n, "url": link(n), "current": n == number})
        previous = n
    links = {
        "previous": link(page.previous_page_number()) if page.has_previous() else "",
        "next": link(page.next_page_number()) if page.has_next() else "",
        "items": items_,
    }
    return Paged(page=page, links=links, problem=problem)


def complaints_user_may_open(user: Any, complaint_ids: set[int]) -> set[int]:
    """Of these complaints, the ones whose page the user may open (one query)."""
    if not complaint_ids:
        return set()
    return set(complaints_visible_to(user).filter(pk__in=complaint_ids).values_list("pk", flat=True))


# Learning notes -----------------------------------------------------------------------------

def _after_note(user: Any, complaint: Complaint, *, from_list: bool) -> str:
    """Back to the complaint's page for someone who may open it (and did not come from the list),
    else to the learning notes list."""
    if not from_list and complaints_user_may_open(user, {complaint.pk}):
        return reverse("staff:complaint_detail", args=[complaint.reference]) + "#learning"
    return reverse("staff:learning_note_list")


@login_required
@require_http_methods(["GET", "POST"])
def learning_note_new(request: HttpRequest, reference: str) -> HttpResponse:
    """Record learning from one of the complaint's responses (the monitoring form)."""
    require_allowed(user_may_write_learning_notes(request.user))
    complaint = learning_note_complaint_get_for_user(user=request.user, reference=reference)
    today = clock.today()
    stages = stages_awaiting_learning(complaint=complaint)
    back = _after_note(request.user, complaint, from_list=False)
    context = {"complaint": complaint, "back_url": back}
    if not stages:
        return render(request, "staff/learning/note_nothing_to_record.html", context)
    asked = request.GET.get("stage", "")
    initial = {"stage": asked if asked in {str(s.number) for s in stages} else
               (str(stages[0].number) if len(stages) == 1 else None)}
    form = LearningNoteForm(request.POST if request.method == "POST" else None, today=today, stages=stages,
                            initial=initial)
    if form.is_valid():
        try:
            services.learning_note_record(complaint=complaint, actor=request.user, today=today, **form.service_kwargs())
        except DomainError as error:
            service_error_add(form, error, NOTE_ERROR_FIELDS)
        else:
            messages.success(request, f"Learning recorded on complaint {complaint.reference}")
            return redirect(back)
    return render(request, "staff/learning/note_form.html", {**context, "form": form, "note": None})


@login_required
@require_http_methods(["GET", "POST"])
def learning_note_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a learning note, typically to add the dates the learning was shared; then back to
    the page the user came from (the note's page, the list or the complaint's page)."""
    require_allowed(user_may_write_learning_notes(request.user))
    note = get_visible_or_404(learning_notes_visible_to(request.user).select_related("complaint", "stage"), pk=pk)
    today = clock.today()
    came_from = request.GET.get("from", "")
    back = (reverse("staff:learning_note_detail", args=[note.pk]) if came_from == "note"
            else _after_note(request.user, note.complaint, from_list=came_from == "list"))
    form = LearningNoteForm(request.POST if request.method == "POST" else None, today=today, note=note)
    if form.is_valid():
        try:
            services.learning_note_update(note=note, actor=request.user, today=today, **form.service_kwargs())
        except DomainError as error:
            service_error_add(form, error, NOTE_ERROR_FIELDS)
        else:
            messages.success(request, f"Learning note on complaint {note.complaint.reference} saved")
            return redirect(back)
    context = {"complaint": note.complaint, "note": note, "form": form, "back_url": back}
    return render(request, "staff/learning/note_form.html", context)


@login_required
@require_GET
def learning_note_list(request: HttpRequest) -> HttpResponse:
    """The learning notes the user may see, filtered by root cause, theme, team and response date."""
    require_allowed(user_may_view_learning_notes(request.user))
    form = LearningNoteFilterForm(request.GET)
    form.is_valid()
    filters = form.filters()
    url = reverse("staff:learning_note_list")
    paged = paged_list(request, learning_notes_for_list(user=request.user, filters=filters), url=url)
    notes = list(paged.page.object_list)
    openable = complaints_user_may_open(request.user, {note.complaint_id for note in notes})
    context = {
        "form": form,
        "filter_form": form,
        "notes": notes,
        "openable": openable,
        "may_write": user_may_write_learning_notes(request.user),
        "description": form.describe(filters),
        "page": paged.page,
        "page_links": paged.links,
        "problems": [paged.problem] if paged.problem else [],
        "has_errors": bool(paged.problem or form.errors),
        "clear_url": url,
    }
    return render(request, "staff/learning/note_list.html", context)


# Learning meetings --------------------------------------------------------------------------

@login_required
@require_GET
def learning_meeting_list(request: HttpRequest) -> HttpResponse:
    require_allowed(user_may_view_learning_plans(request.user))
    url = reverse("staff:learning_meeting_list")
    paged = paged_list(request, learning_meetings_visible_to(request.user), url=url)
    context = {
        "page": paged.page, "page_links": paged.links, "problems": [paged.problem] if paged.problem else [],
        "has_errors": bool(paged.problem), "may_change": user_may_change_learning_plans(request.user),
    }
    return render(request, "staff/learning/meeting_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def learning_meeting_new(request: HttpRequest) -> HttpResponse:
    """Record a learning meeting that has taken place, with the month's key priority."""
    require_allowed(user_may_change_learning_plans(request.user))
    today = clock.today()
    form = LearningMeetingForm(request.POST if request.method == "POST" else None, user=request.user, today=today)
    if form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.learning_meeting_record(
                held_on=data["held_on"], chair=data["chair"], attendees=data["attendees"], inputs=data["inputs"],
                key_priority=data["key_priority"], notes=data["notes"], complaints=data["complaints"],
                actor=request.user, today=today,
            )
        except DomainError as error:
            service_error_add(form, error, MEETING_ERROR_FIELDS)
        else:
            messages.success(request, f"{meeting} recorded")
            return redirect("staff:learning_meeting_detail", pk=meeting.pk)
    return render(request, "staff/learning/meeting_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def learning_meeting_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Record who approved the meeting's key priority, and when. An approved meeting's approval
    cannot be recorded again: the page goes back to the meeting."""
    require_allowed(user_may_change_learning_plans(request.user))
    meeting = get_visible_or_404(learning_meetings_visible_to(request.user), pk=pk)
    if meeting.is_approved:
        return redirect("staff:learning_meeting_detail", pk=meeting.pk)
    today = clock.today()
    form = LearningMeetingApproveForm(request.POST if request.method == "POST" else None, today=today)
    if form.is_valid():
        try:
            services.learning_meeting_approve(meeting=meeting, approved_by=form.cleaned_data["approved_by"],
                                     approved_on=form.cleaned_data["approved_on"], actor=request.user, today=today)
        except DomainError as error:
            service_error_add(form, error, APPROVE_ERROR_FIELDS)
        else:
            messages.success(request, "Approval of the key priority recorded")
            return redirect("staff:learning_meeting_detail", pk=meeting.pk)
    return render(request, "staff/learning/meeting_approve.html", {"meeting": meeting, "form": form})


# The dashboard and the learning lead's home page ----------------------------------------------

def overdue_actions_figure(user: Any, *, today: date) -> dict | None:
    """The dashboard's number of overdue actions, as a link to the list of them (one query); None
    for a user who may not see action plans."""
    if not user_may_view_learning_plans(user):
        return None
    return {
        "label": "Actions overdue",
        "count": actions_overdue(today=today).count(),
        "url": f"{reverse('staff:action_list')}?due={OVERDUE}",
    }


def learning_home_context(user: Any, *, today: date) -> dict[str, Any]:
    """For the home page of a role without complaints (the learning lead): links to learning and
    the first overdue actions, soonest target first (two queries)."""
    if not user_may_view_learning_notes(user):
        return {}
    context: dict[str, Any] = {"learning_links": True}
    figure = overdue_actions_figure(user, today=today)
    if figure is not None:
        context["overdue_actions"] = figure
        context["overdue_action_rows"] = list(actions_overdue(today=today)[:HOME_OVERDUE_LIMIT]) if figure["count"] else []
    return context
