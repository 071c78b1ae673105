"""Reading learning records: actions to chase, an action plan as the report prints it, and the
learning recorded in a period. Each read costs a fixed number of queries, however many rows."""

from datetime import date

from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from fairhearing.cases.models import Complaint
from fairhearing.ombudsman.models import OmbudsmanCase

from .choices import CLOSED_ACTION_STATUSES
from .models import Action, ActionPlan, ActionUpdate, LearningNote


def _open_actions() -> QuerySet[Action]:
    """Actions still to do, with their plan, soonest target first."""
    return (
        Action.objects.exclude(status__in=CLOSED_ACTION_STATUSES)
        .filter(target_on__isnull=False)
        .select_related("plan")
        .order_by("target_on", "plan__starts_on", "plan_id", "number")
    )


def actions_overdue(*, today: date) -> QuerySet[Action]:
    """Actions not complete or dropped whose target completion date has passed. An action due today
    is not overdue until tomorrow; an action with only a target in words ("On-going") never is."""
    return _open_actions().filter(target_on__lt=today)


def actions_due_soon(*, today: date, until: date) -> QuerySet[Action]:
    """Actions not complete or dropped whose target falls between today and ``until``, both
    included: the ones to chase before they become overdue."""
    return _open_actions().filter(target_on__gte=today, target_on__lte=until)


def _latest_update_id() -> Subquery:
    """The id of the newest update of the action in the outer query (latest date, then latest
    written): the one the plan's "Quarterly update" column shows."""
    return Subquery(
        ActionUpdate.objects.filter(action_id=OuterRef("action_id"))
        .order_by("-written_on", "-id")
        .values("id")[:1]
    )


def action_plan_rows(*, plan: ActionPlan) -> list[Action]:
    """The plan's actions in number order, each with ``latest_update`` (an ActionUpdate or None)
    and its linked complaints and Ombudsman cases loaded: four queries whatever the number of
    actions."""
    latest = ActionUpdate.objects.annotate(latest_id=_latest_update_id()).filter(id=F("latest_id"))
    actions = list(
        plan.actions.order_by("number").prefetch_related(
            Prefetch("updates", queryset=latest, to_attr="latest_updates"),
            Prefetch("complaints", queryset=Complaint.objects.order_by("reference")),
            Prefetch("ombudsman_cases", queryset=OmbudsmanCase.objects.order_by("lgsco_reference")),
        )
    )
    for action in actions:
        action.latest_update = action.latest_updates[0] if action.latest_updates else None
    return actions


def learning_notes_in_period(*, start: date, end: date) -> QuerySet[LearningNote]:
    """Learning notes dated within ``start`` to ``end`` inclusive, oldest first. A note is dated by
    the response it came from, so learning recorded in April about a March response counts in the
    year that ended in March; a note with no response is dated by the day it was recorded. The
    date is annotated as ``dated_on``."""
    return (
        LearningNote.objects.annotate(dated_on=Coalesce("stage__responded_on", "recorded_on"))
        .filter(dated_on__gte=start, dated_on__lte=end)
        .select_related("complaint", "stage")
        .prefetch_related("themes")
        .order_by("dated_on", "id")
    )
