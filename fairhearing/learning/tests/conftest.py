import pytest

from fairhearing.cases.tests.factories import officer

from .factories import make_responded_stage


@pytest.fixture
def actor(db):
    return officer()


@pytest.fixture
def stage(actor):
    """Stage 1 of a complaint received 4 January 2022, responded to on 17 January 2022."""
    return make_responded_stage(actor=actor)


@pytest.fixture
def complaint(stage):
    return stage.complaint
