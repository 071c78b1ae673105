"""Indexes on the dates reports count by, on PostgreSQL only.

A report counts complaints and stages by the date received, asked for, answered or ended. On
PostgreSQL these indexes let each table's query read only the years in the report. On SQLite
they make things slower (without up-to-date statistics its planner walks the index for a quarter
of the table), so SQLite keeps scanning, which measures faster (docs/performance.md).
"""

from django.db import migrations

INDEXES = [
    ("complaint_received_idx", "cases_complaint", "received_on"),
    ("complaint_closed_idx", "cases_complaint", "closed_on"),
    ("stage_requested_idx", "stages_stage", "requested_on"),
    ("stage_responded_idx", "stages_stage", "responded_on"),
    ("stage_closed_idx", "stages_stage", "closed_on"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in INDEXES:
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}")')


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0001_report_texts"),
        ("cases", "0003_access_documents_and_notes"),
        ("stages", "0004_stage_response_working_days"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
