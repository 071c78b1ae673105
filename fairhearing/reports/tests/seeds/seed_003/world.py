"""Seed 003's world: the plans that turn its figures into records, built through the
services."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from fairhearing.cases.kind_choices import MemberKind
from fairhearing.learning.services import action_add, action_plan_create
from fairhearing.ombudsman.choices import (
    ClosingReason,
    DecisionLabel,
    HistoricCategory,
    RecommendationKind,
)
from fairhearing.stages.choices import RemedyKind
from fairhearing.stages.services import RemedyInput

from ..builders import (
    NOT_UPHELD,
    PARTLY,
    UPHELD,
    AdrPlan,
    ComplaintPlan,
    Council,
    EnquiryPlan,
    RecommendationPlan,
    StageThreePlan,
    StageTwoPlan,
    complaint_build,
    compliment_build,
    concerns_build,
    enquiries_build,
    expand,
    interleave,
    ombudsman_build,
)
from .data import (
    ACTIONS,
    APOLOGY,
    CAD,
    CARE,
    CHANNELS,
    COMPLIMENTS_2020,
    ENDINGS,
    EXPLANATION,
    EXTENDED,
    ISS,
    LATE_11_20,
    MASH,
    OTHER_COMPLIMENTS_2021,
    OVER_20,
    QUOTATIONS,
    SHORT,
    SOURCES_2020,
    THEMES,
    TIMINGS,
    WHO,
    WITHDRAWN,
    YEAR_SPAN,
    D,
)


def year_plans(c: Council, year: int) -> list[ComplaintPlan]:
    """One year's complaints: endings by team, timings, channels, complainants and themes."""
    by_team = [interleave([(name, UPHELD)] * u, [(name, PARTLY)] * p, [(name, NOT_UPHELD)] * n, [(name, None)] * w)
               for name, (u, p, n, w) in ENDINGS[year].items()]
    endings = interleave(*by_team)
    t = TIMINGS[year]
    answers = ([(wd, None) for wd in OVER_20[:t["over_20"]]] + [(wd, None) for wd in LATE_11_20[:t["late"]]]
               + EXTENDED[:t["extended"]] + [(SHORT[i % len(SHORT)], None) for i in range(t["short"])])
    before, after = WITHDRAWN[year]
    withdrawals = interleave([4] * before, [13 if year == 2021 else 14] * after)
    channels, who, tags = expand(CHANNELS[year]), expand(WHO[year]), expand(THEMES[year])
    count = len(endings)
    assert len(channels) == len(who) == count and len(answers) + len(withdrawals) == count
    plans, financial_given = [], False
    for index, ((name, outcome), received) in enumerate(zip(endings, c.spread(*YEAR_SPAN[year], count),
                                                            strict=True)):
        # One theme each; the first complaints of the year also have a second.
        themes = (tags[index],) + ((tags[count + index],) if count + index < len(tags) else ())
        common = dict(received_on=received, teams=(name,), channel=channels[index],
                      relationship=who[index], themes=themes)
        if outcome is None:
            plans.append(ComplaintPlan(withdrawn_after=withdrawals.pop(0), **common))
            continue
        wd, extended_to = answers.pop(0)
        remedies = (APOLOGY, EXPLANATION) if outcome in (UPHELD, PARTLY) else ()
        if year == 2021 and name == CARE and outcome == UPHELD and not financial_given:
            remedies += (RemedyInput(RemedyKind.FINANCIAL, "Financial adjustment.", Decimal("150")),)
            financial_given = True
        plans.append(ComplaintPlan(outcome=outcome, working_days=wd, extended_to=extended_to,
                                   remedies=remedies, **common))
    assert not answers and not withdrawals
    return plans


def choose(plans: list[ComplaintPlan], *, received_from: date, count: int, not_upheld: bool = False) -> list[int]:
    """Indexes of the first ``count`` answered complaints received on or after ``received_from``
    that have not already been given a Stage 2 or ADR."""
    found = [i for i, p in enumerate(plans)
             if p.outcome and p.received_on >= received_from and p.stage_two is None and p.adr is None
             and (not not_upheld or p.outcome == NOT_UPHELD)]
    return found[:count]


