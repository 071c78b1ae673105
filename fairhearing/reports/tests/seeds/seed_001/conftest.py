"""The seed 001 world, built once for this package through the services, inside a
transaction rolled back at the end (audit events are append-only, so the rows could not be
deleted afterwards). Package-scoped so the test modules split by report section share one
build, as they did when they were one module."""

import pytest
from django.db import transaction

from fairhearing.reports.build import report_build
from fairhearing.reports.periods import Period
from fairhearing.reports.report import ReportOptions

from ..builders import Council
from .world import (
    TODAY,
    build_world,
)


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):  # noqa: ANN001, ANN201 - pytest fixtures
    with django_db_blocker.unblock(), transaction.atomic():
        council = Council.create(today=TODAY)
        build_world(council)
        report = report_build(options=ReportOptions(period=Period.financial_year(2018)), today=TODAY)
        yield report
        transaction.set_rollback(True)
