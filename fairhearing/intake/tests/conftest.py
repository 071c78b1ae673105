"""Fixtures the register tests share. A test module with its own ``officer`` uses its own."""

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory

from .registers import TEAM


@pytest.fixture
def officer():
    """The complaints manager who imports the file (the commands' --user importer)."""
    return UserFactory(username="importer", roles=[Role.COMPLAINTS_MANAGER])


@pytest.fixture
def register_teams():
    """The team the rows name, and another one."""
    return [TeamFactory(name=TEAM), TeamFactory(name="Leaving Care")]
