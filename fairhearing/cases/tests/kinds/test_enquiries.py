"""Members' enquiries: logged with a stored due date, answered on time or late, linked to complaints."""

import pytest

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.kind_choices import MemberKind, TargetKind
from fairhearing.cases.kinds.enquiries import (
    enquiries_open,
    enquiries_overdue,
    enquiry_create,
    enquiry_link_complaint,
    enquiry_respond,
    enquiry_update,
)
from fairhearing.cases.kinds.targets import local_target_update
from fairhearing.cases.models import Enquiry, LocalTarget
from fairhearing.cases.tests.factories import make_complaint
from fairhearing.core.errors import DomainError
from fairhearing.people.tests.factories import ChildFactory, PersonFactory

from .conftest import LATER, D, audited_anywhere
from .factories import make_enquiry

pytestmark = pytest.mark.django_db


def test_create_stores_the_target_and_due_date_and_audits(actor, team):
    constituent, child = PersonFactory(first_name="Jordan"), ChildFactory(first_name="Riley")
    enquiry = enquiry_create(
        received_on=D(2022, 1, 4), member_kind=MemberKind.COUNCILLOR, member_name="Cllr Example", team=team,
        summary="  Asks about Riley's placement.  ", on_behalf_of=constituent, child=child, actor=actor,
        today=D(2022, 1, 4),
    )
    assert enquiry.reference == "ENQ-2022-0001"
    assert enquiry.summary == "Asks about Riley's placement."
    # 10 working days after Tuesday 4 January 2022 is Tuesday 18 January 2022.
    assert (enquiry.response_days, enquiry.response_due_on) == (10, D(2022, 1, 18))
    assert enquiry.is_open and enquiry.answered_on_time is None
    event = AuditEvent.objects.for_subject(enquiry).get(verb="enquiry.created")
    assert event.actor == actor
    assert "18 January 2022" in event.summary
    for name in ("Jordan", "Riley", "Cllr Example"):
        assert name not in event.summary


def test_due_date_skips_easter_and_the_early_may_bank_holiday(actor):
    # Received on Thursday 14 April 2022: Good Friday (15th), Easter Monday (18th) and the early
    # May bank holiday (2 May) are not working days, so the 10th working day is Tuesday 3 May.
    enquiry = make_enquiry(actor=actor, received_on=D(2022, 4, 14))
    assert enquiry.response_due_on == D(2022, 5, 3)


def test_answered_exactly_on_the_due_date_is_on_time(actor):
    enquiry = make_enquiry(actor=actor, received_on=D(2022, 4, 14))
    enquiry = enquiry_respond(enquiry=enquiry, responded_on=D(2022, 5, 3), actor=actor, today=LATER)
    assert enquiry.answered_on_time is True
    assert list(Enquiry.objects.answered_on_time()) == [enquiry]
    event = AuditEvent.objects.get(verb="enquiry.responded")
    assert event.data["on_time"] is True
    assert "late" not in event.summary


def test_answered_one_working_day_after_the_due_date_is_late(actor):
    enquiry = make_enquiry(actor=actor, received_on=D(2022, 4, 14))
    enquiry = enquiry_respond(enquiry=enquiry, responded_on=D(2022, 5, 4), actor=actor, today=LATER)
    assert enquiry.answered_on_time is False
    assert not Enquiry.objects.answered_on_time().exists()
    assert list(Enquiry.objects.answered_late()) == [enquiry]
    assert AuditEvent.objects.get(verb="enquiry.responded").summary == "Answered on 4 May 2022 (late)"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"received_on": D(2022, 1, 5)}, "date received cannot be in the future"),
        ({"received_on": None}, "Enter the date received"),
        ({"member_kind": "lord"}, "MP, MEP or councillor"),
        ({"member_name": "   "}, "name of the MP, MEP or councillor"),
        ({"summary": ""}, "what the enquiry is about"),
        ({"team": None}, "Choose the team"),
    ],
)
def test_create_refuses_bad_input_and_saves_nothing(actor, team, overrides, message):
    arguments = dict(received_on=D(2022, 1, 4), member_kind=MemberKind.MP, member_name="A. Member MP",
                     team=team, summary="Summary", actor=actor, today=D(2022, 1, 4))
    arguments.update(overrides)
    with pytest.raises(DomainError, match=message):
        enquiry_create(**arguments)
    assert not Enquiry.objects.exists()
    assert not AuditEvent.objects.filter(verb="enquiry.created").exists()


