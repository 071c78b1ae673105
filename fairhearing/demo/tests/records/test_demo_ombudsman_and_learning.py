"""The demo council's Ombudsman cases and learning: notes, meetings and action plans.

The demo is loaded once for the package on a fixed day (see conftest.py and common.py).
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.kind_choices import CostKind
from fairhearing.learning.choices import ActionStatus
from fairhearing.learning.models import (
    Action,
    ActionPlan,
    LearningMeeting,
    LearningNote,
)
from fairhearing.learning.selectors import actions_overdue
from fairhearing.ombudsman.choices import (
    ClosingReason,
    Compliance,
    DecisionLabel,
    OmbudsmanPhase,
    RecommendationKind,
)
from fairhearing.ombudsman.models import OmbudsmanCase, Recommendation
from fairhearing.publicforms.models import OnlineSubmission
from fairhearing.stages.choices import Outcome, StageStatus
from fairhearing.stages.models import Stage

from .common import DAY, YEARS, _in

pytestmark = pytest.mark.django_db


# -- Ombudsman ---------------------------------------------------------------------------------------

def test_ombudsman_upheld_with_injustice_and_a_300_payment_complied_with(loaded):
    case = OmbudsmanCase.objects.get(decision=DecisionLabel.UPHELD, fault=True, injustice=True,
                                     remedy_already_provided=False)
    payment = case.recommendations.get(kind=RecommendationKind.PAYMENT)
    assert payment.amount == Decimal("300.00") and payment.compliance == Compliance.COMPLIED
    assert payment.completed_on <= payment.due_on
    complaint = case.complaints.get()
    assert complaint.costs.filter(kind=CostKind.PAYMENT, amount=Decimal("300.00"),
                                  incurred_on=payment.completed_on).exists()
    assert case.actions.exists()  # the leaflet review went into that year's action plan


def test_ombudsman_cases_are_handled_by_the_complaints_team_except_the_old_logs(loaded):
    """The officer has the cases with recommendations and the open ones, the manager the rest;
    the two entered from the old log have nobody. Each allocation is audited; nobody was emailed."""
    handled = OmbudsmanCase.objects.filter(assigned_to__isnull=False)
    assert set(handled.values_list("assigned_to__username", flat=True)) == {"officer", "manager"}
    assert not OmbudsmanCase.objects.exclude(historic_category="").filter(assigned_to__isnull=False).exists()
    officer_cases = OmbudsmanCase.objects.filter(assigned_to__username="officer")
    assert officer_cases.filter(recommendations__isnull=False).exists()
    assert officer_cases.exclude(phase=OmbudsmanPhase.DECIDED).count() == 2
    assert AuditEvent.objects.filter(verb="ombudsman.case_assigned").count() == handled.count()
    # The only emails are the acknowledgements of the forms sent online.
    emails = AuditEvent.objects.filter(verb="email.queued")
    assert emails.exists()
    assert not emails.exclude(subject_type=ContentType.objects.get_for_model(OnlineSubmission)).exists()


def test_ombudsman_mix_of_decisions_and_historic_categories_in_the_oldest_year(loaded):
    decided = OmbudsmanCase.objects.filter(phase=OmbudsmanPhase.DECIDED)
    assert decided.filter(closing_reason=ClosingReason.OUT_OF_JURISDICTION).exists()
    assert decided.filter(decision=DecisionLabel.REFERRED_BACK).exists()
    assert decided.filter(decision=DecisionLabel.NOT_UPHELD).exists()
    assert decided.filter(remedy_already_provided=True).exists()
    historic = decided.exclude(historic_category="")
    assert historic.count() == 2
    assert not historic.exclude(_in(YEARS[0], "received_on")).exists()
    assert OmbudsmanCase.objects.exclude(phase=OmbudsmanPhase.DECIDED).count() == 2
    assert Recommendation.objects.filter(compliance=Compliance.COMPLIED_LATE).exists()
    assert Recommendation.objects.filter(compliance=Compliance.PENDING).exists()


def test_each_ombudsman_case_is_about_a_complaint_closed_before_it(loaded):
    for case in OmbudsmanCase.objects.prefetch_related("complaints"):
        complaint = case.complaints.get()
        assert complaint.closed_on is not None and complaint.closed_on < case.received_on
        assert case.person.complaints.filter(complaint=complaint).exists()
    references = list(OmbudsmanCase.objects.values_list("lgsco_reference", flat=True))
    assert len(set(references)) == len(references)


# -- Learning ---------------------------------------------------------------------------------------

def test_most_upheld_stage_one_responses_have_a_learning_note_with_a_root_cause(loaded):
    upheld = Stage.objects.filter(number=1, status=StageStatus.RESPONDED,
                                  outcome__in=[Outcome.UPHELD, Outcome.PARTIALLY_UPHELD],
                                  responded_on__lte=DAY - timedelta(days=21))
    noted = upheld.filter(learning_notes__isnull=False).count()
    assert noted >= 0.7 * upheld.count()
    assert not LearningNote.objects.filter(root_cause="").exists()
    assert LearningNote.objects.values("root_cause").distinct().count() >= 6
    assert LearningNote.objects.filter(shared_with_learning_team_on__isnull=False).count() >= 0.8 * noted
    assert not Stage.objects.filter(outcome=Outcome.NOT_UPHELD, learning_notes__isnull=False).exists()


def test_a_learning_meeting_every_month_with_a_key_priority_approved(loaded):
    months = {(m.year, m.month) for m in LearningMeeting.objects.values_list("held_on", flat=True)}
    expected, day = set(), date(2024, 5, 1)
    while day <= DAY:
        expected.add((day.year, day.month))
        day = (day + timedelta(days=32)).replace(day=1)
    assert months == expected
    assert not LearningMeeting.objects.filter(key_priority="").exists()
    assert LearningMeeting.objects.filter(approved_on__isnull=True).count() <= 1
    assert LearningMeeting.objects.filter(complaints__isnull=False).distinct().count() >= 20


def test_one_action_plan_a_year_with_numbered_actions_updated_each_quarter(loaded):
    plans = ActionPlan.objects.order_by("starts_on")
    assert [plan.period_label for plan in plans] == ["2024-25", "2025-26", "2026-27"]
    for plan in plans:
        actions = plan.actions.all()
        assert 6 <= actions.count() <= 10
        assert list(actions.values_list("number", flat=True)) == list(range(1, actions.count() + 1))
        assert actions.filter(complaints__isnull=False).exists()
        assert not actions.filter(updates__isnull=True).exists()
    assert Action.objects.filter(status=ActionStatus.COMPLETE).count() >= 12
    assert Action.objects.filter(status=ActionStatus.DROPPED).exists()
    assert Action.objects.filter(ombudsman_cases__isnull=False).exists()


def test_actions_owned_by_a_demo_sign_in_name_them_as_the_member_of_staff(loaded):
    owned = Action.objects.filter(owned_by__isnull=False)
    assert set(owned.values_list("owned_by__username", flat=True)) == {"manager", "learning"}
    assert Action.objects.filter(owned_by__isnull=True).count() > owned.count()  # most owners are words
    for action in owned.select_related("owned_by"):
        expected = "Principal Social Worker" if action.owned_by.username == "learning" else \
            "Complaints and Information Manager"
        assert expected in action.owner
    assert owned.filter(ombudsman_cases__isnull=False).exists()  # the leaflet review
    assert AuditEvent.objects.filter(verb="action.owner_assigned").count() == owned.count()


def test_some_actions_are_overdue_now(loaded):
    overdue = actions_overdue(today=DAY)
    assert overdue.count() >= 2
    assert {action.plan.period_label for action in overdue} <= {"2025-26", "2026-27"}
