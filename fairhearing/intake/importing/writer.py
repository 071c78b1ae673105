"""Writing a checked complaints register as real records, through the services people use.

Each row becomes a complaint made by ``complaint_create`` under the council's own reference, and
its history is replayed step by step through the stage services with ``today=`` set to the day of
each event, exactly as if a caseworker had entered it on the day. So due dates, stored working
days, statuses and audit events are those of a record entered by hand, and the complaint counts
in every report the same way.

The whole file is one transaction: a row a service refuses (a Stage 1 extension to a bank
holiday, say) stops the import with that row's number and nothing is written. A reference an
earlier import already brought in is left alone and counted as already present, so importing the
same file twice changes nothing.

The register holds less than the services ask for; what is filled in for each gap is chosen so
the figures the reports count come out as the register says, and is listed in docs/import.md:

- the complainant is a contact named "Imported complainant" (the register names no one); the
  child, when any child column is filled, is "Imported child" with the date of birth and
  monitoring data given;
- one point of complaint, whose outcome is the row's outcome at every stage;
- a corporate complaint, whose Stage 1 counts from the acknowledgement, is acknowledged on the
  day it was received; a corporate Stage 2 request is acknowledged on the day it was made;
- a Stage 1 extension was told to the complainant the day the stage began;
- a statutory Stage 2 answered without a "statement agreed" date had its statement agreed on the
  day of the request; its Investigating Officer and Independent Person are two placeholder
  accounts made for the batch ("Imported investigator" and "Imported independent person"), and
  the adjudication is recorded as made by the ``adjudicator`` given (a senior manager);
- a Stage 3 panel is three placeholder accounts made for the batch, and its report arrived on
  the day the panel met;
- a late request for the next stage is recorded as accepted (the register shows it went ahead);
- remedies and the payment belong to the last stage with a response;
- a withdrawal was in writing;
- a complaint answered and not taken further is closed "not escalated" on the last day the
  complainant could have asked for the next stage, once that day has passed; one answered at its
  last stage is closed "procedure completed" on the day of the response; one routed to another
  process is closed on the day it was received.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Upper

from fairhearing.accounts.models import Team
from fairhearing.accounts.roles import Role
from fairhearing.audit.services import audit_record
from fairhearing.cases.allocation_listeners import allocation_notices_suppressed
from fairhearing.cases.choices import ClosureReason, Decision, ProcedureKind, WithdrawalMethod
from fairhearing.cases.models import Complaint, Procedure, Theme
from fairhearing.cases.services import complaint_acknowledge, complaint_create
from fairhearing.core import clock
from fairhearing.core.errors import DomainError
from fairhearing.learning.services.notes import learning_note_record
from fairhearing.people.choices import LegalStatus
from fairhearing.people.services import child_create, person_create
from fairhearing.stages.choices import RemedyKind
from fairhearing.stages.models import Stage
from fairhearing.stages.services import (
    PointFinding,
    RemedyInput,
    complaint_close,
    complaint_withdraw,
    stage_acknowledge_request,
    stage_extend,
    stage_one_start,
    stage_request_next,
    stage_respond,
    stage_three_convene_panel,
    stage_three_council_respond,
    stage_three_panel_met,
    stage_three_report_received,
    stage_two_adjudicate,
    stage_two_agree_statement,
    stage_two_appoint,
)
from fairhearing.workingdays.selectors import calendar_get

from ..models import ImportBatch, ImportedRecord
from .columns import RegisterKind
from .rows import ComplaintRow, Validation

COMPLAINANT_NAME = "Imported complainant"
CHILD_NAME = "Imported child"
POINT = "The points of complaint were not recorded in the imported register."
LATE_REASON = "Imported from the register, which records that the stage went ahead."


@dataclass
class ImportResult:
    """What an import did: the batch, the complaints made, and the rows already imported before."""

    batch: ImportBatch
    created: list[Complaint] = field(default_factory=list)
    already_present: list[str] = field(default_factory=list)  # references, as in the file

    @property
    def created_count(self) -> int:
        return len(self.created)

    @property
    def already_present_count(self) -> int:
        return len(self.already_present)


def import_complaints(
    *, validation: Validation, file_name: str, file_sha256: str, actor: Any,
    adjudicator: Any = None, today: date | None = None, progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Write every row of a checked complaints register, all or nothing.

    ``adjudicator`` is the senior manager recorded as making imported Stage 2 adjudications
    (default: ``actor``); it is only needed when a row has a statutory Stage 2 response.
    ``progress`` is called with (rows done, rows in the file) as the import goes, and at the end.
    """
    today = today or clock.today()
    if validation.kind != RegisterKind.COMPLAINTS:
        raise DomainError("Only complaints registers can be imported so far.")
    if not validation.is_valid:
        count = len(validation.problems)
        raise DomainError(
            f"The file has {count} problem{'s' if count != 1 else ''}; fix them and check it again. "
            "Nothing was written."
        )
    adjudicator = adjudicator or actor
    # A register replays past work: allocations in it are not news to anyone, so nobody is emailed.
    with transaction.atomic(), allocation_notices_suppressed():
        batch = ImportBatch.objects.create(
            kind=validation.kind, file_name=file_name, file_sha256=file_sha256,
            row_count=validation.row_count, imported_by=actor,
        )
        writer = _Writer(batch=batch, actor=actor, adjudicator=adjudicator, today=today)
        result = ImportResult(batch=batch)
        done = {
            reference.casefold()
            for reference in ImportedRecord.objects.filter(content_type=writer.complaint_type)
            .values_list("reference", flat=True)
        }
        to_write = [row for row in validation.rows if row.reference.casefold() not in done]
        result.already_present = [row.reference for row in validation.rows if row.reference.casefold() in done]
        _references_free_require(to_write)
        total = len(validation.rows)
        for number, row in enumerate(to_write, start=1):
            try:
                result.created.append(writer.write(row))
            except DomainError as error:
                raise DomainError(
                    f"Row {row.source_row} ({row.reference}): {error.message} Nothing was written."
                ) from error
            if progress is not None and number % PROGRESS_EVERY == 0:
                progress(result.already_present_count + number, total)
        writer.marks_save()
        if progress is not None:
            progress(total, total)
        batch.created_count = result.created_count
        batch.already_present_count = result.already_present_count
        batch.save(update_fields=["created_count", "already_present_count"])
        audit_record(
            actor=actor, verb="import.completed", subject=batch,
            summary=f"Register imported: {batch.created_count} complaints made, "
                    f"{batch.already_present_count} already imported",
            data={"file_sha256": file_sha256, "rows": validation.row_count},
        )
    return result


