"""Which actions each role may take on a complaint it can see."""

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.cases.permissions import Action, complaint_actions
from fairhearing.cases.tests.factories import make_complaint, officer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("roles", "allowed", "refused"),
    [
        ((Role.COMPLAINTS_MANAGER,), {Action.RESTRICT, Action.VIEW_LOG, Action.CLOSE}, {Action.ADJUDICATE}),
        ((Role.COMPLAINTS_OFFICER,), {Action.RESTRICT, Action.EXTEND}, {Action.VIEW_LOG, Action.ADJUDICATE}),
        ((Role.SENIOR_MANAGER,), {Action.ADJUDICATE, Action.COUNCIL_RESPOND}, {Action.CLOSE, Action.RESTRICT}),
        ((Role.RESPONDING_MANAGER,), {Action.RESPOND, Action.NOTE}, {Action.EXTEND, Action.CLOSE}),
        ((Role.INVESTIGATOR,), {Action.VIEW, Action.UPLOAD}, {Action.RESPOND}),
        ((Role.LEARNING_LEAD,), set(), {Action.VIEW}),
        ((Role.REPORT_READER,), set(), {Action.VIEW}),
        ((Role.ADMINISTRATOR,), set(), {Action.VIEW}),
    ],
)
def test_role_actions(roles, allowed, refused):
    user = UserFactory(roles=roles)
    actions = complaint_actions(user=user, complaint=make_complaint(actor=officer()))
    assert allowed <= actions
    assert not (refused & actions)


def test_superuser_is_not_offered_the_senior_managers_adjudication():
    user = UserFactory(is_superuser=True)
    actions = complaint_actions(user=user, complaint=make_complaint(actor=officer()))
    assert Action.CLOSE in actions and Action.ADJUDICATE not in actions


def test_inactive_user_may_do_nothing():
    user = UserFactory(roles=[Role.COMPLAINTS_MANAGER], is_active=False)
    assert complaint_actions(user=user, complaint=make_complaint(actor=officer())) == frozenset()
