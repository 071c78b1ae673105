"""References are readable, sequential within the year and unique under concurrent creation."""

import datetime
import threading

import pytest
from django.db import connection, transaction

from fairhearing.cases.models import Complaint
from fairhearing.cases.references import reference_next
from fairhearing.cases.tests.factories import make_complaint, officer

D = datetime.date


@pytest.mark.django_db
def test_references_are_sequential_within_each_year(settings):
    actor = officer()
    first = make_complaint(actor=actor, received_on=D(2022, 1, 4))
    second = make_complaint(actor=actor, received_on=D(2022, 12, 30))
    new_year = make_complaint(actor=actor, received_on=D(2023, 1, 3))
    assert [first.reference, second.reference, new_year.reference] == [
        "CSC-2022-0001", "CSC-2022-0002", "CSC-2023-0001"]


@pytest.mark.django_db
def test_prefix_comes_from_settings(settings):
    settings.COMPLAINT_REFERENCE_PREFIX = "CHS"
    assert make_complaint(actor=officer()).reference == "CHS-2022-0001"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_creation_gives_distinct_consecutive_references():
    """Eight officers saving at once on PostgreSQL: eight different, consecutive numbers."""
    actor = officer()
    make_complaint(actor=actor)  # create the year's counter row, and the shared fixtures
    workers = 8
    barrier = threading.Barrier(workers)
    errors: list[BaseException] = []

    def log_one() -> None:
        try:
            barrier.wait(timeout=10)
            make_complaint(actor=actor)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=log_one) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    references = sorted(Complaint.objects.values_list("reference", flat=True))
    assert references == [f"CSC-2022-{n:04d}" for n in range(1, workers + 2)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_first_reference_of_a_year():
    """Two transactions both creating the year's first counter row do not collide."""
    barrier = threading.Barrier(2)
    results: list[str] = []

    def take() -> None:
        try:
            barrier.wait(timeout=10)
            with transaction.atomic():
                results.append(reference_next(year=2031))
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["CSC-2031-0001", "CSC-2031-0002"]
