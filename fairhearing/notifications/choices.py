"""Code lists for emails."""

from django.db import models


class OutboxStatus(models.TextChoices):
    """Where a message is on its way out. Only the outbox services change it."""

    QUEUED = "queued", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class Audience(models.TextChoices):
    """Who an email in the catalogue goes to, as shown on the outbox page (never the address)."""

    COMPLAINANT = "complainant", "Complainant"
    CHILD_COMPLAINANT = "child_complainant", "Child or young person who complained"
    COMPLIMENT_GIVER = "compliment_giver", "Person who paid a compliment"
    STAFF = "staff", "Staff member"
    COMPLAINTS_MANAGER = "complaints_manager", "Complaints manager"
