"""Reading a council's register file into a header and rows, refusing anything unsafe.

A file is judged by its content, never by its name: a ZIP that holds a workbook is read as XLSX,
text is read as CSV, and anything else (a picture, a PDF, an old binary .xls) is refused. Every
limit is checked before the expensive step it protects: the byte size before parsing, the
uncompressed sizes of the ZIP members before openpyxl inflates them, the row count while reading.
XML inside an XLSX is parsed by defusedxml (through openpyxl), so entity expansion ("billion
laughs") and external entities are refused rather than expanded.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import BinaryIO

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.utils import get_column_letter

from .problems import FileRejected, Problem

# A cell is text, or a date when the workbook stored a date (openpyxl gives a datetime).
Cell = str | date


@dataclass(frozen=True)
class Limits:
    """How much a single import may hold. Generous for a decade of one council's complaints."""

    max_bytes: int = 20 * 1024 * 1024
    max_rows: int = 50_000
    max_columns: int = 100
    max_cell_chars: int = 10_000
    # A real XLSX compresses its XML 5 to 30 times; a zip bomb compresses thousands of times.
    max_uncompressed_bytes: int = 400 * 1024 * 1024
    max_compression_ratio: int = 200
    max_zip_members: int = 1_000


@dataclass(frozen=True)
class SourceRow:
    """One row with data, numbered as the spreadsheet shows it (the header is row 1)."""

    number: int
    cells: tuple[Cell, ...]


@dataclass
class Table:
    """A file's header and its non-blank rows; ``problems`` are cells that cannot be used
    (formulas, error values, over-long text); ``notices`` say how the file was read."""

    header: tuple[str, ...]
    rows: list[SourceRow]
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    file_kind: str = ""


_BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG picture",
    b"\xff\xd8\xff": "a JPEG picture",
    b"GIF8": "a GIF picture",
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old-style Excel (.xls) or Word file; save it as .xlsx or CSV UTF-8",
    b"Rar!": "a RAR archive",
    b"\x1f\x8b": "a gzip archive",
}


def read_table(source: str | Path | bytes | BinaryIO, *, sheet: str = "", limits: Limits | None = None) -> Table:
    """The header and rows of a CSV or XLSX file (a path, bytes, or an uploaded file object).

    Raises FileRejected when the file cannot be read safely; cell-level problems come back in
    ``Table.problems`` so every one can be listed at once.
    """
    limits = limits or Limits()
    data = _read_bytes(source, limits)
    if not data.strip():
        raise FileRejected("The file is empty.")
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise FileRejected(f"The file is {what}, not a CSV or XLSX spreadsheet.")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, sheet=sheet, limits=limits)
    if sheet:
        raise FileRejected("A CSV file has no sheets; leave out the sheet name.")
    return _read_csv(data, limits=limits)


