"""Recording people. Monitoring data is written separately so it can be skipped or refused."""

from datetime import date
from typing import Any

from django.db import transaction

from fairhearing.audit.services import audit_record

from .models import Child, ChildMonitoring, Person


@transaction.atomic
def person_create(*, first_name: str, actor: Any, **details: Any) -> Person:
    """Record a complainant or other contact."""
    person = Person(first_name=first_name.strip(), **details)
    person.full_clean()
    person.save()
    audit_record(actor=actor, verb="person.created", subject=person, summary="Contact recorded")
    return person


@transaction.atomic
def child_create(
    *,
    first_name: str,
    actor: Any,
    date_of_birth: date | None = None,
    monitoring: dict[str, str] | None = None,
    **details: Any,
) -> Child:
    """Record a child a representation is about, with optional equality monitoring data."""
    child = Child(first_name=first_name.strip(), date_of_birth=date_of_birth, **details)
    child.full_clean()
    child.save()
    if monitoring:
        record = ChildMonitoring(child=child, **monitoring)
        record.full_clean()
        record.save()
    # The summary names no one: timelines and logs never carry a child's name.
    audit_record(actor=actor, verb="child.created", subject=child, summary="Child recorded")
    return child
