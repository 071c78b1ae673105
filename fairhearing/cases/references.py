"""Complaint references: readable, sequential within the year, unique under concurrent creation.

Format: ``<prefix>-<year>-<number>``, e.g. CSC-2026-0042 (prefix from settings). The year is the
calendar year the complaint was received. The counter row for the year is locked with SELECT ...
FOR UPDATE, so two officers saving at the same moment on PostgreSQL get consecutive numbers, never
the same one; the unique constraint on Complaint.reference is the last line of defence.
"""

from django.conf import settings
from django.db import IntegrityError, transaction

from .models import ReferenceCounter


def reference_format(*, year: int, number: int) -> str:
    return f"{settings.COMPLAINT_REFERENCE_PREFIX}-{year}-{number:04d}"


def reference_next(*, year: int) -> str:
    """Take the next number for the year. Must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("reference_next must run inside a transaction")
    try:
        # The first complaint of a year creates the row; a concurrent creator loses the race here
        # and simply goes on to lock the row the winner made.
        with transaction.atomic():
            ReferenceCounter.objects.get_or_create(year=year)
    except IntegrityError:
        pass
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return reference_format(year=year, number=counter.last_number)
