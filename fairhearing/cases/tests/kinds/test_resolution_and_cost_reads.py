"""The reads the ADR, IRO dispute and costs pages use: who may see the kind at all (agreeing with
the access rules), the filtered lists, and each complaint's own ADR and costs."""

from decimal import Decimal

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.cases.access import complaint_exclude
from fairhearing.cases.kind_choices import AdrResult, CostKind, IroStage
from fairhearing.cases.kinds.access import (
    adr_cases_visible_to,
    costs_visible_to,
    iro_disputes_visible_to,
)
from fairhearing.cases.kinds.costs import (
    cost_first_financial_year,
    costs_for_complaint,
    costs_for_list,
    financial_year_bounds,
    user_may_view_costs,
)
from fairhearing.cases.kinds.resolutions import (
    adr_cases_for_complaint,
    adr_cases_for_list,
    iro_disputes_for_list,
    user_may_view_resolutions,
)
from fairhearing.cases.tests.factories import make_complaint

from .conftest import D
from .factories import AdrCaseFactory, CostFactory, IroDisputeFactory

pytestmark = pytest.mark.django_db


def _user(role):  # noqa: ANN001, ANN202
    if role == "superuser":
        return UserFactory(username="root", is_superuser=True)
    return UserFactory(username=f"u-{role}", roles=[role] if role else [])


@pytest.mark.parametrize("role", [*Role.values, "superuser", ""])
def test_who_may_see_the_kind_agrees_with_the_access_rules(role):
    AdrCaseFactory()
    IroDisputeFactory()
    CostFactory()
    user = _user(role)
    assert user_may_view_resolutions(user) is adr_cases_visible_to(user).exists()
    assert user_may_view_resolutions(user) is iro_disputes_visible_to(user).exists()
    assert user_may_view_costs(user) is costs_visible_to(user).exists()
    assert user_may_view_resolutions(user) is (role in {Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER,
                                                        Role.SENIOR_MANAGER, "superuser"})


def test_an_inactive_user_may_see_nothing():
    user = _user(Role.COMPLAINTS_MANAGER)
    user.is_active = False
    assert not user_may_view_resolutions(user) and not user_may_view_costs(user)


def test_adr_list_filters(actor):
    complaint = make_complaint(actor=actor)
    first = AdrCaseFactory(complaint=complaint, stage_number=1, offered_on=D(2022, 1, 10), held_on=D(2022, 1, 12),
                           result=AdrResult.RESOLVED, saving=Decimal("10"))
    second = AdrCaseFactory(offered_on=D(2022, 3, 31))
    manager = _user(Role.COMPLAINTS_MANAGER)
    assert list(adr_cases_for_list(user=manager)) == [second, first]
    assert list(adr_cases_for_list(user=manager, result=AdrResult.RESOLVED)) == [first]
    assert list(adr_cases_for_list(user=manager, stage_number=1)) == [first]
    assert list(adr_cases_for_list(user=manager, without_stage=True)) == [second]
    assert list(adr_cases_for_list(user=manager, offered_from=D(2022, 3, 31))) == [second]
    assert list(adr_cases_for_list(user=manager, offered_to=D(2022, 3, 30))) == [first]
    assert list(adr_cases_for_list(user=manager, offered_from=D(2022, 1, 10), offered_to=D(2022, 1, 10))) == [first]


def test_iro_dispute_list_filters():
    open_one = IroDisputeFactory(raised_on=D(2022, 1, 5))
    resolved = IroDisputeFactory(raised_on=D(2022, 1, 6), local_stage=IroStage.DIRECTOR, outcome="Agreed.",
                                 resolved_on=D(2022, 2, 1))
    officer = _user(Role.COMPLAINTS_OFFICER)
    assert list(iro_disputes_for_list(user=officer)) == [resolved, open_one]
    assert list(iro_disputes_for_list(user=officer, is_open=True)) == [open_one]
    assert list(iro_disputes_for_list(user=officer, is_open=False)) == [resolved]
    assert list(iro_disputes_for_list(user=officer, local_stage=IroStage.DIRECTOR)) == [resolved]
    assert list(iro_disputes_for_list(user=_user(Role.RESPONDING_MANAGER))) == []


def test_costs_list_by_financial_year_at_its_boundaries():
    last_day_before = CostFactory(incurred_on=D(2022, 3, 31))
    first_day = CostFactory(incurred_on=D(2022, 4, 1), kind=CostKind.OTHER)
    last_day = CostFactory(incurred_on=D(2023, 3, 31))
    first_day_after = CostFactory(incurred_on=D(2023, 4, 1))
    senior = _user(Role.SENIOR_MANAGER)
    assert financial_year_bounds(2022) == (D(2022, 4, 1), D(2023, 3, 31))
    assert list(costs_for_list(user=senior, financial_year=2022)) == [last_day, first_day]
    assert list(costs_for_list(user=senior, financial_year=2021)) == [last_day_before]
    assert list(costs_for_list(user=senior, financial_year=2023)) == [first_day_after]
    assert list(costs_for_list(user=senior, kind=CostKind.OTHER)) == [first_day]


def test_the_first_financial_year_is_that_of_the_earliest_cost():
    assert cost_first_financial_year(default=2025) == 2025
    CostFactory(incurred_on=D(2021, 3, 31))
    CostFactory(incurred_on=D(2022, 5, 1))
    assert cost_first_financial_year(default=2025) == 2020


def test_a_complaints_own_adr_and_costs_are_hidden_from_those_excluded_from_it(actor):
    complaint, other = make_complaint(actor=actor), make_complaint(actor=actor)
    later = AdrCaseFactory(complaint=complaint, offered_on=D(2022, 2, 1))
    earlier = AdrCaseFactory(complaint=complaint, offered_on=D(2022, 1, 10))
    AdrCaseFactory(complaint=other)
    cost = CostFactory(complaint=complaint, kind=CostKind.PAYMENT)
    CostFactory(complaint=other)
    manager = _user(Role.COMPLAINTS_MANAGER)
    assert list(adr_cases_for_complaint(user=manager, complaint=complaint)) == [earlier, later]
    assert list(costs_for_complaint(user=manager, complaint=complaint)) == [cost]
    complaint_exclude(complaint=complaint, users=[manager], actor=actor)
    assert not adr_cases_for_complaint(user=manager, complaint=complaint).exists()
    assert not costs_for_complaint(user=manager, complaint=complaint).exists()
    assert not adr_cases_for_list(user=manager).filter(complaint=complaint).exists()
    assert not costs_for_list(user=manager).filter(complaint=complaint).exists()
