"""What the council did to put things right, and what financial remedies cost."""

from fairhearing.stages.choices import RemedyKind, StageStatus

from ..report import ReportContext
from ..tables import Column, Row, Section, Table, money
from . import base
from ._common import count_table, counts_by_period, grouped, sums_by_period

BASIS = ("Remedies agreed in stage responses sent in the period, by kind. One response can agree "
         "several remedies.")
BASIS_MONEY = "The amounts of financial remedies agreed in stage responses sent in the period."


def remedies_section(ctx: ReportContext) -> Section:
    remedies = base.remedies(ctx).filter(ctx.in_span("stage__responded_on"),
                                         stage__status=StageStatus.RESPONDED)
    by_kind = grouped(remedies.values("kind").annotate(**counts_by_period(ctx, "stage__responded_on")),
                      "kind", ctx)
    zero = [0] * len(ctx.periods)
    table = count_table(
        ctx, key="remedies", title="Remedies agreed",
        rows=[(kind.value, kind.label, by_kind.get(kind.value, zero)) for kind in RemedyKind],
        basis=BASIS, row_heading="Remedy", total="Total remedies",
    )
    amounts = remedies.aggregate(**sums_by_period(ctx, "stage__responded_on", "amount"))
    financial = Table(
        key="financial_remedies", title="Financial remedies agreed",
        columns=[Column(p.key, p.short_label) for p in ctx.periods],
        rows=[Row("amount", "Total agreed",
                  tuple(money(amounts.get(f"s_{i}")) for i in range(len(ctx.periods))))],
        basis=BASIS_MONEY, row_heading="Financial remedies",
    )
    return Section("remedies", "Remedies", [table, financial])
