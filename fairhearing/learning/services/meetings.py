"""Monthly learning meetings and the approval of their key priority (seeds 000, 004)."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from fairhearing.audit.services import audit_record
from fairhearing.cases.models import Complaint
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed

from ..models import LearningMeeting
from ._common import PERSON_MAX, not_before, not_in_future, required


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
    if held_on is None:
        raise DomainError("Enter the date of the meeting.")
    not_in_future(held_on, label="date of the meeting", today=today)
    meeting = LearningMeeting.objects.create(
        held_on=held_on,
        chair=required(chair, "Enter who chaired the meeting.", max_length=PERSON_MAX, label="chair's name"),
        attendees=required(attendees, "Enter who attended the meeting."),
        inputs=required(inputs, "Enter what the meeting looked at, such as complaints, audits or reviews."),
        key_priority=required(key_priority, "Enter the key priority for the month."),
        notes=(notes or "").strip(),
        created_by=actor,
    )
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