def plans_2021(c: Council) -> list[ComplaintPlan]:
    plans = year_plans(c, 2021)
    # The seven Stage 2 investigations of 2021-22: "three complaints remain ongoing in 2022-2023, two
    # were withdrawn, one partially upheld with apology given, and one upheld with apology given,
    # training identified, and financial adjustment made". Investigators' fees: £14,413 in all.
    stage_twos = [
        StageTwoPlan(outcome=PARTLY, working_days=30, extended_to=35, remedies=(APOLOGY,),
                     investigator_fee=Decimal("3120")),
        StageTwoPlan(outcome=UPHELD, working_days=45, extended_to=65, investigator_fee=Decimal("2985"),
                     remedies=(APOLOGY, RemedyInput(RemedyKind.TRAINING, "Training identified."),
                               RemedyInput(RemedyKind.FINANCIAL, "Financial adjustment.", Decimal("250")))),
        StageTwoPlan(statement_after=None, withdrawn_after=5),
        StageTwoPlan(withdrawn_after=15, investigator_fee=Decimal("2840"), fee_after=12),
    ]
    for index, stage_two in zip(choose(plans, received_from=D(2021, 6, 1), count=4), stage_twos, strict=True):
        plans[index] = replace(plans[index], stage_two=stage_two)
    ongoing = [StageTwoPlan(statement_after=15, investigator_fee=Decimal("2760"), fee_after=16),
               StageTwoPlan(statement_after=15, investigator_fee=Decimal("2708"), fee_after=16),
               StageTwoPlan(statement_after=None)]
    for index, stage_two in zip(choose(plans, received_from=D(2022, 1, 4), count=3), ongoing, strict=True):
        plans[index] = replace(plans[index], stage_two=stage_two)
    # "A further 6 requests for Stage 2 investigations ... not progressed through successful meetings
    # with complainants to resolve issues": ADR meetings that settled them.
    for index in choose(plans, received_from=D(2021, 7, 1), count=6, not_upheld=True):
        plans[index] = replace(plans[index], adr=AdrPlan())
    return plans


def plans_2020(c: Council) -> list[ComplaintPlan]:
    plans = year_plans(c, 2020)
    # Chosen: 2020-21's six Stage 2 investigations (costing £6,087) and the one review panel.
    stage_twos = [
        StageTwoPlan(outcome=PARTLY, working_days=30, remedies=(APOLOGY,), investigator_fee=Decimal("1295"),
                     stage_three=StageThreePlan(outcome=PARTLY, remedies=(
                         APOLOGY, RemedyInput(RemedyKind.RECONSIDERED, "Decision looked at again.")))),
        StageTwoPlan(outcome=NOT_UPHELD, working_days=70, investigator_fee=Decimal("1152")),
        StageTwoPlan(outcome=UPHELD, working_days=20, investigator_fee=Decimal("1210"),
                     remedies=(APOLOGY, RemedyInput(RemedyKind.ACTION, "Missed visits arranged."))),
        StageTwoPlan(outcome=PARTLY, working_days=40, extended_to=45, remedies=(APOLOGY,),
                     investigator_fee=Decimal("1190")),
        StageTwoPlan(outcome=NOT_UPHELD, working_days=24, investigator_fee=Decimal("1240")),
        StageTwoPlan(statement_after=None, withdrawn_after=5),
    ]
    for index, stage_two in zip(choose(plans, received_from=D(2020, 4, 14), count=6), stage_twos, strict=True):
        plans[index] = replace(plans[index], stage_two=stage_two)
    for index in choose(plans, received_from=D(2020, 8, 1), count=2, not_upheld=True):
        plans[index] = replace(plans[index], adr=AdrPlan())
    return plans


def build_ombudsman(c: Council, complaint_about_delay) -> None:  # noqa: ANN001
    """The seed's table 1.1: 2021-22 in current labels (mapped to the historic categories by
    fairhearing/ombudsman/rules.py), 2020-21 likewise, 2019-20 recorded in the historic categories."""
    upheld = DecisionLabel.UPHELD
    closed = DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES
    ombudsman_build(c, reference="21 000 101", received_on=D(2021, 5, 10), decided_on=D(2021, 9, 15),
                    decision=upheld, fault=True, injustice=False)
    # "Maladministration with injustice; relating to the delay in response to complaint handling,
    # ... an apology ... along with a good will payment of £300.00 ... review their Special
    # Guardianship leaflets".
    ombudsman_build(c, reference="21 000 102", received_on=D(2021, 6, 14), decided_on=D(2021, 10, 20),
                    decision=upheld, fault=True, injustice=True, complaints=[complaint_about_delay],
                    recommendations=[
                        RecommendationPlan(RecommendationKind.APOLOGY, "Apologise for the delay.", 30, 14),
                        RecommendationPlan(RecommendationKind.PAYMENT, "Pay £300 for time and trouble.", 30, 21,
                                           Decimal("300")),
                        RecommendationPlan(RecommendationKind.PROCEDURE_CHANGE,
                                           "Review the Special Guardianship leaflets.", 90, 60),
                    ])
    ombudsman_build(c, reference="21 000 103", received_on=D(2021, 8, 2), decided_on=D(2021, 8, 30),
                    decision=closed, closing_reason=ClosingReason.OUT_OF_JURISDICTION)
    ombudsman_build(c, reference="21 000 104", received_on=D(2021, 11, 8), decided_on=D(2022, 1, 24),
                    decision=DecisionLabel.INCOMPLETE_INVALID)
    apology = [RecommendationPlan(RecommendationKind.APOLOGY, "Apologise.", 30, 10)]
    ombudsman_build(c, reference="20 000 201", received_on=D(2020, 5, 11), decided_on=D(2020, 10, 5),
                    decision=upheld, fault=True, injustice=True, recommendations=apology)
    ombudsman_build(c, reference="20 000 202", received_on=D(2020, 6, 15), decided_on=D(2020, 11, 16),
                    decision=upheld, fault=True, injustice=True, recommendations=apology)
    ombudsman_build(c, reference="20 000 203", received_on=D(2020, 7, 13), decided_on=D(2020, 12, 14),
                    decision=DecisionLabel.NOT_UPHELD, fault=False, injustice=False)
    ombudsman_build(c, reference="20 000 204", received_on=D(2020, 9, 7), decided_on=D(2020, 9, 28),
                    decision=DecisionLabel.REFERRED_BACK)
    ombudsman_build(c, reference="20 000 205", received_on=D(2020, 10, 12), decided_on=D(2020, 11, 2),
                    decision=DecisionLabel.REFERRED_BACK)
    ombudsman_build(c, reference="20 000 206", received_on=D(2021, 1, 11), decided_on=D(2021, 2, 15),
                    decision=closed, closing_reason=ClosingReason.LATE)
    historic = [HistoricCategory.MALADMINISTRATION_INJUSTICE, HistoricCategory.MALADMINISTRATION_INJUSTICE,
                HistoricCategory.NO_MALADMINISTRATION, HistoricCategory.NO_MALADMINISTRATION,
                HistoricCategory.PREMATURE, HistoricCategory.CLOSED_AFTER_INITIAL_ENQUIRIES]
    for n, (category, day) in enumerate(zip(historic, c.spread(D(2019, 5, 1), D(2020, 2, 3), 6), strict=True)):
        ombudsman_build(c, reference=f"19 000 30{n}", received_on=D(2019, 4, 15 + n),
                        decided_on=day, historic_category=category)


