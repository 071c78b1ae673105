"""How complaints arrived (seed 003, 1.9) and who made them."""

from fairhearing.cases.choices import Channel
from fairhearing.cases.models import ComplaintComplainant
from fairhearing.people.choices import Relationship

from ..report import ReportContext
from ..tables import Row, Section, Table
from . import base
from ._common import count_table, counts_by_period, grouped, period_cells, values_of

BASIS_CHANNEL = "Complaints received in the period, by how they reached the council."
BASIS_WHO = ("Complaints received in the period, by the main complainant's relationship to the child "
             "(the person letters go to). The total is the number of complaints.")


def channels_table(ctx: ReportContext) -> Table:
    by_channel = grouped(base.complaints(ctx).filter(ctx.in_span("received_on")).values("channel")
                         .annotate(**counts_by_period(ctx, "received_on")), "channel", ctx)
    zero = [0] * len(ctx.periods)
    return count_table(ctx, key="channels", title="How complaints were received",
                       rows=[(c.value, c.label, by_channel.get(c.value, zero)) for c in Channel],
                       basis=BASIS_CHANNEL, row_heading="Channel")


def complainants_table(ctx: ReportContext) -> Table:
    primary = ComplaintComplainant.objects.filter(
        is_primary=True, complaint__procedure_id__in=ctx.procedure_ids
    ).filter(ctx.in_span("complaint__received_on"))
    by_relationship = grouped(primary.values("relationship").annotate(
        **counts_by_period(ctx, "complaint__received_on", field="complaint_id", distinct=True)),
        "relationship", ctx)
    zero = [0] * len(ctx.periods)
    table = count_table(
        ctx, key="complainants", title="Who complained",
        rows=[(r.value, r.label, by_relationship.get(r.value, zero)) for r in Relationship],
        basis=BASIS_WHO, row_heading="Complainant", total=None, suppressible=True, drop_empty=True,
    )
    received = values_of(base.complaints(ctx).filter(ctx.in_span("received_on")).aggregate(
        **counts_by_period(ctx, "received_on")), ctx)
    table.rows.append(Row("total", "All complaints", period_cells(received, ctx), is_total=True))
    table.total_row = True
    return table


def people_section(ctx: ReportContext) -> Section:
    return Section("people", "How complaints were received and who made them",
                   [channels_table(ctx), complainants_table(ctx)])
