"""Importing a register whose headers are the council's own: the column-mapping step, its reuse,
and the saved mappings' list and delete pages."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.models import Complaint
from fairhearing.intake.importing.mapping import IGNORE, header_signature
from fairhearing.intake.models import ColumnMapping, PendingImport
from fairhearing.intake.tests.builders import complaint, csv_bytes

from .imports import CONFIRM, PREVIEW, UPLOAD, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("documents_root", "register_team")]

MAPPING = reverse("staff:import_mapping")
LIST = reverse("staff:import_mapping_list")
OWN_NAMES = {"Reference": "Ref", "Received": "Date rec'd", "Procedure": "procedure", "Channel": "How received",
             "Complainant type": "Who", "Team": "Service", "Stage 1 responded": "S1 sent",
             "Stage 1 outcome": "S1 outcome"}
OWN_HEADER = [*OWN_NAMES.values(), "Notes"]
# What the manager chooses: Procedure is matched by its name already; Notes stays out.
CHOICES = [*OWN_NAMES.keys(), IGNORE]


def own_csv(rows: list[dict[str, str]], header: list[str] = OWN_HEADER) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in OWN_NAMES] + ["Rang twice"])
    return out.getvalue().encode()


def mapping_post(pending: PendingImport, choices: list[str]) -> dict[str, object]:
    return {"pending": pending.pk, **{f"column_{index}": choice for index, choice in enumerate(choices)}}


def waiting(user) -> PendingImport:
    return PendingImport.objects.get(uploaded_by=user)


def make_mapping(user, *, kind: str = "complaints", header: tuple[str, ...] = ("Ref",)) -> ColumnMapping:
    return ColumnMapping.objects.create(kind=kind, signature=header_signature(header), saved_by=user,
                                        mapping=[[text, "Reference"] for text in header])


# Who may --------------------------------------------------------------------------------------


def new_urls(mapping: ColumnMapping | None = None) -> list[str]:
    urls = [MAPPING, LIST]
    if mapping is not None:
        urls.append(reverse("staff:import_mapping_delete", args=[mapping.pk]))
    return urls


@pytest.mark.parametrize("role", [role for role in Role if role != Role.COMPLAINTS_MANAGER])
def test_every_other_role_is_refused_every_mapping_page(client, manager, role):
    mapping = make_mapping(manager)
    client.force_login(UserFactory(roles=[role]))
    for url in new_urls(mapping):
        assert client.get(url).status_code == 403, url
    for url in (MAPPING, reverse("staff:import_mapping_delete", args=[mapping.pk])):
        assert client.post(url, {}).status_code == 403, url
    assert client.post(LIST, {}).status_code == 405
    assert ColumnMapping.objects.filter(pk=mapping.pk).exists()


def test_anonymous_is_sent_to_sign_in(client, manager):
    for url in new_urls(make_mapping(manager)):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_without_a_waiting_file_the_mapping_page_goes_back_to_the_upload(signed_in):
    assert signed_in.get(MAPPING).url == UPLOAD
    assert signed_in.post(MAPPING, {"pending": 1}).url == UPLOAD


def test_posts_need_a_csrf_token(manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    mapping = make_mapping(manager)
    assert client.post(MAPPING, {"pending": 1}).status_code == 403
    assert client.post(reverse("staff:import_mapping_delete", args=[mapping.pk])).status_code == 403
    assert ColumnMapping.objects.filter(pk=mapping.pk).exists()


# The mapping step ------------------------------------------------------------------------------


def test_a_file_with_its_own_headers_is_matched_by_hand_saved_and_imported(signed_in, manager,
                                                                           django_capture_on_commit_callbacks):
    rows = [complaint(1), complaint(2, **{"Stage 1 responded": "31/02/2021"})]
    response = upload(signed_in, own_csv(rows))
    assert response.status_code == 302 and response.url == MAPPING
    pending = waiting(manager)
    assert pending.column_mapping is None

    page = signed_in.get(MAPPING).content.decode()
    assert "<h1 class=\"govuk-heading-l\">Match the file's columns to the register</h1>" in page
    # One select per column of the file, labelled with its header and an example value.
    assert '<label class="govuk-label govuk-label--s" for="id_column_1">Date rec&#x27;d</label>' in page
    assert "For example: 01/04/2021" in page and "For example: CSC-2021-0001" in page
    # "procedure" is the register's Procedure, whatever its case: chosen already.
    assert '<option value="Procedure" selected>Procedure (required)</option>' in page
    assert "Every complaint needs: Reference, Received, Procedure, Channel, Complainant type, Team." in page

    response = signed_in.post(MAPPING, mapping_post(pending, CHOICES))
    assert response.status_code == 302 and response.url == PREVIEW
    saved = ColumnMapping.objects.get()
    assert (saved.signature, saved.saved_by, saved.mapping[-1]) == (header_signature(OWN_HEADER), manager, ["Notes", ""])
    assert AuditEvent.objects.filter(verb="column_mapping.saved", actor=manager, subject_id=saved.pk).exists()

    page = signed_in.get(PREVIEW).content.decode()
    assert "Column mapping saved" in page
    assert "How the file's columns were matched" in page
    # Problems are named by the file's own header, with the register's beside it.
    assert "Row 3, S1 sent (Stage 1 responded): 31/02/2021 is not a date" in page
    assert "Not imported, as the column mapping says: Notes." in page

    # The next file with the same headers (from another manager, in another case) skips the step.
    other = UserFactory(roles=[Role.COMPLAINTS_MANAGER])
    signed_in.force_login(other)
    response = upload(signed_in, own_csv([complaint(3)], header=[text.upper() for text in OWN_HEADER]))
    assert response.url == PREVIEW
    # Under this file's own headers (in capitals), with the choices saved for them.
    expected = [[text.upper(), choice] for text, choice in zip(OWN_HEADER, CHOICES, strict=True)]
    assert waiting(other).column_mapping == expected
    page = signed_in.get(PREVIEW).content.decode()
    assert "matched as they were for an earlier file with the same headers" in page
    assert "Import 1 complaint" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(CONFIRM, {"pending": waiting(other).pk})
    assert "1 complaint imported, 0 already imported" in response.content.decode()
    assert list(Complaint.objects.values_list("reference", flat=True)) == ["CSC-2021-0003"]


def test_a_new_header_row_is_offered_what_earlier_mappings_chose(signed_in, manager):
    upload(signed_in, own_csv([complaint(1)]))
    signed_in.post(MAPPING, mapping_post(waiting(manager), CHOICES))
    # Another layout: the same names in another order, and one more column.
    header = ["Service", "Ref", "Date rec'd", "procedure", "How received", "Who", "S1 sent", "S1 outcome", "Notes", "Extra"]
    upload(signed_in, own_csv([], header=header))
    page = signed_in.get(MAPPING).content.decode()
    assert '<option value="Team" selected>Team (required)</option>' in page
    assert '<option value="Received" selected>Received (required)</option>' in page


@pytest.mark.parametrize(("change", "message", "field"), [
    ({1: IGNORE}, "Choose a column of the file for each required column: Received", None),
    ({8: "Received"}, "Received is already chosen for Date rec&#x27;d; choose each column once", "id_column_8"),
    ({8: "Secret column"}, "Choose one of the register&#x27;s columns, or Do not import", "id_column_8"),
])
def test_a_mapping_with_a_problem_is_shown_again_with_the_choices_kept_and_nothing_saved(
        signed_in, manager, change, message, field):
    upload(signed_in, own_csv([complaint(1)]))
    pending = waiting(manager)
    choices = [change.get(index, choice) for index, choice in enumerate(CHOICES)]
    response = signed_in.post(MAPPING, mapping_post(pending, choices))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    if field:
        assert f'href="#{field}"' in page
    # What was chosen is still chosen.
    assert '<option value="Channel" selected>Channel (required)</option>' in page
    assert not ColumnMapping.objects.exists()
    pending.refresh_from_db()
    assert pending.column_mapping is None


def test_a_mapping_posted_for_another_file_is_not_saved(signed_in, manager):
    upload(signed_in, own_csv([complaint(1)]))
    pending = waiting(manager)
    response = signed_in.post(MAPPING, {**mapping_post(pending, CHOICES), "pending": pending.pk + 1})
    assert response.status_code == 302 and response.url == UPLOAD
    assert not ColumnMapping.objects.exists()


def test_a_missing_column_in_the_post_counts_as_not_imported(signed_in, manager):
    upload(signed_in, own_csv([complaint(1)]))
    data = mapping_post(waiting(manager), CHOICES)
    del data["column_0"]  # Reference
    page = signed_in.post(MAPPING, data).content.decode()
    assert "Choose a column of the file for each required column: Reference" in page


def test_a_file_with_the_canonical_headers_goes_straight_to_the_preview_and_may_still_be_matched(signed_in, manager):
    assert upload(signed_in, csv_bytes([complaint(1)])).url == PREVIEW
    assert waiting(manager).column_mapping is None
    page = signed_in.get(MAPPING).content.decode()
    assert '<option value="Reference" selected>Reference (required)</option>' in page


def test_a_file_missing_a_required_column_is_offered_the_mapping_from_the_preview(signed_in, manager):
    headers = ["Reference", "Received", "Procedure", "Channel", "Complainant type"]
    assert upload(signed_in, csv_bytes([complaint(1)], headers=headers)).url == PREVIEW
    page = signed_in.get(PREVIEW).content.decode()
    assert "The file has no column for: Team." in page
    assert 'id="match-columns-link"' in page


def test_a_saved_mapping_that_no_longer_fits_the_register_is_not_used(signed_in, manager):
    ColumnMapping.objects.create(kind="complaints", signature=header_signature(OWN_HEADER), saved_by=manager,
                                 mapping=[[text, "Gone"] for text in OWN_HEADER])
    assert upload(signed_in, own_csv([complaint(1)])).url == MAPPING


# Saved mappings ---------------------------------------------------------------------------------


def test_saved_mappings_are_listed_newest_first_and_filtered_by_kind(signed_in, manager):
    first = make_mapping(manager, header=("Ref",))
    second = make_mapping(manager, header=("Our ref", "Comments"))
    second.mapping = [["Our ref", "Reference"], ["Comments", ""]]
    second.save()
    make_mapping(manager, kind="compliments", header=("Thanks ref",))
    page = signed_in.get(LIST).content.decode()
    assert "3 saved mappings" in page
    assert page.index("Our ref → Reference") < page.index("Ref → Reference")
    assert "Comments" in page
    assert reverse("staff:import_mapping_delete", args=[first.pk]) in page
    page = signed_in.get(LIST, {"kind": "compliments"}).content.decode()
    assert "1 saved mapping" in page and "Thanks ref" in page and "Our ref" not in page
    # An unknown kind shows them all; a page past the end shows the last one with a message.
    assert "3 saved mappings" in signed_in.get(LIST, {"kind": "parking"}).content.decode()
    assert "There is no page 9" in signed_in.get(LIST, {"page": "9"}).content.decode()


def test_the_list_query_count_does_not_grow_with_the_mappings(signed_in, manager, django_assert_max_num_queries):
    for number in range(3):
        make_mapping(UserFactory(roles=[Role.COMPLAINTS_MANAGER]), header=(f"Ref {number}",))
    with django_assert_max_num_queries(20) as few:
        signed_in.get(LIST)
    for number in range(3, 20):
        make_mapping(UserFactory(roles=[Role.COMPLAINTS_MANAGER]), header=(f"Ref {number}",))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "20 saved mappings" in signed_in.get(LIST).content.decode()


def test_a_mapping_is_deleted_after_asking_and_audited(signed_in, manager):
    mapping = make_mapping(manager, header=("Our ref", "Comments"))
    url = reverse("staff:import_mapping_delete", args=[mapping.pk])
    page = signed_in.get(url).content.decode()
    assert "Delete this column mapping?" in page and "Our ref: Reference" in page
    assert ColumnMapping.objects.filter(pk=mapping.pk).exists()
    response = signed_in.post(url)
    assert response.status_code == 302 and response.url == LIST
    assert not ColumnMapping.objects.exists()
    assert AuditEvent.objects.filter(verb="column_mapping.deleted", actor=manager, subject_id=mapping.pk).exists()
    assert "Column mapping deleted" in signed_in.get(LIST).content.decode()
    # Gone: 404, to GET and POST.
    assert signed_in.get(url).status_code == 404
    assert signed_in.post(url).status_code == 404


def test_after_deleting_the_mapping_the_same_headers_are_asked_again(signed_in, manager):
    upload(signed_in, own_csv([complaint(1)]))
    signed_in.post(MAPPING, mapping_post(waiting(manager), CHOICES))
    signed_in.post(reverse("staff:import_mapping_delete", args=[ColumnMapping.objects.get().pk]))
    assert upload(signed_in, own_csv([complaint(1)])).url == MAPPING


def test_another_managers_file_cannot_be_matched(signed_in, manager):
    upload(signed_in, own_csv([complaint(1)]))
    other = Client()
    other.force_login(UserFactory(roles=[Role.COMPLAINTS_MANAGER]))
    # Another manager has no waiting file of their own: the page sends them to upload one.
    assert other.get(MAPPING).url == UPLOAD
    assert other.post(MAPPING, mapping_post(waiting(manager), CHOICES)).url == UPLOAD
    assert not ColumnMapping.objects.exists()
