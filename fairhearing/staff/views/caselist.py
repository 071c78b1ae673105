"""The list of complaints a user may see."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fairhearing.cases.selectors import open_complaints_for_user, user_may_list_complaints
from fairhearing.core import clock
from fairhearing.workingdays.selectors import calendar_get

from ..due import due_soon_limit, due_status

PAGE_SIZE = 50


@login_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    """Open complaints, soonest deadline first, each with what is due and how it stands."""
    if not user_may_list_complaints(request.user):
        raise PermissionDenied
    today = clock.today()
    soon = due_soon_limit(today=today, calendar=calendar_get())
    page = Paginator(open_complaints_for_user(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "complaint": complaint,
            "status": due_status(due_on=complaint.next_due_on, today=today, soon_limit=soon,
                                 paused=complaint.stage_paused_since is not None),
        }
        for complaint in page.object_list
    ]
    return render(request, "staff/complaint_list.html", {"page": page, "rows": rows, "today": today})
