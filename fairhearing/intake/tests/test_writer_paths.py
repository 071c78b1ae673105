"""The batch writer writes exactly what the services write, row by row, for a varied register.

import_complaints saves rows in batches (intake/importing/bulk.py), taking each service's steps
in memory; ``row_by_row=True`` calls complaint_create and the stage services for each row. The
same file is imported both ways, each in a transaction rolled back afterwards, and every field of
every record made (complaints, people, stages, extensions, findings, remedies, panels, learning,
marks, placeholder accounts) and every audit event, in order, is compared. Keys and the moments
records were saved differ between two imports and are left out; what a key points at is compared
instead (a stage by its complaint's reference and its number, an account by its username).
"""

import dataclasses
import datetime
import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from fairhearing.accounts.models import User
from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.bench.importing import register_csv
from fairhearing.cases.models import (
    Complaint,
    ComplaintChild,
    ComplaintComplainant,
    ComplaintPoint,
    Theme,
)
from fairhearing.core.errors import DomainError
from fairhearing.intake.importing.rows import validate_file
from fairhearing.intake.importing.writer import import_complaints
from fairhearing.intake.models import ImportBatch, ImportedRecord
from fairhearing.learning.models import LearningNote
from fairhearing.people.models import Child, ChildMonitoring, Person
from fairhearing.stages.models import PanelMember, PointOutcome, Remedy, Stage, StageExtension

from .builders import TEAM, complaint, csv_bytes

D = datetime.date
TODAY = D(2023, 6, 30)
pytestmark = pytest.mark.django_db

# When a record was saved: different in every import, so not compared.
MOMENTS = {"created_at", "updated_at", "occurred_at", "imported_at", "date_joined", "last_login"}

# Rows the generated register has too few of: a late request for Stage 2 (after the 20 working
# days to ask), a withdrawal during Stage 2, a statutory Stage 2 waiting for its statement and one
# whose statement is agreed but not yet answered, a Stage 3 waiting for its panel, a corporate
# Stage 2 answered and one waiting, children given only an age (7, and the edges 0 and 25) and one
# given an age and a date of birth, one routed elsewhere with a child, learning on a complaint with
# no response, and a row with every remedy and a payment.
EDGES = [
    complaint(9001, **{"Stage 2 requested": "01/07/2021", "Stage 2 statement agreed": "05/07/2021",
                       "Stage 2 responded": "02/08/2021", "Stage 2 outcome": "upheld", "Remedies": "apology",
                       "Payment amount": ""}),
    complaint(9002, **{"Stage 2 requested": "04/05/2021", "Withdrawn": "10/05/2021"}),
    complaint(9003, **{"Stage 2 requested": "04/05/2021"}),
    complaint(9004, **{"Stage 2 requested": "04/05/2021", "Stage 2 statement agreed": "06/05/2021"}),
    complaint(9005, **{"Stage 2 requested": "04/05/2021", "Stage 2 statement agreed": "06/05/2021",
                       "Stage 2 responded": "08/06/2021", "Stage 2 outcome": "not_upheld",
                       "Stage 3 requested": "15/06/2021", "Remedies": "", "Payment amount": ""}),
    complaint(9006, **{"Procedure": "corporate", "Stage 2 requested": "04/05/2021",
                       "Stage 2 responded": "25/05/2021", "Stage 2 outcome": "partially_upheld"}),
    complaint(9007, **{"Procedure": "corporate", "Stage 2 requested": "04/05/2021", "Remedies": "",
                       "Payment amount": "", "Stage 1 outcome": "not_upheld"}),
    complaint(9008, **{"Gender": "", "Ethnicity": "", "Looked after": "", "Child age": "7",
                       "Stage 1 responded": "", "Stage 1 outcome": "", "Remedies": "", "Payment amount": "",
                       "Learning": "Write to the family within a week."}),
    complaint(9009, **{"Procedure": "elsewhere", "Stage 1 responded": "", "Stage 1 outcome": "", "Remedies": "",
                       "Payment amount": ""}),
    complaint(9010, **{"Stage 1 outcome": "upheld", "Payment amount": "£1250.50",
                       "Remedies": "apology; explanation; action; training; policy_change; financial",
                       "Stage 1 extended": "28/04/2021", "Stage 1 responded": "27/04/2021"}),
    # Ages at the register's edges, with no date of birth: kept on the complaint's link to the child.
    complaint(9011, **{"Child age": "0", "Gender": "", "Ethnicity": "", "Looked after": ""}),
    complaint(9012, **{"Child age": "25", "Looked after": "no"}),
    # An age beside the date of birth it agrees with: the date of birth is kept, the age is not.
    complaint(9013, **{"Child age": "12", "Child date of birth": "31/03/2009"}),
]


