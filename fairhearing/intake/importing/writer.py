"""Writing a checked complaints register as real records, exactly as the services would.

The whole file is one transaction: a row a service would refuse (a Stage 1 extension to a bank
holiday, say) stops the import with that row's number and nothing is written. A reference an
earlier import already brought in is left alone and counted as already present, so importing the
same file twice changes nothing; a reference a complaint entered by hand already uses, in any
case, stops the import before anything is written.

What each row means, step by step, is in ``replay.py``. The rows are written by
``bulk.BatchReplay``: the same steps, checks, due dates, stored working days and audit events as
``complaint_create`` and the stage services, worked out in memory and saved a thousand rows at a
time, so 10,000 rows take seconds rather than minutes (docs/performance.md). ``row_by_row=True``
instead calls the services themselves for each row; ``fairhearing/intake/tests/test_writer_paths.py``
checks, field by field, that both ways write the same records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models.functions import Upper

from fairhearing.audit.services import audit_record
from fairhearing.cases import services as case_services
from fairhearing.cases.allocation_listeners import allocation_notices_suppressed
from fairhearing.cases.models import Complaint, ComplaintChild
from fairhearing.core import clock
from fairhearing.core.errors import DomainError
from fairhearing.learning.services import notes as learning_services
from fairhearing.people import services as people_services
from fairhearing.stages import services as stage_services
from fairhearing.workingdays.selectors import calendar_get

from ..models import ImportBatch, ImportedRecord
from .bulk import BatchReplay
from .columns import RegisterKind
from .replay import Replay
from .rows import ComplaintRow, Validation

# How many rows between two calls of an import's progress callback.
PROGRESS_EVERY = 100
# References checked in one query, at most (each query reads every complaint once): within what
# PostgreSQL binds in one statement (65,535), and lowered to the database's own limit where Django
# knows one (999 for SQLite, whose oldest versions bind no more).
REFERENCE_CHUNK = 10_000


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
    row_by_row: bool = False,
) -> ImportResult:
    """Write every row of a checked complaints register, all or nothing.

    ``adjudicator`` is the senior manager recorded as making imported Stage 2 adjudications
    (default: ``actor``); it is only needed when a row has a statutory Stage 2 response.
    ``progress`` is called with (rows done, rows in the file) as the import goes, and at the end.
    ``row_by_row`` calls the services for each row instead of saving rows in batches: the same
    records, many times slower (the batches need a database that returns the keys of rows
    inserted together, as PostgreSQL and SQLite 3.35 or later do; without one it is always used).
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
    kind = _ServiceReplay if row_by_row or not connection.features.can_return_rows_from_bulk_insert else BatchReplay
    # A register replays past work: allocations in it are not news to anyone, so nobody is emailed.
    with transaction.atomic(), allocation_notices_suppressed():
        batch = ImportBatch.objects.create(
            kind=validation.kind, file_name=file_name, file_sha256=file_sha256,
            row_count=validation.row_count, imported_by=actor,
        )
        writer = kind(batch=batch, actor=actor, adjudicator=adjudicator, today=today, calendar=calendar_get())
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
        writer.finish()
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


def _references_free_require(rows: Sequence[ComplaintRow]) -> None:
    """Refuse the file, naming the row, if a complaint already uses one of its references in any case.

    A query per 10,000 rows (999 on SQLite) instead of complaint_create's own check, which no index
    serves and so reads every complaint once per row (docs/performance.md); each row's complaint_create is
    then told its reference was checked. The comparison is that check's ``iexact``: the stored
    reference upper-cased by the database against the row's upper-cased here, which for ASCII (all
    a council's references in practice) is the same on PostgreSQL, SQLite and in Python. A
    reference with any other letter is checked on its own, by the database, as complaint_create
    would check it.
    """
    plain = [row for row in rows if row.reference.isascii()]
    size = min(REFERENCE_CHUNK, connection.features.max_query_params or REFERENCE_CHUNK)
    for start in range(0, len(plain), size):
        chunk = plain[start:start + size]
        keys = [row.reference.upper() for row in chunk]
        if Complaint.objects.annotate(key=Upper("reference")).filter(key__in=keys).exists():
            _reference_clash_raise(chunk)
    _reference_clash_raise([row for row in rows if not row.reference.isascii()])


