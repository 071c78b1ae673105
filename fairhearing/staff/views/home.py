"""The home page, by role: the complaints team's dashboard (senior managers see it read-only),
a responding manager's or investigator's own caseload, or, for roles without access to
complaints, a page saying what they can do (for the learning lead, the way into learning and their
overdue actions)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fairhearing.cases.selectors import user_may_list_complaints, user_sees_all_complaints
from fairhearing.core import clock

from . import dashboard
from .learning import learning_home_context


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where each role starts."""
    if user_sees_all_complaints(request.user):
        return dashboard.complaints_team_dashboard(request)
    if user_may_list_complaints(request.user):
        return dashboard.caseload(request)
    return render(request, "staff/home.html",
                  {"mode": "simple", **learning_home_context(request.user, today=clock.today())})
