"""Costs: the list with the totals per financial year by kind, recording a cost, its page with
its timeline, correcting one, removing one.

The complaints team and senior managers see costs (except those on a complaint the user is
excluded or restricted from); only the complaints team records, corrects and removes them
(fairhearing/cases/kinds/access.py). A single cost is fetched through ``costs_visible_to`` (404 for
one the user may not see) before the change permission is checked (403). A cost has no reference,
so its address carries its id. Correcting one goes through ``cost_update``, whose refusals are
shown beside the field they are about with what was typed kept; removing one asks why, and the
audit event keeps what it was (``cost_delete``).

The yearly totals are the annual report's expenditure figures (seed 003, 1.8): every cost counts,
including those on complaints the user cannot open, because a total names no complaint.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.audit.selectors import audit_timeline
from fairhearing.cases.access import complaints_closed_to
from fairhearing.cases.kind_choices import CostKind
from fairhearing.cases.kinds.access import costs_visible_to, user_may_change_records
from fairhearing.cases.kinds.costs import (
    CostYear,
    cost_create,
    cost_delete,
    cost_first_financial_year,
    cost_update,
    costs_for_list,
    costs_totals_by_year,
    financial_year_of,
    user_may_view_costs,
)
from fairhearing.cases.models import Cost
from fairhearing.cases.selectors import complaints_visible_to
from fairhearing.core import clock
from fairhearing.core.errors import DomainError

from ..forms.costs import CostCreateForm, CostDeleteForm, CostFilterForm, CostUpdateForm
from .resolutions import complaint_named_in_query, list_context, require

# The totals table shows the chosen financial year (or this one) and the years before it.
TOTAL_YEARS = 3
# A refusal from the cost services names the argument it is about; the forms ask for the stage by
# its number.
REFUSAL_FIELDS = {"stage": "stage_number"}


@dataclass(frozen=True)
class TotalsRow:
    label: str
    amounts: list[Decimal]


def totals_table(years: list[CostYear]) -> list[TotalsRow]:
    """One row per kind of cost, one amount per year, and the total of each year last."""
    rows = [TotalsRow(label, [year.by_kind[kind] for year in years]) for kind, label in CostKind.choices]
    return [*rows, TotalsRow("Total", [year.total for year in years])]


def show_refusal(form: CostCreateForm, error: DomainError) -> None:
    """Show a service's refusal beside the field it is about, or above the form if it is about none."""
    field = REFUSAL_FIELDS.get(error.code, error.code)
    form.add_error(field if field in form.fields else None, error.message)


def _cost_for(request: HttpRequest, pk: int) -> Cost:
    """The cost if this user may see it (with what its pages show loaded), else 404."""
    cost = costs_visible_to(request.user).select_related("complaint", "stage", "created_by").filter(pk=pk).first()
    if cost is None:
        raise Http404("No such cost.")
    return cost


