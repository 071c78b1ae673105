"""Ombudsman (LGSCO) cases: the list, logging a case, its page, changing it, linking complaints,
the draft and final decisions, recommendations, compliance and the evidence for it.

Who may do what is fairhearing.ombudsman.access: the complaints team sees and changes every case,
senior managers and the learning lead see them, everyone else none. The list and the logging page
answer 403 to a role without them; every page about one case fetches it with
``ombudsman_case_get_for_user`` first, so a case the user may not see (their role sees none, or it
is linked to a complaint they are kept from) is 404 whatever they ask for, and changes need the
change permission (403). Every change goes through fairhearing.ombudsman.services, which validates
and writes the audit event; its refusals are shown on the field they are about, the answers kept.
Evidence files are only ever sent by :func:`ombudsman_evidence_download`: there is no other URL.
"""

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.audit.selectors import audit_timeline
from fairhearing.audit.services import audit_record_view
from fairhearing.cases.attachments import AttachmentRefused
from fairhearing.cases.listing import DueWindow
from fairhearing.cases.selectors import complaints_visible_to
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError
from fairhearing.ombudsman.access import (
    ombudsman_case_get_for_user,
    ombudsman_cases_visible_to,
    user_may_change_ombudsman_cases,
    user_may_view_ombudsman_cases,
)
from fairhearing.ombudsman.choices import Compliance, DecisionLabel, HistoricCategory
from fairhearing.ombudsman.models import OmbudsmanCase, Recommendation
from fairhearing.ombudsman.rules import historic_category_for
from fairhearing.ombudsman.selectors import (
    OmbudsmanCaseFilters,
    RecommendationsDue,
    ombudsman_case_recommendations,
    ombudsman_cases_filtered,
    recommendation_counts,
    recommendation_evidence_on_case,
)
from fairhearing.ombudsman.services import (
    ombudsman_case_assign,
    ombudsman_case_create,
    ombudsman_case_link_complaint,
    ombudsman_case_record_decision,
    ombudsman_case_record_draft_decision,
    ombudsman_case_record_historic_decision,
    ombudsman_case_update,
    recommendation_add,
    recommendation_complete,
    recommendation_evidence_download_record,
    recommendation_evidence_upload,
    recommendation_record_not_complied,
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
from ..forms.ombudsman_decisions import DecisionForm, DraftDecisionForm, HistoricDecisionForm
from ..forms.ombudsman_handler import OmbudsmanHandlerForm
from ..forms.ombudsman_recommendations import (
    CompliedForm,
    EvidenceUploadForm,
    NotCompliedForm,
    RecommendationForm,
)
from .caselist import due_window
from .documents import content_disposition
from .people import user_may_view_linked_records

logger = logging.getLogger(__name__)

PAGE_SIZE = 50
# A service's refusal belongs to the field its code names; these codes name a field differently.
REFUSAL_FIELDS = {"lgsco_reference_missing": "lgsco_reference", "lgsco_reference_invalid": "lgsco_reference"}


def form_refusal(form: Form, error: DomainError) -> None:
    """Show a service's refusal on the field it is about, or above the form if it is about none."""
    field = error.field if isinstance(error, AttachmentRefused) else REFUSAL_FIELDS.get(error.code, error.code)
    form.add_error(field if field in form.fields else None, error.message)


def _require_viewer(request: HttpRequest) -> None:
    if not user_may_view_ombudsman_cases(request.user):
        raise PermissionDenied


def _require_changer(request: HttpRequest) -> None:
    if not user_may_change_ombudsman_cases(request.user):
        raise PermissionDenied


def _case_for(request: HttpRequest, pk: int, *, change: bool = False) -> OmbudsmanCase:
    """The case (404 if the user may not see it); 403 if ``change`` and the user may not change it."""
    case = ombudsman_case_get_for_user(user=request.user, pk=pk)
    if change:
        _require_changer(request)
    return case


def _recommendation_for(case: OmbudsmanCase, recommendation_pk: int) -> Recommendation:
    """One of the case's recommendations; 404 for another case's, so ids cannot be mixed."""
    recommendation = case.recommendations.filter(pk=recommendation_pk).first()
    if recommendation is None:
        raise Http404("No such recommendation on this case.")
    return recommendation


def _case_url(case: OmbudsmanCase, anchor: str = "") -> str:
    return reverse("staff:ombudsman_case_detail", args=[case.pk]) + (f"#{anchor}" if anchor else "")


def _not_now(request: HttpRequest, case: OmbudsmanCase, reason: str) -> HttpResponse:
    """The case's state does not allow this (a stale link or a second tab): say why on its page."""
    messages.info(request, reason)
    return redirect(_case_url(case))


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
    _require_viewer(request)
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
    _require_changer(request)
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
            return redirect(_case_url(case))
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
    case = _case_for(request, pk)
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
        "events": _handlers_named(list(audit_timeline(subject=case))[::-1]),
        "today": window.today,
    }
    return render(request, "staff/ombudsman/case_detail.html", context)


