"""The admin shows learning records but changes none: every write goes through the services,
which check the dates and numbers and write the audit trail."""

import pytest
from django.urls import reverse

from fairhearing.accounts.tests.factories import UserFactory

from .factories import ActionUpdateFactory, LearningMeetingFactory, LearningNoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def records(db):
    update = ActionUpdateFactory()
    return {
        "learningnote": LearningNoteFactory(),
        "learningmeeting": LearningMeetingFactory(),
        "actionplan": update.action.plan,
        "action": update.action,
    }


@pytest.mark.parametrize("model", ["learningnote", "learningmeeting", "actionplan", "action"])
def test_lists_and_records_can_be_read_but_not_added(admin_client, records, model):
    record = records[model]
    assert admin_client.get(reverse(f"admin:learning_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:learning_{model}_change", args=[record.pk])).status_code == 200
    assert admin_client.get(reverse(f"admin:learning_{model}_add")).status_code == 403
    assert admin_client.get(reverse(f"admin:learning_{model}_delete", args=[record.pk])).status_code == 403


def test_posting_a_change_does_not_alter_the_record(admin_client, records):
    note = records["learningnote"]
    url = reverse("admin:learning_learningnote_change", args=[note.pk])
    response = admin_client.post(url, {"what_was_learned": "rewritten", "root_cause": "other"})
    assert response.status_code == 403
    note.refresh_from_db()
    assert note.what_was_learned != "rewritten"


def test_action_page_shows_its_updates(admin_client, records):
    action = records["action"]
    page = admin_client.get(reverse("admin:learning_action_change", args=[action.pk]))
    assert "Training booked for all teams." in page.content.decode()
