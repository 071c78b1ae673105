"""Fixtures shared by the working-days tests."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from fairhearing.workingdays.calendar import WorkingDayCalendar
from fairhearing.workingdays.listeners import (
    register_calendar_listener,
    unregister_calendar_listener,
)
from fairhearing.workingdays.seed import read_seed_file

# Read once: the committed England and Wales list, as the calendar maths sees it (no database).
SEEDED_BANK_HOLIDAYS = read_seed_file()


# eq=False: two fresh recorders must not compare equal, or registration would treat them as one.
@dataclass(eq=False)
class CalendarChanges:
    """A test listener: records each notification and whether it came inside a transaction."""

    calls: list[dict[str, Any]] = field(default_factory=list)
    fail_with: Exception | None = None

    def __call__(self, *, actor: Any, description: str, changed_dates: list[date]) -> None:
        from django.db import transaction

        self.calls.append(
            {
                "actor": actor,
                "description": description,
                "changed_dates": changed_dates,
                "in_transaction": transaction.get_connection().in_atomic_block,
            }
        )
        if self.fail_with is not None:
            raise self.fail_with


@pytest.fixture(scope="session")
def seeded_calendar() -> WorkingDayCalendar:
    """A calendar of the committed bank holidays only, built without the database."""
    return WorkingDayCalendar(SEEDED_BANK_HOLIDAYS)


@pytest.fixture
def calendar_changes():
    """A recording calendar listener, registered for the test only."""
    recorder = CalendarChanges()
    register_calendar_listener(recorder)
    yield recorder
    unregister_calendar_listener(recorder)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="calendar-admin", email="calendar-admin@example.org", password="unused-password"
    )


@pytest.fixture
def admin_browser(client, superuser):
    """The Django test client signed in as a superuser."""
    client.force_login(superuser)
    return client
