"""Writing complaints out in the canonical register format, so the file can be imported again,
and the CSV and XLSX writing every register's export shares (registers/ gives the other kinds' rows).

The columns, their headers and their order come from columns.py, the same source the importer
reads by, so an exported file imports without a column mapping. Each complaint is one row, with
codes rather than labels (the importer accepts both, and codes do not change when a label is
reworded) and dates in ISO form (2021-04-01), which no spreadsheet misreads as month/day.

What the format cannot carry (several points with different outcomes, acknowledgement dates,
more than one child, a legal status other than looked after) is listed in docs/import.md.

Every value written is text; text a spreadsheet would run as a formula is made inert with
core.spreadsheets.neutralise, since a reference or a learning note may begin with "=" or "-".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import IO

import xlsxwriter
from django.db.models import Prefetch, QuerySet

from fairhearing.cases.choices import ClosureReason
from fairhearing.cases.models import Complaint, ComplaintChild
from fairhearing.core.spreadsheets import neutralise
from fairhearing.people.choices import LegalStatus
from fairhearing.stages.choices import RemedyKind

from .columns import COMPLAINT_COLUMNS

SEPARATOR = "; "
HEADERS: tuple[str, ...] = tuple(column.header for column in COMPLAINT_COLUMNS)


def complaints_export_queryset(complaints: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """The complaints with everything a row needs fetched in a fixed number of queries."""
    return (
        complaints.select_related("procedure")
        .prefetch_related(
            "teams", "themes", "complainants",
            Prefetch("children", queryset=ComplaintChild.objects.select_related("child__monitoring").order_by("pk")),
            "stages__extensions", "stages__remedies", "learning_notes__stage",
        )
        .order_by("received_on", "reference")
    )


def complaints_export_header() -> list[str]:
    return list(HEADERS)


def complaints_export_rows(*, complaints: QuerySet[Complaint]) -> Iterator[list[str]]:
    """One row of text per complaint, in the canonical columns' order (no header row)."""
    for complaint in complaints_export_queryset(complaints):
        row = _complaint_values(complaint)
        yield [row.get(header, "") for header in HEADERS]


def complaints_export_csv(*, complaints: QuerySet[Complaint], output: IO[bytes]) -> int:
    """Write the register as CSV (UTF-8 with a byte order mark, which Excel needs to read
    accents correctly) to a binary file; returns the number of complaints written."""
    return register_write_csv(header=complaints_export_header(), rows=complaints_export_rows(complaints=complaints),
                              output=output)


def complaints_export_xlsx(*, complaints: QuerySet[Complaint], output: IO[bytes]) -> int:
    """Write the register as an XLSX workbook with one sheet to a binary file; returns the count."""
    return register_write_xlsx(header=complaints_export_header(), rows=complaints_export_rows(complaints=complaints),
                               output=output, sheet="Complaints")


