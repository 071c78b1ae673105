"""Initial feedback (concerns): logged, sent to the service with a response target, monitored,
then resolved, closed, or turned into a formal complaint in one step that keeps its history.

The response due date is stored. It counts from the day the concern was sent to the service, or
from the day it was received until then, using the target copied on to the concern when it was
logged. A change to the bank holidays moves the due dates of open concerns (see listeners.py).
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from fairhearing.accounts.models import Team
from fairhearing.audit.services import audit_record
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.people.choices import ContactPreference
from fairhearing.people.models import Child, Person
from fairhearing.people.services import child_create, person_create

from ..choices import Channel
from ..kind_choices import ConcernStatus, ReferenceKind, TargetKind
from ..models import Concern
from ._common import (
    UNCHANGED,
    Unchanged,
    apply_changes,
    check_choice,
    check_date,
    check_text,
    full_clean,
    lock,
)
from .references import kind_reference_next
from .targets import due_on, target_days

_ENDED = {
    ConcernStatus.RESOLVED: "resolved",
    ConcernStatus.CLOSED: "closed",
    ConcernStatus.CONVERTED: "turned into a complaint",
}


def _require_open(concern: Concern, action: str) -> None:
    if concern.status != ConcernStatus.OPEN:
        raise TransitionNotAllowed(
            f"This concern has already been {_ENDED[concern.status]}, so it cannot be {action}."
        )


def _check(concern: Concern, *, today: date) -> None:
    check_date(concern.received_on, label="date received", today=today)
    check_choice(concern.channel, Channel, message="Choose how the concern was received.")
    if concern.team_id is None:
        raise DomainError("Choose the team the concern is about.")
    concern.summary = check_text(concern.summary, message="Enter what the concern is about.")
    check_date(
        concern.sent_to_service_on, label="date sent to the service", today=today, required=False,
        not_before=concern.received_on, not_before_label="the concern was received",
    )
    full_clean(concern)


@transaction.atomic
def concern_create(
    *,
    received_on: date,
    channel: str,
    team: Team,
    summary: str,
    actor: Any,
    person: Person | None = None,
    child: Child | None = None,
    today: date | None = None,
) -> Concern:
    """Log initial feedback, due (until it is sent to the service) the target's working days
    after receipt."""
    today = today or clock.today()
    days = target_days(TargetKind.CONCERN_RESPONSE)
    concern = Concern(
        reference="", received_on=received_on, channel=channel, team=team, summary=summary,
        person=person, child=child, response_days=days, created_by=actor,
    )
    if received_on is not None:
        concern.response_due_on = due_on(received_on, days)
    _check(concern, today=today)
    concern.reference = kind_reference_next(kind=ReferenceKind.CONCERN, year=received_on.year)
    concern.save()
    audit_record(
        actor=actor, verb="concern.created", subject=concern,
        summary=f"Initial feedback logged: response due {long_date(concern.response_due_on)}",
        data={"received_on": received_on, "channel": channel, "team": team.pk,
              "response_days": days, "response_due_on": concern.response_due_on},
    )
    return concern


def _not_saved(error: ValidationError, *, who: str) -> DomainError:
    return DomainError(f"The {who}'s details could not be saved: " + " ".join(error.messages))


def _person_named(first_name: str, last_name: str, email: str, telephone: str, *, actor: Any) -> Person | None:
    """Who raised the concern, recorded from what was typed on the page, or None if nothing was."""
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    email, telephone = (email or "").strip(), (telephone or "").strip()
    if not first_name:
        if last_name or email or telephone:
            raise DomainError("Enter the first name of the person who raised the concern, "
                              "or leave their details empty.")
        return None
    # Contact them the way they can be reached: by telephone when that is all that was given.
    preference = ContactPreference.TELEPHONE if telephone and not email else ContactPreference.EMAIL
    try:
        return person_create(first_name=first_name, last_name=last_name, email=email, telephone=telephone,
                             contact_preference=preference, actor=actor)
    except ValidationError as error:
        raise _not_saved(error, who="person") from error


def _child_named(first_name: str, last_name: str, *, actor: Any) -> Child | None:
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    if not first_name:
        if last_name:
            raise DomainError("Enter the child's first name, or leave both of the child's names empty.")
        return None
    try:
        return child_create(first_name=first_name, last_name=last_name, actor=actor)
    except ValidationError as error:
        raise _not_saved(error, who="child") from error


@transaction.atomic
def concern_log(
    *,
    received_on: date,
    channel: str,
    team: Team,
    summary: str,
    actor: Any,
    person_first_name: str = "",
    person_last_name: str = "",
    person_email: str = "",
    person_telephone: str = "",
    child_first_name: str = "",
    child_last_name: str = "",
    today: date | None = None,
) -> Concern:
    """Log initial feedback from the page, recording who raised it and the child it is about
    when they are named. All or nothing: refused feedback leaves no person or child behind."""
    person = _person_named(person_first_name, person_last_name, person_email, person_telephone, actor=actor)
    child = _child_named(child_first_name, child_last_name, actor=actor)
    return concern_create(received_on=received_on, channel=channel, team=team, summary=summary,
                          person=person, child=child, actor=actor, today=today)


@transaction.atomic
def concern_people_add(
    *,
    concern: Concern,
    actor: Any,
    person_first_name: str = "",
    person_last_name: str = "",
    person_email: str = "",
    person_telephone: str = "",
    child_first_name: str = "",
    child_last_name: str = "",
    today: date | None = None,
) -> Concern:
    """Record who raised the concern, or the child it is about, when it was logged without them
    (a concern can only become a complaint once it names who raised it). People already recorded
    stay: their details are changed on their own records."""
    if (person_first_name or "").strip() and concern.person_id is not None:
        raise DomainError("This concern already records who raised it.")
    if (child_first_name or "").strip() and concern.child_id is not None:
        raise DomainError("This concern already records the child it is about.")
    person = _person_named(person_first_name, person_last_name, person_email, person_telephone, actor=actor)
    child = _child_named(child_first_name, child_last_name, actor=actor)
    if person is None and child is None:
        return concern
    return concern_update(
        concern=concern, actor=actor, today=today,
        person=person if person is not None else UNCHANGED, child=child if child is not None else UNCHANGED,
    )


@transaction.atomic
def concern_update(
    *,
    concern: Concern,
    actor: Any,
    received_on: date | Unchanged = UNCHANGED,
    channel: str | Unchanged = UNCHANGED,
    team: Team | Unchanged = UNCHANGED,
    summary: str | Unchanged = UNCHANGED,
    person: Person | None | Unchanged = UNCHANGED,
    child: Child | None | Unchanged = UNCHANGED,
    today: date | None = None,
) -> Concern:
    """Correct a concern: pass only the fields that change. A corrected received date moves the
    due date if the clock still counts from receipt."""
    today = today or clock.today()
    concern = lock(concern)
    changes = apply_changes(concern, {
        "received_on": received_on, "channel": channel, "team": team, "summary": summary,
        "person": person, "child": child,
    })
    if not changes:
        return concern
    if "received_on" in changes and concern.received_on is not None and concern.sent_to_service_on is None:
        before = concern.response_due_on
        concern.response_due_on = due_on(concern.received_on, concern.response_days)
        if concern.response_due_on != before:
            changes["response_due_on"] = [before, concern.response_due_on]
    _check(concern, today=today)
    concern.save()
    audit_record(
        actor=actor, verb="concern.updated", subject=concern,
        summary="Concern changed: " + ", ".join(sorted(changes)).replace("_", " "),
        # The summary may name a child, and the audit log can never be corrected: record that it
        # changed, never what it said, so taking a name out of it takes it out of the record.
        changes={field: (["(changed)", "(changed)"] if field == "summary" else values)
                 for field, values in changes.items()},
    )
    return concern


@transaction.atomic
def concern_send_to_service(
    *, concern: Concern, sent_on: date, actor: Any, team: Team | None = None, today: date | None = None
) -> Concern:
    """Send the concern to the service to put right. The response is due the concern's target in
    working days after the day it was sent. ``team`` sends it to a different team than logged."""
    today = today or clock.today()
    concern = lock(concern)
    _require_open(concern, "sent to the service")
    if concern.sent_to_service_on is not None:
        raise TransitionNotAllowed(
            f"This concern was already sent to the service on {long_date(concern.sent_to_service_on)}."
        )
    check_date(sent_on, label="date sent to the service", today=today,
               not_before=concern.received_on, not_before_label="the concern was received")
    changes: dict[str, list[Any]] = {"sent_to_service_on": [None, sent_on]}
    if team is not None and team.pk != concern.team_id:
        changes["team"] = [concern.team_id, team.pk]
        concern.team = team
    before = concern.response_due_on
    concern.sent_to_service_on = sent_on
    concern.response_due_on = due_on(sent_on, concern.response_days)
    changes["response_due_on"] = [before, concern.response_due_on]
    full_clean(concern)
    concern.save()
    audit_record(
        actor=actor, verb="concern.sent_to_service", subject=concern,
        summary=f"Sent to the service on {long_date(sent_on)}: response due "
                f"{long_date(concern.response_due_on)}",
        changes=changes,
    )
    return concern


@transaction.atomic
def concern_resolve(
    *, concern: Concern, resolved_on: date, outcome: str, actor: Any, today: date | None = None
) -> Concern:
    """Record that the service put the matter right, and how."""
    today = today or clock.today()
    concern = lock(concern)
    _require_open(concern, "resolved")
    check_date(resolved_on, label="date resolved", today=today,
               not_before=concern.received_on, not_before_label="the concern was received")
    concern.outcome = check_text(outcome, message="Say how the concern was resolved.")
    concern.status = ConcernStatus.RESOLVED
    concern.resolved_on = resolved_on
    full_clean(concern)
    concern.save()
    on_time = resolved_on <= concern.response_due_on
    audit_record(
        actor=actor, verb="concern.resolved", subject=concern,
        summary=f"Resolved on {long_date(resolved_on)}" + ("" if on_time else " (after the due date)"),
        changes={"status": [ConcernStatus.OPEN, ConcernStatus.RESOLVED], "resolved_on": [None, resolved_on]},
        # Not the outcome itself: it is free text that may name a child (it stays on the concern).
        data={"on_time": on_time},
    )
    return concern


@transaction.atomic
def concern_close(
    *, concern: Concern, closed_on: date, reason: str, actor: Any, today: date | None = None
) -> Concern:
    """Close a concern that was neither resolved nor made a complaint (e.g. no reply), saying why."""
    today = today or clock.today()
    concern = lock(concern)
    _require_open(concern, "closed")
    check_date(closed_on, label="date closed", today=today,
               not_before=concern.received_on, not_before_label="the concern was received")
    concern.outcome = check_text(reason, message="Say why the concern is being closed.")
    concern.status = ConcernStatus.CLOSED
    concern.closed_on = closed_on
    full_clean(concern)
    concern.save()
    audit_record(
        actor=actor, verb="concern.closed", subject=concern,
        summary=f"Closed on {long_date(closed_on)}",
        # Not the reason itself: it is free text that may name a child (it stays on the concern).
        changes={"status": [ConcernStatus.OPEN, ConcernStatus.CLOSED], "closed_on": [None, closed_on]},
    )
    return concern


def concerns_overdue(*, today: date) -> QuerySet[Concern]:
    """Open concerns whose due date has passed (due yesterday or before), oldest first."""
    return (
        Concern.objects.filter(status=ConcernStatus.OPEN, response_due_on__lt=today)
        .select_related("team")
        .order_by("response_due_on", "id")
    )


def concerns_open() -> QuerySet[Concern]:
    """Open concerns, the soonest due first."""
    return (
        Concern.objects.filter(status=ConcernStatus.OPEN)
        .select_related("team")
        .order_by("response_due_on", "id")
    )
