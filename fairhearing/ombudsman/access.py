"""Who may see and change Ombudsman cases.

| role | Ombudsman cases |
|---|---|
| complaints manager, complaints officer (and superusers) | see and change every case |
| senior manager, learning lead | see every case (decisions drive learning and remedies) |
| everyone else | none |

A case linked to a complaint the user is excluded or restricted from is hidden from them, as the
complaint is. Views fetch through :func:`ombudsman_case_get_for_user` (404 otherwise).
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from fairhearing.accounts.roles import COMPLAINTS_TEAM_ROLES, Role
from fairhearing.cases.access import complaints_closed_to

from .models import OmbudsmanCase

VIEW_ROLES = COMPLAINTS_TEAM_ROLES | {Role.SENIOR_MANAGER, Role.LEARNING_LEAD}


def _holds(user: Any, roles: frozenset) -> bool:
    return bool(user and user.is_authenticated and user.is_active
                and (user.is_superuser or user.role_names & roles))


def user_may_view_ombudsman_cases(user: Any) -> bool:
    return _holds(user, VIEW_ROLES)


def user_may_change_ombudsman_cases(user: Any) -> bool:
    return _holds(user, COMPLAINTS_TEAM_ROLES)


def ombudsman_cases_visible_to(user: Any) -> QuerySet[OmbudsmanCase]:
    if not user_may_view_ombudsman_cases(user):
        return OmbudsmanCase.objects.none()
    return OmbudsmanCase.objects.exclude(complaints__in=complaints_closed_to(user).values("pk"))


def ombudsman_case_get_for_user(*, user: Any, pk: int) -> OmbudsmanCase:
    try:
        return ombudsman_cases_visible_to(user).get(pk=pk)
    except OmbudsmanCase.DoesNotExist as error:
        raise Http404("No such Ombudsman case.") from error
