"""``manage.py import_register FILE [--kind complaints|compliments|enquiries|ombudsman]
[--mapping saved|MAP.json] --user NAME [--dry-run]``.

Imports a historic register (complaints unless --kind says otherwise). The command reads the file
and lists every problem by row and column. A file whose headers are not the register's own names
is matched to the register's columns first, by --mapping: the mapping saved in the browser for
exactly these headers, or a JSON file of {"file header": "register column"}; problems are then
named by the file's own headers, as in the browser. With --dry-run it stops there; otherwise, when there
are no problems, it writes every row through the same services as records entered by hand, in one
transaction, and says how many records it made and how many were already imported. With any
problem, nothing is written.
"""

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from fairhearing.core.errors import DomainError
from fairhearing.intake.importing.columns import COLUMNS, Column, RegisterKind, header_key
from fairhearing.intake.importing.files import read_table
from fairhearing.intake.importing.mapping import IGNORE, check_mapping, validate_mapped
from fairhearing.intake.importing.problems import FileRejected
from fairhearing.intake.importing.registers import import_register, register_count
from fairhearing.intake.importing.rows import validate_table
from fairhearing.intake.selectors import column_mapping_for
from fairhearing.intake.services import column_mapping_targets


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
        parser.add_argument(
            "--mapping", default="",
            help="When the file's headers are not the register's names: 'saved' to match them as the mapping "
                 "saved in the browser for exactly these headers says, or a JSON file of "
                 '{"file header": "register column"} (a header mapped to "" is not imported; one left out is '
                 "imported only if it is already a register column's name).",
        )
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
            table = read_table(options["file"], sheet=options["sheet"])
        except FileRejected as error:
            raise CommandError(error.message) from None
        except FileNotFoundError:
            raise CommandError(f"There is no file at {options['file']}.") from None
        targets = self._targets(table.header, kind, options["mapping"])
        result = validate_table(table, kind=kind) if targets is None else validate_mapped(table, targets, kind=kind)
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

    def _targets(self, header: tuple[str, ...], kind: RegisterKind, option: str) -> list[str] | None:
        """The register column chosen for each of the file's columns, as --mapping says (None
        without it: the headers must then be the register's own names)."""
        if not option:
            return None
        columns = COLUMNS[kind]
        if option == "saved":
            saved = column_mapping_for(kind=kind, header=header)
            if saved is None:
                raise CommandError(
                    f"No column mapping is saved for this file's headers in the {kind} register: match them once "
                    "in the browser, or give a JSON file to --mapping. Nothing was written.")
            targets = column_mapping_targets(saved)
        else:
            targets = self._targets_from_file(Path(option), header, columns, kind)
        check = check_mapping(header, targets, columns)
        if not check.is_valid:
            raise CommandError(
                "The column mapping cannot be used: " + "; ".join([*check.general, *check.columns.values()])
                + ". Nothing was written.")
        return targets

    def _targets_from_file(self, path: Path, header: tuple[str, ...], columns: Sequence[Column],
                           kind: RegisterKind) -> list[str]:
        """The choices a JSON mapping file makes. Headers and register columns are both matched
        ignoring case, spaces and punctuation, as a person typing them expects. A header the file
        does not name keeps its register column if it is already one's name (so the file need
        only list the headers that differ), and is otherwise not imported."""
        try:
            names = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError):
            raise CommandError(f"Cannot read the mapping file {path} as JSON. Nothing was written.") from None
        if not isinstance(names, dict) or not all(isinstance(value, str) for value in names.values()):
            raise CommandError('The mapping file must hold one JSON object of "file header": "register column" '
                               'pairs (use "" for a column not to import). Nothing was written.')
        by_key = {column.key: column.header for column in columns}
        chosen: dict[str, str] = {}
        for text, target in names.items():
            if target and header_key(target) not in by_key:
                raise CommandError(f'"{target}" (for {text}) is not a column of the {kind} register; the columns '
                                   f"are listed in docs/import.md. Nothing was written.")
            chosen[header_key(text)] = by_key[header_key(target)] if target else IGNORE
        file_keys = {header_key(text) for text in header if text}
        unused = [text for text in names if header_key(text) not in file_keys]
        if unused:
            self.stdout.write(f"The mapping file names headers this file does not have: {', '.join(unused)}.")
        targets = []
        for text in header:
            key = header_key(text)
            if not key:  # a blank header: its column is not imported, as without a mapping
                targets.append(IGNORE)
            else:
                targets.append(chosen[key] if key in chosen else by_key.get(key, IGNORE))
        return targets

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
