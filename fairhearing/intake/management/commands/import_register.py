"""``manage.py import_register FILE --kind complaints --dry-run``: check a historic register.

Only checking is built so far: the command reads the file, lists every problem by row and column,
or says how many rows are valid. Writing the records (through the same services as records
entered by hand) is not built yet, so without --dry-run the command refuses.
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fairhearing.intake.importing.columns import COLUMNS, RegisterKind
from fairhearing.intake.importing.problems import FileRejected
from fairhearing.intake.importing.rows import validate_file


class Command(BaseCommand):
    help = (
        "Check a register spreadsheet (CSV or XLSX) in the canonical format of docs/import.md and list "
        "every problem. Only --dry-run is available: writing records is not built yet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The CSV or XLSX file.")
        parser.add_argument("--kind", default=RegisterKind.COMPLAINTS, choices=[kind.value for kind in RegisterKind])
        parser.add_argument("--sheet", default="", help="The sheet of an XLSX workbook to read (default: the first).")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and write nothing.")

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        if not options["dry_run"]:
            raise CommandError(
                "Writing imported records is not built yet; nothing was written. "
                "Run with --dry-run to check the file."
            )
        kind = RegisterKind(options["kind"])
        if kind not in COLUMNS:
            raise CommandError(f"Importing {kind.value} is not built yet; only complaints can be checked.")
        try:
            result = validate_file(options["file"], kind=kind, sheet=options["sheet"])
        except FileRejected as error:
            raise CommandError(error.message) from None
        except FileNotFoundError:
            raise CommandError(f"There is no file at {options['file']}.") from None
        for notice in result.notices:
            self.stdout.write(notice)
        for problem in result.problems:
            self.stdout.write(str(problem))
        if result.unknown_teams:
            self.stdout.write("Teams not yet in Fair Hearing: " + ", ".join(sorted(result.unknown_teams, key=str.casefold)))
        if result.unknown_themes:
            self.stdout.write("Themes not yet in Fair Hearing: " + ", ".join(sorted(result.unknown_themes, key=str.casefold)))
        if not result.is_valid:
            raise CommandError(
                f"{len(result.problems)} problem{'s' if len(result.problems) != 1 else ''} found; "
                "nothing was written (this was a dry run)."
            )
        rows = len(result.rows)
        self.stdout.write(f"{rows} row{'s are' if rows != 1 else ' is'} valid. Nothing was written (this was a dry run).")
