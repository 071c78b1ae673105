"""``manage.py export_register [--kind complaints|compliments|enquiries|ombudsman] --format csv|xlsx --output FILE [--from DATE --to DATE] [--force]``.

Writes a register (complaints unless --kind says otherwise) in the canonical format of
docs/import.md, which import_register reads back unchanged. --from and --to limit the export to
records received on or between those dates (ISO or day/month/year; for Ombudsman cases, the day
the council was told of the enquiry). An existing file is never overwritten without --force.
"""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.intake.importing.columns import RegisterKind
from fairhearing.intake.importing.registers import FORMATS, export_register, register_count
from fairhearing.intake.importing.values import parse_date


class Command(BaseCommand):
    help = "Export a register in the canonical format of docs/import.md, as CSV or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", default=RegisterKind.COMPLAINTS, choices=[kind.value for kind in RegisterKind],
                            help="Which register to export (default: complaints).")
        parser.add_argument("--format", dest="file_format", required=True, choices=FORMATS)
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument("--from", dest="received_from", default="",
                            help="Only records received on or after this date.")
        parser.add_argument("--to", dest="received_to", default="",
                            help="Only records received on or before this date.")
        parser.add_argument("--force", action="store_true", help="Overwrite the output file if it exists.")

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        kind = RegisterKind(options["kind"])
        received_from = _date(options["received_from"], "--from")
        received_to = _date(options["received_to"], "--to")
        if received_from and received_to and received_to < received_from:
            raise CommandError(f"--to ({long_date(received_to)}) is before --from ({long_date(received_from)}).")
        path = Path(options["output"])
        if path.is_dir():
            raise CommandError(f"{path} is a folder; give the name of the file to write.")
        if not path.parent.is_dir():
            raise CommandError(f"There is no folder {path.parent} to write {path.name} into.")
        if path.exists() and not options["force"]:
            raise CommandError(f"{path} already exists; use --force to overwrite it. Nothing was written.")
        # Written beside the target and moved into place, so a failure never leaves half a file.
        partial = path.with_name(f".{path.name}.partial")
        try:
            with partial.open("wb") as handle:
                count = export_register(kind=kind, file_format=options["file_format"], output=handle,
                                        received_from=received_from, received_to=received_to)
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(f"{register_count(kind, count)} exported to {path}.")


def _date(text: str, option: str) -> date | None:
    if not text:
        return None
    value, problem = parse_date(text, today=clock.today())
    if problem:
        raise CommandError(f"{option}: {problem}.")
    return value
