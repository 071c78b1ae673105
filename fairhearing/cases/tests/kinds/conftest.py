import datetime

import pytest

from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.tests.factories import officer

D = datetime.date
# A date safely after every event in these tests, passed as today= so nothing depends on the clock.
LATER = D(2023, 12, 29)


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
