"""Learning from complaints and the action plan (seed 003's last table; seed 001's root causes).

Learning notes are counted by the date of the response they came from (learning_notes_in_period).
The action plans shown are those whose dates overlap the report's period and those starting in
the six months after it: an annual report is written after the year ends and publishes the plan
for the year ahead (seed 003's 2021-22 report carries the plan from April 2022). Each action
shows its latest update. The published version leaves out the owner column, which names staff.
"""

from datetime import timedelta

from django.db.models import OuterRef, Prefetch, Subquery

from fairhearing.learning.choices import RootCause
from fairhearing.learning.models import Action, ActionPlan, ActionUpdate
from fairhearing.learning.selectors import learning_notes_in_period

from ..report import ReportContext
from ..tables import Column, Row, Section, Table, count, text
from ._common import count_table, counts_by_period, grouped

BASIS_NOTES = ("Learning recorded from responses, counted by the date of the response it came from, by "
               "root cause.")
BASIS_PLAN = ("Actions in the action plans whose dates overlap the period or that start within six "
              "months after it (the plan for the year ahead), with the latest update on each.")


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


YEAR_AHEAD_DAYS = 183


def action_plans_for(ctx: ReportContext) -> dict[ActionPlan, list[Action]]:
    """The plans to show, each with its actions and their latest update: three queries in all."""
    last_start = ctx.period.end + timedelta(days=YEAR_AHEAD_DAYS)
    latest = ActionUpdate.objects.filter(id=Subquery(
        ActionUpdate.objects.filter(action_id=OuterRef("action_id")).order_by("-written_on", "-id")
        .values("id")[:1]))
    actions = (Action.objects.filter(plan__starts_on__lte=last_start, plan__ends_on__gte=ctx.period.start)
               .select_related("plan").order_by("plan__starts_on", "plan_id", "number")
               .prefetch_related(Prefetch("updates", queryset=latest, to_attr="latest_updates")))
    plans: dict[ActionPlan, list[Action]] = {}
    for action in actions:
        action.latest_update = action.latest_updates[0] if action.latest_updates else None
        plans.setdefault(action.plan, []).append(action)
    return plans


def action_plan_tables(ctx: ReportContext) -> list[Table]:
    plans = action_plans_for(ctx)
    columns = [Column("number", "Number"), Column("task", "Task or action")]
    if not ctx.published:
        columns.append(Column("owner", "Owner"))
    columns += [Column("by", "By date"), Column("intended_outcome", "Intended outcome or impact"),
                Column("target", "Target completion date"), Column("status", "Status"),
                Column("update", "Latest update")]
    tables = []
    for plan, actions in plans.items():
        rows = [Row(str(a.number), str(a.number), _action_cells(a, ctx.published)) for a in actions]
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
    causes.append(("not_recorded", "Not recorded", by_cause.get("", zero)))
    table = count_table(ctx, key="learning_by_root_cause", title="Learning by root cause", rows=causes,
                        basis=BASIS_NOTES, row_heading="Root cause", drop_empty=True)
    return Section("learning", "Learning and the action plan", [table, *action_plan_tables(ctx)])
