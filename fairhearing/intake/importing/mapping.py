"""Matching a council's own column headers to the canonical columns, before a file is checked.

A register kept for years rarely uses the canonical names: "Date rec'd" for Received, "S1 sent"
for Stage 1 responded, a "Notes" column nobody wants imported. The complaints manager says once
which canonical column each of the file's columns holds (or that it is not to be imported); the
choice is saved under the header row's signature, so the next file with the same headers needs
no asking.

A mapping is applied by renaming the header of a ``files.Table`` (and leaving out the columns not
to import) before ``rows.validate_table`` runs, so validation knows nothing of mappings; problems
are then named by the file's own headers again, so the manager can find the cell in their
spreadsheet (``validate_mapped`` does both). Everything else here is pure.

A mapping is a list with one entry per column of the file, in the file's order: the canonical
header chosen for it, or ``IGNORE`` (an empty string) for a column not to import. It is stored
with the file's headers beside it (``[[file header, canonical header], ...]``) so a saved mapping
reads sensibly on its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from openpyxl.utils import get_column_letter

from .columns import Column, RegisterKind, header_key
from .files import SourceRow, Table
from .problems import Problem
from .rows import Validation, validate_table

# The choice for a column that is not imported.
IGNORE = ""


def header_signature(header: Sequence[str]) -> str:
    """What identifies a header row: the same headers in the same order, ignoring case, spaces
    and punctuation as column matching does, give the same signature."""
    text = "\x1f".join(header_key(text) for text in header)
    return hashlib.sha256(f"{len(header)}\x1e{text}".encode()).hexdigest()


def column_label(header: Sequence[str], index: int) -> str:
    """How a column of the file is named to the manager: its header, or its letter if it has none."""
    text = header[index] if index < len(header) else ""
    return text or f"Column {get_column_letter(index + 1)} (no header)"


def needs_mapping(header: Sequence[str], columns: Sequence[Column]) -> bool:
    """Whether the file's headers need matching by hand: a header that names no canonical column,
    or a column named twice. Blank headers do not count (a blank column is simply ignored), and a
    missing required column with nothing to match it to is for the preview to report."""
    keys = {column.key for column in columns}
    seen: set[str] = set()
    for text in header:
        if not text:
            continue
        key = header_key(text)
        if key not in keys or key in seen:
            return True
        seen.add(key)
    return False


def suggest(
    header: Sequence[str], columns: Sequence[Column], *, saved: Sequence[str] | None = None,
    known: Mapping[str, str] | None = None,
) -> list[str]:
    """The choice to offer first for each of the file's columns.

    ``saved`` is a mapping saved for this very header row: it is offered as it was, less any
    column no longer in the register. Otherwise a header that is a canonical name (in any case or
    spacing) is matched to it, then a header some earlier saved mapping matched (``known``: header
    key to canonical header) to that column; each canonical column is offered once, to the first
    column that claims it.
    """
    by_header = {column.header: column for column in columns}
    if saved is not None and len(saved) == len(header):
        return [target if target in by_header else IGNORE for target in saved]
    by_key = {column.key: column.header for column in columns}
    choices = [IGNORE] * len(header)
    taken: set[str] = set()
    for index, text in enumerate(header):
        target = by_key.get(header_key(text)) if text else None
        if target and target not in taken:
            choices[index] = target
            taken.add(target)
    for index, text in enumerate(header):
        target = (known or {}).get(header_key(text)) if text else None
        if not choices[index] and target in by_header and target not in taken:
            choices[index] = target
            taken.add(target)
    return choices


@dataclass(frozen=True)
class MappingCheck:
    """What is wrong with a mapping: messages for particular columns of the file (by position)
    and for the mapping as a whole."""

    columns: dict[int, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.columns and not self.general


def check_mapping(header: Sequence[str], targets: Sequence[str], columns: Sequence[Column]) -> MappingCheck:
    """Every reason a mapping cannot be used: a choice that is not a column of the register, a
    column chosen for two of the file's columns, a required column not chosen at all."""
    if len(targets) != len(header):
        return MappingCheck(general=["The file's columns have changed since they were matched. Match them again."])
    by_header = {column.header: column for column in columns}
    problems: dict[int, str] = {}
    first: dict[str, int] = {}
    for index, target in enumerate(targets):
        if target == IGNORE:
            continue
        if target not in by_header:
            problems[index] = f"Choose one of the register's columns for {column_label(header, index)}"
        elif target in first:
            problems[index] = (f"{target} is already chosen for {column_label(header, first[target])}; "
                               "choose each column once")
        else:
            first[target] = index
    missing = [column.header for column in columns if column.required and column.header not in first]
    general = []
    if missing:
        general.append(f"Choose a column of the file for each required column: {', '.join(missing)}")
    return MappingCheck(columns=problems, general=general)