# The handler's change is recorded by id (names are not kept in the audit log's changes); the
# timeline names them, as people read it.
HANDLER_CHANGE = "assigned_to_id"
HANDLER_LABEL = "Handled by"


def _handlers_named(events: list[Any]) -> list[Any]:
    """The timeline's events with each change of handler shown as names (one query, none when
    the handler never changed). For this page only: the events themselves are never saved again."""
    ids = {value for event in events for value in event.changes.get(HANDLER_CHANGE, ()) if value}
    if not ids:
        return events
    names = {user.pk: str(user) for user in get_user_model().objects.filter(pk__in=ids)}
    for event in events:
        if HANDLER_CHANGE in event.changes:
            changes = dict(event.changes)
            before, after = changes.pop(HANDLER_CHANGE)
            changes[HANDLER_LABEL] = [names.get(value, "A former member of staff") if value else "Nobody"
                                      for value in (before, after)]
            event.changes = changes
    return events


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a case's details and move it between enquiry, assessment and investigation."""
    case = _case_for(request, pk, change=True)
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
            return redirect(_case_url(case))
    return render(request, "staff/ombudsman/case_form.html", {"form": form, "case": case})


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_case_assign_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the officer who handles the case, or nobody. They are reminded of its deadlines and
    told by email (ombudsman_case_assign), which also refuses anyone who may not hold it."""
    case = _case_for(request, pk, change=True)
    form = OmbudsmanHandlerForm(request.POST if request.method == "POST" else None, case=case)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["assigned_to"]
        if (chosen.pk if chosen else None) == case.assigned_to_id:
            messages.info(request, f"Nothing changed: {chosen} already handles the case" if chosen
                          else "Nothing changed: nobody handles the case")
            return redirect(_case_url(case))
        try:
            case = ombudsman_case_assign(case=case, assigned_to=chosen, actor=request.user)
        except DomainError as error:
            form_refusal(form, error)
        else:
            messages.success(request, f"Ombudsman case {case.lgsco_reference} is now handled by {chosen}" if chosen
                             else f"Nobody handles Ombudsman case {case.lgsco_reference} now")
            return redirect(_case_url(case))
    current = case.assigned_to
    intro = ""
    if current is not None and current.pk not in form.candidates:
        # Their account was closed, or they were kept from a linked complaint, since.
        intro = (f"{current} handles the case now but cannot be chosen again: their account is not active or "
                 "they may no longer see the case. Choose someone else, or nobody.")
    return _simple_form_page(request, case, form, title="Who handles the case", button="Save", intro=intro)


def _simple_form_page(request: HttpRequest, case: OmbudsmanCase, form: Form, *, title: str, button: str,
                      intro: str = "", recommendation: Recommendation | None = None,
                      multipart: bool = False) -> HttpResponse:
    context = {"case": case, "form": form, "title": title, "button": button, "intro": intro,
               "recommendation": recommendation, "multipart": multipart}
    return render(request, "staff/ombudsman/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_case_link_complaint_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Link another complaint, one the user may see, to the case."""
    case = _case_for(request, pk, change=True)
    form = LinkComplaintForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        complaint = form.cleaned_data["complaint"]
        try:
            ombudsman_case_link_complaint(case=case, complaint=complaint, actor=request.user)
        except DomainError as error:
            form_refusal(form, error)
        else:
            messages.success(request, f"Complaint {complaint.reference} linked")
            return redirect(_case_url(case, "complaints"))
    return _simple_form_page(request, case, form, title="Link a complaint", button="Link complaint")


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_case_draft_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the date of the Ombudsman's draft decision."""
    case = _case_for(request, pk, change=True)
    if case.is_decided:
        return _not_now(request, case, "The Ombudsman has already made its final decision on this case.")
    today = clock.today()
    data = request.POST if request.method == "POST" else None
    form = DraftDecisionForm(data, initial={"draft_decision_on": case.draft_decision_on})
    if request.method == "POST" and form.is_valid():
        try:
            ombudsman_case_record_draft_decision(case=case, **form.cleaned_data, actor=request.user, today=today)
        except DomainError as error:
            form_refusal(form, error)
        else:
            messages.success(request, "Date of the draft decision saved")
            return redirect(_case_url(case, "decision"))
    return _simple_form_page(request, case, form, title="Record the draft decision", button="Save date",
                             intro="The council may comment on the draft before the Ombudsman decides.")


