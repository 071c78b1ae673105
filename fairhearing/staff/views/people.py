"""Linked records: one page per child and per person listing every record about them, and a search
to find a child or family.

Only records the viewer may see are listed. Each kind is read through its own access rules
(complaints through ``complaints_visible_to``, which applies teams, exclusions and restrictions;
the other kinds through ``cases.kinds.access`` and ``ombudsman.access``), and a hidden record is
neither listed nor counted nor used to link a family. A child or person with no record the viewer
may see is a 404, so guessing ids reveals nothing. Every opening of a page is written to the
audit log ("who viewed a child's record").

Addresses carry the child's or person's id, never a name. The search posts its words; the results
page's address carries only a random key to them, kept in the session (docs/adr/0006).
"""

import secrets
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.accounts.roles import COMPLAINTS_TEAM_ROLES, Role
from fairhearing.audit.services import audit_record_view
from fairhearing.cases.kinds.access import (
    compliments_visible_to,
    concerns_visible_to,
    enquiries_visible_to,
    iro_disputes_naming_children_shown_to,
)
from fairhearing.cases.selectors import complaints_visible_to
from fairhearing.core import clock
from fairhearing.ombudsman.access import ombudsman_cases_visible_to
from fairhearing.people.selectors import (
    LinkedKind,
    LinkedRecords,
    child_get_for_records,
    linked_records,
    people_find,
    person_get_for_records,
)

from ..forms.people import PeopleSearchForm

# Everyone who may see some kind of record about a child: the complaints team and senior managers
# (everything), responding managers (their teams' complaints, compliments, enquiries and initial
# feedback) and the learning lead (compliments and Ombudsman cases). Investigators see only the
# complaint they are appointed to, which its own page already shows; report readers and
# administrators see no case records at all.
LINKED_RECORDS_ROLES = COMPLAINTS_TEAM_ROLES | {Role.SENIOR_MANAGER, Role.RESPONDING_MANAGER, Role.LEARNING_LEAD}
SEARCHES_SESSION_KEY = "people_searches"
SEARCHES_KEPT = 20
SEARCH_KEY_MAX_LENGTH = 20


def user_may_view_linked_records(user: Any) -> bool:
    """May use the child and family pages and their search (the Records hub's section too)."""
    return bool(user and user.is_authenticated and user.is_active
                and (user.is_superuser or user.role_names & LINKED_RECORDS_ROLES))


def linked_kinds_for(user: Any) -> list[LinkedKind]:
    """Every kind of record that can be about a child or a person, as this user may see it, in the
    order the page lists them. The querysets are lazy: nothing is read until the page asks."""
    return [
        LinkedKind(key="complaint", title="Complaints", visible=complaints_visible_to(user),
                   child_path="children__child", person_path="complainants__person", date_field="received_on"),
        LinkedKind(key="compliment", title="Compliments", visible=compliments_visible_to(user),
                   child_path="child", person_path="person", date_field="received_on"),
        LinkedKind(key="enquiry", title="Members' enquiries", visible=enquiries_visible_to(user),
                   child_path="child", person_path="on_behalf_of", date_field="received_on"),
        LinkedKind(key="concern", title="Initial feedback", visible=concerns_visible_to(user),
                   child_path="child", person_path="person", date_field="received_on"),
        LinkedKind(key="iro_dispute", title="IRO disputes", visible=iro_disputes_naming_children_shown_to(user),
                   child_path="child", person_path=None, date_field="raised_on"),
        LinkedKind(key="ombudsman_case", title="Ombudsman cases", visible=ombudsman_cases_visible_to(user),
                   child_path="child", person_path="person", date_field="received_on"),
    ]


# How each kind's records are shown: its status in words, and its page. ----------------------------

def _enquiry_status(enquiry: Any, today: date) -> str:
    if enquiry.responded_on is None:
        return "Overdue" if enquiry.is_overdue(today) else "Waiting for a response"
    return "Answered on time" if enquiry.answered_on_time else "Answered late"


def _ombudsman_status(case: Any, today: date) -> str:
    if case.is_decided:
        return case.get_decision_display() or case.get_historic_category_display()
    return case.get_phase_display()


