"""Saving a batch of the import's records: the kinds in the order their keys are needed, each in
one prepared statement.

``bulk.BatchReplay`` makes the records of a thousand rows in memory (:class:`Unsaved`) and hands
them to :func:`unsaved_save`. Keys for the records others point at are reserved in one query per
kind (:func:`keys_reserve`); every kind then goes in with one statement (:func:`rows_insert`): COPY
on PostgreSQL, a prepared INSERT run for every row on SQLite. The numbers are in
docs/performance.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Max
from django.db.models.sql import InsertQuery

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.models import Complaint, ComplaintChild, ComplaintComplainant, ComplaintPoint
from fairhearing.learning.models import LearningNote
from fairhearing.people.models import Child, ChildMonitoring, Person
from fairhearing.stages.models import PanelMember, PointOutcome, Remedy, Stage, StageExtension

from ..models import ImportedRecord


@dataclass
class PendingEvent:
    """An audit event waiting to be saved: the values audit_record would give AuditEvent.

    Kept as plain values (a model instance each costs more to make than to save), stamped when
    the step is taken, as audit_record stamps it. ``complete`` fills in data that needs the
    keys of records saved meanwhile.
    """

    occurred_at: datetime
    actor_id: int | None
    verb: str
    subject: models.Model
    summary: str
    changes: dict
    data: dict
    complete: Callable[[dict], None] | None = None


@dataclass
class Unsaved:
    """The records of the rows since the last save, by kind, in the order they were made."""

    persons: list[Person] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)
    monitoring: list[ChildMonitoring] = field(default_factory=list)
    complaints: list[Complaint] = field(default_factory=list)
    complainants: list[ComplaintComplainant] = field(default_factory=list)
    complaint_children: list[ComplaintChild] = field(default_factory=list)
    points: list[ComplaintPoint] = field(default_factory=list)
    teams: list[tuple[Complaint, Any]] = field(default_factory=list)
    themes: list[tuple[Complaint, Any]] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    extensions: list[StageExtension] = field(default_factory=list)
    outcomes: list[PointOutcome] = field(default_factory=list)
    remedies: list[Remedy] = field(default_factory=list)
    panel: list[PanelMember] = field(default_factory=list)
    notes: list[LearningNote] = field(default_factory=list)
    events: list[PendingEvent] = field(default_factory=list)
    marks: list[tuple[ImportedRecord, Complaint]] = field(default_factory=list)


def rows_insert(model: type[models.Model], names: Sequence[str], rows: Sequence[tuple]) -> None:
    """Insert rows of values for the named fields, all in one statement's worth of round trips.

    bulk_create spends most of its time building a placeholder for every value of every row.
    Here each value is prepared by its field exactly as the ORM prepares it (dates, decimals, JSON,
    time zones; a foreign key's value is the key itself), then the rows go to PostgreSQL with COPY,
    its bulk-loading statement (the same checks and triggers as INSERT, in under half the time), and
    to SQLite as Django's own one-row INSERT prepared once and run for every row (executemany).
    """
    if not rows:
        return
    # The connection itself, not django.db.connection, which looks it up on every use.
    database = connections[DEFAULT_DB_ALIAS]
    fields = [model._meta.get_field(name) for name in names]
    prepared = [tuple(field.get_db_prep_save(value, database) for field, value in zip(fields, row, strict=True))
                for row in rows]
    with database.cursor() as cursor:
        if database.vendor == "postgresql":
            from psycopg import sql

            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(model._meta.db_table), sql.SQL(", ").join(sql.Identifier(f.column) for f in fields))
            with cursor.cursor.copy(statement) as copy:
                for row in prepared:
                    copy.write_row(row)
            return
        query = InsertQuery(model)
        query.insert_values(fields, [model()])
        [(statement, _)] = query.get_compiler(connection=database).as_sql()
        cursor.executemany(statement, prepared)


def records_insert(model: type[models.Model], records: Sequence[models.Model], *, with_keys: bool = False) -> None:
    """Insert unsaved records, with their defaults, auto_now dates and the keys of their parents
    filled in as bulk_create fills them in; ``with_keys``: with the keys already given them."""
    fields = [field for field in model._meta.local_concrete_fields if with_keys or not field.primary_key]
    rows = []
    for record in records:
        record._prepare_related_fields_for_save(operation_name="bulk_create")
        rows.append(tuple(field.pre_save(record, True) for field in fields))
    rows_insert(model, [field.name for field in fields], rows)
    if with_keys:
        for record in records:
            record._state.adding, record._state.db = False, DEFAULT_DB_ALIAS


def keys_reserve(model: type[models.Model], count: int) -> list[int] | None:
    """``count`` new keys for the model's records, in increasing order, that nothing else can take.

    PostgreSQL hands them out from the table's sequence, as it would for inserted rows. SQLite
    has one writer at a time and the import's transaction has written already, so the keys after
    the highest used (or ever used: AUTOINCREMENT never reuses one) are the import's until it
    commits. None for another database: its records are saved with bulk_create instead.
    """
    database = connections[DEFAULT_DB_ALIAS]
    table, column = model._meta.db_table, model._meta.pk.column
    with database.cursor() as cursor:
        if database.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [table, column, count])
            return sorted(key for (key,) in cursor.fetchall())
        if database.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            ever = cursor.fetchone()
            highest = max(ever[0] if ever else 0, model._base_manager.aggregate(highest=Max("pk"))["highest"] or 0)
            return list(range(highest + 1, highest + 1 + count))
    return None


def unsaved_save(unsaved: Unsaved, *, type_id: Callable[[models.Model], int]) -> None:
    """Insert the waiting records, parents before the records that point at them.

    Records something points at are given their keys first (keys_reserve), in the order they
    were made, as the services would have saved them; a record made with an unsaved parent
    picks up the parent's key when it is itself inserted. Every kind is inserted with one
    prepared statement (rows_insert). ``type_id`` gives the content type of an event's subject.
    """
    for model, records in ((Person, unsaved.persons), (Child, unsaved.children),
                           (Complaint, unsaved.complaints), (ComplaintPoint, unsaved.points),
                           (Stage, unsaved.stages), (LearningNote, unsaved.notes)):
        if not records:
            continue
        keys = keys_reserve(model, len(records))
        if keys is None:
            model.objects.bulk_create(records)
            continue
        for record, key in zip(records, keys, strict=True):
            record.pk = key
        records_insert(model, records, with_keys=True)
    for mark, complaint in unsaved.marks:
        mark.object_id = complaint.pk
    for model, records in (
        (ChildMonitoring, unsaved.monitoring), (ComplaintComplainant, unsaved.complainants),
        (ComplaintChild, unsaved.complaint_children), (StageExtension, unsaved.extensions),
        (PointOutcome, unsaved.outcomes), (Remedy, unsaved.remedies), (PanelMember, unsaved.panel),
        (ImportedRecord, [mark for mark, _ in unsaved.marks]),
    ):
        records_insert(model, records)
    rows_insert(Complaint.teams.through, ["complaint", "team"],
                [(complaint.pk, team.pk) for complaint, team in unsaved.teams])
    rows_insert(Complaint.themes.through, ["complaint", "theme"],
                [(complaint.pk, theme.pk) for complaint, theme in unsaved.themes])
    for event in unsaved.events:
        if event.complete is not None:
            event.complete(event.data)
    # In the order the services would have written them, so timelines read the same.
    rows_insert(AuditEvent, ["occurred_at", "actor", "verb", "subject_type", "subject_id", "summary", "changes", "data"],
                [(event.occurred_at, event.actor_id, event.verb, type_id(event.subject), event.subject.pk,
                  event.summary, event.changes, event.data) for event in unsaved.events])
