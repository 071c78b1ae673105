"""Importing a complaints register in the browser: upload, preview, create names, import."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fairhearing.accounts.models import Team
from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.models import Complaint, Theme
from fairhearing.intake.importing.files import Limits
from fairhearing.intake.models import ImportBatch, PendingImport
from fairhearing.intake.tests.builders import (
    complaint,
    csv_bytes,
    xlsx_bytes,
    xlsx_with_member,
)
from fairhearing.staff.views import imports as views

from .imports import CONFIRM, PREVIEW, UPLOAD, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("documents_root", "register_team")]

NAMES = reverse("staff:import_names")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client
    return login


def stored_files(root) -> list:
    imports = root / "imports"
    return sorted(imports.iterdir()) if imports.exists() else []


def pending_of(user) -> PendingImport:
    return PendingImport.objects.get(uploaded_by=user)


# Who may -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [UPLOAD, PREVIEW, NAMES, CONFIRM])
@pytest.mark.parametrize("role", [role for role in Role if role != Role.COMPLAINTS_MANAGER])
def test_every_other_role_is_refused(client_for, url, role):
    client = client_for(UserFactory(roles=[role]))
    assert client.get(url).status_code == 403
    # The preview takes no form (405 to everyone); the others refuse a POST too.
    assert client.post(url, {}).status_code == (405 if url == PREVIEW else 403)


@pytest.mark.parametrize("url", [UPLOAD, PREVIEW, NAMES, CONFIRM])
def test_anonymous_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_manager_and_a_superuser_see_the_upload_page_with_its_size_limit(client_for, manager):
    response = client_for(manager).get(UPLOAD)
    assert response.status_code == 200
    assert "smaller than 20 MB" in response.content.decode()
    superuser = UserFactory(is_superuser=True)
    assert client_for(superuser).get(UPLOAD).status_code == 200


def test_the_complaint_list_links_to_the_import_for_the_manager_only(client_for, manager):
    link = f'<a class="govuk-link" href="{UPLOAD}" id="import-register-link">Import a register</a>'
    assert link in client_for(manager).get(reverse("staff:complaint_list")).content.decode()
    officer = UserFactory(roles=[Role.COMPLAINTS_OFFICER])
    assert UPLOAD not in client_for(officer).get(reverse("staff:complaint_list")).content.decode()


HUB_LINK = f'<a class="govuk-link" href="{UPLOAD}" id="records-import-register-link">Import a register</a>'


def test_the_records_hub_offers_the_import_and_saved_mappings_to_the_manager_and_a_superuser(client_for, manager):
    for user in (manager, UserFactory(is_superuser=True)):
        page = client_for(user).get(reverse("staff:records")).content.decode()
        assert HUB_LINK in page
        assert reverse("staff:import_mapping_list") in page


@pytest.mark.parametrize("role", [role for role in Role if role != Role.COMPLAINTS_MANAGER])
def test_the_records_hub_does_not_offer_the_import_to_any_other_role(client_for, role):
    response = client_for(UserFactory(roles=[role])).get(reverse("staff:records"))
    # A role that sees no kind of record is refused the hub altogether.
    assert response.status_code in (200, 403)
    assert UPLOAD not in response.content.decode()


# Bad input: a clear message, nothing stored ---------------------------------------------------


@pytest.mark.parametrize(("data", "name", "message"), [
    (None, "", "Select a CSV or Excel (.xlsx) file"),
    (b"", "register.csv", "The selected file is empty"),
    (b"  \n\n", "register.csv", "The file is empty."),
    (PNG, "register.csv", "The file is a PNG picture, not a CSV or XLSX spreadsheet."),
    (xlsx_with_member(xlsx_bytes([["Reference"]]), "xl/media/image1.bin", b"\x00" * (100 * 1024 * 1024)),
     "register.xlsx", "zip bomb"),
])
def test_bad_files_are_refused_with_a_message_and_nothing_is_stored(client_for, manager, documents_root,
                                                                    data, name, message):
    client = client_for(manager)
    response = client.post(UPLOAD, {} if data is None else {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert not PendingImport.objects.exists()
    assert stored_files(documents_root) == []


def test_an_oversized_file_is_refused_before_it_is_read(client_for, manager, documents_root, monkeypatch):
    data = csv_bytes([complaint(1)])
    monkeypatch.setattr(views, "LIMITS", Limits(max_bytes=len(data) - 1))
    response = upload(client_for(manager), data)
    assert "The file is larger than" in response.content.decode()
    assert not PendingImport.objects.exists()
    assert stored_files(documents_root) == []
    # The limit itself is allowed.
    monkeypatch.setattr(views, "LIMITS", Limits(max_bytes=len(data)))
    assert upload(client_for(manager), data).url == PREVIEW


# Preview -------------------------------------------------------------------------------------


def test_a_file_is_stored_privately_and_previewed_with_every_problem_by_row_and_column(client_for, manager,
                                                                                       documents_root):
    client = client_for(manager)
    rows = [complaint(1), complaint(2, **{"Stage 1 responded": "31/02/2021"}), complaint(3, Received="soon")]
    response = upload(client, csv_bytes(rows))
    assert response.status_code == 302 and response.url == PREVIEW
    pending = pending_of(manager)
    assert [path.name for path in stored_files(documents_root)] == [pending.stored_name.split("/")[-1]]
    assert pending.original_name == "register.csv"
    assert not str(settings.DOCUMENTS_ROOT).startswith(str(settings.STATIC_ROOT))
    assert "register" not in pending.stored_name.split("/")[-1]

    page = client.get(PREVIEW).content.decode()
    assert '<dd class="govuk-summary-list__value" id="row-count">3</dd>' in page
    assert '<dd class="govuk-summary-list__value" id="valid-count">1</dd>' in page
    assert "Row 3, Stage 1 responded: 31/02/2021 is not a date" in page
    assert "Row 4, Received:" in page
    assert "Import 1 complaint" not in page  # no button while there are problems
    # Posting the import anyway writes nothing and shows the problems again.
    response = client.post(CONFIRM, {"pending": pending.pk})
    assert "fix them and check it again" in response.content.decode()
    assert not Complaint.objects.exists()
    assert not ImportBatch.objects.exists()


def test_a_windows_1252_file_is_read_and_the_preview_says_so(client_for, manager):
    client = client_for(manager)
    upload(client, csv_bytes([complaint(1, Learning="Costs £5 more")], encoding="cp1252"))
    assert "read as Windows-1252" in client.get(PREVIEW).content.decode()


def test_a_new_upload_replaces_the_waiting_file(client_for, manager, documents_root,
                                               django_capture_on_commit_callbacks):
    client = client_for(manager)
    upload(client, csv_bytes([complaint(1)]))
    first = pending_of(manager)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, csv_bytes([complaint(2)]))
    assert PendingImport.objects.get(uploaded_by=manager).pk != first.pk
    assert len(stored_files(documents_root)) == 1
    # A button on the older preview does not import the newer file.
    response = client.post(CONFIRM, {"pending": first.pk})
    assert response.status_code == 302 and response.url == UPLOAD
    assert not Complaint.objects.exists()


def test_without_a_waiting_file_the_preview_goes_back_to_the_upload(client_for, manager):
    response = client_for(manager).get(PREVIEW)
    assert response.status_code == 302 and response.url == UPLOAD


def test_another_managers_waiting_file_is_not_theirs_to_import(client_for, manager):
    upload(client_for(manager), csv_bytes([complaint(1)]))
    other = UserFactory(roles=[Role.COMPLAINTS_MANAGER])
    client = client_for(other)
    assert client.get(PREVIEW).url == UPLOAD
    assert client.post(CONFIRM, {"pending": pending_of(manager).pk}).url == UPLOAD
    assert not Complaint.objects.exists()


# Unknown teams and themes ---------------------------------------------------------------------


def test_unknown_teams_and_themes_are_offered_created_and_the_file_imported(client_for, manager, documents_root,
                                                                            django_capture_on_commit_callbacks):
    client = client_for(manager)
    rows = [complaint(1, Team="Leaving Care Team", Themes="Delay; Lost paperwork"), complaint(2)]
    upload(client, csv_bytes(rows))
    pending = pending_of(manager)
    page = client.get(PREVIEW).content.decode()
    assert 'value="Leaving Care Team"' in page and 'value="Lost paperwork"' in page
    assert "Import 2 complaints" not in page

    # Ticking nothing is an error; a name the file does not hold cannot be created.
    assert "Select the teams and themes to create" in client.post(NAMES, {"pending": pending.pk}).content.decode()
    response = client.post(NAMES, {"pending": pending.pk, "teams": ["Made up team"]})
    assert "Select only teams the file names" in response.content.decode()
    assert not Team.objects.filter(name="Made up team").exists()

    response = client.post(NAMES, {"pending": pending.pk, "teams": ["Leaving Care Team"], "themes": ["Lost paperwork"]})
    assert response.status_code == 302 and response.url == PREVIEW
    team = Team.objects.get(name="Leaving Care Team")
    theme = Theme.objects.get(name="Lost paperwork")
    assert AuditEvent.objects.filter(verb="team.created", subject_id=team.pk, actor=manager).exists()
    assert AuditEvent.objects.filter(verb="theme.created", subject_id=theme.pk, actor=manager).exists()

    page = client.get(PREVIEW).content.decode()
    assert "Created 1 team and 1 theme" in page
    assert "Import 2 complaints" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CONFIRM, {"pending": pending.pk})
    assert response.status_code == 200
    assert "2 complaints imported, 0 already imported (nothing changed)" in response.content.decode()
    assert reverse("staff:complaint_list") in response.content.decode()
    assert Complaint.objects.count() == 2
    assert Complaint.objects.filter(teams=team).count() == 1
    batch = ImportBatch.objects.get()
    assert (batch.file_name, batch.created_count, batch.imported_by) == ("register.csv", 2, manager)
    # The waiting file is gone once imported.
    assert not PendingImport.objects.exists()
    assert stored_files(documents_root) == []


def test_importing_the_same_file_twice_changes_nothing_and_says_so(client_for, manager):
    client = client_for(manager)
    data = csv_bytes([complaint(1), complaint(2)])
    upload(client, data)
    client.post(CONFIRM, {"pending": pending_of(manager).pk})
    upload(client, data)
    response = client.post(CONFIRM, {"pending": pending_of(manager).pk})
    assert "0 complaints imported, 2 already imported (nothing changed)" in response.content.decode()
    assert Complaint.objects.count() == 2
    assert ImportBatch.objects.count() == 2


def test_posts_need_a_csrf_token(manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    assert client.post(UPLOAD, {"file": SimpleUploadedFile("r.csv", csv_bytes([complaint(1)]))}).status_code == 403
    assert not PendingImport.objects.exists()
    assert client.post(CONFIRM, {"pending": 1}).status_code == 403
    assert client.post(NAMES, {"pending": 1}).status_code == 403
