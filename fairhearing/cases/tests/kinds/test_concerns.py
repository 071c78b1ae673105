"""Initial feedback: logged, sent to the service, resolved, closed, or made a complaint."""

import pytest

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import Channel, ComplaintStatus
from fairhearing.cases.kind_choices import ConcernStatus
from fairhearing.cases.kinds.concern_conversion import concern_convert_to_complaint
from fairhearing.cases.kinds.concerns import (
    concern_close,
    concern_create,
    concern_resolve,
    concern_send_to_service,
    concern_update,
    concerns_open,
    concerns_overdue,
)
from fairhearing.cases.models import Complaint, Concern, Procedure
from fairhearing.cases.services import complaint_ready_for_stage_one
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.people.choices import Relationship
from fairhearing.people.tests.factories import ChildFactory, PersonFactory

from .conftest import LATER, D, audited_anywhere
from .factories import make_concern

pytestmark = pytest.mark.django_db


def statutory():
    return Procedure.objects.get(code="children-statutory")


def test_create_counts_from_receipt_until_sent_and_audits(actor, team):
    person = PersonFactory(first_name="Kerry")
    concern = concern_create(received_on=D(2022, 1, 4), channel=Channel.TELEPHONE, team=team,
                             summary="Kerry has had no call back.", person=person, actor=actor, today=D(2022, 1, 4))
    assert concern.reference == "CON-2022-0001"
    assert (concern.status, concern.response_days, concern.response_due_on) == (
        ConcernStatus.OPEN, 10, D(2022, 1, 18))
    event = AuditEvent.objects.for_subject(concern).get(verb="concern.created")
    assert "Kerry" not in event.summary and "18 January 2022" in event.summary


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"received_on": D(2022, 1, 5)}, "cannot be in the future"),
        ({"channel": "fax"}, "how the concern was received"),
        ({"team": None}, "Choose the team"),
        ({"summary": " "}, "what the concern is about"),
    ],
)
def test_create_refuses_bad_input_and_saves_nothing(actor, team, overrides, message):
    arguments = dict(received_on=D(2022, 1, 4), channel=Channel.EMAIL, team=team, summary="Summary",
                     actor=actor, today=D(2022, 1, 4))
    arguments.update(overrides)
    with pytest.raises(DomainError, match=message):
        concern_create(**arguments)
    assert not Concern.objects.exists()
    assert not AuditEvent.objects.exists()


def test_sending_to_the_service_restarts_the_count_from_that_day_across_easter(actor, team):
    concern = make_concern(actor=actor, received_on=D(2022, 4, 12))
    assert concern.response_due_on == D(2022, 4, 28)
    # Sent on Thursday 14 April 2022, before Good Friday, Easter Monday and 2 May.
    concern = concern_send_to_service(concern=concern, sent_on=D(2022, 4, 14), team=team, actor=actor,
                                      today=LATER)
    assert (concern.sent_to_service_on, concern.response_due_on, concern.team) == (D(2022, 4, 14), D(2022, 5, 3), team)
    event = AuditEvent.objects.get(verb="concern.sent_to_service")
    assert event.changes["response_due_on"] == ["2022-04-28", "2022-05-03"]
    assert "team" in event.changes


def test_resolved_on_the_due_date_is_on_time_and_a_day_later_is_not(actor):
    on_time = make_concern(actor=actor, received_on=D(2022, 4, 14))
    late = make_concern(actor=actor, received_on=D(2022, 4, 14))
    concern_resolve(concern=on_time, resolved_on=D(2022, 5, 3), outcome="Called back.", actor=actor, today=LATER)
    concern_resolve(concern=late, resolved_on=D(2022, 5, 4), outcome="Called back.", actor=actor, today=LATER)
    events = {e.subject_id: e for e in AuditEvent.objects.filter(verb="concern.resolved")}
    assert events[on_time.pk].data["on_time"] is True
    assert events[late.pk].data["on_time"] is False
    assert events[late.pk].summary == "Resolved on 4 May 2022 (after the due date)"


def test_sending_twice_is_refused(actor):
    concern = make_concern(actor=actor)
    concern_send_to_service(concern=concern, sent_on=D(2022, 1, 5), actor=actor, today=LATER)
    with pytest.raises(TransitionNotAllowed, match="already sent to the service on 5 January 2022"):
        concern_send_to_service(concern=concern, sent_on=D(2022, 1, 6), actor=actor, today=LATER)


@pytest.mark.parametrize(
    ("sent_on", "message"),
    [(D(2022, 1, 3), "cannot be before the concern was received"), (D(2022, 1, 11), "cannot be in the future")],
)
def test_sending_refuses_bad_dates_and_saves_nothing(actor, sent_on, message):
    concern = make_concern(actor=actor)
    with pytest.raises(DomainError, match=message):
        concern_send_to_service(concern=concern, sent_on=sent_on, actor=actor, today=D(2022, 1, 10))
    concern.refresh_from_db()
    assert (concern.sent_to_service_on, concern.response_due_on) == (None, D(2022, 1, 18))


