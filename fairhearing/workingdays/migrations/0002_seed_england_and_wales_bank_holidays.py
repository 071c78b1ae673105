"""Load the committed England and Wales bank holiday list (2010-2035) into BankHoliday.

Reads data/england_and_wales_bank_holidays.csv directly (no imports of app code, which may change
after this migration is written). Safe to run against a table that already has some of the
dates: existing rows, including any an administrator added by hand, are left alone.
"""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

SEED_FILE = Path(__file__).resolve().parent.parent / "data" / "england_and_wales_bank_holidays.csv"


def _seed_rows():
    with SEED_FILE.open(newline="", encoding="utf-8") as handle:
        return {date.fromisoformat(row["date"]): row["name"] for row in csv.DictReader(handle)}


def seed_bank_holidays(apps, schema_editor):
    BankHoliday = apps.get_model("workingdays", "BankHoliday")
    db = schema_editor.connection.alias
    rows = _seed_rows()
    existing = set(BankHoliday.objects.using(db).filter(date__in=list(rows)).values_list("date", flat=True))
    BankHoliday.objects.using(db).bulk_create(
        BankHoliday(date=day, name=name, source="seeded")
        for day, name in rows.items()
        if day not in existing
    )


def unseed_bank_holidays(apps, schema_editor):
    BankHoliday = apps.get_model("workingdays", "BankHoliday")
    db = schema_editor.connection.alias
    BankHoliday.objects.using(db).filter(source="seeded", date__in=list(_seed_rows())).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("workingdays", "0001_bank_holidays_and_closure_days"),
    ]

    operations = [
        migrations.RunPython(seed_bank_holidays, unseed_bank_holidays),
    ]
