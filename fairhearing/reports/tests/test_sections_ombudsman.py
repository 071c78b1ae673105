"""Ombudsman referrals over three years, whatever the comparison setting, with the decisions in
the categories older reports used, and the recommendations done by their due date."""

import itertools

import pytest

from fairhearing.cases.tests.factories import officer
from fairhearing.ombudsman.choices import ClosingReason, DecisionLabel, HistoricCategory
from fairhearing.ombudsman.services import (
    ombudsman_case_record_historic_decision,
    recommendation_complete,
    recommendation_record_not_complied,
)
from fairhearing.ombudsman.tests.factories import add_recommendation, decide, make_case

from .factories import LATER, D, build

pytestmark = pytest.mark.django_db

NOT_INVESTIGATED = dict(fault=None, injustice=None)


# A different LGSCO reference for each case: 21 000 001, 21 000 002, ...
SERIALS = itertools.count(1)
# The day the council is told of an enquiry, unless a test says otherwise.
TOLD_ON = D(2021, 6, 1)


def case(received_on=TOLD_ON):
    return make_case(lgsco_reference=f"21 {next(SERIALS):06d}", received_on=received_on)


@pytest.mark.parametrize("comparisons", [0, 1, 4])
def test_always_three_periods_whatever_the_comparison_setting(comparisons):
    report = build("fy2021", comparisons=comparisons)
    for t in report.section("ombudsman").tables:
        assert [c.key for c in t.columns] == ["fy2021", "fy2020", "fy2019"], t.key


def test_enquiries_by_the_day_the_council_was_told_and_decisions_by_the_final_decision_date():
    case(D(2022, 3, 31))
    case(D(2021, 4, 1))
    case(D(2022, 4, 1))
    decide(case(D(2020, 6, 1)), final_decision_on=D(2021, 3, 31))
    decide(case(D(2020, 6, 1)), final_decision_on=D(2021, 4, 1))
    report = build("fy2021", comparisons=0)
    section = report.section("ombudsman")
    received = section.table("ombudsman_received")
    assert [received.value("received", k) for k in ("fy2021", "fy2020", "fy2019")] == [2, 2, 0]
    decisions = section.table("ombudsman_decisions")
    assert [decisions.value("upheld", k) for k in ("fy2021", "fy2020", "fy2019")] == [1, 1, 0]
    assert section.paragraphs == ["The Ombudsman told the council of 2 enquiries in 2021-22 and upheld 1 "
                                  "complaint in decisions made in the period."]


def test_decisions_are_mapped_to_the_historic_categories():
    decided_on = D(2021, 9, 1)
    decide(case(), final_decision_on=decided_on)  # fault causing injustice
    decide(case(), final_decision_on=decided_on, injustice=False)
    decide(case(), final_decision_on=decided_on, fault=True, injustice=True, remedy_already_provided=True)
    decide(case(), final_decision_on=decided_on, decision=DecisionLabel.NOT_UPHELD, fault=False, injustice=None)
    for reason in (ClosingReason.OUT_OF_JURISDICTION, ClosingReason.DISCRETION, ClosingReason.LATE):
        decide(case(), final_decision_on=decided_on, decision=DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES,
               closing_reason=reason, **NOT_INVESTIGATED)
    for label in (DecisionLabel.REFERRED_BACK, DecisionLabel.INCOMPLETE_INVALID, DecisionLabel.ADVICE_GIVEN):
        decide(case(), final_decision_on=decided_on, decision=label, **NOT_INVESTIGATED)
    # An older decision entered in the category used at the time keeps it.
    old = case(D(2019, 5, 1))
    ombudsman_case_record_historic_decision(case=old, final_decision_on=D(2019, 9, 1),
                                            historic_category=HistoricCategory.DISCRETION, actor=officer(),
                                            today=LATER)
    case()  # undecided: in no category
    report = build("fy2021")
    historic = report.section("ombudsman").table("ombudsman_historic")
    this_year = {row.key: row.cells[0].value for row in historic.rows}
    assert this_year == {
        "maladministration_injustice": 1, "maladministration_no_injustice": 1, "no_maladministration": 1,
        "discretion": 1, "local_settlement": 1, "outside_jurisdiction": 1, "discontinued": 1, "premature": 1,
        "closed_after_initial_enquiries": 2, "total": 10,
    }
    assert historic.value("discretion", "fy2019") == 1
    assert historic.value("total", "fy2019") == 1
    decisions = report.section("ombudsman").table("ombudsman_decisions")
    assert decisions.value("upheld", "fy2021") == 3
    assert decisions.value("closed_after_initial_enquiries", "fy2021") == 3
    assert decisions.value("total", "fy2021") == 10
    # A decision entered only in a historic category still counts in its year.
    assert (decisions.value("historic_only", "fy2019"), decisions.value("total", "fy2019")) == (1, 1)
    assert decisions.value("historic_only", "fy2021") == 0


def test_recommendations_due_in_the_period_done_by_the_due_date_or_not_complied():
    decided = decide(case(), final_decision_on=D(2021, 9, 1))
    on_time = add_recommendation(decided, due_on=D(2021, 10, 1))
    recommendation_complete(recommendation=on_time, completed_on=D(2021, 10, 1), evidence_note="Letter sent.",
                            actor=officer(), today=LATER)
    late = add_recommendation(decided, due_on=D(2021, 10, 1))
    recommendation_complete(recommendation=late, completed_on=D(2021, 10, 4), evidence_note="Letter sent.",
                            actor=officer(), today=LATER)
    refused = add_recommendation(decided, due_on=D(2022, 3, 31))
    recommendation_record_not_complied(recommendation=refused, evidence_note="Council declined.",
                                       actor=officer(), today=LATER)
    add_recommendation(decided, due_on=D(2022, 4, 1))  # due the next year
    recommendations = build("fy2021").section("ombudsman").table("ombudsman_recommendations")
    assert [recommendations.value(row, "fy2021") for row in ("due", "on_time", "not_complied")] == [3, 1, 1]
