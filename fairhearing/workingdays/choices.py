"""Fixed lists of values for the working-days tables."""

from django.db import models


class BankHolidaySource(models.TextChoices):
    """How a bank holiday row got into the table, so an auditor can tell fact from hand edits."""

    SEEDED = "seeded", "Seeded from the committed list"
    REFRESHED = "refreshed", "Added by the bank holiday refresh"
    MANUAL = "manual", "Added by an administrator"
