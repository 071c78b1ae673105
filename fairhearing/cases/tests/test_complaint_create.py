"""Logging a complaint and the decisions recorded before Stage 1."""

import datetime

import pytest

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import Channel, ChildConsent, Decision, EligibilityBasis
from fairhearing.cases.models import Complaint, Procedure
from fairhearing.cases.services import (
    complaint_acknowledge,
    complaint_create,
    complaint_decide_late_acceptance,
    complaint_decide_sufficient_interest,
    complaint_point_add,
    complaint_record_advocacy,
    complaint_record_child_consent,
)
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.core.errors import DomainError
from fairhearing.people.choices import Relationship
from fairhearing.people.tests.factories import PersonFactory

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return officer()


def create(actor, **overrides):
    arguments = dict(
        received_on=D(2022, 1, 4), channel=Channel.EMAIL, procedure=Procedure.objects.get(code="children-statutory"),
        routing_reason="Child in need", summary="Summary", points=["One"],
        complainants=[(PersonFactory(), Relationship.PARENT)], actor=actor, today=D(2022, 1, 4),
    )
    arguments.update(overrides)
    return complaint_create(**arguments)


def test_create_records_everything_and_audits(actor):
    complaint = make_complaint(actor=actor, points=3, child_consent=ChildConsent.PENDING)
    assert complaint.reference == "CSC-2022-0001"
    assert list(complaint.points.values_list("number", flat=True)) == [1, 2, 3]
    assert complaint.complainants.get().is_primary
    assert complaint.children.count() == 1
    assert complaint.teams.count() == 1
    event = AuditEvent.objects.get(verb="complaint.created")
    assert (event.actor, event.subject_id, event.data["points"]) == (actor, complaint.pk, 3)
    # No one's name reaches the audit summary.
    assert complaint.complainants.get().person.first_name not in event.summary


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"received_on": D(2022, 1, 5)}, "date received cannot be in the future"),
        ({"channel": "pigeon"}, "how the complaint was received"),
        ({"routing_reason": "  "}, "why the complaint goes to this procedure"),
        ({"points": ["", "  "]}, "at least one point"),
        ({"complainants": []}, "person making the complaint"),
        ({"grounds_arose_on": D(2022, 1, 5)}, "in the future"),
        ({"eligibility_basis": "cousin"}, "eligibility_basis"),
    ],
)
def test_create_refuses_bad_input_and_saves_nothing(actor, overrides, message):
    with pytest.raises(DomainError, match=message):
        create(actor, **overrides)
    assert not Complaint.objects.exists()
    assert not AuditEvent.objects.filter(verb="complaint.created").exists()


def test_inactive_procedure_is_refused(actor):
    procedure = Procedure.objects.get(code="corporate")
    procedure.is_active = False
    procedure.save()
    with pytest.raises(DomainError, match="no longer in use"):
        create(actor, procedure=procedure)


def test_routed_elsewhere_needs_no_points(actor):
    complaint = create(actor, procedure=Procedure.objects.get(code="safeguarding"), points=[])
    assert complaint.points.count() == 0


def test_acknowledge_once_and_not_before_receipt(actor):
    complaint = make_complaint(actor=actor)
    with pytest.raises(DomainError, match="before the complaint was received"):
        complaint_acknowledge(complaint=complaint, acknowledged_on=D(2022, 1, 3), actor=actor, today=D(2022, 1, 10))
    complaint_acknowledge(complaint=complaint, acknowledged_on=D(2022, 1, 7), actor=actor, today=D(2022, 1, 10))
    with pytest.raises(DomainError, match="already acknowledged on 7 January 2022"):
        complaint_acknowledge(complaint=complaint, acknowledged_on=D(2022, 1, 7), actor=actor, today=D(2022, 1, 10))


@pytest.mark.parametrize(("acknowledged_on", "on_time"), [(D(2022, 1, 7), True), (D(2022, 1, 10), False)])
def test_acknowledgement_on_time_boundary(actor, acknowledged_on, on_time):
    complaint = make_complaint(actor=actor)
    complaint_acknowledge(complaint=complaint, acknowledged_on=acknowledged_on, actor=actor, today=D(2022, 1, 10))
    assert AuditEvent.objects.get(verb="complaint.acknowledged").data["on_time"] is on_time


def test_late_decision_only_for_late_complaints_and_needs_reason(actor):
    in_time = make_complaint(actor=actor, grounds_arose_on=D(2021, 6, 1))
    with pytest.raises(DomainError, match="within the one-year time limit"):
        complaint_decide_late_acceptance(complaint=in_time, decision=Decision.ACCEPTED, reason="x",
                                         decided_on=D(2022, 1, 5), actor=actor, today=D(2022, 1, 5))
    late = make_complaint(actor=actor, grounds_arose_on=D(2020, 6, 1))
    with pytest.raises(DomainError, match="Give the reason"):
        complaint_decide_late_acceptance(complaint=late, decision=Decision.REFUSED, reason=" ",
                                         decided_on=D(2022, 1, 5), actor=actor, today=D(2022, 1, 5))


def test_leap_day_grounds_time_limit_ends_on_28_february(actor):
    complaint = make_complaint(actor=actor, received_on=D(2021, 3, 1), grounds_arose_on=D(2020, 2, 29))
    assert complaint.time_limit_ends_on == D(2021, 2, 28)
    assert complaint.is_late


def test_sufficient_interest_only_when_that_is_the_basis(actor):
    complaint = make_complaint(actor=actor, eligibility_basis=EligibilityBasis.PARENT)
    with pytest.raises(DomainError, match="only needed"):
        complaint_decide_sufficient_interest(complaint=complaint, decision=Decision.ACCEPTED, reason="x",
                                             decided_on=D(2022, 1, 5), child_views_considered=True,
                                             actor=actor, today=D(2022, 1, 5))


def test_child_consent_and_advocacy(actor):
    complaint = make_complaint(actor=actor)
    complaint_record_child_consent(complaint=complaint, consent=ChildConsent.GIVEN, recorded_on=D(2022, 1, 5),
                                   actor=actor, today=D(2022, 1, 5))
    with pytest.raises(DomainError, match="Name the advocacy provider"):
        complaint_record_advocacy(complaint=complaint, offered_on=D(2022, 1, 5), accepted=True, provider="",
                                  actor=actor, today=D(2022, 1, 5))
    complaint_record_advocacy(complaint=complaint, offered_on=D(2022, 1, 5), accepted=True, provider="NYAS",
                              actor=actor, today=D(2022, 1, 5))
    complaint.refresh_from_db()
    assert (complaint.child_consent, complaint.advocacy_accepted, complaint.advocacy_provider) == (
        ChildConsent.GIVEN, True, "NYAS")


def test_points_are_numbered_in_order(actor):
    complaint = make_complaint(actor=actor, points=2)
    assert complaint_point_add(complaint=complaint, description="New point", actor=actor).number == 3
    with pytest.raises(DomainError, match="Describe"):
        complaint_point_add(complaint=complaint, description=" ", actor=actor)
