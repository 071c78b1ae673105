"""References given to people who send a public form: ``<prefix>-<year>-<number>``, e.g.
ONL-2026-00042 (prefix from settings, five digits because anyone can send a form).

The year is the calendar year the form arrived. Numbers run on through the year from a counter row
locked with SELECT ... FOR UPDATE, so two forms sent at the same moment never share one; the unique
constraint on OnlineSubmission.reference is the last line of defence. Staff pages address a
submission by this reference, never by its database id.
"""

from django.conf import settings
from django.db import IntegrityError, transaction

from .models import SubmissionReferenceCounter


def submission_reference_format(*, year: int, number: int) -> str:
    return f"{settings.PUBLIC_FORMS_REFERENCE_PREFIX}-{year}-{number:05d}"


def submission_reference_next(*, year: int) -> str:
    """Take the next number for the year. Must run inside the caller's transaction, so a form
    that fails to save gives its number back."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("submission_reference_next must run inside a transaction")
    try:
        with transaction.atomic():
            SubmissionReferenceCounter.objects.get_or_create(year=year)
    except IntegrityError:
        pass  # created at the same moment by another form: lock the row it made
    counter = SubmissionReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return submission_reference_format(year=year, number=counter.last_number)
