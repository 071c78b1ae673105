"""Building register files in tests: CSV bytes, real XLSX workbooks and doctored ones."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl

from fairhearing.intake.importing.columns import COMPLAINT_COLUMNS

HEADERS = [column.header for column in COMPLAINT_COLUMNS]
TEAM = "Family Support Team 1"


def complaint(number: int = 1, **overrides: str) -> dict[str, str]:
    """A valid complaint row (by canonical header), received in April 2021 and closed at Stage 1."""
    row = {
        "Reference": f"CSC-2021-{number:04d}",
        "Received": "01/04/2021",
        "Procedure": "children_statutory",
        "Channel": "Email",
        "Complainant type": "parent",
        "Team": TEAM,
        "Themes": "Delay; Lack of communication",
        "Stage 1 responded": "2021-04-20",
        "Stage 1 outcome": "Partially upheld",
        "Remedies": "apology; financial remedy",
        "Payment amount": "£250",
        "Child age": "12",
        "Gender": "F",
        "Ethnicity": "White British",
        "Looked after": "yes",
    }
    row.update(overrides)
    return row


def csv_bytes(rows: list[dict[str, str]], *, headers: list[str] | None = None, bom: bool = False,
              encoding: str = "utf-8") -> bytes:
    """A CSV file as Excel would save it, with the given headers (all canonical ones by default)."""
    headers = headers or HEADERS
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(header, "") for header in headers])
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows: list[list[object]], *, title: str = "Register", extra_sheet: str = "") -> bytes:
    """A real workbook whose first sheet holds ``rows`` (strings starting = become formulas)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        workbook.create_sheet(extra_sheet).append(["Reference"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_with_member(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one ZIP member replaced (or added), for doctored files."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            if member.filename != name:
                target.writestr(member, source.read(member.filename))
        target.writestr(name, content)
    return out.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>&lol9;</t></si></sst>"""


def xlsx_by_hand(strings: list[str], *, shared_strings: bytes | None = None, sheet: bytes | None = None) -> bytes:
    """A minimal workbook written part by part, whose one sheet's first column holds ``strings``
    through the shared strings table (as Excel writes them); either part can be replaced."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>{n - 1}</v></c></row>' for n in range(1, len(strings) + 1))
    items = "".join(f"<si><t>{text}</t></si>" for text in strings)
    parts = {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            b'<Default Extension="xml" ContentType="application/xml"/>'
            b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            b"</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} xmlns:r="{rel}"><sheets>'
            '<sheet name="Register" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ).encode(),
        "xl/worksheets/sheet1.xml": sheet or (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>{rows}</sheetData></worksheet>'
        ).encode(),
        "xl/sharedStrings.xml": shared_strings or (
            f'<?xml version="1.0" encoding="UTF-8"?><sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
        ).encode(),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


BILLION_LAUGHS_SHEET = BILLION_LAUGHS.replace(
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">\n<si><t>&lol9;</t></si></sst>',
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>',
)
