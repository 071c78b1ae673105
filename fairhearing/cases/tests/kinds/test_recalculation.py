"""Stored due dates of unanswered enquiries and open concerns follow changes to the calendar."""

import pytest

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.kinds.concerns import concern_resolve, concern_send_to_service
from fairhearing.cases.kinds.enquiries import enquiry_respond
from fairhearing.cases.kinds.listeners import representations_recalculate_for_calendar_change
from fairhearing.workingdays.listeners import registered_calendar_listeners
from fairhearing.workingdays.models import BankHoliday, ClosureDay
from fairhearing.workingdays.services import (
    bank_holiday_create,
    bank_holiday_delete,
    closure_day_create,
    closure_day_delete,
)

from .conftest import LATER, D
from .factories import make_concern, make_enquiry

pytestmark = pytest.mark.django_db


def test_the_listener_is_registered_when_the_app_starts():
    assert representations_recalculate_for_calendar_change in registered_calendar_listeners()


def test_a_closure_day_inside_the_window_moves_open_due_dates_and_each_move_is_audited(actor):
    enquiry = make_enquiry(actor=actor)  # due Tuesday 18 January 2022
    concern = make_concern(actor=actor)  # due Tuesday 18 January 2022
    closure_day_create(date=D(2022, 1, 12), reason="Council-wide closure", actor=actor, today=D(2022, 1, 5))
    enquiry.refresh_from_db()
    concern.refresh_from_db()
    assert enquiry.response_due_on == concern.response_due_on == D(2022, 1, 19)
    for record in (enquiry, concern):
        event = AuditEvent.objects.for_subject(record).get(verb="deadline.recalculated")
        assert event.actor == actor
        assert event.changes == {"response_due_on": ["2022-01-18", "2022-01-19"]}
        assert event.data["reason"].startswith("Closure day added")


def test_removing_it_moves_them_back(actor):
    enquiry = make_enquiry(actor=actor)
    closure_day_create(date=D(2022, 1, 12), reason="Closure", actor=actor, today=D(2022, 1, 5))
    closure_day_delete(closure_day=ClosureDay.objects.get(date=D(2022, 1, 12)), actor=actor, today=D(2022, 1, 5))
    enquiry.refresh_from_db()
    assert enquiry.response_due_on == D(2022, 1, 18)
    assert AuditEvent.objects.for_subject(enquiry).filter(verb="deadline.recalculated").count() == 2


def test_a_new_day_on_the_due_date_moves_it_but_one_after_does_not(actor):
    on_due = make_enquiry(actor=actor)
    closure_day_create(date=D(2022, 1, 18), reason="Closure", actor=actor, today=D(2022, 1, 5))
    on_due.refresh_from_db()
    assert on_due.response_due_on == D(2022, 1, 19)
    closure_day_create(date=D(2022, 1, 20), reason="Training", actor=actor, today=D(2022, 1, 5))
    on_due.refresh_from_db()
    assert on_due.response_due_on == D(2022, 1, 19)
    assert AuditEvent.objects.for_subject(on_due).filter(verb="deadline.recalculated").count() == 1


def test_a_day_off_on_the_day_received_changes_nothing(actor):
    enquiry = make_enquiry(actor=actor)
    closure_day_create(date=D(2022, 1, 4), reason="Closure", actor=actor, today=D(2022, 1, 4))
    enquiry.refresh_from_db()
    assert enquiry.response_due_on == D(2022, 1, 18)


def test_answered_enquiries_and_ended_concerns_keep_their_due_dates(actor):
    enquiry = make_enquiry(actor=actor)
    enquiry_respond(enquiry=enquiry, responded_on=D(2022, 1, 17), actor=actor, today=LATER)
    concern = make_concern(actor=actor)
    concern_resolve(concern=concern, resolved_on=D(2022, 1, 17), outcome="Sorted", actor=actor, today=LATER)
    bank_holiday_create(date=D(2022, 1, 12), name="Proclaimed holiday", actor=actor)
    enquiry.refresh_from_db()
    concern.refresh_from_db()
    assert enquiry.response_due_on == concern.response_due_on == D(2022, 1, 18)
    assert not AuditEvent.objects.filter(verb="deadline.recalculated").exists()


def test_a_concern_sent_to_the_service_is_recounted_from_the_day_it_was_sent(actor):
    concern = make_concern(actor=actor, received_on=D(2022, 4, 12))
    concern = concern_send_to_service(concern=concern, sent_on=D(2022, 4, 14), actor=actor, today=LATER)
    assert concern.response_due_on == D(2022, 5, 3)
    # If Easter Monday were not a bank holiday, the 10th working day would be Friday 29 April...
    bank_holiday_delete(bank_holiday=BankHoliday.objects.get(date=D(2022, 4, 18)), actor=actor)
    concern.refresh_from_db()
    assert concern.response_due_on == D(2022, 4, 29)
    # ...and an enquiry logged on the same Thursday before Good Friday would move the same way.
    enquiry = make_enquiry(actor=actor, received_on=D(2022, 4, 14))
    assert enquiry.response_due_on == D(2022, 4, 29)


def test_a_change_with_no_dates_does_nothing(actor):
    make_enquiry(actor=actor)
    assert representations_recalculate_for_calendar_change(actor=actor, description="x", changed_dates=[]) == 0
