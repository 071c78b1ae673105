"""Reference data in the admin: local targets editable, statutory periods and records protected."""

import pytest
from django.urls import reverse

from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.cases.models import Procedure
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.stages.models import StageRule

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def rule(procedure, number):
    return StageRule.objects.get(procedure__code=procedure, number=number)


def test_local_escalation_window_is_editable_but_statutory_period_is_not(admin_client):
    stage_one = rule("children-statutory", 1)
    url = reverse("admin:stages_stagerule_change", args=[stage_one.pk])
    response = admin_client.post(url, {"name": stage_one.name, "escalation_window_days": 28, "acknowledgement_days": "",
                                       "response_days": 5, "max_response_days": 5})
    assert response.status_code == 302
    stage_one.refresh_from_db()
    assert stage_one.escalation_window_days == 28
    assert (stage_one.response_days, stage_one.max_response_days) == (10, 20)


def test_corporate_periods_are_local_and_editable(admin_client):
    corporate = rule("corporate", 1)
    url = reverse("admin:stages_stagerule_change", args=[corporate.pk])
    admin_client.post(url, {"name": corporate.name, "clock_starts": "acknowledged", "response_days": 10,
                            "max_response_days": 15, "escalation_window_days": 20, "acknowledgement_days": ""})
    corporate.refresh_from_db()
    assert corporate.max_response_days == 15


def test_acknowledgement_target_is_editable_and_used_for_new_complaints(admin_client):
    procedure = Procedure.objects.get(code="children-statutory")
    url = reverse("admin:cases_procedure_change", args=[procedure.pk])
    admin_client.post(url, {"name": procedure.name, "acknowledgement_days": 2, "is_active": "on"})
    complaint = make_complaint(actor=officer())
    assert complaint.acknowledgement_due_on.isoformat() == "2022-01-06"


def test_complaints_are_read_only_in_the_admin(admin_client):
    complaint = make_complaint(actor=officer())
    url = reverse("admin:cases_complaint_change", args=[complaint.pk])
    assert admin_client.get(url).status_code == 200
    admin_client.post(url, {"summary": "rewritten"})
    complaint.refresh_from_db()
    assert complaint.summary != "rewritten"
    assert admin_client.get(reverse("admin:cases_complaint_add")).status_code == 403
