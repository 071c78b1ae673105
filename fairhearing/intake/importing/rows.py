"""Checking every row of a register against its columns and the rules between them.

Validation is all or nothing: it reads the whole file and lists every problem, and a caller writes
nothing unless the list is empty. Nothing here touches the database except to read the names of
teams and themes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from openpyxl.utils import get_column_letter

from fairhearing.cases.choices import ProcedureKind
from fairhearing.core import clock
from fairhearing.core.dates import long_date

from .columns import COLUMNS, Column, RegisterKind, ValueKind, header_key
from .files import Cell, Limits, Table, read_table
from .problems import Problem
from .values import (
    CodeList,
    NameList,
    code_lists,
    name_lists,
    parse_date,
    parse_list,
    parse_money,
    parse_whole_number,
    parse_yes_no,
)

MAX_REFERENCE_LENGTH = 30  # Complaint.reference
MAX_CHILD_AGE = 25  # care leavers may complain up to 25


@dataclass(frozen=True)
class ComplaintRow:
    """One valid complaint row, typed; blank cells are None (or an empty tuple for lists)."""

    source_row: int
    reference: str
    received: date
    procedure: str
    channel: str
    complainant_type: str
    team: tuple[str, ...]
    themes: tuple[str, ...] = ()
    stage_1_responded: date | None = None
    stage_1_extended: date | None = None
    stage_1_outcome: str | None = None
    withdrawn: date | None = None
    stage_2_requested: date | None = None
    stage_2_statement_agreed: date | None = None
    stage_2_responded: date | None = None
    stage_2_outcome: str | None = None
    stage_3_requested: date | None = None
    stage_3_panel: date | None = None
    stage_3_responded: date | None = None
    stage_3_outcome: str | None = None
    remedies: tuple[str, ...] = ()
    payment_amount: Decimal | None = None
    child_age: int | None = None
    child_date_of_birth: date | None = None
    gender: str | None = None
    ethnicity: str | None = None
    disability: str | None = None
    religion: str | None = None
    looked_after: bool | None = None
    learning: str = ""


ROW_TYPES = {RegisterKind.COMPLAINTS: ComplaintRow}


@dataclass
class Validation:
    """The outcome of checking a file: typed rows, every problem, and names offered for creation.

    ``rows`` holds only rows without problems; callers write nothing unless ``is_valid``.
    """

    kind: RegisterKind
    rows: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unknown_teams: set[str] = field(default_factory=set)
    unknown_themes: set[str] = field(default_factory=set)
    notices: list[str] = field(default_factory=list)
    row_count: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.problems


def attribute_name(column: Column) -> str:
    """The typed row's field for a column: "Stage 1 responded" is stage_1_responded."""
    return re.sub(r"[^a-z0-9]+", "_", column.header.lower()).strip("_")


def match_header(header: tuple[str, ...], columns: tuple[Column, ...]) -> tuple[dict[int, Column], list[Problem]]:
    """Which file column holds which canonical column, or the problems that stop the import.

    Missing required columns, headers that match no column, and a column given twice are all
    reported at once; a blank header over empty cells is simply ignored.
    """
    by_key = {column.key: column for column in columns}
    positions: dict[int, Column] = {}
    seen: dict[str, str] = {}
    unknown: list[str] = []
    problems: list[Problem] = []
    for index, text in enumerate(header):
        if not text:
            continue
        column = by_key.get(header_key(text))
        if column is None:
            unknown.append(text)
        elif column.key in seen:
            problems.append(Problem(1, text, f"the column {column.header} appears twice ({seen[column.key]} and {text})"))
        else:
            seen[column.key] = text
            positions[index] = column
    missing = [column.header for column in columns if column.required and column.key not in seen]
    if missing:
        problems.append(Problem(None, "", f"The file has no column for: {', '.join(missing)}."))
    if unknown:
        problems.append(Problem(
            None, "",
            f"These headers are not columns of the register: {', '.join(unknown)}. Rename them to the "
            "column names in the import guide, or remove them.",
        ))
    return positions, problems


