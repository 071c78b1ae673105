import datetime
import json

import pytest

from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.tests.factories import officer

D = datetime.date
# A date safely after every event in these tests, passed as today= so nothing depends on the clock.
LATER = D(2023, 12, 29)


def audited_anywhere(text: str) -> bool:
    """Whether the text appears in any audit event's summary, changes or data. The audit log can
    never be corrected, so free text that may name a child must not reach it."""
    return any(text in json.dumps([event.summary, event.changes, event.data], default=str)
               for event in AuditEvent.objects.all())


@pytest.fixture
def actor(db):
    return officer()


@pytest.fixture
def team(db):
    return TeamFactory(name="Children in Care Team")


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client
