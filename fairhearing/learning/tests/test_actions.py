"""Actions in an action plan: their numbers, the words and dates in the plan's columns, the
complaints and Ombudsman cases that prompted them, and correcting them."""

import pytest
from django.db import IntegrityError, transaction

from fairhearing.cases.tests.factories import make_complaint
from fairhearing.core.errors import DomainError
from fairhearing.learning.choices import ActionStatus
from fairhearing.learning.models import Action
from fairhearing.learning.services import (
    action_add,
    action_edit,
    action_link_complaint,
    action_link_ombudsman_case,
)

from .factories import ActionFactory, ActionPlanFactory, D, make_ombudsman_case
from .helpers import events

pytestmark = pytest.mark.django_db


# Actions and their numbers -------------------------------------------------------------------


def add(plan, actor, **overrides):
    values = dict(plan=plan, task="All staff to have GDPR training", owner="All Heads of Service",
                  actor=actor)
    values.update(overrides)
    return action_add(**values)


def test_actions_are_numbered_in_turn(actor):
    plan = ActionPlanFactory()
    assert [add(plan, actor).number for _ in range(3)] == [1, 2, 3]


def test_a_given_number_is_kept_and_the_next_follows_the_highest(actor):
    plan = ActionPlanFactory()
    assert add(plan, actor, number=5).number == 5
    assert add(plan, actor, number=2).number == 2
    assert add(plan, actor).number == 6


def test_each_plan_numbers_from_one(actor):
    first, second = ActionPlanFactory(), ActionPlanFactory(period_label="2023-24")
    add(first, actor)
    add(first, actor)
    assert add(second, actor).number == 1


def test_a_number_already_used_in_the_plan_is_refused(actor):
    """Seed 003's own action plan numbers two different actions "10" (GDPR training, and the CAD
    caseload review), so "action 10" in a quarterly update would be ambiguous. Here the second 10
    is refused with a message that offers the next free number, and nothing is saved."""
    plan = ActionPlanFactory()
    add(plan, actor, number=10, task="All staff to have GDPR training")
    with pytest.raises(DomainError, match=r"This plan already has an action 10\. .* next one \(11\)"):
        add(plan, actor, number=10, task="Review of the CAD services caseloads")
    assert list(plan.actions.values_list("number", "task")) == [(10, "All staff to have GDPR training")]
    assert events("action.added").count() == 1


def test_database_refuses_two_actions_with_one_number_in_a_plan():
    action = ActionFactory(number=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(plan=action.plan, number=10, task="Review of the CAD services caseloads",
                              owner="Caroline Penfold")


@pytest.mark.parametrize("number", [0, -1, 40000])
def test_action_numbers_out_of_range_are_refused(actor, number):
    plan = ActionPlanFactory()
    with pytest.raises(DomainError, match="Action numbers run from 1 to 32,767"):
        add(plan, actor, number=number)
    assert not Action.objects.exists()


def test_action_keeps_words_and_dates_for_the_plan_columns(actor, complaint):
    plan = ActionPlanFactory()
    case = make_ombudsman_case()
    action = add(
        plan, actor, intended_outcome="Improved understanding of data protection duties",
        start_by=D(2022, 4, 1), start_by_text="From April 22", target_on=D(2022, 9, 30),
        target_text="", complaints=[complaint], ombudsman_cases=[case],
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED
    assert (action.start_by_label, action.target_label) == ("From April 22", "30 September 2022")
    assert list(action.complaints.all()) == [complaint]
    assert list(complaint.actions.all()) == [action]
    assert list(case.actions.all()) == [action]
    event = events("action.added").get()
    assert event.subject_id == action.pk
    assert event.summary == "Action 1 added to action plan 2022-23"
    assert event.data["complaints"] == [complaint.reference]
    assert event.data["ombudsman_cases"] == ["22 001 234"]


def test_target_in_words_only_is_allowed(actor):
    action = add(ActionPlanFactory(), actor, target_text="On-going")
    assert (action.target_on, action.target_label) == (None, "On-going")


@pytest.mark.parametrize(
    ("target_on", "allowed"),
    [(D(2022, 4, 1), True), (D(2022, 3, 31), False)],
)
def test_target_not_before_the_start(actor, target_on, allowed):
    plan = ActionPlanFactory()
    if allowed:
        assert add(plan, actor, start_by=D(2022, 4, 1), target_on=target_on).target_on == target_on
        return
    with pytest.raises(DomainError, match=r"cannot be before the action starts \(1 April 2022\)"):
        add(plan, actor, start_by=D(2022, 4, 1), target_on=target_on)
    assert not Action.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"task": ""}, "Describe the task or action"),
        ({"owner": "  "}, "Enter who owns the action"),
        ({"owner": "x" * 301}, "owner must be 300 characters or fewer"),
        ({"target_text": "x" * 101}, "target date in words must be 100 characters or fewer"),
    ],
)
def test_action_bad_input_is_refused_and_nothing_saved(actor, overrides, message):
    with pytest.raises(DomainError, match=message):
        add(ActionPlanFactory(), actor, **overrides)
    assert not Action.objects.exists()
    assert not events("action.added").exists()


# Links ------------------------------------------------------------------------------------------


