"""Learning notes: the responding manager's monitoring form on a response (seed 004)."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from fairhearing.audit.services import audit_record, diff_fields
from fairhearing.cases.models import Complaint, Theme
from fairhearing.core import clock
from fairhearing.core.errors import DomainError
from fairhearing.stages.models import Stage

from ..choices import RootCause
from ..models import LearningNote
from ._common import not_before, not_in_future, required


def _note_root_cause(root_cause: str) -> str:
    if root_cause and root_cause not in RootCause.values:
        raise DomainError("Choose a root cause from the list, or leave it empty.")
    return root_cause


def _note_themes(themes: Sequence[Theme], *, allowed_retired: set[int]) -> list[Theme]:
    """The themes chosen; a retired theme may stay on a note that had it but not be newly added."""
    chosen = list({theme.pk: theme for theme in themes}.values())
    retired = [t.name for t in chosen if not t.is_active and t.pk not in allowed_retired]
    if retired:
        raise DomainError(f"The theme {', '.join(sorted(retired))} is no longer in use. Choose another.")
    return chosen


def _note_dates(
    *, complaint: Complaint, stage: Stage | None, practitioner_told_on: date | None,
    shared_with_learning_team_on: date | None, today: date,
) -> None:
    """Learning is shared after the response it came from: never in the future, and never before
    the response (or, for a note on the complaint as a whole, before the complaint arrived)."""
    not_in_future(practitioner_told_on, label="date the practitioner was told", today=today)
    not_in_future(shared_with_learning_team_on, label="date shared with the learning team", today=today)
    if stage is not None and stage.responded_on is not None:
        floor, floor_label = stage.responded_on, f"the Stage {stage.number} response"
    else:
        floor, floor_label = complaint.received_on, "the complaint was received"
    not_before(practitioner_told_on, label="date the practitioner was told", floor=floor,
               floor_label=floor_label)
    not_before(shared_with_learning_team_on, label="date shared with the learning team",
               floor=complaint.received_on, floor_label="the complaint was received")


def _note_snapshot(note: LearningNote) -> dict[str, Any]:
    return {
        "what_was_learned": note.what_was_learned,
        "practitioner_told_on": note.practitioner_told_on,
        "shared_with_learning_team_on": note.shared_with_learning_team_on,
        "root_cause": note.root_cause,
        "themes": sorted(note.themes.values_list("name", flat=True)) if note.pk else [],
    }


@transaction.atomic
def learning_note_record(
    *,
    complaint: Complaint,
    stage: Stage | None,
    what_was_learned: str,
    practitioner_told_on: date | None = None,
    shared_with_learning_team_on: date | None = None,
    themes: Sequence[Theme] = (),
    root_cause: str = "",
    actor: Any,
    today: date | None = None,
) -> LearningNote:
    """Record what a response taught the service (the monitoring form). One note per response;
    ``stage=None`` records learning about the complaint as a whole (e.g. one resolved informally)."""
    today = today or clock.today()
    if stage is not None:
        stage = Stage.objects.select_for_update().get(pk=stage.pk)
        if stage.complaint_id != complaint.pk:
            raise DomainError(f"That stage belongs to another complaint, not {complaint.reference}.")
        if stage.responded_on is None:
            raise DomainError(
                f"Stage {stage.number} has not been responded to yet. Record learning once the "
                "response has been sent."
            )
        if LearningNote.objects.filter(stage=stage).exists():
            raise DomainError(
                f"The Stage {stage.number} response already has a learning note. Change that note instead."
            )
    text = required(what_was_learned, "Say what was learned.")
    root_cause = _note_root_cause(root_cause)
    chosen = _note_themes(themes, allowed_retired=set())
    _note_dates(complaint=complaint, stage=stage, practitioner_told_on=practitioner_told_on,
                shared_with_learning_team_on=shared_with_learning_team_on, today=today)
    note = LearningNote.objects.create(
        complaint=complaint, stage=stage, what_was_learned=text, root_cause=root_cause,
        practitioner_told_on=practitioner_told_on,
        shared_with_learning_team_on=shared_with_learning_team_on,
        recorded_on=today, created_by=actor,
    )
    note.themes.set(chosen)
    if stage is not None:
        summary = f"Learning recorded from the Stage {stage.number} response to {complaint.reference}"
    else:
        summary = f"Learning recorded on complaint {complaint.reference} as a whole"
    audit_record(
        actor=actor, verb="learning_note.recorded", subject=note, summary=summary,
        data={
            "complaint": complaint.pk, "stage": stage.number if stage is not None else None,
            "root_cause": root_cause, "themes": sorted(t.name for t in chosen),
            "practitioner_told_on": practitioner_told_on,
            "shared_with_learning_team_on": shared_with_learning_team_on,
        },
    )
    return note


@transaction.atomic
def learning_note_update(
    *,
    note: LearningNote,
    what_was_learned: str,
    practitioner_told_on: date | None,
    shared_with_learning_team_on: date | None,
    themes: Sequence[Theme],
    root_cause: str,
    actor: Any,
    today: date | None = None,
) -> LearningNote:
    """Change a learning note, typically to add the date the learning was shared. The complaint and
    response it belongs to stay fixed. Writes an event only when something changed."""
    today = today or clock.today()
    # Lock the note only: PostgreSQL cannot lock the nullable side of the join to its stage.
    note = (
        LearningNote.objects.select_for_update(of=("self",))
        .select_related("complaint", "stage").get(pk=note.pk)
    )
    text = required(what_was_learned, "Say what was learned.")
    root_cause = _note_root_cause(root_cause)
    before = _note_snapshot(note)
    chosen = _note_themes(themes, allowed_retired=set(note.themes.values_list("pk", flat=True)))
    _note_dates(complaint=note.complaint, stage=note.stage, practitioner_told_on=practitioner_told_on,
                shared_with_learning_team_on=shared_with_learning_team_on, today=today)
    after = {
        "what_was_learned": text, "practitioner_told_on": practitioner_told_on,
        "shared_with_learning_team_on": shared_with_learning_team_on, "root_cause": root_cause,
        "themes": sorted(t.name for t in chosen),
    }
    changes = diff_fields(before, after)
    if not changes:
        return note
    note.what_was_learned = text
    note.practitioner_told_on = practitioner_told_on
    note.shared_with_learning_team_on = shared_with_learning_team_on
    note.root_cause = root_cause
    note.save()
    note.themes.set(chosen)
    audit_record(
        actor=actor, verb="learning_note.updated", subject=note,
        summary=f"Learning note on {note.complaint.reference} changed ({', '.join(_labels(changes))})",
        changes=changes,
    )
    return note


_NOTE_LABELS = {
    "what_was_learned": "what was learned",
    "practitioner_told_on": "date practitioner told",
    "shared_with_learning_team_on": "date shared with the learning team",
    "root_cause": "root cause",
    "themes": "themes",
}


def _labels(changes: dict[str, Any]) -> list[str]:
    return [label for name, label in _NOTE_LABELS.items() if name in changes]

