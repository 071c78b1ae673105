"""The committed seed file of England and Wales bank holidays, and the offline generator for it.

The file ``data/england_and_wales_bank_holidays.csv`` (columns ``date,name``) is loaded into the
BankHoliday table by migration 0002. It is generated offline, never at run time, with::

    python -m fairhearing.workingdays.seed

Regenerate it (and add a data migration for the new rows) when the years need extending; the
``holidays_refresh`` command can also add later years to a running system without a release.
Pure Python, no Django.
"""

import csv
from datetime import date
from pathlib import Path

SEED_FILE = Path(__file__).resolve().parent / "data" / "england_and_wales_bank_holidays.csv"
FIRST_SEEDED_YEAR = 2010
LAST_SEEDED_YEAR = 2035


def read_seed_file(path: Path = SEED_FILE) -> dict[date, str]:
    """The seed file as {date: name}, in date order."""
    with path.open(newline="", encoding="utf-8") as handle:
        return {date.fromisoformat(row["date"]): row["name"] for row in csv.DictReader(handle)}


def write_seed_file(path: Path = SEED_FILE) -> int:
    """Regenerate the seed file from the ``holidays`` package; returns the number of rows."""
    from .sources import england_and_wales_bank_holidays

    days = england_and_wales_bank_holidays(FIRST_SEEDED_YEAR, LAST_SEEDED_YEAR)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["date", "name"])
        for day, name in days.items():
            writer.writerow([day.isoformat(), name])
    return len(days)


if __name__ == "__main__":
    count = write_seed_file()
    print(
        f"Wrote {count} bank holidays ({FIRST_SEEDED_YEAR}-{LAST_SEEDED_YEAR}) to {SEED_FILE.name}"
    )
