"""The access page of a complaint: who may see it, who is excluded, and who has viewed it.

Seeing the page needs Action.RESTRICT (to change access) or Action.VIEW_LOG (to read who viewed
it); only Action.RESTRICT may change anything. The complaint is fetched with
``complaint_get_for_user`` first, so a user who may not see the complaint gets 404, never 403.
The changes post to their own URLs and come back to the page; a refused change shows the page
again with a GOV.UK error summary.

Opening this page is not logged as a view of the complaint: it shows no child's or complainant's
details, only staff names, and logging it would fill the view log with the manager's own visits
to the log. The changes made here are audited (``complaint.access_changed``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fairhearing.audit.selectors import audit_views
from fairhearing.cases.access import (
    access_candidates,
    complaint_exclude,
    complaint_include,
    complaint_lift_restriction,
    complaint_restrict_to,
)
from fairhearing.cases.models import Complaint
from fairhearing.cases.permissions import Action, complaint_actions
from fairhearing.cases.selectors import complaint_get_for_user
from fairhearing.core.errors import DomainError

from ..forms.access import ExcludeForm, IncludeForm, RestrictForm

VIEWS_PER_PAGE = 25
FORMS = {"restrict": RestrictForm, "exclude": ExcludeForm, "include": IncludeForm}


def _complaint_for(request: HttpRequest, reference: str, *needs: Action) -> tuple[Complaint, frozenset[Action]]:
    """The complaint (404 if the user may not see it) and the user's actions; 403 unless the user
    holds at least one of ``needs``."""
    complaint = complaint_get_for_user(user=request.user, reference=reference)
    actions = complaint_actions(user=request.user, complaint=complaint)
    if not actions.intersection(needs):
        raise PermissionDenied
    return complaint, actions


def _page(request: HttpRequest, complaint: Complaint, actions: frozenset[Action],
          bound: Form | None = None) -> HttpResponse:
    """The access page, with ``bound`` (a form that was refused) in place of its blank twin."""
    candidates = access_candidates(complaint=complaint, actor=request.user)
    context: dict = {
        "complaint": complaint,
        "restricted_to": list(complaint.restricted_to.all()),
        "excluded": list(complaint.excluded_users.all()),
        "can_restrict": Action.RESTRICT in actions,
        "can_view_log": Action.VIEW_LOG in actions,
        "form": bound,  # base.html prefixes the title with "Error:" when this has errors
    }
    if context["can_restrict"]:
        initial = {"restrict": {"users": [user.pk for user in context["restricted_to"]]}}
        for name, form_class in FORMS.items():
            if isinstance(bound, form_class):
                context[f"{name}_form"] = bound
            else:
                context[f"{name}_form"] = form_class(people=candidates[name], initial=initial.get(name))
    if context["can_view_log"]:
        context["views"] = Paginator(audit_views(subject=complaint), VIEWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "staff/access/complaint_access.html", context)


@login_required
def complaint_access(request: HttpRequest, reference: str) -> HttpResponse:
    """Who may see the complaint and who has viewed it."""
    complaint, actions = _complaint_for(request, reference, Action.RESTRICT, Action.VIEW_LOG)
    return _page(request, complaint, actions)


def _change(request: HttpRequest, reference: str, form_name: str | None, change) -> HttpResponse:  # noqa: ANN001
    """Run one access change from a posted form; on refusal show the page again with the reason."""
    complaint, actions = _complaint_for(request, reference, Action.RESTRICT)
    if request.method != "POST":
        return redirect("staff:complaint_access", reference=complaint.reference)
    form = None
    if form_name is not None:
        form = FORMS[form_name](
            request.POST,
            people=access_candidates(complaint=complaint, actor=request.user)[form_name],
        )
        if not form.is_valid():
            return _page(request, complaint, actions, form)
    try:
        message = change(complaint, form.cleaned_data["users"] if form else None)
    except DomainError as error:
        if form is None:
            messages.error(request, error.message)
            return redirect("staff:complaint_access", reference=complaint.reference)
        form.add_error("users", error.message)
        return _page(request, complaint, actions, form)
    messages.success(request, message)
    return redirect("staff:complaint_access", reference=complaint.reference)


@login_required
def complaint_access_restrict(request: HttpRequest, reference: str) -> HttpResponse:
    """Restrict the complaint to the people ticked, and the person saving."""

    def change(complaint: Complaint, users: list) -> str:
        complaint_restrict_to(complaint=complaint, users=users, actor=request.user)
        return "Access restricted. Only the people named can now find or open this complaint."

    return _change(request, reference, "restrict", change)


@login_required
def complaint_access_lift(request: HttpRequest, reference: str) -> HttpResponse:
    """Lift the restriction."""

    def change(complaint: Complaint, _users: None) -> str:
        complaint_lift_restriction(complaint=complaint, actor=request.user)
        return "Restriction lifted. Everyone whose role allows can now see this complaint."

    return _change(request, reference, None, change)


@login_required
def complaint_access_exclude(request: HttpRequest, reference: str) -> HttpResponse:
    """Exclude the people ticked."""

    def change(complaint: Complaint, users: list) -> str:
        complaint_exclude(complaint=complaint, users=users, actor=request.user)
        return "People excluded. They can no longer find or open this complaint."

    return _change(request, reference, "exclude", change)


@login_required
def complaint_access_include(request: HttpRequest, reference: str) -> HttpResponse:
    """Include again the excluded people ticked."""

    def change(complaint: Complaint, users: list) -> str:
        complaint_include(complaint=complaint, users=users, actor=request.user)
        return "People included again. Their role decides whether they can see this complaint."

    return _change(request, reference, "include", change)
