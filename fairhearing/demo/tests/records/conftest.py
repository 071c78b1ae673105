"""The demo council, loaded once for every module in this package.

The load takes several seconds, so the modules share one: it runs inside a package-wide
transaction that is rolled back when the package's last test is done (audit events are
append-only, so the data could not be deleted afterwards), and each test's own transaction is a
savepoint inside it. It is package-scoped rather than session-scoped so that it is rolled back
before test_load_demo_council.py loads the demo afresh.
"""

import pytest
from django.db import transaction

from fairhearing.demo.loader import demo_council_load

from .common import DAY


@pytest.fixture(scope="package")
def loaded(django_db_setup, django_db_blocker):  # noqa: ANN001, ANN201 - pytest fixtures
    """Load the demo once on DAY; roll everything back when the package's tests are done."""
    with django_db_blocker.unblock(), transaction.atomic():
        result = demo_council_load(today=DAY)
        yield result
        transaction.set_rollback(True)
