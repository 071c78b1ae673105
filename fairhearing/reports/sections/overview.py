"""The six-month statistical overview (seed 000): complaints, the subset about children in care,
where they have got to, who made the upheld ones, and which open complaints are overdue.

"Children in care" means complaints naming at least one child whose legal status is looked after,
as recorded now. Where a complaint has got to is as at the day the overview is produced: the
outcome of its latest stage response, "being dealt with" while it is open, or withdrawn. The
list of overdue complaints by reference is in the internal version only; the published version
gives the number.
"""

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from fairhearing.cases.access import complaints_closed_to
from fairhearing.cases.choices import ComplaintStatus
from fairhearing.cases.models import ComplaintChild, ComplaintComplainant
from fairhearing.core.dates import long_date
from fairhearing.people.choices import LegalStatus, Relationship
from fairhearing.stages.choices import Outcome, StageStatus
from fairhearing.stages.models import Stage

from ..report import ReportContext
from ..tables import Column, Row, Section, Table, count, text
from . import base
from ._common import count_table, counts_by_period, grouped, values_of

OPEN = [ComplaintStatus.RECEIVED, ComplaintStatus.IN_STAGE]
WHERE_NOW = [("not_upheld", "Not upheld"), ("open", "Being dealt with"), ("upheld", "Upheld"),
             ("partially_upheld", "Partially upheld"), ("withdrawn", "Withdrawn"),
             ("other", "Closed without a response (not accepted or routed elsewhere)")]
UPHELD = [Outcome.UPHELD, Outcome.PARTIALLY_UPHELD]
BASIS_RECEIVED = ("Complaints received in the period; those naming at least one child looked after "
                  "(in care), by the child's legal status as recorded now.")
BASIS_WHERE = ("Complaints about children in care received in the period, by where they are now: the "
               "outcome of the latest stage response, still being dealt with, or withdrawn.")
BASIS_UPHELD = ("Complaints about children in care received in the period whose latest response upheld "
                "or partially upheld them.")
BASIS_ON_TIME = ("Stage responses sent in the period on complaints about children in care, and how "
                 "many were sent on or before their due date (including agreed extensions).")
BASIS_CONCLUDED = "Stage 2 and Stage 3 stages about children in care that ended in the period."
BASIS_OVERDUE = ("Open complaints received in the period whose current stage is past its due date on "
                 "the day the overview was produced (paused stages are not overdue).")


def in_care() -> Exists:
    return Exists(ComplaintChild.objects.filter(complaint=OuterRef("pk"),
                                                child__legal_status=LegalStatus.LOOKED_AFTER))


def with_where_now(queryset: QuerySet) -> QuerySet:
    latest = Stage.objects.filter(complaint=OuterRef("pk"), responded_on__isnull=False) \
        .order_by("-number").values
    return queryset.annotate(
        latest_outcome=Subquery(latest("outcome")[:1]),
        latest_stage=Subquery(latest("number")[:1]),
    ).annotate(where_now=Case(
        When(status__in=OPEN, then=Value("open")),
        When(status=ComplaintStatus.WITHDRAWN, then=Value("withdrawn")),
        When(latest_outcome__isnull=False, then=F("latest_outcome")),
        default=Value("other"), output_field=CharField(),
    ))


