"""IRO dispute resolution, alternative dispute resolution and the complaints service's costs.

IRO disputes: 12 or 13 a year (seed 001: 13), mostly about children in care, most settled
informally or by the team manager, a few taken higher.

ADR: every complaint the demo resolved by a meeting after its Stage 1 response (the STAGE1_ADR
fate) gets the ADR case behind it, with the saving of the Stage 2 investigation it avoided (seed
001: £1,800); a year also has one offer of mediation at Stage 2 that did not settle it, and an
answered complaint may have an offer still waiting.

Costs (seed 003, 1.8): the Independent Investigator's and Independent Person's fees for each Stage
2 investigation, invoiced after the adjudication (about £14,000 a year, as seed 003's £14,413),
review panel fees, the financial remedies paid, and a leaflet or two a year.
"""

from datetime import date, timedelta
from decimal import Decimal
from random import Random
from typing import Any

from fairhearing.accounts.models import Team
from fairhearing.cases.choices import ClosureReason, ComplaintStatus
from fairhearing.cases.kind_choices import AdrMethod, AdrResult, CostKind, IroStage
from fairhearing.cases.kinds.costs import cost_create
from fairhearing.cases.kinds.resolutions import adr_create, iro_dispute_create, iro_dispute_update
from fairhearing.cases.models import Complaint, ComplaintChild
from fairhearing.people.choices import LegalStatus
from fairhearing.people.models import Child
from fairhearing.stages.choices import RemedyKind, StageStatus
from fairhearing.stages.models import Remedy, Stage

from . import record_texts as words
from .history import Council
from .people import weighted
from .years import DemoYear, per_year, spread, working_day_in

# -- IRO disputes ----------------------------------------------------------------------------------

IRO_PER_YEAR = (13, 12)
IRO_TEAMS = {"Children Looked After": 6, "Fostering": 2, "Permanence / Court Work": 2, "Leaving Care": 2,
             "Disabled Children": 1, "Family Support Team 4": 1}
# How far up the local process a dispute goes before it is settled.
IRO_REACHES = {IroStage.INFORMAL: 45, IroStage.TEAM_MANAGER: 30, IroStage.SERVICE_MANAGER: 15,
               IroStage.HEAD_OF_SERVICE: 8, IroStage.DIRECTOR: 2}
IRO_LADDER = list(IroStage.values)


def iro_disputes_load(*, council: Council, years: list[DemoYear], rng: Random) -> None:
    """Disputes raised by the council's IROs, each moved up the local process until settled."""
    # Children in care named on the demo's complaints, with the team: an IRO dispute is often
    # about a child whose family has also complained.
    in_care = list(
        ComplaintChild.objects.filter(child__legal_status__in=[LegalStatus.LOOKED_AFTER, LegalStatus.CARE_LEAVER])
        .select_related("child", "complaint").order_by("complaint__received_on", "pk")
    )
    for year, count in zip(years, per_year(years, IRO_PER_YEAR), strict=True):
        for raised in spread(rng, council.calendar, year.start, year.end, count):
            known = [link for link in in_care if link.complaint.received_on <= raised]
            link = rng.choice(known) if known and rng.random() < 0.5 else None
            team = link.complaint.teams.order_by("name").first() if link else None
            _iro_dispute(council=council, rng=rng, raised=raised, child=link.child if link else None,
                         team=team or council.teams[weighted(rng, IRO_TEAMS)])


def _iro_dispute(*, council: Council, rng: Random, raised: date, child: Child | None, team: Team) -> None:
    manager, calendar = council.users["manager"], council.calendar
    dispute = iro_dispute_create(
        raised_on=raised, raised_by=rng.choice(words.IRO_NAMES),
        issue=rng.choice(words.IRO_ISSUES_LEAVING_CARE if team.name == "Leaving Care" else words.IRO_ISSUES),
        child=child, team=team, actor=manager, today=raised,
    )
    day = raised
    reach = IRO_LADDER.index(weighted(rng, IRO_REACHES))
    for stage in IRO_LADDER[1:reach + 1]:
        day = calendar.add_working_days(day, rng.randint(4, 10))
        if day > council.today:
            return
        dispute = iro_dispute_update(iro_dispute=dispute, local_stage=stage, actor=manager, today=day)
    resolved = calendar.add_working_days(day, rng.randint(3, 12))
    if resolved <= council.today:
        iro_dispute_update(iro_dispute=dispute, outcome=rng.choice(words.IRO_OUTCOMES), resolved_on=resolved,
                           actor=manager, today=resolved)


