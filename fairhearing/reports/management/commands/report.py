"""manage.py report: produce a report as a file, so it can be scheduled (cron, systemd timers).

    manage.py report annual --year 2021 --format docx --output annual-2021-22.docx
    manage.py report annual --period q2021-3 --compare 4 --format xlsx --output q3.xlsx
    manage.py report overview --format pdf --output overview.pdf --published
    manage.py report annual --from 2021-04-01 --to 2021-09-30 --format csv --output tables.zip

The period is one of --year (financial year: 2021 means 2021-22), --period (a period key, see
fairhearing/reports/periods.py) or --from and --to. Without one, the annual report covers the last
complete financial year, and the overview the six months ending with the last complete month.

The file is written next to its final name and then renamed, so a reader never sees half a file,
and an existing file is replaced only with --force. Each run is written to the audit log (kind,
period, version, format; never the file's path or contents). Building and formatting the report
are in report_build and renderers.render; this command only reads arguments and writes the file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from fairhearing.audit.services import audit_record
from fairhearing.core import clock
from fairhearing.core.errors import DomainError
from fairhearing.reports.build import report_build
from fairhearing.reports.periods import MAX_COMPARISONS, Period
from fairhearing.reports.renderers import FORMATS, Rendered, format_get, render
from fairhearing.reports.report import DEFAULT_THRESHOLD, Report, ReportKind, ReportOptions, Scope

GENERATED = "report.generated"
MIN_THRESHOLD, MAX_THRESHOLD = 2, 10  # as the report form allows
OVERVIEW_MONTHS = 6
DEFAULT_COMPARISONS = {ReportKind.ANNUAL: 1, ReportKind.OVERVIEW: 0}
# What each format's file is usually called, to catch --format pdf --output report.docx.
_EXTENSIONS = {".docx", ".pdf", ".xlsx", ".zip", ".csv", ".json"}


def _first_of_month(day: date, months_back: int) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def last_complete_months(today: date, months: int = OVERVIEW_MONTHS) -> Period:
    """The ``months`` months ending with the last complete month, as a half year when it is one."""
    end = today.replace(day=1) - timedelta(days=1)
    start = _first_of_month(end, months - 1)
    financial_year = Period.financial_year_containing(start)
    for half in (1, 2):
        candidate = Period.half_year(financial_year.year, half)
        if (candidate.start, candidate.end) == (start, end):
            return candidate
    return Period.date_range(start, end)


def _size(n: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("kB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


class Command(BaseCommand):
    help = (
        "Produce the annual report or the six-month overview as a file (Word, PDF, Excel, CSV or "
        "JSON). Give the period with --year, --period or --from/--to; without one, the annual report "
        "covers the last complete financial year and the overview the six months to the end of last "
        "month."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=[k.value for k in ReportKind],
                            help="annual: the statutory annual report; overview: the six-month overview.")
        parser.add_argument("--year", type=int, help="Financial year by its first year: 2021 is 2021-22.")
        parser.add_argument("--period", help="A period key: fy2021, h2021-1, q2021-3, m2022-03, "
                                             "r2022-01-01..2022-06-30.")
        parser.add_argument("--from", dest="start", help="First day of a date range (YYYY-MM-DD).")
        parser.add_argument("--to", dest="end", help="Last day of a date range (YYYY-MM-DD).")
        parser.add_argument("--compare", type=int, default=None,
                            help=f"Earlier periods to compare with, 0 to {MAX_COMPARISONS} "
                                 "(default 1 for annual, 0 for overview).")
        parser.add_argument("--published", action="store_true",
                            help="The published version: no names or references, small numbers hidden.")
        parser.add_argument("--threshold", type=int, default=DEFAULT_THRESHOLD,
                            help=f"Published version: hide numbers below this ({MIN_THRESHOLD} to "
                                 f"{MAX_THRESHOLD}, default {DEFAULT_THRESHOLD}).")
        parser.add_argument("--scope", default=Scope.STATUTORY.value,
                            help="statutory (default): the children's statutory procedure; all: "
                                 "statutory and corporate complaints.")
        parser.add_argument("--format", dest="fmt", required=True,
                            help=f"One of: {', '.join(FORMATS)} (csv gives a ZIP of one CSV per table).")
        parser.add_argument("--table", dest="table_key", help="With --format csv: only this table, as one CSV.")
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument("--force", action="store_true", help="Replace the file if it exists.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            kind = ReportKind(options["kind"])
            fmt = format_get(options["fmt"]).key
            report_options = ReportOptions(
                period=self._period(kind, options),
                kind=kind,
                comparisons=self._comparisons(kind, options["compare"]),
                published=options["published"],
                threshold=self._threshold(options["threshold"]),
                scope=self._scope(options["scope"]),
            )
            if options["table_key"] and fmt != "csv":
                raise DomainError("--table works only with --format csv.")
            output = self._output(Path(options["output"]), fmt, options["table_key"], options["force"])
            report = report_build(options=report_options, today=clock.today())
            rendered = render(report, fmt, table_key=options["table_key"])
        except DomainError as error:
            raise CommandError(error.message) from error
        self._write(output, rendered.content)
        self._audit(report, fmt, rendered, options["table_key"])
        self.stdout.write(f"Wrote {output} ({_size(len(rendered.content))}, "
                          f"{len(rendered.content):,} bytes): {report.title}, "
                          f"{'published' if report.published else 'internal'} version.")

    # Arguments ----------------------------------------------------------------------------

    def _period(self, kind: ReportKind, options: dict[str, Any]) -> Period:
        year, key, start, end = options["year"], options["period"], options["start"], options["end"]
        given = [name for name, value in (("--year", year), ("--period", key),
                                          ("--from/--to", start or end)) if value]
        if len(given) > 1:
            raise DomainError(f"Give the period one way only, not {' and '.join(given)}.")
        if year is not None:
            if kind == ReportKind.OVERVIEW:
                raise DomainError(
                    "The overview covers six months, not a year: use --period (for example h2021-1 "
                    "for April to September 2021), or --from and --to, or no period for the six "
                    "months to the end of last month."
                )
            if not 1900 <= year <= 9998:
                raise DomainError(f"--year {year} is not a financial year: give its first year, like 2021.")
            return Period.financial_year(year)
        if key:
            return Period.from_key(key)
        if start or end:
            if not (start and end):
                raise DomainError("A date range needs both --from and --to.")
            return Period.date_range(self._date(start, "--from"), self._date(end, "--to"))
        today = clock.today()
        if kind == ReportKind.OVERVIEW:
            return last_complete_months(today)
        return Period.financial_year_containing(today).previous()

    @staticmethod
    def _date(value: str, name: str) -> date:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise DomainError(f"{name} {value} is not a date: write it as YYYY-MM-DD, like 2021-04-01.") from None

    @staticmethod
    def _comparisons(kind: ReportKind, compare: int | None) -> int:
        if compare is None:
            return DEFAULT_COMPARISONS[kind]
        if not 0 <= compare <= MAX_COMPARISONS:
            raise DomainError(f"--compare must be from 0 to {MAX_COMPARISONS} earlier periods, not {compare}.")
        return compare

    @staticmethod
    def _threshold(threshold: int) -> int:
        if not MIN_THRESHOLD <= threshold <= MAX_THRESHOLD:
            raise DomainError(f"--threshold must be from {MIN_THRESHOLD} to {MAX_THRESHOLD}, not {threshold}.")
        return threshold

    @staticmethod
    def _scope(scope: str) -> Scope:
        try:
            return Scope(scope)
        except ValueError:
            raise DomainError(
                f"'{scope}' is not a scope. Choose one of: {', '.join(s.value for s in Scope)}."
            ) from None

    @staticmethod
    def _output(path: Path, fmt: str, table_key: str | None, force: bool) -> Path:
        path = path.expanduser().absolute()
        if not path.parent.is_dir():
            raise DomainError(f"The folder {path.parent} does not exist. Create it first.")
        if path.is_dir():
            raise DomainError(f"{path} is a folder. Give a file name.")
        if path.exists() and not force:
            raise DomainError(f"{path} already exists. Add --force to replace it.")
        expected = ".csv" if table_key else f".{FORMATS[fmt].extension}"
        if path.suffix.lower() in _EXTENSIONS and path.suffix.lower() != expected:
            raise DomainError(f"The file name ends {path.suffix} but a {fmt} report is a {expected} file.")
        return path

    # Writing ------------------------------------------------------------------------------

    @staticmethod
    def _write(path: Path, content: bytes) -> None:
        """Write beside the target, then rename over it: a reader never sees half a file."""
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
            # mkstemp makes the file private; give it the permissions a new file normally gets.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise

    @staticmethod
    @transaction.atomic
    def _audit(report: Report, fmt: str, rendered: Rendered, table_key: str | None) -> None:
        version = "published" if report.published else "internal"
        audit_record(
            actor=None, verb=GENERATED, subject=None,
            summary=f"{report.title} ({version} version) produced as {fmt} by the report command",
            data={"kind": str(report.kind), "period": report.period.key, "version": version,
                  "format": fmt, "comparisons": report.options.comparisons,
                  "scope": str(report.options.scope), "table": table_key or "",
                  "bytes": len(rendered.content)},
        )