@pytest.fixture
def actors():
    for name in ("Children in Care Team", "Family Support Team 1", "Family Support Team 2", "Leaving Care Team"):
        TeamFactory(name=name)
    officer = UserFactory(username="importer", roles=[Role.COMPLAINTS_MANAGER])
    senior = UserFactory(username="senior", roles=[Role.SENIOR_MANAGER])
    return officer, senior


def varied_register(*, count: int) -> bytes:
    """The benchmark's register (every procedure, extensions, withdrawals, Stages 2 and 3,
    remedies, payments, children, learning) followed by the edge rows above."""
    teams = ["Children in Care Team", "Family Support Team 1", "Family Support Team 2", "Leaving Care Team"]
    themes = list(Theme.objects.filter(is_active=True).order_by("name").values_list("name", flat=True))
    generated = register_csv(count=count, seed=7, today=TODAY, teams=teams, themes=themes)
    header, edges = csv_bytes(EDGES).split(b"\r\n", 1)
    assert generated.startswith(header + b"\r\n") and TEAM in teams
    return generated + edges


def imported(data: bytes, *, actor: Any, adjudicator: Any, row_by_row: bool) -> dict[str, list]:
    """Import the file, describe every record it made, then roll it all back."""
    validation = validate_file(data, today=TODAY)
    assert validation.is_valid, validation.problems[:3]
    with transaction.atomic():
        result = import_complaints(validation=validation, file_name="register.csv",
                                   file_sha256=hashlib.sha256(data).hexdigest(), actor=actor,
                                   adjudicator=adjudicator, today=TODAY, row_by_row=row_by_row)
        assert result.created_count == validation.row_count
        described = describe(batch=result.batch)
        transaction.set_rollback(True)
    return described


def describe(*, batch: ImportBatch) -> dict[str, list]:
    """Every record the import made, each as its fields with keys replaced by what they point at."""
    batch_key = str(batch.pk)
    complaint_keys = dict(Complaint.objects.values_list("pk", "reference"))

    def user_key(pk: int | None) -> str | None:
        if pk is None:
            return None
        username = users[pk]
        # Placeholder accounts are named after their batch, whose key differs between imports.
        return username.replace(f"-{batch_key}", "-<batch>") if username.startswith("imported-") else username

    users = dict(User.objects.values_list("pk", "username"))
    keys: dict[type[models.Model], Callable[[int], Any]] = {
        Complaint: complaint_keys.get,
        User: user_key,
        ImportBatch: lambda pk: "batch" if pk == batch.pk else pk,
        ContentType: lambda pk: ContentType.objects.get_for_id(pk).model,
    }
    for model, link, role in ((Person, ComplaintComplainant, "complainant"), (Child, ComplaintChild, "child")):
        owner = {getattr(row, f"{model._meta.model_name}_id"): complaint_keys[row.complaint_id]
                 for row in link.objects.all()}
        keys[model] = lambda pk, owner=owner, role=role: (role, owner.get(pk))
    keys[Stage] = {s.pk: (complaint_keys[s.complaint_id], s.number) for s in Stage.objects.all()}.get
    keys[ComplaintPoint] = {p.pk: (complaint_keys[p.complaint_id], p.number)
                            for p in ComplaintPoint.objects.all()}.get
    keys[LearningNote] = {n.pk: (complaint_keys[n.complaint_id], n.stage_id and keys[Stage](n.stage_id))
                          for n in LearningNote.objects.all()}.get

    def fields(record: models.Model) -> dict[str, Any]:
        described = {}
        for field in record._meta.concrete_fields:
            if field.primary_key or field.name in MOMENTS:
                continue
            value = getattr(record, field.attname)
            if field.is_relation and value is not None and field.related_model in keys:
                value = keys[field.related_model](value)  # else reference data both imports share
            elif isinstance(record, ImportedRecord) and field.name == "object_id":
                value = complaint_keys[value]
            described[field.name] = value
        return described

    def event(record: AuditEvent) -> dict[str, Any]:
        described = fields(record)
        subject_model = ContentType.objects.get_for_id(record.subject_type_id).model_class()
        described["subject_id"] = keys[subject_model](record.subject_id)
        data = dict(record.data)
        if "complaint" in data:  # a learning note's event names its complaint by key
            data["complaint"] = complaint_keys[data["complaint"]]
        if record.verb == "stage.panel_convened":
            data["members"] = sorted(user_key(pk) for pk in data["members"])
            data["chair"] = user_key(data["chair"])
        described["data"] = data
        return described

    def sorted_fields(model: type[models.Model]) -> list[dict[str, Any]]:
        return sorted((fields(record) for record in model.objects.all()), key=repr)

    made = {model.__name__: sorted_fields(model) for model in (
        Complaint, ComplaintComplainant, ComplaintChild, ComplaintPoint, Person, Child, ChildMonitoring,
        Stage, StageExtension, PointOutcome, Remedy, PanelMember, LearningNote, ImportedRecord,
    )}
    made["teams"] = sorted((complaint_keys[c], t) for c, t in Complaint.teams.through.objects.values_list(
        "complaint_id", "team__name"))
    made["themes"] = sorted((complaint_keys[c], t) for c, t in Complaint.themes.through.objects.values_list(
        "complaint_id", "theme__name"))
    made["placeholders"] = sorted(
        (user_key(user.pk), user.first_name, user.last_name, user.is_active, user.has_usable_password())
        for user in User.objects.filter(username__startswith="imported-"))
    # Every event, in the order written: each complaint's timeline, and the trail as a whole.
    made["events"] = [event(record) for record in AuditEvent.objects.order_by("pk")]
    made["batch"] = [fields(ImportBatch.objects.get(pk=batch.pk))]
    return made


