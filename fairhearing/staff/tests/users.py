"""Members of staff for page tests: a user with one role (or none), and a client signed in as one."""

from django.test import Client

from fairhearing.accounts.tests.factories import UserFactory


def staff(role=None, **kwargs):  # noqa: ANN001, ANN003, ANN201
    """A user with ``role`` (none if not given); other keywords go to UserFactory."""
    return UserFactory(roles=[role] if role else [], **kwargs)


def client_for(user) -> Client:  # noqa: ANN001
    """A new test client signed in as ``user``."""
    client = Client()
    client.force_login(user)
    return client
