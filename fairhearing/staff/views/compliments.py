"""Compliments: the list, logging one (one short page), the compliment's page with its timeline,
changing it, preparing the quotation a report may use, and recording when it was shared with the
team. Also what the compliments, Members' enquiries and initial feedback pages share: the list
plumbing (filters, pages), the form pages with their 409 for a state that does not allow the step.

Who may do what is decided in cases/kinds/access.py: every page fetches the record through the
``*_visible_to`` rules (404 for a record the user may not see), then checks the change permission
(403). Every change goes through a kind service, which writes the audit event.
"""

from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Model, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.audit.selectors import audit_timeline
from fairhearing.audit.services import audit_record_view
from fairhearing.cases.kinds.access import (
    compliments_visible_to,
    record_get_for_user,
    user_may_change_records,
)
from fairhearing.cases.kinds.compliments import (
    compliment_log,
    compliment_person_add,
    compliment_quotation_prepare,
    compliment_quotation_suggest,
    compliment_update,
)
from fairhearing.cases.models import Compliment
from fairhearing.core import clock
from fairhearing.core.errors import DomainError
from fairhearing.workingdays.selectors import calendar_get

from ..due import due_soon_limit, due_status
from ..forms.compliments import (
    ComplimentFilterForm,
    ComplimentForm,
    QuotationForm,
    RecordFilterForm,
    SharedForm,
)
from .case import working_days_left

PAGE_SIZE = 50
FORM_TEMPLATE = "staff/compliments/record_form.html"
NOT_POSSIBLE_TEMPLATE = "staff/compliments/not_possible.html"


# Shared by the compliments, enquiries and initial feedback pages -----------------------------------

def may_list(visible: QuerySet) -> bool:
    """Whether the access rules let this user see records of the kind at all. A role that sees
    none is given an empty queryset (``none()``); a responding manager with no records yet still
    has a list, if an empty one."""
    return not visible.query.is_empty()


def record_for_request(request: HttpRequest, visible: QuerySet, reference: str, *, change: bool = False) -> Any:
    """The record of ``visible`` with this reference if the user may see it (else 404) and, for
    ``change``, change it (else 403): fetch and authorise together, for every kind."""
    record = record_get_for_user(visible, reference=reference)
    if change and not user_may_change_records(request.user):
        raise PermissionDenied
    return record


def overdue_figure_for(visible: QuerySet, overdue: QuerySet, *, label: str, list_url: str) -> dict[str, Any] | None:
    """A dashboard figure: how many of ``overdue`` (the visible records past their due date),
    linking to ``list_url``, the kind's list filtered to exactly those; None for a user who sees
    none of the kind."""
    if not may_list(visible):
        return None
    return {"label": label, "count": overdue.count(), "url": list_url}


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


def _page_links(request: HttpRequest, page: Page) -> dict[str, Any]:
    """Previous, next and numbered page links (GOV.UK pagination), keeping the filters."""
    params = [(name, item) for name, values in request.GET.lists() if name != "page" for item in values]

    def url(number: int) -> str:
        return f"{request.path}?{urlencode([*params, ('page', number)], doseq=True)}"

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


def record_list_context(request: HttpRequest, records: QuerySet, *, form: RecordFilterForm) -> dict[str, Any]:
    """One page of the filtered records, with what the list template needs: two queries (the count
    and the page) however many records there are."""
    paginator = Paginator(form.apply(records), PAGE_SIZE)
    page, problem = _page(paginator, request.GET.get("page"))
    problems = [problem] if problem else []
    return {
        "form": form,
        "page": page,
        "rows": list(page.object_list),
        "page_links": _page_links(request, page),
        "problems": problems,
        "has_errors": bool(problems or form.errors),
        "description": form.describe(),
        "clear_url": request.path,
        "today": form.today,
    }


def record_timeline(record: Model) -> list[Any]:
    """The record's audit events, newest first, as the complaint page shows them."""
    return list(audit_timeline(subject=record))[::-1]


