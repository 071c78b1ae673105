"""The cell model every format prints: percentages to one decimal place rounded half up, money,
signed changes, and the values the JSON output carries."""

from decimal import Decimal

import pytest

from fairhearing.reports.tables import (
    CellKind,
    Column,
    Row,
    Section,
    Suppression,
    Table,
    blank,
    change,
    count,
    count_percent,
    format_money,
    format_percent,
    money,
    percent,
    percent_change,
    percentage,
    text,
)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (1, 8, Decimal("12.5")),
        (2, 3, Decimal("66.7")),
        (1, 3, Decimal("33.3")),
        (1, 6, Decimal("16.7")),
        (1, 16, Decimal("6.3")),  # 6.25: half up, not to even (6.2)
        (1, 80, Decimal("1.3")),  # 1.25 likewise
        (3, 8, Decimal("37.5")),
        (0, 7, Decimal("0.0")),
        (7, 7, Decimal("100.0")),
        (5, 4, Decimal("125.0")),
        (-1, 8, Decimal("-12.5")),
    ],
)
def test_percentage_is_rounded_half_up_to_one_decimal_place(numerator, denominator, expected):
    value = percentage(numerator, denominator)
    assert value == expected
    assert str(value) == str(expected)  # always one decimal place, so "0.0%" not "0%"


def test_percentage_with_nothing_to_divide_by_is_not_applicable():
    assert percentage(3, 0) is None
    assert format_percent(None) == "N/A"
    cell = percent(3, 0)
    assert (cell.kind, cell.value, cell.display) == (CellKind.PERCENT, None, "N/A")


def test_percent_cell_text():
    assert percent(1, 8).display == "12.5%"
    assert percent(2, 3).display == "66.7%"
    assert percent(0, 5).display == "0.0%"


def test_count_percent_shows_the_share_with_the_count_in_brackets():
    cell = count_percent(5, 6)
    assert (cell.value, cell.display, cell.count, cell.base) == (Decimal("83.3"), "83.3% (5)", 5, 6)
    assert cell.number == 5 and cell.is_count
    assert count_percent(1200, 2400).display == "50.0% (1,200)"


def test_count_percent_of_nothing_is_not_applicable_but_keeps_its_count():
    cell = count_percent(0, 0)
    assert (cell.value, cell.display, cell.count, cell.base) == (None, "N/A", 0, 0)


def test_count_cell():
    cell = count(14413)
    assert (cell.kind, cell.value, cell.display, cell.number) == (CellKind.COUNT, 14413, "14,413", 14413)
    assert cell.is_count


@pytest.mark.parametrize(
    ("amount", "display", "value"),
    [
        (Decimal("14413"), "£14,413", Decimal("14413.00")),
        (Decimal("1234.5"), "£1,234.50", Decimal("1234.50")),
        (Decimal("0.05"), "£0.05", Decimal("0.05")),
        (1800, "£1,800", Decimal("1800.00")),
        (None, "£0", Decimal("0.00")),
        (Decimal("1000000.10"), "£1,000,000.10", Decimal("1000000.10")),
    ],
)
def test_money(amount, display, value):
    cell = money(amount)
    assert (cell.kind, cell.value, cell.display) == (CellKind.MONEY, value, display)
    assert not cell.is_count and cell.number is None


def test_format_money_whole_pounds_have_no_pence():
    assert format_money(Decimal("250.00")) == "£250"
    assert format_money(Decimal("250.10")) == "£250.10"


@pytest.mark.parametrize(
    ("current", "previous", "value", "display"),
    [(128, 99, 29, "+29"), (97, 128, -31, "-31"), (5, 5, 0, "0"), (1234, 0, 1234, "+1,234"),
     (0, 1234, -1234, "-1,234")],
)
def test_change_is_signed(current, previous, value, display):
    cell = change(current, previous)
    assert (cell.kind, cell.value, cell.display) == (CellKind.CHANGE, value, display)


@pytest.mark.parametrize(
    ("current", "previous", "value", "display"),
    [
        (10, 8, Decimal("25.0"), "+25.0%"),
        (6, 8, Decimal("-25.0"), "-25.0%"),
        (5, 5, Decimal("0.0"), "0.0%"),
        (3, 2, Decimal("50.0"), "+50.0%"),
        (2, 3, Decimal("-33.3"), "-33.3%"),
        (9, 8, Decimal("12.5"), "+12.5%"),
        (0, 8, Decimal("-100.0"), "-100.0%"),
    ],
)
def test_percent_change_is_signed_and_a_share_of_the_earlier_figure(current, previous, value, display):
    cell = percent_change(current, previous)
    assert (cell.kind, cell.value, cell.display) == (CellKind.PERCENT, value, display)


def test_percent_change_from_nothing_is_not_applicable():
    cell = percent_change(7, 0)
    assert (cell.value, cell.display) == (None, "N/A")
    assert percent_change(0, 0).display == "N/A"


def test_as_json_gives_numbers_money_as_strings_and_hidden_cells_as_null():
    assert count(12).as_json() == 12
    assert isinstance(count(12).as_json(), int)
    assert percent(2, 3).as_json() == 66.7
    assert isinstance(percent(2, 3).as_json(), float)
    assert count_percent(5, 6).as_json() == 83.3
    assert money(Decimal("1800")).as_json() == "1800.00"
    assert change(3, 5).as_json() == -2
    assert percent(1, 0).as_json() is None
    assert text("Upheld").as_json() == "Upheld"
    assert blank().as_json() is None
    assert count(3).hidden(Suppression.PRIMARY, 5).as_json() is None
    assert count(30).hidden(Suppression.SECONDARY, 5).as_json() is None


def test_hidden_cells_show_the_threshold_or_a_star_and_lose_their_number():
    small = count(3).hidden(Suppression.PRIMARY, 5)
    assert (small.display, small.value, small.number, small.suppressed) == ("<5", None, None, Suppression.PRIMARY)
    assert count(3).hidden(Suppression.PRIMARY, 10).display == "<10"
    other = count_percent(7, 9).hidden(Suppression.SECONDARY, 5)
    assert (other.display, other.value, other.count, other.suppressed) == ("*", None, None, Suppression.SECONDARY)


def table() -> Table:
    return Table(
        key="complaint_totals", title="Totals",
        columns=[Column("fy2021", "2021-22"), Column("fy2020", "2020-21")],
        rows=[Row("received", "Received", (count(128), count(99))),
              Row("total", "Total", (count(130), count(100)), is_total=True)],
    )


def test_table_lookups_by_stable_key():
    t = table()
    assert t.value("received", "fy2020") == 99
    assert t.display("total", "fy2021") == "130"
    assert t.column_index("fy2020") == 1
    assert t.row("total").is_total and t.row("received").cell(0).value == 128
    with pytest.raises(KeyError):
        t.row("missing")
    with pytest.raises(KeyError):
        t.column_index("fy1999")


def test_section_finds_its_tables_by_key():
    section = Section("volumes", "Total number of complaints", [table()])
    assert section.table("complaint_totals").title == "Totals"
    with pytest.raises(KeyError):
        section.table("themes")
