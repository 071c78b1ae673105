"""What the tests of the compliments, enquiries and Ombudsman registers share: the day they run
on, the team their rows name, and checking, importing and exporting one kind's file. The
fixtures they share (the importing officer and the teams) are in conftest.py."""

from __future__ import annotations

import datetime
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command

from fairhearing.intake.importing.columns import Column, RegisterKind
from fairhearing.intake.importing.registers import export_register, import_register
from fairhearing.intake.importing.rows import validate_file
from fairhearing.reports.build import report_build
from fairhearing.reports.periods import Period
from fairhearing.reports.report import ReportOptions
from fairhearing.reports.tests.seeds.builders import printed

from .builders import csv_bytes

D = datetime.date
TODAY = D(2022, 6, 1)
TEAM = "Fostering"
GUIDE = Path(settings.BASE_DIR) / "docs" / "import.md"


@dataclass(frozen=True)
class Register:
    """One register kind as its tests use it: its headers, and its section of the import guide."""

    kind: RegisterKind
    columns: Sequence[Column]
    guide_heading: str

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def check(self, rows, *, headers: list[str] | None = None):
        """Check rows written as a CSV file with this kind's headers (or the ones given)."""
        return validate_file(csv_bytes(rows, headers=self.headers if headers is None else headers), kind=self.kind, today=TODAY)

    def write(self, rows, actor, *, name: str = ""):
        """Check rows and import them, as the import page does."""
        data = csv_bytes(rows, headers=self.headers)
        validation = validate_file(data, kind=self.kind, today=TODAY)
        return import_register(validation=validation, file_name=name or f"{self.kind}.csv",
                               file_sha256=hashlib.sha256(data).hexdigest(), actor=actor, today=TODAY)

    def export(self, file_format: str = "csv") -> bytes:
        output = io.BytesIO()
        export_register(kind=self.kind, file_format=file_format, output=output)
        return output.getvalue()

    def guide_section(self) -> str:
        """This register's section of docs/import.md."""
        return GUIDE.read_text().split(f"## {self.guide_heading}", 1)[1].split("\n## ", 1)[0]


def messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


def run(command: str, *args: str) -> str:
    """A management command's output."""
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def year_report():
    """The report for the financial year 2021/22, made on TODAY."""
    return report_build(options=ReportOptions(period=Period.financial_year(2021)), today=TODAY)


def report_tables(report=None) -> dict[tuple[str, str], Any]:
    """Every table of the report (by default the year's), as printed, by (section, table)."""
    report = report or year_report()
    return {(section.key, table.key): printed(table) for section in report.sections for table in section.tables}
