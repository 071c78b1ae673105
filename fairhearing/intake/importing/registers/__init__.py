"""The four registers a council can import and export: complaints, compliments, Members' enquiries
and Ombudsman cases, and one way in and out for each of them.

- checking: ``rows.validate_file(source, kind=...)`` reads a file as a register of that kind,
  through the kind's RegisterSpec in ``SPECS``;
- importing: :func:`import_register` writes a checked file through the kind's writer;
- exporting: :func:`export_register` writes a kind's records in the same canonical format, as CSV
  or XLSX, so the file imports again unchanged.

The columns of every kind are in columns.py; docs/import.md describes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from django.db import models
from django.db.models import QuerySet

from fairhearing.cases.models import Complaint, Compliment, Enquiry
from fairhearing.core.errors import DomainError
from fairhearing.ombudsman.models import OmbudsmanCase

from ..columns import COLUMNS, RegisterKind
from ..export import complaints_export_rows, register_write_csv, register_write_xlsx
from ..rows import RegisterSpec, Validation
from ..writer import ImportResult, import_complaints
from . import complaints, compliments, enquiries, ombudsman
from .compliments import compliments_export_rows, import_compliments
from .enquiries import enquiries_export_rows, import_enquiries
from .ombudsman_writer import import_ombudsman_cases, ombudsman_export_rows

SPECS: dict[RegisterKind, RegisterSpec] = {
    RegisterKind.COMPLAINTS: complaints.SPEC,
    RegisterKind.COMPLIMENTS: compliments.SPEC,
    RegisterKind.ENQUIRIES: enquiries.SPEC,
    RegisterKind.OMBUDSMAN: ombudsman.SPEC,
}

# How messages count each kind's records: (one, several).
NOUNS: dict[RegisterKind, tuple[str, str]] = {
    RegisterKind.COMPLAINTS: ("complaint", "complaints"),
    RegisterKind.COMPLIMENTS: ("compliment", "compliments"),
    RegisterKind.ENQUIRIES: ("enquiry", "enquiries"),
    RegisterKind.OMBUDSMAN: ("Ombudsman case", "Ombudsman cases"),
}

Progress = Callable[[int, int], None]


def register_count(kind: RegisterKind | str, count: int) -> str:
    """ "1 compliment", "3 Ombudsman cases", "10,000 complaints"."""
    one, several = NOUNS[RegisterKind(kind)]
    return f"{count:,} {one if count == 1 else several}"


def import_register(
    *, validation: Validation, file_name: str, file_sha256: str, actor: Any, adjudicator: Any = None,
    today: date | None = None, progress: Progress | None = None,
) -> ImportResult:
    """Write every row of a checked register through the writer of its kind, all or nothing, in one
    transaction; a row already imported (by its key) is left alone and counted as already present.

    ``adjudicator`` is the senior manager recorded as making imported Stage 2 adjudications (used by
    complaints registers only; default ``actor``). ``progress`` is called with (rows done, rows in
    the file) as the import goes. Raises DomainError for a file with problems, naming nothing
    written.
    """
    kind = RegisterKind(validation.kind)
    common = {"validation": validation, "file_name": file_name, "file_sha256": file_sha256, "actor": actor,
              "today": today, "progress": progress}
    if kind == RegisterKind.COMPLAINTS:
        return import_complaints(adjudicator=adjudicator, **common)
    writers = {
        RegisterKind.COMPLIMENTS: import_compliments,
        RegisterKind.ENQUIRIES: import_enquiries,
        RegisterKind.OMBUDSMAN: import_ombudsman_cases,
    }
    return writers[kind](**common)


@dataclass(frozen=True)
class RegisterExport:
    """How one kind's records are exported: which records, and their rows of text."""

    kind: RegisterKind
    model: type[models.Model]
    rows: Callable[[QuerySet], Iterator[list[str]]]
    sheet: str

    @property
    def header(self) -> list[str]:
        return [column.header for column in COLUMNS[self.kind]]


EXPORTS: dict[RegisterKind, RegisterExport] = {
    RegisterKind.COMPLAINTS: RegisterExport(
        RegisterKind.COMPLAINTS, Complaint, lambda records: complaints_export_rows(complaints=records), "Complaints"),
    RegisterKind.COMPLIMENTS: RegisterExport(
        RegisterKind.COMPLIMENTS, Compliment, lambda records: compliments_export_rows(compliments=records),
        "Compliments"),
    RegisterKind.ENQUIRIES: RegisterExport(
        RegisterKind.ENQUIRIES, Enquiry, lambda records: enquiries_export_rows(enquiries=records), "Enquiries"),
    RegisterKind.OMBUDSMAN: RegisterExport(
        RegisterKind.OMBUDSMAN, OmbudsmanCase, lambda records: ombudsman_export_rows(cases=records), "Ombudsman"),
}
FORMATS = ("csv", "xlsx")


def export_register(
    *, kind: RegisterKind | str, file_format: str, output: IO[bytes], received_from: date | None = None,
    received_to: date | None = None, records: QuerySet | None = None,
) -> int:
    """Write a kind's records in the canonical register format to a binary file; returns the count.

    Every record of the kind, or ``records`` (a queryset of that kind, for a caller that limits
    what a user may see), received on or between ``received_from`` and ``received_to`` when given
    (for an Ombudsman case: the day the council was told of it). ``file_format`` is csv or xlsx.
    """
    export = EXPORTS[RegisterKind(kind)]
    if file_format not in FORMATS:
        raise DomainError(f"Choose csv or xlsx, not {file_format}.")
    chosen = export.model._default_manager.all() if records is None else records
    if received_from:
        chosen = chosen.filter(received_on__gte=received_from)
    if received_to:
        chosen = chosen.filter(received_on__lte=received_to)
    if file_format == "csv":
        return register_write_csv(header=export.header, rows=export.rows(chosen), output=output)
    return register_write_xlsx(header=export.header, rows=export.rows(chosen), output=output, sheet=export.sheet)
