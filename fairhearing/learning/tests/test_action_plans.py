"""Action plans (seed 003's last table): creating a plan for a period and correcting it. Its
actions are in test_actions.py and their dated updates in test_action_updates.py."""

import pytest

from fairhearing.core.errors import DomainError
from fairhearing.learning.models import ActionPlan
from fairhearing.learning.services import action_plan_create, action_plan_update

from .factories import ActionPlanFactory, D
from .helpers import events

pytestmark = pytest.mark.django_db


# Plans ------------------------------------------------------------------------------------------


def test_creates_a_plan_for_a_period(actor):
    plan = action_plan_create(title=" Complaints and Compliments Action Plan ", period_label="2022-23",
                              starts_on=D(2022, 4, 1), ends_on=D(2023, 3, 31), actor=actor)
    plan.refresh_from_db()
    assert (plan.title, plan.period_label) == ("Complaints and Compliments Action Plan", "2022-23")
    assert plan.created_by == actor
    event = events("action_plan.created").get()
    assert event.subject_id == plan.pk
    assert event.summary == "Action plan 2022-23 created (1 April 2022 to 31 March 2023)"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_on": D(2022, 4, 1)}, "The plan must end after it starts"),  # same day
        ({"ends_on": D(2022, 3, 31)}, "The plan must end after it starts"),
        ({"title": " "}, "Enter a title"),
        ({"period_label": ""}, "Enter the period the plan covers"),
        ({"starts_on": None}, "Enter the dates the plan starts and ends"),
    ],
)
def test_plan_bad_input_is_refused_and_nothing_saved(actor, overrides, message):
    values = dict(title="Action plan", period_label="2022-23", starts_on=D(2022, 4, 1),
                  ends_on=D(2023, 3, 31), actor=actor)
    values.update(overrides)
    with pytest.raises(DomainError, match=message):
        action_plan_create(**values)
    assert not ActionPlan.objects.exists()
    assert not events("action_plan.created").exists()


def test_plan_ending_the_day_after_it_starts_is_accepted(actor):
    plan = action_plan_create(title="Short plan", period_label="Q1", starts_on=D(2022, 4, 1),
                              ends_on=D(2022, 4, 2), actor=actor)
    assert plan.pk


# Correcting a plan ------------------------------------------------------------------------------


def change_plan(plan, actor, **overrides):
    values = dict(plan=plan, title=plan.title, period_label=plan.period_label, starts_on=plan.starts_on,
                  ends_on=plan.ends_on, actor=actor)
    values.update(overrides)
    return action_plan_update(**values)


def test_correcting_a_plan_saves_and_audits_what_changed(actor):
    plan = ActionPlanFactory()
    change_plan(plan, actor, title=" Learning Action Plan ", ends_on=D(2023, 4, 30))
    plan.refresh_from_db()
    assert (plan.title, plan.period_label, plan.ends_on) == ("Learning Action Plan", "2022-23", D(2023, 4, 30))
    event = events("action_plan.updated").get()
    assert (event.subject_id, event.actor) == (plan.pk, actor)
    assert event.changes == {"title": ["Complaints and Compliments Action Plan", "Learning Action Plan"],
                             "ends_on": ["2023-03-31", "2023-04-30"]}
    assert event.summary == "Action plan 2022-23 changed (title, end date)"


def test_a_plan_unchanged_writes_nothing(actor):
    plan = ActionPlanFactory()
    change_plan(plan, actor, period_label=" 2022-23 ")
    assert not events("action_plan.updated").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_on": D(2022, 4, 1)}, "The plan must end after it starts"),  # same day
        ({"starts_on": D(2023, 4, 1)}, "The plan must end after it starts"),
        ({"title": ""}, "Enter a title"),
        ({"title": "x" * 201}, "The title must be 200 characters or fewer"),
        ({"period_label": " "}, "Enter the period the plan covers"),
        ({"ends_on": None}, "Enter the dates the plan starts and ends"),
    ],
)
def test_a_plan_correction_with_bad_input_is_refused_and_nothing_saved(actor, overrides, message):
    plan = ActionPlanFactory()
    with pytest.raises(DomainError, match=message):
        change_plan(plan, actor, **{"title": "Not saved", **overrides})
    plan.refresh_from_db()
    assert plan.title == "Complaints and Compliments Action Plan" and plan.ends_on == D(2023, 3, 31)
    assert not events("action_plan.updated").exists()


def test_a_plan_may_end_the_day_after_it_starts(actor):
    plan = ActionPlanFactory()
    assert change_plan(plan, actor, ends_on=D(2022, 4, 2)).ends_on == D(2022, 4, 2)
