"""Equality monitoring of the children complaints were about (seed 003, section 2).

Counted per child per complaint: each child named on a complaint received in the period counts
once for that complaint (a family complaint about three children counts three children, as the
seed's reports do; a child named on two complaints counts twice). Age is the child's age on the
day the complaint was received, worked out in SQL from the date of birth, or, for a child whose
date of birth is unknown, the age recorded then (an imported register's Child age). Missing
monitoring data counts as "not known". Special category data: aggregated only, suppressed when published.
"""

from django.db.models import (
    Case,
    CharField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from fairhearing.people.choices import Disability, Ethnicity, Gender, Religion

from ..report import ReportContext
from ..tables import Column, Row, Section, Table, count
from . import base
from ._common import count_table, counts_by_period, grouped

AGE_BANDS = [("0_5", "0 to 5", 0, 5), ("6_9", "6 to 9", 6, 9), ("10_14", "10 to 14", 10, 14),
             ("15_17", "15 to 17", 15, 17), ("18_plus", "18 and over", 18, None)]
UNKNOWN_AGE = ("unknown", "Not known")
BASIS = ("Children named on complaints received in the period, counted once for each complaint they "
         "are named on. Age on the day the complaint was received.")


def children_in_span(ctx: ReportContext) -> QuerySet:
    return base.complaint_children(ctx).filter(ctx.in_span("complaint__received_on"))


class DateNumber(Func):
    """A date as the number YYYYMMDD, computed by the database.

    Whole years between two dates are then ``(later - earlier) // 10000``: the classic exact
    age formula (birthdays, 29 February and leap years included), cheap in SQL. SQLite stores
    dates as ISO text, so removing the dashes gives the number; PostgreSQL formats the date.
    """

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):  # noqa: ANN001, ANN003, ANN201
        return self.as_sql(compiler, connection, template="CAST(REPLACE(%(expressions)s, '-', '') AS INTEGER)",
                           **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):  # noqa: ANN001, ANN003, ANN201
        return self.as_sql(compiler, connection, template="CAST(TO_CHAR(%(expressions)s, 'YYYYMMDD') AS INTEGER)",
                           **extra_context)


def with_age_band(queryset: QuerySet) -> QuerySet:
    """Annotate ``age`` and ``age_band`` on complaint-child links, all in SQL.

    The age is the whole years between birth and receipt when the date of birth is known; without
    one, the age recorded on the link when the complaint was received (an imported register's
    Child age); otherwise none, and the band is "not known".
    """
    banded = [When(age__gte=low, age__lte=high, then=Value(key)) if high is not None
              else When(age__gte=low, then=Value(key)) for key, _label, low, high in AGE_BANDS]
    from_birth = ExpressionWrapper(
        (DateNumber("complaint__received_on") - DateNumber("child__date_of_birth")) / Value(10000),
        output_field=IntegerField())
    return (
        queryset.annotate(age=Case(When(child__date_of_birth__isnull=False, then=from_birth),
                                   default=F("age_when_received"), output_field=IntegerField()))
        .annotate(age_band=Case(
            # A date of birth after the complaint is a recording error: not a real age.
            When(child__date_of_birth__gt=F("complaint__received_on"), then=Value(UNKNOWN_AGE[0])),
            *banded, default=Value(UNKNOWN_AGE[0]), output_field=CharField()))
    )


def age_gender_table(ctx: ReportContext) -> Table:
    """The report's period only: age band by gender, with row and column totals."""
    period = ctx.period
    rows = (with_age_band(base.complaint_children(ctx).filter(ctx.in_period("complaint__received_on", period)))
            .annotate(gender=Coalesce("child__monitoring__gender", Value(Gender.UNKNOWN.value)))
            .values("age_band", "gender").annotate(n=counts_by_period(ctx, "complaint__received_on")["n_0"]))
    counts = {(r["age_band"], r["gender"]): r["n"] for r in rows}
    genders = list(Gender)
    columns = [Column(g.value, g.label) for g in genders] + [Column("total", "Total")]
    bands = [*[(k, label) for k, label, _l, _h in AGE_BANDS], UNKNOWN_AGE]
    table_rows = []
    for key, label in bands:
        numbers = [counts.get((key, g.value), 0) for g in genders]
        table_rows.append(Row(key, label, tuple(count(n) for n in [*numbers, sum(numbers)])))
    column_totals = [sum(counts.get((k, g.value), 0) for k, _ in bands) for g in genders]
    table_rows.append(Row("total", "Total", tuple(count(n) for n in [*column_totals, sum(column_totals)]),
                          is_total=True))
    return Table(key="age_and_gender", title=f"Age and gender, {period.label}", columns=columns,
                 rows=table_rows, basis=BASIS, row_heading="Age", suppressible=True, total_row=True,
                 total_column="total")


def by_code_table(ctx: ReportContext, *, key: str, title: str, field: str, choices, default: str,
                  heading: str) -> Table:
    rows = (children_in_span(ctx).annotate(code=Coalesce(f"child__monitoring__{field}", Value(default)))
            .values("code").annotate(**counts_by_period(ctx, "complaint__received_on")))
    by_code = grouped(rows, "code", ctx)
    zero = [0] * len(ctx.periods)
    return count_table(ctx, key=key, title=title,
                       rows=[(c.value, c.label, by_code.get(c.value, zero)) for c in choices],
                       basis=BASIS, row_heading=heading, suppressible=True, drop_empty=True)


def age_table(ctx: ReportContext) -> Table:
    rows = with_age_band(children_in_span(ctx)).values("age_band").annotate(
        **counts_by_period(ctx, "complaint__received_on"))
    by_band = grouped(rows, "age_band", ctx)
    zero = [0] * len(ctx.periods)
    bands = [*[(k, label) for k, label, _l, _h in AGE_BANDS], UNKNOWN_AGE]
    return count_table(ctx, key="age", title="Age", rows=[(k, label, by_band.get(k, zero)) for k, label in bands],
                       basis=BASIS, row_heading="Age", suppressible=True)


def monitoring_section(ctx: ReportContext) -> Section:
    tables = [
        age_gender_table(ctx),
        age_table(ctx),
        by_code_table(ctx, key="disability", title="Disability", field="disability", choices=Disability,
                      default=Disability.NOBT.value, heading="Disability"),
        by_code_table(ctx, key="ethnicity", title="Ethnicity", field="ethnicity", choices=Ethnicity,
                      default=Ethnicity.NOBT.value, heading="Ethnicity"),
        by_code_table(ctx, key="religion", title="Religion", field="religion", choices=Religion,
                      default=Religion.NOT_ANSWERED.value, heading="Religion"),
    ]
    return Section("monitoring", "Monitoring information", tables)
