"""Learning from complaints and the action plan (seed 003's last table; seed 001's root causes).

Learning notes are counted by the date of the response they came from (learning_notes_in_period).
The action plan shown is every plan whose dates overlap the report's period, with each action's
latest update. The published version leaves out the owner column, which names staff.
"""

from fairhearing.learning.choices import RootCause
from fairhearing.learning.models import ActionPlan
from fairhearing.learning.selectors import action_plan_rows, learning_notes_in_period

from ..report import ReportContext
from ..tables import Column, Row, Section, Table, count, text
from ._common import count_table, counts_by_period, grouped

BASIS_NOTES = ("Learning recorded from responses, counted by the date of the response it came from, by "
               "root cause.")
BASIS_PLAN = ("Actions in the action plans whose dates overlap the period, with the latest update on "
              "each.")


def _action_cells(action, published: bool) -> tuple:
    update = action.latest_update
    cells = [count(action.number), text(action.task)]
    if not published:
        cells.append(text(action.owner))
    cells += [
        text(action.start_by_text or (action.start_by.strftime("%d/%m/%Y") if action.start_by else "")),
        text(action.intended_outcome),
        text(action.target_text or (action.target_on.strftime("%d/%m/%Y") if action.target_on else "")),
        text(action.get_status_display()),
        text(f"{update.written_on:%d/%m/%Y}: {update.text}" if update else ""),
    ]
    return tuple(cells)


def action_plan_tables(ctx: ReportContext) -> list[Table]:
    plans = ActionPlan.objects.filter(starts_on__lte=ctx.period.end, ends_on__gte=ctx.period.start) \
        .order_by("starts_on", "id")
    columns = [Column("number", "Number"), Column("task", "Task or action")]
    if not ctx.published:
        columns.append(Column("owner", "Owner"))
    columns += [Column("by", "By date"), Column("intended_outcome", "Intended outcome or impact"),
                Column("target", "Target completion date"), Column("status", "Status"),
                Column("update", "Latest update")]
    tables = []
    for plan in plans:
        rows = [Row(str(a.number), str(a.number), _action_cells(a, ctx.published))
                for a in action_plan_rows(plan=plan)]
        tables.append(Table(key=f"action_plan_{plan.pk}", title=f"{plan.title} ({plan.period_label})",
                            columns=columns, rows=rows, basis=BASIS_PLAN, row_heading="Action"))
    return tables


def learning_section(ctx: ReportContext) -> Section:
    start, end = ctx.span
    notes = learning_notes_in_period(start=start, end=end)
    by_cause = grouped(notes.order_by().values("root_cause").annotate(**counts_by_period(ctx, "dated_on")),
                       "root_cause", ctx)
    zero = [0] * len(ctx.periods)
    causes = [(c.value, c.label, by_cause.get(c.value, zero)) for c in RootCause]
    causes.append(("", "Not recorded", by_cause.get("", zero)))
    table = count_table(ctx, key="learning_by_root_cause", title="Learning by root cause", rows=causes,
                        basis=BASIS_NOTES, row_heading="Root cause", drop_empty=True)
    return Section("learning", "Learning and the action plan", [table, *action_plan_tables(ctx)])