def validate_table(table: Table, *, kind: RegisterKind = RegisterKind.COMPLAINTS, today: date | None = None) -> Validation:
    """Check every row of a file read by files.read_table against the register's columns."""
    today = today or clock.today()
    columns = COLUMNS[kind]
    result = Validation(kind=kind, notices=list(table.notices), row_count=len(table.rows))
    positions, header_problems = match_header(table.header, columns)
    result.problems.extend(header_problems)
    if header_problems:
        return result
    result.problems.extend(table.problems)
    bad_cells = {(problem.row, problem.column) for problem in table.problems}
    bad_rows = {problem.row for problem in table.problems}

    fixed, names = code_lists(), name_lists()
    checker = _RowChecker(columns=columns, positions=positions, header=table.header, fixed=fixed, names=names, today=today)
    references: dict[str, int] = {}
    row_type = ROW_TYPES[kind]
    for source in table.rows:
        values, problems = checker.parse(source.number, source.cells, bad_cells)
        reference = values.get("reference")
        if reference:
            key = reference.casefold()
            if key in references:
                problems.append(Problem(
                    source.number, checker.header_for("reference"),
                    f"{reference} is also on row {references[key]}",
                ))
            else:
                references[key] = source.number
        if not problems and source.number not in bad_rows:
            # Only once every cell reads: a rule about a cell that did not parse would mislead.
            problems.extend(_complaint_rules(source.number, values, checker, today))
        if problems:
            result.problems.extend(problems)
        elif source.number not in bad_rows:
            result.rows.append(row_type(source_row=source.number, **values))
    result.unknown_teams = set(names["team"].unknown.values())
    result.unknown_themes = set(names["theme"].unknown.values())
    result.problems.sort(key=lambda problem: (problem.row or 0))
    return result


class _RowChecker:
    """Parses one row's cells by column kind, naming each problem by the header the file used."""

    def __init__(self, *, columns, positions, header, fixed: dict[str, CodeList], names: dict[str, NameList], today: date):
        self.columns = columns
        self.positions = positions
        self.fixed = fixed
        self.names = names
        self.today = today
        self.headers = {attribute_name(column): header[index] for index, column in positions.items()}
        self.headers.update({attribute_name(c): c.header for c in columns if attribute_name(c) not in self.headers})

    def header_for(self, name: str) -> str:
        return self.headers[name]

    def parse(self, number: int, cells: tuple[Cell, ...], bad_cells: set) -> tuple[dict, list[Problem]]:
        values: dict[str, object] = {}
        problems: list[Problem] = []
        for index, column in self.positions.items():
            raw = cells[index] if index < len(cells) else ""
            name = attribute_name(column)
            heading = self.headers[name]
            if (number, heading) in bad_cells:
                continue  # already reported by the file reader (a formula, an error value)
            value, problem = self._parse_cell(column, raw)
            if problem:
                problems.append(Problem(number, heading, problem))
            elif value is None or value == ():
                if column.required:
                    problems.append(Problem(number, heading, "is blank; every row needs this"))
            else:
                values[name] = value
        for index, cell in enumerate(cells):
            if index not in self.positions and cell != "":
                problems.append(Problem(number, f"column {get_column_letter(index + 1)}", "has a value but no header"))
        return values, problems

    def _parse_cell(self, column: Column, raw: Cell) -> tuple[object, str | None]:
        if column.kind == ValueKind.DATE:
            return parse_date(raw, today=self.today)
        if column.kind == ValueKind.MONEY:
            return parse_money(raw)
        if column.kind == ValueKind.WHOLE_NUMBER:
            return parse_whole_number(raw, maximum=MAX_CHILD_AGE if column.header == "Child age" else None)
        if column.kind == ValueKind.TEXT:
            text = " ".join(str(raw).split()) if column.header == "Reference" else str(raw).strip()
            if column.header == "Reference" and len(text) > MAX_REFERENCE_LENGTH:
                return None, f"{text} is longer than {MAX_REFERENCE_LENGTH} characters"
            return (text or None), None
        if column.choices == "yes_no":
            return parse_yes_no(raw)
        parser = self.fixed.get(column.choices) or self.names[column.choices]
        if isinstance(raw, date):
            return None, f"{raw:%d/%m/%Y} is a date, not {parser.name}"
        if column.kind == ValueKind.LIST:
            return parse_list(raw, parser)
        return parser.parse(raw)


