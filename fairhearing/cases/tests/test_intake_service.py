"""Logging a complaint with its complainant and children in one transaction."""

import datetime

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import Channel, ChildConsent, EligibilityBasis
from fairhearing.cases.intake import (
    ChildInput,
    ComplainantInput,
    ComplaintLogInput,
    MonitoringInput,
    complaint_is_late,
    complaint_log,
    user_may_log_complaints,
)
from fairhearing.cases.models import Procedure
from fairhearing.cases.tests.factories import officer
from fairhearing.core.errors import DomainError
from fairhearing.people.choices import Ethnicity, Gender, LegalStatus, Relationship
from fairhearing.people.models import Child, ChildMonitoring, Person

D = datetime.date
TODAY = D(2026, 3, 10)
pytestmark = pytest.mark.django_db


def log_input(**overrides):
    values = dict(
        received_on=D(2026, 3, 9),
        channel=Channel.TELEPHONE,
        procedure=Procedure.objects.get(code="children-statutory"),
        routing_reason="About services to a child in need.",
        summary="Calls to the social worker not returned.",
        complainant=ComplainantInput(
            first_name=" Alex ", last_name="Example ", relationship=Relationship.PARENT,
            email="alex@example.org", postcode="aa3 1ab",
        ),
        children=[ChildInput(first_name="Sam", last_name="Example", date_of_birth=D(2014, 5, 2))],
        points=["Calls not returned", "  ", "Meeting cancelled"],
        eligibility_basis=EligibilityBasis.PARENT,
        child_consent=ChildConsent.NOT_NEEDED,
    )
    values.update(overrides)
    return ComplaintLogInput(**values)


def test_logs_the_complaint_with_its_people():
    actor = officer()
    team = TeamFactory(name="Family Support Team 1")
    complaint = complaint_log(data=log_input(teams=[team], assigned_to=actor), actor=actor, today=TODAY)
    assert complaint.reference == "CSC-2026-0001"
    link = complaint.complainants.get()
    assert (link.person.first_name, link.person.last_name, link.person.postcode) == ("Alex", "Example", "AA3 1AB")
    assert link.relationship == Relationship.PARENT and link.is_primary
    child = complaint.children.get().child
    assert (child.first_name, child.date_of_birth, child.legal_status) == ("Sam", D(2014, 5, 2), LegalStatus.OTHER)
    assert not ChildMonitoring.objects.exists()  # not asked: nothing recorded
    assert list(complaint.points.values_list("description", flat=True)) == ["Calls not returned", "Meeting cancelled"]
    assert list(complaint.teams.all()) == [team]
    assert complaint.assigned_to == actor
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"person.created", "child.created", "complaint.created"} <= verbs


def test_several_children_each_with_or_without_monitoring():
    children = [
        ChildInput(first_name="Sam", monitoring=MonitoringInput(gender=Gender.FEMALE, ethnicity=Ethnicity.WBRI)),
        ChildInput(first_name="Jo", monitoring=MonitoringInput.declined()),
        ChildInput(first_name="Kim"),
    ]
    complaint = complaint_log(data=log_input(children=children), actor=officer(), today=TODAY)
    assert complaint.children.count() == 3
    sam, jo, kim = (Child.objects.get(first_name=name) for name in ("Sam", "Jo", "Kim"))
    assert (sam.monitoring.gender, sam.monitoring.ethnicity) == (Gender.FEMALE, Ethnicity.WBRI)
    assert jo.monitoring.ethnicity == Ethnicity.REFU
    assert not ChildMonitoring.objects.filter(child=kim).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"routing_reason": " "}, "why the complaint goes to this procedure"),
        ({"points": []}, "at least one point"),
        ({"received_on": D(2026, 3, 11)}, "date received cannot be in the future"),
        ({"children": []}, "always about a child"),
        ({"children": [ChildInput(first_name="Sam", date_of_birth=D(2026, 4, 1))]}, "date of birth cannot be in the future"),
        ({"complainant": ComplainantInput(first_name="Alex", relationship="neighbour")}, "relationship"),
        ({"complainant": ComplainantInput(first_name="Alex", relationship=Relationship.PARENT, email="not-an-email")},
         "complainant's details could not be saved"),
    ],
)
def test_any_refusal_leaves_nothing_behind(overrides, message):
    with pytest.raises(DomainError, match=message):
        complaint_log(data=log_input(**overrides), actor=officer(), today=TODAY)
    assert not Person.objects.exists()
    assert not Child.objects.exists()
    assert not AuditEvent.objects.filter(verb__in=["person.created", "child.created"]).exists()


def test_a_complaint_routed_elsewhere_needs_no_child_or_points():
    procedure = Procedure.objects.get(code="other-route")
    complaint = complaint_log(
        data=log_input(procedure=procedure, children=[], points=[]), actor=officer(), today=TODAY
    )
    assert complaint.children.count() == 0 and complaint.points.count() == 0


@pytest.mark.parametrize(
    ("grounds", "late"),
    [(None, False), (D(2025, 3, 9), False), (D(2025, 3, 8), True), (D(2024, 2, 29), True)],
)
def test_late_means_more_than_a_year_before_receipt(grounds, late):
    assert complaint_is_late(received_on=D(2026, 3, 9), grounds_arose_on=grounds) is late


@pytest.mark.parametrize(
    ("roles", "superuser", "allowed"),
    [
        ((Role.COMPLAINTS_MANAGER,), False, True),
        ((Role.COMPLAINTS_OFFICER,), False, True),
        ((), True, True),
        ((Role.SENIOR_MANAGER,), False, False),
        ((Role.RESPONDING_MANAGER,), False, False),
        ((), False, False),
    ],
)
def test_only_the_complaints_team_may_log(roles, superuser, allowed):
    user = UserFactory(roles=roles, is_superuser=superuser)
    assert user_may_log_complaints(user) is allowed
