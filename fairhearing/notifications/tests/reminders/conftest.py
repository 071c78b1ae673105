"""People and helpers for the reminder tests.

Dates are in 2025, passed as ``today=`` (or ``--date``), so nothing depends on the clock: Easter
fell on Good Friday 18 and Easter Monday 21 April, Christmas Day and Boxing Day on Thursday 25 and
Friday 26 December, New Year's Day on Thursday 1 January 2026 (the seeded England and Wales list).
"""

import datetime
from typing import Any

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.allocation_listeners import (
    register_allocation_listener,
    registered_allocation_listeners,
    unregister_allocation_listener,
)
from fairhearing.cases.tests.kinds.factories import EnquiryFactory
from fairhearing.notifications.models import OutboxMessage
from fairhearing.notifications.reminders.allocation import allocation_email_queue
from fairhearing.notifications.reminders.run import PlannedEmail, ReminderPlan

D = datetime.date
TEAM = "Family Support Team 1"


@pytest.fixture
def allocation_emails():
    """The allocation listener, as the notifications app registers it at start-up; left as found."""
    already = allocation_email_queue in registered_allocation_listeners()
    register_allocation_listener(allocation_email_queue)
    yield
    if not already:
        unregister_allocation_listener(allocation_email_queue)


@pytest.fixture
def team(db):
    return TeamFactory(name=TEAM)


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", first_name="Olu", roles=[Role.COMPLAINTS_OFFICER])


@pytest.fixture
def other_officer(db):
    return UserFactory(username="other-officer", first_name="Pat", roles=[Role.COMPLAINTS_OFFICER])


@pytest.fixture
def manager(db):
    return UserFactory(username="manager", first_name="Mina", roles=[Role.COMPLAINTS_MANAGER])


@pytest.fixture
def responding_manager(db, team):
    user = UserFactory(username="team-manager", first_name="Rae", roles=[Role.RESPONDING_MANAGER])
    user.teams.add(team)
    return user


def enquiry_due(due_on: datetime.date, *, held_by: Any, team: Any = None, **kwargs: Any) -> Any:
    """An open Member's enquiry logged by ``held_by`` with this stored due date."""
    return EnquiryFactory(created_by=held_by, response_due_on=due_on, received_on=D(2025, 1, 2),
                          team=team or TeamFactory(name=TEAM), **kwargs)


def email_for(plan: ReminderPlan, user: Any, template_key: str) -> PlannedEmail | None:
    found = [email for email in plan.emails if email.user.pk == user.pk and email.template_key == template_key]
    assert len(found) <= 1
    return found[0] if found else None


def references_for(plan: ReminderPlan, user: Any, template_key: str) -> list[str]:
    email = email_for(plan, user, template_key)
    return [item.reference for item in email.items] if email else []


def outbox(template_key: str | None = None) -> list[OutboxMessage]:
    messages = OutboxMessage.objects.order_by("pk")
    if template_key:
        messages = messages.filter(template_key=template_key)
    return list(messages)


# Complaints through the real services. Received Monday 2 June 2025: acknowledgement due Thursday
# 5 June (3 working days), Stage 1 response due Monday 16 June (10 working days).
RECEIVED = D(2025, 6, 2)


def complaint_held_by(holder: Any, *, actor: Any, team: Any = None, received_on: datetime.date = RECEIVED) -> Any:
    from fairhearing.cases.tests.factories import make_complaint

    return make_complaint(received_on=received_on, actor=actor, assigned_to=holder,
                          teams=[team or TeamFactory(name=TEAM)])


def stage_one(complaint: Any, *, actor: Any) -> Any:
    from fairhearing.stages.services import stage_one_start

    return stage_one_start(complaint=complaint, actor=actor, today=complaint.received_on)


def stage_two(complaint: Any, *, actor: Any, investigating_officer: Any, independent_person: Any) -> Any:
    """Stage 1 answered 16 June 2025, Stage 2 asked for 1 July and its statement agreed 2 July 2025
    (25 working days: due 6 August), the investigators appointed the same day."""
    from fairhearing.stages.services import (
        PointFinding,
        stage_request_next,
        stage_respond,
        stage_two_agree_statement,
        stage_two_appoint,
    )

    first = stage_one(complaint, actor=actor)
    later = D(2025, 7, 2)
    stage_respond(stage=first, responded_on=D(2025, 6, 16), actor=actor, today=later,
                  findings={point.number: PointFinding("not_upheld") for point in complaint.points.all()})
    second = stage_request_next(complaint=complaint, requested_on=D(2025, 7, 1), actor=actor, today=later)
    second = stage_two_agree_statement(stage=second, agreed_on=later, actor=actor, today=later)
    return stage_two_appoint(stage=second, investigating_officer=investigating_officer,
                             independent_person=independent_person, appointed_on=later, actor=actor, today=later)
