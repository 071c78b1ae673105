"""Factories for learning records. Responses are made through the stage services, as users make
them; plans, actions and meetings are plain rows, for selector and report tests that need many."""

import datetime
from typing import Any

import factory
from django.db.models import Max

from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.learning.choices import ActionStatus, RootCause
from fairhearing.learning.models import (
    Action,
    ActionPlan,
    ActionUpdate,
    LearningMeeting,
    LearningNote,
)
from fairhearing.ombudsman.models import OmbudsmanCase
from fairhearing.stages.choices import Outcome
from fairhearing.stages.models import Stage
from fairhearing.stages.services import PointFinding, stage_one_start, stage_respond

D = datetime.date
# The Stage 1 response of make_complaint's complaint (received Tuesday 4 January 2022, due 18th).
RESPONDED_ON = D(2022, 1, 17)
# A date after every event in these tests, passed as today= so nothing depends on the clock.
LATER = D(2023, 12, 29)


def make_responded_stage(
    *, actor: Any = None, responded_on: datetime.date = RESPONDED_ON, outcome: str = Outcome.UPHELD,
    **complaint_kwargs: Any,
) -> Stage:
    """A complaint with its Stage 1 response sent (both points decided ``outcome``)."""
    actor = actor or officer()
    complaint = make_complaint(actor=actor, **complaint_kwargs)
    stage = stage_one_start(complaint=complaint, actor=actor, today=LATER)
    return stage_respond(
        stage=stage, responded_on=responded_on,
        findings={p.number: PointFinding(outcome) for p in complaint.points.all()},
        actor=actor, today=LATER,
    )


class LearningNoteFactory(factory.django.DjangoModelFactory):
    """A learning note on a responded Stage 1; pass stage= to put it on a particular response."""

    class Meta:
        model = LearningNote
        skip_postgeneration_save = True

    stage = factory.LazyFunction(make_responded_stage)
    complaint = factory.SelfAttribute("stage.complaint")
    what_was_learned = "Return calls within two working days; the service standard was restated."
    root_cause = RootCause.COMMUNICATION
    recorded_on = factory.SelfAttribute("stage.responded_on")
    created_by = factory.LazyFunction(officer)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):  # noqa: ANN001, ANN201
        if create and extracted:
            self.themes.set(extracted)


class LearningMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningMeeting

    held_on = D(2022, 2, 10)
    chair = "Principal Social Worker"
    attendees = "Practice leads, IRO service manager, Participation People"
    inputs = "Complaints upheld in January; IRO challenge themes; monthly audit findings."
    key_priority = "Sharing assessments with families before they are finalised."


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    title = "Complaints and Compliments Action Plan"
    period_label = "2022-23"
    starts_on = D(2022, 4, 1)
    ends_on = D(2023, 3, 31)


def make_ombudsman_case(*, lgsco_reference: str = "22 001 234", **kwargs: Any) -> OmbudsmanCase:
    """An Ombudsman case at its first enquiry: just enough for an action to point at."""
    kwargs.setdefault("received_on", D(2022, 5, 9))
    return OmbudsmanCase.objects.create(lgsco_reference=lgsco_reference, **kwargs)


def _next_number(action: Any) -> int:
    return (action.plan.actions.aggregate(top=Max("number"))["top"] or 0) + 1


class ActionFactory(factory.django.DjangoModelFactory):
    """An action numbered after the last one in its plan."""

    class Meta:
        model = Action
        skip_postgeneration_save = True

    plan = factory.SubFactory(ActionPlanFactory)
    number = factory.LazyAttribute(_next_number)
    task = "All staff to have GDPR training."
    owner = "All Heads of Service, Group Managers and Team Managers"
    start_by_text = "From April 22"
    intended_outcome = "Better understanding of data protection duties."
    target_on = D(2022, 9, 30)
    status = ActionStatus.NOT_STARTED

    @factory.post_generation
    def complaints(self, create, extracted, **kwargs):  # noqa: ANN001, ANN201
        if create and extracted:
            self.complaints.set(extracted)

    @factory.post_generation
    def ombudsman_cases(self, create, extracted, **kwargs):  # noqa: ANN001, ANN201
        if create and extracted:
            self.ombudsman_cases.set(extracted)


class ActionUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionUpdate

    action = factory.SubFactory(ActionFactory)
    written_on = D(2022, 7, 1)
    text = "Training booked for all teams."
    status_after = ActionStatus.IN_PROGRESS
