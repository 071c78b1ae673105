"""What the demo council holds, counted in the database, for the loader to print."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, Sum

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import ClosureReason, ComplaintStatus, Decision, ProcedureKind
from fairhearing.cases.kind_choices import ConcernStatus
from fairhearing.cases.models import (
    AdrCase,
    Complaint,
    Compliment,
    Concern,
    Cost,
    Enquiry,
    IroDispute,
)
from fairhearing.learning.models import Action, ActionPlan, LearningMeeting, LearningNote
from fairhearing.learning.selectors import actions_overdue
from fairhearing.ombudsman.models import OmbudsmanCase, Recommendation
from fairhearing.publicforms.models import OnlineSubmission
from fairhearing.publicforms.selectors import submissions_waiting
from fairhearing.stages.choices import Outcome, RemedyKind, RequestDecision, StageStatus
from fairhearing.stages.models import Remedy, Stage, StageExtension, StagePause
from fairhearing.workingdays.calendar import WorkingDayCalendar

from .scenarios import financial_year_end


@dataclass(frozen=True)
class DemoCounts:
    """Counts of the demo data, as plain text lines ready to print."""

    total: int
    lines: list[str]


def _fy_label(end: date) -> str:
    return f"{end.year - 1}-{str(end.year)[2:]}"


def demo_counts(*, today: date, calendar: WorkingDayCalendar) -> DemoCounts:
    """Complaints by year, status, procedure, stage reached, outcome and closure; the live caseload."""
    complaints = Complaint.objects.all()
    year_end = financial_year_end(today)
    earlier_end = date(year_end.year - 1, 3, 31)
    by_year = complaints.aggregate(
        total=Count("id"),
        earlier=Count("id", filter=Q(received_on__gt=date(earlier_end.year - 1, 3, 31),
                                     received_on__lte=earlier_end)),
        later=Count("id", filter=Q(received_on__gt=earlier_end, received_on__lte=year_end)),
        current=Count("id", filter=Q(received_on__gt=year_end)),
    )
    lines = [
        f"Complaints: {by_year['total']} ({by_year['earlier']} in {_fy_label(earlier_end)}, "
        f"{by_year['later']} in {_fy_label(year_end)}, {by_year['current']} since 1 April {year_end.year})",
        "By status: " + _join(complaints, "status", ComplaintStatus),
        "By procedure: " + _join(complaints, "procedure__kind", ProcedureKind),
    ]
    reached = {
        row["number"]: row["n"]
        for row in Stage.objects.exclude(status=StageStatus.REFUSED).values("number")
        .annotate(n=Count("complaint", distinct=True))
    }
    lines.append(
        f"Reached: Stage 1 {reached.get(1, 0)}, Stage 2 {reached.get(2, 0)}, Stage 3 {reached.get(3, 0)}"
    )
    for number in (1, 2, 3):
        stages = Stage.objects.filter(number=number, status=StageStatus.RESPONDED)
        lines.append(f"Stage {number} outcomes: " + _join(stages, "outcome", Outcome))
    lines.append("Closure reasons: " + _join(complaints.exclude(closure_reason=""), "closure_reason",
                                             ClosureReason))
    lines.append(_events())
    lines.append(_live(today=today, calendar=calendar))
    lines += _other_records(today=today)
    return DemoCounts(total=by_year["total"], lines=lines)


def _join(queryset, field: str, choices) -> str:  # noqa: ANN001 - a queryset and a choices class
    counts = {row[field]: row["n"] for row in queryset.values(field).annotate(n=Count("id"))}
    parts = [f"{label} {counts[value]}" for value, label in choices.choices if counts.get(value)]
    return ", ".join(parts) or "none"


def _live(*, today: date, calendar: WorkingDayCalendar) -> str:
    open_complaints = Complaint.objects.exclude(
        status__in=[ComplaintStatus.CLOSED, ComplaintStatus.WITHDRAWN]
    )
    open_stages = Stage.objects.filter(status=StageStatus.OPEN)
    soon = calendar.add_working_days(today, 5)
    counts = {
        "open": open_complaints.count(),
        "awaiting acknowledgement": open_complaints.filter(acknowledged_on__isnull=True).count(),
        "acknowledgement overdue": open_complaints.filter(
            acknowledged_on__isnull=True, acknowledgement_due_on__lt=today).count(),
        "stage overdue": open_stages.filter(paused_since__isnull=True, due_on__lt=today).count(),
        "due within 5 working days": open_stages.filter(
            paused_since__isnull=True, due_on__gte=today, due_on__lte=soon).count(),
        "paused": open_stages.filter(paused_since__isnull=False).count(),
        "answered, may escalate": open_complaints.filter(status=ComplaintStatus.RESPONDED).count(),
    }
    return "Live caseload: " + ", ".join(f"{name} {n}" for name, n in counts.items())


def _events() -> str:
    """The less common steps, so it is plain that each one is in the demo."""
    complaints = Complaint.objects.all()
    stages = Stage.objects.all()
    decided = complaints.aggregate(
        late_accepted=Count("id", filter=Q(late_decision=Decision.ACCEPTED)),
        late_refused=Count("id", filter=Q(late_decision=Decision.REFUSED)),
        interest_accepted=Count("id", filter=Q(sufficient_interest_decision=Decision.ACCEPTED)),
        interest_refused=Count("id", filter=Q(sufficient_interest_decision=Decision.REFUSED)),
        advocacy_offered=Count("id", filter=Q(advocacy_offered_on__isnull=False)),
        advocacy_accepted=Count("id", filter=Q(advocacy_accepted=True)),
        acknowledged_late=Count("id", filter=Q(acknowledged_on__gt=F("acknowledgement_due_on"))),
    )
    figures = {
        "late complaints accepted": decided["late_accepted"],
        "late complaints refused": decided["late_refused"],
        "sufficient interest accepted": decided["interest_accepted"],
        "sufficient interest refused": decided["interest_refused"],
        "advocacy offered": decided["advocacy_offered"],
        "advocacy accepted": decided["advocacy_accepted"],
        "acknowledged late": decided["acknowledged_late"],
        "extensions": StageExtension.objects.count(),
        "pauses": StagePause.objects.count(),
        "responses late": stages.filter(responded_on__gt=F("due_on")).count(),
        "late requests accepted": stages.filter(request_decision=RequestDecision.LATE_ACCEPTED).count(),
        "late requests refused": stages.filter(request_decision=RequestDecision.LATE_REFUSED).count(),
        "reopened": AuditEvent.objects.filter(verb="complaint.reopened").count(),
    }
    money = Remedy.objects.filter(kind=RemedyKind.FINANCIAL).aggregate(n=Count("id"), total=Sum("amount"))
    figures["financial remedies"] = money["n"]
    text = ", ".join(f"{name} {n}" for name, n in figures.items())
    return f"Also: {text} (total £{money['total'] or 0:,.2f})"


def _other_records(*, today: date) -> list[str]:
    """The records besides complaints, one line for representations and one for what followed."""
    enquiries = Enquiry.objects.aggregate(
        n=Count("id"), answered=Count("id", filter=Q(responded_on__isnull=False)),
        on_time=Count("id", filter=Q(responded_on__lte=F("response_due_on"))))
    on_time = round(100 * enquiries["on_time"] / enquiries["answered"]) if enquiries["answered"] else 0
    concerns = Concern.objects.aggregate(
        n=Count("id"), converted=Count("id", filter=Q(status=ConcernStatus.CONVERTED)))
    adr = AdrCase.objects.aggregate(n=Count("id"), saving=Sum("saving"))
    ombudsman = OmbudsmanCase.objects.aggregate(
        n=Count("id"), decided=Count("id", filter=Q(final_decision_on__isnull=False)))
    first = (
        f"Other records: compliments {Compliment.objects.count()} "
        f"({Compliment.objects.quotable().count()} may be quoted), Members' enquiries {enquiries['n']} "
        f"({on_time}% of those answered were on time), initial feedback {concerns['n']} "
        f"({concerns['converted']} became complaints), ADR {adr['n']} (saving £{adr['saving'] or 0:,.0f}), "
        f"IRO disputes {IroDispute.objects.count()}, costs £{Cost.objects.aggregate(t=Sum('amount'))['t'] or 0:,.0f}, "
        f"received online {OnlineSubmission.objects.count()} ({submissions_waiting().count} waiting to be logged)"
    )
    second = (
        f"Ombudsman and learning: Ombudsman cases {ombudsman['n']} ({ombudsman['decided']} decided, "
        f"{Recommendation.objects.count()} recommendations), learning notes {LearningNote.objects.count()}, "
        f"learning meetings {LearningMeeting.objects.count()}, action plans {ActionPlan.objects.count()} "
        f"with {Action.objects.count()} actions ({actions_overdue(today=today).count()} overdue)"
    )
    return [first, second]
