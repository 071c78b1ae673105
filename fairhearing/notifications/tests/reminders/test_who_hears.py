"""Who hears about what: holders, the access rules (a person only hears about records they may
open), records held by nobody, and the escalation to the complaints managers."""

import pytest
from django.contrib.auth.models import Group

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.access import complaint_exclude, complaint_restrict_to
from fairhearing.cases.kinds.access import concerns_visible_to
from fairhearing.cases.tests.kinds.factories import ConcernFactory
from fairhearing.learning.models import Action
from fairhearing.learning.tests.factories import ActionFactory
from fairhearing.notifications.reminders.items import DEADLINES, DIGEST
from fairhearing.notifications.reminders.run import ESCALATION, reminders_plan, reminders_send
from fairhearing.ombudsman.tests.factories import OmbudsmanCaseFactory, RecommendationFactory
from fairhearing.stages.services import stage_pause

from .conftest import (
    RECEIVED,
    D,
    complaint_held_by,
    email_for,
    enquiry_due,
    outbox,
    references_for,
    stage_one,
    stage_two,
)

pytestmark = pytest.mark.django_db

# Monday 9 June 2025: five working days ahead is Monday 16 June, the Stage 1 due date.
MONDAY = D(2025, 6, 9)


def plan(today=MONDAY):
    return reminders_plan(today=today, days=5)


def test_the_officer_holding_a_complaint_hears_of_its_acknowledgement_and_stage(officer, manager):
    complaint = complaint_held_by(officer, actor=manager)
    digest = email_for(plan(today=RECEIVED), officer, DIGEST)
    assert [(item.reference, item.what, item.due_on) for item in digest.items] == [
        (complaint.reference, "acknowledgement", D(2025, 6, 5)),
    ]
    stage_one(complaint, actor=manager)
    digest = email_for(plan(), officer, DIGEST)
    assert [(item.what, item.due_on) for item in digest.items] == [
        ("acknowledgement", D(2025, 6, 5)), ("Stage 1 response", D(2025, 6, 16)),
    ]
    assert digest.overdue_count == 1


def test_an_officer_does_not_hear_about_a_complaint_restricted_to_others(officer, other_officer, manager):
    complaint = complaint_held_by(officer, actor=manager)
    stage_one(complaint, actor=manager)
    assert references_for(plan(), officer, DIGEST) == [complaint.reference, complaint.reference]
    complaint_restrict_to(complaint=complaint, users=[other_officer], actor=manager)
    assert email_for(plan(), officer, DIGEST) is None
    # The manager who restricted it (and so is named) still sees it in the escalation.
    assert complaint.reference in references_for(plan(), manager, ESCALATION)


def test_a_person_excluded_from_a_complaint_hears_nothing_of_it_even_as_a_manager(officer, manager):
    other_manager = UserFactory(username="manager-2", roles=[Role.COMPLAINTS_MANAGER])
    complaint = complaint_held_by(None, actor=officer)
    stage_one(complaint, actor=officer)
    assert complaint.reference in references_for(plan(), manager, DIGEST)  # not allocated: managers hear
    complaint_exclude(complaint=complaint, users=[manager], actor=other_manager)
    assert email_for(plan(), manager, DIGEST) is None
    assert email_for(plan(), manager, ESCALATION) is None
    assert complaint.reference in references_for(plan(), other_manager, ESCALATION)


def test_responding_managers_hear_of_stage_one_for_their_own_teams_only(officer, manager, responding_manager, team):
    ours = complaint_held_by(officer, actor=manager, team=team)
    theirs = complaint_held_by(officer, actor=manager, team=TeamFactory(name="Children in Care Team"))
    stage_one(ours, actor=manager)
    stage_one(theirs, actor=manager)
    digest = email_for(plan(), responding_manager, DIGEST)
    # Not the acknowledgement (the complaints team's job), not another team's complaint.
    assert [(item.reference, item.what) for item in digest.items] == [(ours.reference, "Stage 1 response")]


def test_the_investigators_hear_of_their_stage_two_and_no_one_elses(officer, manager):
    investigator = UserFactory(username="io", roles=[Role.INVESTIGATOR])
    independent = UserFactory(username="ip", roles=[Role.INVESTIGATOR])
    bystander = UserFactory(username="io-2", roles=[Role.INVESTIGATOR])
    complaint = complaint_held_by(officer, actor=manager)
    complaint.acknowledged_on = complaint.received_on
    complaint.save(update_fields=["acknowledged_on"])
    stage_two(complaint, actor=manager, investigating_officer=investigator, independent_person=independent)
    today = D(2025, 7, 30)  # five working days ahead is Wednesday 6 August, the Stage 2 due date
    result = plan(today=today)
    for person in (investigator, independent, officer):
        assert [(i.reference, i.what, i.due_on) for i in email_for(result, person, DIGEST).items] == [
            (complaint.reference, "Stage 2 response", D(2025, 8, 6)),
        ]
    assert email_for(result, bystander, DIGEST) is None
    assert email_for(plan(today=D(2025, 7, 29)), investigator, DIGEST) is None  # 6 working days ahead


def test_a_paused_stage_is_not_chased(officer, manager):
    complaint = complaint_held_by(officer, actor=manager)
    complaint.acknowledged_on = complaint.received_on
    complaint.save(update_fields=["acknowledged_on"])
    stage = stage_one(complaint, actor=manager)
    stage_pause(stage=stage, reason="police_investigation", started_on=D(2025, 6, 6), actor=manager,
                today=D(2025, 6, 6))
    assert email_for(plan(), officer, DIGEST) is None


