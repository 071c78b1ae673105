"""Saving a register's rows in batches: the services' steps, taken on records in memory.

Calling complaint_create and the stage services for each row costs about fifty queries and 12 ms
a row, so a 10,000-row register took minutes (docs/performance.md). :class:`BatchReplay` takes the
same steps (``replay.Replay``) on unsaved records instead and saves each kind of record for a
thousand rows at a time, in a handful of statements.

Nothing about the records is worked out differently. Each step is the service of the same name,
for what an import does (a new complaint with one point, nobody allocated, no pauses): the same
checks in the same order with the same messages, the same dates from the same functions
(``complaint_build``, ``stages.deadlines``, ``findings_build``, the file's calendar), the same
statuses, and the same audit events in the same order, with the same summaries and data. What an
import cannot reach (a paused stage, a refused request) is refused here rather than copied.

The steps for the people, the complaint, its learning and its ending are below; the stage steps
are in ``bulk_stages.StageSteps``, which BatchReplay takes them from; saving the records a
thousand rows made (reserving keys, COPY or a prepared INSERT) is ``bulk_save``.

When a service changes, change its step too: ``fairhearing/intake/tests/test_writer_paths.py``
imports a varied register both ways and compares every field of every record and event.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from fairhearing.cases.choices import ClosureReason, ComplaintStatus, Decision, WithdrawalMethod
from fairhearing.cases.models import Complaint, ComplaintChild, ComplaintComplainant, ComplaintPoint
from fairhearing.cases.services import complaint_build
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.learning.models import LearningNote
from fairhearing.people.models import Child, ChildMonitoring, Person
from fairhearing.stages.choices import StageStatus
from fairhearing.stages.models import Stage, StageRule
from fairhearing.stages.services._common import close_stage, require_date
from fairhearing.stages.services.endings import CLOSE_AFTER_RESPONSE, CLOSE_BEFORE_STAGES

from ..models import ImportedRecord
from .bulk_save import PendingEvent, Unsaved, unsaved_save
from .bulk_stages import StageSteps
from .replay import Replay
from .rows import ComplaintRow

# Rows worked out in memory before their records are saved: a few thousand unsaved records.
CHUNK_ROWS = 1000


class BatchReplay(StageSteps, Replay):
    """Takes each row's steps in memory and saves the records of a thousand rows at a time."""

    def __init__(self, **arguments: Any) -> None:
        super().__init__(**arguments)
        # Every procedure's stage rules, read once: the import is one transaction.
        self._rules = {(rule.procedure_id, rule.number): rule for rule in StageRule.objects.all()}
        self._unsaved = Unsaved()
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
        """Insert the waiting records (bulk_save.unsaved_save) and start collecting the next ones."""
        unsaved_save(self._unsaved, type_id=self._type_id)
        self._unsaved = Unsaved()

    def audit(self, *, actor: Any, verb: str, subject: models.Model, summary: str, changes: dict | None = None,
              data: dict | None = None, complete: Callable[[dict], None] | None = None) -> None:
        """The event audit_record would write; ``complete`` fills in data that needs keys once saved."""
        self._unsaved.events.append(PendingEvent(
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
