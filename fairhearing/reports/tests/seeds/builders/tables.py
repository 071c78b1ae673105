"""Reading a report table as a reader sees it, so a test can compare a whole table with a
seed's printed one."""

from __future__ import annotations

from fairhearing.reports.tables import Table

# Reading a report table as printed ---------------------------------------------------------------

def printed(table: Table) -> dict[str, tuple[str, ...]]:
    """Each row's label and the text of its cells, as a reader sees them."""
    labels = [row.label for row in table.rows]
    if len(set(labels)) != len(labels):
        raise AssertionError(f"Table {table.key} has two rows with the same label.")
    return {row.label: tuple(cell.display for cell in row.cells) for row in table.rows}


def column_keys(table: Table) -> list[str]:
    return [column.key for column in table.columns]
