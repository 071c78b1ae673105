"""ADR (alternative dispute resolution, mediation) and IRO dispute resolution: list, record, read
and update each; and the ADR and costs panel on the complaint page.

Who may do what is decided in fairhearing/cases/kinds/access.py: the complaints team and senior
managers see every ADR case and IRO dispute (except ADR on a complaint the user is excluded or
restricted from); only the complaints team records and changes them. The lists are refused (403)
to roles that see none; a single record is fetched through ``record_get_for_user`` (404 for one the
user may not see) before the change permission is checked (403). Every write goes through the kind
services, which write the audit events; their refusals come back as errors on the form, with what
was typed kept.

Addresses carry records' references (ADR-2022-0001) and the lists' filters, never names or
free text.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.audit.selectors import audit_timeline
from fairhearing.audit.services import audit_record_view
from fairhearing.cases.kinds.access import (
    adr_cases_visible_to,
    iro_disputes_visible_to,
    record_get_for_user,
    user_may_change_records,
)
from fairhearing.cases.kinds.costs import costs_for_complaint, user_may_view_costs
from fairhearing.cases.kinds.resolutions import (
    adr_cases_for_complaint,
    adr_cases_for_list,
    adr_create,
    adr_update,
    iro_dispute_create,
    iro_dispute_update,
    iro_disputes_for_list,
    user_may_view_resolutions,
)
from fairhearing.cases.models import AdrCase, Complaint, IroDispute
from fairhearing.cases.selectors import complaint_get_for_user, complaints_visible_to
from fairhearing.core import clock
from fairhearing.core.errors import DomainError

from ..forms.resolutions import (
    AdrCreateForm,
    AdrFilterForm,
    AdrUpdateForm,
    IroDisputeCreateForm,
    IroDisputeFilterForm,
    IroDisputeUpdateForm,
)

PAGE_SIZE = 50


# Shared by the record lists (ADR, IRO disputes, costs) -----------------------------------------

def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@dataclass(frozen=True)
class ListPage:
    """One page of a list, its GOV.UK pagination links (keeping the filters) and, if the page asked
    for does not exist, a message saying which page is shown instead."""

    page: Page
    links: dict[str, Any]
    problem: str


def list_page(request: HttpRequest, rows: QuerySet, *, per_page: int = PAGE_SIZE) -> ListPage:
    """The page of ``rows`` the query string asks for: a count and one query for the page, however
    many rows there are."""
    paginator = Paginator(rows, per_page)
    asked, last, problem = request.GET.get("page", ""), paginator.num_pages, ""
    number = 1
    if asked:
        if not asked.isdigit() or int(asked) < 1:
            problem = "Page numbers are whole numbers from 1. Showing page 1."
        elif int(asked) > last:
            number, problem = last, f"There is no page {int(asked)}. Showing page {last} of {last}."
        else:
            number = int(asked)
    page = paginator.page(number)

    def url(target: int) -> str:
        query = request.GET.copy()
        query["page"] = str(target)
        return f"{request.path}?{query.urlencode()}"

    numbers = sorted({1, last, page.number - 1, page.number, page.number + 1} & set(range(1, last + 1)))
    items, previous = [], 0
    for shown in numbers:
        if shown - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": shown, "url": url(shown), "current": shown == page.number})
        previous = shown
    links = {
        "previous": url(page.previous_page_number()) if page.has_previous() else "",
        "next": url(page.next_page_number()) if page.has_next() else "",
        "items": items,
    }
    return ListPage(page=page, links=links, problem=problem)


def list_context(request: HttpRequest, form: Any, rows: QuerySet) -> dict[str, Any]:
    """What every record list's template needs: the filters, the page and any problems."""
    listing = list_page(request, rows)
    problems = [listing.problem] if listing.problem else []
    return {
        "form": form, "page": listing.page, "rows": list(listing.page.object_list),
        "page_links": listing.links, "problems": problems, "has_errors": bool(problems or form.errors),
        "filtered": any(value for name, value in request.GET.items() if name != "page"),
        "clear_url": request.path, "may_change": user_may_change_records(request.user),
    }


def complaint_named_in_query(request: HttpRequest) -> Complaint | None:
    """The complaint a "record one for this complaint" link came from, if the user may see it
    (so the page can go back to it); None otherwise, without saying why."""
    reference = request.GET.get("complaint", "").strip().upper()[:30]
    if not reference:
        return None
    try:
        return complaint_get_for_user(user=request.user, reference=reference)
    except Http404:
        return None


# The complaint page's panel ---------------------------------------------------------------------

def adr_costs_panel_context(*, user: Any, complaint: Complaint) -> dict[str, Any]:
    """What ``staff/case/_adr_costs.html`` needs on the complaint page: the complaint's ADR cases
    and costs (one query each) for users who may see them, None for those who may not (the panel
    then leaves that part out), and whether the user may record more."""
    costs = list(costs_for_complaint(user=user, complaint=complaint)) if user_may_view_costs(user) else None
    return {
        "adr_costs_panel": {
            "adr_cases": (list(adr_cases_for_complaint(user=user, complaint=complaint))
                          if user_may_view_resolutions(user) else None),
            "costs": costs,
            "costs_total": sum(cost.amount for cost in costs) if costs else None,
            "may_change": user_may_change_records(user),
        }
    }


# ADR ------------------------------------------------------------------------------------------

def _adr_for(request: HttpRequest, adr_reference: str) -> AdrCase:
    return record_get_for_user(
        adr_cases_visible_to(request.user).select_related("complaint", "team", "created_by"),
        reference=adr_reference,
    )


