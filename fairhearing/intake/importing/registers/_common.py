"""What the registers of compliments, enquiries and Ombudsman cases share: writing a checked file
as one batch, all or nothing and idempotent by its key; rules about dates; and export cells.

The complaints register has its own writer (importing/writer.py), which does the same things
through the stage services; its ImportResult is the result of every kind, so callers read one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from fairhearing.audit.services import audit_record
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError

from ...models import ImportBatch, ImportedRecord
from ..columns import RegisterKind
from ..problems import Problem
from ..rows import RowChecker, Validation
from ..writer import ImportResult

# Filled in where a service needs text the register does not hold.
NOT_RECORDED = "Not recorded in the imported register."
FROM_REGISTER = "Imported from the register."
# How many rows between two calls of an import's progress callback.
PROGRESS_EVERY = 100


def import_rows(
    *, validation: Validation, kind: RegisterKind, key: str, model: type[models.Model], file_name: str,
    file_sha256: str, actor: Any, existing_keys: Iterable[str], write_row: Callable[[Any], models.Model],
    noun: str, progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Write every row of a checked register, all or nothing, through ``write_row`` (which calls the
    services a person's screens call, so each record is as if entered by hand).

    A row whose ``key`` an earlier import brought in, or a record entered by hand already has
    (``existing_keys``), is skipped and counted as already present: importing a file twice, or
    importing a file exported from this database, changes nothing. Each record made is marked with
    the batch, its file row and the register's key. ``noun`` is the plural ("compliments").
    ``progress`` is called with (rows done, rows in the file) as the import goes, and at the end.
    """
    if validation.kind != kind:
        raise DomainError(f"This is a register of {validation.kind.value}, not of {kind.value}.")
    if not validation.is_valid:
        count = len(validation.problems)
        raise DomainError(
            f"The file has {count} problem{'s' if count != 1 else ''}; fix them and check it again. "
            "Nothing was written."
        )
    content_type = ContentType.objects.get_for_model(model)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            kind=kind, file_name=file_name, file_sha256=file_sha256, row_count=validation.row_count,
            imported_by=actor,
        )
        result = ImportResult(batch=batch)
        done = {reference.casefold() for reference in existing_keys}
        done.update(reference.casefold() for reference in ImportedRecord.objects.filter(
            content_type=content_type).values_list("reference", flat=True))
        total = len(validation.rows)
        for number, row in enumerate(validation.rows, start=1):
            if progress is not None and number % PROGRESS_EVERY == 0:
                progress(number, total)
            reference = getattr(row, key)
            if reference.casefold() in done:
                result.already_present.append(reference)
                continue
            try:
                record = write_row(row)
            except DomainError as error:
                raise DomainError(f"Row {row.source_row} ({reference}): {error.message} Nothing was written.") from error
            ImportedRecord.objects.create(batch=batch, row_number=row.source_row, content_type=content_type,
                                          object_id=record.pk, reference=reference)
            result.created.append(record)
        if progress is not None:
            progress(total, total)
        batch.created_count = result.created_count
        batch.already_present_count = result.already_present_count
        batch.save(update_fields=["created_count", "already_present_count"])
        audit_record(
            actor=actor, verb="import.completed", subject=batch,
            summary=f"Register imported: {batch.created_count} {noun} made, "
                    f"{batch.already_present_count} already imported",
            data={"file_sha256": file_sha256, "rows": validation.row_count, "kind": kind.value},
        )
    return result


# Rules ----------------------------------------------------------------------------------------

Add = Callable[[str, str], None]


def adder(number: int, checker: RowChecker, problems: list[Problem]) -> Add:
    """A function recording a problem on this row in the column named by attribute."""
    def add(name: str, message: str) -> None:
        problems.append(Problem(number, checker.header_for(name), message))
    return add


def dates_not_in_future(values: dict, today: date, add: Add, *, may_be_future: Iterable[str] = ()) -> None:
    """Every date has happened (today is allowed), except those that are deadlines."""
    exempt = set(may_be_future)
    for name, value in values.items():
        if isinstance(value, date) and name not in exempt and value > today:
            add(name, f"{long_date(value)} is in the future")


def dates_in_order(values: dict, checker: RowChecker, add: Add,
                   order: Iterable[tuple[str, tuple[str, ...]]]) -> None:
    """Each date not before the first of its earlier events that is given (the same day is fine)."""
    for name, earlier_names in order:
        value = values.get(name)
        if value is None:
            continue
        for earlier_name in earlier_names:
            earlier = values.get(earlier_name)
            if earlier is not None:
                if value < earlier:
                    add(name, f"{long_date(value)} is before {checker.header_for(earlier_name)} ({long_date(earlier)})")
                break


def needs(values: dict, checker: RowChecker, add: Add, name: str, because: Iterable[str], what: str) -> None:
    """``name`` must be given when any of ``because`` is: "is blank; X is filled in, so give what"."""
    if values.get(name) is not None:
        return
    for other in because:
        if values.get(other) not in (None, ()):
            add(name, f"is blank; {checker.header_for(other)} is filled in, so give {what}")
            return


# Export ---------------------------------------------------------------------------------------


def iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def register_references(model: type[models.Model]) -> dict[int, str]:
    """The register's own reference of each record an import made, by the record's id.

    The export writes it in place of Fair Hearing's reference, so an exported file says what the
    council's register said, and importing it again finds every row already present.
    """
    return dict(ImportedRecord.objects.filter(content_type=ContentType.objects.get_for_model(model))
                .values_list("object_id", "reference"))


def person_name(person: Any) -> str:
    """A person's first and last names as one cell ("" for nobody)."""
    if person is None:
        return ""
    return " ".join(part for part in (person.first_name, person.last_name) if part)