def overview_sections(ctx: ReportContext) -> list[Section]:
    period = ctx.period
    received = base.complaints(ctx).filter(ctx.in_span("received_on"))
    totals = received.annotate(in_care=in_care()).aggregate(
        **counts_by_period(ctx, "received_on", prefix="all"),
        **counts_by_period(ctx, "received_on", extra=Q(in_care=True), prefix="care"))
    received_table = count_table(
        ctx, key="overview_received", title="Complaints received",
        rows=[("all", "All complaints", values_of(totals, ctx, "all")),
              ("children_in_care", "About children in care", values_of(totals, ctx, "care"))],
        basis=BASIS_RECEIVED, row_heading="Complaints", total=None,
    )

    care = with_where_now(base.complaints(ctx).filter(ctx.in_period("received_on", period))
                          .filter(in_care()))
    where = {r["where_now"]: r["n"] for r in care.values("where_now").annotate(
        n=counts_by_period(ctx, "received_on")["n_0"]).order_by()}
    where_table = Table(
        key="children_in_care_now", title="Complaints about children in care: where they are now",
        columns=[Column("number", period.short_label)],
        rows=[*(Row(k, label, (count(where.get(k, 0)),)) for k, label in WHERE_NOW),
              Row("total", "Total", (count(sum(where.values())),), is_total=True)],
        basis=BASIS_WHERE, row_heading="Where now", suppressible=True, total_row=True,
    )

    upheld = care.filter(latest_outcome__in=UPHELD, status__in=[ComplaintStatus.RESPONDED,
                                                                ComplaintStatus.CLOSED])
    upheld_ids = upheld.values("pk")
    by_team = (base.complaints(ctx).filter(pk__in=upheld_ids).values("teams__id", "teams__name")
               .annotate(n=counts_by_period(ctx, "received_on")["n_0"]).order_by("teams__name"))
    by_who = {r["relationship"]: r["n"] for r in ComplaintComplainant.objects.filter(
        complaint__in=upheld_ids, is_primary=True).values("relationship").annotate(
        n=counts_by_period(ctx, "complaint__received_on")["n_0"]).order_by()}
    by_stage = {r["latest_stage"]: r["n"] for r in upheld.values("latest_stage").annotate(
        n=counts_by_period(ctx, "received_on")["n_0"]).order_by()}
    column = [Column("number", period.short_label)]
    upheld_tables = [
        Table(key="care_upheld_by_team", title="Upheld complaints about children in care, by team",
              columns=column, rows=[Row(str(r["teams__id"] or "none"), r["teams__name"] or "No team recorded",
                                        (count(r["n"]),))
                                    for r in sorted(by_team, key=lambda r: (r["teams__name"] is None,
                                                                            r["teams__name"] or ""))
                                    if r["n"]],
              basis=BASIS_UPHELD, row_heading="Team", suppressible=True),
        Table(key="care_upheld_by_complainant", title="Who made the upheld complaints about children in care",
              columns=column, rows=[Row(r.value, r.label, (count(by_who[r.value]),)) for r in Relationship
                                    if by_who.get(r.value)],
              basis=BASIS_UPHELD, row_heading="Complainant", suppressible=True),
        Table(key="care_upheld_by_stage", title="Stage at which the upheld complaints were resolved",
              columns=column, rows=[Row(f"stage_{n}", f"Stage {n}", (count(by_stage.get(n, 0)),))
                                    for n in (1, 2, 3)],
              basis=BASIS_UPHELD, row_heading="Stage", suppressible=True),
    ]

    care_stages = base.stages(ctx).filter(complaint__in=base.complaints(ctx).filter(in_care()))
    timing = care_stages.filter(ctx.in_span("responded_on"), status=StageStatus.RESPONDED).aggregate(
        **counts_by_period(ctx, "responded_on", prefix="all"),
        **counts_by_period(ctx, "responded_on", extra=Q(responded_on__lte=F("due_on")), prefix="ok"))
    on_time = count_table(
        ctx, key="care_on_time", title="Responses on complaints about children in care",
        rows=[("sent", "Responses sent", values_of(timing, ctx, "all")),
              ("on_time", "Sent on time", values_of(timing, ctx, "ok"))],
        basis=BASIS_ON_TIME, row_heading="Responses", total=None, chart=False,
    )
    concluded = grouped(care_stages.filter(ctx.in_span("closed_on"), number__gte=2).values("number")
                        .annotate(**counts_by_period(ctx, "closed_on")), "number", ctx)
    zero = [0] * len(ctx.periods)
    concluded_table = count_table(
        ctx, key="care_stage_2_3_concluded", title="Stage 2 and 3 complaints about children in care concluded",
        rows=[("stage_2", "Stage 2", concluded.get(2, zero)), ("stage_3", "Stage 3", concluded.get(3, zero))],
        basis=BASIS_CONCLUDED, row_heading="Stage", chart=False,
    )

    overdue = (base.stages(ctx).filter(status=StageStatus.OPEN, due_on__lt=ctx.today, paused_since__isnull=True)
               .filter(ctx.in_period("complaint__received_on", period))
               .annotate(in_care=Exists(ComplaintChild.objects.filter(
                   complaint=OuterRef("complaint_id"), child__legal_status=LegalStatus.LOOKED_AFTER)))
               .select_related("complaint").order_by("due_on", "complaint__reference"))
    if ctx.viewer is not None:
        # Named one by one, so a complaint the reader is excluded or restricted from is left out
        # (without a count, which would itself say it exists).
        overdue = overdue.exclude(complaint__in=complaints_closed_to(ctx.viewer).values("pk"))
    if ctx.published:
        overdue_table = Table(key="overdue", title="Open complaints that are overdue",
                              columns=[Column("number", "Number")],
                              rows=[Row("overdue", "Overdue", (count(overdue.count()),))],
                              basis=BASIS_OVERDUE, row_heading="Complaints")
    else:
        overdue_table = Table(
            key="overdue", title="Open complaints that are overdue",
            columns=[Column("stage", "Stage"), Column("due", "Due"),
                     Column("children_in_care", "About a child in care")],
            rows=[Row(s.complaint.reference, s.complaint.reference,
                      (text(f"Stage {s.number}"), text(long_date(s.due_on)),
                       text("Yes" if s.in_care else "No"))) for s in overdue],
            basis=BASIS_OVERDUE, row_heading="Complaint",
            notes=["Internal version only: the published version gives the number."],
        )
    care_total = where_table.row("total").cells[0].value
    paragraphs = [f"{ctx.counted(received_table.row('all').cells[0].value, 'complaint', were=True)} received between "
                  f"{long_date(period.start)} and {long_date(period.end)}; of these, "
                  f"{ctx.counted(care_total, 'complaint', small=True, were=True)} about children in our care."]
    return [
        Section("overview", "Statistical overview", [received_table, where_table], paragraphs),
        Section("children_in_care", "Complaints about children in care",
                [*upheld_tables, on_time, concluded_table]),
        Section("overdue", "Overdue complaints", [overdue_table]),
    ]