STATUS: dict[str, Callable[[Any, date], str]] = {
    "complaint": lambda complaint, today: complaint.get_status_display(),
    "compliment": lambda compliment, today: (
        "Shared with the team" if compliment.shared_with_team_on else "Not yet shared with the team"),
    "enquiry": _enquiry_status,
    "concern": lambda concern, today: (
        "Overdue" if concern.is_overdue(today) else concern.get_status_display()),
    "iro_dispute": lambda dispute, today: (
        "Resolved" if dispute.resolved_on else f"Open: {dispute.get_local_stage_display().lower()}"),
    "ombudsman_case": _ombudsman_status,
}
DATE_LABELS = {"iro_dispute": "Raised"}
# Each kind's own page: (URL name, argument, the record's attribute that fills it).
DETAIL_PAGES = {
    "complaint": ("staff:complaint_detail", "reference", "reference"),
    "compliment": ("staff:compliment_detail", "reference", "reference"),
    "enquiry": ("staff:enquiry_detail", "reference", "reference"),
    "concern": ("staff:concern_detail", "reference", "reference"),
    "iro_dispute": ("staff:iro_dispute_detail", "iro_reference", "reference"),
    "ombudsman_case": ("staff:ombudsman_case_detail", "pk", "pk"),
}


def _detail_url(key: str, record: Model) -> str:
    """The record's own page, or "" while that kind has no page (the row then shows no link)."""
    name, argument, attribute = DETAIL_PAGES[key]
    try:
        return reverse(name, kwargs={argument: getattr(record, attribute)})
    except NoReverseMatch:
        return ""


def _groups(found: LinkedRecords, today: date) -> list[dict[str, Any]]:
    return [
        {
            "key": group.kind.key,
            "title": group.kind.title,
            "date_label": DATE_LABELS.get(group.kind.key, "Received"),
            "rows": [
                {
                    "reference": str(record),
                    "date": getattr(record, group.kind.date_field),
                    "status": STATUS[group.kind.key](record, today),
                    "url": _detail_url(group.kind.key, record),
                }
                for record in group.records
            ],
        }
        for group in found.groups
    ]


def _records_page(request: HttpRequest, *, subject: Any, template: str) -> HttpResponse:
    kinds = linked_kinds_for(request.user)
    found = linked_records(subject=subject, kinds=kinds)
    audit_record_view(user=request.user, subject=subject)
    context = {
        "subject": subject,
        "groups": _groups(found, clock.today()),
        "children": found.children,
        "people": found.people,
    }
    return render(request, template, context)


@login_required
@require_GET
def child_records(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything the viewer may see about one child, and the family named on those records."""
    if not user_may_view_linked_records(request.user):
        raise PermissionDenied
    child = child_get_for_records(pk=pk, kinds=linked_kinds_for(request.user))
    return _records_page(request, subject=child, template="staff/people/child.html")


@login_required
@require_GET
def person_records(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything the viewer may see that a person raised, and the children it was about."""
    if not user_may_view_linked_records(request.user):
        raise PermissionDenied
    person = person_get_for_records(pk=pk, kinds=linked_kinds_for(request.user))
    return _records_page(request, subject=person, template="staff/people/person.html")


# Search -------------------------------------------------------------------------------------------

def _search_remember(request: HttpRequest, *, words: str, born_on: date | None) -> str:
    """Keep what was asked in the session and return the key the address carries instead."""
    searches = dict(request.session.get(SEARCHES_SESSION_KEY, {}))
    key = secrets.token_urlsafe(9)
    searches[key] = {"words": words, "born_on": born_on.isoformat() if born_on else ""}
    request.session[SEARCHES_SESSION_KEY] = dict(list(searches.items())[-SEARCHES_KEPT:])
    return key


def _search_recall(request: HttpRequest, key: str) -> dict[str, Any] | None:
    asked = request.session.get(SEARCHES_SESSION_KEY, {}).get(key[:SEARCH_KEY_MAX_LENGTH])
    if not asked:
        return None
    born_on = asked.get("born_on") or ""
    return {"words": asked.get("words", ""), "born_on": date.fromisoformat(born_on) if born_on else None}


@login_required
@require_http_methods(["GET", "POST"])
def people_search(request: HttpRequest) -> HttpResponse:
    """Find a child or family by name, date of birth or case-system ID, among those the user may
    see records about. Post/redirect/get: the results' address holds a key, never the words."""
    if not user_may_view_linked_records(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = PeopleSearchForm(request.POST)
        if form.is_valid():
            key = _search_remember(request, words=form.cleaned_data["words"], born_on=form.cleaned_data["born_on"])
            return HttpResponseRedirect(reverse("staff:people_search") + "?" + urlencode({"search": key}))
        return render(request, "staff/people/search.html",
                      {"form": form, "found": None, "asked": None, "problems": []})
    key = request.GET.get("search", "")
    asked = _search_recall(request, key) if key else None
    problems = []
    if key and asked is None:
        problems.append({"text": "Your search has expired. Search again.", "href": ""})
    found = None
    if asked is not None:
        found = people_find(words=asked["words"], born_on=asked["born_on"], kinds=linked_kinds_for(request.user))
    form = PeopleSearchForm(initial=asked or {})
    return render(request, "staff/people/search.html",
                  {"form": form, "found": found, "asked": asked, "problems": problems})
