"""complaint_build (complaint_create's checks, the complaint unsaved) and what logging one reads.

The register import makes complaints with complaint_build and saves them in batches, so it must
check exactly as complaint_create does and save nothing itself. complaint_create no longer asks
the database what it already knows (the procedure and accounts it holds, the check constraints it
tests itself), and a caller that has checked its references already can say so.
"""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from fairhearing.cases.choices import Channel
from fairhearing.cases.models import Complaint, Procedure
from fairhearing.cases.services import complaint_build, complaint_create
from fairhearing.cases.tests.factories import officer
from fairhearing.core.errors import DomainError
from fairhearing.people.choices import Relationship
from fairhearing.people.tests.factories import PersonFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def arguments(**overrides):
    values = dict(
        received_on=D(2021, 4, 1), channel=Channel.EMAIL, procedure=Procedure.objects.get(code="children-statutory"),
        routing_reason=" Child in need ", summary="Summary", points=["One", "  ", "Two "],
        complainants=[(PersonFactory(), Relationship.PARENT)], actor=officer(), today=D(2022, 1, 4),
    )
    values.update(overrides)
    return values


def test_build_makes_the_complaint_create_would_save_and_saves_nothing():
    complaint, points = complaint_build(**arguments(reference="  CSC-2021-0007 "))
    assert complaint.pk is None and not Complaint.objects.exists()
    assert (complaint.reference, complaint.routing_reason, points) == ("CSC-2021-0007", "Child in need", ["One", "Two"])
    # Thursday 1 April 2021, then Good Friday and Easter Monday: 3 working days end Thursday 8 April.
    assert complaint.acknowledgement_due_on == D(2021, 4, 8)
    saved = complaint_create(**arguments(reference="CSC-2021-0007"))
    assert (saved.acknowledgement_due_on, saved.routing_reason) == (complaint.acknowledgement_due_on, "Child in need")


@pytest.mark.parametrize(("overrides", "message"), [
    ({"received_on": D(2022, 1, 5)}, "The date received cannot be in the future."),
    ({"channel": "pigeon"}, "Choose how the complaint was received."),
    ({"points": [" "]}, "Add at least one point of complaint."),
    ({"grounds_arose_on": D(2021, 4, 2)}, "The problem cannot have happened after the complaint was received."),
    ({"summary": "  "}, "summary: This field cannot be blank."),
])
def test_build_refuses_what_complaint_create_refuses(overrides, message):
    for make in (complaint_build, complaint_create):
        with pytest.raises(DomainError) as refused:
            make(**arguments(**overrides))
        assert refused.value.message == message
    assert not Complaint.objects.exists()


def test_a_reference_the_caller_checked_is_not_searched_for_but_an_exact_repeat_is_still_refused():
    complaint_create(**arguments(reference="CSC-2021-0007"))
    with CaptureQueriesContext(connection) as queries:
        complaint_create(**arguments(reference="CSC-2021-0008", reference_checked=True))
    assert not [q["sql"] for q in queries.captured_queries if "LIKE" in q["sql"] or "UPPER" in q["sql"]]
    with pytest.raises(IntegrityError), transaction.atomic():
        complaint_create(**arguments(reference="CSC-2021-0007", reference_checked=True))
    # Unchecked, a repeat in another case is refused before anything is saved.
    with pytest.raises(DomainError, match="csc-2021-0008 is already used"):
        complaint_create(**arguments(reference="csc-2021-0008"))
    assert Complaint.objects.count() == 2


def test_logging_a_complaint_does_not_ask_the_database_what_it_already_knows():
    values = arguments()
    with CaptureQueriesContext(connection) as queries:
        complaint_create(**values)
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    # full_clean used to check the procedure and the actor exist, and each check constraint.
    assert not [sql for sql in reads if "cases_procedure" in sql or "accounts_user" in sql or "_check" in sql]
