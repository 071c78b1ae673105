"""Fixtures several staff page tests share. A module that defines its own fixture of the same name
uses its own (many define their own ``manager``)."""

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.intake.tests.builders import TEAM


@pytest.fixture
def documents_root(settings, tmp_path):
    """A documents folder of the test's own, so files a test stores are its alone to count."""
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


@pytest.fixture
def register_team():
    """The team the register rows of intake/tests/builders.py name."""
    return TeamFactory(name=TEAM)


@pytest.fixture
def manager():
    """A complaints manager, who may import registers."""
    return UserFactory(username="manager", roles=[Role.COMPLAINTS_MANAGER])


@pytest.fixture
def signed_in(client, manager):
    """The test client, signed in as ``manager``."""
    client.force_login(manager)
    return client
