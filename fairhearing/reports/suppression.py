"""Hiding small numbers in the published version, so no child can be identified.

Primary suppression: a count from 1 to ``threshold - 1`` is shown as "<5" (for the default
threshold of 5). Zero is shown: it identifies nobody.

Secondary suppression: if a line (a column of a table with a total row, or a row of a table with a
total column) has exactly one hidden cell while its total is shown, the hidden number could be
worked out by subtraction, so the smallest other non-zero cell in that line is hidden too (shown
as "*"). This repeats until no line has a single hidden cell beside a shown total.

Figures worked out from a hidden count (the change on the year before, a percentage) are hidden
with it. Only tables marked ``suppressible`` (monitoring, team and other small-group tables) are
touched; the internal version is never suppressed.
"""

from __future__ import annotations

from .tables import CellKind, Suppression, Table

DERIVED = (CellKind.CHANGE, CellKind.PERCENT)


def _data_columns(table: Table) -> list[int]:
    """Columns holding counts that add up to the totals (not the total column or changes)."""
    indexes = []
    for index, column in enumerate(table.columns):
        if column.key == table.total_column:
            continue
        if any(row.cells[index].is_count for row in table.rows):
            indexes.append(index)
    return indexes


def _hide(table: Table, row_index: int, col_index: int, how: Suppression, threshold: int) -> None:
    row = table.rows[row_index]
    cells = list(row.cells)
    cells[col_index] = cells[col_index].hidden(how, threshold)
    table.rows[row_index] = type(row)(row.key, row.label, tuple(cells), row.is_total)


def _hidden(table: Table, row_index: int, col_index: int) -> bool:
    return bool(table.rows[row_index].cells[col_index].suppressed)


def _protect_line(table: Table, positions: list[tuple[int, int]], total: tuple[int, int] | None,
                  threshold: int) -> bool:
    """Hide one more cell if exactly one cell in this line is hidden and the total is shown."""
    if total is None or _hidden(table, *total):
        return False
    hidden = [p for p in positions if _hidden(table, *p)]
    if len(hidden) != 1:
        return False
    candidates = [
        p for p in positions
        if not _hidden(table, *p) and (table.rows[p[0]].cells[p[1]].number or 0) > 0
    ]
    if not candidates:
        # Nothing else to hide: hide the total instead, so the lone small number stays hidden.
        _hide(table, *total, Suppression.SECONDARY, threshold)
        return True
    smallest = min(candidates, key=lambda p: (table.rows[p[0]].cells[p[1]].number, p))
    _hide(table, *smallest, Suppression.SECONDARY, threshold)
    return True


def _hide_shares_of_hidden_counts(table: Table, threshold: int) -> bool:
    """A share printed beside a hidden count ("71.4% (5)" next to a hidden volume) gives the
    count back, so it is hidden too. Returns whether anything changed."""
    changed = False
    for r, row in enumerate(table.rows):
        if not any(c.suppressed and c.kind == CellKind.COUNT for c in row.cells):
            continue
        for c, cell in enumerate(row.cells):
            if cell.kind == CellKind.COUNT_PERCENT and not cell.suppressed:
                _hide(table, r, c, Suppression.SECONDARY, threshold)
                changed = True
    return changed


def suppress_table(table: Table, threshold: int) -> Table:
    """Apply primary and secondary suppression to one table, in place; returns it."""
    if not table.suppressible or threshold <= 1:
        return table
    total_col = table.column_index(table.total_column) if table.total_column else None
    data_columns = _data_columns(table)
    # Every column of counts (with shares) is a line down to the total row, the total column too.
    column_lines = data_columns + ([total_col] if total_col is not None else [])
    # Primary.
    for r, row in enumerate(table.rows):
        for c in column_lines:
            number = row.cells[c].number
            if number is not None and 0 < number < threshold:
                _hide(table, r, c, Suppression.PRIMARY, threshold)
    # Secondary, until nothing changes.
    body = [r for r, row in enumerate(table.rows) if not row.is_total]
    total_row = next((r for r, row in enumerate(table.rows) if row.is_total), None)
    count_columns = [c for c in data_columns if any(r.cells[c].kind == CellKind.COUNT for r in table.rows)]
    changed = True
    while changed:
        changed = _hide_shares_of_hidden_counts(table, threshold)
        if table.total_row and total_row is not None:
            for c in column_lines:
                changed |= _protect_line(table, [(r, c) for r in body], (total_row, c), threshold)
        if total_col is not None:
            for r in range(len(table.rows)):
                changed |= _protect_line(table, [(r, c) for c in count_columns], (r, total_col), threshold)
    # Derived figures go with the counts they come from.
    for r, row in enumerate(table.rows):
        if any(cell.suppressed for cell in row.cells):
            for c, cell in enumerate(row.cells):
                if cell.kind in DERIVED and not cell.suppressed and cell.value is not None:
                    _hide(table, r, c, Suppression.SECONDARY, threshold)
    if any(cell.suppressed for row in table.rows for cell in row.cells):
        table.notes.append(
            f"Numbers from 1 to {threshold - 1} are shown as <{threshold}; figures marked * are "
            "hidden so that those numbers cannot be worked out from the totals."
        )
    return table
