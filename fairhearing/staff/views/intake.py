"""Log a complaint: one page that is also the telephone script, with likely duplicates shown before
saving. Only the complaints team logs complaints."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fairhearing.cases.duplicates import LikelyDuplicates, complaints_likely_duplicate
from fairhearing.cases.intake import complaint_log, user_may_log_complaints
from fairhearing.core import clock
from fairhearing.core.errors import DomainError

from ..forms.intake import MAX_CHILDREN, ComplaintLogForms, DuplicateCheckForm

TEMPLATE = "staff/intake/complaint_new.html"


def _child_count(request: HttpRequest) -> int:
    """How many child blocks the page shows, as posted (1 to MAX_CHILDREN)."""
    try:
        count = int(request.POST.get("child_count", 1))
    except (TypeError, ValueError):
        count = 1
    return min(max(count, 1), MAX_CHILDREN)


def _page(request: HttpRequest, page: ComplaintLogForms, duplicates: LikelyDuplicates | None = None) -> HttpResponse:
    """The page as it stands: empty, with the user's answers and errors, or with likely duplicates."""
    context = {
        "page": page,
        "duplicates": duplicates,
        "max_children": MAX_CHILDREN,
        "has_errors": page.has_errors,
        "error_links": page.error_links() if page.has_errors else [],
    }
    return render(request, TEMPLATE, context)


@login_required
def complaint_new(request: HttpRequest) -> HttpResponse:
    """Show the logging page; on saving, check for likely duplicates, then log the complaint."""
    if not user_may_log_complaints(request.user):
        raise PermissionDenied
    today = clock.today()
    if request.method != "POST":
        return _page(request, ComplaintLogForms(user=request.user, today=today))

    count = _child_count(request)
    page = ComplaintLogForms(request.POST, user=request.user, today=today, child_count=count)
    if "add_child" in request.POST:
        return _page(request, page.kept(user=request.user, child_count=min(count + 1, MAX_CHILDREN)))
    if not page.is_valid():
        return _page(request, page)

    data = page.as_input()
    duplicates = complaints_likely_duplicate(
        user=request.user, received_on=data.received_on, complainant=data.complainant, children=data.children
    )
    if duplicates and not page.duplicate_check.confirms(duplicates.fingerprint):
        if page.duplicate_check.cleaned_data.get("duplicates_fingerprint") == duplicates.fingerprint:
            # They saw these matches and saved again without ticking the box.
            page.duplicate_check.add_error(
                "duplicates_checked",
                "Tick the box to confirm this is a new complaint, or change the details if it is not",
            )
        else:
            # First sight of these matches (or they changed): ask afresh, the box unticked.
            page.duplicate_check = DuplicateCheckForm(initial={"duplicates_fingerprint": duplicates.fingerprint})
        return _page(request, page, duplicates)

    try:
        complaint = complaint_log(data=data, actor=request.user, today=today)
    except DomainError as error:
        page.page_errors.append(error.message)
        return _page(request, page, duplicates or None)
    messages.success(request, f"Complaint {complaint.reference} logged")
    if complaint.is_late:
        messages.info(request, "This complaint was made more than a year after the problem happened: "
                               "record whether it is accepted late.")
    return redirect("staff:complaint_detail", reference=complaint.reference)