def targets_from_names(header: Sequence[str], names: Mapping[str, str]) -> list[str]:
    """A mapping from {file header: canonical header} (as a person writes one for the command
    line), matched by header key; a header not named is not imported."""
    by_key = {header_key(text): target for text, target in names.items()}
    return [str(by_key.get(header_key(text)) or IGNORE) if text else IGNORE for text in header]


def mapping_pairs(header: Sequence[str], targets: Sequence[str]) -> list[list[str]]:
    """The mapping as it is stored: [file header, canonical header or IGNORE] per column."""
    return [[text, target] for text, target in zip(header, targets, strict=True)]


def mapping_targets(pairs: Iterable[Sequence[str]]) -> list[str]:
    """The choices of a stored mapping, in the file's order."""
    return [str(pair[1]) for pair in pairs]


def known_headers(mappings: Iterable[Iterable[Sequence[str]]]) -> dict[str, str]:
    """Header key to canonical header, from saved mappings (newest first: the first one wins)."""
    known: dict[str, str] = {}
    for pairs in mappings:
        for text, target in pairs:
            if text and target:
                known.setdefault(header_key(text), target)
    return known


@dataclass
class MappedTable:
    """A table with canonical headers, and how to name its problems as the file names them."""

    table: Table
    # Canonical header -> the file's own header (with the canonical one when they differ).
    labels: dict[str, str]
    # "column X" as validation names a cell beyond the last header -> its letter in the file.
    letters: dict[str, str]

    def relabel(self, problems: Iterable[Problem]) -> list[Problem]:
        """The problems, each naming its column as the manager's file does."""
        named = []
        for problem in problems:
            column = self.labels.get(problem.column) or self.letters.get(problem.column) or problem.column
            named.append(replace(problem, column=column) if column != problem.column else problem)
        return named


def apply_mapping(table: Table, targets: Sequence[str]) -> MappedTable:
    """The table as if its header had been the canonical one: each kept column renamed to its
    canonical header, the columns not to import left out (cells, and problems found in them), and
    rows left with nothing in them dropped, as blank rows are.

    Raises ValueError if the mapping is not for this header (a different number of columns).
    """
    header = table.header
    if len(targets) != len(header):
        raise ValueError("The mapping has a different number of columns from the file.")
    kept = [index for index, target in enumerate(targets) if target != IGNORE]
    new_header = tuple(targets[index] for index in kept)
    extra = len(header) - len(new_header)  # how far cells beyond the last header move left

    def old_label(index: int) -> str:  # as files.read_table names a column
        return header[index] if index < len(header) and header[index] else f"column {get_column_letter(index + 1)}"

    renamed: dict[str, str | None] = {}  # the reader's label -> the new label, None if left out
    for index in range(len(header)):
        label = old_label(index)
        new = targets[index] or None
        if renamed.get(label) is None:
            renamed[label] = new
    letters: dict[str, str] = {}
    widest = max((len(row.cells) for row in table.rows), default=0)
    for index in range(len(header), widest):
        new_label = f"column {get_column_letter(index - extra + 1)}"
        renamed[old_label(index)] = new_label
        letters[new_label] = old_label(index)

    problems = []
    for problem in table.problems:
        if problem.column in renamed:
            if renamed[problem.column] is None:
                continue  # a formula in a column not imported does not matter
            problem = replace(problem, column=renamed[problem.column])
        problems.append(problem)
    rows_with_problems = {problem.row for problem in problems}

    rows = []
    for row in table.rows:
        cells = [row.cells[index] if index < len(row.cells) else "" for index in kept]
        cells += list(row.cells[len(header):])
        while cells and cells[-1] == "":
            cells.pop()
        if cells or row.number in rows_with_problems:
            rows.append(SourceRow(row.number, tuple(cells)))

    notices = list(table.notices)
    left_out = [column_label(header, index) for index, target in enumerate(targets)
                if target == IGNORE and header[index]]
    if left_out:
        notices.append(f"Not imported, as the column mapping says: {', '.join(left_out)}.")
    labels = {}
    for index in kept:
        target, text = targets[index], header[index]
        if text and header_key(text) == header_key(target):
            labels[target] = text
        else:
            labels[target] = f"{text or f'column {get_column_letter(index + 1)}'} ({target})"
    mapped = Table(header=new_header, rows=rows, problems=problems, notices=notices, file_kind=table.file_kind)
    return MappedTable(table=mapped, labels=labels, letters=letters)


def validate_mapped(table: Table, targets: Sequence[str], *, kind: RegisterKind | str,
                    today: date | None = None) -> Validation:
    """Check a file as ``rows.validate_table`` does, after applying a mapping (checked by the
    caller with check_mapping); its problems name the file's own headers."""
    mapped = apply_mapping(table, targets)
    validation = validate_table(mapped.table, kind=RegisterKind(kind), today=today)
    validation.problems = mapped.relabel(validation.problems)
    return validation
