"""The complaints list: filter, search, sort and page through the complaints a user may see.

Filters are in the query string so a list can be shared. Search words (often a child's name) are
posted instead, kept in the user's session and referred to in the URL by a random key, so names
never reach a URL, a browser history or a server log.
"""

import secrets
from dataclasses import dataclass, replace

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from fairhearing.cases.listing import (
    ComplaintFilters,
    DueWindow,
    Sort,
    complaint_list_for_user,
    complaints_in_order,
)
from fairhearing.cases.selectors import user_may_list_complaints
from fairhearing.core import clock
from fairhearing.stages.dashboard import next_step
from fairhearing.workingdays.selectors import calendar_get

from ..due import due_soon_limit, due_status
from ..forms.listing import ComplaintFilterForm, ComplaintSearchForm, filter_query

PAGE_SIZE = 50
SEARCHES_SESSION_KEY = "complaint_list_searches"
SEARCHES_KEPT = 20
SORTABLE = {"reference": Sort.REFERENCE, "received": Sort.RECEIVED, "due": Sort.DUE}


@dataclass
class ListRequest:
    """What a request to the list (or an export of it) asks for, once checked."""

    form: ComplaintFilterForm
    filters: ComplaintFilters
    search_key: str
    window: DueWindow
    problems: list[str]


def due_window() -> DueWindow:
    """Today, and the end of "due in the next 5 working days" (the calendar's two queries)."""
    today = clock.today()
    return DueWindow(today=today, soon_until=due_soon_limit(today=today, calendar=calendar_get()))


def list_request(request: HttpRequest) -> ListRequest:
    """The filters in the query string, and the search words its key stands for."""
    form = ComplaintFilterForm(request.GET, user=request.user)
    form.is_valid()
    problems = []
    key = form.cleaned_data.get("search") or ""
    words = request.session.get(SEARCHES_SESSION_KEY, {}).get(key, "") if key else ""
    if key and not words:
        problems.append("Your search has expired, so the list is not searched. Search again.")
        key = ""
    return ListRequest(form=form, filters=form.filters(search=words), search_key=key,
                       window=due_window(), problems=problems)


def search_remember(request: HttpRequest, words: str) -> str:
    """Keep the words in the session and return the key the URL carries instead."""
    searches = dict(request.session.get(SEARCHES_SESSION_KEY, {}))
    key = secrets.token_urlsafe(9)
    searches[key] = words
    request.session[SEARCHES_SESSION_KEY] = dict(list(searches.items())[-SEARCHES_KEPT:])
    return key


@login_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    """Complaints the user may see, filtered, searched, sorted and 50 to a page."""
    if not user_may_list_complaints(request.user):
        raise PermissionDenied
    search_form = None
    if request.method == "POST":
        search_form = ComplaintSearchForm(request.POST)
        if search_form.is_valid():
            return _search(request, search_form.cleaned_data["words"])
    return _render(request, search_form)


def _search(request: HttpRequest, words: str) -> HttpResponse:
    """Post/redirect/get: the current filters, plus the key to the new search words."""
    asked = list_request(request)
    words = " ".join(words.split())
    key = search_remember(request, words) if words else ""
    return HttpResponseRedirect(reverse("staff:complaint_list") + filter_query(asked.filters, search_key=key))


def _page(paginator: Paginator, asked: str | None) -> tuple[Page, str]:
    """The page asked for, or the nearest one with a message saying why."""
    last = paginator.num_pages
    if asked in (None, ""):
        return paginator.page(1), ""
    if not asked.isdigit() or int(asked) < 1:
        return paginator.page(1), "Page numbers are whole numbers from 1. Showing page 1."
    if int(asked) > last:
        return paginator.page(last), f"There is no page {int(asked)}. Showing page {last} of {last}."
    return paginator.page(int(asked)), ""


def _sort_headers(filters: ComplaintFilters, search_key: str) -> dict[str, dict[str, str]]:
    """Each sortable column's link and aria-sort: a first click sorts ascending, a second descending."""
    headers = {}
    for name, ascending in SORTABLE.items():
        descending = f"-{ascending}"
        if filters.sort == ascending:
            aria, target = "ascending", descending
        elif filters.sort == descending:
            aria, target = "descending", ascending
        else:
            aria, target = "none", ascending
        query = filter_query(replace(filters, sort=target), search_key=search_key)
        headers[name] = {"aria": aria, "url": reverse("staff:complaint_list") + query}
    return headers


def _render(request: HttpRequest, search_form: ComplaintSearchForm | None) -> HttpResponse:
    asked = list_request(request)
    filters, window = asked.filters, asked.window
    complaints = complaint_list_for_user(user=request.user, filters=filters, window=window)
    paginator = Paginator(complaints.values_list("pk", flat=True), PAGE_SIZE)
    page, page_problem = _page(paginator, request.GET.get("page"))
    shown = complaints_in_order(list(page.object_list))
    problems = [*asked.problems, *([page_problem] if page_problem else [])]
    rows = [
        {
            "complaint": complaint,
            "next_step": next_step(complaint, today=window.today),
            "status": due_status(due_on=complaint.next_due_on, today=window.today, soon_limit=window.soon_until,
                                 paused=complaint.stage_paused_since is not None and complaint.is_open),
        }
        for complaint in shown
    ]
    list_url = reverse("staff:complaint_list")
    query = filter_query(filters, search_key=asked.search_key)
    context = {
        "form": asked.form,
        "search_form": search_form or ComplaintSearchForm(initial={"words": filters.search}),
        "filters": filters,
        "search_key": asked.search_key,
        "description": asked.form.describe(filters),
        "problems": problems,
        "has_errors": bool(problems),
        "page": page,
        "rows": rows,
        "today": window.today,
        "sort_headers": _sort_headers(filters, asked.search_key),
        "page_links": _page_links(page, filters, asked.search_key),
        "clear_url": list_url,
        "clear_search_url": list_url + filter_query(filters),
        "csv_url": reverse("staff:complaint_export_csv") + query,
        "xlsx_url": reverse("staff:complaint_export_xlsx") + query,
    }
    return render(request, "staff/complaint_list.html", context)


def _page_links(page: Page, filters: ComplaintFilters, search_key: str) -> dict:
    """Previous, next and numbered page links (GOV.UK pagination), keeping the filters."""
    def url(number: int) -> str:
        return reverse("staff:complaint_list") + filter_query(filters, search_key=search_key, page=number)

    last = page.paginator.num_pages
    numbers = sorted({1, last, page.number - 1, page.number, page.number + 1} & set(range(1, last + 1)))
    items, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "url": url(number), "current": number == page.number})
        previous = number
    return {
        "previous": url(page.previous_page_number()) if page.has_previous() else "",
        "next": url(page.next_page_number()) if page.has_next() else "",
        "items": items,
    }
