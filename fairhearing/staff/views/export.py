"""Exporting the filtered complaints list to CSV and XLSX.

The export has the same filters, search and order as the list, and every row rather than one
page. It holds no personal data beyond who holds each case, and its file name none at all. Each
export is written to the audit log with its row count and filters, never the search words or a
person's name.

A cell that begins with = + - @ (or a tab or carriage return) would be read as a formula by a
spreadsheet ("CSV injection"); such cells are neutralised with a leading single quote in both
formats, and the XLSX writer is also told never to turn a string into a formula or link.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

import xlsxwriter
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from fairhearing.audit.services import audit_record
from fairhearing.cases.listing import complaint_list_for_user, names_by_complaint
from fairhearing.cases.selectors import user_may_list_complaints
from fairhearing.core import clock
from fairhearing.core.spreadsheets import neutralise

from .caselist import ListRequest, list_request

EXPORTED = "complaints.exported"
COLUMNS = (
    "Reference", "Received", "Procedure", "Status", "Stage", "Next due date", "Overdue",
    "Teams", "Themes", "How received", "Held by",
)


@dataclass(frozen=True)
class ExportRow:
    """One complaint as a row of the export; dates stay dates until a renderer formats them."""

    reference: str
    received_on: date
    procedure: str
    status: str
    stage: str
    next_due_on: date | None
    overdue: bool
    teams: str
    themes: str
    channel: str
    held_by: str

    def cells(self) -> list[Any]:
        values = [
            self.reference, self.received_on, self.procedure, self.status, self.stage, self.next_due_on,
            "Yes" if self.overdue else "No", self.teams, self.themes, self.channel, self.held_by,
        ]
        return [neutralise(value) for value in values]


def export_rows(*, user: Any, asked: ListRequest) -> list[ExportRow]:
    """Every complaint the list shows for these filters (all pages), in the list's order."""
    complaints = complaint_list_for_user(user=user, filters=asked.filters, window=asked.window)
    teams = names_by_complaint(complaints, "teams")
    themes = names_by_complaint(complaints, "themes")
    today = asked.window.today
    rows = [
        ExportRow(
            reference=complaint.reference,
            received_on=complaint.received_on,
            procedure=complaint.procedure.name,
            status=complaint.get_status_display(),
            stage=f"Stage {complaint.stage_number}" if complaint.stage_number else "Not started",
            next_due_on=complaint.next_due_on,
            overdue=complaint.next_due_on is not None and complaint.next_due_on < today,
            teams="; ".join(teams.get(complaint.pk, [])),
            themes="; ".join(themes.get(complaint.pk, [])),
            channel=complaint.get_channel_display(),
            held_by=str(complaint.assigned_to) if complaint.assigned_to else "Not allocated",
        )
        for complaint in complaints.iterator(chunk_size=2000)
    ]
    return rows


def _csv(rows: list[ExportRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([value.isoformat() if isinstance(value, date) else value for value in row.cells()])
    # A byte order mark, so Excel reads the file as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(rows: list[ExportRow]) -> bytes:
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {
        # Rows go to a temporary file as they are written, so a large export does not fill memory.
        "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
    })
    sheet = workbook.add_worksheet("Complaints")
    header = workbook.add_format({"bold": True, "bottom": 1})
    day = workbook.add_format({"num_format": "d mmmm yyyy", "align": "left"})
    widths = (16, 18, 34, 26, 12, 18, 9, 30, 30, 18, 22)
    for column, (title, width) in enumerate(zip(COLUMNS, widths, strict=True)):
        sheet.write_string(0, column, title, header)
        sheet.set_column(column, column, width)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row.cells()):
            if isinstance(value, date):
                sheet.write_datetime(number, column, value, day)
            elif value is None:
                sheet.write_blank(number, column, None)
            else:
                sheet.write_string(number, column, value)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(COLUMNS) - 1)
    workbook.close()
    return output.getvalue()


FORMATS = {
    "csv": ("CSV", "text/csv; charset=utf-8", _csv),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _xlsx),
}


def _export(request: HttpRequest, extension: str) -> HttpResponse:
    if not user_may_list_complaints(request.user):
        raise PermissionDenied
    asked = list_request(request)
    if asked.problems or asked.form.errors:
        # Never export more than the user asked for: back to the list, which explains the problem.
        query = request.META.get("QUERY_STRING", "")
        return HttpResponseRedirect(reverse("staff:complaint_list") + (f"?{query}" if query else ""))
    name, content_type, render = FORMATS[extension]
    rows = export_rows(user=request.user, asked=asked)
    description = asked.form.describe(asked.filters, for_audit=True)
    content = render(rows)
    noun = "complaint" if len(rows) == 1 else "complaints"
    audit_record(
        actor=request.user, verb=EXPORTED, subject=None,
        summary=f"Exported {len(rows)} {noun} as {name}. " + "; ".join(description),
        data={"format": extension, "rows": len(rows), "filters": description},
    )
    response = HttpResponse(content, content_type=content_type)
    filename = f"complaints-{clock.today().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def complaint_export_csv(request: HttpRequest) -> HttpResponse:
    """The filtered list as CSV (UTF-8, for any spreadsheet)."""
    return _export(request, "csv")


@login_required
def complaint_export_xlsx(request: HttpRequest) -> HttpResponse:
    """The filtered list as an Excel workbook: real dates, a frozen header row and filters."""
    return _export(request, "xlsx")