def posted(request: HttpRequest) -> Any:
    """The form data of a POST (even an empty one, so its errors show), or None for a GET."""
    return request.POST if request.method == "POST" else None


def record_form_page(
    request: HttpRequest,
    *,
    form: Form,
    perform: Callable[[], Any],
    done: Callable[[Any], tuple[str, str]],
    context: dict[str, Any],
    template: str = FORM_TEMPLATE,
    error_field: str | None = None,
) -> HttpResponse:
    """GET shows the form; a valid POST calls ``perform`` (a kind service) and then goes where
    ``done(result)`` says, as (banner, address). A service's refusal is shown in the error summary
    (against ``error_field`` if the page has one box the refusal is about) with the answers kept,
    and nothing is saved."""
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                result = perform()
        except DomainError as error:
            form.add_error(error_field, error.message)
        else:
            banner, url = done(result)
            messages.success(request, banner)
            return redirect(url)
    return render(request, template, {**context, "form": form})


def deadline(*, due_on: date, start: date, days: int, today: date) -> dict[str, str]:
    """How an open record's due date stands: its tag, the working days left, and how it was worked out."""
    calendar = calendar_get()
    return {
        "status": due_status(due_on=due_on, today=today, soon_limit=due_soon_limit(today=today, calendar=calendar)),
        "days_left": working_days_left(due_on=due_on, today=today, calendar=calendar),
        "explanation": calendar.explain(start, days),
    }


def not_possible(request: HttpRequest, *, title: str, reason: str, context: dict[str, Any]) -> HttpResponse:
    """A step the record's state does not allow now: said plainly, with status 409, nothing changed."""
    return render(request, NOT_POSSIBLE_TEMPLATE, {**context, "title": title, "reason": reason}, status=409)


# Compliments -------------------------------------------------------------------------------------

def user_may_list_compliments(user: Any) -> bool:
    return may_list(compliments_visible_to(user))


def _compliment(request: HttpRequest, reference: str, *, change: bool = False) -> Compliment:
    """The compliment if the user may see it (else 404) and, for ``change``, change it (else 403)."""
    visible = compliments_visible_to(request.user).select_related("team", "person", "child", "created_by")
    return record_for_request(request, visible, reference, change=change)


def _detail_url(compliment: Compliment) -> str:
    return reverse("staff:compliment_detail", args=[compliment.reference])