@login_required
@require_GET
def cost_list(request: HttpRequest) -> HttpResponse:
    """Costs, most recent first, filtered by kind and financial year, under the yearly totals."""
    require(user_may_view_costs(request.user))
    today = clock.today()
    this_year = financial_year_of(today)
    form = CostFilterForm(request.GET, today=today, first_year=cost_first_financial_year(default=this_year))
    form.is_valid()
    chosen = form.selector_kwargs()
    last_year = chosen["financial_year"] or this_year
    years = costs_totals_by_year(first_year=last_year - TOTAL_YEARS + 1, last_year=last_year)
    rows = costs_for_list(user=request.user, **chosen)
    context = {
        **list_context(request, form, rows),
        "years": years,
        "totals": totals_table(years),
    }
    return render(request, "staff/costs/cost_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def cost_new(request: HttpRequest) -> HttpResponse:
    """Record a cost, on a complaint (``?complaint=<reference>`` fills it in) or on the service."""
    require(user_may_change_records(request.user))
    today = clock.today()
    from_complaint = complaint_named_in_query(request)
    if request.method == "POST":
        form = CostCreateForm(request.POST, user=request.user, today=today)
        if form.is_valid():
            try:
                cost = cost_create(**form.service_kwargs(), actor=request.user, today=today)
            except DomainError as error:
                show_refusal(form, error)
            else:
                messages.success(request, f"{cost.get_kind_display()} cost of £{cost.amount:,.2f} recorded")
                if cost.complaint is not None:
                    return redirect(reverse("staff:complaint_detail", args=[cost.complaint.reference]) + "#costs")
                return redirect("staff:cost_list")
    else:
        initial = {"complaint": from_complaint.reference} if from_complaint else {}
        form = CostCreateForm(user=request.user, today=today, initial=initial)
    return render(request, "staff/costs/cost_new.html", {"form": form, "from_complaint": from_complaint})


def cost_history(user: Any, cost: Cost) -> list[Any]:
    """The cost's audit events, newest first, without the reference of a complaint closed to the
    reader: a cost moved off a complaint the reader is excluded or restricted from still records
    that complaint's reference (as "(blank)" here), and a change that leaves nothing to read is
    left out. Two queries, whatever the number of events."""
    events = list(audit_timeline(subject=cost))[::-1]
    named = {reference for event in events for reference in event.changes.get("complaint", []) if reference}
    closed = (set(complaints_closed_to(user).filter(reference__in=named).values_list("reference", flat=True))
              if named else set())
    for event in events:
        if "complaint" not in event.changes:
            continue
        # For this page only: the event itself is never saved again.
        event.changes = dict(event.changes)
        before, after = (None if reference in closed else reference for reference in event.changes["complaint"])
        if before == after:
            del event.changes["complaint"]
        else:
            event.changes["complaint"] = [before, after]
    return events


@login_required
@require_GET
def cost_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One cost: what it was for, how much and when, its complaint and stage, who recorded it, and
    its timeline. The complaint is a link only for a user who may open it."""
    cost = _cost_for(request, pk)
    context = {
        "cost": cost,
        "complaint_shown": cost.complaint_id is not None
        and complaints_visible_to(request.user).filter(pk=cost.complaint_id).exists(),
        "may_change": user_may_change_records(request.user),
        "events": cost_history(request.user, cost),
    }
    return render(request, "staff/costs/cost_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def cost_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a cost: the same questions as recording one, answered with what was recorded."""
    cost = _cost_for(request, pk)
    require(user_may_change_records(request.user))
    today = clock.today()
    form = CostUpdateForm(request.POST if request.method == "POST" else None, cost=cost, user=request.user,
                          today=today)
    if request.method == "POST" and form.is_valid():
        try:
            updated = cost_update(cost=cost, **form.service_kwargs(), actor=request.user, today=today)
        except DomainError as error:
            show_refusal(form, error)
        except Cost.DoesNotExist:
            # Removed by someone else since the page was opened.
            form.add_error(None, "This cost has been removed since you opened the page.")
        else:
            messages.success(request, f"{updated.get_kind_display()} cost of £{updated.amount:,.2f} saved")
            return redirect("staff:cost_detail", pk=updated.pk)
    return render(request, "staff/costs/cost_edit.html", {"form": form, "cost": cost})


@login_required
@require_http_methods(["GET", "POST"])
def cost_delete_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a cost recorded in error, saying why."""
    cost = _cost_for(request, pk)
    require(user_may_change_records(request.user))
    form = CostDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        description = f"{cost.get_kind_display()} cost of £{cost.amount:,.2f}"
        try:
            cost_delete(cost=cost, reason=form.cleaned_data["reason"], actor=request.user)
        except (DomainError, Cost.DoesNotExist) as error:
            # Removed by someone else since the page was opened: nothing left to remove.
            form.add_error(None, getattr(error, "message", "This cost has already been removed."))
        else:
            messages.success(request, f"{description} removed")
            return redirect("staff:cost_list")
    return render(request, "staff/costs/cost_remove.html", {"form": form, "cost": cost})