def build_world(c: Council) -> dict:
    built = {}
    for year, plans in ((2020, plans_2020(c)), (2021, plans_2021(c))):
        built[year] = [(plan, complaint_build(c, plan, number=year * 1000 + n)) for n, plan in enumerate(plans)]
    slow = next(complaint for plan, complaint in built[2020] if plan.working_days and plan.working_days > 20)
    build_ombudsman(c, slow)
    concerns_build(c, dates=c.spread(D(2021, 4, 8), D(2022, 3, 25), 74), teams=[MASH, ISS])
    concerns_build(c, dates=c.spread(D(2020, 4, 8), D(2021, 3, 26), 76), teams=[MASH, ISS])
    # Members' correspondence: 56 (40 answered in time) and 69 (chosen: 55 in time). No MEPs after
    # the United Kingdom left the EU.
    kinds_2021 = expand([(MemberKind.MP, 14), (MemberKind.COUNCILLOR, 42)])
    teams_2021 = expand([(MASH, 5), (ISS, 5), (CARE, 1), (CAD, 3), (MASH, 13), (ISS, 15), (CARE, 5), (CAD, 9)])
    enquiries_build(c, dates=c.spread(D(2021, 4, 7), D(2022, 3, 4), 56), plans=[
        EnquiryPlan(team=name, member_kind=kind, answered_after=13 if i % 7 in (2, 5) else SHORT[i % 10])
        for i, (kind, name) in enumerate(zip(kinds_2021, teams_2021, strict=True))])
    kinds_2020 = expand([(MemberKind.MP, 17), (MemberKind.COUNCILLOR, 52)])
    enquiries_build(c, dates=c.spread(D(2020, 4, 7), D(2021, 3, 5), 69), plans=[
        EnquiryPlan(team=[MASH, ISS, CAD][i % 3], member_kind=kind, answered_after=13 if i % 5 == 3 else SHORT[i % 10])
        for i, kind in enumerate(kinds_2020)])
    quoted = []
    days = c.spread(D(2021, 4, 20), D(2022, 3, 15), 16)
    for day, (about, team, source, quotation) in zip(days[:6], QUOTATIONS, strict=True):
        quoted.append(compliment_build(c, received_on=day, team=team, source=source, about=about,
                                       words=quotation.replace("X", "Morwenna"), quotation=quotation))
    for day, (team, source) in zip(days[6:], OTHER_COMPLIMENTS_2021, strict=True):
        compliment_build(c, received_on=day, team=team, source=source)
    for day, team, source in zip(c.spread(D(2020, 4, 21), D(2021, 3, 16), 22), COMPLIMENTS_2020, SOURCES_2020,
                                 strict=True):
        compliment_build(c, received_on=day, team=team, source=source)
    plan = action_plan_create(title="Complaints and Compliments Action Plan", period_label="2022-23",
                              starts_on=D(2022, 4, 1), ends_on=D(2023, 3, 31), actor=c.officer)
    for task, owner, by, outcome, target in ACTIONS:
        action_add(plan=plan, task=task, owner=owner, start_by_text=by, intended_outcome=outcome,
                   target_text=target, actor=c.officer)
    return {"quoted": quoted, "plan": plan}


def table(report, section: str, key: str):  # noqa: ANN001, ANN201
    return report.section(section).table(key)
