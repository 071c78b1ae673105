"""Monthly learning meetings: recorded once held, with one key priority, then approved (seed 000:
"The recommendation will be sent to ... Director for approval")."""

import pytest
from django.db import IntegrityError, transaction

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.tests.factories import make_complaint
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.learning.models import LearningMeeting
from fairhearing.learning.services import (
    learning_meeting_approve,
    learning_meeting_record,
    learning_meeting_update,
)

from .factories import D, LearningMeetingFactory

pytestmark = pytest.mark.django_db

HELD_ON = D(2022, 2, 10)


def record(actor, **overrides):
    values = dict(
        held_on=HELD_ON, chair="Principal Social Worker",
        attendees="Practice leads; IRO service manager; OD business partner",
        inputs="Upheld complaints in January; IRO challenge; audit to excellence findings",
        key_priority="Sharing assessments with families before they are finalised.",
        actor=actor, today=D(2022, 2, 28),
    )
    values.update(overrides)
    return learning_meeting_record(**values)


def events(verb):
    return AuditEvent.objects.filter(verb=verb)


def test_records_a_meeting_with_its_key_priority_and_the_complaints_discussed(actor, complaint):
    meeting = record(actor, notes="Hot Topics session booked.", complaints=[complaint])
    meeting.refresh_from_db()
    assert meeting.held_on == HELD_ON
    assert meeting.key_priority.startswith("Sharing assessments")
    assert meeting.notes == "Hot Topics session booked."
    assert list(meeting.complaints.all()) == [complaint]
    assert list(complaint.learning_meetings.all()) == [meeting]
    assert not meeting.is_approved and meeting.approved_by == ""
    event = events("learning_meeting.recorded").get()
    assert (event.subject_id, event.actor) == (meeting.pk, actor)
    assert event.summary == "Learning meeting of 10 February 2022 recorded"
    assert event.data["complaints"] == [complaint.reference]


def test_meeting_held_today_is_accepted_but_not_tomorrow(actor):
    assert record(actor, held_on=D(2022, 2, 28)).held_on == D(2022, 2, 28)
    with pytest.raises(DomainError, match="The date of the meeting cannot be in the future"):
        record(actor, held_on=D(2022, 3, 1))
    assert LearningMeeting.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("chair", "Enter who chaired the meeting"),
        ("attendees", "Enter who attended the meeting"),
        ("inputs", "Enter what the meeting looked at"),
        ("key_priority", "Enter the key priority for the month"),
    ],
)
def test_required_text_is_refused_when_blank_and_nothing_saved(actor, field, message):
    with pytest.raises(DomainError, match=message):
        record(actor, **{field: "  "})
    assert not LearningMeeting.objects.exists()
    assert not events("learning_meeting.recorded").exists()


def test_missing_date_is_refused(actor):
    with pytest.raises(DomainError, match="Enter the date of the meeting"):
        record(actor, held_on=None)


def test_overlong_chair_is_refused_with_a_message(actor):
    with pytest.raises(DomainError, match="200 characters or fewer"):
        record(actor, chair="x" * 201)


# Approval ---------------------------------------------------------------------------------------


def test_approval_records_who_and_when_and_is_audited(actor):
    meeting = LearningMeetingFactory(held_on=HELD_ON)
    learning_meeting_approve(meeting=meeting, approved_by=" Director of Children's Services ",
                             approved_on=D(2022, 2, 14), actor=actor, today=D(2022, 2, 28))
    meeting.refresh_from_db()
    assert (meeting.approved_by, meeting.approved_on) == ("Director of Children's Services", D(2022, 2, 14))
    assert meeting.is_approved
    event = events("learning_meeting.approved").get()
    assert event.subject_id == meeting.pk
    assert event.changes == {"approved_on": [None, "2022-02-14"]}
    assert "approved on 14 February 2022" in event.summary


@pytest.mark.parametrize(
    ("approved_on", "today", "message"),
    [
        (HELD_ON, HELD_ON, None),  # approved at the meeting itself
        (D(2022, 2, 9), D(2022, 2, 28), r"cannot be before the meeting \(10 February 2022\)"),
        (D(2022, 2, 11), D(2022, 2, 10), "cannot be in the future"),
    ],
)
def test_approval_date_boundaries(actor, approved_on, today, message):
    meeting = LearningMeetingFactory(held_on=HELD_ON)
    call = dict(meeting=meeting, approved_by="Director", approved_on=approved_on, actor=actor, today=today)
    if message is None:
        assert learning_meeting_approve(**call).approved_on == approved_on
        return
    with pytest.raises(DomainError, match=message):
        learning_meeting_approve(**call)
    meeting.refresh_from_db()
    assert not meeting.is_approved and meeting.approved_by == ""
    assert not events("learning_meeting.approved").exists()


def test_approver_must_be_named(actor):
    meeting = LearningMeetingFactory()
    with pytest.raises(DomainError, match="Enter who approved the key priority"):
        learning_meeting_approve(meeting=meeting, approved_by="", approved_on=D(2022, 2, 14),
                                 actor=actor, today=D(2022, 2, 28))
    meeting.refresh_from_db()
    assert not meeting.is_approved


def test_a_meeting_is_approved_once(actor):
    meeting = LearningMeetingFactory(approved_by="Director", approved_on=D(2022, 2, 14))
    with pytest.raises(TransitionNotAllowed, match="already approved on 14 February 2022"):
        learning_meeting_approve(meeting=meeting, approved_by="Someone else", approved_on=D(2022, 2, 15),
                                 actor=actor, today=D(2022, 2, 28))
    meeting.refresh_from_db()
    assert (meeting.approved_by, meeting.approved_on) == ("Director", D(2022, 2, 14))


