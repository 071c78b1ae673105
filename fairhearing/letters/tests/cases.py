"""Realistic complaints for letter tests, built through the real services.

``complaint_through_stage_three`` takes a complaint received on Tuesday 4 January 2022 through an
extended Stage 1 with findings and remedies, a Stage 2 adjudication and a Stage 3 panel with the
council's response, so every merge field has a value.
"""

import datetime
from decimal import Decimal
from typing import Any

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.cases.models import Complaint
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.people.choices import Relationship
from fairhearing.people.tests.factories import ChildFactory, PersonFactory
from fairhearing.stages.services import (
    PointFinding,
    RemedyInput,
    stage_extend,
    stage_one_start,
    stage_request_next,
    stage_respond,
    stage_three_convene_panel,
    stage_three_council_respond,
    stage_three_panel_met,
    stage_three_report_received,
    stage_two_adjudicate,
    stage_two_agree_statement,
    stage_two_appoint,
)

D = datetime.date
LATER = D(2023, 12, 29)
POINTS = ("Social worker did not return calls for three weeks.", "Contact was cancelled at short notice.")


def complaint_with_people(*, actor: Any = None, **kwargs: Any) -> Complaint:
    """A parent's complaint about one child, with a postal address, held by the actor."""
    actor = actor or officer()
    parent = PersonFactory(first_name="Jordan", last_name="Rivers", address="12 Mill Lane\nNewtown",
                           postcode="nt1 2ab")
    complaint = make_complaint(
        actor=actor,
        complainants=[(parent, Relationship.PARENT)],
        children=[ChildFactory(first_name="Casey", last_name="Rivers")],
        **kwargs,
    )
    for number, text in enumerate(POINTS, start=1):
        complaint.points.filter(number=number).update(description=text)
    complaint.assigned_to = actor
    complaint.save(update_fields=["assigned_to"])
    return complaint


def finding(outcome: str, text: str) -> PointFinding:
    return PointFinding(outcome, text)


def complaint_through_stage_three(*, actor: Any = None) -> Complaint:
    actor = actor or officer()
    senior = UserFactory(username="senior", first_name="Morgan", last_name="Hale", roles=[Role.SENIOR_MANAGER])
    io = UserFactory(username="io", first_name="Robin", last_name="Ash", roles=[Role.INVESTIGATOR])
    ip = UserFactory(username="ip", first_name="Kim", last_name="Oak", roles=[Role.INVESTIGATOR])
    panel = [UserFactory(username=f"panel{n}", roles=[Role.INVESTIGATOR]) for n in range(3)]
    complaint = complaint_with_people(actor=actor)
    one = stage_one_start(complaint=complaint, actor=actor, today=LATER)
    one = stage_extend(stage=one, new_due_on=D(2022, 2, 1), reason="The social worker is on leave until 24 January.",
                       complainant_told_on=D(2022, 1, 14), actor=actor, today=LATER)
    stage_respond(
        stage=one, responded_on=D(2022, 1, 28),
        findings={1: finding("upheld", "Calls were not returned."), 2: finding("not_upheld", "Notice was given.")},
        remedies=[RemedyInput("apology", "A written apology from the team manager."),
                  RemedyInput("financial", "Time and trouble.", Decimal("250.00"))],
        actor=actor, today=LATER,
    )
    two = stage_request_next(complaint=complaint, requested_on=D(2022, 2, 15), actor=actor, today=LATER)
    stage_two_agree_statement(stage=two, agreed_on=D(2022, 3, 1), actor=actor, today=LATER)
    stage_two_appoint(stage=two, investigating_officer=io, independent_person=ip, appointed_on=D(2022, 3, 1),
                      actor=actor, today=LATER)
    stage_two_adjudicate(
        stage=two, adjudicated_on=D(2022, 4, 1),
        findings={1: finding("upheld", "Agreed."), 2: finding("partially_upheld", "Notice was short.")},
        remedies=[RemedyInput("training", "Team training on contact arrangements.")], actor=senior, today=LATER,
    )
    three = stage_request_next(complaint=complaint, requested_on=D(2022, 4, 11), actor=actor, today=LATER)
    stage_three_convene_panel(stage=three, members=panel, chair=panel[0], actor=actor)
    three = stage_three_panel_met(stage=three, met_on=D(2022, 5, 10), actor=actor, today=LATER)
    three = stage_three_report_received(stage=three, received_on=D(2022, 5, 16), actor=actor, today=LATER)
    stage_three_council_respond(
        stage=three, responded_on=D(2022, 6, 1),
        findings={1: finding("upheld", ""), 2: finding("partially_upheld", "")},
        remedies=[RemedyInput("policy_change", "Contact cancellation policy rewritten.")],
        departs_from_recommendations=True, departure_reasons="Recommendation 3 is outside our powers.",
        actor=senior, today=LATER,
    )
    return Complaint.objects.get(pk=complaint.pk)
