"""Learning notes (the monitoring form on a response): recorded once per response, after it, and
shared with the practitioner no earlier than the response and never in the future.

The response in these tests is Stage 1 of a complaint received Tuesday 4 January 2022, sent on
Monday 17 January 2022.
"""

import pytest
from django.db import IntegrityError, transaction

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.models import Theme
from fairhearing.cases.tests.factories import make_complaint
from fairhearing.core.errors import DomainError
from fairhearing.learning.choices import RootCause
from fairhearing.learning.models import LearningNote
from fairhearing.learning.services import learning_note_record, learning_note_update
from fairhearing.stages.services import stage_one_start

from .factories import LATER, RESPONDED_ON, D, LearningNoteFactory

pytestmark = pytest.mark.django_db


def theme(name):
    return Theme.objects.get(name=name)


def record(response, actor, **overrides):
    """Record a note on ``response`` (a stage) with sensible values; overrides change any."""
    values = dict(
        complaint=response.complaint, stage=response,
        what_was_learned="Calls to the family were not returned; the team restated its standard.",
        practitioner_told_on=D(2022, 1, 20), shared_with_learning_team_on=D(2022, 1, 21),
        themes=[theme("Lack of communication")], root_cause=RootCause.COMMUNICATION,
        actor=actor, today=LATER,
    )
    values.update(overrides)
    return learning_note_record(**values)


def learning_events():
    return AuditEvent.objects.filter(verb__startswith="learning_note.")


def test_records_the_monitoring_form_on_a_response(stage, actor):
    note = record(stage, actor, today=D(2022, 1, 24))

    note.refresh_from_db()
    assert note.complaint == stage.complaint and note.stage == stage
    assert note.root_cause == RootCause.COMMUNICATION
    assert (note.practitioner_told_on, note.shared_with_learning_team_on) == (D(2022, 1, 20), D(2022, 1, 21))
    assert note.recorded_on == D(2022, 1, 24)
    assert [t.name for t in note.themes.all()] == ["Lack of communication"]
    assert note.created_by == actor
    assert list(stage.learning_notes.all()) == [note]
    assert list(theme("Lack of communication").learning_notes.all()) == [note]


def test_recording_writes_an_event_about_the_note_without_the_childs_name(stage, actor):
    note = record(stage, actor)
    event = learning_events().get()
    assert (event.subject_id, event.subject_type.model) == (note.pk, "learningnote")
    assert event.verb == "learning_note.recorded"
    assert event.actor == actor
    assert stage.complaint.reference in event.summary
    assert "Stage 1 response" in event.summary
    child = stage.complaint.children.get().child
    assert child.first_name not in event.summary
    assert event.data["themes"] == ["Lack of communication"]


@pytest.mark.parametrize(
    ("told_on", "allowed"),
    [
        (RESPONDED_ON, True),  # told the day the response went out
        (D(2022, 1, 16), False),  # the day before the response
    ],
)
def test_practitioner_cannot_be_told_before_the_response(stage, actor, told_on, allowed):
    if allowed:
        assert record(stage, actor, practitioner_told_on=told_on).practitioner_told_on == told_on
        return
    with pytest.raises(DomainError, match=r"cannot be before the Stage 1 response \(17 January 2022\)"):
        record(stage, actor, practitioner_told_on=told_on)
    assert not LearningNote.objects.exists()
    assert not learning_events().exists()


@pytest.mark.parametrize("field", ["practitioner_told_on", "shared_with_learning_team_on"])
def test_dates_may_be_today_but_not_tomorrow(stage, actor, field):
    today = D(2022, 2, 1)
    assert getattr(record(stage, actor, today=today, **{field: today}), field) == today
    LearningNote.objects.all().delete()
    with pytest.raises(DomainError, match="cannot be in the future"):
        record(stage, actor, today=today, **{field: D(2022, 2, 2)})
    assert not LearningNote.objects.exists()


def test_shared_with_learning_team_not_before_the_complaint_arrived(stage, actor):
    # Learning may reach the learning team while the response is being drafted, but not before
    # the complaint existed.
    assert record(stage, actor, shared_with_learning_team_on=D(2022, 1, 4)).pk
    LearningNote.objects.all().delete()
    with pytest.raises(DomainError, match=r"cannot be before the complaint was received \(4 January 2022\)"):
        record(stage, actor, shared_with_learning_team_on=D(2022, 1, 3))
    assert not LearningNote.objects.exists()


def test_dates_may_be_left_empty_and_added_later(stage, actor):
    note = record(stage, actor, practitioner_told_on=None, shared_with_learning_team_on=None)
    assert note.practitioner_told_on is None and note.shared_with_learning_team_on is None


def test_stage_must_belong_to_the_complaint(stage, actor):
    other = make_complaint(actor=actor)
    with pytest.raises(DomainError, match=f"belongs to another complaint, not {other.reference}"):
        record(stage, actor, complaint=other)
    assert not LearningNote.objects.exists()


def test_stage_must_have_been_responded_to(actor):
    complaint = make_complaint(actor=actor)
    open_stage = stage_one_start(complaint=complaint, actor=actor, today=LATER)
    with pytest.raises(DomainError, match="Stage 1 has not been responded to yet"):
        record(open_stage, actor, practitioner_told_on=None, shared_with_learning_team_on=None)
    assert not LearningNote.objects.exists()


