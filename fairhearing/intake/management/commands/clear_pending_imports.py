"""``manage.py clear_pending_imports``: remove register files uploaded in the browser and never imported.

An upload waits in private storage until the complaints manager imports it. One left for more
than a day (24 hours) is removed with its file, as are import progress files not changed for a
day and stray files in the uploads folder that no upload names. Uploads being imported at that
moment are left alone. Running it again removes nothing more, so it is safe to run from cron as
often as wanted, e.g. hourly:

    15 * * * *  cd /srv/fairhearing && .venv/bin/python manage.py clear_pending_imports --quiet

The same clearing also happens whenever a manager uploads a file.
"""

from django.core.management.base import BaseCommand, CommandParser

from fairhearing.intake.services import pending_imports_clear


class Command(BaseCommand):
    help = "Remove register uploads left waiting more than 24 hours, with their files (safe to repeat; for cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="Say nothing when there was nothing to remove.")

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        cleared = pending_imports_clear()
        if options["quiet"] and not (cleared.pending or cleared.progress or cleared.orphans):
            return
        self.stdout.write(
            f"Removed {cleared.pending} waiting upload{'s' if cleared.pending != 1 else ''}, "
            f"{cleared.progress} progress file{'s' if cleared.progress != 1 else ''} and "
            f"{cleared.orphans} stray file{'s' if cleared.orphans != 1 else ''}."
        )
