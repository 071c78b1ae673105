"""What complaints cost (seed 003, 1.8): publicity, independent people, payments.

Costs are counted by the date they were incurred. Financial remedies *agreed* in responses are
in the remedies section; a payment appears here when it was made and recorded as a cost.
"""


from fairhearing.cases.kind_choices import CostKind
from fairhearing.cases.models import Cost

from ..report import ReportContext
from ..tables import Column, Row, Section, Table, money
from ._common import sums_by_period

GROUPS = [
    ("publicity", "Publicity and leaflets", [CostKind.PUBLICITY]),
    ("independent_people", "Independent investigators, independent persons and review panels",
     [CostKind.INVESTIGATOR_FEE, CostKind.INDEPENDENT_PERSON_FEE, CostKind.PANEL_FEE]),
    ("payments", "Payments to complainants", [CostKind.PAYMENT]),
    ("other", "Other", [CostKind.OTHER]),
]
BASIS = "Costs recorded with a date in the period, by kind. Amounts in pounds."


def expenditure_section(ctx: ReportContext) -> Section:
    rows = {r["kind"]: r for r in Cost.objects.filter(ctx.in_span("incurred_on")).values("kind")
            .annotate(**sums_by_period(ctx, "incurred_on", "amount"))}
    n = len(ctx.periods)

    def total(kinds: list[str], i: int):
        return sum((rows.get(k, {}).get(f"s_{i}") or 0) for k in kinds)

    table_rows = [Row(key, label, tuple(money(total(kinds, i)) for i in range(n)))
                  for key, label, kinds in GROUPS]
    everything = [k for _key, _label, kinds in GROUPS for k in kinds]
    table_rows.append(Row("total", "Total", tuple(money(total(everything, i)) for i in range(n)),
                          is_total=True))
    table = Table(key="expenditure", title="Expenditure", rows=table_rows,
                  columns=[Column(p.key, p.short_label) for p in ctx.periods], basis=BASIS,
                  row_heading="Spent on", total_row=True)
    return Section("expenditure", "Expenditure", [table],
                   [f"Complaints cost {table.row('total').cells[0].display} in {ctx.period.label}."])