@pytest.mark.parametrize(
    ("responded_on", "message"),
    [
        (D(2022, 1, 3), "cannot be before the enquiry was received \\(4 January 2022\\)"),
        (D(2022, 1, 11), "cannot be in the future"),
        (None, "Enter the response date"),
    ],
)
def test_respond_refuses_bad_dates_and_saves_nothing(actor, responded_on, message):
    enquiry = make_enquiry(actor=actor)
    with pytest.raises(DomainError, match=message):
        enquiry_respond(enquiry=enquiry, responded_on=responded_on, actor=actor, today=D(2022, 1, 10))
    enquiry.refresh_from_db()
    assert enquiry.responded_on is None
    assert not AuditEvent.objects.filter(verb="enquiry.responded").exists()


def test_an_enquiry_is_answered_once(actor):
    enquiry = make_enquiry(actor=actor)
    enquiry_respond(enquiry=enquiry, responded_on=D(2022, 1, 10), actor=actor, today=LATER)
    with pytest.raises(DomainError, match="already answered on 10 January 2022"):
        enquiry_respond(enquiry=enquiry, responded_on=D(2022, 1, 12), actor=actor, today=LATER)
    enquiry.refresh_from_db()
    assert enquiry.responded_on == D(2022, 1, 10)


def test_changing_the_target_applies_only_to_enquiries_logged_afterwards(actor):
    before = make_enquiry(actor=actor)
    local_target_update(target=LocalTarget.objects.get(kind=TargetKind.ENQUIRY_RESPONSE), working_days=5,
                        actor=actor)
    after = make_enquiry(actor=actor)
    before.refresh_from_db()
    assert (before.response_days, before.response_due_on) == (10, D(2022, 1, 18))
    assert (after.response_days, after.response_due_on) == (5, D(2022, 1, 11))


def test_correcting_the_received_date_recounts_with_the_enquirys_own_target(actor):
    enquiry = make_enquiry(actor=actor)
    local_target_update(target=LocalTarget.objects.get(kind=TargetKind.ENQUIRY_RESPONSE), working_days=5,
                        actor=actor)
    enquiry = enquiry_update(enquiry=enquiry, received_on=D(2022, 1, 5), actor=actor, today=LATER)
    assert enquiry.response_due_on == D(2022, 1, 19)  # still 10 working days
    event = AuditEvent.objects.get(verb="enquiry.updated")
    assert event.changes["response_due_on"] == ["2022-01-18", "2022-01-19"]
    assert event.changes["received_on"] == ["2022-01-04", "2022-01-05"]


def test_update_changes_only_what_is_passed(actor, team):
    enquiry = make_enquiry(actor=actor)
    enquiry = enquiry_update(enquiry=enquiry, team=team, member_kind=MemberKind.MEP, actor=actor, today=LATER)
    assert (enquiry.team, enquiry.member_kind) == (team, MemberKind.MEP)
    assert enquiry.summary == "Asks when the family's assessment will be finished."
    event = AuditEvent.objects.get(verb="enquiry.updated")
    assert set(event.changes) == {"team", "member_kind"}


def test_an_edited_summary_is_recorded_as_changed_and_its_old_text_is_in_no_audit_event(actor):
    enquiry = make_enquiry(actor=actor, summary="Asks about Riley Parker's placement move.")
    enquiry_update(enquiry=enquiry, summary="Asks about a placement move.", actor=actor, today=LATER)
    event = AuditEvent.objects.for_subject(enquiry).get(verb="enquiry.updated")
    assert event.changes == {"summary": ["(changed)", "(changed)"]}
    assert event.summary == "Enquiry changed: summary"
    assert not audited_anywhere("Riley")
    assert not audited_anywhere("placement move")


