"""Who may see and change the records a complaints team keeps besides complaints (issue 5).

| record | sees every one | sees their own teams' | changes |
|---|---|---|---|
| compliments | complaints team, senior manager, learning lead | responding manager | complaints team |
| Members' enquiries, initial feedback | complaints team, senior manager | responding manager | complaints team (a responding manager records how the service resolved their team's initial feedback) |
| ADR, IRO disputes, costs | complaints team, senior manager | none | complaints team |

Investigators, report readers and administrators see none of them. Superusers are treated as the
complaints team. A record linked to a complaint the user is excluded or restricted from (ADR,
costs, an enquiry that became that complaint) is hidden from them too, as the complaint is.
Every view fetches through ``*_get_for_user``, which answers 404 for a record the user may not see.
"""

from typing import Any

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from fairhearing.accounts.roles import COMPLAINTS_TEAM_ROLES, Role

from ..access import complaints_closed_to
from ..models import AdrCase, Compliment, Concern, Cost, Enquiry, IroDispute

SENIOR = frozenset({Role.SENIOR_MANAGER})


def _active(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _holds(user: Any, roles: frozenset) -> bool:
    return _active(user) and (user.is_superuser or bool(user.role_names & roles))


def user_may_change_records(user: Any) -> bool:
    """The complaints team (and superusers) log and change every kind of record."""
    return _holds(user, COMPLAINTS_TEAM_ROLES)


def _visible(queryset: QuerySet, user: Any, *, all_roles: frozenset, team_field: str | None,
             complaint_field: str | None) -> QuerySet:
    if not _active(user):
        return queryset.none()
    if _holds(user, all_roles):
        rule = Q()
    elif team_field and user.has_role(Role.RESPONDING_MANAGER):
        rule = Q(**{f"{team_field}__in": user.teams.values("pk")})
    else:
        return queryset.none()
    if complaint_field:
        rule &= ~Q(**{f"{complaint_field}__in": complaints_closed_to(user).values("pk")})
    return queryset.filter(rule)


def compliments_visible_to(user: Any) -> QuerySet[Compliment]:
    return _visible(Compliment.objects.all(), user, team_field="team", complaint_field=None,
                    all_roles=COMPLAINTS_TEAM_ROLES | SENIOR | {Role.LEARNING_LEAD})


def enquiries_visible_to(user: Any) -> QuerySet[Enquiry]:
    return _visible(Enquiry.objects.all(), user, team_field="team", complaint_field="complaint",
                    all_roles=COMPLAINTS_TEAM_ROLES | SENIOR)


def concerns_visible_to(user: Any) -> QuerySet[Concern]:
    return _visible(Concern.objects.all(), user, team_field="team", complaint_field="converted_to",
                    all_roles=COMPLAINTS_TEAM_ROLES | SENIOR)


def adr_cases_visible_to(user: Any) -> QuerySet[AdrCase]:
    return _visible(AdrCase.objects.all(), user, team_field=None, complaint_field="complaint",
                    all_roles=COMPLAINTS_TEAM_ROLES | SENIOR)


def iro_disputes_visible_to(user: Any) -> QuerySet[IroDispute]:
    return _visible(IroDispute.objects.all(), user, team_field=None, complaint_field=None,
                    all_roles=COMPLAINTS_TEAM_ROLES | SENIOR)


def iro_disputes_naming_children_shown_to(user: Any) -> QuerySet[IroDispute]:
    """IRO disputes as the child and family pages may list them: those naming no child, or a
    child on a complaint the user may see. A dispute's child is chosen from a complaint, so it
    must not reveal a child known only from a complaint the user is excluded or restricted from
    (the dispute's own page hides the child for the same reason)."""
    from ..models import ComplaintChild
    from ..selectors import complaints_visible_to

    shown = ComplaintChild.objects.filter(complaint__in=complaints_visible_to(user)).values("child_id")
    return iro_disputes_visible_to(user).filter(Q(child__isnull=True) | Q(child__in=shown))


def costs_visible_to(user: Any) -> QuerySet[Cost]:
    return _visible(Cost.objects.all(), user, team_field=None, complaint_field="complaint",
                    all_roles=COMPLAINTS_TEAM_ROLES | SENIOR)


def user_may_resolve_concern(user: Any, concern: Concern) -> bool:
    """The complaints team, or a responding manager for their own team's initial feedback."""
    if user_may_change_records(user):
        return True
    return (_active(user) and user.has_role(Role.RESPONDING_MANAGER)
            and user.teams.filter(pk=concern.team_id).exists())


def record_get_for_user(visible: QuerySet, *, reference: str) -> Model:
    """Fetch and authorise together: the record if this user may see it, else 404."""
    try:
        return visible.get(reference=reference)
    except visible.model.DoesNotExist as error:
        raise Http404("No such record.") from error
