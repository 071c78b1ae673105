"""``manage.py import_register FILE [--kind complaints|compliments|enquiries|ombudsman] --user NAME [--dry-run]``.

Imports a historic register (complaints unless --kind says otherwise). The command reads the file
and lists every problem by row and column. With --dry-run it stops there; otherwise, when there
are no problems, it writes every row through the same services as records entered by hand, in one
transaction, and says how many records it made and how many were already imported. With any
problem, nothing is written.
"""

import hashlib
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from fairhearing.core.errors import DomainError
from fairhearing.intake.importing.columns import RegisterKind
from fairhearing.intake.importing.problems import FileRejected
from fairhearing.intake.importing.registers import import_register, register_count
from fairhearing.intake.importing.rows import validate_file


class Command(BaseCommand):
    help = (
        "Check a register spreadsheet (CSV or XLSX) in the canonical format of docs/import.md, list "
        "every problem, and, without --dry-run and when there are none, import it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The CSV or XLSX file.")
        parser.add_argument("--kind", default=RegisterKind.COMPLAINTS, choices=[kind.value for kind in RegisterKind],
                            help="Which register the file is (default: complaints).")
        parser.add_argument("--sheet", default="", help="The sheet of an XLSX workbook to read (default: the first).")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and write nothing.")
        parser.add_argument("--user", default="", help="Username of the person importing (needed to import).")
        parser.add_argument(
            "--adjudicator", default="",
            help="Username of the senior manager recorded as making imported Stage 2 adjudications "
                 "(default: --user, who must then be a senior manager if any row has one).",
        )

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        dry_run = options["dry_run"]
        kind = RegisterKind(options["kind"])
        actor = adjudicator = None
        if not dry_run:
            actor = self._user(options["user"], "--user")
            adjudicator = self._user(options["adjudicator"], "--adjudicator") if options["adjudicator"] else actor
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
                + ("nothing was written (this was a dry run)." if dry_run else "nothing was written.")
            )
        rows = len(result.rows)
        if dry_run:
            self.stdout.write(f"{rows} row{'s are' if rows != 1 else ' is'} valid. Nothing was written (this was a dry run).")
            return
        path = Path(options["file"])
        try:
            written = import_register(validation=result, file_name=path.name, file_sha256=_sha256(path),
                                      actor=actor, adjudicator=adjudicator)
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"{register_count(kind, written.created_count)} imported, "
            f"{written.already_present_count} already imported (nothing changed)."
        )

    @staticmethod
    def _user(username: str, option: str):  # noqa: ANN205
        if not username:
            raise CommandError(f"Say who is importing: {option} USERNAME. Nothing was written.")
        try:
            return get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no active user {username} ({option}). Nothing was written.") from None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
