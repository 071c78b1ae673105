"""The records each section counts, limited to the report's complaint procedures."""

from django.db.models import QuerySet

from fairhearing.cases.models import Complaint, ComplaintChild
from fairhearing.stages.choices import RequestDecision
from fairhearing.stages.models import PointOutcome, Remedy, Stage

from ..report import ReportContext


def complaints(ctx: ReportContext) -> QuerySet[Complaint]:
    return Complaint.objects.filter(procedure_id__in=ctx.procedure_ids)


def stages(ctx: ReportContext) -> QuerySet[Stage]:
    return Stage.objects.filter(complaint__procedure_id__in=ctx.procedure_ids)


def stages_taken_up(ctx: ReportContext) -> QuerySet[Stage]:
    """Stages that went ahead: a late request the council refused is not a stage."""
    return stages(ctx).exclude(request_decision=RequestDecision.LATE_REFUSED)


def point_outcomes(ctx: ReportContext) -> QuerySet[PointOutcome]:
    return PointOutcome.objects.filter(
        stage__complaint__procedure_id__in=ctx.procedure_ids
    )


def remedies(ctx: ReportContext) -> QuerySet[Remedy]:
    return Remedy.objects.filter(stage__complaint__procedure_id__in=ctx.procedure_ids)


def complaint_children(ctx: ReportContext) -> QuerySet[ComplaintChild]:
    return ComplaintChild.objects.filter(
        complaint__procedure_id__in=ctx.procedure_ids
    )