def test_records_held_by_nobody_or_an_inactive_account_go_to_the_complaints_managers(officer, manager):
    unallocated = complaint_held_by(None, actor=manager)
    leaver = UserFactory(username="leaver", roles=[Role.COMPLAINTS_OFFICER])
    left_behind = complaint_held_by(leaver, actor=manager)
    leaver.is_active = False
    leaver.save(update_fields=["is_active"])
    result = plan(today=RECEIVED)
    assert references_for(result, manager, DIGEST) == sorted([unallocated.reference, left_behind.reference])
    assert email_for(result, officer, DIGEST) is None
    assert result.skipped_inactive == 1


def test_enquiries_and_initial_feedback_go_to_who_logged_them_and_the_teams_responding_managers(
    officer, other_officer, responding_manager, team
):
    enquiry = enquiry_due(D(2025, 6, 11), held_by=officer, team=team)
    elsewhere = enquiry_due(D(2025, 6, 11), held_by=officer, team=TeamFactory(name="Fostering Team"))
    concern = ConcernFactory(created_by=other_officer, team=team, received_on=D(2025, 6, 2),
                             response_due_on=D(2025, 6, 12))
    assert concerns_visible_to(responding_manager).filter(pk=concern.pk).exists()
    result = plan()
    assert references_for(result, officer, DIGEST) == [enquiry.reference, elsewhere.reference]
    assert references_for(result, other_officer, DIGEST) == [concern.reference]
    assert references_for(result, responding_manager, DIGEST) == [enquiry.reference, concern.reference]


def test_ombudsman_deadlines_go_to_the_cases_officer(officer, other_officer):
    case = OmbudsmanCaseFactory(assigned_to=officer, information_requested_on=D(2025, 6, 2),
                                information_due_on=D(2025, 6, 13))
    recommendation = RecommendationFactory(case=case, number=1, due_on=D(2025, 6, 6))
    RecommendationFactory(case=case, number=2, due_on=D(2025, 7, 1))  # beyond the look-ahead
    RecommendationFactory(case=case, number=3, due_on=D(2025, 6, 10), compliance="complied",
                          completed_on=D(2025, 6, 9))
    result = plan()
    digest = email_for(result, officer, DIGEST)
    assert [(i.reference, i.what) for i in digest.items] == [
        (f"Ombudsman case {case.lgsco_reference}", "information for the Ombudsman"),
    ]
    reminder = email_for(result, officer, DEADLINES)
    assert [(i.what, i.due_on) for i in reminder.items] == [("recommendation 1", recommendation.due_on)]
    assert reminder.overdue_count == 1
    assert email_for(result, other_officer, DEADLINES) is None


def test_an_ombudsman_case_about_a_complaint_closed_to_its_officer_is_not_mentioned(officer, other_officer, manager):
    complaint = complaint_held_by(other_officer, actor=manager)
    case = OmbudsmanCaseFactory(assigned_to=officer)
    case.complaints.add(complaint)
    RecommendationFactory(case=case, number=1, due_on=D(2025, 6, 10))
    assert email_for(plan(), officer, DEADLINES) is not None
    complaint_exclude(complaint=complaint, users=[officer], actor=manager)
    assert email_for(plan(), officer, DEADLINES) is None


def test_action_plan_deadlines_go_to_the_owner_while_they_may_see_plans(officer, manager):
    learning_lead = UserFactory(username="learning-lead", roles=[Role.LEARNING_LEAD])
    owned = ActionFactory(owned_by=officer, target_on=D(2025, 6, 13))
    unowned = ActionFactory(plan=owned.plan, target_on=D(2025, 6, 4))
    ActionFactory(plan=owned.plan, owned_by=officer, target_on=D(2025, 6, 12), status="complete",
                  completed_on=D(2025, 6, 1))
    result = plan()
    assert [(i.reference, i.what) for i in email_for(result, officer, DEADLINES).items] == [
        (f"Action plan 2022-23, action {owned.number}", "target completion"),
    ]
    # An action with no owner who signs in goes to those who may change plans.
    for person in (learning_lead, manager):
        assert references_for(result, person, DEADLINES) == [f"Action plan 2022-23, action {unowned.number}"]
    # Someone who loses the role that lets them see plans stops hearing about the action.
    officer.groups.clear()
    officer.groups.add(Group.objects.get_or_create(name=str(Role.RESPONDING_MANAGER))[0])
    assert email_for(plan(), officer, DEADLINES) is None
    assert Action.objects.filter(owned_by=officer).count() == 2


def test_escalation_lists_everything_overdue_that_the_manager_may_see_and_nothing_due_soon(officer, manager):
    overdue = enquiry_due(D(2025, 6, 6), held_by=officer)  # the last working day: newly overdue today
    enquiry_due(D(2025, 6, 10), held_by=officer)  # due soon: not the manager's concern yet
    case = OmbudsmanCaseFactory(assigned_to=officer)
    RecommendationFactory(case=case, number=1, due_on=D(2025, 6, 2))
    action = ActionFactory(owned_by=officer, target_on=D(2025, 5, 30))
    escalation = email_for(plan(), manager, ESCALATION)
    assert [item.reference for item in escalation.items] == [
        f"Action plan 2022-23, action {action.number}", f"Ombudsman case {case.lgsco_reference}", overdue.reference,
    ]
    assert (escalation.overdue_count, escalation.due_count) == (3, 0)
    new, older = escalation.items_text().split("\n\nOverdue before that:\n")
    assert new == (f"Overdue since the last working day:\n- {overdue.reference}: reply to the Member's "
                   "enquiry was due 6 June 2025 (overdue)")
    assert older.count("\n- ") == 1 and action.plan.period_label in older


def test_escalations_are_sent_only_when_something_is_overdue(officer, manager):
    enquiry_due(D(2025, 6, 10), held_by=officer)
    reminders_send(today=MONDAY, days=5)
    assert [message.template_key for message in outbox()] == [DIGEST]
