"""Compliments by service area and by who paid them, with quotations (seeds 001 and 003).

A compliment is quoted only when the person agreed to it being quoted *and* an officer has
prepared the quotation with names replaced by "X"; the original words are never printed.
"""

from fairhearing.cases.kind_choices import ComplimentSource
from fairhearing.cases.models import Compliment

from ..report import ReportContext
from ..tables import Section
from ._common import count_table, counts_by_period, grouped, values_of

MAX_QUOTATIONS = 12
BASIS_TEAM = "Compliments received in the period, by the team or service area they were about."
BASIS_SOURCE = "Compliments received in the period, by who paid them."


def compliments_section(ctx: ReportContext) -> Section:
    received = Compliment.objects.filter(ctx.in_span("received_on"))
    by_team_rows = (received.values("team_id", "team__name").annotate(**counts_by_period(ctx, "received_on"))
                    .order_by("team__name"))
    by_team = count_table(
        ctx, key="compliments_by_team", title="Compliments by service area",
        rows=[(str(r["team_id"]), r["team__name"], values_of(r, ctx)) for r in by_team_rows],
        basis=BASIS_TEAM, row_heading="Service area", suppressible=True, drop_empty=True,
    )
    by_source = grouped(received.values("source").annotate(**counts_by_period(ctx, "received_on")),
                        "source", ctx)
    zero = [0] * len(ctx.periods)
    sources = count_table(
        ctx, key="compliments_by_source", title="Who paid compliments",
        rows=[(s.value, s.label, by_source.get(s.value, zero)) for s in ComplimentSource],
        basis=BASIS_SOURCE, row_heading="From", suppressible=True, drop_empty=True,
    )
    quotable = (Compliment.objects.quotable().filter(ctx.in_period("received_on", ctx.period))
                .select_related("team").order_by("received_on", "id")[:MAX_QUOTATIONS])
    # "About" is free text an officer typed and may hold a name, so the published version
    # heads each quotation with the team only.
    quotations = [
        (f"A compliment for {c.team.name}" if ctx.published or not c.about
         else f"A compliment for {c.about} ({c.team.name})", c.quotation.strip())
        for c in quotable
    ]
    total = by_team.row("total").cells[0].value
    section = Section("compliments", "Compliments", [by_team, sources],
                      [f"{ctx.counted(total, 'compliment', small=True, were=True)} received in {ctx.period.label}."])
    section.quotations = quotations
    return section
