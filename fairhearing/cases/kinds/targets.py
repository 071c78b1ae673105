"""The council's local response targets for enquiries and concerns, and working out due dates."""

from datetime import date
from typing import Any

from django.db import transaction

from fairhearing.audit.services import audit_record
from fairhearing.core.errors import DomainError
from fairhearing.workingdays.calendar import WorkingDayCalendar
from fairhearing.workingdays.selectors import calendar_get

from ..kind_choices import DEFAULT_TARGET_DAYS, TargetKind
from ..models import LocalTarget
from ._common import check_choice, lock


def target_days(kind: str) -> int:
    """Working days allowed for a response of this kind, as the administrator has set it.

    The rows are made by a migration; if one has been removed the default (10) applies rather
    than refusing to log anything.
    """
    check_choice(kind, TargetKind, message=f"There is no local target called {kind!r}.")
    days = LocalTarget.objects.filter(kind=kind).values_list("working_days", flat=True).first()
    return days if days is not None else DEFAULT_TARGET_DAYS[kind]


def due_on(start: date, days: int, calendar: WorkingDayCalendar | None = None) -> date:
    """The ``days``th working day after ``start`` (ADR 0002: the start day itself is day 0)."""
    return (calendar or calendar_get()).add_working_days(start, days)


@transaction.atomic
def local_target_update(
    *, target: LocalTarget, working_days: int, description: str | None = None, actor: Any
) -> LocalTarget:
    """Change a local response target. Records already logged keep their own due dates."""
    target = lock(target)
    if isinstance(working_days, bool) or not isinstance(working_days, int):
        raise DomainError("Enter the target as a whole number of working days.")
    if not 1 <= working_days <= 100:
        raise DomainError("The target must be between 1 and 100 working days.")
    changes: dict[str, list[Any]] = {}
    if working_days != target.working_days:
        changes["working_days"] = [target.working_days, working_days]
        target.working_days = working_days
    if description is not None and description.strip() != target.description:
        changes["description"] = [target.description, description.strip()]
        target.description = description.strip()
    if not changes:
        return target
    target.save()
    audit_record(
        actor=actor, verb="local_target.updated", subject=target,
        summary=f"{target.get_kind_display()} target set to {target.working_days} working days "
                "(applies to records logged from now on)",
        changes=changes,
    )
    return target
