"""Factories and field sets for notification tests."""

import datetime

import factory
from django.utils import timezone

from fairhearing.notifications.catalogue import EXAMPLE_VALUES
from fairhearing.notifications.choices import OutboxStatus
from fairhearing.notifications.models import OutboxMessage


def acknowledgement_fields(**overrides: object) -> dict[str, object]:
    """Every field of the complaint acknowledgement, with invented values."""
    names = ("reference", "complainant_first_name", "received_date", "council_name", "service_name",
             "contact_email", "next_steps_date")
    return {name: EXAMPLE_VALUES[name] for name in names} | overrides


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    """A message already in the outbox, due now unless told otherwise."""

    class Meta:
        model = OutboxMessage

    template_key = "complaint_acknowledgement"
    to_address = factory.Sequence(lambda n: f"person{n}@example.org")
    subject = factory.Sequence(lambda n: f"We have received your complaint: CSC-2026-{n:04d}")
    body_text = "Dear Sam\n\nThank you.\n"
    status = OutboxStatus.QUEUED
    next_attempt_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(seconds=1))