# -- ADR ----------------------------------------------------------------------------------------------

# What a Stage 2 investigation costs the demo council, and so what ADR saves (seed 001: £1,800).
STAGE_TWO_SAVING = Decimal("1800.00")


def adr_load(*, council: Council, years: list[DemoYear], rng: Random) -> None:
    """The ADR cases behind the demo's complaints resolved by a meeting, one offer a year at Stage 2
    that did not settle it, and offers still waiting on complaints just answered; each logged on
    the day it was offered or settled, in date order so the references are too."""
    manager, calendar = council.users["manager"], council.calendar
    offers: list[dict[str, Any]] = []
    resolved = (
        Complaint.objects.filter(closure_reason=ClosureReason.RESOLVED_INFORMALLY, stages__number=1,
                                 stages__status=StageStatus.RESPONDED)
        .prefetch_related("stages", "teams").order_by("received_on", "pk")
    )
    for complaint in resolved:
        stage = next(stage for stage in complaint.stages.all() if stage.number == 1)
        # Offered just after the Stage 1 answer, when the complainant said they wanted Stage 2.
        offered = min(calendar.add_working_days(stage.responded_on, rng.randint(1, 3)), complaint.closed_on)
        held = min(calendar.add_working_days(offered, rng.randint(2, 5)), complaint.closed_on)
        offers.append({
            "offered_on": offered, "method": weighted(rng, {AdrMethod.MEETING: 3, AdrMethod.MEDIATION: 1}),
            "complaint": complaint, "stage_number": 1, "held_on": held,
            "confirmed_in_writing_on": complaint.closed_on, "result": AdrResult.RESOLVED,
            "saving": STAGE_TWO_SAVING, "notes": words.ADR_RESOLVED_NOTE, "today": complaint.closed_on,
        })
    for year in years:
        offers += _adr_not_settled(council=council, rng=rng, year=year)
    answered = Complaint.objects.filter(status=ComplaintStatus.RESPONDED).prefetch_related("stages", "teams") \
        .order_by("received_on", "pk")
    for complaint in answered:
        stage = max((s for s in complaint.stages.all() if s.status == StageStatus.RESPONDED),
                    key=lambda s: s.number)
        offered = calendar.add_working_days(stage.responded_on, 2)
        if offered <= council.today:
            offers.append({"offered_on": offered, "method": AdrMethod.MEETING, "complaint": complaint,
                           "stage_number": stage.number, "notes": words.ADR_PENDING_NOTE, "today": offered})
    for offer in sorted(offers, key=lambda offer: (offer["offered_on"], offer["complaint"].pk)):
        team = min(offer["complaint"].teams.all(), key=lambda team: team.name, default=None)
        adr_create(team=team, actor=manager, **offer)


def _adr_not_settled(*, council: Council, rng: Random, year: DemoYear) -> list[dict[str, Any]]:
    """One offer of mediation a year at Stage 2, which the complainant declined after meeting."""
    stages = list(
        Stage.objects.filter(number=2, requested_on__range=(year.start, year.end),
                             status=StageStatus.RESPONDED, statement_agreed_on__isnull=False)
        .select_related("complaint").prefetch_related("complaint__teams").order_by("requested_on", "pk")
    )
    if not stages:
        return []
    stage = rng.choice(stages)
    offered = stage.requested_on
    held = min(council.calendar.add_working_days(offered, rng.randint(2, 4)), stage.statement_agreed_on)
    return [{
        "offered_on": offered, "method": AdrMethod.MEDIATION, "complaint": stage.complaint, "stage_number": 2,
        "held_on": held, "confirmed_in_writing_on": held, "result": AdrResult.NOT_RESOLVED,
        "notes": words.ADR_NOT_RESOLVED_NOTE, "today": held,
    }]


# -- Costs ---------------------------------------------------------------------------------------------

