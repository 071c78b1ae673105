"""Ombudsman (LGSCO) cases: the list, logging a case, its page, changing its details and linking
complaints to it. Who handles a case is views/ombudsman_handler.py; the draft and final decisions
views/ombudsman_decisions.py; recommendations, compliance and the evidence for it
views/ombudsman_recommendations.py; what those pages share views/ombudsman_common.py.

Who may do what is fairhearing.ombudsman.access: the complaints team sees and changes every case,
senior managers and the learning lead see them, everyone else none. The list and the logging page
answer 403 to a role without them; every page about one case fetches it with
``ombudsman_case_get_for_user`` first, so a case the user may not see (their role sees none, or it
is linked to a complaint they are kept from) is 404 whatever they ask for, and changes need the
change permission (403). Every change goes through fairhearing.ombudsman.services, which validates
and writes the audit event; its refusals are shown on the field they are about, the answers kept.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.audit.selectors import audit_timeline
from fairhearing.audit.services import audit_record_view
from fairhearing.cases.listing import DueWindow
from fairhearing.cases.selectors import complaints_visible_to
from fairhearing.core import clock
from fairhearing.core.errors import DomainError
from fairhearing.ombudsman.access import (
    ombudsman_cases_visible_to,
    user_may_change_ombudsman_cases,
    user_may_view_ombudsman_cases,
)
from fairhearing.ombudsman.choices import Compliance, DecisionLabel, HistoricCategory
from fairhearing.ombudsman.models import OmbudsmanCase
from fairhearing.ombudsman.rules import historic_category_for
from fairhearing.ombudsman.selectors import (
    OmbudsmanCaseFilters,
    RecommendationsDue,
    ombudsman_case_recommendations,
    ombudsman_cases_filtered,
    recommendation_counts,
)
from fairhearing.ombudsman.services import (
    ombudsman_case_create,
    ombudsman_case_link_complaint,
    ombudsman_case_update,
)

from ..due import DUE_SOON_WORKING_DAYS, due_status
from ..forms.ombudsman import (
    HANDLER_MINE,
    HANDLER_NONE,
    LinkComplaintForm,
    OmbudsmanCaseFilterForm,
    OmbudsmanCaseForm,
    ombudsman_filter_query,
)
from .caselist import due_window
from .ombudsman_common import (
    form_refusal,
    ombudsman_case_for_request,
    ombudsman_case_url,
    ombudsman_form_page,
    require_ombudsman_changer,
    require_ombudsman_viewer,
)
from .ombudsman_handler import handlers_named
from .people import user_may_view_linked_records

PAGE_SIZE = 50


# The list ---------------------------------------------------------------------------------------

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


def _page_links(page: Page, filters: OmbudsmanCaseFilters, handler: str = "") -> dict[str, Any]:
    """Previous, next and numbered page links (GOV.UK pagination), keeping the filters."""
    def url(number: int) -> str:
        return reverse("staff:ombudsman_case_list") + ombudsman_filter_query(filters, handler=handler, page=number)

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


@login_required
@require_GET
def ombudsman_case_list(request: HttpRequest) -> HttpResponse:
    """The Ombudsman cases the user may see, filtered (by who handles them too), newest first, 50 to
    a page, each with the officer handling it."""
    require_ombudsman_viewer(request)
    window = due_window()
    form = OmbudsmanCaseFilterForm(request.GET)
    form.is_valid()
    filters, handler = form.filters(), form.handler_chosen()
    visible = ombudsman_cases_visible_to(request.user)
    if handler == HANDLER_MINE:
        visible = visible.filter(assigned_to=request.user)
    elif handler == HANDLER_NONE:
        visible = visible.filter(assigned_to__isnull=True)
    cases = ombudsman_cases_filtered(cases=visible, filters=filters, today=window.today,
                                     soon_until=window.soon_until).select_related("assigned_to")
    page, page_problem = _page(Paginator(cases, PAGE_SIZE), request.GET.get("page"))
    context = {
        "form": form,
        "filters": filters,
        "description": form.describe(filters),
        "problems": [page_problem] if page_problem else [],
        "page": page,
        "cases": list(page.object_list),
        "page_links": _page_links(page, filters, handler),
        "handler": handler,
        "clear_url": reverse("staff:ombudsman_case_list"),
        "may_change": user_may_change_ombudsman_cases(request.user),
        "today": window.today,
    }
    return render(request, "staff/ombudsman/case_list.html", context)


def ombudsman_dashboard_figures(*, user: Any, window: DueWindow) -> list[dict[str, Any]]:
    """The dashboard's Ombudsman figures (one query), each a link to the list of the cases it
    counts; none for a user who may not see Ombudsman cases."""
    if not user_may_view_ombudsman_cases(user):
        return []
    counts = recommendation_counts(cases=ombudsman_cases_visible_to(user), today=window.today,
                                   soon_until=window.soon_until)
    list_url = reverse("staff:ombudsman_case_list")
    return [
        {"label": "Ombudsman recommendations overdue", "count": counts.overdue,
         "url": list_url + ombudsman_filter_query(OmbudsmanCaseFilters(recommendations=RecommendationsDue.OVERDUE))},
        {"label": f"Ombudsman recommendations due in the next {DUE_SOON_WORKING_DAYS} working days",
         "count": counts.due_soon,
         "url": list_url + ombudsman_filter_query(OmbudsmanCaseFilters(recommendations=RecommendationsDue.DUE_SOON))},
    ]


# Logging, the case page and changing it -----------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_case_new(request: HttpRequest) -> HttpResponse:
    """Log an Ombudsman enquiry, with the complaints it is about and its request for information."""
    require_ombudsman_changer(request)
    today = clock.today()
    form = OmbudsmanCaseForm(request.POST if request.method == "POST" else None, user=request.user, today=today)
    if request.method == "POST" and form.is_valid():
        data = form.service_kwargs()
        try:
            case = ombudsman_case_create(**data, actor=request.user, today=today)
        except DomainError as error:
            form_refusal(form, error)
        else:
            messages.success(request, f"Ombudsman case {case.lgsco_reference} logged")
            return redirect(ombudsman_case_url(case))
    return render(request, "staff/ombudsman/case_form.html", {"form": form, "case": None})


def _recommendation_rows(case: OmbudsmanCase, *, today: Any, soon_until: Any, may_change: bool) -> list[dict]:
    rows = []
    for recommendation in ombudsman_case_recommendations(case):
        outstanding = not recommendation.is_completed
        rows.append({
            "recommendation": recommendation,
            "status": due_status(due_on=recommendation.due_on, today=today, soon_limit=soon_until)
            if outstanding else "",
            "may_complete": may_change and outstanding,
            "may_record_not_complied": may_change and outstanding and recommendation.due_on < today
            and recommendation.compliance != Compliance.NOT_COMPLIED,
        })
    return rows


@login_required
@require_GET
def ombudsman_case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything about one case: its details, the complaints, the decision, the recommendations
    with their evidence, the timeline, and what the user may do next. Each opening is logged."""
    case = ombudsman_case_for_request(request, pk)
    audit_record_view(user=request.user, subject=case)
    window = due_window()
    may_change = user_may_change_ombudsman_cases(request.user)
    complaints = list(case.complaints.order_by("reference"))
    # Only complaints the user may open are links (the learning lead sees cases, not complaints).
    openable = set(complaints_visible_to(request.user).filter(pk__in=[c.pk for c in complaints])
                   .values_list("pk", flat=True))
    historic = historic_category_for(case)
    context = {
        "case": case,
        "complaints": [{"complaint": complaint, "link": complaint.pk in openable} for complaint in complaints],
        "recommendations": _recommendation_rows(case, today=window.today, soon_until=window.soon_until,
                                                may_change=may_change),
        "historic_label": HistoricCategory(historic).label if historic else "",
        "may_change": may_change,
        "may_view_linked_records": user_may_view_linked_records(request.user),
        "may_decide": may_change and not case.is_decided,
        # As the service allows: before the decision, after an upheld one, or with a historic category.
        "may_add_recommendation": may_change and case.decision in ("", DecisionLabel.UPHELD),
        "events": handlers_named(list(audit_timeline(subject=case))[::-1]),
        "today": window.today,
    }
    return render(request, "staff/ombudsman/case_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a case's details and move it between enquiry, assessment and investigation."""
    case = ombudsman_case_for_request(request, pk, change=True)
    today = clock.today()
    form = OmbudsmanCaseForm(request.POST if request.method == "POST" else None, user=request.user,
                             today=today, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            ombudsman_case_update(case=case, **form.service_kwargs(), person=case.person, child=case.child,
                                  actor=request.user, today=today)
        except DomainError as error:
            form_refusal(form, error)
        else:
            messages.success(request, f"Ombudsman case {case.lgsco_reference} saved")
            return redirect(ombudsman_case_url(case))
    return render(request, "staff/ombudsman/case_form.html", {"form": form, "case": case})


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_case_link_complaint_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Link another complaint, one the user may see, to the case."""
    case = ombudsman_case_for_request(request, pk, change=True)
    form = LinkComplaintForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        complaint = form.cleaned_data["complaint"]
        try:
            ombudsman_case_link_complaint(case=case, complaint=complaint, actor=request.user)
        except DomainError as error:
            form_refusal(form, error)
        else:
            messages.success(request, f"Complaint {complaint.reference} linked")
            return redirect(ombudsman_case_url(case, "complaints"))
    return ombudsman_form_page(request, case, form, title="Link a complaint", button="Link complaint")
