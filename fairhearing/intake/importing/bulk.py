"""Saving a register's rows in batches: the services' steps, taken on records in memory.

Calling complaint_create and the stage services for each row costs about fifty queries and 12 ms
a row, so a 10,000-row register took minutes (docs/performance.md). :class:`BatchReplay` takes the
same steps (``replay.Replay``) on unsaved records instead and saves each kind of record for a
thousand rows at a time, in a handful of statements.

Nothing about the records is worked out differently. Each step below is the service of the same
name, for what an import does (a new complaint with one point, nobody allocated, no pauses): the
same checks in the same order with the same messages, the same dates from the same functions
(``complaint_build``, ``stages.deadlines``, ``findings_build``, the file's calendar), the same
statuses, and the same audit events in the same order, with the same summaries and data. What an
import cannot reach (a paused stage, a refused request) is refused here rather than copied.

When a service changes, change its step here too: ``fairhearing/intake/tests/test_writer_paths.py``
imports a varied register both ways and compares every field of every record and event.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Max
from django.db.models.sql import InsertQuery

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import ClosureReason, ComplaintStatus, Decision, WithdrawalMethod
from fairhearing.cases.models import Complaint, ComplaintChild, ComplaintComplainant, ComplaintPoint
from fairhearing.cases.services import complaint_build, complaint_ready_for_stage_one
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.learning.models import LearningNote
from fairhearing.people.models import Child, ChildMonitoring, Person
from fairhearing.stages.choices import ClockStart, Outcome, Phase, RequestDecision, StageStatus
from fairhearing.stages.deadlines import response_working_days, stage_apply_due_on
from fairhearing.stages.models import (
    PanelMember,
    PointOutcome,
    Remedy,
    Stage,
    StageExtension,
    StageRule,
)
from fairhearing.stages.services import PointFinding, RemedyInput
from fairhearing.stages.services._common import (
    close_stage,
    findings_build,
    require_date,
    require_not_paused,
    require_open,
)
from fairhearing.stages.services.endings import CLOSE_AFTER_RESPONSE, CLOSE_BEFORE_STAGES
from fairhearing.stages.services.escalation import request_decision

from ..models import ImportedRecord
from .replay import Replay
from .rows import ComplaintRow

# Rows worked out in memory before their records are saved: a few thousand unsaved records.
CHUNK_ROWS = 1000
PANEL_SIZE = 3


@dataclass
class _Event:
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
class _Unsaved:
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
    events: list[_Event] = field(default_factory=list)
    marks: list[tuple[ImportedRecord, Complaint]] = field(default_factory=list)


def _insert(model: type[models.Model], names: Sequence[str], rows: Sequence[tuple]) -> None:
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


def _insert_records(model: type[models.Model], records: Sequence[models.Model], *, with_keys: bool = False) -> None:
    """Insert unsaved records, with their defaults, auto_now dates and the keys of their parents
    filled in as bulk_create fills them in; ``with_keys``: with the keys already given them."""
    fields = [field for field in model._meta.local_concrete_fields if with_keys or not field.primary_key]
    rows = []
    for record in records:
        record._prepare_related_fields_for_save(operation_name="bulk_create")
        rows.append(tuple(field.pre_save(record, True) for field in fields))
    _insert(model, [field.name for field in fields], rows)
    if with_keys:
        for record in records:
            record._state.adding, record._state.db = False, DEFAULT_DB_ALIAS


def _keys_reserve(model: type[models.Model], count: int) -> list[int] | None:
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


class BatchReplay(Replay):
    """Takes each row's steps in memory and saves the records of a thousand rows at a time."""

    def __init__(self, **arguments: Any) -> None:
        super().__init__(**arguments)
        # Every procedure's stage rules, read once: the import is one transaction.
        self._rules = {(rule.procedure_id, rule.number): rule for rule in StageRule.objects.all()}
        self._unsaved = _Unsaved()
        self._types: dict[type[models.Model], int] = {}
        self._rows = 0
        # The complaint being replayed: its points and its stages, in order.
        self._points: list[ComplaintPoint] = []
        self._child_links: list[ComplaintChild] = []
        self._row_stages: list[Stage] = []
        self._panel_size = 0

    def write(self, row: ComplaintRow) -> Complaint:
        complaint = super().write(row)
        self._rows += 1
        if self._rows % CHUNK_ROWS == 0:
            self._save()
        return complaint

    def finish(self) -> None:
        self._save()

    # Saving ----------------------------------------------------------------------------------

    def _save(self) -> None:
        """Insert the waiting records, parents before the records that point at them.

        Records something points at are given their keys first (_keys_reserve), in the order they
        were made, as the services would have saved them; a record made with an unsaved parent
        picks up the parent's key when it is itself inserted. Every kind is inserted with one
        prepared statement (_insert).
        """
        unsaved = self._unsaved
        for model, records in ((Person, unsaved.persons), (Child, unsaved.children),
                               (Complaint, unsaved.complaints), (ComplaintPoint, unsaved.points),
                               (Stage, unsaved.stages), (LearningNote, unsaved.notes)):
            if not records:
                continue
            keys = _keys_reserve(model, len(records))
            if keys is None:
                model.objects.bulk_create(records)
                continue
            for record, key in zip(records, keys, strict=True):
                record.pk = key
            _insert_records(model, records, with_keys=True)
        for mark, complaint in unsaved.marks:
            mark.object_id = complaint.pk
        for model, records in (
            (ChildMonitoring, unsaved.monitoring), (ComplaintComplainant, unsaved.complainants),
            (ComplaintChild, unsaved.complaint_children), (StageExtension, unsaved.extensions),
            (PointOutcome, unsaved.outcomes), (Remedy, unsaved.remedies), (PanelMember, unsaved.panel),
            (ImportedRecord, [mark for mark, _ in unsaved.marks]),
        ):
            _insert_records(model, records)
        _insert(Complaint.teams.through, ["complaint", "team"],
                [(complaint.pk, team.pk) for complaint, team in unsaved.teams])
        _insert(Complaint.themes.through, ["complaint", "theme"],
                [(complaint.pk, theme.pk) for complaint, theme in unsaved.themes])
        for event in unsaved.events:
            if event.complete is not None:
                event.complete(event.data)
        # In the order the services would have written them, so timelines read the same.
        _insert(AuditEvent, ["occurred_at", "actor", "verb", "subject_type", "subject_id", "summary", "changes", "data"],
                [(event.occurred_at, event.actor_id, event.verb, self._type_id(event.subject), event.subject.pk,
                  event.summary, event.changes, event.data) for event in unsaved.events])
        self._unsaved = _Unsaved()

    def audit(self, *, actor: Any, verb: str, subject: models.Model, summary: str, changes: dict | None = None,
              data: dict | None = None, complete: Callable[[dict], None] | None = None) -> None:
        """The event audit_record would write; ``complete`` fills in data that needs keys once saved."""
        self._unsaved.events.append(_Event(
            occurred_at=clock.now(), actor_id=actor.pk if getattr(actor, "pk", None) else None, verb=verb,
            subject=subject, summary=summary[:500], changes=changes or {}, data=data or {}, complete=complete,
        ))

    def _type_id(self, subject: models.Model) -> int:
        model = type(subject)
        if model not in self._types:
            self._types[model] = ContentType.objects.get_for_model(model).pk
        return self._types[model]

    def _record(self, *, actor: Any, verb: str, stage: Stage | None, complaint: Complaint, summary: str,
                changes: dict | None = None, data: dict | None = None) -> None:
        """As stages.services._common.record: a step on the complaint's timeline."""
        payload = dict(data or {})
        if stage is not None:
            payload.setdefault("stage", stage.number)
        self.audit(actor=actor, verb=verb, subject=complaint, summary=summary, changes=changes, data=payload)

    def mark(self, row: ComplaintRow, complaint: Complaint) -> None:
        self._unsaved.marks.append((ImportedRecord(batch=self.batch, row_number=row.source_row,
                                                   content_type=self.complaint_type, reference=row.reference),
                                    complaint))

    # People and the complaint ------------------------------------------------------------------

    def person_create(self, *, first_name: str, actor: Any) -> Person:
        """As people.services.person_create."""
        person = Person(first_name=first_name.strip())
        person.full_clean()
        self._unsaved.persons.append(person)
        self.audit(actor=actor, verb="person.created", subject=person, summary="Contact recorded")
        return person

    def child_create(self, *, first_name: str, actor: Any, date_of_birth: date | None = None,
                     monitoring: dict[str, str] | None = None, legal_status: str) -> Child:
        """As people.services.child_create."""
        child = Child(first_name=first_name.strip(), date_of_birth=date_of_birth, legal_status=legal_status)
        child.full_clean()
        self._unsaved.children.append(child)
        if monitoring:
            record = ChildMonitoring(child=child, **monitoring)
            # The child is new and unsaved: its link and the one-to-one hold without a query.
            record.full_clean(exclude=["child"])
            self._unsaved.monitoring.append(record)
        self.audit(actor=actor, verb="child.created", subject=child, summary="Child recorded")
        return child

    def complaint_create(self, *, procedure: Any, points: Sequence[str], complainants: Sequence[tuple[Person, str]],
                         children: Sequence[Child], teams: Sequence[Any], themes: Sequence[Any], reference: str,
                         actor: Any, **details: Any) -> Complaint:
        """As cases.services.complaint_create, with the file's references checked beforehand."""
        complaint, cleaned_points = complaint_build(
            procedure=procedure, points=points, complainants=complainants, reference=reference,
            reference_checked=True, actor=actor, calendar=self.calendar, **details)
        if not complaint.reference:  # the import is keyed on it; complaint_create would number it instead
            raise DomainError("An imported complaint needs the reference the council gave it.")
        unsaved = self._unsaved
        unsaved.complaints.append(complaint)
        unsaved.complainants.extend(
            ComplaintComplainant(complaint=complaint, person=person, relationship=relationship, is_primary=index == 0)
            for index, (person, relationship) in enumerate(complainants))
        self._child_links = [ComplaintChild(complaint=complaint, child=child) for child in children]
        unsaved.complaint_children.extend(self._child_links)
        self._points = [ComplaintPoint(complaint=complaint, number=number, description=text)
                        for number, text in enumerate(cleaned_points, start=1)]
        unsaved.points.extend(self._points)
        self._row_stages = []
        self._panel_size = 0
        # dict.fromkeys: a name given twice is one link, as the relation's add() makes it.
        unsaved.teams.extend((complaint, team) for team in dict.fromkeys(teams))
        unsaved.themes.extend((complaint, theme) for theme in dict.fromkeys(themes))
        self.audit(actor=actor, verb="complaint.created", subject=complaint,
                   summary=f"Complaint logged under the {procedure.name}",
                   data={"received_on": complaint.received_on, "channel": complaint.channel,
                         "procedure": procedure.code, "points": len(cleaned_points),
                         "acknowledgement_due_on": complaint.acknowledgement_due_on,
                         "reference_given": bool(complaint.reference)})
        return complaint

    def complaint_child_age_record(self, *, complaint: Complaint, child: Child, age: int) -> None:
        """As writer._ServiceReplay's: the age on the link complaint_create has just made, no event."""
        link = next(link for link in self._child_links if link.complaint is complaint and link.child is child)
        link.age_when_received = age

    def complaint_acknowledge(self, *, complaint: Complaint, acknowledged_on: date, actor: Any,
                              today: date) -> Complaint:
        """As cases.services.complaint_acknowledge."""
        if complaint.acknowledged_on is not None:
            raise DomainError(f"This complaint was already acknowledged on {long_date(complaint.acknowledged_on)}.")
        if not complaint.is_open:
            raise DomainError("A closed or withdrawn complaint cannot be acknowledged.")
        if acknowledged_on > today:
            raise DomainError("The acknowledgement date cannot be in the future.")
        if acknowledged_on < complaint.received_on:
            raise DomainError("The acknowledgement cannot be before the complaint was received.")
        complaint.acknowledged_on = acknowledged_on
        on_time = acknowledged_on <= complaint.acknowledgement_due_on
        self.audit(actor=actor, verb="complaint.acknowledged", subject=complaint,
                   summary=f"Acknowledged on {long_date(acknowledged_on)}" + ("" if on_time else " (late)"),
                   changes={"acknowledged_on": [None, acknowledged_on]}, data={"on_time": on_time})
        return complaint

    def learning_note_record(self, *, complaint: Complaint, stage: Stage | None, what_was_learned: str,
                             actor: Any, today: date) -> LearningNote:
        """As learning.services.notes.learning_note_record, with no dates, root cause or themes."""
        if stage is not None and stage.responded_on is None:
            raise DomainError(
                f"Stage {stage.number} has not been responded to yet. Record learning once the "
                "response has been sent."
            )
        text = (what_was_learned or "").strip()
        if not text:
            raise DomainError("Say what was learned.")
        note = LearningNote(complaint=complaint, stage=stage, what_was_learned=text, root_cause="",
                            recorded_on=today, created_by=actor)
        self._unsaved.notes.append(note)
        if stage is not None:
            summary = f"Learning recorded from the Stage {stage.number} response to {complaint.reference}"
        else:
            summary = f"Learning recorded on complaint {complaint.reference} as a whole"

        def complete(data: dict) -> None:
            data["complaint"] = complaint.pk

        self.audit(actor=actor, verb="learning_note.recorded", subject=note, summary=summary, complete=complete,
                   data={"complaint": None, "stage": stage.number if stage is not None else None,
                         "root_cause": "", "themes": [], "practitioner_told_on": None,
                         "shared_with_learning_team_on": None})
        return note

    # Endings ---------------------------------------------------------------------------------

    def _open_stage(self) -> Stage | None:
        return next((stage for stage in self._row_stages if stage.status == StageStatus.OPEN), None)

    def complaint_withdraw(self, *, complaint: Complaint, withdrawn_on: date, method: str, reason: str, actor: Any,
                           today: date) -> Complaint:
        """As stages.services.complaint_withdraw (an imported stage is never paused)."""
        if not complaint.is_open:
            raise TransitionNotAllowed("This complaint is already closed.")
        if method not in WithdrawalMethod.values:
            raise DomainError("Say how the complainant withdrew: spoken or in writing.")
        require_date(withdrawn_on, label="date of withdrawal", today=today,
                     not_before=complaint.received_on, not_before_label="the complaint was received")
        stage = self._open_stage()
        if stage is not None:
            if withdrawn_on < stage.requested_on:
                raise DomainError(f"The withdrawal cannot be before Stage {stage.number} began.")
            close_stage(stage, status=StageStatus.WITHDRAWN, closed_on=withdrawn_on)
        complaint.status = ComplaintStatus.WITHDRAWN
        complaint.closed_on = withdrawn_on
        complaint.closure_reason = ClosureReason.WITHDRAWN
        complaint.withdrawal_method = method
        self._record(actor=actor, verb="complaint.withdrawn", stage=stage, complaint=complaint,
                     summary=f"Withdrawn on {long_date(withdrawn_on)} ({WithdrawalMethod(method).label.lower()})",
                     data={"reason": reason.strip()})
        return complaint

    def complaint_close(self, *, complaint: Complaint, closed_on: date, reason: str, actor: Any,
                        today: date) -> Complaint:
        """As stages.services.complaint_close, for a complaint with no open stage."""
        if complaint.status in {ComplaintStatus.CLOSED, ComplaintStatus.WITHDRAWN}:
            raise TransitionNotAllowed("This complaint is already closed.")
        if self._open_stage() is not None:
            raise TransitionNotAllowed("An imported complaint is closed only once its last stage has ended.")
        allowed = CLOSE_BEFORE_STAGES if complaint.status == ComplaintStatus.RECEIVED else CLOSE_AFTER_RESPONSE
        if reason not in allowed:
            raise DomainError("That reason does not fit where this complaint is. Choose another reason.")
        if reason == ClosureReason.NOT_ACCEPTED_LATE and complaint.late_decision != Decision.REFUSED:
            raise DomainError("Record the decision to refuse the late complaint, with reasons, before closing it.")
        last = self._row_stages[-1] if self._row_stages else None
        require_date(closed_on, label="closing date", today=today,
                     not_before=(last.closed_on or last.requested_on) if last else complaint.received_on,
                     not_before_label=("the last stage ended" if last.closed_on else "the last stage began")
                     if last else "the complaint was received")
        complaint.status = ComplaintStatus.CLOSED
        complaint.closed_on = closed_on
        complaint.closure_reason = reason
        self._record(actor=actor, verb="complaint.closed", stage=None, complaint=complaint,
                     summary=f"Closed on {long_date(closed_on)}: {ClosureReason(reason).label.lower()}",
                     changes={"status": [ComplaintStatus.RESPONDED if last else ComplaintStatus.RECEIVED, "closed"]})
        return complaint

    # Stages ----------------------------------------------------------------------------------

    def _rule(self, complaint: Complaint, number: int) -> StageRule | None:
        return self._rules.get((complaint.procedure_id, number))

    def _require_rule(self, complaint: Complaint, number: int) -> StageRule:
        rule = self._rule(complaint, number)
        if rule is None:
            raise TransitionNotAllowed(f"The {complaint.procedure.name} has no Stage {number}.")
        return rule

    def _new_stage(self, stage: Stage) -> Stage:
        self._row_stages.append(stage)
        self._unsaved.stages.append(stage)
        return stage

    def stage_one_start(self, *, complaint: Complaint, actor: Any, today: date) -> Stage:
        """As stages.services.stage_one_start."""
        complaint_ready_for_stage_one(complaint)
        rule = self._require_rule(complaint, 1)
        if rule.clock_starts == ClockStart.ACKNOWLEDGED:
            if complaint.acknowledged_on is None:
                raise DomainError(
                    f"Under the {complaint.procedure.name}, Stage 1 counts from the acknowledgement. "
                    "Record the acknowledgement first."
                )
            started = complaint.acknowledged_on
        else:
            started = complaint.received_on
        stage = self._new_stage(Stage(complaint=complaint, number=1, requested_on=complaint.received_on,
                                      clock_started_on=started, allowed_working_days=rule.response_days))
        stage_apply_due_on(stage, self.calendar)
        stage.original_due_on = stage.due_on
        complaint.status = ComplaintStatus.IN_STAGE
        self._record(actor=actor, verb="stage.started", stage=stage, complaint=complaint,
                     summary=f"Stage 1 started: response due {long_date(stage.due_on)}",
                     data={"clock_started_on": started, "due_on": stage.due_on})
        return stage

    def stage_extend(self, *, stage: Stage, new_due_on: date, reason: str, complainant_told_on: date, actor: Any,
                     today: date) -> Stage:
        """As stages.services.stage_extend."""
        require_open(stage)
        require_not_paused(stage, "extend it")
        if stage.phase != Phase.RESPONSE or stage.clock_started_on is None:
            raise TransitionNotAllowed(f"Stage {stage.number} has no response deadline to extend now.")
        rule = self._require_rule(stage.complaint, stage.number)
        if not reason.strip():
            raise DomainError("Give the reason for the extension: the complainant must be told why.")
        require_date(complainant_told_on, label="date the complainant was told", today=today,
                     not_before=stage.requested_on, not_before_label="the stage began")
        calendar = self.calendar
        if not calendar.is_working_day(new_due_on):
            raise DomainError(f"{long_date(new_due_on)} is not a working day. Choose a working day.")
        if new_due_on <= stage.due_on:
            raise DomainError(f"The new due date must be after the current one ({long_date(stage.due_on)}).")
        allowed = calendar.working_days_between(stage.clock_started_on, new_due_on) - stage.paused_working_days
        if allowed > rule.max_response_days:
            latest = calendar.add_working_days(
                stage.clock_started_on, rule.max_response_days + stage.paused_working_days
            )
            raise DomainError(
                f"Stage {stage.number} can take at most {rule.max_response_days} working days in all "
                f"({rule.source or rule.procedure}). The latest possible due date is {long_date(latest)}."
            )
        previous = stage.due_on
        self._unsaved.extensions.append(StageExtension(
            stage=stage, previous_due_on=previous, new_due_on=new_due_on, reason=reason.strip(),
            complainant_told_on=complainant_told_on, created_by=actor,
        ))
        stage.allowed_working_days = allowed
        stage_apply_due_on(stage, calendar)
        self._record(actor=actor, verb="stage.extended", stage=stage, complaint=stage.complaint,
                     summary=f"Stage {stage.number} extended to {long_date(new_due_on)} ({allowed} working days)",
                     changes={"due_on": [previous, new_due_on]},
                     data={"reason": reason.strip(), "complainant_told_on": complainant_told_on})
        return stage

    def _respond(self, *, stage: Stage, responded_on: date, findings: Mapping[int, PointFinding],
                 remedies: Sequence[RemedyInput], actor: Any, today: date, verb: str, label: str,
                 rule: StageRule) -> Stage:
        """As stages.services.responses.respond."""
        require_open(stage)
        require_not_paused(stage, "record the response")
        require_date(responded_on, label="response date", today=today,
                     not_before=stage.requested_on, not_before_label="the stage began")
        outcomes, remedy_rows, outcome = findings_build(stage=stage, points=self._points, findings=findings,
                                                        remedies=remedies)
        self._unsaved.outcomes.extend(outcomes)
        self._unsaved.remedies.extend(remedy_rows)
        stage.outcome = outcome
        stage.responded_on = responded_on
        stage.response_working_days = response_working_days(stage, responded_on, self.calendar)
        stage.responded_by = actor
        close_stage(stage, status=StageStatus.RESPONDED, closed_on=responded_on)
        complaint = stage.complaint
        if rule.escalation_window_days and self._rule(complaint, stage.number + 1) is not None:
            stage.escalation_deadline_on = self.calendar.add_working_days(responded_on, rule.escalation_window_days)
        complaint.status = ComplaintStatus.RESPONDED
        on_time = stage.due_on is None or responded_on <= stage.due_on
        self._record(actor=actor, verb=verb, stage=stage, complaint=complaint,
                     summary=f"{label} on {long_date(responded_on)}: {Outcome(outcome).label.lower()}"
                     + ("" if on_time else " (late)"),
                     data={"outcome": outcome, "on_time": on_time, "due_on": stage.due_on,
                           "points": {str(k): v.outcome for k, v in findings.items()},
                           "remedies": [r.kind for r in remedies]})
        return stage

    def stage_respond(self, *, stage: Stage, responded_on: date, findings: Mapping[int, PointFinding],
                      remedies: Sequence[RemedyInput] = (), actor: Any, today: date) -> Stage:
        """As stages.services.stage_respond."""
        rule = self._require_rule(stage.complaint, stage.number)
        if stage.number == 2 and rule.is_statutory:
            raise TransitionNotAllowed("A statutory Stage 2 ends with the adjudication. Use adjudicate.")
        if stage.number == 3:
            raise TransitionNotAllowed("Stage 3 ends with the council's response to the panel.")
        if stage.clock_started_on is None:
            raise TransitionNotAllowed(f"Stage {stage.number}'s clock has not started yet.")
        return self._respond(stage=stage, responded_on=responded_on, findings=findings, remedies=remedies,
                             actor=actor, today=today, verb="stage.responded",
                             label=f"Stage {stage.number} response sent", rule=rule)

    def stage_request_next(self, *, complaint: Complaint, requested_on: date, actor: Any,
                           late_decision: str | None = None, late_reason: str = "", today: date) -> Stage:
        """As stages.services.stage_request_next."""
        if complaint.status in {ComplaintStatus.CLOSED, ComplaintStatus.WITHDRAWN}:
            raise TransitionNotAllowed("This complaint is closed. Reopen it, with a reason, first.")
        previous = self._row_stages[-1] if self._row_stages else None
        if previous is None:
            raise TransitionNotAllowed("Stage 1 has not started, so there is nothing to escalate.")
        if previous.status == StageStatus.OPEN:
            raise TransitionNotAllowed(f"Stage {previous.number} is still open.")
        if previous.status != StageStatus.RESPONDED:
            raise TransitionNotAllowed(
                f"Stage {previous.number} did not end with a response, so it cannot be escalated."
            )
        number = previous.number + 1
        rule = self._require_rule(complaint, number)
        require_date(requested_on, label="date of the request", today=today,
                     not_before=previous.responded_on, not_before_label=f"the Stage {previous.number} response")
        decision = request_decision(previous=previous, requested_on=requested_on,
                                    late_decision=late_decision, reason=late_reason)
        if decision == RequestDecision.LATE_REFUSED:
            raise DomainError("An imported register records only stages that went ahead.")
        stage = self._new_stage(Stage(complaint=complaint, number=number, requested_on=requested_on,
                                      request_decision=decision, request_decision_reason=late_reason.strip()))
        if rule.clock_starts == ClockStart.REQUESTED:
            stage.clock_started_on = requested_on
            stage.allowed_working_days = rule.response_days
            stage.phase = Phase.PANEL_MEETING if number == 3 else Phase.RESPONSE
            stage_apply_due_on(stage, self.calendar)
            stage.original_due_on = stage.due_on
        else:
            stage.phase = Phase.AWAITING_START
        complaint.status = ComplaintStatus.IN_STAGE
        summary = f"Stage {number} requested on {long_date(requested_on)}"
        if decision == RequestDecision.LATE_ACCEPTED:
            summary += " (late, accepted)"
        self._record(actor=actor, verb="stage.requested", stage=stage, complaint=complaint, summary=summary,
                     data={"request_decision": decision, "due_on": stage.due_on})
        return stage

    def _start_clock(self, *, stage: Stage, started_on: date, event: str, actor: Any, today: date) -> Stage:
        """As stages.services.escalation.stage_start_clock."""
        if stage.status != StageStatus.OPEN or stage.phase != Phase.AWAITING_START:
            raise TransitionNotAllowed(f"Stage {stage.number}'s clock has already started.")
        rule = self._require_rule(stage.complaint, stage.number)
        if rule.clock_starts != event:
            raise TransitionNotAllowed(
                f"Under the {stage.complaint.procedure.name}, Stage {stage.number} counts from "
                f"{ClockStart(rule.clock_starts).label.lower()}."
            )
        require_date(started_on, label="date", today=today, not_before=stage.requested_on,
                     not_before_label="the request")
        stage.clock_started_on = started_on
        stage.allowed_working_days = rule.response_days
        stage.phase = Phase.RESPONSE
        if event == ClockStart.STATEMENT_AGREED:
            stage.statement_agreed_on = started_on
        else:
            stage.acknowledged_on = started_on
        stage_apply_due_on(stage, self.calendar)
        stage.original_due_on = stage.due_on
        what = "Statement of complaint agreed" if event == ClockStart.STATEMENT_AGREED else "Request acknowledged"
        self._record(actor=actor, verb="stage.clock_started", stage=stage, complaint=stage.complaint,
                     summary=f"{what} on {long_date(started_on)}: Stage {stage.number} response due "
                             f"{long_date(stage.due_on)}",
                     data={"event": event, "due_on": stage.due_on})
        return stage

    def stage_acknowledge_request(self, *, stage: Stage, acknowledged_on: date, actor: Any, today: date) -> Stage:
        """As stages.services.stage_acknowledge_request."""
        return self._start_clock(stage=stage, started_on=acknowledged_on, event=ClockStart.ACKNOWLEDGED,
                                 actor=actor, today=today)

    @staticmethod
    def _stage_two_check(stage: Stage) -> Stage:
        if stage.number != 2:
            raise TransitionNotAllowed("This step belongs to Stage 2.")
        return stage

    def stage_two_agree_statement(self, *, stage: Stage, agreed_on: date, actor: Any, today: date) -> Stage:
        """As stages.services.stage_two_agree_statement."""
        return self._start_clock(stage=self._stage_two_check(stage), started_on=agreed_on,
                                 event=ClockStart.STATEMENT_AGREED, actor=actor, today=today)

    def stage_two_appoint(self, *, stage: Stage, investigating_officer: Any, independent_person: Any,
                          appointed_on: date, actor: Any, today: date) -> Stage:
        """As stages.services.stage_two_appoint (nobody is told: an import's allocations are history)."""
        stage = self._stage_two_check(stage)
        require_open(stage)
        if not self._require_rule(stage.complaint, 2).is_statutory:
            raise TransitionNotAllowed("Only the statutory Stage 2 has an Investigating Officer and Independent Person.")
        if investigating_officer is None or independent_person is None:
            raise DomainError("Choose both the Investigating Officer and the Independent Person.")
        if investigating_officer.pk == independent_person.pk:
            raise DomainError("The Investigating Officer and the Independent Person must be different people.")
        for person in (investigating_officer, independent_person):
            if not person.is_active:
                raise DomainError(f"{person} cannot be appointed: their account is not active.")
        require_date(appointed_on, label="appointment date", today=today,
                     not_before=stage.requested_on, not_before_label="the Stage 2 request")
        before = [str(stage.investigating_officer or "") or None, str(stage.independent_person or "") or None]
        stage.investigating_officer = investigating_officer
        stage.independent_person = independent_person
        stage.appointed_on = appointed_on
        self._record(actor=actor, verb="stage.investigators_appointed", stage=stage, complaint=stage.complaint,
                     summary=f"Investigating Officer {investigating_officer} and Independent Person "
                             f"{independent_person} appointed on {long_date(appointed_on)}",
                     changes={"investigating_officer": [before[0], str(investigating_officer)],
                              "independent_person": [before[1], str(independent_person)]})
        return stage

    def stage_two_adjudicate(self, *, stage: Stage, adjudicated_on: date, findings: Mapping[int, PointFinding],
                             remedies: Sequence[RemedyInput] = (), actor: Any, today: date) -> Stage:
        """As stages.services.stage_two_adjudicate (the replay has checked the actor is a senior manager)."""
        stage = self._stage_two_check(stage)
        require_open(stage)
        if stage.statement_agreed_on is None:
            raise TransitionNotAllowed("Agree the statement of complaint before adjudicating.")
        if stage.investigating_officer_id is None or stage.independent_person_id is None:
            raise TransitionNotAllowed("Appoint the Investigating Officer and Independent Person before adjudicating.")
        return self._respond(stage=stage, responded_on=adjudicated_on, findings=findings, remedies=remedies,
                             actor=actor, today=today, verb="stage.adjudicated", label="Stage 2 adjudication sent",
                             rule=self._require_rule(stage.complaint, 2))

    @staticmethod
    def _stage_three_check(stage: Stage, *, phase: str, action: str) -> Stage:
        """As stages.services.stage_three._lock_stage_three."""
        if stage.number != 3:
            raise TransitionNotAllowed("This step belongs to Stage 3.")
        require_open(stage)
        require_not_paused(stage, action)
        if stage.phase != phase:
            raise TransitionNotAllowed(
                f"Stage 3 is at '{Phase(stage.phase).label.lower()}', so you cannot {action} now."
            )
        return stage

    def _reach_milestone(self, stage: Stage, *, event_on: date, next_phase: str, days: int, verb: str, done: str,
                         next_due: str, actor: Any) -> Stage:
        """As stages.services.stage_three._reach_milestone."""
        on_time = event_on <= stage.due_on
        stage.phase = next_phase
        stage.clock_started_on = event_on
        stage.allowed_working_days = days
        stage.paused_working_days = 0
        stage_apply_due_on(stage, self.calendar)
        self._record(actor=actor, verb=verb, stage=stage, complaint=stage.complaint,
                     summary=f"{done} on {long_date(event_on)}" + ("" if on_time else " (late)")
                     + f": {next_due} due {long_date(stage.due_on)}",
                     data={"on_time": on_time, "due_on": stage.due_on})
        return stage

    def stage_three_convene_panel(self, *, stage: Stage, members: Sequence[Any], chair: Any, actor: Any) -> Stage:
        """As stages.services.stage_three_convene_panel, for a panel convened once."""
        stage = self._stage_three_check(stage, phase=Phase.PANEL_MEETING, action="convene the panel")
        distinct = {member.pk: member for member in members if member is not None}
        if len(distinct) != PANEL_SIZE:
            raise DomainError("A review panel has exactly three different people.")
        if chair is None or chair.pk not in distinct:
            raise DomainError("Choose which of the three panel members chairs the panel.")
        stage_two = next((s for s in self._row_stages if s.number == 2), None)
        if stage_two is not None:
            if stage_two.independent_person_id in distinct:
                person = distinct[stage_two.independent_person_id]
                raise DomainError(
                    f"{person} was the Independent Person at Stage 2 and cannot sit on the review "
                    "panel (regulation 19(3))."
                )
            if stage_two.investigating_officer_id in distinct:
                person = distinct[stage_two.investigating_officer_id]
                raise DomainError(
                    f"{person} was the Investigating Officer at Stage 2; panel members must be independent."
                )
        self._unsaved.panel.extend(PanelMember(stage=stage, member=member, is_chair=member.pk == chair.pk)
                                   for member in distinct.values())
        self._panel_size = len(distinct)
        self._record(actor=actor, verb="stage.panel_convened", stage=stage, complaint=stage.complaint,
                     summary=f"Review panel convened, chaired by {chair}",
                     data={"members": sorted(distinct), "chair": chair.pk})
        return stage

    def stage_three_panel_met(self, *, stage: Stage, met_on: date, actor: Any, today: date) -> Stage:
        """As stages.services.stage_three_panel_met."""
        stage = self._stage_three_check(stage, phase=Phase.PANEL_MEETING, action="record the panel meeting")
        if self._panel_size != PANEL_SIZE:
            raise TransitionNotAllowed("Convene the panel (three members and a chair) before it meets.")
        require_date(met_on, label="date the panel met", today=today, not_before=stage.requested_on,
                     not_before_label="the Stage 3 request")
        stage.panel_met_on = met_on
        return self._reach_milestone(
            stage, event_on=met_on, next_phase=Phase.PANEL_REPORT,
            days=self._require_rule(stage.complaint, 3).panel_report_days, verb="stage.panel_met",
            done="Review panel met", next_due="report", actor=actor,
        )

    def stage_three_report_received(self, *, stage: Stage, received_on: date, actor: Any, today: date) -> Stage:
        """As stages.services.stage_three_report_received."""
        stage = self._stage_three_check(stage, phase=Phase.PANEL_REPORT, action="record the panel's report")
        require_date(received_on, label="date the report was received", today=today,
                     not_before=stage.panel_met_on, not_before_label="the panel meeting")
        stage.report_received_on = received_on
        return self._reach_milestone(
            stage, event_on=received_on, next_phase=Phase.COUNCIL_RESPONSE,
            days=self._require_rule(stage.complaint, 3).council_response_days,
            verb="stage.panel_report_received", done="Panel report received", next_due="council response",
            actor=actor,
        )

    def stage_three_council_respond(self, *, stage: Stage, responded_on: date, findings: Mapping[int, PointFinding],
                                    remedies: Sequence[RemedyInput] = (), actor: Any, today: date) -> Stage:
        """As stages.services.stage_three_council_respond, following the panel's recommendations."""
        stage = self._stage_three_check(stage, phase=Phase.COUNCIL_RESPONSE, action="record the council's response")
        require_date(responded_on, label="response date", today=today,
                     not_before=stage.report_received_on, not_before_label="the panel's report arrived")
        stage.departs_from_recommendations = False
        stage.departure_reasons = ""
        return self._respond(stage=stage, responded_on=responded_on, findings=findings, remedies=remedies,
                             actor=actor, today=today, verb="stage.council_responded",
                             label="Council's response to the review panel sent",
                             rule=self._require_rule(stage.complaint, 3))