def _form_context(compliment: Compliment | None, title: str, *, submit: str = "Save", intro: str = "",
                  facts: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    if compliment is None:
        return {"title": title, "caption": "Compliments", "back_url": reverse("staff:compliment_list"),
                "back_text": "Back to compliments", "submit_label": submit, "intro": intro, "facts": facts or []}
    return {
        "title": title, "caption": f"Compliment {compliment.reference}",
        "back_url": _detail_url(compliment),
        "back_text": f"Back to compliment {compliment.reference}", "submit_label": submit, "intro": intro,
        "facts": facts or [],
    }


@login_required
@require_GET
def compliment_list(request: HttpRequest) -> HttpResponse:
    """The compliments the user may see, filtered and 50 to a page, newest first."""
    visible = compliments_visible_to(request.user)
    if not may_list(visible):
        raise PermissionDenied
    form = ComplimentFilterForm(request.GET, today=clock.today())
    context = record_list_context(request, visible.select_related("team").order_by("-received_on", "-id"),
                                  form=form)
    context["may_log"] = user_may_change_records(request.user)
    return render(request, "staff/compliments/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def compliment_new(request: HttpRequest) -> HttpResponse:
    """Log a compliment: one short page."""
    if not user_may_change_records(request.user):
        raise PermissionDenied
    today = clock.today()
    form = ComplimentForm(posted(request), today=today)

    def perform() -> Compliment:
        first, last = form.person_name()
        return compliment_log(**form.record_fields(), person_first_name=first, person_last_name=last,
                              actor=request.user, today=today)

    return record_form_page(
        request, form=form, perform=perform,
        done=lambda made: (f"Compliment {made.reference} logged", _detail_url(made)),
        context=_form_context(None, "Log a compliment", submit="Save the compliment"),
    )


@login_required
@require_GET
def compliment_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """One compliment: every field, what may be done with it, and its timeline."""
    compliment = _compliment(request, reference)
    audit_record_view(user=request.user, subject=compliment)
    return render(request, "staff/compliments/detail.html", {
        "compliment": compliment,
        "may_change": user_may_change_records(request.user),
        "events": record_timeline(compliment),
    })


@login_required
@require_http_methods(["GET", "POST"])
def compliment_edit(request: HttpRequest, reference: str) -> HttpResponse:
    """Correct or complete a compliment. New words or people clear a prepared quotation."""
    compliment = _compliment(request, reference, change=True)
    today = clock.today()
    initial = {name: getattr(compliment, name) for name in (
        "received_on", "source", "words", "consent_to_quote", "channel", "about", "shared_with_team_on")}
    initial["team"] = compliment.team_id
    form = ComplimentForm(posted(request), today=today, compliment=compliment, initial=initial)

    def perform() -> None:
        compliment_update(compliment=compliment, actor=request.user, today=today, **form.record_fields())
        first, last = form.person_name()
        if first or last:
            compliment_person_add(compliment=compliment, first_name=first, last_name=last, actor=request.user,
                                  today=today)

    return record_form_page(
        request, form=form, perform=perform,
        done=lambda _: (f"Compliment {compliment.reference} changed", _detail_url(compliment)),
        context=_form_context(compliment, "Change the compliment"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def compliment_quotation(request: HttpRequest, reference: str) -> HttpResponse:
    """Prepare the quotation: the suggestion (known names replaced by X) to check, edit and save."""
    compliment = _compliment(request, reference, change=True)
    context = _form_context(
        compliment, "Prepare the quotation", submit="Save the quotation",
        intro="Reports quote only this version, and only if the person agreed to be quoted. "
              "Names recorded on the compliment have been replaced with X: check for any others.",
    )
    context.update(compliment=compliment, body_template="staff/compliments/_quotation.html")
    if request.method == "POST" and "suggest" in request.POST:
        # Suggest again with the other names typed: a new suggestion, nothing saved.
        asked = QuotationForm(request.POST)
        asked.is_valid()
        suggestion = compliment_quotation_suggest(compliment=compliment, extra_names=asked.extra_names())
        form = QuotationForm(initial={"quotation": suggestion, "other_names": asked.cleaned_data.get("other_names")})
        return render(request, FORM_TEMPLATE, {**context, "form": form})
    initial = {"quotation": compliment.quotation or compliment_quotation_suggest(compliment=compliment)}
    form = QuotationForm(posted(request), initial=initial)
    return record_form_page(
        request, form=form,
        perform=lambda: compliment_quotation_prepare(
            compliment=compliment, quotation=form.cleaned_data["quotation"], extra_names=form.extra_names(),
            actor=request.user,
        ),
        done=lambda _: ("Quotation saved", _detail_url(compliment)),
        context=context,
    )


@login_required
@require_http_methods(["GET", "POST"])
def compliment_shared(request: HttpRequest, reference: str) -> HttpResponse:
    """Record the date the compliment was passed on to the team it is about."""
    compliment = _compliment(request, reference, change=True)
    today = clock.today()
    form = SharedForm(posted(request), today=today,
                      initial={"shared_with_team_on": compliment.shared_with_team_on})
    return record_form_page(
        request, form=form,
        perform=lambda: compliment_update(compliment=compliment, actor=request.user, today=today,
                                          shared_with_team_on=form.cleaned_data["shared_with_team_on"]),
        done=lambda _: ("Date shared with the team saved", _detail_url(compliment)),
        context=_form_context(compliment, "Record when it was shared with the team",
                              facts=[("Team", compliment.team.name)]),
    )
