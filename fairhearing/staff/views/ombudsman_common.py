"""What every Ombudsman (LGSCO) page shares: fetching the case the page is about (404 if the user
may not see it, 403 if they may not change it), one of its recommendations, the address of the
case page, how a service's refusal is shown on the form, and the plain form page most changes use.

Who may see and change Ombudsman cases is fairhearing.ombudsman.access; these helpers are the only
way the pages in views/ombudsman*.py apply it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fairhearing.cases.attachments import AttachmentRefused
from fairhearing.core.errors import DomainError
from fairhearing.ombudsman.access import (
    ombudsman_case_get_for_user,
    user_may_change_ombudsman_cases,
    user_may_view_ombudsman_cases,
)
from fairhearing.ombudsman.models import OmbudsmanCase, Recommendation

# A service's refusal belongs to the field its code names; these codes name a field differently.
REFUSAL_FIELDS = {"lgsco_reference_missing": "lgsco_reference", "lgsco_reference_invalid": "lgsco_reference"}


def form_refusal(form: Form, error: DomainError) -> None:
    """Show a service's refusal on the field it is about, or above the form if it is about none."""
    field = error.field if isinstance(error, AttachmentRefused) else REFUSAL_FIELDS.get(error.code, error.code)
    form.add_error(field if field in form.fields else None, error.message)


def require_ombudsman_viewer(request: HttpRequest) -> None:
    """403 unless the user's role sees Ombudsman cases."""
    if not user_may_view_ombudsman_cases(request.user):
        raise PermissionDenied


def require_ombudsman_changer(request: HttpRequest) -> None:
    """403 unless the user's role changes Ombudsman cases."""
    if not user_may_change_ombudsman_cases(request.user):
        raise PermissionDenied


def ombudsman_case_for_request(request: HttpRequest, pk: int, *, change: bool = False) -> OmbudsmanCase:
    """The case (404 if the user may not see it); 403 if ``change`` and the user may not change it."""
    case = ombudsman_case_get_for_user(user=request.user, pk=pk)
    if change:
        require_ombudsman_changer(request)
    return case


def recommendation_on_case(case: OmbudsmanCase, recommendation_pk: int) -> Recommendation:
    """One of the case's recommendations; 404 for another case's, so ids cannot be mixed."""
    recommendation = case.recommendations.filter(pk=recommendation_pk).first()
    if recommendation is None:
        raise Http404("No such recommendation on this case.")
    return recommendation


def ombudsman_case_url(case: OmbudsmanCase, anchor: str = "") -> str:
    """The case's page, at the section ``anchor`` names if one is given."""
    return reverse("staff:ombudsman_case_detail", args=[case.pk]) + (f"#{anchor}" if anchor else "")


def not_now(request: HttpRequest, case: OmbudsmanCase, reason: str) -> HttpResponse:
    """The case's state does not allow this (a stale link or a second tab): say why on its page."""
    messages.info(request, reason)
    return redirect(ombudsman_case_url(case))


def ombudsman_form_page(request: HttpRequest, case: OmbudsmanCase, form: Form, *, title: str, button: str,
                        intro: str = "", recommendation: Recommendation | None = None,
                        multipart: bool = False) -> HttpResponse:
    """The plain page of one form about a case (or one of its recommendations)."""
    context = {"case": case, "form": form, "title": title, "button": button, "intro": intro,
               "recommendation": recommendation, "multipart": multipart}
    return render(request, "staff/ombudsman/form.html", context)
