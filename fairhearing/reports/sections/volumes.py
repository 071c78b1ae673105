"""How many: complaints received, each stage, and how many went on to the next stage."""

from django.db.models import Q

from fairhearing.cases.choices import ComplaintStatus

from ..report import ReportContext
from ..tables import Column, Row, Section, Table, percent
from . import base
from ._common import count_table, counts_by_period, grouped, values_of

BASIS_RECEIVED = ("Complaints received in the period (date received), under the procedures the report "
                  "covers, whatever happened to them afterwards.")
BASIS_STAGES = ("Stage 1: complaints whose Stage 1 began in the period. Stage 2 and Stage 3: requests "
                "for that stage made in the period and taken up (late requests the council refused "
                "are not counted).")
BASIS_CLOSED = ("Closed and withdrawn: complaints whose case was closed in the period (after its last "
                "stage, or withdrawn), which can include complaints received in an earlier period.")
BASIS_ESCALATION = ("Stage 2 (or 3) requests taken up in the period as a percentage of Stage 1 (or 2) "
                    "complaints in the same period: a ratio of the two counts, as councils publish it, "
                    "not the share of one period's complaints that later escalated.")


def stage_numbers(ctx: ReportContext) -> dict[int, list[int]]:
    """Stages taken up per stage number and period (one query)."""
    rows = (base.stages_taken_up(ctx).filter(ctx.in_span("requested_on"))
            .values("number").annotate(**counts_by_period(ctx, "requested_on")))
    by_number = grouped(rows, "number", ctx)
    zero = [0] * len(ctx.periods)
    return {n: by_number.get(n, zero) for n in (1, 2, 3)}


def complaints_received(ctx: ReportContext) -> list[int]:
    result = base.complaints(ctx).filter(ctx.in_span("received_on")).aggregate(
        **counts_by_period(ctx, "received_on"))
    return values_of(result, ctx)


def closed_and_withdrawn(ctx: ReportContext) -> tuple[list[int], list[int]]:
    """Complaints closed in the period, and of them those withdrawn (one query)."""
    result = base.complaints(ctx).filter(ctx.in_span("closed_on")).aggregate(
        **counts_by_period(ctx, "closed_on"),
        **counts_by_period(ctx, "closed_on", extra=Q(status=ComplaintStatus.WITHDRAWN), prefix="w"),
    )
    return values_of(result, ctx), values_of(result, ctx, "w")


def volumes_section(ctx: ReportContext) -> Section:
    received = complaints_received(ctx)
    stages = stage_numbers(ctx)
    closed, withdrawn = closed_and_withdrawn(ctx)
    totals = count_table(
        ctx, key="complaint_totals", title="Complaints received and stages",
        rows=[
            ("complaints_received", "Complaints received", received),
            ("stage_1", "Stage 1 complaints", stages[1]),
            ("stage_2", "Escalated to Stage 2", stages[2]),
            ("stage_3", "Escalated to Stage 3 (review panel)", stages[3]),
            ("closed", "Complaints closed", closed),
            ("withdrawn", "Complaints withdrawn", withdrawn),
        ],
        basis=f"{BASIS_RECEIVED} {BASIS_STAGES} {BASIS_CLOSED}", row_heading="Complaints", total=None,
    )
    escalation = Table(
        key="escalation_rates", title="Escalation rates",
        columns=[Column(p.key, p.short_label) for p in ctx.periods],
        rows=[
            Row("stage_1_to_2", "Stage 1 to Stage 2",
                tuple(percent(stages[2][i], stages[1][i]) for i in range(len(ctx.periods)))),
            Row("stage_2_to_3", "Stage 2 to Stage 3",
                tuple(percent(stages[3][i], stages[2][i]) for i in range(len(ctx.periods)))),
        ],
        basis=BASIS_ESCALATION, row_heading="Escalation",
    )
    current = ctx.period.label
    paragraphs = [
        f"{ctx.counted(received[0], 'complaint', were=True)} received in {current}; {stages[1][0]:,} began at Stage 1, "
        f"{stages[2][0]:,} went to Stage 2 and {stages[3][0]:,} to a Stage 3 review panel."
    ]
    return Section("volumes", "Total number of complaints", [totals, escalation], paragraphs)
