"""Outcomes counted when a stage ended, points counted one by one, the share upheld, and the
remedies agreed in responses sent in the period."""

from decimal import Decimal

import pytest

from fairhearing.cases.choices import ClosureReason, WithdrawalMethod
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.stages.choices import Outcome, RemedyKind
from fairhearing.stages.services import RemedyInput, complaint_close, complaint_withdraw

from .factories import LATER, D, adjudicate, build, figure, respond, stage_one, stage_two, table

pytestmark = pytest.mark.django_db

UPHELD, PARTLY, NOT_UPHELD = Outcome.UPHELD, Outcome.PARTIALLY_UPHELD, Outcome.NOT_UPHELD


def stage_one_outcomes(report, column=None):
    outcomes = table(report, "outcomes", "stage_1_outcomes")
    return {row.key: row.cells[outcomes.column_index(column or report.period.key)].value
            for row in outcomes.rows}


def test_a_stage_ended_on_the_last_day_of_the_period_counts_in_it_and_the_next_day_does_not():
    respond(stage_one(make_complaint(received_on=D(2022, 3, 17))), D(2022, 3, 31), UPHELD)
    respond(stage_one(make_complaint(received_on=D(2022, 3, 18))), D(2022, 4, 1), NOT_UPHELD)
    report = build("fy2022")
    assert stage_one_outcomes(report, "fy2021") == {
        "upheld": 1, "partially_upheld": 0, "not_upheld": 0, "withdrawn": 0, "resolved": 0, "total": 1,
    }
    assert stage_one_outcomes(report, "fy2022")["not_upheld"] == 1
    assert stage_one_outcomes(report, "fy2022")["upheld"] == 0


def test_a_complaint_counts_once_per_stage_and_each_point_counts_in_the_points_table():
    complaint = make_complaint(received_on=D(2022, 1, 4), points=3)
    respond(stage_one(complaint), D(2022, 1, 18), UPHELD, NOT_UPHELD, PARTLY)
    report = build("fy2021")
    assert stage_one_outcomes(report)["partially_upheld"] == 1
    assert stage_one_outcomes(report)["total"] == 1
    points = table(report, "outcomes", "point_outcomes")
    assert [points.value(f"stage_1_{o}", "fy2021") for o in (UPHELD, PARTLY, NOT_UPHELD)] == [1, 1, 1]
    assert points.value("total", "fy2021") == 3


def test_all_points_upheld_is_upheld_and_none_is_not_upheld():
    respond(stage_one(make_complaint(received_on=D(2022, 1, 4), points=2)), D(2022, 1, 18), UPHELD, UPHELD)
    respond(stage_one(make_complaint(received_on=D(2022, 1, 5), points=2)), D(2022, 1, 18), NOT_UPHELD, NOT_UPHELD)
    outcomes = stage_one_outcomes(build("fy2021"))
    assert (outcomes["upheld"], outcomes["not_upheld"], outcomes["partially_upheld"]) == (1, 1, 0)


def test_withdrawn_and_resolved_stages_are_endings_but_not_in_the_share_upheld():
    respond(stage_one(make_complaint(received_on=D(2022, 1, 4))), D(2022, 1, 18), UPHELD)
    respond(stage_one(make_complaint(received_on=D(2022, 1, 5))), D(2022, 1, 18), UPHELD, NOT_UPHELD)
    respond(stage_one(make_complaint(received_on=D(2022, 1, 6))), D(2022, 1, 18), NOT_UPHELD)
    withdrawn = make_complaint(received_on=D(2022, 1, 7))
    stage_one(withdrawn)
    complaint_withdraw(complaint=withdrawn, withdrawn_on=D(2022, 1, 10), method=WithdrawalMethod.ORAL,
                       reason="No longer needed.", actor=officer(), today=LATER)
    resolved = make_complaint(received_on=D(2022, 1, 10))
    stage_one(resolved)
    complaint_close(complaint=resolved, closed_on=D(2022, 1, 12), reason=ClosureReason.RESOLVED_INFORMALLY,
                    actor=officer(), today=LATER)
    report = build("fy2021")
    assert stage_one_outcomes(report) == {
        "upheld": 1, "partially_upheld": 1, "not_upheld": 1, "withdrawn": 1, "resolved": 1, "total": 5,
    }
    assert "refused" not in stage_one_outcomes(report)  # Stage 1 cannot be refused
    rate = table(report, "outcomes", "upheld_rate")
    assert rate.display("stage_1", "fy2021") == "66.7%"  # 2 of 3 responses, not 2 of 5 endings
    assert rate.display("stage_1", "fy2020") == "N/A"
    assert report.section("outcomes").paragraphs == [
        "In 2021-22, 5 Stage 1 complaints ended: 1 upheld, 1 partially upheld, 1 not upheld and 1 withdrawn."
    ]


def test_stage_2_counts_by_the_adjudication_date():
    complaint = make_complaint(received_on=D(2022, 1, 4))
    respond(stage_one(complaint), D(2022, 1, 18), NOT_UPHELD)
    stage = stage_two(complaint, requested_on=D(2022, 2, 15), agreed_on=D(2022, 3, 1))
    adjudicate(stage, D(2022, 3, 31), UPHELD, NOT_UPHELD)
    report = build("fy2021")
    assert figure(report, "outcomes", "stage_2_outcomes", PARTLY) == 1
    assert figure(report, "outcomes", "stage_2_outcomes", "total") == 1
    assert figure(report, "outcomes", "point_outcomes", "stage_2_upheld") == 1
    assert table(report, "outcomes", "upheld_rate").display("stage_2", "fy2021") == "100.0%"
    assert figure(build("fy2022"), "outcomes", "stage_2_outcomes", "total") == 0


# Remedies -----------------------------------------------------------------------------------

def test_remedies_count_by_kind_in_responses_sent_in_the_period_with_the_amounts_agreed():
    respond(stage_one(make_complaint(received_on=D(2022, 3, 17))), D(2022, 3, 31), UPHELD, remedies=(
        RemedyInput(RemedyKind.APOLOGY), RemedyInput(RemedyKind.FINANCIAL, amount=Decimal("250")),
    ))
    respond(stage_one(make_complaint(received_on=D(2022, 3, 18))), D(2022, 3, 30), PARTLY, remedies=(
        RemedyInput(RemedyKind.APOLOGY), RemedyInput(RemedyKind.FINANCIAL, amount=Decimal("100.50")),
    ))
    respond(stage_one(make_complaint(received_on=D(2022, 3, 21))), D(2022, 4, 1), UPHELD, remedies=(
        RemedyInput(RemedyKind.FINANCIAL, amount=Decimal("1000")),
    ))
    report = build("fy2021")
    remedies = table(report, "remedies", "remedies")
    assert remedies.value("apology", "fy2021") == 2
    assert remedies.value("financial", "fy2021") == 2
    assert remedies.value("training", "fy2021") == 0
    assert remedies.value("total", "fy2021") == 4
    assert [row.key for row in remedies.rows][:-1] == [kind.value for kind in RemedyKind]
    assert table(report, "remedies", "financial_remedies").display("amount", "fy2021") == "£350.50"
    assert table(build("fy2022"), "remedies", "financial_remedies").display("amount", "fy2022") == "£1,000"
