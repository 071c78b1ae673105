"""Learning from complaints: action plans and their numbered actions, each with the member of
staff who owns it, its dated progress updates, and the complaints and Ombudsman cases that
prompted it; the list of actions across plans (overdue ones, or by status, plan or owner).

Plans and actions are seen by the complaints team, senior managers and the learning lead, and
changed by the learning lead and the complaints manager (``learning.access``): a role that may not
gets 403, a plan or action the user may not see 404. Every write goes through
``learning.services``; an action's details and its owner are saved together or not at all, and a
refusal is shown on the form with what was typed kept. An action's own page and its edit page are
in views/learning_records.py, which saves its owner with :func:`action_owner_save` too.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.core import clock
from fairhearing.core.errors import DomainError
from fairhearing.learning import services
from fairhearing.learning.access import (
    action_plans_visible_to,
    get_visible_or_404,
    user_may_change_learning_plans,
    user_may_view_learning_plans,
)
from fairhearing.learning.models import Action
from fairhearing.learning.selectors import actions_for_list, actions_overdue

from ..forms.learning import service_error_add
from ..forms.learning_plans import (
    ACTION_ERROR_FIELDS,
    OVERDUE,
    OWNER_MINE,
    OWNER_NONE,
    PLAN_ERROR_FIELDS,
    UPDATE_ERROR_FIELDS,
    ActionFilterForm,
    ActionForm,
    ActionLinkForm,
    ActionPlanForm,
    ActionUpdateForm,
)
from .learning import paged_list, require_allowed


@login_required
@require_GET
def action_plan_list(request: HttpRequest) -> HttpResponse:
    require_allowed(user_may_view_learning_plans(request.user))
    today = clock.today()
    overdue = actions_overdue(today=today).values("pk")
    plans = action_plans_visible_to(request.user).annotate(
        action_count=Count("actions"), overdue_count=Count("actions", filter=Q(actions__in=overdue)),
    ).order_by("-starts_on", "-id")  # a GROUP BY query ignores the model's ordering
    paged = paged_list(request, plans, url=reverse("staff:action_plan_list"))
    context = {
        "page": paged.page, "page_links": paged.links, "problems": [paged.problem] if paged.problem else [],
        "has_errors": bool(paged.problem), "today": today,
        "may_change": user_may_change_learning_plans(request.user),
        "overdue_url": f"{reverse('staff:action_list')}?due={OVERDUE}",
    }
    return render(request, "staff/learning/plan_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def action_plan_new(request: HttpRequest) -> HttpResponse:
    require_allowed(user_may_change_learning_plans(request.user))
    form = ActionPlanForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            plan = services.action_plan_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            service_error_add(form, error, PLAN_ERROR_FIELDS)
        else:
            messages.success(request, f"Action plan {plan.period_label} created")
            return redirect("staff:action_plan_detail", pk=plan.pk)
    return render(request, "staff/learning/plan_form.html", {"form": form})


def action_plan_anchor(action: Action) -> str:
    return reverse("staff:action_plan_detail", args=[action.plan_id]) + f"#action-{action.number}"


class OwnerRefused(Exception):  # noqa: N818 - read as a sentence: "owner refused"
    """``action_assign_owner`` refused the member of staff chosen; carries its DomainError so the
    page can show it on the owner select (the whole save is rolled back)."""

    def __init__(self, error: DomainError) -> None:
        super().__init__(error.message)
        self.error = error


def action_owner_save(*, action: Action, owned_by: Any, previous_id: int | None, actor: Any) -> None:
    """Name the action's member-of-staff owner if the choice changed from ``previous_id``. Called
    inside the transaction that saved the action's other details, so a refusal (raised as
    :class:`OwnerRefused`) undoes those too and nothing is half saved."""
    if (owned_by.pk if owned_by is not None else None) == previous_id:
        return
    try:
        services.action_assign_owner(action=action, owned_by=owned_by, actor=actor)
    except DomainError as error:
        raise OwnerRefused(error) from error


def owner_refusal_show(form: Any, refused: OwnerRefused) -> None:
    form.add_error("owned_by", refused.error.message.rstrip("."))


def _action_back(request: HttpRequest, action: Action) -> str:
    """Back to the action's own page if the user came from it (``?from=action``), else to its row
    in the plan."""
    if request.GET.get("from") == "action":
        return reverse("staff:action_detail", args=[action.pk])
    return action_plan_anchor(action)


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a numbered action to a plan, with the complaints and Ombudsman cases that prompted it
    and, if one is chosen, the member of staff who owns it (saved together, or not at all)."""
    require_allowed(user_may_change_learning_plans(request.user))
    plan = get_visible_or_404(action_plans_visible_to(request.user), pk=pk)
    last = plan.actions.order_by("-number").values_list("number", flat=True).first() or 0
    form = ActionForm(request.POST if request.method == "POST" else None, user=request.user, next_number=last + 1)
    if form.is_valid():
        data = dict(form.cleaned_data)
        owned_by = data.pop("owned_by")
        try:
            with transaction.atomic():
                action = services.action_add(plan=plan, actor=request.user, **data)
                action_owner_save(action=action, owned_by=owned_by, previous_id=None, actor=request.user)
        except OwnerRefused as refused:
            owner_refusal_show(form, refused)
        except DomainError as error:
            service_error_add(form, error, ACTION_ERROR_FIELDS)
        else:
            messages.success(request, f"Action {action.number} added")
            return redirect(action_plan_anchor(action))
    return render(request, "staff/learning/action_form.html", {"plan": plan, "form": form})