@pytest.mark.parametrize(
    "approval",
    [
        {"approved_by": "Director"},  # a name without a date
        {"approved_on": D(2022, 2, 14)},  # a date without a name
        {"approved_by": "Director", "approved_on": D(2022, 2, 9)},  # before the meeting
    ],
)
def test_database_refuses_half_or_early_approval(approval):
    with pytest.raises(IntegrityError), transaction.atomic():
        LearningMeetingFactory(held_on=HELD_ON, **approval)


# Correcting a meeting ----------------------------------------------------------------------------


def update(meeting, actor, **overrides):
    """Change ``meeting``: every field as it is, but for ``overrides``."""
    values = dict(
        meeting=meeting, held_on=meeting.held_on, chair=meeting.chair, attendees=meeting.attendees,
        inputs=meeting.inputs, key_priority=meeting.key_priority, notes=meeting.notes,
        complaints=list(meeting.complaints.all()), actor=actor, today=D(2022, 2, 28),
    )
    values.update(overrides)
    return learning_meeting_update(**values)


def test_correcting_a_meeting_saves_and_audits_only_what_changed(actor, complaint):
    meeting = LearningMeetingFactory(held_on=HELD_ON)
    other = make_complaint()
    meeting.complaints.set([other])
    update(meeting, actor, held_on=D(2022, 2, 9), chair=" Head of Service ", notes="Minutes agreed.",
           complaints=[complaint, complaint])
    meeting.refresh_from_db()
    assert (meeting.held_on, meeting.chair, meeting.notes) == (D(2022, 2, 9), "Head of Service", "Minutes agreed.")
    assert list(meeting.complaints.all()) == [complaint]
    event = events("learning_meeting.updated").get()
    assert (event.subject_id, event.actor) == (meeting.pk, actor)
    assert event.changes == {
        "held_on": ["2022-02-10", "2022-02-09"],
        "chair": ["Principal Social Worker", "Head of Service"],
        "notes": ["", "Minutes agreed."],
        "complaints": [[other.reference], [complaint.reference]],
    }
    assert event.summary == ("Learning meeting of 9 February 2022 changed (date, chair, notes, "
                             "complaints discussed)")
    assert event.data == {"after_approval": False}


def test_nothing_changed_writes_nothing(actor, complaint):
    meeting = LearningMeetingFactory()
    meeting.complaints.set([complaint])
    update(meeting, actor, chair=f"  {meeting.chair} ")  # surrounding spaces are not a change
    assert not events("learning_meeting.updated").exists()


def test_an_approved_meeting_keeps_its_approval_and_the_event_says_so(actor):
    meeting = LearningMeetingFactory(held_on=HELD_ON, approved_by="Director", approved_on=D(2022, 2, 14))
    update(meeting, actor, key_priority="Share every assessment with the family first.")
    meeting.refresh_from_db()
    assert (meeting.approved_by, meeting.approved_on) == ("Director", D(2022, 2, 14))
    assert meeting.key_priority == "Share every assessment with the family first."
    event = events("learning_meeting.updated").get()
    assert event.summary == ("Learning meeting of 10 February 2022 changed after its key priority was "
                             "approved on 14 February 2022 (key priority)")
    assert event.changes["key_priority"] == [
        "Sharing assessments with families before they are finalised.",
        "Share every assessment with the family first."]
    assert event.data == {"after_approval": True}


@pytest.mark.parametrize(
    ("held_on", "message"),
    [
        (D(2022, 2, 14), None),  # on the day of approval
        (D(2022, 2, 15), r"cannot be after its key priority was approved \(14 February 2022\)"),
    ],
)
def test_an_approved_meeting_cannot_move_after_its_approval(actor, held_on, message):
    meeting = LearningMeetingFactory(held_on=HELD_ON, approved_by="Director", approved_on=D(2022, 2, 14))
    if message is None:
        assert update(meeting, actor, held_on=held_on).held_on == held_on
        return
    with pytest.raises(DomainError, match=message):
        update(meeting, actor, held_on=held_on)
    meeting.refresh_from_db()
    assert meeting.held_on == HELD_ON
    assert not events("learning_meeting.updated").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"held_on": None}, "Enter the date of the meeting"),
        ({"held_on": D(2022, 3, 1)}, "The date of the meeting cannot be in the future"),
        ({"chair": " "}, "Enter who chaired the meeting"),
        ({"chair": "x" * 201}, "200 characters or fewer"),
        ({"attendees": ""}, "Enter who attended the meeting"),
        ({"inputs": ""}, "Enter what the meeting looked at"),
        ({"key_priority": ""}, "Enter the key priority for the month"),
    ],
)
def test_a_correction_with_bad_input_is_refused_and_nothing_saved(actor, complaint, overrides, message):
    meeting = LearningMeetingFactory(held_on=HELD_ON)
    with pytest.raises(DomainError, match=message):
        update(meeting, actor, notes="Not saved", complaints=[complaint], **overrides)
    meeting.refresh_from_db()
    assert meeting.notes == "" and not meeting.complaints.exists()
    assert not events("learning_meeting.updated").exists()


def test_a_meeting_held_today_may_be_corrected_to_today(actor):
    meeting = LearningMeetingFactory(held_on=HELD_ON)
    assert update(meeting, actor, held_on=D(2022, 2, 28)).held_on == D(2022, 2, 28)