def _read_bytes(source: str | Path | bytes | BinaryIO, limits: Limits) -> bytes:
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, (str, Path)):
        with open(source, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise FileRejected(
            f"The file is larger than {_megabytes(limits.max_bytes)}; split it into smaller files."
        )
    return data


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


# CSV -----------------------------------------------------------------------------------------


def _read_csv(data: bytes, *, limits: Limits) -> Table:
    notices: list[str] = []
    if b"\x00" in data:
        # Text files never hold NUL bytes; UTF-16 text does, and Excel's "Unicode text" is UTF-16.
        raise FileRejected(
            "The file is not a CSV or XLSX spreadsheet (it holds binary data). In Excel, use "
            "Save As and choose \"CSV UTF-8\" or \"Excel Workbook (.xlsx)\"."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV" on Windows writes Windows-1252, where £ is byte A3. Reading it as
        # that is right for nearly every English register; we say so, so nobody is surprised.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise FileRejected(
                "The file's text is in an encoding Fair Hearing cannot read. In Excel, use Save As "
                "and choose \"CSV UTF-8\"."
            ) from None
        notices.append(
            "The file is not UTF-8, so it was read as Windows-1252 (Excel's older CSV format). "
            "Check that £ signs and accented letters look right; saving as \"CSV UTF-8\" avoids this."
        )
    if _looks_binary(text):
        raise FileRejected("The file is not a CSV or XLSX spreadsheet (it holds binary data).")

    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    header: tuple[str, ...] = ()
    rows: list[SourceRow] = []
    problems: list[Problem] = []
    try:
        for index, record in enumerate(reader):
            number = index + 1
            if not header:
                if not any(cell.strip() for cell in record):
                    raise FileRejected("The first row must hold the column headers; it is blank.")
                header = _header_cells(record, limits)
                continue
            cells = _trim(record)
            if not cells:
                continue
            _check_row_size(number, cells, header, limits, problems)
            if len(rows) >= limits.max_rows:
                raise FileRejected(_too_many_rows(limits))
            rows.append(SourceRow(number, tuple(cells)))
    except csv.Error as error:
        raise FileRejected(f"The file is not a well-formed CSV file ({error}).") from None
    return Table(header=header, rows=rows, problems=problems, notices=notices, file_kind="CSV")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return controls > max(2, len(sample) // 100)


# XLSX ----------------------------------------------------------------------------------------


def _read_xlsx(data: bytes, *, sheet: str, limits: Limits) -> Table:
    if not openpyxl.DEFUSEDXML:
        # Without defusedxml openpyxl parses with the standard library, which expands entities.
        raise FileRejected("XLSX files cannot be read safely on this server (defusedxml is missing).")
    _check_zip(data, limits)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise _unreadable(error) from None
    try:
        return _read_sheet(workbook, sheet=sheet, limits=limits)
    except FileRejected:
        raise
    except Exception as error:
        raise _unreadable(error) from None
    finally:
        workbook.close()


def _unreadable(error: BaseException) -> FileRejected:
    """One message for a damaged workbook, and a distinct one when defusedxml refused its XML
    (openpyxl wraps that refusal in a ValueError, so the whole chain is searched)."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, DefusedXmlException):
            return FileRejected("The workbook holds unsafe XML (for example entity expansion) and was refused.")
        seen = seen.__cause__ or seen.__context__
    return FileRejected("The file is not a readable XLSX workbook. Open it in Excel and save it again.")


def _check_zip(data: bytes, limits: Limits) -> None:
    """Refuse a zip bomb from the sizes in the ZIP directory, before anything is inflated.

    Python's zipfile stops inflating a member at its declared size, so checking the declared
    sizes bounds what openpyxl can be made to read.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FileRejected("The file is not a readable XLSX workbook (the ZIP container is damaged).") from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_zip_members:
            raise FileRejected("The workbook has too many parts to be a register; it was refused.")
        names = {member.filename for member in members}
        if "xl/workbook.xml" not in names:
            raise FileRejected("The file is a ZIP archive but not an XLSX workbook.")
        total = 0
        for member in members:
            total += member.file_size
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > 1024 * 1024 and ratio > limits.max_compression_ratio:
                raise FileRejected(
                    "The workbook expands to far more than its size (a \"zip bomb\") and was refused."
                )
        if total > limits.max_uncompressed_bytes:
            raise FileRejected(
                f"The workbook holds more than {_megabytes(limits.max_uncompressed_bytes)} when "
                "unpacked; split it into smaller files."
            )


def _read_sheet(workbook, *, sheet: str, limits: Limits) -> Table:
    if sheet:
        if sheet not in workbook.sheetnames:
            names = ", ".join(f'"{name}"' for name in workbook.sheetnames)
            raise FileRejected(f'The workbook has no sheet called "{sheet}"; its sheets are {names}.')
        worksheet = workbook[sheet]
    else:
        worksheet = workbook.worksheets[0]
    if not hasattr(worksheet, "iter_rows"):
        raise FileRejected("The first sheet is a chart, not a table; name the sheet to read.")
    # A read-only sheet pads every row to the size the file declares (its <dimension>), and a tiny
    # file can declare A1:XFD1048576: seventeen billion empty cells to walk. Forget the declared
    # size, so only the cells the file really holds are read.
    worksheet.reset_dimensions()

    header: tuple[str, ...] = ()
    rows: list[SourceRow] = []
    problems: list[Problem] = []
    for number, raw in enumerate(worksheet.iter_rows(), start=1):
        values: list[Cell] = []
        for position, cell in enumerate(raw, start=1):
            data_type = getattr(cell, "data_type", "n")
            value = getattr(cell, "value", None)
            if value is None:
                values.append("")
                continue
            if data_type == "f" or (isinstance(value, str) and data_type != "s" and value.startswith("=")):
                column = _column_name(header, position)
                problems.append(Problem(number, column, "is a formula; paste the values instead"))
                values.append("")
                continue
            if data_type == "e":
                column = _column_name(header, position)
                problems.append(Problem(number, column, f"is an error in the spreadsheet ({value})"))
                values.append("")
                continue
            values.append(_cell_value(value))
        cells = _trim(values)
        if not header:
            if not cells:
                raise FileRejected("The first row must hold the column headers; it is blank.")
            header = _header_cells(cells, limits)
            continue
        if not cells:
            continue
        _check_row_size(number, cells, header, limits, problems)
        if len(rows) >= limits.max_rows:
            raise FileRejected(_too_many_rows(limits))
        rows.append(SourceRow(number, tuple(cells)))
    if not header:
        raise FileRejected("The sheet is empty.")
    return Table(header=header, rows=rows, problems=problems, file_kind="XLSX")


def _cell_value(value: object) -> Cell:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        # Excel stores every number as a float; 1800.0 is the whole number 1800.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


# Shared --------------------------------------------------------------------------------------


def _trim(cells: list) -> list:
    """The row without trailing blank cells; an empty list for a blank row."""
    cells = [cell.strip() if isinstance(cell, str) else cell for cell in cells]
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def _header_cells(cells: list, limits: Limits) -> tuple[str, ...]:
    header = tuple(str(cell).strip() for cell in _trim(list(cells)))
    if len(header) > limits.max_columns:
        raise FileRejected(f"The file has {len(header)} columns; a register has at most {limits.max_columns}.")
    return header


def _check_row_size(number: int, cells: list, header: tuple[str, ...], limits: Limits, problems: list[Problem]) -> None:
    if len(cells) > limits.max_columns:
        raise FileRejected(f"Row {number} has {len(cells)} columns; a register has at most {limits.max_columns}.")
    for position, cell in enumerate(cells, start=1):
        if isinstance(cell, str) and len(cell) > limits.max_cell_chars:
            problems.append(Problem(
                number, _column_name(header, position),
                f"is {len(cell):,} characters long; the most a cell may hold is {limits.max_cell_chars:,}",
            ))


def _column_name(header: tuple[str, ...], position: int) -> str:
    if position <= len(header) and header[position - 1]:
        return header[position - 1]
    return f"column {get_column_letter(position)}"


def _too_many_rows(limits: Limits) -> str:
    return f"The file has more than {limits.max_rows:,} rows; split it into smaller files."
