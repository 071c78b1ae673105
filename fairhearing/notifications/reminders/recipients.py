"""Who might be told something today: everyone named as holding a record that is still to do,
and the active holders of the roles that hold records by team or by default (responding managers,
complaints managers, learning leads). Two queries, whatever the number of records or people:
the users, and their roles."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q

from fairhearing.accounts.roles import Role

from .items import holder_user_ids_query

# Roles whose members hold records without being named on them (see items.py).
ROLES_HOLDING_BY_DEFAULT = (Role.RESPONDING_MANAGER, Role.COMPLAINTS_MANAGER, Role.LEARNING_LEAD)


def reminder_candidates() -> list[Any]:
    """Users who may hold something, each with their roles loaded (so ``has_role`` costs nothing
    more), in a stable order. Inactive holders are included so the run can count them as skipped."""
    by_role = Q(is_active=True, groups__name__in=[str(role) for role in ROLES_HOLDING_BY_DEFAULT])
    users = list(
        get_user_model().objects.filter(by_role | holder_user_ids_query())
        .distinct().order_by("pk").prefetch_related("groups")
    )
    for user in users:
        # The same cache User.role_names fills, from the prefetched groups instead of a query each.
        user._role_names = frozenset(group.name for group in user.groups.all())
    return users


def complaints_managers() -> list[Any]:
    """Active complaints managers, with their roles loaded, for the overdue escalation."""
    users = list(
        get_user_model().objects.filter(is_active=True, groups__name=str(Role.COMPLAINTS_MANAGER))
        .distinct().order_by("pk").prefetch_related("groups")
    )
    for user in users:
        user._role_names = frozenset(group.name for group in user.groups.all())
    return users


def usable_address(user: Any) -> str:
    """The user's email address if an email can be sent to it, else "" (the user is skipped)."""
    address = (user.email or "").strip()
    if not address:
        return ""
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return address
