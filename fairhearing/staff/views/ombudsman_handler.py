"""Who handles an Ombudsman (LGSCO) case: the page choosing the complaints officer or manager who
answers the Ombudsman and records compliance (or nobody), and how the case's timeline names them.

Only the complaints team may change who handles a case (fairhearing.ombudsman.access);
``ombudsman_case_assign`` refuses anyone who may not hold it, reminds the person chosen of the
case's deadlines and tells them by email.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from fairhearing.core.errors import DomainError
from fairhearing.ombudsman.services import ombudsman_case_assign

from ..forms.ombudsman_handler import OmbudsmanHandlerForm
from .ombudsman_common import (
    form_refusal,
    ombudsman_case_for_request,
    ombudsman_case_url,
    ombudsman_form_page,
)

# The handler's change is recorded by id (names are not kept in the audit log's changes); the
# timeline names them, as people read it.
HANDLER_CHANGE = "assigned_to_id"
HANDLER_LABEL = "Handled by"


def handlers_named(events: list[Any]) -> list[Any]:
    """The timeline's events with each change of handler shown as names (one query, none when
    the handler never changed). For the case page only: the events themselves are never saved again."""
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
def ombudsman_case_assign_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the officer who handles the case, or nobody. They are reminded of its deadlines and
    told by email (ombudsman_case_assign), which also refuses anyone who may not hold it."""
    case = ombudsman_case_for_request(request, pk, change=True)
    form = OmbudsmanHandlerForm(request.POST if request.method == "POST" else None, case=case)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["assigned_to"]
        if (chosen.pk if chosen else None) == case.assigned_to_id:
            messages.info(request, f"Nothing changed: {chosen} already handles the case" if chosen
                          else "Nothing changed: nobody handles the case")
            return redirect(ombudsman_case_url(case))
        try:
            case = ombudsman_case_assign(case=case, assigned_to=chosen, actor=request.user)
        except DomainError as error:
            form_refusal(form, error)
        else:
            messages.success(request, f"Ombudsman case {case.lgsco_reference} is now handled by {chosen}" if chosen
                             else f"Nobody handles Ombudsman case {case.lgsco_reference} now")
            return redirect(ombudsman_case_url(case))
    current = case.assigned_to
    intro = ""
    if current is not None and current.pk not in form.candidates:
        # Their account was closed, or they were kept from a linked complaint, since.
        intro = (f"{current} handles the case now but cannot be chosen again: their account is not active or "
                 "they may no longer see the case. Choose someone else, or nobody.")
    return ombudsman_form_page(request, case, form, title="Who handles the case", button="Save", intro=intro)
