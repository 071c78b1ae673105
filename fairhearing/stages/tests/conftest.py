import datetime

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.stages.services import PointFinding, stage_one_start

D = datetime.date
# A date safely after every event in these tests, passed as today= so nothing depends on the clock.
LATER = D(2023, 12, 29)


@pytest.fixture
def actor(db):
    return officer()


@pytest.fixture
def senior(db):
    return UserFactory(username="senior", roles=[Role.SENIOR_MANAGER])


@pytest.fixture
def complaint(actor):
    return make_complaint(actor=actor)


@pytest.fixture
def stage_one(complaint, actor):
    return stage_one_start(complaint=complaint, actor=actor, today=LATER)


def findings(*outcomes: str) -> dict[int, PointFinding]:
    return {number: PointFinding(outcome) for number, outcome in enumerate(outcomes, start=1)}
