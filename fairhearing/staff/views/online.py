"""Received online: the complaints team's queue of complaints and compliments sent through the
public forms, each submission's page (answers, files, timeline), and what the team does with one:
log it as a complaint (the Log a complaint page, filled in from the submission, keeping the
person's reference), log it as a compliment, or close it without logging.

Only the complaints team (and superusers) may open these pages; every other role is refused (403),
as publicforms.selectors explains. Submissions are addressed by their reference (ONL-2026-00042)
and their files by a random id, never by a database number. Opening a submission, and downloading
a file sent with it, is logged.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.audit.services import audit_record_view
from fairhearing.cases.duplicates import complaints_likely_duplicate
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError
from fairhearing.publicforms.choices import SubmissionKind, SubmissionStatus
from fairhearing.publicforms.models import OnlineSubmission
from fairhearing.publicforms.selectors import (
    queue_counts,
    submission_attachment_get_for_user,
    submission_attachments,
    submission_get_for_user,
    submissions_for_user,
    submissions_waiting,
    user_may_handle_online_submissions,
)
from fairhearing.publicforms.services import (
    online_submission_close,
    online_submission_log_complaint,
    online_submission_log_compliment,
    submission_attachment_download_record,
    submission_received_on,
)

from ..forms.intake import MAX_CHILDREN, DuplicateCheckForm
from ..forms.online import CloseForm, LogComplimentForm, OnlineFilterForm, complaint_forms
from .compliments import (
    not_possible,
    posted,
    record_form_page,
    record_list_context,
    record_timeline,
)
from .documents import content_disposition


def _list_url() -> str:
    return reverse("staff:online_list")


def _detail_url(submission: OnlineSubmission) -> str:
    return reverse("staff:online_detail", args=[submission.reference])


def _page_context(submission: OnlineSubmission, title: str, *, submit: str = "Save", intro: str = "",
                  facts: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    return {
        "title": title, "caption": f"Received online {submission.reference}", "back_url": _detail_url(submission),
        "back_text": f"Back to {submission.reference}", "submit_label": submit, "intro": intro,
        "facts": facts or [],
    }


def _still_new(request: HttpRequest, submission: OnlineSubmission, title: str,
               kind: str | None = None) -> HttpResponse | None:
    """The 409 page if the submission was already logged or closed (or is of the other kind)."""
    context = _page_context(submission, title)
    if submission.status != SubmissionStatus.NEW:
        return not_possible(request, title=title, context=context,
                            reason=f"Submission {submission.reference} has already been "
                                   f"{submission.get_status_display().lower()}.")
    if kind is not None and submission.kind != kind:
        return not_possible(request, title=title, context=context,
                            reason=f"Submission {submission.reference} was sent as a "
                                   f"{submission.get_kind_display().lower()}. Log it as a "
                                   f"{submission.get_kind_display().lower()}, or close it and log it by hand.")
    return None


def online_dashboard_figure(*, user: Any) -> dict[str, Any] | None:
    """The dashboard's number of submissions waiting to be logged, with the acknowledgement due
    date of the oldest complaint among them; None for a user who does not handle them."""
    if not user_may_handle_online_submissions(user):
        return None
    waiting = submissions_waiting()
    return {"label": "Received online, not yet logged", "count": waiting.count, "url": _list_url(),
            "oldest_acknowledge_by": waiting.oldest_acknowledge_by}


@login_required
@require_GET
def online_list(request: HttpRequest) -> HttpResponse:
    """The queue: what arrived online, 50 to a page; by default what is waiting, oldest first."""
    visible = submissions_for_user(request.user)
    data = request.GET.copy()
    data.setdefault("status", SubmissionStatus.NEW)
    counts = queue_counts()
    form = OnlineFilterForm(data, counts=counts, today=clock.today())
    context = record_list_context(request, visible, form=form)
    context.update(counts=counts, status=form.chosen_status(), today=clock.today())
    return render(request, "staff/online/list.html", context)


@login_required
@require_GET
def online_detail(request: HttpRequest, submission_reference: str) -> HttpResponse:
    """One submission: every answer as given, its files, what became of it, and its timeline."""
    submission = submission_get_for_user(user=request.user, reference=submission_reference)
    audit_record_view(user=request.user, subject=submission)
    return render(request, "staff/online/detail.html", {
        "submission": submission,
        "received_on": submission_received_on(submission),
        "attachments": list(submission_attachments(submission)),
        "logged_record": submission.logged_record if submission.status == SubmissionStatus.LOGGED else None,
        "events": record_timeline(submission),
        "today": clock.today(),
    })


@login_required
@require_GET
def online_file_download(request: HttpRequest, submission_reference: str, pk: Any) -> FileResponse:
    """Send a file that came with a submission as a download, never shown in the browser."""
    attachment = submission_attachment_get_for_user(user=request.user, reference=submission_reference, pk=pk)
    submission_attachment_download_record(attachment=attachment, actor=request.user)
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    response["Content-Length"] = str(attachment.size)
    response["Content-Disposition"] = content_disposition(attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _child_count(request: HttpRequest) -> int:
    try:
        count = int(request.POST.get("child_count", 1))
    except (TypeError, ValueError):
        count = 1
    return min(max(count, 1), MAX_CHILDREN)


@login_required
@require_http_methods(["GET", "POST"])
def online_log_complaint(request: HttpRequest, submission_reference: str) -> HttpResponse:
    """Log the submission as a complaint: the Log a complaint page, filled in from the submission.

    How and when it arrived are the submission's; the officer checks the people, routes the
    complaint and decides who holds it. Likely duplicates are shown before saving, as on the
    Log a complaint page.
    """
    submission = submission_get_for_user(user=request.user, reference=submission_reference)
    refused = _still_new(request, submission, "Log as a complaint", kind=SubmissionKind.COMPLAINT)
    if refused:
        return refused
    today = clock.today()
    if request.method != "POST":
        return _log_page(request, submission, complaint_forms(submission, user=request.user, today=today))
    count = _child_count(request)
    page = complaint_forms(submission, user=request.user, today=today, data=request.POST, child_count=count)
    if "add_child" in request.POST:
        return _log_page(request, submission, page.kept(user=request.user, child_count=min(count + 1, MAX_CHILDREN)))
    if not page.is_valid():
        return _log_page(request, submission, page)
    data = page.as_input()
    duplicates = complaints_likely_duplicate(
        user=request.user, received_on=data.received_on, complainant=data.complainant, children=data.children)
    if duplicates and not page.duplicate_check.confirms(duplicates.fingerprint):
        if page.duplicate_check.cleaned_data.get("duplicates_fingerprint") == duplicates.fingerprint:
            page.duplicate_check.add_error(
                "duplicates_checked", "Tick the box to confirm this is a new complaint, or change the details if it is not")
        else:
            page.duplicate_check = DuplicateCheckForm(initial={"duplicates_fingerprint": duplicates.fingerprint})
        return _log_page(request, submission, page, duplicates)
    try:
        complaint = online_submission_log_complaint(submission=submission, data=data, actor=request.user, today=today)
    except DomainError as error:
        page.page_errors.append(error.message)
        return _log_page(request, submission, page, duplicates or None)
    messages.success(request, f"Complaint {complaint.reference} logged from the online form")
    if complaint.is_late:
        messages.info(request, "This complaint was made more than a year after the problem happened: "
                               "record whether it is accepted late.")
    return redirect("staff:complaint_detail", reference=complaint.reference)


def _log_page(request: HttpRequest, submission: OnlineSubmission, page: Any, duplicates: Any = None) -> HttpResponse:
    return render(request, "staff/online/log_complaint.html", {
        "submission": submission,
        "received_on": submission_received_on(submission),
        "page": page,
        "duplicates": duplicates,
        "max_children": MAX_CHILDREN,
        "has_errors": page.has_errors,
        "error_links": page.error_links() if page.has_errors else [],
    })


@login_required
@require_http_methods(["GET", "POST"])
def online_log_compliment(request: HttpRequest, submission_reference: str) -> HttpResponse:
    """Log the submission as a compliment for the team the officer chooses."""
    submission = submission_get_for_user(user=request.user, reference=submission_reference)
    refused = _still_new(request, submission, "Log as a compliment", kind=SubmissionKind.COMPLIMENT)
    if refused:
        return refused
    today = clock.today()
    form = LogComplimentForm(posted(request), initial=LogComplimentForm.initial_for(submission))

    def perform() -> Any:
        data = form.cleaned_data
        return online_submission_log_compliment(
            submission=submission, team=data["team"], source=data["source"], words=data["words"],
            about=data["about"], consent_to_quote=data["consent_to_quote"],
            person_first_name=data["person_first_name"], person_last_name=data["person_last_name"],
            actor=request.user, today=today,
        )

    received = submission_received_on(submission)
    return record_form_page(
        request, form=form, perform=perform,
        done=lambda made: (f"Compliment {made.reference} logged from {submission.reference}",
                           reverse("staff:compliment_detail", args=[made.reference])),
        context=_page_context(
            submission, "Log as a compliment", submit="Log the compliment",
            intro="Choose the team it is about and check the rest, which is as the person gave it.",
            facts=[("Received", f"{long_date(received)} through the online form"),
                   ("Their reference", submission.reference)],
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def online_close(request: HttpRequest, submission_reference: str) -> HttpResponse:
    """Close the submission without logging it, with the reason."""
    submission = submission_get_for_user(user=request.user, reference=submission_reference)
    refused = _still_new(request, submission, "Close without logging")
    if refused:
        return refused
    form = CloseForm(posted(request))
    return record_form_page(
        request, form=form,
        perform=lambda: online_submission_close(submission=submission, reason=form.cleaned_data["reason"],
                                                note=form.cleaned_data["note"], actor=request.user),
        done=lambda _: (f"Submission {submission.reference} closed without logging", _list_url()),
        context=_page_context(
            submission, "Close without logging", submit="Close it",
            intro="Nothing is logged and nobody is told. The submission stays here, closed.",
        ),
    )