def test_link_a_complaint_to_an_action(actor):
    action = ActionFactory()
    complaint = make_complaint(actor=actor)
    action_link_complaint(action=action, complaint=complaint, actor=actor)
    assert list(action.complaints.all()) == [complaint]
    event = events("action.complaint_linked").get()
    assert event.subject_id == action.pk
    assert event.summary == f"Action 1 of action plan 2022-23 linked to complaint {complaint.reference}"


def test_linking_the_same_complaint_twice_is_refused(actor):
    action = ActionFactory()
    complaint = make_complaint(actor=actor)
    action_link_complaint(action=action, complaint=complaint, actor=actor)
    with pytest.raises(DomainError, match=f"already linked to {complaint.reference}"):
        action_link_complaint(action=action, complaint=complaint, actor=actor)
    assert events("action.complaint_linked").count() == 1


def test_link_an_ombudsman_case_to_an_action(actor):
    action = ActionFactory()
    case = make_ombudsman_case(lgsco_reference="21 012 345")
    action_link_ombudsman_case(action=action, ombudsman_case=case, actor=actor)
    assert list(action.ombudsman_cases.all()) == [case]
    assert list(case.actions.all()) == [action]
    event = events("action.ombudsman_case_linked").get()
    assert event.subject_id == action.pk
    assert event.summary == "Action 1 of action plan 2022-23 linked to Ombudsman case 21 012 345"


def test_linking_the_same_ombudsman_case_twice_is_refused(actor):
    action = ActionFactory()
    case = make_ombudsman_case()
    action_link_ombudsman_case(action=action, ombudsman_case=case, actor=actor)
    with pytest.raises(DomainError, match="already linked to Ombudsman case 22 001 234"):
        action_link_ombudsman_case(action=action, ombudsman_case=case, actor=actor)
    assert events("action.ombudsman_case_linked").count() == 1


# Correcting an action ---------------------------------------------------------------------------


def edit(action, actor, **overrides):
    values = dict(action=action, task=action.task, owner=action.owner, intended_outcome=action.intended_outcome,
                  start_by=action.start_by, start_by_text=action.start_by_text, target_on=action.target_on,
                  target_text=action.target_text, actor=actor)
    values.update(overrides)
    return action_edit(**values)


def test_correcting_an_action_saves_and_audits_what_changed(actor):
    action = ActionFactory(target_on=D(2022, 9, 30))
    edit(action, actor, owner=" Team Managers ", start_by=D(2022, 5, 1), start_by_text="",
         target_on=D(2022, 12, 31), intended_outcome="Fewer data breaches.")
    action.refresh_from_db()
    assert (action.owner, action.start_by, action.start_by_text, action.target_on, action.intended_outcome) == (
        "Team Managers", D(2022, 5, 1), "", D(2022, 12, 31), "Fewer data breaches.")
    assert action.number == 1 and action.status == ActionStatus.NOT_STARTED
    event = events("action.edited").get()
    assert (event.subject_id, event.actor) == (action.pk, actor)
    assert set(event.changes) == {"owner", "start_by", "start_by_text", "target_on", "intended_outcome"}
    assert event.changes["target_on"] == ["2022-09-30", "2022-12-31"]
    assert event.summary == ("Action 1 of action plan 2022-23 changed (owner, by date, by date in words, "
                             "intended outcome, target completion date)")


def test_an_action_unchanged_writes_nothing(actor):
    action = ActionFactory()
    edit(action, actor, task=f"{action.task}  ")
    assert not events("action.edited").exists()


def test_a_complete_action_keeps_its_status_when_corrected(actor):
    action = ActionFactory(status=ActionStatus.COMPLETE, completed_on=D(2022, 9, 1))
    edit(action, actor, task="All staff trained in GDPR.")
    action.refresh_from_db()
    assert (action.status, action.completed_on, action.task) == (
        ActionStatus.COMPLETE, D(2022, 9, 1), "All staff trained in GDPR.")


@pytest.mark.parametrize(
    ("target_on", "allowed"),
    [(D(2022, 5, 1), True), (D(2022, 4, 30), False)],
)
def test_a_corrected_target_cannot_be_before_the_start(actor, target_on, allowed):
    action = ActionFactory(start_by=D(2022, 5, 1), target_on=D(2022, 9, 30))
    if allowed:
        assert edit(action, actor, target_on=target_on).target_on == target_on
        return
    with pytest.raises(DomainError, match=r"cannot be before the action starts \(1 May 2022\)"):
        edit(action, actor, target_on=target_on)
    action.refresh_from_db()
    assert action.target_on == D(2022, 9, 30)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"task": " "}, "Describe the task or action"),
        ({"owner": ""}, "Enter who owns the action"),
        ({"owner": "x" * 301}, "owner must be 300 characters or fewer"),
        ({"start_by_text": "x" * 101}, "start date in words must be 100 characters or fewer"),
        ({"target_text": "x" * 101}, "target date in words must be 100 characters or fewer"),
    ],
)
def test_an_action_correction_with_bad_input_is_refused_and_nothing_saved(actor, overrides, message):
    action = ActionFactory()
    with pytest.raises(DomainError, match=message):
        edit(action, actor, **{"intended_outcome": "Not saved", **overrides})
    action.refresh_from_db()
    assert action.intended_outcome == "Better understanding of data protection duties."
    assert not events("action.edited").exists()
