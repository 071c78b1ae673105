"""Complaints by team (service area), with the share upheld (seed 001's table).

A complaint about more than one team counts once under each of them, so the team rows can add up
to more than the total; the total row counts each complaint (or decision) once.
"""

from django.db.models import Q

from fairhearing.stages.choices import Outcome, StageStatus

from ..report import ReportContext
from ..tables import Column, Row, Section, Table, count, count_percent
from . import base
from ._common import alias, count_table, counts_by_period, period_cells, values_of

NO_TEAM = "No team recorded"
BASIS_RECEIVED = ("Complaints received in the period, by the team or teams they are about. A complaint "
                  "about two teams counts once for each; the total counts it once.")
BASIS_DECIDED = ("Stage 1 responses sent in the period, by team: the volume decided and how many were "
                 "upheld or partially upheld (in brackets), as a percentage of the volume.")
UPHELD = Q(outcome__in=[Outcome.UPHELD, Outcome.PARTIALLY_UPHELD])


def received_by_team(ctx: ReportContext, received_total: list[int]) -> Table:
    rows = (base.complaints(ctx).filter(ctx.in_span("received_on"))
            .values("teams__id", "teams__name").annotate(**counts_by_period(ctx, "received_on"))
            .order_by("teams__name"))
    # Sorted here, not in SQL: databases disagree on where NULL (no team) sorts.
    rows = sorted(rows, key=lambda r: (r["teams__name"] is None, r["teams__name"] or ""))
    body = [(str(r["teams__id"] or "none"), r["teams__name"] or NO_TEAM, values_of(r, ctx)) for r in rows]
    table = count_table(ctx, key="received_by_team", title="Complaints received by team", rows=body,
                        basis=BASIS_RECEIVED, row_heading="Team", total=None, suppressible=True,
                        drop_empty=True)
    # The total is the number of complaints, not the sum of the rows.
    table.rows.append(Row("total", "All complaints received", period_cells(received_total, ctx),
                          is_total=True))
    table.total_row = True
    return table


def decided_by_team(ctx: ReportContext) -> Table:
    responded = Q(number=1, status=StageStatus.RESPONDED)
    aggregates = {**counts_by_period(ctx, "responded_on", prefix="v"),
                  **counts_by_period(ctx, "responded_on", extra=UPHELD, prefix="u")}
    stage_rows = base.stages(ctx).filter(responded, ctx.in_span("responded_on"))
    by_team = (stage_rows.values("complaint__teams__id", "complaint__teams__name")
               .annotate(**aggregates).order_by("complaint__teams__name"))
    totals = stage_rows.aggregate(**aggregates)
    columns = []
    for period in ctx.periods:
        columns += [Column(f"{period.key}_volume", f"Volume {period.short_label}"),
                    Column(f"{period.key}_upheld", f"% upheld {period.short_label}")]

    def cells(result: dict) -> tuple:
        out = []
        for i in range(len(ctx.periods)):
            volume, upheld = result.get(alias(i, "v")) or 0, result.get(alias(i, "u")) or 0
            out += [count(volume), count_percent(upheld, volume)]
        return tuple(out)

    by_team = sorted(by_team, key=lambda r: (r["complaint__teams__name"] is None,
                                             r["complaint__teams__name"] or ""))
    rows = [
        Row(str(r["complaint__teams__id"] or "none"), r["complaint__teams__name"] or NO_TEAM, cells(r))
        for r in by_team if any(r.get(alias(i, "v")) for i in range(len(ctx.periods)))
    ]
    rows.append(Row("total", "All Stage 1 responses", cells(totals), is_total=True))
    return Table(key="upheld_by_team", title="Stage 1 decisions by team and % upheld", columns=columns,
                 rows=rows, basis=BASIS_DECIDED, row_heading="Team", suppressible=True, total_row=True)


def teams_section(ctx: ReportContext) -> Section:
    received = values_of(base.complaints(ctx).filter(ctx.in_span("received_on")).aggregate(
        **counts_by_period(ctx, "received_on")), ctx)
    return Section("teams", "Teams", [received_by_team(ctx, received), decided_by_team(ctx)])
