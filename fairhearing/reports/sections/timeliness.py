"""Response times (seed 003, 1.7) and the share of responses on time (seed 001).

Two different questions, each with its own basis:
- *How long did responses take?* Responses sent in the period, by the working days they took
  (stored on each stage when the response was recorded: after the clock started, up to and
  including the response date, less days paused). Stage 1: up to 10, 11 to 20, over 20 working
  days; Stage 2: up to 25, 26 to 65, over 65.
- *Were responses on time?* Responses *due* in the period (the stage's final due date, which
  includes agreed extensions and pauses), and how many were sent on or before that date. A
  response still not sent, or sent after the period, is late. A stage that ended without a
  response on or before its due date (withdrawn, resolved informally) was never due, and a stage
  whose clock is paused now is left out until it restarts.
"""

from django.db.models import Case, DateField, F, Q, When

from fairhearing.cases.choices import ComplaintStatus

from ..report import ReportContext
from ..tables import Chart, ChartKind, Column, Row, Section, Table, count, percent
from . import base
from ._common import alias, counts_by_period

BUCKETS = {
    1: [("up_to_10", "Within 10 working days", 0, 10), ("11_to_20", "11 to 20 working days", 11, 20),
        ("over_20", "Over 20 working days", 21, None)],
    2: [("up_to_25", "Within 25 working days", 0, 25), ("26_to_65", "26 to 65 working days", 26, 65),
        ("over_65", "Over 65 working days", 66, None)],
}
BASIS_BUCKETS = ("Stage {n} responses sent in the period, by the working days they took: from the day "
                 "the clock started (not counted) to the day the response was sent (counted), less "
                 "any working days the clock was paused.")
BASIS_ON_TIME = ("Responses due in the period (the final due date, including agreed extensions and "
                 "pauses) and how many were sent on or before it. A response not yet sent, or sent "
                 "after the period, counts as late. Stages that ended without a response before they "
                 "were due, and stages paused now, are left out. Acknowledgements: complaints whose "
                 "acknowledgement target fell in the period.")


def _bucket_q(low: int, high: int | None) -> Q:
    q = Q(response_working_days__gte=low)
    return q & Q(response_working_days__lte=high) if high is not None else q


def response_time_table(ctx: ReportContext, number: int) -> Table:
    aggregates = {}
    for b, (_key, _label, low, high) in enumerate(BUCKETS[number]):
        aggregates.update(counts_by_period(ctx, "responded_on", extra=_bucket_q(low, high), prefix=f"b{b}"))
    aggregates.update(counts_by_period(ctx, "responded_on", prefix="all"))
    result = (base.stages(ctx).filter(ctx.in_span("responded_on"), number=number,
                                      response_working_days__isnull=False).aggregate(**aggregates))
    columns = []
    for period in ctx.periods:
        columns += [Column(period.key, period.short_label), Column(f"{period.key}_percent", "%")]
    rows = []
    for b, (key, label, _low, _high) in enumerate(BUCKETS[number]):
        cells = []
        for i in range(len(ctx.periods)):
            n, total = result[alias(i, f"b{b}")], result[alias(i, "all")]
            cells += [count(n), percent(n, total)]
        rows.append(Row(key, label, tuple(cells)))
    cells = []
    for i in range(len(ctx.periods)):
        total = result[alias(i, "all")]
        cells += [count(total), percent(total, total)]
    rows.append(Row("total", "Total responses", tuple(cells), is_total=True))
    return Table(key=f"stage_{number}_response_times", title=f"Stage {number} response times",
                 columns=columns, rows=rows, basis=BASIS_BUCKETS.format(n=number),
                 row_heading="Time taken", total_row=True,
                 chart=Chart(ChartKind.BAR, tuple(p.key for p in ctx.periods),
                             f"Stage {number} response times"))


def _due_stages(ctx: ReportContext):
    """Stages with their response deadline as ``response_due_on``.

    A Stage 3's current due date is first the panel meeting's, then the panel report's; only once
    the report arrives is the council's response due, so Stage 3 is counted by that date.
    """
    response_due = Case(When(number=3, then=F("council_response_due_on")), default=F("due_on"),
                        output_field=DateField())
    ended_unanswered_before_due = (Q(responded_on__isnull=True) & Q(closed_on__isnull=False)
                                   & Q(closed_on__lte=F("response_due_on")))
    return (base.stages_taken_up(ctx).annotate(response_due_on=response_due)
            .filter(ctx.in_span("response_due_on"))
            .exclude(ended_unanswered_before_due).exclude(paused_since__isnull=False))


def on_time_table(ctx: ReportContext) -> Table:
    on_time = Q(responded_on__isnull=False, responded_on__lte=F("response_due_on"))
    by_stage = {
        row["number"]: row for row in _due_stages(ctx).values("number").annotate(
            **counts_by_period(ctx, "response_due_on", prefix="due"),
            **counts_by_period(ctx, "response_due_on", extra=on_time, prefix="ok"),
        )
    }
    unacknowledged_end = (Q(acknowledged_on__isnull=True)
                          & Q(status__in=[ComplaintStatus.CLOSED, ComplaintStatus.WITHDRAWN])
                          & Q(closed_on__lte=F("acknowledgement_due_on")))
    acks = (base.complaints(ctx).filter(ctx.in_span("acknowledgement_due_on"))
            .exclude(unacknowledged_end).aggregate(
                **counts_by_period(ctx, "acknowledgement_due_on", prefix="due"),
                **counts_by_period(ctx, "acknowledgement_due_on",
                                   extra=Q(acknowledged_on__lte=F("acknowledgement_due_on")), prefix="ok")))
    columns = []
    for period in ctx.periods:
        columns += [Column(f"{period.key}_due", f"Due {period.short_label}"),
                    Column(f"{period.key}_on_time", f"On time {period.short_label}"),
                    Column(f"{period.key}_percent", f"% on time {period.short_label}")]

    def cells(result: dict | None) -> tuple:
        out = []
        for i in range(len(ctx.periods)):
            due = (result or {}).get(alias(i, "due")) or 0
            ok = (result or {}).get(alias(i, "ok")) or 0
            out += [count(due), count(ok), percent(ok, due)]
        return tuple(out)

    rows = [Row("acknowledgement", "Acknowledgement", cells(acks))]
    rows += [Row(f"stage_{n}", f"Stage {n} response" if n < 3 else "Stage 3: council's response to the panel",
                 cells(by_stage.get(n))) for n in (1, 2, 3)]
    return Table(key="on_time", title="Responses on time", columns=columns, rows=rows,
                 basis=BASIS_ON_TIME, row_heading="Step")


def timeliness_section(ctx: ReportContext) -> Section:
    tables = [response_time_table(ctx, 1), response_time_table(ctx, 2), on_time_table(ctx)]
    on_time = tables[2].row("stage_1")
    paragraphs = [
        f"Of the Stage 1 responses due in {ctx.period.label}, {on_time.cells[2].display} were sent "
        "on time (counting agreed extensions)."
    ]
    return Section("response_times", "Response times", tables, paragraphs)
