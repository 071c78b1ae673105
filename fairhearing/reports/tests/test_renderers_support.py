"""Helpers for the renderer tests: a synthetic report, reading each format back, a small validator.

It holds no tests; shared by the other test_renderers_*.py modules and test_command.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import zipfile
import zlib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from fairhearing.reports.periods import Period
from fairhearing.reports.report import Report, ReportOptions
from fairhearing.reports.suppression import suppress_table
from fairhearing.reports.tables import (
    Chart,
    ChartKind,
    Column,
    Row,
    Section,
    Table,
    change,
    count,
    count_percent,
    money,
    percent,
    percent_change,
    text,
)

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "docs" / "report-json-schema.json"
GENERATED = datetime(2022, 5, 3, 9, 30, tzinfo=UTC)

# The privacy table: 3 is a small count (shown "<5"); 787 is hidden too ("*") because the total
# 790 would give 3 away; the change figures of both rows go with them. None of these numbers may
# appear in any format of the published version.
SMALL, PROTECTED, PROTECTED_TOTAL = 3, 787, 790
LEAKY_NUMBERS = ("787", "609")  # 787 and the change 3 - 612 = -609


def privacy_table(threshold: int = 5) -> Table:
    table = Table(
        key="privacy_check_by_team", title="Privacy check: complaints by team",
        columns=[Column("fy2021", "2021-22"), Column("fy2020", "2020-21"), Column("change", "Change"),
                 Column("change_percent", "Change %")],
        rows=[
            Row("team_a", "Team A", (count(SMALL), count(612), change(SMALL, 612), percent_change(SMALL, 612))),
            Row("team_b", "Team B", (count(PROTECTED), count(655), change(PROTECTED, 655),
                                     percent_change(PROTECTED, 655))),
            Row("total", "Total", (count(PROTECTED_TOTAL), count(1267), change(PROTECTED_TOTAL, 1267),
                                   percent_change(PROTECTED_TOTAL, 1267)), is_total=True),
        ],
        basis="A table made for the test, with one small number.",
        row_heading="Team", suppressible=True, total_row=True,
        chart=Chart(ChartKind.BAR, ("fy2021", "fy2020")),
    )
    return suppress_table(table, threshold)


def mixed_table(key: str = "mixed_kinds") -> Table:
    """Every kind of cell, and labels a spreadsheet would run as formulas."""
    return Table(
        key=key, title="Every kind of figure & <markup>",
        columns=[Column("share", "Share"), Column("money", "Spent"), Column("when", "Due"),
                 Column("note", "Note"), Column("rate", "Rate")],
        rows=[
            Row("formula", "=HYPERLINK(\"http://evil.example\",\"x\")",
                (count_percent(5, 6), money(1800), text("2022-04-01"), text("+44 1234"), percent(1, 3))),
            Row("at", "@SUM(A1:A2)",
                (count_percent(0, 0), money("1234.5"), text(""), text("-2 days"), percent(0, 0))),
            Row("tab", "\tTabbed <b>team</b> & co",
                (count_percent(2, 8), money(0), text("x"), text("\rreturn"), percent(2, 3))),
        ],
        basis="=1+1 is not a formula here", notes=["-a note starting with a minus"],
        row_heading="Who", chart=Chart(ChartKind.BAR, ("share",)),
    )


def synthetic_report(*, published: bool = False, sections: list[Section] | None = None,
                     council: str = "Brighton & Hove <Council>") -> Report:
    options = ReportOptions(period=Period.financial_year(2021), comparisons=1, published=published)
    if sections is None:
        sections = [
            Section("privacy", "Privacy", [privacy_table()] if published else [], ["A sentence."]),
            Section("mixed", "Mixed", [mixed_table()], [], free_text="First paragraph.\nSecond line.\n\nAnother",
                    quotations=[("Team X", "X was very helpful & kind.")]),
        ]
    return Report(options=options, council_name=council, generated_at=GENERATED, sections=sections)


# Reading formats back ------------------------------------------------------------------------


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 byte order mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def csv_zip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def docx_text(document) -> str:  # noqa: ANN001
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF's bytes with every Flate stream inflated, so compressed objects can be searched."""
    inflated = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            inflated.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    return b"\n".join(inflated)


