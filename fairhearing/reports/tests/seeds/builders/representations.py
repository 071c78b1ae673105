"""The other representations a seed's year holds, built through their services: initial
feedback, Members' enquiries, compliments, IRO disputes and Ombudsman cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from fairhearing.cases.choices import Channel
from fairhearing.cases.kinds.compliments import compliment_create, compliment_quotation_prepare
from fairhearing.cases.kinds.concerns import (
    concern_create,
    concern_resolve,
)
from fairhearing.cases.kinds.enquiries import enquiry_create, enquiry_respond
from fairhearing.cases.kinds.resolutions import iro_dispute_create
from fairhearing.cases.models import Complaint, Compliment
from fairhearing.ombudsman.models import OmbudsmanCase
from fairhearing.ombudsman.services import (
    ombudsman_case_create,
    ombudsman_case_record_decision,
    ombudsman_case_record_historic_decision,
    recommendation_add,
    recommendation_complete,
)

from .council import Council

# Other representations --------------------------------------------------------------------------

def concerns_build(council: Council, *, dates: Sequence[date], teams: Sequence[str],
                   channel: str = Channel.TELEPHONE) -> None:
    """Initial feedback received on each of ``dates`` (teams in turn), each resolved by the service."""
    c = council
    for i, received in enumerate(dates):
        concern = concern_create(received_on=received, channel=channel, team=c.team(teams[i % len(teams)]),
                                 summary="Worried that calls are not returned.", actor=c.officer, today=c.today)
        concern_resolve(concern=concern, resolved_on=c.after(received, 4), outcome="Team manager called back.",
                        actor=c.officer, today=c.today)


@dataclass(frozen=True)
class EnquiryPlan:
    team: str
    member_kind: str
    answered_after: int  # working days after receipt; the local target is 10


def enquiries_build(council: Council, *, plans: Sequence[EnquiryPlan], dates: Sequence[date]) -> None:
    """Members' enquiries received on ``dates``, answered as planned."""
    c = council
    if len(plans) != len(dates):
        raise ValueError("One date per enquiry.")
    for plan, received in zip(plans, dates, strict=True):
        enquiry = enquiry_create(received_on=received, member_kind=plan.member_kind, member_name="Cllr Example",
                                 team=c.team(plan.team), summary="Asks for an update for a constituent.",
                                 actor=c.officer, today=c.today)
        enquiry_respond(enquiry=enquiry, responded_on=c.after(received, plan.answered_after), actor=c.officer,
                        today=c.today)


def compliment_build(council: Council, *, received_on: date, team: str, source: str, about: str = "",
                     words: str = "Thank you for all your help.", quotation: str = "") -> Compliment:
    """A compliment; with ``quotation``, the person agreed to be quoted and the officer prepared it."""
    c = council
    compliment = compliment_create(received_on=received_on, team=c.team(team), source=source, about=about,
                                   words=words, channel=Channel.EMAIL, consent_to_quote=bool(quotation),
                                   actor=c.officer, today=c.today)
    if quotation:
        compliment = compliment_quotation_prepare(compliment=compliment, quotation=quotation, actor=c.officer)
    return compliment


def iro_disputes_build(council: Council, *, dates: Sequence[date], teams: Sequence[str]) -> None:
    c = council
    for i, raised in enumerate(dates):
        iro_dispute_create(raised_on=raised, raised_by="Independent Reviewing Officer",
                           issue="Care plan review recommendations not carried out.",
                           team=c.team(teams[i % len(teams)]), actor=c.officer, today=c.today)


@dataclass(frozen=True)
class RecommendationPlan:
    kind: str
    text: str
    due_after_days: int  # calendar days after the final decision (the Ombudsman sets dates)
    completed_after_days: int
    amount: Decimal | None = None


def ombudsman_build(
    council: Council, *, reference: str, received_on: date, decided_on: date, decision: str = "",
    closing_reason: str = "", fault: bool | None = None, injustice: bool | None = None,
    historic_category: str = "", recommendations: Sequence[RecommendationPlan] = (),
    complaints: Sequence[Complaint] = (),
) -> OmbudsmanCase:
    """An Ombudsman case and its final decision: current labels, or a historic category."""
    c = council
    case = ombudsman_case_create(lgsco_reference=reference, received_on=received_on, complaints=complaints,
                                 actor=c.officer, today=c.today)
    if historic_category:
        case = ombudsman_case_record_historic_decision(case=case, final_decision_on=decided_on,
                                                       historic_category=historic_category, actor=c.officer,
                                                       today=c.today)
    else:
        case = ombudsman_case_record_decision(case=case, final_decision_on=decided_on, decision=decision,
                                              closing_reason=closing_reason, fault=fault, injustice=injustice,
                                              remedy_already_provided=False, public_interest_report=False,
                                              actor=c.officer, today=c.today)
    for plan in recommendations:
        recommendation = recommendation_add(case=case, kind=plan.kind, text=plan.text, amount=plan.amount,
                                            due_on=decided_on + timedelta(days=plan.due_after_days),
                                            actor=c.officer)
        recommendation_complete(recommendation=recommendation,
                                completed_on=decided_on + timedelta(days=plan.completed_after_days),
                                evidence_note="Evidence sent to the Ombudsman.", actor=c.officer,
                                today=c.today)
    return case