def test_the_batch_writer_writes_what_the_services_write_field_by_field(actors):
    officer, senior = actors
    data = varied_register(count=240)
    by_services = imported(data, actor=officer, adjudicator=senior, row_by_row=True)
    in_batches = imported(data, actor=officer, adjudicator=senior, row_by_row=False)

    # The comparison is about something: the register reaches every kind of record and event.
    counts = {name: len(rows) for name, rows in by_services.items()}
    assert counts["Complaint"] == 253 and counts["ImportedRecord"] == 253
    ages = {link["complaint"]: link["age_when_received"] for link in by_services["ComplaintChild"]}
    assert {ages["CSC-2021-9008"], ages["CSC-2021-9011"], ages["CSC-2021-9012"]} == {7, 0, 25}
    assert ages["CSC-2021-9013"] is None
    for name in ("Child", "ChildMonitoring", "StageExtension", "Remedy", "PanelMember", "LearningNote"):
        assert counts[name] > 0, name
    stages = by_services["Stage"]
    assert {(s["number"], s["status"]) for s in stages} >= {
        (1, "open"), (1, "responded"), (1, "withdrawn"), (2, "open"), (2, "responded"), (2, "withdrawn"),
        (3, "open"), (3, "responded")}
    assert {s["request_decision"] for s in stages} == {"in_time", "late_accepted"}
    assert {s["phase"] for s in stages} >= {"awaiting_start", "panel_meeting", "council_response", "response"}
    verbs = {e["verb"] for e in by_services["events"]}
    assert verbs >= {
        "person.created", "child.created", "complaint.created", "complaint.acknowledged", "stage.started",
        "stage.extended", "stage.responded", "stage.requested", "stage.clock_started",
        "stage.investigators_appointed", "stage.adjudicated", "stage.panel_convened", "stage.panel_met",
        "stage.panel_report_received", "stage.council_responded", "learning_note.recorded",
        "complaint.withdrawn", "complaint.closed", "import.placeholder_user_created", "import.completed"}
    assert any(e["summary"].endswith("(late)") for e in by_services["events"])

    assert by_services.keys() == in_batches.keys()
    for name in by_services:
        assert len(in_batches[name]) == len(by_services[name]), name
        for index, (expected, written) in enumerate(zip(by_services[name], in_batches[name], strict=True)):
            assert written == expected, f"{name} #{index}"


def test_the_batches_are_saved_a_thousand_rows_at_a_time_and_still_match(actors, monkeypatch):
    # Three saves of 100 rows and one of 50: records made before a save are pointed at after it.
    monkeypatch.setattr("fairhearing.intake.importing.bulk.CHUNK_ROWS", 100)
    officer, senior = actors
    data = varied_register(count=340)
    assert imported(data, actor=officer, adjudicator=senior, row_by_row=False) == imported(
        data, actor=officer, adjudicator=senior, row_by_row=True)


