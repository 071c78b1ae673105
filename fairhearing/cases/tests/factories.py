"""Building complaints through the real service, so tests exercise what users do."""

import datetime
from typing import Any

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.choices import Channel
from fairhearing.cases.models import Complaint, Procedure
from fairhearing.cases.services import complaint_create
from fairhearing.people.choices import Relationship
from fairhearing.people.tests.factories import ChildFactory, PersonFactory

STATUTORY = "children-statutory"
CORPORATE = "corporate"


def officer() -> Any:
    return UserFactory(username="officer", roles=[Role.COMPLAINTS_OFFICER])


def make_complaint(
    *, received_on: datetime.date = datetime.date(2022, 1, 4), procedure: str = STATUTORY,
    points: int = 2, actor: Any = None, today: datetime.date | None = None, **kwargs: Any,
) -> Complaint:
    """A complaint received on a Tuesday (4 January 2022) by default, with two points."""
    actor = actor or officer()
    defaults = dict(
        channel=Channel.EMAIL,
        routing_reason="About a child in need: Part 3 function.",
        summary="Parent unhappy with communication from the social worker.",
        points=[f"Point {n} of complaint" for n in range(1, points + 1)],
        complainants=[(PersonFactory(), Relationship.PARENT)],
        children=[ChildFactory()],
        teams=[TeamFactory(name="Family Support Team 1")],
    )
    defaults.update(kwargs)
    return complaint_create(
        received_on=received_on,
        procedure=Procedure.objects.get(code=procedure),
        actor=actor,
        today=today or received_on,
        **defaults,
    )
