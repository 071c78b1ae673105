"""All representations together (seed 001's "Volume of representations"), and the ways of
resolving things short of a formal complaint: initial feedback, ADR and IRO dispute resolution.

Representations are what people bring to the council: complaints, initial feedback (concerns),
Members' enquiries and compliments. ADR is a way of resolving a complaint, IRO disputes come
from the council's own Independent Reviewing Officers and Ombudsman cases come from the
Ombudsman, so those are counted separately, not in the total of representations.
"""

from django.db.models import Q

from fairhearing.cases.kind_choices import AdrResult, ConcernStatus
from fairhearing.cases.models import AdrCase, Compliment, Concern, Enquiry, IroDispute

from ..report import ReportContext
from ..tables import Column, Row, Section, Table, money
from ._common import count_table, counts_by_period, sums_by_period, values_of
from .volumes import complaints_received

BASIS_VOLUME = ("Records received in the period (date received): complaints under the procedures the "
                "report covers, initial feedback, enquiries from MPs, MEPs and councillors, and "
                "compliments.")
BASIS_OTHER = ("Initial feedback received in the period, and how many of those have since become "
               "formal complaints; ADR offered in the period and, of those, how many resolved the "
               "complaint; IRO disputes raised in the period.")
BASIS_SAVING = ("The cost avoided by ADR offered in the period, as recorded on each case (for example "
                "the cost of a Stage 2 investigation that was not needed).")


def count_in_period(ctx: ReportContext, queryset, date_field: str, extra: Q | None = None) -> list[int]:
    """One query: records of a kind per period."""
    return values_of(queryset.filter(ctx.in_span(date_field)).aggregate(
        **counts_by_period(ctx, date_field, extra=extra)), ctx)


def representations_section(ctx: ReportContext) -> Section:
    complaints = complaints_received(ctx)
    concerns = count_in_period(ctx, Concern.objects.all(), "received_on")
    enquiries = count_in_period(ctx, Enquiry.objects.all(), "received_on")
    compliments = count_in_period(ctx, Compliment.objects.all(), "received_on")
    volume = count_table(
        ctx, key="representations", title="Volume of representations",
        rows=[("complaints", "Complaints", complaints), ("initial_feedback", "Initial feedback", concerns),
              ("enquiries", "Enquiries from MPs, MEPs and councillors", enquiries),
              ("compliments", "Compliments", compliments)],
        basis=BASIS_VOLUME, row_heading="Representation", total="Total representations",
    )
    concern_rows = Concern.objects.filter(ctx.in_span("received_on")).aggregate(
        **counts_by_period(ctx, "received_on", prefix="c"),
        **counts_by_period(ctx, "received_on", extra=Q(status=ConcernStatus.CONVERTED), prefix="v"))
    adr = AdrCase.objects.filter(ctx.in_span("offered_on")).aggregate(
        **counts_by_period(ctx, "offered_on", prefix="a"),
        **counts_by_period(ctx, "offered_on", extra=Q(result=AdrResult.RESOLVED), prefix="r"),
        **sums_by_period(ctx, "offered_on", "saving", prefix="s"))
    iro = count_in_period(ctx, IroDispute.objects.all(), "raised_on")
    other = count_table(
        ctx, key="other_resolution", title="Initial feedback, ADR and IRO dispute resolution",
        rows=[("initial_feedback", "Initial feedback received", values_of(concern_rows, ctx, "c")),
              ("initial_feedback_converted", "Initial feedback that became a complaint",
               values_of(concern_rows, ctx, "v")),
              ("adr_offered", "ADR or mediation offered", values_of(adr, ctx, "a")),
              ("adr_resolved", "ADR that resolved the complaint", values_of(adr, ctx, "r")),
              ("iro_disputes", "IRO dispute resolution cases", iro)],
        basis=BASIS_OTHER, row_heading="Record", total=None, chart=False,
    )
    savings = Table(
        key="adr_savings", title="Savings from ADR",
        columns=[Column(p.key, p.short_label) for p in ctx.periods],
        rows=[Row("saving", "Cost avoided", tuple(money(adr.get(f"s_{i}")) for i in range(len(ctx.periods))))],
        basis=BASIS_SAVING, row_heading="ADR",
    )
    total = volume.row("total").cells[0].value
    paragraphs = [f"{ctx.counted(total, 'representation', were=True)} received in {ctx.period.label}."]
    return Section("representations", "Volume of representations", [volume, other, savings], paragraphs)
