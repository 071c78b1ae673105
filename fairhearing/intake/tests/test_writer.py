"""Writing a checked complaints register through the services: records, dates, audit, idempotence."""

import dataclasses
import datetime
import hashlib
from decimal import Decimal

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import ClosureReason, ComplaintStatus
from fairhearing.cases.models import Complaint
from fairhearing.core.errors import DomainError
from fairhearing.intake.importing.rows import validate_file
from fairhearing.intake.importing.writer import import_complaints
from fairhearing.intake.models import ImportBatch, ImportedRecord
from fairhearing.learning.models import LearningNote
from fairhearing.stages.choices import Outcome, RemedyKind

from .builders import TEAM, complaint, csv_bytes

D = datetime.date
TODAY = D(2022, 3, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def team():
    return TeamFactory(name=TEAM)


@pytest.fixture
def officer():
    return UserFactory(username="importer", roles=[Role.COMPLAINTS_MANAGER])


@pytest.fixture
def senior():
    return UserFactory(username="senior", roles=[Role.SENIOR_MANAGER])


def write(rows, actor, *, adjudicator=None, name="register.csv"):
    data = csv_bytes(rows)
    validation = validate_file(data, today=TODAY)
    return import_complaints(validation=validation, file_name=name, file_sha256=hashlib.sha256(data).hexdigest(),
                             actor=actor, adjudicator=adjudicator, today=TODAY)


# Rows: 1 answered at Stage 1 a day late (Easter 2021 falls in its 10 working days); 2 extended to the
# most Stage 1 allows (20 working days, over the May bank holiday) and answered on that day;
# 3 withdrawn; 4 through Stage 2 and Stage 3; 5 open at Stage 1.
ROWS = [
    complaint(1, Learning="Return calls within a day."),
    complaint(2, **{"Stage 1 extended": "04/05/2021", "Stage 1 responded": "04/05/2021", "Stage 1 outcome": "upheld",
                    "Remedies": "apology", "Payment amount": ""}),
    complaint(3, **{"Stage 1 responded": "", "Stage 1 outcome": "", "Remedies": "", "Payment amount": "",
                    "Withdrawn": "12/04/2021"}),
    complaint(4, **{"Stage 1 outcome": "not_upheld", "Remedies": "apology", "Payment amount": "",
                    "Stage 2 requested": "04/05/2021", "Stage 2 statement agreed": "11/05/2021",
                    "Stage 2 responded": "15/06/2021", "Stage 2 outcome": "not_upheld",
                    "Stage 3 requested": "01/07/2021", "Stage 3 panel": "26/07/2021",
                    "Stage 3 responded": "10/08/2021", "Stage 3 outcome": "upheld"}),
    complaint(5, **{"Received": "14/02/2022", "Stage 1 responded": "", "Stage 1 outcome": "", "Remedies": "",
                    "Payment amount": ""}),
]


def test_a_register_becomes_complaints_with_their_dates_histories_and_sources(officer, senior):
    result = write(ROWS, officer, adjudicator=senior)
    assert (result.created_count, result.already_present_count) == (5, 0)
    by_ref = {c.reference: c for c in Complaint.objects.all()}
    assert sorted(by_ref) == [f"CSC-2021-000{n}" for n in range(1, 6)]

    first = by_ref["CSC-2021-0001"]
    stage = first.stages.get(number=1)
    # Received Thursday 1 April 2021: Good Friday and Easter Monday are not working days, so the
    # 10th working day is Monday 19 April, and the response on 20 April took 11 working days.
    assert stage.due_on == D(2021, 4, 19)
    assert stage.response_working_days == 11
    assert stage.outcome == Outcome.PARTIALLY_UPHELD
    assert sorted((r.kind, r.amount) for r in stage.remedies.all()) == [
        (RemedyKind.APOLOGY, None), (RemedyKind.FINANCIAL, Decimal("250.00"))]
    # Not escalated: closed on the last day Stage 2 could have been asked for (20 working days later).
    assert (first.status, first.closure_reason, first.closed_on) == (
        ComplaintStatus.CLOSED, ClosureReason.NOT_ESCALATED, D(2021, 5, 19))
    assert LearningNote.objects.get(complaint=first).stage == stage
    child = first.children.get().child
    assert child.first_name == "Imported child" and child.monitoring.gender == "F"
    assert first.complainants.get().person.first_name == "Imported complainant"
    assert first.routing_reason == "Imported from register.csv, row 2"

    second = by_ref["CSC-2021-0002"].stages.get(number=1)
    assert (second.original_due_on, second.due_on, second.extensions.count()) == (
        D(2021, 4, 19), D(2021, 5, 4), 1)
    assert second.response_working_days == 20

    third = by_ref["CSC-2021-0003"]
    assert (third.status, third.closed_on) == (ComplaintStatus.WITHDRAWN, D(2021, 4, 12))

    fourth = by_ref["CSC-2021-0004"]
    two, three = fourth.stages.get(number=2), fourth.stages.get(number=3)
    assert two.statement_agreed_on == D(2021, 5, 11) and two.responded_by == senior
    assert two.investigating_officer.username == f"imported-io-{result.batch.pk}"
    assert three.outcome == Outcome.UPHELD and three.remedies.get().kind == RemedyKind.APOLOGY
    assert not fourth.stages.get(number=1).remedies.exists()
    assert (fourth.status, fourth.closure_reason, fourth.closed_on) == (
        ComplaintStatus.CLOSED, ClosureReason.COMPLETED, D(2021, 8, 10))

    fifth = by_ref["CSC-2021-0005"]
    assert fifth.status == ComplaintStatus.IN_STAGE and fifth.stages.get().due_on == D(2022, 2, 28)

    verbs = list(AuditEvent.objects.filter(subject_id=first.pk, subject_type__model="complaint")
                 .order_by("pk").values_list("verb", flat=True))
    assert verbs == ["complaint.created", "stage.started", "stage.responded", "complaint.closed"]
    records = ImportedRecord.objects.filter(batch=result.batch).order_by("row_number")
    assert [(r.row_number, r.reference, r.record) for r in records] == [
        (n + 1, f"CSC-2021-000{n}", by_ref[f"CSC-2021-000{n}"]) for n in range(1, 6)]
    batch = ImportBatch.objects.get()
    assert (batch.row_count, batch.created_count, batch.already_present_count, batch.imported_by) == (
        5, 5, 0, officer)


def test_importing_the_same_file_twice_creates_nothing_and_says_so(officer, senior):
    write(ROWS, officer, adjudicator=senior)
    events, complaints = AuditEvent.objects.count(), Complaint.objects.count()
    again = write(ROWS, officer, adjudicator=senior)
    assert (again.created_count, again.already_present_count) == (0, 5)
    assert again.already_present == [f"CSC-2021-000{n}" for n in range(1, 6)]
    assert Complaint.objects.count() == complaints
    assert AuditEvent.objects.count() == events + 1  # only the second batch's own record


def test_a_reference_imported_before_in_another_case_is_already_present(officer):
    write([complaint(1)], officer)
    result = write([complaint(1, Reference="csc-2021-0001"), complaint(2)], officer)
    assert (result.created_count, result.already_present_count) == (1, 1)


def test_a_file_with_one_bad_row_writes_nothing(officer):
    rows = [complaint(1), complaint(2, **{"Stage 1 responded": "31/02/2021"})]
    with pytest.raises(DomainError, match="The file has 1 problem; fix them and check it again. Nothing was written."):
        write(rows, officer)
    assert not Complaint.objects.exists() and not ImportBatch.objects.exists()


def test_a_row_a_service_refuses_stops_the_whole_import_with_its_row(officer):
    # The check refuses an extension to a bank holiday (3 May 2021) before any import; the writer
    # must still stop on a service's refusal, so the row is changed after the check.
    data = csv_bytes([complaint(1), complaint(2)])
    validation = validate_file(data, today=TODAY)
    validation.rows[1] = dataclasses.replace(validation.rows[1], stage_1_extended=D(2021, 5, 3))
    with pytest.raises(DomainError, match=r"^Row 3 \(CSC-2021-0002\): .*not a working day.* Nothing was written\.$"):
        import_complaints(validation=validation, file_name="register.csv",
                          file_sha256=hashlib.sha256(data).hexdigest(), actor=officer, today=TODAY)
    assert not Complaint.objects.exists() and not ImportBatch.objects.exists()
    assert not AuditEvent.objects.filter(verb="complaint.created").exists()


def test_a_stage_two_adjudication_needs_a_senior_manager(officer):
    with pytest.raises(DomainError, match="senior manager"):
        write([ROWS[3]], officer)
    assert not Complaint.objects.exists()
