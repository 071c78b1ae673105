"""The dashboards on the home page.

- The complaints team (and senior managers, read-only): how the open caseload stands today, every
  number a link to the list of exactly those complaints.
- Responding managers and Investigating Officers: the open complaints they work on, each with
  what it needs next.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from fairhearing.accounts.roles import COMPLAINTS_TEAM_ROLES, Role
from fairhearing.cases.listing import ComplaintFilters, complaint_list_for_user
from fairhearing.stages.dashboard import Figure, dashboard_for_user, next_step

from ..due import due_status
from ..forms.listing import filter_query
from . import concerns, enquiries
from .caselist import due_window
from .learning import overdue_actions_figure
from .ombudsman import ombudsman_dashboard_figures
from .online import online_dashboard_figure

# The caseload page lists this many complaints and links to the full list for the rest.
CASELOAD_LIMIT = 50


def _link(figure: Figure) -> dict:
    return {
        "label": figure.label,
        "count": figure.count,
        "url": reverse("staff:complaint_list") + filter_query(figure.filters),
    }


def complaints_team_dashboard(request: HttpRequest) -> HttpResponse:
    """The open caseload by deadline, acknowledgement, stage and team, and what is overdue among
    Ombudsman recommendations, learning actions, Members' enquiries and initial feedback (a fixed
    number of queries: test_dashboard asserts it does not grow with the records)."""
    user = request.user
    holds_cases = user.is_superuser or bool(user.role_names & COMPLAINTS_TEAM_ROLES)
    window = due_window()
    dashboard = dashboard_for_user(user=user, window=window, with_caseload=holds_cases)
    context = {
        "dashboard": dashboard,
        "read_only": not holds_cases,
        "today": window.today,
        "open_total": _link(dashboard.open_total),
        "deadlines": [_link(figure) for figure in dashboard.deadlines],
        "acknowledgement": [_link(figure) for figure in dashboard.acknowledgement],
        "stages": [_link(figure) for figure in dashboard.stages],
        "teams": [_link(figure) for figure in dashboard.teams],
        "caseload": [_link(figure) for figure in dashboard.caseload],
        "ombudsman_figures": ombudsman_dashboard_figures(user=user, window=window),
        "learning_overdue": overdue_actions_figure(user, today=window.today),
        "online_waiting": online_dashboard_figure(user=user),
        "records_overdue": [figure for figure in (enquiries.overdue_figure(user=user, today=window.today),
                                                  concerns.overdue_figure(user=user, today=window.today)) if figure],
    }
    return render(request, "staff/dashboard.html", context)


def caseload(request: HttpRequest) -> HttpResponse:
    """A responding manager's team's open complaints, or an investigator's appointed ones."""
    user = request.user
    window = due_window()
    complaints = complaint_list_for_user(user=user, filters=ComplaintFilters(), window=window)
    found = list(complaints.prefetch_related("teams")[: CASELOAD_LIMIT + 1])
    rows = [
        {
            "complaint": complaint,
            "next_step": next_step(complaint, today=window.today),
            "status": due_status(due_on=complaint.next_due_on, today=window.today,
                                 soon_limit=window.soon_until, paused=complaint.stage_paused_since is not None),
        }
        for complaint in found[:CASELOAD_LIMIT]
    ]
    context = {
        "rows": rows,
        "more": len(found) > CASELOAD_LIMIT,
        "today": window.today,
        "responding": user.has_role(Role.RESPONDING_MANAGER),
        "user_teams": list(user.teams.values_list("name", flat=True)),
        "list_url": reverse("staff:complaint_list"),
    }
    return render(request, "staff/home.html", context | {"mode": "caseload"})
