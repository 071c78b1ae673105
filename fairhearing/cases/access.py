"""Who may see one complaint beyond what their role allows: restriction to named users, exclusion.

Two lists on the complaint narrow access, whatever a person's role (see ``selectors``):
- **restricted to**: if anyone is named, only they may see the complaint (and only if their role
  lets them see it at all: naming a responding manager does not open another team's case to them);
- **excluded**: these people may never see it, e.g. the members of staff the complaint is about.

Every change is audited as ``complaint.access_changed``. Summaries name the staff concerned (they
are council staff or appointed investigators, not children) so the timeline reads as a history.
Two rules keep the lists sensible: the person restricting is always one of the named users, so
nobody locks themselves out, and nobody may exclude themselves.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from fairhearing.audit.services import audit_record
from fairhearing.core.errors import DomainError

from .models import Complaint
from .permissions import ROLE_ACTIONS, Action
from .selectors import access_rules

ACCESS_CHANGED = "complaint.access_changed"


def _names(users: Iterable[Any]) -> str:
    return ", ".join(sorted(str(user) for user in users))


def _lock(complaint: Complaint) -> Complaint:
    # One change at a time per complaint, so two managers editing the lists do not interleave.
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def _require_active(users: Iterable[Any]) -> None:
    inactive = [user for user in users if not user.is_active]
    if inactive:
        raise DomainError(f"{_names(inactive)} cannot be chosen: their account is not active.")


def _record(*, complaint: Complaint, actor: Any, summary: str, field: str, before: list[Any], after: list[Any],
            change: str, empty: str) -> None:
    audit_record(
        actor=actor, verb=ACCESS_CHANGED, subject=complaint, summary=summary,
        changes={field: [_names(before) or empty, _names(after) or empty]},
        data={"change": change, "user_ids": sorted(user.pk for user in after)},
    )


@transaction.atomic
def complaint_restrict_to(*, complaint: Complaint, users: Iterable[Any], actor: Any) -> Complaint:
    """Restrict the complaint to exactly these users, plus the person restricting it.

    Replaces any earlier list, so the same call adds and removes names. People excluded from the
    complaint cannot be named: include them again first.
    """
    complaint = _lock(complaint)
    chosen = {user.pk: user for user in users}
    chosen.setdefault(actor.pk, actor)
    named = list(chosen.values())
    _require_active(named)
    excluded = list(complaint.excluded_users.filter(pk__in=chosen))
    if excluded:
        raise DomainError(
            f"{_names(excluded)} {'is' if len(excluded) == 1 else 'are'} excluded from this complaint, so cannot "
            "be named. Include them again first if they should see it."
        )
    before = list(complaint.restricted_to.all())
    if {user.pk for user in before} == set(chosen):
        raise DomainError("The complaint is already restricted to exactly these people.")
    complaint.restricted_to.set(named)
    _record(complaint=complaint, actor=actor, field="restricted_to", before=before, after=named,
            change="restricted", empty="Not restricted",
            summary=f"Access restricted to {_names(named)}")
    return complaint


@transaction.atomic
def complaint_lift_restriction(*, complaint: Complaint, actor: Any) -> Complaint:
    """Lift the restriction: everyone whose role allows may see the complaint again (exclusions stay)."""
    complaint = _lock(complaint)
    before = list(complaint.restricted_to.all())
    if not before:
        raise DomainError("This complaint is not restricted.")
    complaint.restricted_to.clear()
    _record(complaint=complaint, actor=actor, field="restricted_to", before=before, after=[],
            change="restriction_lifted", empty="Not restricted",
            summary="Restriction lifted: everyone whose role allows can see the complaint again")
    return complaint


@transaction.atomic
def complaint_exclude(*, complaint: Complaint, users: Iterable[Any], actor: Any) -> Complaint:
    """Exclude these users from the complaint, e.g. staff it names. They are also taken off the
    restricted list, which cannot empty it: the actor can see the complaint, so is on it."""
    complaint = _lock(complaint)
    chosen = {user.pk: user for user in users}
    if not chosen:
        raise DomainError("Choose at least one person to exclude.")
    if actor.pk in chosen:
        raise DomainError("You cannot exclude yourself from a complaint.")
    before = list(complaint.excluded_users.all())
    new = [user for pk, user in chosen.items() if pk not in {user.pk for user in before}]
    if not new:
        raise DomainError("Everyone chosen is already excluded.")
    complaint.excluded_users.add(*new)
    complaint.restricted_to.remove(*new)
    _record(complaint=complaint, actor=actor, field="excluded_users", before=before, after=before + new,
            change="excluded", empty="Nobody",
            summary=f"Excluded from the complaint: {_names(new)}")
    return complaint


@transaction.atomic
def complaint_include(*, complaint: Complaint, users: Iterable[Any], actor: Any) -> Complaint:
    """Take these users off the excluded list; their role decides again whether they see the complaint."""
    complaint = _lock(complaint)
    chosen = {user.pk for user in users}
    before = list(complaint.excluded_users.all())
    returning = [user for user in before if user.pk in chosen]
    if not returning:
        raise DomainError("Choose at least one person who is excluded.")
    complaint.excluded_users.remove(*returning)
    after = [user for user in before if user.pk not in chosen]
    _record(complaint=complaint, actor=actor, field="excluded_users", before=before, after=after,
            change="included", empty="Nobody",
            summary=f"No longer excluded: {_names(returning)}")
    return complaint


def access_candidates(*, complaint: Complaint, actor: Any) -> dict[str, QuerySet]:
    """The people each access form offers, the actor left out (they are always on the restricted
    list and may not exclude themselves):
    - ``restrict``: active users whose role can open complaints at all, less anyone excluded;
    - ``exclude``: every active user not already excluded (a role given later must not open it);
    - ``include``: the people now excluded.
    Role membership is an ``Exists`` test, so no user is listed twice and no DISTINCT is needed.
    """
    users = get_user_model().objects.exclude(pk=actor.pk)
    may_open = Exists(Group.user_set.through.objects.filter(
        user_id=OuterRef("pk"), group__name__in=[str(role) for role, actions in ROLE_ACTIONS.items()
                                                 if Action.VIEW in actions],
    ))
    excluded = complaint.excluded_users.values("pk")
    active = users.filter(is_active=True)
    return {
        "restrict": active.filter(Q(may_open) | Q(is_superuser=True)).exclude(pk__in=excluded),
        "exclude": active.exclude(pk__in=excluded),
        "include": users.filter(pk__in=excluded),
    }


def complaints_closed_to(user: Any) -> QuerySet[Complaint]:
    """Complaints this user is excluded or restricted from, whatever their role: records linked
    to them (Ombudsman cases, ADR, costs, learning) are hidden from the user too.

    Kept here, not among the selectors, because it is the opposite of a selector: every selector
    returns complaints the user may see (cases/tests/test_access_rules.py checks each one).
    """
    return Complaint.objects.exclude(access_rules(user))
