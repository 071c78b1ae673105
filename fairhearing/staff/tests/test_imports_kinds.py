"""The upload page's choice of register: compliments (and the others) go through the same steps as
complaints and are written by their own kind's writer."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.models import Complaint, Compliment
from fairhearing.intake.importing.columns import COMPLIMENT_COLUMNS
from fairhearing.intake.models import ColumnMapping, ImportBatch, PendingImport
from fairhearing.intake.tests.builders import csv_bytes

pytestmark = pytest.mark.django_db

UPLOAD = reverse("staff:import_register")
MAPPING = reverse("staff:import_mapping")
PREVIEW = reverse("staff:import_preview")
CONFIRM = reverse("staff:import_confirm")
TEAM = "Fostering"
COMPLIMENT_HEADERS = [column.header for column in COMPLIMENT_COLUMNS]


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.fixture
def manager(client):
    TeamFactory(name=TEAM)
    user = UserFactory(roles=[Role.COMPLAINTS_MANAGER])
    client.force_login(user)
    return user


def compliment(number: int) -> dict[str, str]:
    return {"Reference": f"COMP/21/{number:03d}", "Received": "04/05/2021", "Team": TEAM,
            "Given by": "parent_family", "Words": "Thank you for all your help."}


def upload(client, data: bytes, kind: str | None):
    post = {"file": SimpleUploadedFile("register.csv", data)}
    if kind is not None:
        post["kind"] = kind
    return client.post(UPLOAD, post)


def test_the_upload_page_offers_each_kind_of_register_with_complaints_chosen(client, manager):
    page = client.get(UPLOAD).content.decode()
    for value, label in (("complaints", "Complaints"), ("compliments", "Compliments"),
                         ("enquiries", "Members&#x27; enquiries"), ("ombudsman", "Ombudsman cases")):
        assert f'value="{value}"' in page and label in page
    assert 'value="complaints" checked' in page


def test_a_compliments_register_is_checked_and_imported_as_compliments(client, manager,
                                                                       django_capture_on_commit_callbacks):
    response = upload(client, csv_bytes([compliment(1), compliment(2)], headers=COMPLIMENT_HEADERS), "compliments")
    assert response.url == PREVIEW
    pending = PendingImport.objects.get(uploaded_by=manager)
    assert pending.kind == "compliments"
    page = client.get(PREVIEW).content.decode()
    assert "Compliments: register.csv" in page and "Import 2 compliments" in page
    assert "Senior manager who adjudicated" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CONFIRM, {"pending": pending.pk})
    page = response.content.decode()
    assert "2 compliments imported, 0 already imported (nothing changed)" in page
    assert f'href="{reverse("staff:compliment_list")}">Go to the compliments' in page
    assert Compliment.objects.count() == 2 and not Complaint.objects.exists()
    assert ImportBatch.objects.get().kind == "compliments"


def test_a_compliments_file_read_as_complaints_is_matched_against_complaint_columns(client, manager):
    # Left to the default (complaints), a compliments file's headers are not complaint columns.
    assert upload(client, csv_bytes([compliment(1)], headers=COMPLIMENT_HEADERS), None).url == MAPPING
    page = client.get(MAPPING).content.decode()
    assert "Every complaint needs: Reference, Received, Procedure" in page


def test_each_kind_has_its_own_saved_mappings(client, manager):
    own = ["Our ref", "Date", "Service", "From", "Comment"]
    data = io.StringIO(newline="")
    writer = csv.writer(data)
    writer.writerow(own)
    writer.writerow(["COMP/21/001", "04/05/2021", TEAM, "parent_family", "Thanks"])
    data = data.getvalue().encode()
    assert upload(client, data, "compliments").url == MAPPING
    page = client.get(MAPPING).content.decode()
    assert "Every compliment needs: Reference, Received, Team, Given by." in page
    pending = PendingImport.objects.get(uploaded_by=manager)
    targets = ["Reference", "Received", "Team", "Given by", "Words"]
    response = client.post(MAPPING, {"pending": pending.pk, **{f"column_{i}": t for i, t in enumerate(targets)}})
    assert response.url == PREVIEW
    assert ColumnMapping.objects.get().kind == "compliments"
    assert "Import 1 compliment" in client.get(PREVIEW).content.decode()
    # The same headers as a complaints register: not that kind's mapping, so asked again.
    assert upload(client, data, "complaints").url == MAPPING
    assert upload(client, data, "compliments").url == PREVIEW


def test_an_unknown_kind_is_refused(client, manager):
    response = upload(client, csv_bytes([compliment(1)], headers=COMPLIMENT_HEADERS), "parking_fines")
    assert response.status_code == 200
    assert "Select what the file holds" in response.content.decode()
    assert not PendingImport.objects.exists()
