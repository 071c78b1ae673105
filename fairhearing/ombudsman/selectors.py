"""Reading Ombudsman cases and recommendations: what is overdue, what is due soon, which cases a
complaint went on to.

These return everything; the staff pages that use them filter by what the viewer may see.
"""

from datetime import date

from django.db.models import QuerySet

from fairhearing.cases.models import Complaint

from .models import OmbudsmanCase, Recommendation
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
