"""Factories for compliments, enquiries, concerns, ADR, IRO disputes and costs.

Two sorts, as the complaints tests have:
- ``make_*`` helpers build records through the real services, so tests exercise what users do
  (a reference from the counter, due dates from the calendar, an audit event);
- factory_boy ``*Factory`` classes save rows directly, for tests that only read (reports,
  selectors) and need many records quickly. They still store a due date worked out from the
  calendar, so the rows look like the services' own.
"""

import datetime
from decimal import Decimal
from typing import Any

import factory

from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.cases.choices import Channel
from fairhearing.cases.kind_choices import (
    AdrMethod,
    AdrResult,
    ComplimentSource,
    ConcernStatus,
    CostKind,
    IroStage,
    MemberKind,
)
from fairhearing.cases.kinds.compliments import compliment_create
from fairhearing.cases.kinds.concerns import concern_create
from fairhearing.cases.kinds.costs import cost_create
from fairhearing.cases.kinds.enquiries import enquiry_create
from fairhearing.cases.kinds.resolutions import adr_create, iro_dispute_create
from fairhearing.cases.models import AdrCase, Compliment, Concern, Cost, Enquiry, IroDispute
from fairhearing.cases.tests.factories import officer
from fairhearing.people.tests.factories import ChildFactory, PersonFactory
from fairhearing.workingdays.selectors import calendar_get

D = datetime.date
# Tuesday 4 January 2022, as in the complaints factories.
RECEIVED = D(2022, 1, 4)


def _team(team: Any) -> Any:
    return team or TeamFactory(name="Family Support Team 1")


def make_compliment(*, actor: Any = None, received_on: datetime.date = RECEIVED, today: datetime.date | None = None,
                    **kwargs: Any) -> Compliment:
    """A compliment from a parent by email about their social worker, through the service."""
    arguments: dict[str, Any] = dict(
        team=None, source=ComplimentSource.PARENT_FAMILY, channel=Channel.EMAIL, about="Social worker",
        words="Thank you for everything you have done for our family.",
    )
    arguments.update(kwargs)
    arguments["team"] = _team(arguments["team"])
    return compliment_create(received_on=received_on, actor=actor or officer(), today=today or received_on,
                             **arguments)


def make_enquiry(*, actor: Any = None, received_on: datetime.date = RECEIVED, today: datetime.date | None = None,
                 **kwargs: Any) -> Enquiry:
    """An MP's enquiry on behalf of a constituent, through the service."""
    arguments: dict[str, Any] = dict(
        team=None, member_kind=MemberKind.MP, member_name="A. Member MP",
        summary="Asks when the family's assessment will be finished.",
    )
    arguments.update(kwargs)
    arguments["team"] = _team(arguments["team"])
    return enquiry_create(received_on=received_on, actor=actor or officer(), today=today or received_on,
                          **arguments)


def make_concern(*, actor: Any = None, received_on: datetime.date = RECEIVED, today: datetime.date | None = None,
                 **kwargs: Any) -> Concern:
    """Initial feedback by telephone from a parent about a child, through the service."""
    arguments: dict[str, Any] = dict(
        team=None, channel=Channel.TELEPHONE, summary="Calls to the social worker not returned.",
    )
    arguments.update(kwargs)
    arguments["team"] = _team(arguments["team"])
    if "person" not in kwargs:
        arguments["person"] = PersonFactory()
    if "child" not in kwargs:
        arguments["child"] = ChildFactory()
    return concern_create(received_on=received_on, actor=actor or officer(), today=today or received_on,
                          **arguments)


def make_adr(*, actor: Any = None, offered_on: datetime.date = RECEIVED, today: datetime.date | None = None,
             **kwargs: Any) -> AdrCase:
    """ADR offered by a meeting, through the service."""
    arguments: dict[str, Any] = dict(method=AdrMethod.MEETING)
    arguments.update(kwargs)
    return adr_create(offered_on=offered_on, actor=actor or officer(), today=today or offered_on, **arguments)


def make_iro_dispute(*, actor: Any = None, raised_on: datetime.date = RECEIVED,
                     today: datetime.date | None = None, **kwargs: Any) -> IroDispute:
    """An IRO's dispute about a care plan, through the service."""
    arguments: dict[str, Any] = dict(raised_by="I. Reviewer", issue="Care plan actions not completed.")
    arguments.update(kwargs)
    return iro_dispute_create(raised_on=raised_on, actor=actor or officer(), today=today or raised_on, **arguments)


def make_cost(*, actor: Any = None, incurred_on: datetime.date = RECEIVED, today: datetime.date | None = None,
              **kwargs: Any) -> Cost:
    """£250 of publicity, through the service."""
    arguments: dict[str, Any] = dict(kind=CostKind.PUBLICITY, amount=Decimal("250.00"))
    arguments.update(kwargs)
    return cost_create(incurred_on=incurred_on, actor=actor or officer(), today=today or incurred_on, **arguments)


def _due(start: datetime.date, days: int) -> datetime.date:
    return calendar_get().add_working_days(start, days)


class ComplimentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Compliment

    reference = factory.Sequence(lambda n: f"CMP-T-{n:05d}")
    received_on = RECEIVED
    team = factory.SubFactory(TeamFactory)
    source = ComplimentSource.PARENT_FAMILY
    about = "Social worker"
    words = "Thank you for listening to us."
    channel = Channel.EMAIL


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    reference = factory.Sequence(lambda n: f"ENQ-T-{n:05d}")
    received_on = RECEIVED
    member_kind = MemberKind.COUNCILLOR
    member_name = "Councillor Example"
    team = factory.SubFactory(TeamFactory)
    summary = "Asks for an update on a family's case."
    response_days = 10
    response_due_on = factory.LazyAttribute(lambda enquiry: _due(enquiry.received_on, enquiry.response_days))


class ConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concern

    reference = factory.Sequence(lambda n: f"CON-T-{n:05d}")
    received_on = RECEIVED
    channel = Channel.TELEPHONE
    team = factory.SubFactory(TeamFactory)
    summary = "Worried about contact arrangements."
    response_days = 10
    status = ConcernStatus.OPEN
    # Not yet sent to the service unless a test says so; the due date counts from whichever applies.
    sent_to_service_on = None
    response_due_on = factory.LazyAttribute(
        lambda concern: _due(concern.sent_to_service_on or concern.received_on, concern.response_days)
    )


class AdrCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdrCase

    reference = factory.Sequence(lambda n: f"ADR-T-{n:05d}")
    offered_on = RECEIVED
    method = AdrMethod.MEDIATION
    result = AdrResult.PENDING


class IroDisputeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IroDispute

    reference = factory.Sequence(lambda n: f"IRO-T-{n:05d}")
    raised_on = RECEIVED
    raised_by = "I. Reviewer"
    issue = "Placement plan not reviewed."
    local_stage = IroStage.INFORMAL


class CostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cost

    kind = CostKind.PUBLICITY
    amount = Decimal("100.00")
    incurred_on = RECEIVED