@login_required
@require_GET
def adr_list(request: HttpRequest) -> HttpResponse:
    """ADR cases, newest offer first, filtered by result, stage and when they were offered."""
    require(user_may_view_resolutions(request.user))
    form = AdrFilterForm(request.GET)
    form.is_valid()
    rows = adr_cases_for_list(user=request.user, **form.selector_kwargs())
    return render(request, "staff/resolutions/adr_list.html", list_context(request, form, rows))


@login_required
@require_http_methods(["GET", "POST"])
def adr_new(request: HttpRequest) -> HttpResponse:
    """Record that ADR or mediation was offered, on a complaint (``?complaint=<reference>`` fills
    it in) or before one was logged."""
    require(user_may_change_records(request.user))
    today = clock.today()
    from_complaint = complaint_named_in_query(request)
    if request.method == "POST":
        form = AdrCreateForm(request.POST, user=request.user, today=today)
        if form.is_valid():
            try:
                adr = adr_create(**form.service_kwargs(), actor=request.user, today=today)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, f"ADR {adr.reference} recorded")
                return redirect("staff:adr_detail", adr_reference=adr.reference)
    else:
        initial = {"complaint": from_complaint.reference} if from_complaint else {}
        form = AdrCreateForm(user=request.user, today=today, initial=initial)
    return render(request, "staff/resolutions/adr_form.html",
                  {"form": form, "from_complaint": from_complaint, "adr": None})


@login_required
@require_GET
def adr_detail(request: HttpRequest, adr_reference: str) -> HttpResponse:
    """One ADR case: how it was offered and went, and its timeline."""
    adr = _adr_for(request, adr_reference)
    context = {
        "adr": adr,
        "may_change": user_may_change_records(request.user),
        "events": list(audit_timeline(subject=adr))[::-1],
    }
    return render(request, "staff/resolutions/adr_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def adr_edit(request: HttpRequest, adr_reference: str) -> HttpResponse:
    """Record when ADR was held, its outcome confirmed in writing, its result and saving."""
    adr = _adr_for(request, adr_reference)
    require(user_may_change_records(request.user))
    today = clock.today()
    form = AdrUpdateForm(request.POST if request.method == "POST" else None, adr_case=adr, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            adr = adr_update(adr_case=adr, **form.service_kwargs(), actor=request.user, today=today)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"ADR {adr.reference} saved")
            return redirect("staff:adr_detail", adr_reference=adr.reference)
    return render(request, "staff/resolutions/adr_form.html", {"form": form, "adr": adr})


# IRO disputes ---------------------------------------------------------------------------------

def _dispute_for(request: HttpRequest, iro_reference: str) -> IroDispute:
    return record_get_for_user(
        iro_disputes_visible_to(request.user).select_related("team", "child", "created_by"),
        reference=iro_reference,
    )


def child_shown_to(user: Any, dispute: IroDispute) -> bool:
    """Whether the dispute's child may be named to this user: only if they may see a complaint
    about that child (the child was chosen from one), so an IRO dispute never reveals a child
    from a complaint the user is excluded or restricted from."""
    return dispute.child_id is not None and complaints_visible_to(user).filter(
        children__child_id=dispute.child_id).exists()


@login_required
@require_GET
def iro_dispute_list(request: HttpRequest) -> HttpResponse:
    """IRO disputes, most recently raised first, filtered by stage and whether they are resolved."""
    require(user_may_view_resolutions(request.user))
    form = IroDisputeFilterForm(request.GET)
    form.is_valid()
    rows = iro_disputes_for_list(user=request.user, **form.selector_kwargs())
    return render(request, "staff/resolutions/iro_list.html", list_context(request, form, rows))


@login_required
@require_http_methods(["GET", "POST"])
def iro_dispute_new(request: HttpRequest) -> HttpResponse:
    """Log an IRO's dispute about a child's case."""
    require(user_may_change_records(request.user))
    today = clock.today()
    form = IroDisputeCreateForm(request.POST if request.method == "POST" else None, user=request.user, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            dispute = iro_dispute_create(**form.service_kwargs(), actor=request.user, today=today)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"IRO dispute {dispute.reference} logged")
            return redirect("staff:iro_dispute_detail", iro_reference=dispute.reference)
    return render(request, "staff/resolutions/iro_new.html", {"form": form})


@login_required
@require_GET
def iro_dispute_detail(request: HttpRequest, iro_reference: str) -> HttpResponse:
    """One IRO dispute: who raised it about whom, how far it has gone, its outcome and timeline.
    Opening one that names a child is logged, as opening a complaint is."""
    dispute = _dispute_for(request, iro_reference)
    show_child = child_shown_to(request.user, dispute)
    if show_child:
        audit_record_view(user=request.user, subject=dispute)
    context = {
        "dispute": dispute,
        "show_child": show_child,
        "may_change": user_may_change_records(request.user),
        "events": list(audit_timeline(subject=dispute))[::-1],
    }
    return render(request, "staff/resolutions/iro_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def iro_dispute_edit(request: HttpRequest, iro_reference: str) -> HttpResponse:
    """Move a dispute up the local process, record its outcome and when it was resolved."""
    dispute = _dispute_for(request, iro_reference)
    require(user_may_change_records(request.user))
    today = clock.today()
    form = IroDisputeUpdateForm(request.POST if request.method == "POST" else None, dispute=dispute, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            dispute = iro_dispute_update(iro_dispute=dispute, **form.service_kwargs(), actor=request.user,
                                         today=today)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"IRO dispute {dispute.reference} saved")
            return redirect("staff:iro_dispute_detail", iro_reference=dispute.reference)
    return render(request, "staff/resolutions/iro_edit.html", {"form": form, "dispute": dispute})
