"""The dashboard: how the open caseload a user can see stands today, and what each case needs next.

Every figure carries the list filters that select exactly the complaints it counts, and is counted
with those same filters (cases.listing.filters_q) inside one aggregate query, so the number on the
dashboard and the rows in the list it links to cannot disagree. Deadlines are the stored due
dates; nothing here walks the calendar for a row.
"""

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.db.models import Count

from fairhearing.cases.choices import ComplaintStatus
from fairhearing.cases.listing import (
    ASSIGNEE_ME,
    ASSIGNEE_NONE,
    TEAM_NONE,
    Acknowledgement,
    ComplaintFilters,
    Due,
    DueWindow,
    complaints_with_deadlines,
    filters_q,
)
from fairhearing.cases.selectors import OPEN_STATUSES, complaints_visible_to
from fairhearing.core.dates import long_date

from .choices import Phase


@dataclass(frozen=True)
class Figure:
    """One number on the dashboard and the filters of the list it stands for."""

    label: str
    count: int
    filters: ComplaintFilters


@dataclass(frozen=True)
class Dashboard:
    """The complaints team's view of the open caseload (all figures are open complaints)."""

    open_total: Figure
    deadlines: list[Figure]
    acknowledgement: list[Figure]
    stages: list[Figure]
    teams: list[Figure]
    caseload: list[Figure]

    @property
    def figures(self) -> list[Figure]:
        """Every figure, for checks that each matches its list."""
        return [self.open_total, *self.deadlines, *self.acknowledgement, *self.stages, *self.teams,
                *self.caseload]


OPEN = ComplaintFilters()

DEADLINE_FIGURES = [
    ("Overdue", replace(OPEN, due=(Due.OVERDUE,))),
    ("Due today", replace(OPEN, due=(Due.TODAY,))),
    ("Due in the next 5 working days", replace(OPEN, due=(Due.SOON,))),
    ("Paused", replace(OPEN, due=(Due.PAUSED,))),
]
ACKNOWLEDGEMENT_FIGURES = [
    ("Awaiting acknowledgement", replace(OPEN, acknowledgement=Acknowledgement.AWAITING)),
    ("Acknowledgement overdue", replace(OPEN, acknowledgement=Acknowledgement.OVERDUE)),
]
STAGE_FIGURES = [
    ("Received, not yet started", replace(OPEN, status=ComplaintStatus.RECEIVED)),
    ("Stage 1", replace(OPEN, status=ComplaintStatus.IN_STAGE, stages=("1",))),
    ("Stage 2", replace(OPEN, status=ComplaintStatus.IN_STAGE, stages=("2",))),
    ("Stage 3", replace(OPEN, status=ComplaintStatus.IN_STAGE, stages=("3",))),
    ("Answered, may escalate", replace(OPEN, status=ComplaintStatus.RESPONDED)),
]
CASELOAD_FIGURES = [
    ("Held by you", replace(OPEN, assignee=ASSIGNEE_ME)),
    ("Not allocated", replace(OPEN, assignee=ASSIGNEE_NONE)),
]


def dashboard_for_user(*, user: Any, window: DueWindow, with_caseload: bool = True) -> Dashboard:
    """The figures for the complaints this user may see (two queries: the counts, the teams).

    ``with_caseload`` adds "held by you" and "not allocated", which matter to the people who hold
    cases (the complaints team), not to a senior manager reading the figures.
    """
    groups = {
        "open_total": [("Open complaints", OPEN)],
        "deadlines": DEADLINE_FIGURES,
        "acknowledgement": ACKNOWLEDGEMENT_FIGURES,
        "stages": STAGE_FIGURES,
        "caseload": CASELOAD_FIGURES if with_caseload else [],
    }
    visible = complaints_visible_to(user)
    aggregates = {
        f"{group}_{index}": Count("pk", filter=filters_q(filters, user=user, window=window))
        for group, figures in groups.items()
        for index, (_label, filters) in enumerate(figures)
    }
    counts = complaints_with_deadlines(visible.filter(status__in=OPEN_STATUSES)).aggregate(**aggregates)
    built = {
        group: [
            Figure(label=label, count=counts[f"{group}_{index}"], filters=filters)
            for index, (label, filters) in enumerate(figures)
        ]
        for group, figures in groups.items()
    }
    return Dashboard(
        open_total=built["open_total"][0],
        deadlines=built["deadlines"],
        acknowledgement=built["acknowledgement"],
        stages=built["stages"],
        teams=_teams(visible),
        caseload=built["caseload"],
    )


def _teams(visible: Any) -> list[Figure]:
    """Open complaints by team; a complaint about two teams counts once in each."""
    rows = (
        visible.filter(status__in=OPEN_STATUSES)
        .values("teams__id", "teams__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("teams__name")
    )
    figures, no_team = [], None
    for row in rows:
        if row["teams__id"] is None:
            no_team = Figure(label="No team recorded", count=row["n"], filters=replace(OPEN, team=TEAM_NONE))
        else:
            figures.append(Figure(label=row["teams__name"], count=row["n"],
                                  filters=replace(OPEN, team=str(row["teams__id"]))))
    return [*figures, no_team] if no_team else figures


_PHASE_DUE = {
    Phase.RESPONSE: "Stage {n} response due {date}",
    Phase.PANEL_MEETING: "Stage 3 review panel to meet by {date}",
    Phase.PANEL_REPORT: "Stage 3 panel's report due {date}",
    Phase.COUNCIL_RESPONSE: "Council's response to the panel due {date}",
}


def next_step(complaint: Any, *, today: date) -> str:
    """What the complaint needs next, in words ("Stage 1 response due 18 January 2022").

    Reads the columns that cases.listing.complaints_with_deadlines adds; no queries.
    """
    number = complaint.stage_number
    if not complaint.is_open:
        ended = f" on {long_date(complaint.closed_on)}" if complaint.closed_on else ""
        return f"{complaint.get_status_display()}{ended}"
    if complaint.stage_paused_since:
        return f"Stage {number} paused since {long_date(complaint.stage_paused_since)}"
    if complaint.status == ComplaintStatus.RESPONDED:
        deadline = complaint.escalation_deadline_on
        if number and number < 3 and deadline and deadline < today:
            return (f"Stage {number} answered: the time to ask for Stage {number + 1} ended on "
                    f"{long_date(deadline)}")
        if number and number < 3 and deadline:
            return f"Stage {number} answered: the complainant may ask for Stage {number + 1} until {long_date(deadline)}"
        return f"Stage {number} answered" if number else "Answered"
    if complaint.status == ComplaintStatus.IN_STAGE and complaint.stage_due_on:
        template = _PHASE_DUE.get(complaint.stage_phase, _PHASE_DUE[Phase.RESPONSE])
        return template.format(n=number, date=long_date(complaint.stage_due_on))
    if complaint.status == ComplaintStatus.IN_STAGE:
        return f"Stage {number}: waiting for the clock to start"
    if complaint.acknowledged_on is None and complaint.acknowledgement_due_on:
        return f"Acknowledgement due {long_date(complaint.acknowledgement_due_on)}"
    return "Stage 1 to be started by the complaints team"
