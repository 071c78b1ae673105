"""Reading files: CSV encodings, XLSX sheets and formulas, and every file that must be refused."""

import io
import struct
import zlib
from datetime import datetime

import pytest

from fairhearing.intake.importing.files import Limits, read_table
from fairhearing.intake.importing.problems import FileRejected, Problem

from .builders import (
    BILLION_LAUGHS,
    BILLION_LAUGHS_SHEET,
    complaint,
    csv_bytes,
    xlsx_by_hand,
    xlsx_bytes,
    xlsx_with_member,
)


def png_bytes() -> bytes:
    """A real 1x1 PNG, named .csv by whoever uploads it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


# CSV -----------------------------------------------------------------------------------------


def test_csv_without_bom():
    table = read_table(b"Reference,Received\nCSC-1,01/04/2021\n")
    assert table.header == ("Reference", "Received")
    assert table.rows[0].number == 2
    assert table.rows[0].cells == ("CSC-1", "01/04/2021")
    assert table.notices == []
    assert table.file_kind == "CSV"


def test_csv_with_bom_reads_the_first_header_cleanly():
    table = read_table(csv_bytes([complaint()], bom=True))
    assert table.header[0] == "Reference"
    assert table.notices == []


def test_csv_in_windows_1252_is_read_as_such_and_says_so():
    data = "Reference,Payment amount\nCSC-1,£250\n".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    table = read_table(data)
    assert table.rows[0].cells == ("CSC-1", "£250")
    assert "Windows-1252" in table.notices[0]


def test_csv_with_bytes_no_encoding_can_read_is_refused():
    # 0x81 is undefined in Windows-1252 and invalid in UTF-8.
    with pytest.raises(FileRejected, match="encoding Fair Hearing cannot read"):
        read_table(b"Reference\nCSC\x81\n")


def test_csv_in_utf16_is_refused_as_binary():
    with pytest.raises(FileRejected, match="CSV UTF-8"):
        read_table("Reference\nCSC-1\n".encode("utf-16"))


def test_blank_rows_are_skipped_and_numbers_kept():
    table = read_table(b"Reference,Received\nCSC-1,01/04/2021\n,\n\nCSC-2,02/04/2021\n,,\n\n")
    assert [(row.number, row.cells[0]) for row in table.rows] == [(2, "CSC-1"), (5, "CSC-2")]


def test_quoted_cells_with_commas_and_newlines():
    table = read_table(b'Reference,Learning\nCSC-1,"Call back, always.\nEvery time."\n')
    assert table.rows[0].cells[1] == "Call back, always.\nEvery time."


def test_a_png_named_csv_is_refused_by_its_content(tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(png_bytes())
    with pytest.raises(FileRejected, match="PNG picture, not a CSV or XLSX"):
        read_table(path)


def test_other_binary_junk_is_refused():
    junk = bytes(range(1, 32)) * 50
    with pytest.raises(FileRejected, match="binary data"):
        read_table(junk)


def test_an_old_xls_file_is_refused_with_advice():
    with pytest.raises(FileRejected, match=r"old-style Excel \(.xls\)"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)


def test_empty_file_is_refused():
    with pytest.raises(FileRejected, match="empty"):
        read_table(b"  \n")


def test_blank_first_row_is_refused():
    with pytest.raises(FileRejected, match="first row must hold the column headers"):
        read_table(b",,\nCSC-1,01/04/2021\n")


def test_file_size_limit_is_exact():
    data = b"Reference\n" + b"CSC-1\n" * 10
    assert read_table(data, limits=Limits(max_bytes=len(data))).rows
    with pytest.raises(FileRejected, match="larger than"):
        read_table(data, limits=Limits(max_bytes=len(data) - 1))


def test_an_uploaded_file_object_is_read_from_the_start():
    upload = io.BytesIO(b"Reference\nCSC-1\n")
    upload.read()
    assert read_table(upload).rows[0].cells == ("CSC-1",)


def test_row_limit_is_exact():
    data = b"Reference\n" + b"".join(f"CSC-{n}\n".encode() for n in range(5))
    assert len(read_table(data, limits=Limits(max_rows=5)).rows) == 5
    with pytest.raises(FileRejected, match="more than 4 rows"):
        read_table(data, limits=Limits(max_rows=4))


def test_blank_trailing_rows_do_not_count_towards_the_row_limit():
    data = b"Reference\nCSC-1\nCSC-2\n" + b",,,\n" * 100
    assert len(read_table(data, limits=Limits(max_rows=2)).rows) == 2


def test_column_limit():
    with pytest.raises(FileRejected, match="has 4 columns; a register has at most 3"):
        read_table(b"a,b,c,d\n1,2,3,4\n", limits=Limits(max_columns=3))
    with pytest.raises(FileRejected, match="Row 2 has 4 columns"):
        read_table(b"a,b,c\n1,2,3,4\n", limits=Limits(max_columns=3))


def test_over_long_cells_are_problems_naming_row_and_column():
    table = read_table(b"Reference,Learning\nCSC-1," + b"x" * 11 + b"\n", limits=Limits(max_cell_chars=10))
    assert table.problems == [Problem(2, "Learning", "is 11 characters long; the most a cell may hold is 10")]
    assert not read_table(b"Reference,Learning\nCSC-1," + b"x" * 10 + b"\n", limits=Limits(max_cell_chars=10)).problems


# XLSX ----------------------------------------------------------------------------------------


def test_xlsx_first_sheet_with_dates_and_numbers():
    data = xlsx_bytes([["Reference", "Received", "Payment amount", "Child age", "Looked after"],
                       ["CSC-1", datetime(2021, 4, 1), 1800.5, 12, True],  # noqa: DTZ001 - Excel dates are naive
                       [None, None, None],
                       ["CSC-2", "02/04/2021", 1800, 12.0, False]])
    table = read_table(data)
    assert table.file_kind == "XLSX"
    assert table.header == ("Reference", "Received", "Payment amount", "Child age", "Looked after")
    assert table.rows[0].number == 2
    assert table.rows[0].cells == ("CSC-1", datetime(2021, 4, 1), "1800.5", "12", "yes")  # noqa: DTZ001
    assert table.rows[1].number == 4
    assert table.rows[1].cells == ("CSC-2", "02/04/2021", "1800", "12", "no")


def test_xlsx_named_sheet():
    data = xlsx_bytes([["Notes"], ["Read me"]], title="Notes", extra_sheet="Complaints")
    assert read_table(data, sheet="Complaints").header == ("Reference",)
    with pytest.raises(FileRejected, match='no sheet called "Cases"; its sheets are "Notes", "Complaints"'):
        read_table(data, sheet="Cases")


def test_xlsx_formula_cells_are_refused_by_row_and_column():
    rows = [["Reference", "Received"]] + [[f"CSC-{n}", "01/04/2021"] for n in range(2, 14)]
    rows.append(["CSC-14", "=DATE(2021,4,1)"])
    table = read_table(xlsx_bytes(rows))
    assert [str(problem) for problem in table.problems] == [
        "Row 14, Received: is a formula; paste the values instead"]


def test_xlsx_blank_trailing_rows_are_ignored():
    rows = [["Reference"], ["CSC-1"]] + [[None]] * 20 + [[""]]
    assert len(read_table(xlsx_bytes(rows)).rows) == 1


def test_xlsx_row_limit():
    rows = [["Reference"]] + [[f"CSC-{n}"] for n in range(4)]
    with pytest.raises(FileRejected, match="more than 3 rows"):
        read_table(xlsx_bytes(rows), limits=Limits(max_rows=3))


def test_xlsx_zip_bomb_is_refused_before_it_is_inflated():
    # 100 MB of zeros compresses to about 100 KB: a ratio no real workbook has.
    bomb = xlsx_with_member(xlsx_bytes([["Reference"]]), "xl/media/image1.bin", b"\x00" * (100 * 1024 * 1024))
    assert len(bomb) < 1024 * 1024
    with pytest.raises(FileRejected, match="zip bomb"):
        read_table(bomb)


def test_xlsx_total_uncompressed_size_limit():
    data = xlsx_bytes([["Reference"], ["CSC-1"]])
    with pytest.raises(FileRejected, match="when unpacked"):
        read_table(data, limits=Limits(max_uncompressed_bytes=1000))


def test_a_workbook_built_by_hand_with_shared_strings_is_read():
    # The control for the XML bomb tests: the same construction, with harmless strings.
    table = read_table(xlsx_by_hand(["Reference", "CSC-1", "CSC-2"]))
    assert table.header == ("Reference",)
    assert [row.cells for row in table.rows] == [("CSC-1",), ("CSC-2",)]


def test_xlsx_billion_laughs_in_shared_strings_is_refused():
    data = xlsx_by_hand(["Reference", "CSC-1"], shared_strings=BILLION_LAUGHS)
    with pytest.raises(FileRejected, match="unsafe XML"):
        read_table(data)


def test_xlsx_billion_laughs_in_the_sheet_is_refused():
    data = xlsx_by_hand(["Reference"], sheet=BILLION_LAUGHS_SHEET)
    assert BILLION_LAUGHS_SHEET.count(b"&lol9;") == 1
    with pytest.raises(FileRejected, match="unsafe XML"):
        read_table(data)


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(FileRejected, match="ZIP archive but not an XLSX"):
        read_table(out.getvalue())


def test_a_damaged_workbook_is_refused():
    data = xlsx_with_member(xlsx_bytes([["Reference"]]), "xl/workbook.xml", b"<not really")
    with pytest.raises(FileRejected, match="not a readable XLSX workbook"):
        read_table(data)


def test_a_truncated_zip_is_refused():
    with pytest.raises(FileRejected, match="ZIP container is damaged"):
        read_table(xlsx_bytes([["Reference"]])[:200])


def test_xlsx_declaring_the_largest_sheet_is_read_by_the_cells_it_holds():
    """A 5 KB workbook can declare the whole sheet (A1:XFD1048576) as its size; read-only openpyxl
    would then pad every row to 16,384 cells over a million rows, tying up a worker for half an
    hour. Only the cells the file holds are read, so the far cell's row is reached at once and the
    file refused for its width. (The alarm turns a hang into a failure; no time is asserted.)"""
    import signal

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Reference", "Received"])
    sheet.append(["CSC-2021-0001", "01/04/2021"])
    sheet["XFD1048576"] = "far away"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert len(buffer.getvalue()) < 20_000

    def hung(signum, frame):  # noqa: ANN001, ARG001
        raise AssertionError("reading the workbook walked its declared size")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        with pytest.raises(FileRejected, match="Row 1048576 has 16384 columns; a register has at most 100"):
            read_table(buffer.getvalue())
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