def test_resolve_needs_an_outcome_and_a_sensible_date(actor):
    concern = make_concern(actor=actor)
    with pytest.raises(DomainError, match="how the concern was resolved"):
        concern_resolve(concern=concern, resolved_on=D(2022, 1, 6), outcome=" ", actor=actor, today=LATER)
    with pytest.raises(DomainError, match="cannot be before the concern was received"):
        concern_resolve(concern=concern, resolved_on=D(2022, 1, 3), outcome="Done", actor=actor, today=LATER)
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.OPEN
    assert not AuditEvent.objects.filter(verb="concern.resolved").exists()


def test_close_records_why_and_ends_the_concern(actor):
    concern = make_concern(actor=actor)
    concern = concern_close(concern=concern, closed_on=D(2022, 1, 20), reason="No reply to three calls.",
                            actor=actor, today=LATER)
    assert (concern.status, concern.closed_on, concern.outcome) == (
        ConcernStatus.CLOSED, D(2022, 1, 20), "No reply to three calls.")
    with pytest.raises(TransitionNotAllowed, match="already been closed"):
        concern_resolve(concern=concern, resolved_on=D(2022, 1, 21), outcome="x", actor=actor, today=LATER)
    with pytest.raises(DomainError, match="why the concern is being closed"):
        concern_close(concern=make_concern(actor=actor), closed_on=D(2022, 1, 20), reason="", actor=actor,
                      today=LATER)


def test_an_edited_summary_is_recorded_as_changed_and_its_old_text_is_in_no_audit_event(actor):
    concern = make_concern(actor=actor, summary="Jayden Okafor's social worker never calls back.")
    concern_update(concern=concern, summary="The social worker never calls back.", actor=actor, today=LATER)
    event = AuditEvent.objects.for_subject(concern).get(verb="concern.updated")
    assert event.changes == {"summary": ["(changed)", "(changed)"]}
    assert event.summary == "Concern changed: summary"
    assert not audited_anywhere("Jayden")
    assert not audited_anywhere("never calls back")


def test_the_reason_and_outcome_stay_on_the_concern_and_out_of_the_audit_log(actor):
    closed, resolved = make_concern(actor=actor), make_concern(actor=actor)
    concern_close(concern=closed, closed_on=D(2022, 1, 20), reason="Mia Brown's mother moved away.",
                  actor=actor, today=LATER)
    concern_resolve(concern=resolved, resolved_on=D(2022, 1, 6), outcome="Called Leo Grant's father.",
                    actor=actor, today=LATER)
    assert (Concern.objects.get(pk=closed.pk).outcome, Concern.objects.get(pk=resolved.pk).outcome) == (
        "Mia Brown's mother moved away.", "Called Leo Grant's father.")
    assert AuditEvent.objects.for_subject(closed).get(verb="concern.closed").data == {}
    assert AuditEvent.objects.for_subject(resolved).get(verb="concern.resolved").data == {"on_time": True}
    assert not audited_anywhere("Mia Brown")
    assert not audited_anywhere("Leo Grant")


def test_update_recounts_from_a_corrected_received_date_until_sent(actor):
    concern = make_concern(actor=actor)
    concern = concern_update(concern=concern, received_on=D(2022, 1, 5), actor=actor, today=LATER)
    assert concern.response_due_on == D(2022, 1, 19)
    concern_send_to_service(concern=concern, sent_on=D(2022, 1, 6), actor=actor, today=LATER)
    concern = concern_update(concern=concern, received_on=D(2022, 1, 4), actor=actor, today=LATER)
    assert concern.response_due_on == D(2022, 1, 20)  # still counted from the day it was sent
    with pytest.raises(DomainError, match="date sent to the service cannot be before"):
        concern_update(concern=concern, received_on=D(2022, 1, 7), actor=actor, today=LATER)


def test_overdue_from_the_day_after_the_due_date_while_open(actor):
    concern = make_concern(actor=actor)  # due Tuesday 18 January 2022
    resolved = make_concern(actor=actor)
    concern_resolve(concern=resolved, resolved_on=D(2022, 1, 19), outcome="Sorted", actor=actor, today=LATER)
    assert list(concerns_overdue(today=D(2022, 1, 18))) == []
    assert list(concerns_overdue(today=D(2022, 1, 19))) == [concern]
    assert list(concerns_open()) == [concern]


