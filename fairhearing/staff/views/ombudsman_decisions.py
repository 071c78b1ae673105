"""The Ombudsman's (LGSCO) decisions on a case: the date of its draft decision (on which the council
may comment), its final decision in the current labels, and a decision from an older year in the
categories used then, so that year can be reported beside later ones.

Only the complaints team records decisions (fairhearing.ombudsman.access), once per case: a page
asked for after the final decision was recorded goes back to the case and says so.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError
from fairhearing.ombudsman.models import OmbudsmanCase
from fairhearing.ombudsman.services import (
    ombudsman_case_record_decision,
    ombudsman_case_record_draft_decision,
    ombudsman_case_record_historic_decision,
)

from ..forms.ombudsman_decisions import DecisionForm, DraftDecisionForm, HistoricDecisionForm
from .ombudsman_common import (
    form_refusal,
    not_now,
    ombudsman_case_for_request,
    ombudsman_case_url,
    ombudsman_form_page,
)


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_case_draft_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the date of the Ombudsman's draft decision."""
    case = ombudsman_case_for_request(request, pk, change=True)
    if case.is_decided:
        return not_now(request, case, "The Ombudsman has already made its final decision on this case.")
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
            return redirect(ombudsman_case_url(case, "decision"))
    return ombudsman_form_page(request, case, form, title="Record the draft decision", button="Save date",
                               intro="The council may comment on the draft before the Ombudsman decides.")


def _already_decided(case: OmbudsmanCase) -> str:
    return f"The Ombudsman’s final decision on this case was already recorded ({long_date(case.final_decision_on)})."


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_case_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the Ombudsman's final decision in its current labels."""
    case = ombudsman_case_for_request(request, pk, change=True)
    if case.is_decided:
        return not_now(request, case, _already_decided(case))
    today = clock.today()
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            ombudsman_case_record_decision(case=case, **form.cleaned_data, actor=request.user, today=today)
        except DomainError as error:
            form_refusal(form, error)
        else:
            messages.success(request, "Final decision recorded")
            return redirect(ombudsman_case_url(case, "decision"))
    return render(request, "staff/ombudsman/decision.html", {"case": case, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_case_historic_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a decision from an older year in the categories used then."""
    case = ombudsman_case_for_request(request, pk, change=True)
    if case.is_decided:
        return not_now(request, case, _already_decided(case))
    today = clock.today()
    form = HistoricDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            ombudsman_case_record_historic_decision(case=case, **form.cleaned_data, actor=request.user, today=today)
        except DomainError as error:
            form_refusal(form, error)
        else:
            messages.success(request, "Final decision recorded in the historic categories")
            return redirect(ombudsman_case_url(case, "decision"))
    return ombudsman_form_page(
        request, case, form, title="Record a decision in the historic categories", button="Record decision",
        intro="For a decision from an older year, recorded in the categories the Ombudsman used before its "
              "current decision labels, so that year can be reported beside later ones.",
    )
