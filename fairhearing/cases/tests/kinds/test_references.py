"""Each kind has its own readable reference, numbered through its own year, unique under load."""

import threading

import pytest
from django.db import connection, transaction

from fairhearing.cases.kind_choices import ReferenceKind
from fairhearing.cases.kinds.references import kind_reference_next
from fairhearing.cases.models import Enquiry, KindReferenceCounter
from fairhearing.cases.tests.factories import make_complaint

from .conftest import D
from .factories import make_adr, make_compliment, make_concern, make_enquiry, make_iro_dispute


@pytest.mark.django_db
def test_each_kind_counts_separately_from_the_others_and_from_complaints(actor):
    complaint = make_complaint(actor=actor)
    assert make_compliment(actor=actor).reference == "CMP-2022-0001"
    assert make_compliment(actor=actor).reference == "CMP-2022-0002"
    assert make_enquiry(actor=actor).reference == "ENQ-2022-0001"
    assert make_concern(actor=actor).reference == "CON-2022-0001"
    assert make_adr(actor=actor, complaint=complaint).reference == "ADR-2022-0001"
    assert make_iro_dispute(actor=actor).reference == "IRO-2022-0001"
    assert complaint.reference == "CSC-2022-0001"


@pytest.mark.django_db
def test_numbers_restart_each_calendar_year_of_receipt(actor):
    references = [
        make_enquiry(actor=actor, received_on=D(2022, 12, 30)).reference,
        make_enquiry(actor=actor, received_on=D(2023, 1, 3)).reference,
        make_enquiry(actor=actor, received_on=D(2022, 6, 1)).reference,
    ]
    assert references == ["ENQ-2022-0001", "ENQ-2023-0001", "ENQ-2022-0002"]


@pytest.mark.django_db
def test_prefix_can_be_changed_in_settings(actor, settings):
    settings.KIND_REFERENCE_PREFIXES = {ReferenceKind.ENQUIRY: "MEM"}
    assert make_enquiry(actor=actor).reference == "MEM-2022-0001"
    assert make_compliment(actor=actor).reference == "CMP-2022-0001"


@pytest.mark.django_db
def test_a_refused_record_gives_its_number_back(actor):
    from fairhearing.core.errors import DomainError

    with pytest.raises(DomainError):
        make_enquiry(actor=actor, summary="  ")
    assert make_enquiry(actor=actor).reference == "ENQ-2022-0001"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_numbers_are_taken_only_inside_a_transaction():
    with pytest.raises(RuntimeError, match="inside a transaction"):
        kind_reference_next(kind=ReferenceKind.ENQUIRY, year=2022)


@pytest.mark.django_db
def test_unknown_kind_is_refused():
    with transaction.atomic(), pytest.raises(ValueError, match="No references"):
        kind_reference_next(kind="complaint", year=2022)
    assert not KindReferenceCounter.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_enquiries_get_distinct_consecutive_references():
    """Six officers logging enquiries at once on PostgreSQL: six different, consecutive numbers."""
    from fairhearing.cases.tests.factories import officer

    actor = officer()
    make_enquiry(actor=actor)  # the year's counter row and the shared team
    workers = 6
    barrier = threading.Barrier(workers)
    errors: list[BaseException] = []

    def log_one() -> None:
        try:
            barrier.wait(timeout=10)
            make_enquiry(actor=actor)
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
    references = sorted(Enquiry.objects.values_list("reference", flat=True))
    assert references == [f"ENQ-2022-{n:04d}" for n in range(1, workers + 2)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_first_reference_of_a_kind_and_year():
    barrier = threading.Barrier(2)
    results: list[str] = []

    def take() -> None:
        try:
            barrier.wait(timeout=10)
            with transaction.atomic():
                results.append(kind_reference_next(kind=ReferenceKind.COMPLIMENT, year=2031))
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["CMP-2031-0001", "CMP-2031-0002"]
