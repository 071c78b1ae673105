"""Column mapping: matching a council's own headers to the canonical columns (pure functions)."""

from datetime import date

import pytest

from fairhearing.intake.importing.columns import COMPLAINT_COLUMNS
from fairhearing.intake.importing.files import SourceRow, Table, read_table
from fairhearing.intake.importing.mapping import (
    IGNORE,
    apply_mapping,
    check_mapping,
    column_label,
    header_signature,
    known_headers,
    mapping_pairs,
    mapping_targets,
    needs_mapping,
    suggest,
    targets_from_names,
)
from fairhearing.intake.importing.problems import Problem

from .builders import xlsx_bytes

COLUMNS = COMPLAINT_COLUMNS
REQUIRED = ["Reference", "Received", "Procedure", "Channel", "Complainant type", "Team"]
# A council's own layout: its names for the required columns, a notes column and a blank one.
HEADER = ("Ref", "Date rec'd", "Procedure", "How received", "Who", "Service", "Notes", "")
TARGETS = ["Reference", "Received", "Procedure", "Channel", "Complainant type", "Team", IGNORE, IGNORE]


def table(rows: list[tuple], header: tuple[str, ...] = HEADER, problems: list[Problem] | None = None) -> Table:
    return Table(header=header, rows=[SourceRow(number, cells) for number, cells in rows],
                 problems=problems or [], notices=["Read as CSV."], file_kind="CSV")


# Signature ---------------------------------------------------------------------------------------


def test_the_signature_ignores_case_spacing_and_punctuation_but_not_order_or_count():
    assert header_signature(["Date rec'd", "Ref"]) == header_signature(["date  RECD", "ref"])
    assert header_signature(["Date rec'd", "Ref"]) != header_signature(["Ref", "Date rec'd"])
    assert header_signature(["Ref"]) != header_signature(["Ref", ""])
    assert len(header_signature(HEADER)) == 64


# Whether a file needs mapping --------------------------------------------------------------------


@pytest.mark.parametrize(("header", "needed"), [
    ([column.header for column in COLUMNS], False),
    (["reference", "RECEIVED", "procedure", "channel", "complainant_type", "Team"], False),
    (["Reference", "Received", "", "Procedure", "Channel", "Complainant type", "Team"], False),  # blank: ignored
    (["Reference", "Received", "Procedure", "Channel", "Complainant type"], False),  # missing: the preview says
    (["Reference", "Received", "Procedure", "Channel", "Complainant type", "Team", "Notes"], True),
    (["Reference", "Reference", "Received", "Procedure", "Channel", "Complainant type", "Team"], True),
    (HEADER, True),
])
def test_a_file_needs_mapping_when_a_header_is_unknown_or_repeated(header, needed):
    assert needs_mapping(header, COLUMNS) is needed


# Suggestions -------------------------------------------------------------------------------------


def test_canonical_names_are_suggested_in_any_case_and_each_column_only_once():
    header = ("reference", "Reference", "Stage_1_Responded", "Notes")
    assert suggest(header, COLUMNS) == ["Reference", IGNORE, "Stage 1 responded", IGNORE]


def test_earlier_mappings_suggest_headers_they_matched_but_never_over_a_canonical_name():
    known = known_headers([
        [["Date rec'd", "Received"], ["Ref", "Reference"], ["Notes", ""]],
        [["Ref", "Channel"]],  # older: the newer mapping wins
    ])
    assert known == {"daterecd": "Received", "ref": "Reference"}
    header = ("Reference", "REF", "date recd", "Notes")
    # "REF" would be Reference, but the file has a Reference column: it is offered to that.
    assert suggest(header, COLUMNS, known=known) == ["Reference", IGNORE, "Received", IGNORE]


def test_a_mapping_saved_for_these_headers_is_offered_as_saved_less_columns_that_no_longer_exist():
    saved = ["Reference", "Received", "Old column", IGNORE]
    assert suggest(("a", "b", "c", "d"), COLUMNS, saved=saved) == ["Reference", "Received", IGNORE, IGNORE]
    # A saved mapping of another length is not for this file: suggestions come from the names.
    assert suggest(("Reference", "b"), COLUMNS, saved=saved) == ["Reference", IGNORE]


# Checking a mapping ------------------------------------------------------------------------------


def test_a_complete_mapping_is_valid():
    check = check_mapping(HEADER, TARGETS, COLUMNS)
    assert check.is_valid
    assert check.columns == {} and check.general == []


def test_every_missing_required_column_is_named_at_once():
    targets = [IGNORE] * len(HEADER)
    targets[0] = "Reference"
    check = check_mapping(HEADER, targets, COLUMNS)
    assert not check.is_valid
    assert check.general == [f"Choose a column of the file for each required column: {', '.join(REQUIRED[1:])}"]


def test_a_column_chosen_twice_is_refused_on_the_second_file_column():
    targets = [*TARGETS]
    targets[6] = "Received"
    check = check_mapping(HEADER, targets, COLUMNS)
    assert check.columns == {6: "Received is already chosen for Date rec'd; choose each column once"}
    assert check.general == []