# Rows a service refuses, and the message it gives. The file's checks (registers/complaints.py)
# stop all of these first, so each is given to the writer directly, as a row that slipped past
# them would be: the batch writer must refuse it as the services do, with the same message.
REFUSED = [
    # 3 May 2021 is the early May bank holiday.
    ({"stage_1_extended": D(2021, 5, 3), "stage_1_responded": None, "stage_1_outcome": None}, "not a working day"),
    # Stage 1 may take 20 working days at most (with its extension).
    ({"stage_1_extended": D(2021, 5, 28), "stage_1_responded": None, "stage_1_outcome": None},
     "at most 20 working days"),
    # An extension must move the due date later (19 April is the first due date).
    ({"stage_1_extended": D(2021, 4, 16), "stage_1_responded": None, "stage_1_outcome": None},
     "must be after the current one"),
    # Withdrawn after receipt, but before the Stage 2 request it follows.
    ({"stage_2_requested": D(2021, 5, 4), "withdrawn": D(2021, 5, 3)}, "cannot be before Stage 2 began"),
    # Asked for Stage 2 before Stage 1 was answered.
    ({"stage_2_requested": D(2021, 4, 19)}, "cannot be before the Stage 1 response"),
]


@pytest.mark.parametrize(("changes", "message"), REFUSED)
def test_a_row_a_service_refuses_is_refused_the_same_way_in_batches(actors, changes, message):
    officer, senior = actors
    validation = validate_file(csv_bytes([complaint(1), complaint(2)]), today=TODAY)
    assert validation.is_valid, validation.problems
    validation.rows[1] = dataclasses.replace(validation.rows[1], remedies=(), payment_amount=None, **changes)
    errors = []
    for row_by_row in (True, False):
        with pytest.raises(DomainError) as refused:
            import_complaints(validation=validation, file_name="register.csv", file_sha256="x", actor=officer,
                              adjudicator=senior, today=TODAY, row_by_row=row_by_row)
        errors.append(refused.value.message)
        assert not Complaint.objects.exists() and not ImportBatch.objects.exists()
        assert not AuditEvent.objects.exists()
    assert errors[0] == errors[1]
    assert errors[0].startswith("Row 3 (CSC-2021-0002): ") and message in errors[0]
    assert errors[0].endswith("Nothing was written.")


def test_a_reference_a_hand_entered_complaint_uses_in_another_case_stops_the_file_first(actors):
    officer, senior = actors
    first = csv_bytes([complaint(1)])
    import_complaints(validation=validate_file(first, today=TODAY), file_name="one.csv", file_sha256="1",
                      actor=officer, today=TODAY)
    # Checked while CSC-2021-0001 counts as imported (so the file's checks pass it as already
    # there), then forgotten: now it is simply a complaint's reference, which the writer refuses.
    validation = validate_file(csv_bytes([complaint(2), complaint(3), complaint(4, Reference="csc-2021-0001")]),
                               today=TODAY)
    assert validation.is_valid
    ImportedRecord.objects.all().delete()
    for row_by_row in (True, False):
        with pytest.raises(DomainError) as refused:
            import_complaints(validation=validation, file_name="two.csv", file_sha256="2", actor=officer,
                              today=TODAY, row_by_row=row_by_row)
        assert refused.value.message == (
            "Row 4 (csc-2021-0001): The reference csc-2021-0001 is already used by another complaint. "
            "Nothing was written.")
        assert Complaint.objects.count() == 1


def test_progress_is_reported_as_rows_are_written_and_at_the_end(actors, monkeypatch):
    monkeypatch.setattr("fairhearing.intake.importing.writer.PROGRESS_EVERY", 2)
    officer, senior = actors
    calls = []
    data = csv_bytes([complaint(n) for n in range(1, 6)])
    import_complaints(validation=validate_file(data, today=TODAY), file_name="r.csv", file_sha256="r",
                      actor=officer, today=TODAY, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(2, 5), (4, 5), (5, 5)]
    # Again: every row is already there, and the end is still reported.
    calls.clear()
    import_complaints(validation=validate_file(data, today=TODAY), file_name="r.csv", file_sha256="r",
                      actor=officer, today=TODAY, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(5, 5)]