def pdf_string(text: str) -> bytes:
    """How WeasyPrint writes a string (a bookmark, a figure's alternative text) into the PDF."""
    try:
        return b"(" + re.sub(rb"([\\()])", rb"\\\1", text.encode("ascii")) + b")"
    except UnicodeEncodeError:
        return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().encode() + b">"


def _pdftotext(pdf: bytes, *options: str) -> str | None:
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    result = subprocess.run([tool, *options, "-enc", "UTF-8", "-", "-"], input=pdf,  # noqa: S603
                            capture_output=True, check=True, timeout=60)
    return result.stdout.decode("utf-8")


def pdf_text_blocks(pdf: bytes) -> list[str] | None:
    """The PDF's text as blocks (pdftotext, roughly one table cell per block); None without it."""
    text = _pdftotext(pdf)
    if text is None:
        return None
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


def pdf_text_lines(pdf: bytes) -> list[str] | None:
    """The PDF's text laid out as on the page, one string per line, spaces collapsed."""
    text = _pdftotext(pdf, "-layout")
    if text is None:
        return None
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def pdf_has_row(lines: list[str], label: str, values: list[str]) -> bool:
    """Whether a line holds the row: its figures last, after the start of its label (a long label
    wraps onto the next lines; the figures sit on its first line)."""
    label = " ".join(label.split())
    tail = " ".join(" ".join(v.split()) for v in values if v)
    for line in lines:
        if not line.endswith(" " + tail):
            continue
        start = line[: -len(tail) - 1]
        if start and (label == start or label.startswith(start + " ")):
            return True
    return False


def contains_run(blocks: list[str], run: list[str]) -> bool:
    """Whether ``run`` appears as consecutive blocks."""
    n = len(run)
    return any(blocks[i:i + n] == run for i in range(len(blocks) - n + 1))


# A small JSON Schema (draft 2020-12) validator for the keywords docs/report-json-schema.json uses.

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
SUPPORTED = {"$schema", "$id", "$defs", "$ref", "title", "description", "type", "required",
             "properties", "additionalProperties", "items", "enum", "const", "minimum", "minItems",
             "maxItems", "pattern", "format"}


def schema_errors(instance: Any, schema: dict[str, Any], root: dict[str, Any] | None = None,
                  path: str = "$") -> list[str]:
    root = root or schema
    unknown = set(schema) - SUPPORTED
    assert not unknown, f"the test validator does not know {unknown}"
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return schema_errors(instance, root["$defs"][name], root, path)
    errors: list[str] = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](instance) for t in types):
            return [f"{path}: {instance!r} is not {types}"]
    if "const" in schema and instance != schema["const"]:
        errors.append(f"{path}: {instance!r} is not {schema['const']!r}")
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{path}: {instance!r} not in {schema['enum']}")
    if "minimum" in schema and _TYPES["number"](instance) and instance < schema["minimum"]:
        errors.append(f"{path}: {instance} < {schema['minimum']}")
    if "pattern" in schema and isinstance(instance, str) and not re.search(schema["pattern"], instance):
        errors.append(f"{path}: {instance!r} does not match {schema['pattern']}")
    if schema.get("format") == "date" and isinstance(instance, str):
        try:
            date.fromisoformat(instance)
        except ValueError:
            errors.append(f"{path}: {instance!r} is not a date")
    if schema.get("format") == "date-time" and isinstance(instance, str):
        try:
            moment = datetime.fromisoformat(instance)
            if moment.tzinfo is None:
                errors.append(f"{path}: {instance!r} has no offset")
        except ValueError:
            errors.append(f"{path}: {instance!r} is not a date-time")
    if isinstance(instance, dict):
        for key in schema.get("required", []):
            if key not in instance:
                errors.append(f"{path}: missing {key!r}")
        properties = schema.get("properties", {})
        for key, value in instance.items():
            if key in properties:
                errors += schema_errors(value, properties[key], root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unexpected {key!r}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += schema_errors(value, schema["additionalProperties"], root, f"{path}.{key}")
    if isinstance(instance, list):
        if "minItems" in schema and len(instance) < schema["minItems"]:
            errors.append(f"{path}: fewer than {schema['minItems']} items")
        if "maxItems" in schema and len(instance) > schema["maxItems"]:
            errors.append(f"{path}: more than {schema['maxItems']} items")
        if "items" in schema:
            for index, item in enumerate(instance):
                errors += schema_errors(item, schema["items"], root, f"{path}[{index}]")
    return errors


def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
