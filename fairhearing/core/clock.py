"""The one place the application reads the clock.

Deadlines are dates in Europe/London; events are aware datetimes. Every service that needs "today"
takes an optional ``today=`` argument and falls back to :func:`today`, so tests pin time without
patching and nothing reads a naive clock.
"""

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    """The current moment, timezone-aware (UTC internally)."""
    return timezone.now()


def today() -> date:
    """Today's date in the council's time zone (Europe/London), not UTC."""
    return timezone.localdate()
