"""Enquiries from MPs, MEPs and councillors (Members' correspondence), and how many were answered
in time (seeds 001 and 003)."""

from django.db.models import F, Q

from fairhearing.cases.kind_choices import MemberKind
from fairhearing.cases.models import Enquiry

from ..report import ReportContext
from ..tables import Column, Row, Section, Table, count, percent
from ._common import alias, count_table, counts_by_period, grouped

BASIS_KIND = "Enquiries received in the period, by who sent them."
BASIS_TEAM = ("Enquiries received in {period}, by the team they were about and who sent them.")
BASIS_TIME = ("Enquiries whose response was due in the period (the target is set when the enquiry is "
              "logged, in working days) and how many were answered on or before the due date. An "
              "enquiry not yet answered counts as late.")


def enquiries_section(ctx: ReportContext) -> Section:
    received = Enquiry.objects.filter(ctx.in_span("received_on"))
    by_kind = grouped(received.values("member_kind").annotate(**counts_by_period(ctx, "received_on")),
                      "member_kind", ctx)
    zero = [0] * len(ctx.periods)
    kinds = count_table(ctx, key="enquiries_by_kind", title="Enquiries from MPs, MEPs and councillors",
                        rows=[(k.value, k.label, by_kind.get(k.value, zero)) for k in MemberKind],
                        basis=BASIS_KIND, row_heading="From")

    this_period = (Enquiry.objects.filter(ctx.in_period("received_on", ctx.period))
                   .values("team_id", "team__name", "member_kind").annotate(n=counts_by_period(
                       ctx, "received_on")["n_0"]).order_by("team__name"))
    teams: dict[int, tuple[str, dict[str, int]]] = {}
    for row in this_period:
        teams.setdefault(row["team_id"], (row["team__name"], {}))[1][row["member_kind"]] = row["n"]
    columns = [Column(k.value, k.label) for k in MemberKind] + [Column("total", "Total")]
    rows = []
    for team_id, (name, numbers) in sorted(teams.items(), key=lambda item: item[1][0]):
        values = [numbers.get(k.value, 0) for k in MemberKind]
        rows.append(Row(str(team_id), name, tuple(count(n) for n in [*values, sum(values)])))
    totals = [sum(n.get(k.value, 0) for _name, n in teams.values()) for k in MemberKind]
    rows.append(Row("total", "Total", tuple(count(n) for n in [*totals, sum(totals)]), is_total=True))
    by_team = Table(key="enquiries_by_team", title=f"Enquiries by team, {ctx.period.label}", columns=columns,
                    rows=rows, basis=BASIS_TEAM.format(period=ctx.period.label), row_heading="Team",
                    suppressible=True, total_row=True, total_column="total")

    on_time = Q(responded_on__isnull=False, responded_on__lte=F("response_due_on"))
    timing = Enquiry.objects.filter(ctx.in_span("response_due_on")).aggregate(
        **counts_by_period(ctx, "response_due_on", prefix="due"),
        **counts_by_period(ctx, "response_due_on", extra=on_time, prefix="ok"))
    time_columns = [Column(p.key, p.short_label) for p in ctx.periods]
    timeliness = Table(
        key="enquiries_on_time", title="Enquiries answered in time", columns=time_columns,
        rows=[Row("due", "Responses due", tuple(count(timing[alias(i, "due")]) for i in range(len(ctx.periods)))),
              Row("on_time", "Answered on time",
                  tuple(count(timing[alias(i, "ok")]) for i in range(len(ctx.periods)))),
              Row("percent", "% answered on time",
                  tuple(percent(timing[alias(i, "ok")], timing[alias(i, "due")]) for i in range(len(ctx.periods))))],
        basis=BASIS_TIME, row_heading="Enquiries",
    )
    share = timeliness.row("percent").cells[0].display
    total = kinds.row("total").cells[0].value
    paragraphs = [f"{ctx.counted(total, 'enquiry', 'enquiries', were=True)} received from MPs, MEPs and councillors in {ctx.period.label}; "
                  f"{share} of the responses due were sent in time."]
    return Section("enquiries", "Members' enquiries", [kinds, by_team, timeliness], paragraphs)
