"""Who may see and change learning: notes on responses, learning meetings and action plans.

| role | learning notes | meetings and action plans |
|---|---|---|
| learning lead | see all; write | see and change |
| complaints manager | see all; write | see and change |
| complaints officer | see all; write | see |
| senior manager | see all | see |
| responding manager | see and write notes on their teams' complaints | none |
| everyone else | none | none |

A note on a complaint the user is excluded or restricted from is hidden from them, as the
complaint is. Superusers are treated as the complaints manager.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from fairhearing.accounts.roles import COMPLAINTS_TEAM_ROLES, Role
from fairhearing.cases.access import complaints_closed_to

from .models import ActionPlan, LearningMeeting, LearningNote

NOTES_ALL = COMPLAINTS_TEAM_ROLES | {Role.SENIOR_MANAGER, Role.LEARNING_LEAD}
NOTES_WRITE = COMPLAINTS_TEAM_ROLES | {Role.LEARNING_LEAD, Role.RESPONDING_MANAGER}
PLANS_VIEW = COMPLAINTS_TEAM_ROLES | {Role.SENIOR_MANAGER, Role.LEARNING_LEAD}
PLANS_CHANGE = frozenset({Role.LEARNING_LEAD, Role.COMPLAINTS_MANAGER})


def _holds(user: Any, roles: frozenset) -> bool:
    return bool(user and user.is_authenticated and user.is_active
                and (user.is_superuser or user.role_names & roles))


def user_may_write_learning_notes(user: Any) -> bool:
    return _holds(user, NOTES_WRITE)


def user_may_view_learning_plans(user: Any) -> bool:
    return _holds(user, PLANS_VIEW)


def user_may_change_learning_plans(user: Any) -> bool:
    return _holds(user, PLANS_CHANGE)


def learning_notes_visible_to(user: Any) -> QuerySet[LearningNote]:
    if _holds(user, NOTES_ALL):
        rule = Q()
    elif _holds(user, frozenset({Role.RESPONDING_MANAGER})):
        rule = Q(complaint__teams__in=user.teams.values("pk"))
    else:
        return LearningNote.objects.none()
    closed = complaints_closed_to(user).values("pk")
    return LearningNote.objects.filter(rule).exclude(complaint__in=closed).distinct()


def learning_meetings_visible_to(user: Any) -> QuerySet[LearningMeeting]:
    return LearningMeeting.objects.all() if user_may_view_learning_plans(user) else LearningMeeting.objects.none()


def action_plans_visible_to(user: Any) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.all() if user_may_view_learning_plans(user) else ActionPlan.objects.none()


def get_visible_or_404(queryset: QuerySet, *, pk: int) -> Any:
    """Fetch and authorise together: the record if it is in the user's visible set, else 404."""
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist as error:
        raise Http404("No such record.") from error
