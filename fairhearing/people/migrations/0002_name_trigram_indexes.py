"""Trigram indexes so searching people by part of a name uses an index, on PostgreSQL only.

The expressions match what Django generates for ``icontains`` (UPPER(col::text) LIKE UPPER(...)).
SQLite scans 100,000 names in a few milliseconds and needs none (docs/performance.md).
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS person_first_name_trgm ON people_person USING gin (UPPER(first_name::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS person_last_name_trgm ON people_person USING gin (UPPER(last_name::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS child_first_name_trgm ON people_child USING gin (UPPER(first_name::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS child_last_name_trgm ON people_child USING gin (UPPER(last_name::text) gin_trgm_ops)",
]
REVERSE = [
    "DROP INDEX IF EXISTS person_first_name_trgm",
    "DROP INDEX IF EXISTS person_last_name_trgm",
    "DROP INDEX IF EXISTS child_first_name_trgm",
    "DROP INDEX IF EXISTS child_last_name_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0001_people_children_and_monitoring")]

    operations = [migrations.RunPython(_run(FORWARD), _run(REVERSE))]
