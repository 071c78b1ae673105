"""Ombudsman (LGSCO) enquiries and decisions over three years (seed 003, 1.1).

Always the report's period and the two periods of the same length before it, whatever the
comparison setting, because councils publish three years. Decisions are counted by the date of
the Ombudsman's final decision; enquiries by the date the council was told of them. The historic
categories table maps modern decisions to the categories the Ombudsman used before 2023
(fairhearing/ombudsman/rules.py; docs/reports.md) unless a case was recorded in them directly.
"""

from django.db.models import F, Q

from fairhearing.ombudsman.choices import Compliance, DecisionLabel, HistoricCategory
from fairhearing.ombudsman.models import OmbudsmanCase, Recommendation
from fairhearing.ombudsman.rules import historic_category_expression

from ..report import ReportContext, ReportOptions
from ..tables import Section
from ._common import count_table, counts_by_period, grouped, values_of

YEARS = 3
BASIS_RECEIVED = "Ombudsman enquiries the council was told of in the period."
BASIS_DECISIONS = ("Ombudsman cases whose final decision was made in the period, by the decision. "
                   "Decisions from earlier years entered only in the historic categories are "
                   "counted on their own row.")
BASIS_HISTORIC = ("The same decisions in the categories the Ombudsman used in earlier years: cases "
                  "recorded in those categories keep them; later decisions are mapped as set out in "
                  "docs/reports.md.")
BASIS_RECOMMENDATIONS = ("Ombudsman recommendations due in the period, and whether the council did what "
                         "was recommended by the due date.")


def three_year_context(ctx: ReportContext) -> ReportContext:
    options = ReportOptions(period=ctx.period, kind=ctx.options.kind, comparisons=YEARS - 1,
                            published=ctx.published, threshold=ctx.options.threshold,
                            scope=ctx.options.scope)
    return ReportContext(options=options, today=ctx.today)


def ombudsman_section(ctx: ReportContext) -> Section:
    ctx3 = three_year_context(ctx)
    zero = [0] * len(ctx3.periods)
    received = values_of(OmbudsmanCase.objects.filter(ctx3.in_span("received_on")).aggregate(
        **counts_by_period(ctx3, "received_on")), ctx3)
    decided = OmbudsmanCase.objects.filter(ctx3.in_span("final_decision_on"))
    by_decision = grouped(decided.values("decision").annotate(**counts_by_period(ctx3, "final_decision_on")),
                          "decision", ctx3)
    by_historic = grouped(decided.annotate(category=historic_category_expression()).values("category")
                          .annotate(**counts_by_period(ctx3, "final_decision_on")), "category", ctx3)
    recommendations = Recommendation.objects.filter(ctx3.in_span("due_on")).aggregate(
        **counts_by_period(ctx3, "due_on", prefix="due"),
        **counts_by_period(ctx3, "due_on", extra=Q(completed_on__isnull=False,
                                                    completed_on__lte=F("due_on")), prefix="ok"),
        **counts_by_period(ctx3, "due_on", extra=Q(compliance=Compliance.NOT_COMPLIED), prefix="no"))
    tables = [
        count_table(ctx3, key="ombudsman_received", title="Ombudsman enquiries received",
                    rows=[("received", "Enquiries received", received)], basis=BASIS_RECEIVED,
                    row_heading="Ombudsman", total=None, with_change=False, chart=False),
        count_table(ctx3, key="ombudsman_decisions", title="Ombudsman decisions",
                    rows=[*((d.value, d.label, by_decision.get(d.value, zero)) for d in DecisionLabel),
                          # Older decisions entered only in the historic categories still count.
                          ("historic_only", "Recorded in the historic categories only",
                           by_decision.get("", zero))],
                    basis=BASIS_DECISIONS, row_heading="Decision", with_change=False),
        count_table(ctx3, key="ombudsman_historic", title="Ombudsman decisions in the historic categories",
                    rows=[(h.value, h.label, by_historic.get(h.value, zero)) for h in HistoricCategory],
                    basis=BASIS_HISTORIC, row_heading="Category", with_change=False, chart=False),
        count_table(ctx3, key="ombudsman_recommendations", title="Ombudsman recommendations",
                    rows=[("due", "Recommendations due", values_of(recommendations, ctx3, "due")),
                          ("on_time", "Done by the due date", values_of(recommendations, ctx3, "ok")),
                          ("not_complied", "Not complied with", values_of(recommendations, ctx3, "no"))],
                    basis=BASIS_RECOMMENDATIONS, row_heading="Recommendations", total=None,
                    with_change=False, chart=False),
    ]
    upheld = by_decision.get(DecisionLabel.UPHELD.value, zero)[0]
    paragraphs = [f"The Ombudsman told the council of {ctx.counted(received[0], 'enquiry', 'enquiries')} in "
                  f"{ctx.period.label} and upheld {ctx.counted(upheld, 'complaint')} in decisions made in "
                  "the period."]
    return Section("ombudsman", "Ombudsman referrals", tables, paragraphs)
