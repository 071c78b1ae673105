"""Dated updates to an action in an action plan, which move its status and record when it was
completed."""

import pytest
from django.db import IntegrityError, transaction

from fairhearing.core.errors import DomainError
from fairhearing.learning.choices import ActionStatus
from fairhearing.learning.models import ActionUpdate
from fairhearing.learning.services import action_update_record

from .factories import ActionFactory, ActionPlanFactory, ActionUpdateFactory, D
from .helpers import events

pytestmark = pytest.mark.django_db


# Updates ----------------------------------------------------------------------------------------


def update(action, actor, **overrides):
    values = dict(action=action, written_on=D(2022, 7, 1), text="Training booked for all teams.",
                  status_after=ActionStatus.IN_PROGRESS, actor=actor, today=D(2022, 12, 30))
    values.update(overrides)
    return action_update_record(**values)


def test_update_is_recorded_and_moves_the_status(actor):
    action = ActionFactory()
    entry = update(action, actor)
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS and action.completed_on is None
    assert (entry.written_on, entry.status_after, entry.created_by) == (D(2022, 7, 1), "in_progress", actor)
    assert list(action.updates.all()) == [entry]
    event = events("action.updated").get()
    assert event.subject_id == action.pk
    assert event.changes == {"status": ["not_started", "in_progress"]}
    assert event.summary == "Action 1 of action plan 2022-23: update of 1 July 2022, in progress"


def test_completing_needs_the_completion_date(actor):
    action = ActionFactory()
    with pytest.raises(DomainError, match="Enter the date the action was completed"):
        update(action, actor, status_after=ActionStatus.COMPLETE)
    assert not ActionUpdate.objects.exists()
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED

    update(action, actor, status_after=ActionStatus.COMPLETE, completed_on=D(2022, 6, 20))
    action.refresh_from_db()
    assert (action.status, action.completed_on) == (ActionStatus.COMPLETE, D(2022, 6, 20))
    assert events("action.updated").get().changes["completed_on"] == [None, "2022-06-20"]


@pytest.mark.parametrize(
    ("completed_on", "message"),
    [
        (D(2022, 7, 1), None),  # completed the day the update was written
        (D(2022, 7, 2), "cannot be completed after the update that reports it"),
    ],
)
def test_completion_date_not_after_the_update(actor, completed_on, message):
    action = ActionFactory()
    call = dict(status_after=ActionStatus.COMPLETE, completed_on=completed_on,
                written_on=D(2022, 7, 1))
    if message is None:
        update(action, actor, **call)
        action.refresh_from_db()
        assert action.completed_on == completed_on
        return
    with pytest.raises(DomainError, match=message):
        update(action, actor, **call)
    assert not ActionUpdate.objects.exists()


def test_only_a_complete_action_has_a_completion_date(actor):
    action = ActionFactory()
    with pytest.raises(DomainError, match="Only a complete action has a completion date"):
        update(action, actor, completed_on=D(2022, 6, 20))
    assert not ActionUpdate.objects.exists()


def test_reopening_a_complete_action_clears_its_completion_date(actor):
    action = ActionFactory()
    update(action, actor, status_after=ActionStatus.COMPLETE, completed_on=D(2022, 7, 1))
    update(action, actor, written_on=D(2022, 10, 3), text="Not all teams trained after all.")
    action.refresh_from_db()
    assert (action.status, action.completed_on) == (ActionStatus.IN_PROGRESS, None)


@pytest.mark.parametrize(
    ("written_on", "today", "message"),
    [
        (D(2022, 12, 30), D(2022, 12, 30), None),  # written today
        (D(2022, 12, 31), D(2022, 12, 30), "The date of the update cannot be in the future"),
    ],
)
def test_update_not_dated_in_the_future(actor, written_on, today, message):
    action = ActionFactory()
    if message is None:
        assert update(action, actor, written_on=written_on, today=today).written_on == written_on
        return
    with pytest.raises(DomainError, match=message):
        update(action, actor, written_on=written_on, today=today)
    assert not ActionUpdate.objects.exists()


def test_update_not_dated_before_the_last_one(actor):
    """The newest update is the one the plan prints, and the action's status is the one it
    reports: a back-dated update would make them disagree."""
    action = ActionFactory()
    update(action, actor, written_on=D(2022, 10, 3))
    same_day = update(action, actor, written_on=D(2022, 10, 3), text="Second note the same day.",
                      status_after=ActionStatus.DROPPED)
    with pytest.raises(DomainError, match=r"cannot be before the last update \(3 October 2022\)"):
        update(action, actor, written_on=D(2022, 10, 2))
    action.refresh_from_db()
    assert action.status == ActionStatus.DROPPED
    assert action.updates.count() == 2 and action.updates.last() == same_day


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"text": " "}, "Write the update"),
        ({"status_after": "paused"}, "Choose where the action has got to"),
        ({"written_on": None}, "Enter the date of the update"),
    ],
)
def test_update_bad_input_is_refused_and_nothing_saved(actor, overrides, message):
    action = ActionFactory()
    with pytest.raises(DomainError, match=message):
        update(action, actor, **overrides)
    assert not ActionUpdate.objects.exists()
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED
    assert not events("action.updated").exists()


def test_database_keeps_completion_date_and_status_together():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(status=ActionStatus.COMPLETE)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(status=ActionStatus.IN_PROGRESS, completed_on=D(2022, 7, 1))


def test_factory_numbers_updates_actions_in_turn():
    plan = ActionPlanFactory()
    assert [ActionFactory(plan=plan).number for _ in range(2)] == [1, 2]
    assert ActionUpdateFactory().action.number == 1
