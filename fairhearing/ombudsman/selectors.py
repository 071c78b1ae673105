"""Reading Ombudsman cases and recommendations: what is overdue, what is due soon, which cases a
complaint went on to.

The first ones return everything; the staff pages that use them filter by what the viewer may
see. Those for the staff list and dashboard take ``cases``, the cases the viewer may see
(fairhearing.ombudsman.access.ombudsman_cases_visible_to), and read only within them.
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from fairhearing.cases.models import Complaint

from .choices import OmbudsmanPhase
from .models import OmbudsmanCase, Recommendation, RecommendationEvidence
from .rules import historic_category_expression


def _outstanding() -> QuerySet[Recommendation]:
    """Recommendations not yet carried out, soonest due first, with their case in the same query.
    One the Ombudsman recorded as not complied with is still outstanding: the council still owes it."""
    return (
        Recommendation.objects.filter(completed_on__isnull=True)
        .select_related("case", "case__team")
        .order_by("due_on", "case__lgsco_reference", "number")
    )


def recommendations_overdue(*, today: date) -> QuerySet[Recommendation]:
    """Not completed and past their due date: due yesterday or earlier. One due today is not
    overdue until tomorrow."""
    return _outstanding().filter(due_on__lt=today)


def recommendations_due_soon(*, today: date, until: date) -> QuerySet[Recommendation]:
    """Not completed and due between today and ``until``, both included."""
    return _outstanding().filter(due_on__gte=today, due_on__lte=until)


def ombudsman_cases_for_complaint(complaint: Complaint) -> QuerySet[OmbudsmanCase]:
    """The Ombudsman cases a complaint is linked to, newest first."""
    return complaint.ombudsman_cases.select_related("team").order_by("-received_on", "-id")


def ombudsman_cases_with_historic_category() -> QuerySet[OmbudsmanCase]:
    """Every case with ``historic_category_reported``: the stored historic category, or the one
    derived from the current decision (fairhearing.ombudsman.rules), or None while undecided."""
    return OmbudsmanCase.objects.annotate(historic_category_reported=historic_category_expression())


# The staff list of cases ---------------------------------------------------------------------

class RecommendationsDue(models.TextChoices):
    """The list's filter on recommendations still owed, as the dashboard's figures count them."""

    OVERDUE = "overdue", "With a recommendation overdue"
    DUE_SOON = "due_soon", "With a recommendation due soon"


# The decision filter's values besides the current labels.
DECISION_NONE = "none"  # not decided yet
DECISION_HISTORIC = "historic"  # decided, recorded in the historic categories


@dataclass(frozen=True)
class OmbudsmanCaseFilters:
    """What the list of Ombudsman cases is narrowed to. Empty means no filter."""

    phases: tuple[str, ...] = ()
    decision: str = ""  # a DecisionLabel value, DECISION_NONE or DECISION_HISTORIC
    received_from: date | None = None
    received_to: date | None = None
    recommendations: str = ""  # a RecommendationsDue value


def ombudsman_cases_filtered(
    *, cases: QuerySet[OmbudsmanCase], filters: OmbudsmanCaseFilters, today: date, soon_until: date
) -> QuerySet[OmbudsmanCase]:
    """``cases`` (the ones the viewer may see) narrowed by ``filters``, newest first, each with its
    team, its linked complaints (prefetched, in reference order) and two counts:
    ``recommendations_outstanding`` (not yet carried out) and ``recommendations_late`` (of those,
    past their due date). The same number of queries however many cases there are.

    "Due soon" is due from today up to ``soon_until``, both included, as
    :func:`recommendations_due_soon` counts it for the dashboard.
    """
    if filters.phases:
        cases = cases.filter(phase__in=filters.phases)
    if filters.decision == DECISION_NONE:
        cases = cases.exclude(phase=OmbudsmanPhase.DECIDED)
    elif filters.decision == DECISION_HISTORIC:
        cases = cases.filter(phase=OmbudsmanPhase.DECIDED, decision="")
    elif filters.decision:
        cases = cases.filter(decision=filters.decision)
    if filters.received_from:
        cases = cases.filter(received_on__gte=filters.received_from)
    if filters.received_to:
        cases = cases.filter(received_on__lte=filters.received_to)
    if filters.recommendations == RecommendationsDue.OVERDUE:
        cases = cases.filter(Exists(recommendations_overdue(today=today).filter(case=OuterRef("pk"))))
    elif filters.recommendations == RecommendationsDue.DUE_SOON:
        cases = cases.filter(Exists(
            recommendations_due_soon(today=today, until=soon_until).filter(case=OuterRef("pk"))
        ))
    outstanding = Q(recommendations__completed_on__isnull=True)
    return (
        cases.select_related("team")
        .prefetch_related(Prefetch("complaints", queryset=Complaint.objects.only("pk", "reference").order_by("reference")))
        .annotate(
            recommendations_outstanding=Count("recommendations", filter=outstanding),
            recommendations_late=Count("recommendations", filter=outstanding & Q(recommendations__due_on__lt=today)),
        )
        .order_by("-received_on", "-id")
    )


@dataclass(frozen=True)
class RecommendationCounts:
    """The dashboard's figures: recommendations overdue, and due from today up to a date."""

    overdue: int
    due_soon: int


def recommendation_counts(*, cases: QuerySet[OmbudsmanCase], today: date, soon_until: date) -> RecommendationCounts:
    """How many recommendations on ``cases`` are overdue and how many are due soon, counted as
    :func:`recommendations_overdue` and :func:`recommendations_due_soon` select them, in one query."""
    counts = _outstanding().filter(case__in=cases).order_by().aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        due_soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=soon_until)),
    )
    return RecommendationCounts(overdue=counts["overdue"], due_soon=counts["due_soon"])


def ombudsman_case_recommendations(case: OmbudsmanCase) -> QuerySet[Recommendation]:
    """A case's recommendations in number order, each with its evidence files (newest first) and
    who uploaded them: two queries whatever their number."""
    evidence = RecommendationEvidence.objects.select_related("uploaded_by").order_by("-uploaded_at", "-id")
    return case.recommendations.prefetch_related(Prefetch("evidence", queryset=evidence)).order_by("number")


def recommendation_evidence_on_case(*, case: OmbudsmanCase, pk: int) -> RecommendationEvidence | None:
    """One evidence file, if it belongs to one of this case's recommendations; otherwise None."""
    return (
        RecommendationEvidence.objects.select_related("recommendation")
        .filter(recommendation__case=case, pk=pk).first()
    )
