"""References for compliments, enquiries, concerns, ADR and IRO disputes.

Same shape as a complaint's (``<prefix>-<year>-<number>``, e.g. ENQ-2022-0007), with a prefix and
a counter per kind, so each kind is numbered 1, 2, 3... through its own year. The year is the
calendar year the record was received (or offered, or raised). The counter row for the kind and
year is locked with SELECT ... FOR UPDATE, so officers saving at the same moment on PostgreSQL get
consecutive numbers; the unique constraint on each reference column is the last line of defence.
"""

from django.conf import settings
from django.db import IntegrityError, transaction

from ..kind_choices import DEFAULT_REFERENCE_PREFIXES, ReferenceKind
from ..models import KindReferenceCounter


def kind_reference_prefix(kind: str) -> str:
    """The prefix for a kind: the KIND_REFERENCE_PREFIXES setting if it names one, else the default."""
    if kind not in ReferenceKind.values:
        raise ValueError(f"No references are issued for {kind!r}")
    overrides = getattr(settings, "KIND_REFERENCE_PREFIXES", None) or {}
    return overrides.get(kind) or DEFAULT_REFERENCE_PREFIXES[kind]


def kind_reference_format(*, kind: str, year: int, number: int) -> str:
    return f"{kind_reference_prefix(kind)}-{year}-{number:04d}"


def kind_reference_next(*, kind: str, year: int) -> str:
    """Take the next number for the kind and year. Must run inside the caller's transaction, so a
    rolled-back save gives its number back."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("kind_reference_next must run inside a transaction")
    kind_reference_prefix(kind)  # refuses an unknown kind before the table is touched
    # The year's first record creates the row. A concurrent first record fails on the unique
    # constraint inside its own savepoint, and goes on to lock the row the other one made.
    try:
        with transaction.atomic():
            KindReferenceCounter.objects.get_or_create(kind=kind, year=year)
    except IntegrityError:
        pass
    counter = KindReferenceCounter.objects.select_for_update().get(kind=kind, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return kind_reference_format(kind=kind, year=year, number=counter.last_number)
