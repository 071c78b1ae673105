"""Ombudsman cases and recommendations for tests.

The factories build rows directly, for selector and report tests that need many of them; the
``make_*`` helpers go through the services, so tests of behaviour exercise what users do.
"""

import datetime
from typing import Any

import factory

from fairhearing.cases.tests.factories import officer
from fairhearing.ombudsman.choices import DecisionLabel, OmbudsmanPhase, RecommendationKind
from fairhearing.ombudsman.models import OmbudsmanCase, Recommendation
from fairhearing.ombudsman.services import (
    ombudsman_case_create,
    ombudsman_case_record_decision,
    recommendation_add,
)

D = datetime.date
RECEIVED = D(2022, 1, 4)
# A date safely after every event in these tests, passed as today= so nothing depends on the clock.
LATER = D(2023, 12, 29)
DECIDED = D(2022, 6, 1)
RECOMMENDATION_DUE = D(2022, 7, 1)


class OmbudsmanCaseFactory(factory.django.DjangoModelFactory):
    """An open case at enquiry; a reference like 21 000 001, different for each case."""

    class Meta:
        model = OmbudsmanCase

    lgsco_reference = factory.Sequence(lambda n: f"21 {n // 1000:03d} {n % 1000:03d}")
    received_on = RECEIVED
    summary = "Delay in the Stage 2 investigation."
    phase = OmbudsmanPhase.ENQUIRY


class RecommendationFactory(factory.django.DjangoModelFactory):
    """A pending apology recommendation, numbered in sequence, due a month after the case began."""

    class Meta:
        model = Recommendation

    case = factory.SubFactory(OmbudsmanCaseFactory)
    number = factory.Sequence(lambda n: n + 1)
    kind = RecommendationKind.APOLOGY
    text = "Apologise for the delay."
    due_on = D(2022, 2, 4)


def make_case(*, actor: Any = None, lgsco_reference: str = "21 012 345", received_on: datetime.date = RECEIVED,
              today: datetime.date = LATER, **kwargs: Any) -> OmbudsmanCase:
    """An Ombudsman case logged through the service."""
    return ombudsman_case_create(
        lgsco_reference=lgsco_reference, received_on=received_on, actor=actor or officer(), today=today,
        **kwargs,
    )


def decide(case: OmbudsmanCase, *, actor: Any = None, final_decision_on: datetime.date = DECIDED,
           today: datetime.date = LATER, **kwargs: Any) -> OmbudsmanCase:
    """Record a final decision: upheld, fault causing injustice, unless told otherwise."""
    decision = dict(decision=DecisionLabel.UPHELD, closing_reason="", fault=True, injustice=True,
                    remedy_already_provided=False, public_interest_report=False)
    decision.update(kwargs)
    return ombudsman_case_record_decision(
        case=case, final_decision_on=final_decision_on, actor=actor or officer(), today=today, **decision
    )


def add_recommendation(case: OmbudsmanCase, *, actor: Any = None, kind: str = RecommendationKind.APOLOGY,
                       text: str = "Apologise for the delay.", due_on: datetime.date = RECOMMENDATION_DUE,
                       **kwargs: Any) -> Recommendation:
    return recommendation_add(case=case, kind=kind, text=text, due_on=due_on, actor=actor or officer(),
                              **kwargs)