def test_update_with_nothing_changed_writes_no_event(actor):
    enquiry = make_enquiry(actor=actor)
    enquiry_update(enquiry=enquiry, member_kind=MemberKind.MP, actor=actor, today=LATER)
    assert not AuditEvent.objects.filter(verb="enquiry.updated").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"summary": " "}, "what the enquiry is about"),
        ({"received_on": D(2024, 1, 2)}, "cannot be in the future"),
        ({"responded_on": D(2022, 1, 3)}, "cannot be before the enquiry was received"),
    ],
)
def test_update_refuses_bad_input_and_saves_nothing(actor, changes, message):
    enquiry = make_enquiry(actor=actor)
    with pytest.raises(DomainError, match=message):
        enquiry_update(enquiry=enquiry, actor=actor, today=LATER, **changes)
    enquiry.refresh_from_db()
    assert (enquiry.received_on, enquiry.summary, enquiry.responded_on) == (
        D(2022, 1, 4), "Asks when the family's assessment will be finished.", None)
    assert not AuditEvent.objects.filter(verb="enquiry.updated").exists()


def test_a_mistaken_answer_can_be_removed(actor):
    enquiry = make_enquiry(actor=actor)
    enquiry_respond(enquiry=enquiry, responded_on=D(2022, 1, 10), actor=actor, today=LATER)
    enquiry = enquiry_update(enquiry=enquiry, responded_on=None, actor=actor, today=LATER)
    assert enquiry.is_open
    assert list(enquiries_open()) == [enquiry]


def test_linking_to_the_complaint_it_became_shows_on_both_timelines(actor):
    enquiry = make_enquiry(actor=actor)
    complaint = make_complaint(actor=actor, received_on=D(2022, 1, 6), today=D(2022, 1, 6))
    enquiry = enquiry_link_complaint(enquiry=enquiry, complaint=complaint, actor=actor)
    assert list(complaint.enquiries.all()) == [enquiry]
    assert AuditEvent.objects.for_subject(enquiry).get(verb="enquiry.complaint_linked").summary == (
        f"Linked to complaint {complaint.reference}")
    on_complaint = AuditEvent.objects.for_subject(complaint).get(verb="complaint.enquiry_linked")
    assert on_complaint.data["enquiry_reference"] == enquiry.reference


def test_linking_again_to_the_same_complaint_is_refused_and_unlinking_is_audited(actor):
    enquiry = make_enquiry(actor=actor)
    complaint = make_complaint(actor=actor)
    enquiry_link_complaint(enquiry=enquiry, complaint=complaint, actor=actor)
    with pytest.raises(DomainError, match="already linked"):
        enquiry_link_complaint(enquiry=enquiry, complaint=complaint, actor=actor)
    enquiry = enquiry_link_complaint(enquiry=enquiry, complaint=None, actor=actor)
    assert enquiry.complaint is None
    assert AuditEvent.objects.for_subject(complaint).filter(verb="complaint.enquiry_unlinked").count() == 1
    with pytest.raises(DomainError, match="not linked"):
        enquiry_link_complaint(enquiry=enquiry, complaint=None, actor=actor)


def test_overdue_from_the_day_after_the_due_date_until_answered(actor):
    enquiry = make_enquiry(actor=actor)  # due Tuesday 18 January 2022
    answered = make_enquiry(actor=actor)
    enquiry_respond(enquiry=answered, responded_on=D(2022, 1, 19), actor=actor, today=LATER)
    assert list(enquiries_overdue(today=D(2022, 1, 18))) == []
    assert list(enquiries_overdue(today=D(2022, 1, 19))) == [enquiry]
    assert enquiry.is_overdue(D(2022, 1, 19)) and not enquiry.is_overdue(D(2022, 1, 18))
    enquiry_respond(enquiry=enquiry, responded_on=D(2022, 1, 20), actor=actor, today=LATER)
    assert list(enquiries_overdue(today=D(2022, 1, 21))) == []