# Order of events: each date may not be before the ones listed for it (when both are given).
_NOT_BEFORE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("stage_1_responded", ("received",)),
    ("stage_1_extended", ("received",)),
    ("withdrawn", ("received",)),
    ("stage_2_requested", ("stage_1_responded", "received")),
    ("stage_2_statement_agreed", ("stage_2_requested",)),
    ("stage_2_responded", ("stage_2_statement_agreed", "stage_2_requested")),
    ("stage_3_requested", ("stage_2_responded", "stage_2_requested")),
    ("stage_3_panel", ("stage_3_requested",)),
    ("stage_3_responded", ("stage_3_panel", "stage_3_requested")),
)
# An extended due date may lie ahead for a complaint still open; every other date has happened.
_MAY_BE_FUTURE = {"stage_1_extended"}
_STAGE_DATES = {
    2: ("stage_2_statement_agreed", "stage_2_responded", "stage_2_outcome"),
    3: ("stage_3_panel", "stage_3_responded", "stage_3_outcome"),
}


def _complaint_rules(number: int, values: dict, checker: _RowChecker, today: date) -> list[Problem]:
    """The rules between a complaint's cells, checked once every cell is readable."""
    problems: list[Problem] = []

    def add(name: str, message: str) -> None:
        problems.append(Problem(number, checker.header_for(name), message))

    for name, value in values.items():
        if isinstance(value, date) and name not in _MAY_BE_FUTURE and value > today:
            add(name, f"{long_date(value)} is in the future")
    for name, earlier_names in _NOT_BEFORE:
        value = values.get(name)
        if value is None:
            continue
        for earlier_name in earlier_names:
            earlier = values.get(earlier_name)
            if earlier is not None:
                if value < earlier:
                    add(name, f"{long_date(value)} is before {checker.header_for(earlier_name)} ({long_date(earlier)})")
                break  # the nearest earlier event given is the one that matters
    for stage in (1, 2, 3):
        responded, outcome = values.get(f"stage_{stage}_responded"), values.get(f"stage_{stage}_outcome")
        if responded and not outcome:
            add(f"stage_{stage}_outcome", f"is blank; a stage that was responded to needs its outcome "
                f"({checker.header_for(f'stage_{stage}_responded')} is {long_date(responded)})")
        if outcome and not responded:
            add(f"stage_{stage}_responded", "is blank; an outcome is given, so give the date of the response")
    for stage, later in _STAGE_DATES.items():
        requested = f"stage_{stage}_requested"
        if values.get(requested) is None:
            for name in later:
                if values.get(name):
                    add(requested, f"is blank; {checker.header_for(name)} is filled in, so give the date Stage {stage} was asked for")
                    break
    if values.get("procedure") == ProcedureKind.ELSEWHERE:
        for name in ("stage_1_responded", "stage_2_requested", "stage_3_requested"):
            if values.get(name):
                add(name, "is filled in, but a complaint routed to another process has no stages")
    problems.extend(_child_age_rules(number, values, checker))
    return problems


def _child_age_rules(number: int, values: dict, checker: _RowChecker) -> list[Problem]:
    born, age, received = values.get("child_date_of_birth"), values.get("child_age"), values["received"]
    if born is None:
        return []
    if born > received:
        return [Problem(number, checker.header_for("child_date_of_birth"),
                        f"{long_date(born)} is after the complaint was received ({long_date(received)})")]
    if age is None:
        return []
    actual = received.year - born.year - ((received.month, received.day) < (born.month, born.day))
    if actual != age:
        return [Problem(number, checker.header_for("child_age"),
                        f"{age} does not match {checker.header_for('child_date_of_birth')}: the child was "
                        f"{actual} when the complaint was received")]
    return []



def validate_file(
    source, *, kind: RegisterKind = RegisterKind.COMPLAINTS, sheet: str = "", today: date | None = None,
    limits: Limits | None = None,
) -> Validation:
    """Read a CSV or XLSX file and check every row; raises FileRejected if it cannot be read at all."""
    return validate_table(read_table(source, sheet=sheet, limits=limits), kind=kind, today=today)
