"""Waiting uploads and saved column mappings in the admin: listed and shown, never changed there,
and never a file's contents."""

import pytest
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.intake import services
from fairhearing.intake.models import ColumnMapping, PendingImport

from .builders import complaint, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def records():
    manager = UserFactory(roles=[Role.COMPLAINTS_MANAGER])
    data = csv_bytes([complaint(1, Learning="A sentence only the file holds")])
    pending = services.pending_import_create(actor=manager, data=data, original_name="register.csv")
    mapping = ColumnMapping.objects.create(kind="complaints", signature="a" * 64, saved_by=manager,
                                           mapping=[["Our ref", "Reference"], ["Notes", ""]])
    return pending, mapping


def test_both_are_listed_and_shown_read_only_without_the_files_contents(admin_client, records):
    pending, mapping = records
    page = admin_client.get(reverse("admin:intake_pendingimport_changelist")).content.decode()
    assert "register.csv" in page
    page = admin_client.get(reverse("admin:intake_pendingimport_change", args=[pending.pk])).content.decode()
    assert "register.csv" in page and pending.file_sha256 in page
    assert "A sentence only the file holds" not in page
    assert 'name="original_name"' not in page  # shown, not editable
    page = admin_client.get(reverse("admin:intake_columnmapping_change", args=[mapping.pk])).content.decode()
    assert "Our ref" in page and 'name="mapping"' not in page


def test_nothing_is_added_changed_or_deleted_in_the_admin(admin_client, records):
    pending, mapping = records
    for model, obj in (("pendingimport", pending), ("columnmapping", mapping)):
        assert admin_client.get(reverse(f"admin:intake_{model}_add")).status_code == 403
        assert admin_client.post(reverse(f"admin:intake_{model}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
    assert admin_client.post(reverse("admin:intake_pendingimport_change", args=[pending.pk]),
                             {"original_name": "renamed.csv"}).status_code == 403
    assert PendingImport.objects.get().original_name == "register.csv"
    assert ColumnMapping.objects.filter(pk=mapping.pk).exists()
