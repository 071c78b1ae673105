"""Building blocks for sections: per-period conditional counts, and period-by-column tables.

Every section aggregates in SQL: one query per table, whatever the number of records or periods,
using ``Count(..., filter=...)`` with one filtered count per period (``n_0`` is the report's
period, ``n_1`` the one before, and so on).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from ..report import ReportContext
from ..tables import (
    Cell,
    Chart,
    ChartKind,
    Column,
    Row,
    Table,
    change,
    count,
    money,
    percent_change,
)


def alias(index: int, prefix: str = "n") -> str:
    return f"{prefix}_{index}"


def counts_by_period(
    ctx: ReportContext, date_field: str, *, extra: Q | None = None, field: str = "pk",
    distinct: bool = False, prefix: str = "n",
) -> dict[str, Count]:
    """One filtered COUNT per period: records whose ``date_field`` falls in that period."""
    return {
        alias(i, prefix): Count(field, filter=ctx.in_period(date_field, p) & (extra or Q()),
                                distinct=distinct)
        for i, p in enumerate(ctx.periods)
    }


def sums_by_period(
    ctx: ReportContext, date_field: str, amount_field: str, *, extra: Q | None = None,
    prefix: str = "s",
) -> dict[str, Sum]:
    return {
        alias(i, prefix): Sum(amount_field, filter=ctx.in_period(date_field, p) & (extra or Q()))
        for i, p in enumerate(ctx.periods)
    }


def values_of(result: Mapping[str, Any], ctx: ReportContext, prefix: str = "n") -> list[int]:
    """The per-period numbers from one aggregate row, in period order (None counts as 0)."""
    return [result.get(alias(i, prefix)) or 0 for i in range(len(ctx.periods))]


def grouped(rows: Iterable[Mapping[str, Any]], key: str, ctx: ReportContext,
            prefix: str = "n") -> dict[Any, list[int]]:
    """Per-period numbers keyed by the value of a grouping column."""
    return {row[key]: values_of(row, ctx, prefix) for row in rows}


def period_columns(ctx: ReportContext, *, with_change: bool = True) -> list[Column]:
    """A column per period (the report's period first), then the change from the one before."""
    columns = [Column(p.key, p.short_label) for p in ctx.periods]
    if with_change and len(ctx.periods) > 1:
        columns += [Column("change", "Change"), Column("change_percent", "Change %")]
    return columns


def period_cells(numbers: Sequence[int], ctx: ReportContext, *, with_change: bool = True) -> tuple[Cell, ...]:
    cells = [count(n) for n in numbers]
    if with_change and len(ctx.periods) > 1:
        cells += [change(numbers[0], numbers[1]), percent_change(numbers[0], numbers[1])]
    return tuple(cells)


def money_cells(amounts: Sequence[Decimal | None]) -> tuple[Cell, ...]:
    return tuple(money(a) for a in amounts)


def count_table(
    ctx: ReportContext, *, key: str, title: str, rows: Sequence[tuple[str, str, Sequence[int]]],
    basis: str, row_heading: str, total: str | None = "Total", notes: Sequence[str] = (),
    with_change: bool = True, suppressible: bool = False, chart: bool = True,
    drop_empty: bool = False,
) -> Table:
    """A table of counts with one column per period, a change column and (optionally) a total.

    ``rows`` are (key, label, numbers per period). ``drop_empty`` leaves out rows that are zero
    in every period (long code lists such as ethnicity), so a reader sees only what happened.
    """
    kept = [r for r in rows if not drop_empty or any(r[2])]
    table_rows = [Row(k, label, period_cells(numbers, ctx, with_change=with_change))
                  for k, label, numbers in kept]
    if total is not None:
        sums = [sum(r[2][i] for r in rows) for i in range(len(ctx.periods))]
        table_rows.append(Row("total", total, period_cells(sums, ctx, with_change=with_change),
                              is_total=True))
    return Table(
        key=key, title=title, columns=period_columns(ctx, with_change=with_change), rows=table_rows,
        basis=basis, notes=list(notes), row_heading=row_heading, suppressible=suppressible,
        total_row=total is not None,
        chart=Chart(ChartKind.BAR, tuple(p.key for p in ctx.periods), title) if chart else None,
    )
