"""The Ombudsman's (LGSCO) recommendations on a case and the council's compliance with them: adding
a recommendation and the date it is due by, recording that it was done (on time or late) or that
the Ombudsman found it was not complied with, and filing and downloading the evidence.

Only the complaints team changes recommendations (fairhearing.ombudsman.access). A recommendation
is addressed under its case and must belong to it (404 otherwise). Evidence files are only ever
sent by :func:`ombudsman_evidence_download`: there is no other URL.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError
from fairhearing.ombudsman.choices import Compliance, DecisionLabel
from fairhearing.ombudsman.selectors import recommendation_evidence_on_case
from fairhearing.ombudsman.services import (
    recommendation_add,
    recommendation_complete,
    recommendation_evidence_download_record,
    recommendation_evidence_upload,
    recommendation_record_not_complied,
)

from ..forms.ombudsman_recommendations import (
    CompliedForm,
    EvidenceUploadForm,
    NotCompliedForm,
    RecommendationForm,
)
from .documents import content_disposition
from .ombudsman_common import (
    form_refusal,
    not_now,
    ombudsman_case_for_request,
    ombudsman_case_url,
    ombudsman_form_page,
    recommendation_on_case,
)

logger = logging.getLogger(__name__)


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add the Ombudsman's next recommendation and the date it is due by."""
    case = ombudsman_case_for_request(request, pk, change=True)
    if case.decision not in ("", DecisionLabel.UPHELD):
        return not_now(request, case, "The Ombudsman makes recommendations only when it finds fault or agrees a "
                                      "remedy, so none can be added to this case.")
    form = RecommendationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = recommendation_add(case=case, **form.cleaned_data, actor=request.user)
        except DomainError as error:
            form_refusal(form, error)
        else:
            messages.success(request, f"Recommendation {recommendation.number} added")
            return redirect(ombudsman_case_url(case, "recommendations"))
    return ombudsman_form_page(request, case, form, title="Add a recommendation", button="Add recommendation")


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_recommendation_complied(request: HttpRequest, pk: int, recommendation_pk: int) -> HttpResponse:
    """Record that the council did what was recommended: on time or late, from the date."""
    case = ombudsman_case_for_request(request, pk, change=True)
    recommendation = recommendation_on_case(case, recommendation_pk)
    if recommendation.is_completed:
        return not_now(request, case, f"Recommendation {recommendation.number} was already completed on "
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
            return redirect(ombudsman_case_url(case, "recommendations"))
    return ombudsman_form_page(
        request, case, form, recommendation=recommendation, button="Save",
        title=f"Recommendation {recommendation.number}: record that it was done",
        intro=f"Due by {long_date(recommendation.due_on)}. Done on or before that date is on time; after it, late.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_recommendation_not_complied(request: HttpRequest, pk: int, recommendation_pk: int) -> HttpResponse:
    """Record that the Ombudsman found the council did not comply with an overdue recommendation."""
    case = ombudsman_case_for_request(request, pk, change=True)
    recommendation = recommendation_on_case(case, recommendation_pk)
    today = clock.today()
    if recommendation.is_completed or recommendation.compliance == Compliance.NOT_COMPLIED:
        return not_now(request, case, f"Recommendation {recommendation.number} is already recorded as "
                                      f"{recommendation.get_compliance_display().lower()}.")
    if recommendation.due_on >= today:
        return not_now(request, case, f"Recommendation {recommendation.number} is due by "
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
            return redirect(ombudsman_case_url(case, "recommendations"))
    return ombudsman_form_page(
        request, case, form, recommendation=recommendation, button="Record not complied",
        title=f"Recommendation {recommendation.number}: record that it was not complied with",
        intro="It stays on the overdue list until the council does it; then record it as done, and it counts as "
              "complied late.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_evidence_upload(request: HttpRequest, pk: int, recommendation_pk: int) -> HttpResponse:
    """File evidence that a recommendation was carried out."""
    case = ombudsman_case_for_request(request, pk, change=True)
    recommendation = recommendation_on_case(case, recommendation_pk)
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
            return redirect(ombudsman_case_url(case, "recommendations"))
    return ombudsman_form_page(request, case, form, recommendation=recommendation, multipart=True,
                               title=f"Recommendation {recommendation.number}: upload evidence",
                               button="Upload evidence")


@login_required
@require_GET
def ombudsman_evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    """Send one evidence file as a download, never shown in the browser, never cached; logged."""
    case = ombudsman_case_for_request(request, pk)
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