def register_write_csv(*, header: Iterable[str], rows: Iterable[list[str]], output: IO[bytes]) -> int:
    """Write a register's header and rows of text as CSV (UTF-8 with a byte order mark) to a binary
    file, each value made inert if a spreadsheet would run it; returns the number of rows."""
    text = io.TextIOWrapper(output, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(list(header))
    count = 0
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
        count += 1
    text.flush()
    text.detach()  # leave the caller's file open
    return count


def register_write_xlsx(*, header: Iterable[str], rows: Iterable[list[str]], output: IO[bytes], sheet: str) -> int:
    """Write a register's header and rows as an XLSX workbook with one sheet; returns the count.

    Every cell is written as a string, so nothing is turned into a formula, a number or a date
    by the writer; dates stay ISO text, which the importer reads.
    """
    workbook = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_numbers": False, "strings_to_urls": False})
    worksheet = workbook.add_worksheet(sheet)
    bold = workbook.add_format({"bold": True})
    for column, heading in enumerate(header):
        worksheet.write_string(0, column, heading, bold)
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value:
                worksheet.write_string(count, column, neutralise(value))
    worksheet.freeze_panes(1, 0)
    workbook.close()
    return count


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _joined(values: Iterable[str]) -> str:
    return SEPARATOR.join(values)


def _complaint_values(complaint: Complaint) -> dict[str, str]:
    """The complaint's cells by canonical header; a header left out is blank."""
    complainants = sorted(complaint.complainants.all(), key=lambda link: (not link.is_primary, link.pk))
    stages = {stage.number: stage for stage in complaint.stages.all()}
    withdrawn = complaint.closed_on if complaint.closure_reason == ClosureReason.WITHDRAWN else None
    values = {
        "Reference": complaint.reference,
        "Received": _iso(complaint.received_on),
        "Procedure": complaint.procedure.kind,
        "Channel": complaint.channel,
        "Complainant type": complainants[0].relationship if complainants else "",
        "Team": _joined(sorted((team.name for team in complaint.teams.all()), key=str.casefold)),
        "Themes": _joined(sorted((theme.name for theme in complaint.themes.all()), key=str.casefold)),
        "Withdrawn": _iso(withdrawn),
    }
    if one := stages.get(1):
        extensions = sorted(one.extensions.all(), key=lambda extension: extension.pk)
        values.update({
            "Stage 1 responded": _iso(one.responded_on),
            "Stage 1 extended": _iso(extensions[-1].new_due_on) if extensions else "",
            "Stage 1 outcome": one.outcome,
        })
    if two := stages.get(2):
        values.update({
            "Stage 2 requested": _iso(two.requested_on),
            "Stage 2 statement agreed": _iso(two.statement_agreed_on),
            "Stage 2 responded": _iso(two.responded_on),
            "Stage 2 outcome": two.outcome,
        })
    if three := stages.get(3):
        values.update({
            "Stage 3 requested": _iso(three.requested_on),
            "Stage 3 panel": _iso(three.panel_met_on),
            "Stage 3 responded": _iso(three.responded_on),
            "Stage 3 outcome": three.outcome,
        })
    values.update(_remedy_values(stages.values()))
    values.update(_child_values(complaint))
    values["Learning"] = _learning(complaint)
    return values


def _remedy_values(stages: Iterable) -> dict[str, str]:
    """Every remedy kind offered at any stage, once each, and the total paid."""
    kinds: list[str] = []
    paid: Decimal | None = None
    for stage in sorted(stages, key=lambda each: each.number):
        for remedy in sorted(stage.remedies.all(), key=lambda each: each.pk):
            if remedy.kind not in kinds:
                kinds.append(remedy.kind)
            if remedy.kind == RemedyKind.FINANCIAL and remedy.amount is not None:
                paid = (paid or Decimal(0)) + remedy.amount
    return {"Remedies": _joined(kinds), "Payment amount": f"{paid:.2f}" if paid is not None else ""}


def _child_values(complaint: Complaint) -> dict[str, str]:
    """The first child's date of birth (or, without one, the age recorded when the complaint was
    received), monitoring codes and whether they were looked after."""
    links = list(complaint.children.all())
    if not links:
        return {}
    link = links[0]
    child = link.child
    values = {
        "Child date of birth": _iso(child.date_of_birth),
        "Looked after": "yes" if child.legal_status == LegalStatus.LOOKED_AFTER else "no",
    }
    if child.date_of_birth is None and link.age_when_received is not None:
        # The date of birth, when known, says the age already; an age beside it could only disagree.
        values["Child age"] = str(link.age_when_received)
    monitoring = getattr(child, "monitoring", None)
    if monitoring is not None:
        values.update({"Gender": monitoring.gender, "Ethnicity": monitoring.ethnicity,
                       "Disability": monitoring.disability, "Religion": monitoring.religion})
    return values


def _learning(complaint: Complaint) -> str:
    """The text of the first learning note from Stage 1 (or about the complaint as a whole)."""
    notes = sorted(complaint.learning_notes.all(), key=lambda note: note.pk)
    for note in notes:
        if note.stage is None or note.stage.number == 1:
            return note.what_was_learned
    return ""