def test_one_note_per_response(stage, actor):
    first = record(stage, actor)
    with pytest.raises(DomainError, match="already has a learning note. Change that note instead"):
        record(stage, actor, what_was_learned="Something else")
    assert list(LearningNote.objects.all()) == [first]
    assert learning_events().count() == 1


def test_database_refuses_a_second_note_on_a_response(stage, actor):
    record(stage, actor)
    with pytest.raises(IntegrityError), transaction.atomic():
        LearningNote.objects.create(complaint=stage.complaint, stage=stage, what_was_learned="x",
                                    recorded_on=LATER)


def test_notes_on_the_complaint_as_a_whole_need_no_stage_and_may_be_several(complaint, actor):
    first = record(complaint.stages.get(), actor, stage=None, practitioner_told_on=D(2022, 1, 4))
    second = record(complaint.stages.get(), actor, stage=None, practitioner_told_on=None)
    assert first.stage is None and second.stage is None
    assert complaint.learning_notes.count() == 2
    assert learning_events().first().summary == f"Learning recorded on complaint {complaint.reference} as a whole"


def test_without_a_stage_the_practitioner_is_told_no_earlier_than_receipt(complaint, actor):
    with pytest.raises(DomainError, match=r"cannot be before the complaint was received \(4 January 2022\)"):
        record(complaint.stages.get(), actor, stage=None, practitioner_told_on=D(2022, 1, 3))
    assert not LearningNote.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"what_was_learned": "   "}, "Say what was learned"),
        ({"root_cause": "bad_luck"}, "Choose a root cause from the list"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(stage, actor, overrides, message):
    with pytest.raises(DomainError, match=message):
        record(stage, actor, **overrides)
    assert not LearningNote.objects.exists()
    assert not learning_events().exists()


def test_root_cause_may_be_left_empty(stage, actor):
    assert record(stage, actor, root_cause="").root_cause == ""


def test_retired_theme_cannot_be_chosen_for_a_new_note(stage, actor):
    Theme.objects.filter(name="Delay").update(is_active=False)
    with pytest.raises(DomainError, match="The theme Delay is no longer in use"):
        record(stage, actor, themes=[theme("Delay")])
    assert not LearningNote.objects.exists()


# Changing a note ------------------------------------------------------------------------------


def update(note, actor, **overrides):
    values = dict(
        note=note, what_was_learned=note.what_was_learned,
        practitioner_told_on=note.practitioner_told_on,
        shared_with_learning_team_on=note.shared_with_learning_team_on,
        themes=list(note.themes.all()), root_cause=note.root_cause, actor=actor, today=LATER,
    )
    values.update(overrides)
    return learning_note_update(**values)


def test_update_adds_the_supervision_date_and_audits_the_change(stage, actor):
    note = record(stage, actor, practitioner_told_on=None)
    update(note, actor, practitioner_told_on=D(2022, 2, 3), themes=[theme("Delay")],
           root_cause=RootCause.DELAY)
    note.refresh_from_db()
    assert note.practitioner_told_on == D(2022, 2, 3)
    assert note.root_cause == RootCause.DELAY
    assert [t.name for t in note.themes.all()] == ["Delay"]
    event = learning_events().get(verb="learning_note.updated")
    assert event.subject_id == note.pk
    assert event.changes["practitioner_told_on"] == [None, "2022-02-03"]
    assert event.changes["themes"] == [["Lack of communication"], ["Delay"]]
    assert "what_was_learned" not in event.changes
    assert "date practitioner told" in event.summary


def test_update_with_no_change_writes_no_event(stage, actor):
    note = record(stage, actor)
    update(note, actor)
    assert not learning_events().filter(verb="learning_note.updated").exists()


def test_update_refuses_a_date_before_the_response_and_keeps_the_note(stage, actor):
    note = record(stage, actor)
    with pytest.raises(DomainError, match="cannot be before the Stage 1 response"):
        update(note, actor, practitioner_told_on=D(2022, 1, 16), what_was_learned="Changed")
    note.refresh_from_db()
    assert (note.practitioner_told_on, note.what_was_learned[:5]) == (D(2022, 1, 20), "Calls")
    assert not learning_events().filter(verb="learning_note.updated").exists()


def test_update_refuses_a_future_date(stage, actor):
    note = record(stage, actor)
    with pytest.raises(DomainError, match="cannot be in the future"):
        update(note, actor, shared_with_learning_team_on=D(2022, 3, 2), today=D(2022, 3, 1))
    note.refresh_from_db()
    assert note.shared_with_learning_team_on == D(2022, 1, 21)


def test_a_theme_retired_since_may_stay_on_the_note_but_not_be_added(stage, actor):
    note = record(stage, actor, themes=[theme("Delay")])
    Theme.objects.filter(name__in=["Delay", "Assessment"]).update(is_active=False)
    update(note, actor, themes=[theme("Delay")], what_was_learned="Reworded")
    assert note.themes.get().name == "Delay"
    with pytest.raises(DomainError, match="The theme Assessment is no longer in use"):
        update(note, actor, themes=[theme("Delay"), theme("Assessment")])


def test_factory_builds_a_note_on_a_responded_stage():
    note = LearningNoteFactory(themes=[theme("Delay")])
    assert note.stage.responded_on == RESPONDED_ON
    assert note.complaint == note.stage.complaint
    assert note.themes.get().name == "Delay"