def _already_decided(case: OmbudsmanCase) -> str:
    return f"The Ombudsman’s final decision on this case was already recorded ({long_date(case.final_decision_on)})."


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_case_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the Ombudsman's final decision in its current labels."""
    case = _case_for(request, pk, change=True)
    if case.is_decided:
        return _not_now(request, case, _already_decided(case))
    today = clock.today()
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            ombudsman_case_record_decision(case=case, **form.cleaned_data, actor=request.user, today=today)
        except DomainError as error:
            form_refusal(form, error)
        else:
            messages.success(request, "Final decision recorded")
            return redirect(_case_url(case, "decision"))
    return render(request, "staff/ombudsman/decision.html", {"case": case, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_case_historic_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a decision from an older year in the categories used then."""
    case = _case_for(request, pk, change=True)
    if case.is_decided:
        return _not_now(request, case, _already_decided(case))
    today = clock.today()
    form = HistoricDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            ombudsman_case_record_historic_decision(case=case, **form.cleaned_data, actor=request.user, today=today)
        except DomainError as error:
            form_refusal(form, error)
        else:
            messages.success(request, "Final decision recorded in the historic categories")
            return redirect(_case_url(case, "decision"))
    return _simple_form_page(
        request, case, form, title="Record a decision in the historic categories", button="Record decision",
        intro="For a decision from an older year, recorded in the categories the Ombudsman used before its "
              "current decision labels, so that year can be reported beside later ones.",
    )


# Recommendations and evidence -------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add the Ombudsman's next recommendation and the date it is due by."""
    case = _case_for(request, pk, change=True)
    if case.decision not in ("", DecisionLabel.UPHELD):
        return _not_now(request, case, "The Ombudsman makes recommendations only when it finds fault or agrees a "
                                       "remedy, so none can be added to this case.")
    form = RecommendationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = recommendation_add(case=case, **form.cleaned_data, actor=request.user)
        except DomainError as error:
            form_refusal(form, error)
        else:
            messages.success(request, f"Recommendation {recommendation.number} added")
            return redirect(_case_url(case, "recommendations"))
    return _simple_form_page(request, case, form, title="Add a recommendation", button="Add recommendation")


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_recommendation_complied(request: HttpRequest, pk: int, recommendation_pk: int) -> HttpResponse:
    """Record that the council did what was recommended: on time or late, from the date."""
    case = _case_for(request, pk, change=True)
    recommendation = _recommendation_for(case, recommendation_pk)
    if recommendation.is_completed:
        return _not_now(request, case, f"Recommendation {recommendation.number} was already completed on "
                                       f"{long_date(recommendation.completed_on)}.")
    today = clock.today()
    form = CompliedForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = recommendation_complete(recommendation=recommendation, **form.cleaned_data,
                                                     actor=request.user, today=today)
        except DomainError as error:
            form_refusal(form, error)
        else:
            messages.success(request, f"Recommendation {recommendation.number}: "
                                      f"{recommendation.get_compliance_display().lower()}")
            return redirect(_case_url(case, "recommendations"))
    return _simple_form_page(
        request, case, form, recommendation=recommendation, button="Save",
        title=f"Recommendation {recommendation.number}: record that it was done",
        intro=f"Due by {long_date(recommendation.due_on)}. Done on or before that date is on time; after it, late.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_recommendation_not_complied(request: HttpRequest, pk: int, recommendation_pk: int) -> HttpResponse:
    """Record that the Ombudsman found the council did not comply with an overdue recommendation."""
    case = _case_for(request, pk, change=True)
    recommendation = _recommendation_for(case, recommendation_pk)
    today = clock.today()
    if recommendation.is_completed or recommendation.compliance == Compliance.NOT_COMPLIED:
        return _not_now(request, case, f"Recommendation {recommendation.number} is already recorded as "
                                       f"{recommendation.get_compliance_display().lower()}.")
    if recommendation.due_on >= today:
        return _not_now(request, case, f"Recommendation {recommendation.number} is due by "
                                       f"{long_date(recommendation.due_on)}: it cannot be recorded as not complied "
                                       "before then.")
    form = NotCompliedForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            recommendation_record_not_complied(recommendation=recommendation, **form.cleaned_data,
                                               actor=request.user, today=today)
        except DomainError as error:
            form_refusal(form, error)
        else:
            messages.success(request, f"Recommendation {recommendation.number}: not complied")
            return redirect(_case_url(case, "recommendations"))
    return _simple_form_page(
        request, case, form, recommendation=recommendation, button="Record not complied",
        title=f"Recommendation {recommendation.number}: record that it was not complied with",
        intro="It stays on the overdue list until the council does it; then record it as done, and it counts as "
              "complied late.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_evidence_upload(request: HttpRequest, pk: int, recommendation_pk: int) -> HttpResponse:
    """File evidence that a recommendation was carried out."""
    case = _case_for(request, pk, change=True)
    recommendation = _recommendation_for(case, recommendation_pk)
    form = (EvidenceUploadForm(request.POST, request.FILES) if request.method == "POST"
            else EvidenceUploadForm())
    if request.method == "POST" and form.is_valid():
        try:
            recommendation_evidence_upload(recommendation=recommendation, uploaded_file=form.cleaned_data["file"],
                                           title=form.cleaned_data["title"], actor=request.user)
        except DomainError as error:
            form_refusal(form, error)
        else:
            messages.success(request, f"Evidence uploaded for recommendation {recommendation.number}")
            return redirect(_case_url(case, "recommendations"))
    return _simple_form_page(request, case, form, recommendation=recommendation, multipart=True,
                             title=f"Recommendation {recommendation.number}: upload evidence",
                             button="Upload evidence")


@login_required
@require_GET
def ombudsman_evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    """Send one evidence file as a download, never shown in the browser, never cached; logged."""
    case = _case_for(request, pk)
    evidence = recommendation_evidence_on_case(case=case, pk=evidence_pk)
    if evidence is None:
        raise Http404("No evidence found")
    try:
        evidence.file.open("rb")
    except FileNotFoundError:
        logger.error("Stored file missing for recommendation evidence %s", evidence.pk)
        raise Http404("No evidence found") from None
    recommendation_evidence_download_record(evidence=evidence, actor=request.user)
    response = FileResponse(evidence.file, content_type=evidence.content_type)
    response["Content-Length"] = str(evidence.file.size)
    response["Content-Disposition"] = content_disposition(evidence.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # Should a browser ever render it anyway, nothing in it may run or load.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
