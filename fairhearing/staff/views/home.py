"""The home page: caseworkers start at their caseload; other roles see what they can do."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fairhearing.cases.selectors import user_may_list_complaints


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Caseworkers start at their caseload; other roles get a page saying what they can do."""
    if user_may_list_complaints(request.user):
        return redirect("staff:complaint_list")
    return render(request, "staff/home.html")
