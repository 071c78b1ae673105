"""How stages ended: outcome per stage, outcomes per point, and the share upheld.

Counted when the stage *ended* (its response, withdrawal or other ending was in the period), so a
published figure never changes later. A stage's outcome follows from its points (all upheld:
upheld; none upheld: not upheld; otherwise partially upheld), and a complaint is counted once per
stage whatever its number of points; the points table counts each point.
"""

from fairhearing.stages.choices import Outcome, StageStatus

from ..report import ReportContext
from ..tables import Column, Row, Section, Table, percent
from . import base
from ._common import count_table, counts_by_period, values_of

BASIS_ENDED = ("Stages that ended in the period, by how they ended: the date of the response (for "
               "Stage 3, the council's response to the panel), or of the withdrawal or other ending. "
               "One complaint counts once per stage, whatever its number of points.")
BASIS_POINTS = ("Each point of complaint decided at a stage whose response was sent in the period. "
                "A complaint with three points counts three times.")
BASIS_UPHELD = ("Stage responses sent in the period that upheld or partially upheld the complaint, as "
                "a percentage of all responses sent in the period (withdrawn complaints and other "
                "endings are not responses).")

ENDINGS = [
    (Outcome.UPHELD, "Upheld"),
    (Outcome.PARTIALLY_UPHELD, "Partially upheld"),
    (Outcome.NOT_UPHELD, "Not upheld"),
    (StageStatus.WITHDRAWN, "Withdrawn"),
    (StageStatus.RESOLVED, "Resolved informally"),
    (StageStatus.REFUSED, "Request refused"),
]


def _ending(status: str, outcome: str) -> str:
    return outcome if status == StageStatus.RESPONDED else status


def stage_endings(ctx: ReportContext) -> dict[tuple[int, str], list[int]]:
    """(stage number, ending) -> count per period, from one query."""
    rows = (base.stages(ctx).filter(ctx.in_span("closed_on"))
            .values("number", "status", "outcome").annotate(**counts_by_period(ctx, "closed_on")))
    result: dict[tuple[int, str], list[int]] = {}
    for row in rows:
        key = (row["number"], _ending(row["status"], row["outcome"]))
        numbers = values_of(row, ctx)
        previous = result.get(key, [0] * len(ctx.periods))
        result[key] = [a + b for a, b in zip(previous, numbers, strict=True)]
    return result


def point_endings(ctx: ReportContext) -> dict[tuple[int, str], list[int]]:
    rows = (base.point_outcomes(ctx).filter(ctx.in_span("stage__responded_on"))
            .values("stage__number", "outcome")
            .annotate(**counts_by_period(ctx, "stage__responded_on")))
    return {(row["stage__number"], row["outcome"]): values_of(row, ctx) for row in rows}


def outcomes_section(ctx: ReportContext) -> Section:
    endings = stage_endings(ctx)
    zero = [0] * len(ctx.periods)
    tables = []
    for number in (1, 2, 3):
        rows = [(str(key), label, endings.get((number, str(key)), zero)) for key, label in ENDINGS]
        if number == 1:
            rows = [r for r in rows if r[0] != StageStatus.REFUSED]
        tables.append(count_table(
            ctx, key=f"stage_{number}_outcomes", title=f"Stage {number} outcomes", rows=rows,
            basis=BASIS_ENDED, row_heading="Outcome", total="Total ended",
        ))
    points = point_endings(ctx)
    tables.append(count_table(
        ctx, key="point_outcomes", title="Points of complaint decided",
        rows=[(f"stage_{n}_{o}", f"Stage {n}: {label.lower()}", points.get((n, str(o)), zero))
              for n in (1, 2, 3) for o, label in ENDINGS[:3]],
        basis=BASIS_POINTS, row_heading="Stage and finding", total="Total points decided", chart=False,
    ))
    upheld_rows = []
    for number in (1, 2, 3):
        upheld = [a + b for a, b in zip(endings.get((number, Outcome.UPHELD), zero),
                                        endings.get((number, Outcome.PARTIALLY_UPHELD), zero), strict=True)]
        decided = [u + n for u, n in zip(upheld, endings.get((number, Outcome.NOT_UPHELD), zero), strict=True)]
        upheld_rows.append(Row(f"stage_{number}", f"Stage {number}",
                               tuple(percent(upheld[i], decided[i]) for i in range(len(ctx.periods)))))
    tables.append(Table(
        key="upheld_rate", title="Complaints upheld or partially upheld",
        columns=[Column(p.key, p.short_label) for p in ctx.periods], rows=upheld_rows,
        basis=BASIS_UPHELD, row_heading="Stage",
    ))
    first = tables[0]
    s1 = {row.key: row.cells[0].value for row in first.rows}
    paragraphs = [
        f"In {ctx.period.label}, {ctx.counted(s1['total'], 'Stage 1 complaint')} ended: {s1[Outcome.UPHELD]:,} upheld, "
        f"{s1[Outcome.PARTIALLY_UPHELD]:,} partially upheld, {s1[Outcome.NOT_UPHELD]:,} not upheld and "
        f"{s1[StageStatus.WITHDRAWN]:,} withdrawn."
    ]
    return Section("outcomes", "Stages and outcomes", tables, paragraphs)