def _action_get(request: HttpRequest, pk: int) -> Action:
    actions = Action.objects.filter(plan__in=action_plans_visible_to(request.user)).select_related("plan")
    return get_visible_or_404(actions, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a dated progress update on an action, which moves it to the status it reports; then
    back to the action's row in the plan, or to its own page if the user came from there."""
    require_allowed(user_may_change_learning_plans(request.user))
    action = _action_get(request, pk)
    today = clock.today()
    form = ActionUpdateForm(request.POST if request.method == "POST" else None, today=today, action=action)
    if form.is_valid():
        try:
            services.action_update_record(action=action, actor=request.user, today=today, **form.cleaned_data)
        except DomainError as error:
            service_error_add(form, error, UPDATE_ERROR_FIELDS)
        else:
            messages.success(request, f"Update on action {action.number} recorded")
            return redirect(_action_back(request, action))
    context = {"action": action, "form": form, "updates": list(action.updates.order_by("-written_on", "-id")),
               "back_url": _action_back(request, action)}
    return render(request, "staff/learning/action_update.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def action_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Link complaints or Ombudsman cases to an action. All are linked, or (if one is refused)
    none: the page says why, with the references kept."""
    require_allowed(user_may_change_learning_plans(request.user))
    action = _action_get(request, pk)
    form = ActionLinkForm(request.POST if request.method == "POST" else None, user=request.user)
    if form.is_valid():
        try:
            with transaction.atomic():
                for complaint in form.cleaned_data["complaints"]:
                    services.action_link_complaint(action=action, complaint=complaint, actor=request.user)
                for case in form.cleaned_data["ombudsman_cases"]:
                    services.action_link_ombudsman_case(action=action, ombudsman_case=case, actor=request.user)
        except DomainError as error:
            field = "ombudsman_cases" if "Ombudsman" in error.message else "complaints"
            form.add_error(field, error.message.rstrip("."))
        else:
            messages.success(request, f"Links on action {action.number} saved")
            return redirect(_action_back(request, action))
    context = {"action": action, "form": form, "back_url": _action_back(request, action)}
    return render(request, "staff/learning/action_link.html", context)


@login_required
@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    """Actions across plans: overdue ones, or by status, plan or member-of-staff owner (the user's
    own, or none named), each with that owner."""
    require_allowed(user_may_view_learning_plans(request.user))
    today = clock.today()
    form = ActionFilterForm(request.GET)
    chosen = form.chosen()
    actions = actions_for_list(plan=chosen["plan"], status=chosen["status"],
                               overdue_on=today if chosen["overdue"] else None).select_related("owned_by")
    if chosen["owned_by"] == OWNER_MINE:
        actions = actions.filter(owned_by=request.user)
    elif chosen["owned_by"] == OWNER_NONE:
        actions = actions.filter(owned_by__isnull=True)
    url = reverse("staff:action_list")
    paged = paged_list(request, actions, url=url)
    context = {
        "form": form, "filter_form": form, "page": paged.page, "page_links": paged.links, "today": today,
        "overdue": chosen["overdue"], "mine": chosen["owned_by"] == OWNER_MINE, "problems": [paged.problem] if paged.problem else [],
        "has_errors": bool(paged.problem or form.errors), "clear_url": url,
        "may_change": user_may_change_learning_plans(request.user),
    }
    return render(request, "staff/learning/action_list.html", context)
