"""What complaints were about (seed 003, 1.5). One complaint may have several themes."""

from ..report import ReportContext
from ..tables import Section
from . import base
from ._common import count_table, counts_by_period, values_of

BASIS = ("Complaints received in the period, by theme. A complaint can have more than one theme, so "
         "the themes add up to more than the number of complaints.")


def themes_section(ctx: ReportContext) -> Section:
    rows = (base.complaints(ctx).filter(ctx.in_span("received_on"))
            .values("themes__id", "themes__name").annotate(**counts_by_period(ctx, "received_on"))
            .order_by("themes__name"))
    body = [(str(r["themes__id"] or "none"), r["themes__name"] or "No theme recorded", values_of(r, ctx))
            for r in rows]
    body.sort(key=lambda r: (-r[2][0], r[1]))  # most common this period first
    table = count_table(ctx, key="themes", title="Complaint themes", rows=body, basis=BASIS,
                        row_heading="Theme", total=None, drop_empty=True)
    return Section("themes", "Reasons for complaints", [table])
