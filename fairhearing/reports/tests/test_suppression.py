"""Hiding small numbers in the published version: primary (1 to threshold-1 shown as "<5"),
secondary (so a hidden number cannot be worked out from a total), and derived figures."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairhearing.reports.suppression import suppress_table
from fairhearing.reports.tables import (
    CellKind,
    Column,
    Row,
    Suppression,
    Table,
    change,
    count,
    count_percent,
    percent_change,
    text,
)

THRESHOLD = 5


def column_table(numbers: list[int], *, total: int | None = None, suppressible: bool = True) -> Table:
    """One column of counts with a total row (the sum unless ``total`` is given)."""
    rows = [Row(f"r{i}", f"Row {i}", (count(n),)) for i, n in enumerate(numbers)]
    rows.append(Row("total", "Total", (count(sum(numbers) if total is None else total),), is_total=True))
    return Table(key="t", title="T", columns=[Column("fy2021", "2021-22")], rows=rows,
                 suppressible=suppressible, total_row=True)


def grid_table(grid: list[list[int]], *, total_row: bool = True, total_column: bool = True) -> Table:
    """Counts in rows and columns, with a total column and/or total row holding the sums."""
    width = len(grid[0])
    columns = [Column(f"c{j}", f"C{j}") for j in range(width)]
    if total_column:
        columns.append(Column("total", "Total"))
    rows = []
    for i, numbers in enumerate(grid):
        rows.append(Row(f"r{i}", f"R{i}", tuple(count(n) for n in [*numbers, *([sum(numbers)] if total_column else [])])))
    if total_row:
        sums = [sum(r[j] for r in grid) for j in range(width)]
        rows.append(Row("total", "Total", tuple(count(n) for n in [*sums, *([sum(sums)] if total_column else [])]),
                        is_total=True))
    return Table(key="grid", title="Grid", columns=columns, rows=rows, suppressible=True,
                 total_row=total_row, total_column="total" if total_column else None)


def shown(table: Table) -> list[list[str]]:
    return [[cell.display for cell in row.cells] for row in table.rows]


# Primary ------------------------------------------------------------------------------------

def test_one_to_four_are_shown_as_less_than_five_and_zero_and_five_are_shown():
    table = Table(key="t", title="T", columns=[Column(str(n), str(n)) for n in range(7)],
                  rows=[Row("r", "R", tuple(count(n) for n in range(7)))], suppressible=True)
    suppress_table(table, THRESHOLD)
    assert shown(table) == [["0", "<5", "<5", "<5", "<5", "5", "6"]]
    assert [c.suppressed for c in table.rows[0].cells] == [Suppression.NONE] + [Suppression.PRIMARY] * 4 + [Suppression.NONE] * 2
    assert [c.value for c in table.rows[0].cells] == [0, None, None, None, None, 5, 6]


@pytest.mark.parametrize(
    ("threshold", "numbers", "expected"),
    [
        (10, (0, 1, 9, 10, 11), ["0", "<10", "<10", "10", "11"]),
        (3, (0, 1, 2, 3, 11), ["0", "<3", "<3", "3", "11"]),
        (2, (0, 1, 2, 3, 11), ["0", "<2", "2", "3", "11"]),
        (1, (0, 1, 2, 3, 11), ["0", "1", "2", "3", "11"]),  # a threshold of 1 hides nothing
    ],
)
def test_the_threshold_is_configurable(threshold, numbers, expected):
    table = Table(key="t", title="T", columns=[Column(f"c{n}", str(n)) for n in range(len(numbers))],
                  rows=[Row("r", "R", tuple(count(n) for n in numbers))], suppressible=True)
    suppress_table(table, threshold)
    assert shown(table) == [expected]


def test_a_note_says_what_was_hidden_only_when_something_was():
    hidden = suppress_table(column_table([3, 6, 8]), THRESHOLD)
    assert hidden.notes == ["Numbers from 1 to 4 are shown as <5; figures marked * are hidden so that "
                            "those numbers cannot be worked out from the totals."]
    assert suppress_table(column_table([0, 6, 8]), THRESHOLD).notes == []
    assert suppress_table(column_table([2, 9]), 3).notes[0].startswith("Numbers from 1 to 2 are shown as <3")


def test_a_table_not_marked_suppressible_is_untouched():
    table = column_table([1, 2, 6], suppressible=False)
    suppress_table(table, THRESHOLD)
    assert shown(table) == [["1"], ["2"], ["6"], ["9"]]
    assert table.notes == []


def test_text_cells_are_never_hidden():
    table = Table(key="t", title="T", columns=[Column("name", "Name"), Column("n", "N")],
                  rows=[Row("r", "R", (text("3"), count(3)))], suppressible=True)
    suppress_table(table, THRESHOLD)
    assert shown(table) == [["3", "<5"]]


# Secondary --------------------------------------------------------------------------------------

def test_in_a_column_with_a_total_row_the_next_smallest_is_hidden_too():
    table = suppress_table(column_table([3, 8, 6, 0]), THRESHOLD)
    assert shown(table) == [["<5"], ["8"], ["*"], ["0"], ["17"]]
    assert table.rows[2].cells[0].suppressed == Suppression.SECONDARY


def test_two_small_numbers_in_a_column_protect_each_other():
    assert shown(suppress_table(column_table([3, 2, 6, 9]), THRESHOLD)) == [["<5"], ["<5"], ["6"], ["9"], ["20"]]


def test_in_a_row_with_a_total_column_the_next_smallest_is_hidden_too():
    table = suppress_table(grid_table([[3, 9, 6, 0]], total_row=False), THRESHOLD)
    assert shown(table) == [["<5", "9", "*", "0", "18"]]


def test_when_the_only_other_cells_are_zero_the_total_is_hidden():
    # A total that is not the sum of its rows (e.g. "All complaints" beside team rows).
    table = suppress_table(column_table([3, 0, 0], total=8), THRESHOLD)
    assert shown(table) == [["<5"], ["0"], ["0"], ["*"]]
    assert table.rows[-1].cells[0].suppressed == Suppression.SECONDARY


def test_secondary_suppression_repeats_until_every_line_is_safe():
    # Column c0: 3 is small, so 6 (the next smallest) goes; that leaves row r1 with one hidden
    # cell beside its total, so the smallest other number in r1 (7) goes too, and so on.
    table = suppress_table(grid_table([[3, 20, 30], [6, 7, 40], [10, 10, 10]]), THRESHOLD)
    assert_safe(table, THRESHOLD)
    assert table.rows[0].cells[0].display == "<5"
    assert table.rows[1].cells[0].display == "*"
    assert table.rows[1].cells[1].display == "*"


def test_a_change_and_a_percentage_worked_out_from_a_hidden_count_are_hidden_with_it():
    rows = [
        Row("a", "A", (count(7), count(3), change(7, 3), percent_change(7, 3))),
        Row("b", "B", (count(20), count(30), change(20, 30), percent_change(20, 30))),
        Row("c", "C", (count(40), count(50), change(40, 50), percent_change(40, 50))),
    ]
    rows.append(Row("total", "Total", (count(67), count(83), change(67, 83), percent_change(67, 83)), is_total=True))
    table = Table(key="t", title="T", rows=rows, suppressible=True, total_row=True,
                  columns=[Column("fy2021", "2021-22"), Column("fy2020", "2020-21"),
                           Column("change", "Change"), Column("change_percent", "Change %")])
    suppress_table(table, THRESHOLD)
    assert shown(table) == [
        ["7", "<5", "*", "*"],
        ["20", "*", "*", "*"],  # 30 hidden so the 3 cannot be worked out from 83
        ["40", "50", "-10", "-20.0%"],
        ["67", "83", "-16", "-19.3%"],
    ]


def test_the_total_column_is_protected_by_the_grand_total():
    # Without hiding the 10, 13 - 10 would give away the row total shown as <5.
    table = suppress_table(grid_table([[1, 2], [5, 5]]), THRESHOLD)
    assert shown(table) == [["<5", "<5", "<5"], ["*", "*", "*"], ["6", "7", "13"]]


def test_a_count_percent_column_with_a_total_row_gets_secondary_suppression():
    rows = [Row("a", "A", (count(9), count_percent(2, 9))),
            Row("b", "B", (count(10), count_percent(5, 10))),
            Row("c", "C", (count(12), count_percent(6, 12))),
            Row("total", "All", (count(31), count_percent(13, 31)), is_total=True)]
    table = Table(key="upheld_by_team", title="T", rows=rows, suppressible=True, total_row=True,
                  columns=[Column("fy2021_volume", "Volume"), Column("fy2021_upheld", "% upheld")])
    suppress_table(table, THRESHOLD)
    # 13 - 5 - 6 would give away the 2, so the next smallest upheld count goes too.
    assert shown(table) == [["9", "<5"], ["10", "*"], ["12", "50.0% (6)"], ["31", "41.9% (13)"]]


def test_a_share_whose_base_is_hidden_is_hidden_too():
    rows = [Row("a", "A", (count(3), count_percent(0, 3))),
            Row("b", "B", (count(7), count_percent(5, 7))),
            Row("c", "C", (count(20), count_percent(10, 20))),
            Row("total", "All", (count(30), count_percent(15, 30)), is_total=True)]
    table = Table(key="upheld_by_team", title="T", rows=rows, suppressible=True, total_row=True,
                  columns=[Column("fy2021_volume", "Volume"), Column("fy2021_upheld", "% upheld")])
    suppress_table(table, THRESHOLD)
    # "71.4% (5)" beside the hidden 7 would give the 7 back, and 30 - 20 - 7 the 3.
    assert shown(table) == [["<5", "*"], ["*", "*"], ["20", "50.0% (10)"], ["30", "50.0% (15)"]]
    assert table.rows[1].cells[1].value is None


# Properties -------------------------------------------------------------------------------------

def count_lines(table: Table) -> list[tuple[list, object]]:
    """Each line a hidden number could be worked out from: every column of counts or shares
    (the total column too) down to the total row, and every row across its count columns to the
    total column; as (cells, total cell)."""
    lines = []
    total_col = table.column_index(table.total_column) if table.total_column else None
    count_cols = [j for j, c in enumerate(table.columns)
                  if j != total_col and any(r.cells[j].kind == CellKind.COUNT for r in table.rows)]
    share_cols = [j for j, c in enumerate(table.columns)
                  if any(r.cells[j].kind == CellKind.COUNT_PERCENT for r in table.rows)]
    body = [r for r in table.rows if not r.is_total]
    totals = [r for r in table.rows if r.is_total]
    if table.total_row and totals:
        for j in [*count_cols, *share_cols, *([total_col] if total_col is not None else [])]:
            lines.append(([r.cells[j] for r in body], totals[0].cells[j]))
    if total_col is not None:
        for r in table.rows:
            lines.append(([r.cells[j] for j in count_cols], r.cells[total_col]))
    return lines


def assert_safe(table: Table, threshold: int) -> None:
    for row in table.rows:
        for cell in row.cells:
            if cell.is_count and not cell.suppressed:
                assert not 0 < (cell.number or 0) < threshold, f"{cell.display} is visible"
    for cells, total in count_lines(table):
        if not total.suppressed:
            assert sum(1 for c in cells if c.suppressed) != 1, "one hidden cell beside a visible total"
    for row in table.rows:
        if any(c.suppressed for c in row.cells if c.kind == CellKind.COUNT):
            assert all(c.suppressed for c in row.cells if c.kind == CellKind.COUNT_PERCENT), (
                "a share beside a hidden count gives it back")


small_counts = st.one_of(st.integers(min_value=0, max_value=6), st.integers(min_value=0, max_value=60))


@settings(max_examples=150, deadline=None)
@given(
    grid=st.integers(min_value=1, max_value=5).flatmap(
        lambda width: st.lists(st.lists(small_counts, min_size=width, max_size=width), min_size=1, max_size=6)),
    total_row=st.booleans(), total_column=st.booleans(),
    threshold=st.integers(min_value=2, max_value=10),
)
def test_after_suppression_nothing_small_is_visible_or_can_be_worked_out(grid, total_row, total_column, threshold):
    table = grid_table(grid, total_row=total_row, total_column=total_column)
    original = [[c.value for c in row.cells] for row in table.rows]
    suppress_table(table, threshold)
    assert_safe(table, threshold)
    # What is still shown is what was there: suppression only hides.
    for before, row in zip(original, table.rows, strict=True):
        for value, cell in zip(before, row.cells, strict=True):
            assert cell.value == (None if cell.suppressed else value)


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(st.tuples(small_counts, small_counts), min_size=1, max_size=6),
    threshold=st.integers(min_value=2, max_value=10),
)
def test_period_tables_hide_the_change_of_every_row_with_a_hidden_count(rows, threshold):
    body = [Row(f"r{i}", f"R{i}", (count(a), count(b), change(a, b), percent_change(a, b)))
            for i, (a, b) in enumerate(rows)]
    sums = [sum(r[0] for r in rows), sum(r[1] for r in rows)]
    body.append(Row("total", "Total", (count(sums[0]), count(sums[1]), change(*sums), percent_change(*sums)),
                    is_total=True))
    table = Table(key="t", title="T", rows=body, suppressible=True, total_row=True,
                  columns=[Column("p0", "P0"), Column("p1", "P1"), Column("change", "Change"),
                           Column("change_percent", "Change %")])
    suppress_table(table, threshold)
    assert_safe(table, threshold)
    for row in table.rows:
        if row.cells[0].suppressed or row.cells[1].suppressed:
            assert all(c.suppressed or c.value is None for c in row.cells[2:])


@settings(max_examples=100, deadline=None)
@given(
    teams=st.lists(st.tuples(small_counts, small_counts), min_size=1, max_size=6),
    threshold=st.integers(min_value=2, max_value=10),
)
def test_team_tables_with_shares_keep_every_small_number_hidden(teams, threshold):
    """The shape of 'Stage 1 decisions by team': a volume, and the upheld count as a share of it."""
    rows = [Row(f"t{i}", f"T{i}", (count(volume + upheld), count_percent(upheld, volume + upheld)))
            for i, (volume, upheld) in enumerate(teams)]
    volume, upheld = sum(a + b for a, b in teams), sum(b for _a, b in teams)
    rows.append(Row("total", "All", (count(volume), count_percent(upheld, volume)), is_total=True))
    table = Table(key="upheld_by_team", title="T", rows=rows, suppressible=True, total_row=True,
                  columns=[Column("fy2021_volume", "Volume"), Column("fy2021_upheld", "% upheld")])
    suppress_table(table, threshold)
    assert_safe(table, threshold)