def test_conversion_makes_a_stage_one_ready_complaint_and_keeps_the_history(actor, team):
    person, child = PersonFactory(first_name="Kerry"), ChildFactory(first_name="Jay")
    concern = make_concern(actor=actor, person=person, child=child, team=team, channel=Channel.LETTER)
    concern = concern_send_to_service(concern=concern, sent_on=D(2022, 1, 5), actor=actor, today=LATER)

    complaint = concern_convert_to_complaint(
        concern=concern, actor=actor, procedure=statutory(), routing_reason="Child in need: Part 3.",
        points=["No call back from the social worker"], received_on=D(2022, 1, 20),
        relationship=Relationship.PARENT, today=D(2022, 1, 21),
    )
    complaint_ready_for_stage_one(complaint)  # raises if not ready
    assert (complaint.status, complaint.received_on, complaint.channel, complaint.summary) == (
        ComplaintStatus.RECEIVED, D(2022, 1, 20), Channel.LETTER, concern.summary)
    complainant = complaint.complainants.get()
    assert (complainant.person, complainant.relationship) == (person, Relationship.PARENT)
    assert [c.child for c in complaint.children.all()] == [child]
    assert list(complaint.teams.all()) == [team]
    assert list(complaint.points.values_list("description", flat=True)) == ["No call back from the social worker"]

    concern.refresh_from_db()
    assert (concern.status, concern.converted_to, concern.converted_on) == (
        ConcernStatus.CONVERTED, complaint, D(2022, 1, 20))
    assert complaint.from_concern == concern
    # The concern's own history stays on its timeline, ending with the conversion.
    concern_verbs = list(AuditEvent.objects.for_subject(concern).values_list("verb", flat=True))
    assert concern_verbs == ["concern.created", "concern.sent_to_service", "concern.converted"]
    converted = AuditEvent.objects.for_subject(concern).get(verb="concern.converted")
    assert converted.data["complaint_reference"] == complaint.reference
    complaint_verbs = list(AuditEvent.objects.for_subject(complaint).values_list("verb", flat=True))
    assert complaint_verbs == ["complaint.created", "complaint.converted_from_concern"]
    back = AuditEvent.objects.for_subject(complaint).get(verb="complaint.converted_from_concern")
    assert back.data["concern_reference"] == concern.reference
    assert "Kerry" not in back.summary and "Jay" not in back.summary


def test_conversion_is_dated_today_by_default(actor):
    concern = make_concern(actor=actor)
    complaint = concern_convert_to_complaint(concern=concern, actor=actor, procedure=statutory(),
                                             routing_reason="Child in need", points=["One"], today=D(2022, 2, 1))
    assert complaint.received_on == D(2022, 2, 1)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"points": []}, "at least one point"),
        ({"routing_reason": " "}, "why the complaint goes to this procedure"),
        ({"received_on": D(2022, 1, 3)}, "cannot be before the concern was received"),
        ({"received_on": D(2022, 2, 2)}, "cannot be in the future"),
        ({"relationship": "landlord"}, "relates to the child"),
    ],
)
def test_conversion_refuses_bad_input_and_changes_nothing(actor, overrides, message):
    concern = make_concern(actor=actor)
    arguments = dict(concern=concern, actor=actor, procedure=statutory(), routing_reason="Child in need",
                     points=["One"], today=D(2022, 2, 1))
    arguments.update(overrides)
    with pytest.raises(DomainError, match=message):
        concern_convert_to_complaint(**arguments)
    concern.refresh_from_db()
    assert (concern.status, concern.converted_to) == (ConcernStatus.OPEN, None)
    assert not Complaint.objects.exists()
    assert not AuditEvent.objects.filter(verb__in=["concern.converted", "complaint.created"]).exists()


def test_conversion_needs_the_person_and_happens_once(actor):
    anonymous = make_concern(actor=actor, person=None)
    with pytest.raises(DomainError, match="Record who raised the concern"):
        concern_convert_to_complaint(concern=anonymous, actor=actor, procedure=statutory(),
                                     routing_reason="Child in need", points=["One"], today=LATER)
    concern = make_concern(actor=actor)
    concern_convert_to_complaint(concern=concern, actor=actor, procedure=statutory(),
                                 routing_reason="Child in need", points=["One"], today=LATER)
    with pytest.raises(TransitionNotAllowed, match="already been turned into a complaint"):
        concern_convert_to_complaint(concern=concern, actor=actor, procedure=statutory(),
                                     routing_reason="Child in need", points=["One"], today=LATER)
    assert Complaint.objects.count() == 1
    with pytest.raises(TransitionNotAllowed, match="turned into a complaint"):
        concern_close(concern=concern, closed_on=D(2022, 2, 1), reason="x", actor=actor, today=LATER)


def test_a_resolved_concern_can_still_become_a_complaint(actor):
    concern = make_concern(actor=actor)
    concern_resolve(concern=concern, resolved_on=D(2022, 1, 10), outcome="Apology", actor=actor, today=LATER)
    complaint = concern_convert_to_complaint(concern=concern, actor=actor, procedure=statutory(),
                                             routing_reason="Unhappy with the outcome", points=["One"],
                                             today=D(2022, 1, 24))
    concern.refresh_from_db()
    assert (concern.status, concern.resolved_on, concern.converted_to) == (
        ConcernStatus.CONVERTED, D(2022, 1, 10), complaint)