# How many rows between two calls of an import's progress callback.
PROGRESS_EVERY = 100
# References checked in one query: within the bound parameters SQLite (32,766) and PostgreSQL allow.
REFERENCE_CHUNK = 2000


def _references_free_require(rows: Sequence[ComplaintRow]) -> None:
    """Refuse the file, naming the row, if a complaint already uses one of its references in any case.

    One query per 2,000 rows instead of complaint_create's own check, which no index serves and
    so reads every complaint once per row (docs/performance.md); each row's complaint_create is
    then told its reference was checked. Both sides are upper-cased by the database, as the
    ``iexact`` of that check does on PostgreSQL (on SQLite it is ASCII case either way).
    """
    for start in range(0, len(rows), REFERENCE_CHUNK):
        chunk = rows[start:start + REFERENCE_CHUNK]
        keys = [Upper(Value(row.reference)) for row in chunk]
        if not Complaint.objects.annotate(key=Upper("reference")).filter(key__in=keys).exists():
            continue
        for row in chunk:  # only when a file clashes: find the first row that does, as complaint_create would
            if Complaint.objects.filter(reference__iexact=row.reference).exists():
                raise DomainError(
                    f"Row {row.source_row} ({row.reference}): The reference {row.reference} is already "
                    "used by another complaint. Nothing was written."
                )


