"""The seed 003 world, built once for this package through the services, inside a
transaction rolled back at the end (audit events are append-only, so the rows could not be
deleted afterwards). Package-scoped so the test modules split by report section share one
build, as they did when they were one module."""

import pytest
from django.db import transaction

from fairhearing.reports.build import report_build
from fairhearing.reports.periods import Period
from fairhearing.reports.report import ReportOptions

from ..builders import Council
from .data import TODAY
from .world import build_world


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):  # noqa: ANN001, ANN201 - pytest fixtures
    with django_db_blocker.unblock(), transaction.atomic():
        council = Council.create(today=TODAY)
        built = build_world(council)
        period = Period.financial_year(2021)
        built["report"] = report_build(options=ReportOptions(period=period), today=TODAY)
        built["published"] = report_build(options=ReportOptions(period=period, published=True), today=TODAY)
        built["council"] = council
        yield built
        transaction.set_rollback(True)