def test_a_choice_that_is_not_a_register_column_is_refused():
    targets = [*TARGETS]
    targets[7] = "Secret column"
    check = check_mapping(HEADER, targets, COLUMNS)
    assert check.columns == {7: "Choose one of the register's columns for Column H (no header)"}


def test_a_mapping_for_another_number_of_columns_is_refused():
    check = check_mapping(HEADER, TARGETS[:-1], COLUMNS)
    assert check.general == ["The file's columns have changed since they were matched. Match them again."]


def test_columns_are_labelled_by_header_or_by_letter():
    assert column_label(HEADER, 0) == "Ref"
    assert column_label(HEADER, 7) == "Column H (no header)"
    assert column_label(HEADER, 27) == "Column AB (no header)"


def test_a_mapping_is_stored_with_the_headers_and_read_back():
    pairs = mapping_pairs(HEADER, TARGETS)
    assert pairs[1] == ["Date rec'd", "Received"] and pairs[6] == ["Notes", ""]
    assert mapping_targets(pairs) == TARGETS


# Applying a mapping ------------------------------------------------------------------------------


ROW = ("R1", "01/04/2021", "corporate", "email", "parent", "Fostering", "Rang twice", "x")


def test_the_header_is_renamed_and_columns_not_imported_are_left_out():
    mapped = apply_mapping(table([(2, ROW)]), TARGETS)
    assert mapped.table.header == tuple(TARGETS[:6])
    assert mapped.table.rows == [SourceRow(2, ROW[:6])]
    assert mapped.table.file_kind == "CSV"
    assert mapped.table.notices == ["Read as CSV.", "Not imported, as the column mapping says: Notes."]


def test_a_row_with_values_only_in_columns_not_imported_is_dropped_like_a_blank_row():
    rows = [(2, ROW), (3, ("", "", "", "", "", "", "A note on its own")), (4, ROW)]
    mapped = apply_mapping(table(rows), TARGETS)
    assert [row.number for row in mapped.table.rows] == [2, 4]


def test_short_rows_are_padded_and_cells_beyond_the_header_keep_their_place():
    rows = [(2, ("R1", "01/04/2021")), (3, (*ROW, "stray"))]
    mapped = apply_mapping(table(rows), TARGETS)
    assert mapped.table.rows[0].cells == ("R1", "01/04/2021")
    # Two columns were left out, so the stray cell in file column I is now the 7th.
    assert mapped.table.rows[1].cells == (*ROW[:6], "stray")
    assert mapped.letters == {"column G": "column I"}
    assert mapped.relabel([Problem(3, "column G", "has a value but no header")]) == [
        Problem(3, "column I", "has a value but no header")]


def test_problems_the_reader_found_follow_their_column_or_go_with_it():
    problems = [Problem(2, "Date rec'd", "is a formula; paste the values instead"),
                Problem(3, "Notes", "is a formula; paste the values instead"),
                Problem(4, "column H", "is an error in the spreadsheet (#REF!)")]
    mapped = apply_mapping(table([(2, ROW), (3, ROW), (4, ROW)], problems=problems), TARGETS)
    # The one in Notes (not imported) no longer matters; the one in Date rec'd is now Received's.
    assert mapped.table.problems == [Problem(2, "Received", "is a formula; paste the values instead")]
    # Shown to the manager under the file's own header, with the register's name beside it.
    assert mapped.relabel(mapped.table.problems) == [
        Problem(2, "Date rec'd (Received)", "is a formula; paste the values instead")]


def test_a_header_that_differs_only_in_case_is_named_as_the_file_has_it():
    header = ("ref", "RECEIVED")
    mapped = apply_mapping(table([(2, ("R1", "01/04/2021"))], header=header), ["Reference", "Received"])
    assert mapped.labels == {"Reference": "ref (Reference)", "Received": "RECEIVED"}


def test_a_blank_header_can_be_mapped_and_is_named_by_its_letter():
    header = ("Reference", "")
    mapped = apply_mapping(table([(2, ("R1", "01/04/2021"))], header=header), ["Reference", "Received"])
    assert mapped.table.header == ("Reference", "Received")
    assert mapped.labels["Received"] == "column B (Received)"


def test_a_mapping_for_another_header_cannot_be_applied():
    with pytest.raises(ValueError, match="different number of columns"):
        apply_mapping(table([(2, ROW)]), TARGETS[:3])


def test_a_mapped_xlsx_keeps_its_dates_and_row_numbers():
    data = xlsx_bytes([list(HEADER[:2]), ["R1", date(2021, 4, 1)], [], ["R2", date(2021, 4, 2)]])
    mapped = apply_mapping(read_table(data), ["Reference", "Received"])
    assert [(row.number, row.cells[1].day) for row in mapped.table.rows] == [(2, 1), (4, 2)]


def test_a_mapping_written_by_name_is_matched_by_header_key():
    names = {"REF": "Reference", "date rec'd": "Received", "Notes": ""}
    assert targets_from_names(("Ref", "Date rec'd", "Notes", "", "Other"), names) == [
        "Reference", "Received", IGNORE, IGNORE, IGNORE]
