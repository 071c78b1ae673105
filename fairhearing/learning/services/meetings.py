"""Monthly learning meetings and the approval of their key priority (seeds 000, 004)."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from fairhearing.audit.services import audit_record, diff_fields
from fairhearing.cases.models import Complaint
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed

from ..models import LearningMeeting
from ._common import PERSON_MAX, not_before, not_in_future, required


def _meeting_fields(
    *, held_on: date | None, chair: str, attendees: str, inputs: str, key_priority: str, notes: str, today: date,
) -> dict[str, Any]:
    """The meeting's fields as they will be saved, or a DomainError naming what to put right: a
    meeting is recorded once it has taken place, so its date cannot be in the future."""
    if held_on is None:
        raise DomainError("Enter the date of the meeting.")
    not_in_future(held_on, label="date of the meeting", today=today)
    return {
        "held_on": held_on,
        "chair": required(chair, "Enter who chaired the meeting.", max_length=PERSON_MAX, label="chair's name"),
        "attendees": required(attendees, "Enter who attended the meeting."),
        "inputs": required(inputs, "Enter what the meeting looked at, such as complaints, audits or reviews."),
        "key_priority": required(key_priority, "Enter the key priority for the month."),
        "notes": (notes or "").strip(),
    }


@transaction.atomic
def learning_meeting_record(
    *,
    held_on: date,
    chair: str,
    attendees: str,
    inputs: str,
    key_priority: str,
    notes: str = "",
    complaints: Sequence[Complaint] = (),
    actor: Any,
    today: date | None = None,
) -> LearningMeeting:
    """Record a monthly learning meeting that has taken place, with its one key priority; the
    priority then goes to the Director for approval (seed 000)."""
    today = today or clock.today()
    fields = _meeting_fields(held_on=held_on, chair=chair, attendees=attendees, inputs=inputs,
                             key_priority=key_priority, notes=notes, today=today)
    meeting = LearningMeeting.objects.create(**fields, created_by=actor)
    meeting.complaints.set(complaints)
    audit_record(
        actor=actor, verb="learning_meeting.recorded", subject=meeting,
        summary=f"Learning meeting of {long_date(held_on)} recorded",
        data={"held_on": held_on, "complaints": sorted(c.reference for c in meeting.complaints.all())},
    )
    return meeting


@transaction.atomic
def learning_meeting_approve(
    *, meeting: LearningMeeting, approved_by: str, approved_on: date, actor: Any, today: date | None = None,
) -> LearningMeeting:
    """Record that the meeting's key priority was approved (by the Director), and when."""
    today = today or clock.today()
    meeting = LearningMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_approved:
        raise TransitionNotAllowed(
            f"The key priority was already approved on {long_date(meeting.approved_on)}."
        )
    approver = required(approved_by, "Enter who approved the key priority.", max_length=PERSON_MAX,
                        label="approver's name")
    if approved_on is None:
        raise DomainError("Enter the date the key priority was approved.")
    not_in_future(approved_on, label="date of approval", today=today)
    not_before(approved_on, label="date of approval", floor=meeting.held_on, floor_label="the meeting")
    meeting.approved_by, meeting.approved_on = approver, approved_on
    meeting.save(update_fields=["approved_by", "approved_on"])
    audit_record(
        actor=actor, verb="learning_meeting.approved", subject=meeting,
        summary=f"Key priority of the learning meeting of {long_date(meeting.held_on)} approved on "
        f"{long_date(approved_on)}",
        changes={"approved_on": [None, approved_on]},
    )
    return meeting



_MEETING_LABELS = {
    "held_on": "date",
    "chair": "chair",
    "attendees": "who attended",
    "inputs": "what it looked at",
    "key_priority": "key priority",
    "notes": "notes",
    "complaints": "complaints discussed",
}


@transaction.atomic
def learning_meeting_update(
    *,
    meeting: LearningMeeting,
    held_on: date,
    chair: str,
    attendees: str,
    inputs: str,
    key_priority: str,
    notes: str,
    complaints: Sequence[Complaint],
    actor: Any,
    today: date | None = None,
) -> LearningMeeting:
    """Correct the record of a learning meeting: its date, chair, attendees, inputs, key priority,
    notes and the complaints discussed (``complaints`` is the whole new set). Writes an event only
    when something changed.

    An approved meeting keeps its approval: the approval records a decision the Director made on
    a day, and taking it away because the minutes were tidied would lose that record. So a change
    to an approved meeting is not refused and approval is not asked for again; instead the event
    says it was made after approval and carries the old and new wording, so whoever checks the
    approval can see exactly what was approved. A priority that has really changed is a matter for
    the next meeting (and its own approval), not an edit. The meeting cannot be moved to after
    the day its priority was approved, since a priority cannot be approved before it was set."""
    today = today or clock.today()
    meeting = LearningMeeting.objects.select_for_update().get(pk=meeting.pk)
    fields = _meeting_fields(held_on=held_on, chair=chair, attendees=attendees, inputs=inputs,
                             key_priority=key_priority, notes=notes, today=today)
    if meeting.is_approved and held_on > meeting.approved_on:
        raise DomainError(
            f"The date of the meeting cannot be after its key priority was approved "
            f"({long_date(meeting.approved_on)})."
        )
    chosen = list({complaint.pk: complaint for complaint in complaints}.values())
    before = {name: getattr(meeting, name) for name in fields}
    before["complaints"] = sorted(meeting.complaints.values_list("reference", flat=True))
    changes = diff_fields(before, {**fields, "complaints": sorted(c.reference for c in chosen)})
    if not changes:
        return meeting
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save(update_fields=list(fields))
    if "complaints" in changes:
        meeting.complaints.set(chosen)
    what = ", ".join(label for name, label in _MEETING_LABELS.items() if name in changes)
    after_approval = (f" after its key priority was approved on {long_date(meeting.approved_on)}"
                      if meeting.is_approved else "")
    audit_record(
        actor=actor, verb="learning_meeting.updated", subject=meeting,
        summary=f"Learning meeting of {long_date(meeting.held_on)} changed{after_approval} ({what})",
        changes=changes,
        data={"after_approval": meeting.is_approved},
    )
    return meeting
