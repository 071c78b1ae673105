"""The import makes no query per row, and replayed through the services its queries stay bounded.

Importing 40 rows costs as many queries as importing 20 of the same kinds: each kind of record
is saved for a thousand rows at once (keys reserved in one query, rows inserted with one prepared
statement), and reference data (procedures, stage rules, teams, themes, the calendar, placeholder
accounts) is read once per file. Replayed through the services one row at a time (``row_by_row=True``) the import costs about 52
queries a row for these kinds; that is bounded too, so a service that starts reading more per
call is noticed here.
"""

import datetime
import hashlib

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.intake.importing.rows import validate_file
from fairhearing.intake.importing.writer import import_complaints

from .builders import TEAM, complaint, csv_bytes

D = datetime.date
TODAY = D(2022, 3, 1)
pytestmark = pytest.mark.django_db

# Ten kinds of row: answered and closed, extended, withdrawn, through Stages 2 and 3, open at
# Stage 2, corporate to Stage 2, routed elsewhere, learning, no child, still open at Stage 1.
KINDS = [
    {},
    {"Stage 1 extended": "04/05/2021", "Stage 1 responded": "04/05/2021", "Stage 1 outcome": "upheld",
     "Remedies": "apology", "Payment amount": ""},
    {"Stage 1 responded": "", "Stage 1 outcome": "", "Remedies": "", "Payment amount": "", "Withdrawn": "12/04/2021"},
    {"Stage 1 outcome": "not_upheld", "Remedies": "apology", "Payment amount": "",
     "Stage 2 requested": "04/05/2021", "Stage 2 statement agreed": "11/05/2021",
     "Stage 2 responded": "15/06/2021", "Stage 2 outcome": "not_upheld",
     "Stage 3 requested": "01/07/2021", "Stage 3 panel": "26/07/2021",
     "Stage 3 responded": "10/08/2021", "Stage 3 outcome": "upheld"},
    {"Stage 2 requested": "04/05/2021", "Stage 2 statement agreed": "06/05/2021"},
    {"Procedure": "corporate", "Stage 2 requested": "04/05/2021", "Stage 2 responded": "25/05/2021",
     "Stage 2 outcome": "partially_upheld"},
    {"Procedure": "elsewhere", "Stage 1 responded": "", "Stage 1 outcome": "", "Remedies": "", "Payment amount": ""},
    {"Learning": "Return calls within a day."},
    {"Gender": "", "Ethnicity": "", "Looked after": "", "Child age": ""},
    {"Received": "14/02/2022", "Stage 1 responded": "", "Stage 1 outcome": "", "Remedies": "", "Payment amount": ""},
]
# Queries a row, at most: in batches, and through the services.
QUERIES_PER_ROW = 0
ROW_BY_ROW_QUERIES_PER_ROW = 55


@pytest.fixture
def actors():
    TeamFactory(name=TEAM)
    actors = (UserFactory(username="importer", roles=[Role.COMPLAINTS_MANAGER]),
              UserFactory(username="senior", roles=[Role.SENIOR_MANAGER]))
    # Once first, so what any process caches on first use (content types, roles) is cached.
    queries_to_import(10, actors=actors)
    return actors


def queries_to_import(rows: int, *, actors, row_by_row: bool = False) -> int:
    """Queries made by importing ``rows`` rows (the kinds above in turn), rolled back afterwards."""
    officer, senior = actors
    data = csv_bytes([complaint(number, **KINDS[number % len(KINDS)]) for number in range(1, rows + 1)])
    validation = validate_file(data, today=TODAY)
    assert validation.is_valid, validation.problems[:3]
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        result = import_complaints(validation=validation, file_name="register.csv",
                                   file_sha256=hashlib.sha256(data).hexdigest(), actor=officer, adjudicator=senior,
                                   today=TODAY, row_by_row=row_by_row)
        assert result.created_count == rows
        transaction.set_rollback(True)
    return len(queries)


def test_importing_more_rows_costs_no_query_per_row(actors):
    twenty, forty = queries_to_import(20, actors=actors), queries_to_import(40, actors=actors)
    assert forty - twenty <= 20 * QUERIES_PER_ROW
    # And the count is small: about two statements per kind of record.
    assert twenty < 60


def test_replayed_through_the_services_each_row_costs_a_bounded_number_of_queries(actors):
    twenty = queries_to_import(20, actors=actors, row_by_row=True)
    forty = queries_to_import(40, actors=actors, row_by_row=True)
    assert 0 < forty - twenty <= 20 * ROW_BY_ROW_QUERIES_PER_ROW
