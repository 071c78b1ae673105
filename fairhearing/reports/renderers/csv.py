"""A report as CSV: one file per table, or a ZIP of them all with a README.

Each CSV is the table a program would want: a header row (the row heading, then the column
labels), then one row per table row with machine values: numbers unformatted (1234, 83.3 for
83.3%, money as 1800.00), a hidden cell as its mark ("<5" or "*"), never its number. A
"83.3% (5)" column becomes two: the percentage and the number. After a blank line come the
table's title, basis and notes, so the file still says what it counts when it travels alone.

UTF-8 with a byte order mark, so Excel reads "£" and accented names correctly; text a spreadsheet
would run as a formula is neutralised with a leading single quote.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime

from django.utils import timezone

from fairhearing.core.spreadsheets import neutralise

from ..report import Report
from ..tables import Table
from ._common import (
    clean,
    cover_lines,
    flat_columns,
    report_tables,
    unique_names,
)

CONTENT_TYPE = "text/csv; charset=utf-8"
ZIP_CONTENT_TYPE = "application/zip"
BOM = "\ufeff"


def _text(value: object) -> object:
    """Strings cleaned and neutralised; numbers as they are."""
    return neutralise(clean(value)) if isinstance(value, str) else value


def table_csv(table: Table) -> bytes:
    """One table as CSV bytes (UTF-8 with BOM, CRLF line ends as RFC 4180 has them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = flat_columns(table)
    writer.writerow([_text(table.row_heading or "Row"), *(_text(c.label) for c in columns)])
    for row in table.rows:
        values = [c.cell_value(row.cells[c.index]) for c in columns]
        writer.writerow([_text(row.label), *("" if v is None else _text(v) for v in values)])
    writer.writerow([])
    writer.writerow(["Table", _text(table.title)])
    if table.basis:
        writer.writerow(["Basis", _text(table.basis)])
    for note in table.notes:
        writer.writerow(["Note", _text(note)])
    return (BOM + buffer.getvalue()).encode("utf-8")


def csv_file_names(report: Report) -> list[str]:
    """A file name per table, from its key (unique even if two tables shared a key)."""
    return [f"{name}.csv" for name in unique_names([t.key for _s, t in report_tables(report)])]


def readme_text(report: Report) -> str:
    lines = [report.title, "=" * len(report.title), ""]
    lines += [f"{line.label}: {line.value}" for line in cover_lines(report)]
    lines += [
        "",
        "One CSV file per table. Each starts with a header row; numbers are unformatted:",
        "percentages are in per cent (83.3 means 83.3%), money is in pounds with two decimals,",
        'and a column shown as "83.3% (5)" in the report is split into the percentage and the',
        "number. After a blank line, each file gives the table's title, what it counts (basis)",
        "and any notes.",
    ]
    if report.published:
        threshold = report.options.threshold
        lines.append(
            f"Numbers from 1 to {threshold - 1} are shown as <{threshold}, and figures that would "
            "let them be worked out as *."
        )
    lines += ["", "Files:"]
    names = csv_file_names(report)
    for name, (section, table) in zip(names, report_tables(report), strict=True):
        lines.append(f"  {name}  {clean(section.title)}: {clean(table.title)}")
    return "\r\n".join(clean(line) for line in lines) + "\r\n"


def _zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return (max(local.year, 1980), local.month, local.day, local.hour, local.minute, local.second)


def render_csv_zip(report: Report) -> bytes:
    """Every table as its own CSV, with README.txt, in one ZIP (same report, same bytes)."""
    buffer = io.BytesIO()
    when = _zip_time(report.generated_at)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        def add(name: str, content: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)

        add("README.txt", (BOM + readme_text(report)).encode("utf-8"))
        for name, (_section, table) in zip(csv_file_names(report), report_tables(report), strict=True):
            add(name, table_csv(table))
    return buffer.getvalue()
