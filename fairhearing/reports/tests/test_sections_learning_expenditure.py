"""Expenditure by group, learning by the date of the response it came from, and the action plan
(whose owner column, naming staff, is left out of the published version)."""

from decimal import Decimal

import pytest

from fairhearing.cases.kind_choices import CostKind
from fairhearing.cases.kinds.costs import cost_create
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.learning.choices import ActionStatus, RootCause
from fairhearing.learning.services.actions import (
    action_add,
    action_plan_create,
    action_update_record,
)
from fairhearing.learning.services.notes import learning_note_record
from fairhearing.stages.services import stage_request_next

from .factories import LATER, D, adjudicate, build, respond, stage_one, stage_two, table

pytestmark = pytest.mark.django_db


def cost(kind, amount, incurred_on, **kwargs):
    return cost_create(kind=kind, amount=Decimal(amount), incurred_on=incurred_on, actor=officer(), today=LATER,
                       **kwargs)


def test_expenditure_groups_costs_by_kind_and_counts_them_by_the_day_incurred():
    complaint = make_complaint(received_on=D(2021, 11, 1))
    respond(stage_one(complaint), D(2021, 11, 12))
    two = adjudicate(stage_two(complaint, requested_on=D(2021, 11, 22), agreed_on=D(2021, 11, 29)), D(2022, 1, 10))
    three = stage_request_next(complaint=complaint, requested_on=D(2022, 1, 20), actor=officer(), today=LATER)
    cost(CostKind.PUBLICITY, "250", D(2022, 3, 31))
    cost(CostKind.PUBLICITY, "100", D(2022, 4, 1))  # the next year
    cost(CostKind.INVESTIGATOR_FEE, "1000.50", D(2022, 1, 10), complaint=complaint, stage=two)
    cost(CostKind.INDEPENDENT_PERSON_FEE, "500", D(2022, 1, 10), complaint=complaint, stage=two)
    cost(CostKind.PANEL_FEE, "300", D(2022, 2, 1), complaint=complaint, stage=three)
    cost(CostKind.PAYMENT, "150", D(2022, 2, 1), complaint=complaint)
    cost(CostKind.OTHER, "49.50", D(2021, 4, 1))
    report = build("fy2021")
    expenditure = table(report, "expenditure", "expenditure")
    assert {row.key: row.cells[0].display for row in expenditure.rows} == {
        "publicity": "£250", "independent_people": "£1,800.50", "payments": "£150", "other": "£49.50",
        "total": "£2,250",
    }
    assert expenditure.value("total", "fy2020") == Decimal("0.00")
    assert report.section("expenditure").paragraphs == ["Complaints cost £2,250 in 2021-22."]


def test_learning_is_dated_by_the_response_it_came_from():
    march = respond(stage_one(make_complaint(received_on=D(2022, 3, 17))), D(2022, 3, 31))
    april = respond(stage_one(make_complaint(received_on=D(2022, 3, 18))), D(2022, 4, 1))
    learning_note_record(complaint=march.complaint, stage=march, what_was_learned="Return calls.",
                         root_cause=RootCause.COMMUNICATION, actor=officer(), today=D(2022, 4, 20))
    learning_note_record(complaint=april.complaint, stage=april, what_was_learned="Share plans.",
                         root_cause=RootCause.COMMUNICATION, actor=officer(), today=D(2022, 4, 20))
    whole = make_complaint(received_on=D(2022, 1, 4))
    learning_note_record(complaint=whole, stage=None, what_was_learned="Explain the procedure.",
                         actor=officer(), today=D(2022, 3, 31))  # no response: dated when recorded
    learning = table(build("fy2021"), "learning", "learning_by_root_cause")
    assert {row.key: row.cells[0].value for row in learning.rows} == {"communication": 1, "not_recorded": 1, "total": 2}
    assert learning.row("not_recorded").label == "Not recorded"


def make_plan(title, starts_on, ends_on):
    plan = action_plan_create(title=title, period_label="2021-22", starts_on=starts_on, ends_on=ends_on,
                              actor=officer())
    action = action_add(plan=plan, task="All staff to have GDPR training.", owner="Head of Service, J. Smith",
                        intended_outcome="Better understanding.", start_by_text="From April 21",
                        target_on=D(2021, 9, 30), actor=officer())
    action_update_record(action=action, written_on=D(2021, 7, 1), text="Training booked.",
                         status_after=ActionStatus.IN_PROGRESS, actor=officer(), today=LATER)
    action_update_record(action=action, written_on=D(2021, 10, 1), text="All teams trained.",
                         status_after=ActionStatus.COMPLETE, completed_on=D(2021, 9, 30), actor=officer(),
                         today=LATER)
    action_add(plan=plan, task="Review the leaflet.", owner="Complaints Manager", target_text="On-going",
               actor=officer())
    return plan


def test_action_plans_overlapping_the_period_with_each_actions_latest_update():
    plan = make_plan("Complaints Action Plan", D(2020, 4, 2), D(2021, 4, 1))  # overlaps by one day
    make_plan("Earlier plan", D(2019, 4, 1), D(2021, 3, 31))
    make_plan("Later plan", D(2023, 4, 1), D(2024, 3, 31))
    tables = [t for t in build("fy2021").section("learning").tables if t.key.startswith("action_plan_")]
    assert [t.key for t in tables] == [f"action_plan_{plan.pk}"]
    actions = tables[0]
    assert actions.title == "Complaints Action Plan (2021-22)"
    assert [c.key for c in actions.columns] == ["number", "task", "owner", "by", "intended_outcome", "target",
                                                "status", "update"]
    first = [c.display for c in actions.row("1").cells]
    assert first == ["1", "All staff to have GDPR training.", "Head of Service, J. Smith", "From April 21",
                     "Better understanding.", "30/09/2021", "Complete", "01/10/2021: All teams trained."]
    assert [c.display for c in actions.row("2").cells][-3:] == ["On-going", "Not started", ""]


def test_the_annual_report_carries_the_plan_for_the_year_ahead_starting_within_six_months():
    ahead = make_plan("Plan for the year ahead", D(2022, 9, 30), D(2023, 3, 31))  # 183 days after
    make_plan("Too far ahead", D(2022, 10, 1), D(2023, 9, 30))
    tables = [t for t in build("fy2021").section("learning").tables if t.key.startswith("action_plan_")]
    assert [t.key for t in tables] == [f"action_plan_{ahead.pk}"]


def test_the_published_action_plan_leaves_out_the_owner_column():
    make_plan("Complaints Action Plan", D(2021, 4, 1), D(2022, 3, 31))
    actions = next(t for t in build("fy2021", published=True).section("learning").tables
                   if t.key.startswith("action_plan_"))
    assert "owner" not in [c.key for c in actions.columns]
    assert all(len(row.cells) == len(actions.columns) == 7 for row in actions.rows)
    assert not any("J. Smith" in cell.display for row in actions.rows for cell in row.cells)