def _reference_clash_raise(rows: Sequence[ComplaintRow]) -> None:
    """Raise for the first of ``rows`` whose reference is in use, as complaint_create would refuse it."""
    for row in rows:
        if Complaint.objects.filter(reference__iexact=row.reference).exists():
            raise DomainError(
                f"Row {row.source_row} ({row.reference}): The reference {row.reference} is already "
                "used by another complaint. Nothing was written."
            )


class _ServiceReplay(Replay):
    """Each step is the service itself, called with the file's one calendar."""

    def __init__(self, **arguments: Any) -> None:
        super().__init__(**arguments)
        # Each row's mark (file and row number), saved together at the end.
        self._marks: list[ImportedRecord] = []

    def audit(self, **arguments: Any) -> None:
        audit_record(**arguments)

    def mark(self, row: ComplaintRow, complaint: Complaint) -> None:
        self._marks.append(ImportedRecord(batch=self.batch, row_number=row.source_row,
                                          content_type=self.complaint_type, object_id=complaint.pk,
                                          reference=row.reference))

    def finish(self) -> None:
        ImportedRecord.objects.bulk_create(self._marks, batch_size=1000)
        self._marks = []

    def person_create(self, **arguments: Any) -> Any:
        return people_services.person_create(**arguments)

    def child_create(self, **arguments: Any) -> Any:
        return people_services.child_create(**arguments)

    def complaint_create(self, **arguments: Any) -> Complaint:
        # The file's references were all checked in one query before the first row.
        return case_services.complaint_create(**arguments, reference_checked=True, calendar=self.calendar)

    def complaint_child_age_record(self, *, complaint: Complaint, child: Any, age: int) -> None:
        # complaint_create made the link just now, in this transaction; the age is history from the
        # register, like the child's monitoring data, so it has no event of its own.
        ComplaintChild.objects.filter(complaint=complaint, child=child).update(age_when_received=age)

    def complaint_acknowledge(self, **arguments: Any) -> Complaint:
        return case_services.complaint_acknowledge(**arguments)

    def complaint_close(self, **arguments: Any) -> Complaint:
        return stage_services.complaint_close(**arguments)

    def complaint_withdraw(self, **arguments: Any) -> Complaint:
        return stage_services.complaint_withdraw(**arguments, calendar=self.calendar)

    def learning_note_record(self, **arguments: Any) -> Any:
        return learning_services.learning_note_record(**arguments)

    def stage_one_start(self, **arguments: Any) -> Any:
        return stage_services.stage_one_start(**arguments, calendar=self.calendar)

    def stage_extend(self, **arguments: Any) -> Any:
        return stage_services.stage_extend(**arguments, calendar=self.calendar)

    def stage_respond(self, **arguments: Any) -> Any:
        return stage_services.stage_respond(**arguments, calendar=self.calendar)

    def stage_request_next(self, **arguments: Any) -> Any:
        return stage_services.stage_request_next(**arguments, calendar=self.calendar)

    def stage_acknowledge_request(self, **arguments: Any) -> Any:
        return stage_services.stage_acknowledge_request(**arguments, calendar=self.calendar)

    def stage_two_agree_statement(self, **arguments: Any) -> Any:
        return stage_services.stage_two_agree_statement(**arguments, calendar=self.calendar)

    def stage_two_appoint(self, **arguments: Any) -> Any:
        return stage_services.stage_two_appoint(**arguments)

    def stage_two_adjudicate(self, **arguments: Any) -> Any:
        return stage_services.stage_two_adjudicate(**arguments, calendar=self.calendar)

    def stage_three_convene_panel(self, **arguments: Any) -> Any:
        return stage_services.stage_three_convene_panel(**arguments)

    def stage_three_panel_met(self, **arguments: Any) -> Any:
        return stage_services.stage_three_panel_met(**arguments, calendar=self.calendar)

    def stage_three_report_received(self, **arguments: Any) -> Any:
        return stage_services.stage_three_report_received(**arguments, calendar=self.calendar)

    def stage_three_council_respond(self, **arguments: Any) -> Any:
        return stage_services.stage_three_council_respond(**arguments, calendar=self.calendar)
