"""Stored due dates follow the calendar, and the database enforces the invariants."""

import pytest
from django.db import IntegrityError, transaction

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.tests.factories import make_complaint
from fairhearing.stages.choices import PauseReason, StageStatus
from fairhearing.stages.deadlines import stage_due_explanation
from fairhearing.stages.models import PanelMember, Stage
from fairhearing.stages.services import stage_pause, stage_respond
from fairhearing.workingdays.models import ClosureDay
from fairhearing.workingdays.selectors import calendar_get
from fairhearing.workingdays.services import (
    bank_holiday_create,
    closure_day_create,
    closure_day_delete,
)

from .conftest import LATER, D, findings

pytestmark = pytest.mark.django_db


def test_closure_day_inside_the_window_moves_open_due_dates_and_is_audited(stage_one, actor):
    closure_day_create(date=D(2022, 1, 12), reason="Council-wide closure", actor=actor, today=D(2022, 1, 5))
    stage_one.refresh_from_db()
    assert stage_one.due_on == D(2022, 1, 19)
    event = AuditEvent.objects.get(verb="deadline.recalculated", data__stage=1)
    assert event.actor == actor
    assert event.changes == {"due_on": ["2022-01-18", "2022-01-19"]}
    assert AuditEvent.objects.filter(verb="calendar.changed").count() == 1


def test_removing_the_closure_day_moves_it_back(stage_one, actor):
    closure_day_create(date=D(2022, 1, 12), reason="Council-wide closure", actor=actor, today=D(2022, 1, 5))
    closure_day_delete(closure_day=ClosureDay.objects.get(date=D(2022, 1, 12)), actor=actor, today=D(2022, 1, 5))
    stage_one.refresh_from_db()
    assert stage_one.due_on == D(2022, 1, 18)


def test_closure_day_after_the_due_date_changes_nothing(stage_one, actor):
    closure_day_create(date=D(2022, 1, 19), reason="Training day", actor=actor, today=D(2022, 1, 5))
    stage_one.refresh_from_db()
    assert stage_one.due_on == D(2022, 1, 18)
    assert not AuditEvent.objects.filter(verb="deadline.recalculated", data__stage=1).exists()


def test_closed_stages_keep_their_due_dates(stage_one, actor):
    stage_respond(stage=stage_one, responded_on=D(2022, 1, 10), findings=findings("upheld", "upheld"),
                  actor=actor, today=LATER)
    closure_day_create(date=D(2022, 1, 12), reason="Closure", actor=actor, today=D(2022, 1, 5))
    stage_one.refresh_from_db()
    assert stage_one.due_on == D(2022, 1, 18)
    # ...but the window to ask for Stage 2 (20 working days after 10 January) moves.
    assert stage_one.escalation_deadline_on == D(2022, 2, 8)


def test_a_new_bank_holiday_inside_a_past_response_recounts_its_working_days(stage_one, actor):
    stage_respond(stage=stage_one, responded_on=D(2022, 1, 18), findings=findings("upheld", "upheld"),
                  actor=actor, today=LATER)
    stage_one.refresh_from_db()
    assert stage_one.response_working_days == 10
    bank_holiday_create(date=D(2022, 1, 12), name="A one-off bank holiday", actor=actor)
    stage_one.refresh_from_db()
    assert stage_one.response_working_days == 9
    assert stage_one.due_on == D(2022, 1, 18)  # a closed stage's deadline stays as it was


def test_acknowledgement_due_date_moves_for_unacknowledged_complaints(complaint, actor):
    closure_day_create(date=D(2022, 1, 6), reason="Closure", actor=actor, today=D(2022, 1, 5))
    complaint.refresh_from_db()
    assert complaint.acknowledgement_due_on == D(2022, 1, 10)


def test_due_date_explanation_names_the_start_and_skipped_days(stage_one, actor):
    text = stage_due_explanation(stage_one, calendar_get())
    assert "10 working days after Tuesday 4 January 2022" in text
    assert "weekend of 8–9 January 2022" in text
    assert "due Tuesday 18 January 2022" in text
    stage_pause(stage=stage_one, reason=PauseReason.AWAITING_ADVOCATE, started_on=D(2022, 1, 10),
                actor=actor, today=LATER)
    stage_one.refresh_from_db()
    assert "paused since Monday 10 January 2022" in stage_due_explanation(stage_one, calendar_get())


def test_database_allows_one_open_stage_per_complaint(stage_one):
    with pytest.raises(IntegrityError), transaction.atomic():
        Stage.objects.create(complaint=stage_one.complaint, number=2, requested_on=D(2022, 1, 20))


def test_database_refuses_open_status_with_a_closing_date(stage_one):
    with pytest.raises(IntegrityError), transaction.atomic():
        Stage.objects.filter(pk=stage_one.pk).update(closed_on=D(2022, 1, 20))


def test_database_refuses_due_date_before_clock_start(stage_one):
    with pytest.raises(IntegrityError), transaction.atomic():
        Stage.objects.filter(pk=stage_one.pk).update(due_on=D(2022, 1, 1))


def test_database_refuses_a_second_chair(stage_one, actor):
    stage = stage_one
    PanelMember.objects.create(stage=stage, member=actor, is_chair=True)
    from fairhearing.accounts.tests.factories import UserFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        PanelMember.objects.create(stage=stage, member=UserFactory(), is_chair=True)


def test_stage_status_values_are_consistent_with_closure(actor):
    complaint = make_complaint(actor=actor)
    with pytest.raises(IntegrityError), transaction.atomic():
        Stage.objects.create(complaint=complaint, number=1, requested_on=D(2022, 1, 4),
                             status=StageStatus.RESPONDED)