class _Writer:
    """Replays one row at a time; placeholder staff are made once per batch, when first needed."""

    def __init__(self, *, batch: ImportBatch, actor: Any, adjudicator: Any, today: date) -> None:
        self.batch = batch
        self.actor = actor
        self.adjudicator = adjudicator
        self.today = today
        self.complaint_type = ContentType.objects.get_for_model(Complaint)
        # One calendar for the whole file: the import is one transaction, so it cannot change
        # under it, and building it costs two queries each time a service would otherwise do so.
        self.calendar = calendar_get()
        # Each row's mark (file and row number), saved together at the end.
        self._marks: list[ImportedRecord] = []
        self._staff: dict[str, Any] = {}
        self._procedures: dict[str, Procedure] = {}
        # Looked up once per batch, not once per row: a register names the same few dozen.
        self._teams: dict[str, Team] = {}
        self._themes: dict[str, Theme] = {}

    # Reference data --------------------------------------------------------------------------

    def procedure(self, kind: str) -> Procedure:
        if kind not in self._procedures:
            procedure = Procedure.objects.filter(kind=kind, is_active=True).order_by("pk").first()
            if procedure is None:
                raise DomainError(f"There is no procedure in use of the kind {ProcedureKind(kind).label}.")
            self._procedures[kind] = procedure
        return self._procedures[kind]

    def teams(self, names: tuple[str, ...]) -> list[Team]:
        for name in names:
            if name not in self._teams:
                self._teams[name] = Team.objects.get(name=name)
        return [self._teams[name] for name in names]

    def themes(self, names: tuple[str, ...]) -> list[Theme]:
        for name in names:
            if name not in self._themes:
                self._themes[name] = Theme.objects.get(name=name)
        return [self._themes[name] for name in names]

    def staff(self, key: str, label: str) -> Any:
        """A placeholder account standing for a person the register does not name.

        It is active (the services appoint only active accounts) but has no password and no roles,
        so nobody can sign in as it.
        """
        if key not in self._staff:
            user = get_user_model().objects.create(
                username=f"imported-{key}-{self.batch.pk}", first_name="Imported", last_name=label,
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
            audit_record(actor=self.actor, verb="import.placeholder_user_created", subject=user,
                         summary=f"Placeholder {label} made for an imported register")
            self._staff[key] = user
        return self._staff[key]

    # One row ---------------------------------------------------------------------------------

    def write(self, row: ComplaintRow) -> Complaint:
        procedure = self.procedure(row.procedure)
        complainant = person_create(first_name=COMPLAINANT_NAME, actor=self.actor)
        children = [child] if (child := self._child(row)) is not None else []
        complaint = complaint_create(
            received_on=row.received, channel=row.channel, procedure=procedure,
            routing_reason=f"Imported from {self.batch.file_name}, row {row.source_row}",
            summary=f"Imported from {self.batch.file_name}, row {row.source_row}.", points=[POINT],
            complainants=[(complainant, row.complainant_type)], children=children,
            teams=self.teams(row.team), themes=self.themes(row.themes),
            reference=row.reference, reference_checked=True, actor=self.actor, today=row.received,
            calendar=self.calendar,
        )
        self._marks.append(ImportedRecord(batch=self.batch, row_number=row.source_row,
                                          content_type=self.complaint_type, object_id=complaint.pk,
                                          reference=row.reference))
        if procedure.kind == ProcedureKind.ELSEWHERE:
            complaint_close(complaint=complaint, closed_on=row.received, reason=ClosureReason.ROUTED_ELSEWHERE,
                            actor=self.actor, today=row.received)
            return complaint
        # The highest stage the replay started, so closing needs no query to know of a later one,
        # and the Stage 1 response, which any learning belongs to.
        self._last_stage_started = 0
        self._stage_one_answered: Stage | None = None
        answered = self._stages(complaint, row)
        if row.learning:
            stage_one = self._stage_one_answered
            on = stage_one.responded_on if stage_one else row.received
            learning_note_record(complaint=complaint, stage=stage_one, what_was_learned=row.learning,
                                 actor=self.actor, today=on)
        if row.withdrawn is not None:
            complaint_withdraw(complaint=complaint, withdrawn_on=row.withdrawn, method=WithdrawalMethod.WRITTEN,
                               reason="Imported from the register.", actor=self.actor, today=row.withdrawn,
                               calendar=self.calendar)
        elif answered is not None:
            self._close(complaint, answered)
        return complaint

    def marks_save(self) -> None:
        """Save every row's mark (its file and row number) in one statement per thousand."""
        ImportedRecord.objects.bulk_create(self._marks, batch_size=1000)
        self._marks = []

    def _child(self, row: ComplaintRow) -> Any:
        monitoring = {name: getattr(row, name) for name in ("gender", "ethnicity", "disability", "religion")
                      if getattr(row, name)}
        if not monitoring and row.child_date_of_birth is None and row.child_age is None and row.looked_after is None:
            return None
        return child_create(
            first_name=CHILD_NAME, date_of_birth=row.child_date_of_birth, monitoring=monitoring or None,
            legal_status=LegalStatus.LOOKED_AFTER if row.looked_after else LegalStatus.OTHER, actor=self.actor,
        )

    def _stages(self, complaint: Complaint, row: ComplaintRow) -> Stage | None:
        """Replay the stages the row records; return the last stage answered, if any."""
        actor, calendar = self.actor, self.calendar
        final = _final_stage(row)
        if complaint.procedure.kind == ProcedureKind.CORPORATE:
            complaint_acknowledge(complaint=complaint, acknowledged_on=row.received, actor=actor, today=row.received)
        stage = stage_one_start(complaint=complaint, actor=actor, today=row.received, calendar=calendar)
        self._last_stage_started = stage.number
        if row.stage_1_extended is not None:
            stage = stage_extend(stage=stage, new_due_on=row.stage_1_extended, reason="Imported from the register.",
                                 complainant_told_on=stage.requested_on, actor=actor,
                                 today=self.today, calendar=calendar)
        if row.stage_1_responded is None:
            return None
        stage = stage_respond(stage=stage, responded_on=row.stage_1_responded,
                              findings=_findings(row.stage_1_outcome),
                              remedies=_remedies(row) if final == 1 else (), actor=actor,
                              today=row.stage_1_responded, calendar=calendar)
        self._stage_one_answered = stage
        if row.stage_2_requested is None:
            return stage
        stage = self._request(complaint, row.stage_2_requested)
        if complaint.procedure.kind == ProcedureKind.CORPORATE:
            stage = stage_acknowledge_request(stage=stage, acknowledged_on=row.stage_2_requested, actor=actor,
                                              today=row.stage_2_requested, calendar=calendar)
            if row.stage_2_responded is None:
                return None
            return stage_respond(stage=stage, responded_on=row.stage_2_responded,
                                 findings=_findings(row.stage_2_outcome),
                                 remedies=_remedies(row) if final == 2 else (), actor=actor,
                                 today=row.stage_2_responded, calendar=calendar)
        agreed = row.stage_2_statement_agreed or (row.stage_2_requested if row.stage_2_responded else None)
        if agreed is None:
            return None
        stage = stage_two_agree_statement(stage=stage, agreed_on=agreed, actor=actor, today=agreed, calendar=calendar)
        stage = stage_two_appoint(stage=stage, investigating_officer=self.staff("io", "investigator"),
                                  independent_person=self.staff("ip", "independent person"),
                                  appointed_on=agreed, actor=actor, today=agreed)
        if row.stage_2_responded is None:
            return None
        if not (hasattr(self.adjudicator, "has_role") and self.adjudicator.has_role(Role.SENIOR_MANAGER)):
            raise DomainError(
                "A Stage 2 adjudication must be recorded as made by a senior manager. Name a senior "
                "manager as the adjudicator for the import."
            )
        stage = stage_two_adjudicate(stage=stage, adjudicated_on=row.stage_2_responded,
                                     findings=_findings(row.stage_2_outcome),
                                     remedies=_remedies(row) if final == 2 else (), actor=self.adjudicator,
                                     today=row.stage_2_responded, calendar=calendar)
        if row.stage_3_requested is None:
            return stage
        return self._stage_three(complaint, row, final)

    def _stage_three(self, complaint: Complaint, row: ComplaintRow, final: int) -> Stage | None:
        actor, calendar = self.actor, self.calendar
        stage = self._request(complaint, row.stage_3_requested)
        panel = [self.staff(f"panel{n}", f"panel member {n}") for n in (1, 2, 3)]
        stage = stage_three_convene_panel(stage=stage, members=panel, chair=panel[0], actor=actor)
        if row.stage_3_panel is None:
            return None
        stage = stage_three_panel_met(stage=stage, met_on=row.stage_3_panel, actor=actor, today=row.stage_3_panel,
                                      calendar=calendar)
        stage = stage_three_report_received(stage=stage, received_on=row.stage_3_panel, actor=actor,
                                            today=row.stage_3_panel, calendar=calendar)
        if row.stage_3_responded is None:
            return None
        return stage_three_council_respond(stage=stage, responded_on=row.stage_3_responded,
                                           findings=_findings(row.stage_3_outcome),
                                           remedies=_remedies(row) if final == 3 else (), actor=actor,
                                           today=row.stage_3_responded, calendar=calendar)

    def _request(self, complaint: Complaint, requested_on: date) -> Stage:
        stage = stage_request_next(complaint=complaint, requested_on=requested_on, late_decision=Decision.ACCEPTED,
                                   late_reason=LATE_REASON, actor=self.actor, today=requested_on,
                                   calendar=self.calendar)
        self._last_stage_started = stage.number
        return stage

    def _close(self, complaint: Complaint, answered: Stage) -> None:
        """Close an answered complaint nothing followed, once the time to take it further has gone."""
        if self._last_stage_started > answered.number:
            return  # a later stage was asked for and is still open
        deadline = answered.escalation_deadline_on
        if deadline is None:
            complaint_close(complaint=complaint, closed_on=answered.responded_on, reason=ClosureReason.COMPLETED,
                            actor=self.actor, today=answered.responded_on)
        elif deadline < self.today:
            complaint_close(complaint=complaint, closed_on=deadline, reason=ClosureReason.NOT_ESCALATED,
                            actor=self.actor, today=deadline)


def _final_stage(row: ComplaintRow) -> int:
    """The last stage with a response: the one the remedies belong to."""
    if row.stage_3_responded:
        return 3
    if row.stage_2_responded:
        return 2
    return 1


def _findings(outcome: str | None) -> dict[int, PointFinding]:
    """The row's outcome for the one point an imported complaint has (complaint_create numbers it 1)."""
    return {1: PointFinding(outcome or "")}


def _remedies(row: ComplaintRow) -> list[RemedyInput]:
    remedies = [RemedyInput(kind=kind, amount=row.payment_amount if kind == RemedyKind.FINANCIAL else None)
                for kind in row.remedies]
    if row.payment_amount and RemedyKind.FINANCIAL not in row.remedies:
        remedies.append(RemedyInput(kind=RemedyKind.FINANCIAL, amount=row.payment_amount))
    return remedies
