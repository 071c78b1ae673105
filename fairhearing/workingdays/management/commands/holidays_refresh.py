"""manage.py holidays_refresh: add missing England and Wales bank holidays (no network).

Run yearly from cron (or after upgrading the ``holidays`` package) so the table always reaches
well past the longest statutory timescale. The logic is in ``services.bank_holidays_refresh``.
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fairhearing.core import clock
from fairhearing.core.errors import DomainError
from fairhearing.workingdays.services import bank_holidays_refresh

YEARS_BACK = 1
YEARS_AHEAD = 10


class Command(BaseCommand):
    help = (
        "Add any England and Wales bank holidays missing from the table, computed offline by the "
        f"holidays package. Default years: last year to {YEARS_AHEAD} years ahead. Never deletes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from-year", type=int, dest="from_year")
        parser.add_argument("--to-year", type=int, dest="to_year")

    def handle(
        self, *args: object, from_year: int | None, to_year: int | None, **options: object
    ) -> None:
        this_year = clock.today().year
        first_year = from_year if from_year is not None else this_year - YEARS_BACK
        last_year = to_year if to_year is not None else this_year + YEARS_AHEAD
        try:
            created = bank_holidays_refresh(first_year=first_year, last_year=last_year, actor=None)
        except DomainError as error:
            raise CommandError(error.message) from error
        plural = "" if len(created) == 1 else "s"
        self.stdout.write(
            f"Added {len(created)} bank holiday{plural} for {first_year} to {last_year}."
        )
        for row in created:
            self.stdout.write(f"  {row.date.isoformat()}  {row.name}")