INVESTIGATOR_DAY_RATE = Decimal("300.00")
INDEPENDENT_PERSON_DAY_RATE = Decimal("250.00")
PANEL_FEES = (Decimal("250.00"), Decimal("200.00"), Decimal("200.00"))  # the chair, then two members
PAID = 0.9  # of financial remedies agreed; the rest are still being arranged


def costs_load(*, council: Council, years: list[DemoYear], rng: Random) -> None:
    """Fees for each Stage 2 investigation and review panel, payments and publicity."""
    manager, calendar, today = council.users["manager"], council.calendar, council.today
    investigations = (
        Stage.objects.filter(number=2, investigating_officer__isnull=False)
        .exclude(status=StageStatus.OPEN).select_related("complaint").order_by("appointed_on", "pk")
    )
    for stage in investigations:
        finished = stage.responded_on or stage.closed_on
        invoiced = calendar.add_working_days(finished, rng.randint(5, 15))
        if invoiced > today:
            continue
        # A withdrawn investigation is paid for the days already worked.
        days = Decimal(rng.choice(["2.5", "3", "3.5", "4"]) if stage.responded_on else rng.choice(["1", "1.5"]))
        cost_create(kind=CostKind.INVESTIGATOR_FEE, amount=days * INVESTIGATOR_DAY_RATE, incurred_on=invoiced,
                    complaint=stage.complaint, stage=stage, actor=manager, today=invoiced,
                    description=f"Investigation: {_days(days)} at £{INVESTIGATOR_DAY_RATE:,.0f} a day.")
        if stage.responded_on:
            person_days = Decimal(rng.choice(["1", "1", "1.5"]))
            cost_create(kind=CostKind.INDEPENDENT_PERSON_FEE, amount=person_days * INDEPENDENT_PERSON_DAY_RATE,
                        incurred_on=invoiced, complaint=stage.complaint, stage=stage, actor=manager,
                        today=invoiced,
                        description=f"Independent Person: {_days(person_days)} at "
                                    f"£{INDEPENDENT_PERSON_DAY_RATE:,.0f} a day.")
    for stage in Stage.objects.filter(number=3, panel_met_on__isnull=False).select_related("complaint") \
            .order_by("panel_met_on", "pk"):
        invoiced = calendar.add_working_days(stage.panel_met_on, rng.randint(5, 10))
        if invoiced <= today:
            cost_create(kind=CostKind.PANEL_FEE, amount=sum(PANEL_FEES), incurred_on=invoiced,
                        complaint=stage.complaint, stage=stage, actor=manager, today=invoiced,
                        description="Review panel: the chair's and two members' fees.")
    _payments(council=council, rng=rng)
    for index, year in enumerate(years):
        _publicity(council=council, rng=rng, year=year, items=words.PUBLICITY[index::len(years)])


def _days(days: Decimal) -> str:
    return "1 day" if days == 1 else f"{days} days"


def _payments(*, council: Council, rng: Random) -> None:
    """Financial remedies paid a few working days after the response that agreed them."""
    manager, calendar = council.users["manager"], council.calendar
    remedies = (
        Remedy.objects.filter(kind=RemedyKind.FINANCIAL, amount__gt=0, stage__responded_on__isnull=False)
        .select_related("stage__complaint").order_by("stage__responded_on", "pk")
    )
    for remedy in remedies:
        paid = calendar.add_working_days(remedy.stage.responded_on, rng.randint(3, 12))
        if paid <= council.today and rng.random() < PAID:
            cost_create(kind=CostKind.PAYMENT, amount=remedy.amount, incurred_on=paid,
                        complaint=remedy.stage.complaint, stage=remedy.stage, description=remedy.description,
                        actor=manager, today=paid)


def _publicity(*, council: Council, rng: Random, year: DemoYear, items: list[tuple[str, str]]) -> None:
    for description, amount in items:
        day = working_day_in(council.calendar, year.start + timedelta(days=rng.randint(40, 300)),
                             start=year.start, end=year.ends_on)
        if day <= council.today:
            cost_create(kind=CostKind.PUBLICITY, amount=Decimal(amount), incurred_on=day,
                        description=description, actor=council.users["manager"], today=day)
