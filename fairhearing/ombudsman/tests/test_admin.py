"""The admin shows Ombudsman records and changes none of them: writes go through the services."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.cases.tests.test_attachments import PDF
from fairhearing.ombudsman.services import recommendation_evidence_upload

from .factories import add_recommendation, decide, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def records(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    actor = officer()
    case = decide(make_case(actor=actor, complaints=[make_complaint(actor=actor)]), actor=actor)
    recommendation = add_recommendation(case, actor=actor, due_on=datetime.date(2022, 7, 1))
    evidence = recommendation_evidence_upload(recommendation=recommendation, title="Apology letter",
                                              uploaded_file=SimpleUploadedFile("apology.pdf", PDF), actor=actor)
    return {"ombudsmancase": case, "recommendation": recommendation, "recommendationevidence": evidence}


@pytest.mark.parametrize("model", ["ombudsmancase", "recommendation", "recommendationevidence"])
def test_lists_and_records_load(admin_client, records, model):
    assert admin_client.get(reverse(f"admin:ombudsman_{model}_changelist")).status_code == 200
    page = admin_client.get(reverse(f"admin:ombudsman_{model}_change", args=[records[model].pk]))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content


def test_the_case_page_shows_the_reference_and_its_recommendations(admin_client, records):
    page = admin_client.get(reverse("admin:ombudsman_ombudsmancase_change", args=[records["ombudsmancase"].pk]))
    assert b"21 012 345" in page.content
    assert b"Recommendation 1" in page.content


@pytest.mark.parametrize("model", ["ombudsmancase", "recommendation", "recommendationevidence"])
def test_nothing_can_be_added_changed_or_deleted(admin_client, records, model):
    record = records[model]
    assert admin_client.get(reverse(f"admin:ombudsman_{model}_add")).status_code == 403
    assert admin_client.post(reverse(f"admin:ombudsman_{model}_change", args=[record.pk]),
                             {"summary": "rewritten", "title": "rewritten", "text": "rewritten"}).status_code == 403
    assert admin_client.post(reverse(f"admin:ombudsman_{model}_delete", args=[record.pk]),
                             {"post": "yes"}).status_code == 403
    assert type(record).objects.filter(pk=record.pk).exists()
