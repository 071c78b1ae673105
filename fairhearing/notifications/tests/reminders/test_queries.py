"""The day's plan costs the same number of queries whether people hold one record of each kind or
many: one query per kind per person, none per record. That includes the kinds other apps register
(complaints sent online, waiting in the queue)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.cases.tests.kinds.factories import ConcernFactory
from fairhearing.learning.tests.factories import ActionFactory, ActionPlanFactory
from fairhearing.notifications.reminders.run import reminders_plan, reminders_send
from fairhearing.ombudsman.tests.factories import OmbudsmanCaseFactory, RecommendationFactory
from fairhearing.publicforms.tests.factories import OnlineSubmissionFactory

from .conftest import D, complaint_held_by, enquiry_due, outbox, stage_one

pytestmark = pytest.mark.django_db

TODAY = D(2025, 6, 9)
NEXT_DAY = D(2025, 6, 10)


def _records(count, *, officer, manager, team, plan):
    """``count`` records of every kind, all held by the officer (some overdue, some due soon), and
    ``count`` complaints sent online, which nobody holds (the complaints manager hears of them)."""
    for n in range(count):
        stage_one(complaint_held_by(officer, actor=manager, team=team), actor=manager)
        enquiry_due(D(2025, 6, 6 + n % 5), held_by=officer, team=team)
        ConcernFactory(created_by=officer, team=team, received_on=D(2025, 6, 2), response_due_on=D(2025, 6, 10))
        case = OmbudsmanCaseFactory(assigned_to=officer, information_requested_on=D(2025, 6, 2),
                                    information_due_on=D(2025, 6, 12))
        RecommendationFactory(case=case, number=1, due_on=D(2025, 6, 5))
        ActionFactory(plan=plan, owned_by=officer, target_on=D(2025, 6, 13))
        OnlineSubmissionFactory(acknowledge_by=D(2025, 6, 5 + n % 5))


def _reminders_queued():
    """The day's reminders in the outbox (the officer's allocation emails are there too)."""
    return [message for message in outbox() if message.template_key != "case_allocated"]


def _queries(function):
    with CaptureQueriesContext(connection) as captured:
        result = function()
    return len(captured), result


def test_plan_and_send_queries_do_not_grow_with_the_number_of_records(officer, manager, responding_manager, team):
    UserFactory(username="learning-lead", roles=[Role.LEARNING_LEAD])
    plan = ActionPlanFactory()
    _records(1, officer=officer, manager=manager, team=team, plan=plan)
    plan_few, small = _queries(lambda: reminders_plan(today=TODAY, days=5))
    send_few, _ = _queries(lambda: reminders_send(today=TODAY, days=5))
    # The officer's digest and deadline reminder, the responding manager's digest, the complaints
    # manager's digest (the online forms) and escalation.
    assert len(small.emails) == len(_reminders_queued()) == 5

    _records(6, officer=officer, manager=manager, team=team, plan=plan)
    plan_many, large = _queries(lambda: reminders_plan(today=NEXT_DAY, days=5))
    send_many, _ = _queries(lambda: reminders_send(today=NEXT_DAY, days=5))
    assert len(large.emails) == 5 and len(_reminders_queued()) == 10
    assert sum(len(email.items) for email in large.emails) > 5 * sum(len(email.items) for email in small.emails)
    assert plan_many == plan_few
    assert send_many == send_few
