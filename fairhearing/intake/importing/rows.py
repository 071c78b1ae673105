"""Checking every row of a register against its columns and the rules between them.

Validation is all or nothing: it reads the whole file and lists every problem, and a caller writes
nothing unless the list is empty. This module is the same for every kind of register: each kind
(registers/) gives a RegisterSpec saying which typed row it builds, which column names a row, any
cells read in its own way, and the rules between its cells. Nothing here writes to the database;
it reads the names of teams and themes, and each kind's rules read what they need to be sure the
writer will accept a valid row (procedures, references already in use).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter

from fairhearing.core import clock

from .columns import COLUMNS, Column, RegisterKind, ValueKind, header_key
from .files import Cell, Limits, Table, read_table
from .problems import Problem
from .values import (
    CodeList,
    NameList,
    Parsed,
    clean,
    code_lists,
    name_lists,
    parse_date,
    parse_list,
    parse_money,
    parse_whole_number,
    parse_yes_no,
)


@dataclass(frozen=True)
class ComplaintRow:
    """One valid complaint row, typed; blank cells are None (or an empty tuple for lists).

    Its rules are in registers/complaints.py; the row stays here because the writer reads it.
    """

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


# The rules of one row: given its row number, its parsed cells by attribute name and the checker
# (for the headers as the file wrote them), every problem between its cells.
RowRules = Callable[[int, dict[str, Any], "RowChecker"], list[Problem]]
CellParser = Callable[[Cell, date], Parsed]


@dataclass(frozen=True)
class RegisterSpec:
    """What checking a register of one kind needs beyond its columns."""

    kind: RegisterKind
    row_type: type
    # The attribute that names a row: two rows may not share it (ignoring case), and an import
    # skips a row whose key an earlier import (or a record entered by hand) already has.
    key: str
    # Called once per file with the day the check runs; returns the rules for each row. It may
    # read the database once (procedures, references in use) so each row costs nothing more.
    make_rules: Callable[[date], RowRules]
    # Cells read in the kind's own way, by attribute name, instead of by the column's ValueKind:
    # each is given the cell and the day the check runs (for two-digit years).
    cell_parsers: Mapping[str, CellParser] = field(default_factory=dict)
    # Names the kind's columns refer to besides teams and themes (complaint references).
    extra_names: Callable[[], dict[str, NameList]] | None = None


def register_spec(kind: RegisterKind | str) -> RegisterSpec:
    """The spec for a kind of register; KeyError for a kind with none."""
    # Imported here, not at the top: the kind modules import this module for its generic parts.
    from .registers import SPECS

    return SPECS[RegisterKind(kind)]


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
    spec = register_spec(kind)
    columns = COLUMNS[spec.kind]
    result = Validation(kind=spec.kind, notices=list(table.notices), row_count=len(table.rows))
    positions, header_problems = match_header(table.header, columns)
    result.problems.extend(header_problems)
    if header_problems:
        return result
    result.problems.extend(table.problems)
    bad_cells = {(problem.row, problem.column) for problem in table.problems}
    bad_rows = {problem.row for problem in table.problems}

    fixed, names = code_lists(), name_lists()
    if spec.extra_names is not None:
        names.update(spec.extra_names())
    checker = RowChecker(columns=columns, positions=positions, header=table.header, fixed=fixed, names=names,
                         today=today, parsers=spec.cell_parsers)
    rules = spec.make_rules(today)
    keys: dict[str, int] = {}
    for source in table.rows:
        values, problems = checker.parse(source.number, source.cells, bad_cells)
        key = values.get(spec.key)
        if key:
            folded = key.casefold()
            if folded in keys:
                problems.append(Problem(source.number, checker.header_for(spec.key), f"{key} is also on row {keys[folded]}"))
            else:
                keys[folded] = source.number
        if not problems and source.number not in bad_rows:
            # Only once every cell reads: a rule about a cell that did not parse would mislead.
            problems.extend(rules(source.number, values, checker))
        if problems:
            result.problems.extend(problems)
        elif source.number not in bad_rows:
            result.rows.append(spec.row_type(source_row=source.number, **values))
    result.unknown_teams = set(names["team"].unknown.values())
    result.unknown_themes = set(names["theme"].unknown.values())
    result.problems.sort(key=lambda problem: (problem.row or 0))
    return result


class RowChecker:
    """Parses one row's cells by column kind, naming each problem by the header the file used."""

    def __init__(self, *, columns, positions, header, fixed: dict[str, CodeList], names: dict[str, NameList],
                 today: date, parsers: Mapping[str, CellParser] | None = None):
        self.columns = columns
        self.positions = positions
        self.fixed = fixed
        self.names = names
        self.today = today
        self.parsers = parsers or {}
        self.headers = {attribute_name(column): header[index] for index, column in positions.items()}
        self.headers.update({attribute_name(c): c.header for c in columns if attribute_name(c) not in self.headers})
        # Worked out once, not once per cell: a large file has hundreds of thousands of cells.
        self._cells = [(index, column, attribute_name(column), header[index]) for index, column in positions.items()]

    def header_for(self, name: str) -> str:
        return self.headers[name]

    def parse(self, number: int, cells: tuple[Cell, ...], bad_cells: set) -> tuple[dict, list[Problem]]:
        values: dict[str, object] = {}
        problems: list[Problem] = []
        for index, column, name, heading in self._cells:
            raw = cells[index] if index < len(cells) else ""
            if (number, heading) in bad_cells:
                continue  # already reported by the file reader (a formula, an error value)
            value, problem = self._parse_cell(column, name, raw)
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

    def _parse_cell(self, column: Column, name: str, raw: Cell) -> tuple[object, str | None]:
        if name in self.parsers:
            return self.parsers[name](raw, self.today)
        if column.kind == ValueKind.DATE:
            return parse_date(raw, today=self.today)
        if column.kind == ValueKind.MONEY:
            return parse_money(raw)
        if column.kind == ValueKind.WHOLE_NUMBER:
            return parse_whole_number(raw, maximum=column.maximum)
        if column.kind == ValueKind.TEXT:
            text = " ".join(str(raw).split()) if column.one_line else str(raw).strip()
            if column.max_length and len(text) > column.max_length:
                return None, f"{text} is longer than {column.max_length} characters"
            return (text or None), None
        if column.choices == "yes_no":
            return parse_yes_no(raw)
        parser = self.fixed.get(column.choices) or self.names[column.choices]
        if isinstance(raw, date):
            return None, f"{raw:%d/%m/%Y} is a date, not {parser.name}"
        if column.kind == ValueKind.LIST:
            return parse_list(raw, parser)
        if isinstance(parser, NameList) and ";" in str(raw):
            # One name only: "Fostering; Leaving Care" must not be offered as a new team's name.
            return None, f"{clean(raw)} holds more than one name; give only one"
        return parser.parse(raw)


def validate_file(
    source, *, kind: RegisterKind = RegisterKind.COMPLAINTS, sheet: str = "", today: date | None = None,
    limits: Limits | None = None,
) -> Validation:
    """Read a CSV or XLSX file and check every row as a register of ``kind``; raises FileRejected
    if it cannot be read at all."""
    return validate_table(read_table(source, sheet=sheet, limits=limits), kind=kind, today=today)
