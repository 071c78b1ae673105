"""Importing in the browser: the progress page, the import button's wait, and the senior manager
recorded for Stage 2 adjudications. (The import runs in the test's thread here; the real thread
is tested in fairhearing/intake/tests/test_pending_thread.py.)"""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.models import Complaint
from fairhearing.core import clock
from fairhearing.intake import services
from fairhearing.intake.importing import progress
from fairhearing.intake.models import PendingImport
from fairhearing.intake.tests.builders import complaint, csv_bytes
from fairhearing.staff.views import imports as views

from .imports import CONFIRM, PREVIEW, UPLOAD, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("documents_root", "register_team")]

TOKEN = "0123456789abcdef0123456789abcdef"
STAGE_2 = {"Stage 2 requested": "2021-05-04", "Stage 2 responded": "2021-06-01", "Stage 2 outcome": "upheld"}


def progress_url(token: str = TOKEN) -> str:
    return reverse("staff:import_progress", args=[token])


def waiting(user) -> PendingImport:
    return PendingImport.objects.get(uploaded_by=user)


def running(user, token: str = TOKEN, *, done: int = 4200, total: int = 10_000) -> progress.Progress:
    progress.begin(token=token, user_id=user.pk, kind="complaints")
    return progress.report(token, done=done, total=total)


# Who may see an import's progress ----------------------------------------------------------------


@pytest.mark.parametrize("role", [role for role in Role if role != Role.COMPLAINTS_MANAGER])
def test_other_roles_are_refused_the_progress_page(client, manager, role):
    running(manager)
    client.force_login(UserFactory(roles=[role]))
    assert client.get(progress_url()).status_code == 403
    assert client.post(progress_url()).status_code == 405  # a page to read, never a form


def test_anonymous_is_sent_to_sign_in(client, manager):
    running(manager)
    response = client.get(progress_url())
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_another_managers_import_and_an_unknown_one_are_404(client, manager):
    running(manager)
    client.force_login(UserFactory(roles=[Role.COMPLAINTS_MANAGER]))
    assert client.get(progress_url()).status_code == 404
    client.force_login(manager)
    assert client.get(progress_url("f" * 32)).status_code == 404
    # Anything but 32 hexadecimal digits is no address at all.
    assert client.get(f"/complaints/import/progress/{'G' * 32}/").status_code == 404
    assert client.get("/complaints/import/progress/..%2F..%2Fsecret/").status_code == 404


def test_the_progress_page_takes_no_form(signed_in, manager):
    running(manager)
    assert signed_in.post(progress_url()).status_code == 405


# The progress page -------------------------------------------------------------------------------


def test_a_running_import_shows_an_accessible_progress_bar_that_refreshes_itself(signed_in, manager):
    running(manager)
    response = signed_in.get(progress_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert '<p class="govuk-body govuk-!-font-weight-bold" id="import-progress-text" role="status">Imported 4,200 of 10,000 rows</p>' in page
    assert ('<progress class="fh-progress" id="import-progress-bar" aria-labelledby="import-progress-text" '
            'max="10000" value="4200"></progress>') in page
    assert f'<a class="govuk-link" href="{progress_url()}">Check progress now</a>' in page
    assert '<div id="import-progress" data-state="importing">' in page


def test_while_the_file_is_checked_again_the_bar_is_indeterminate(signed_in, manager):
    progress.begin(token=TOKEN, user_id=manager.pk, kind="complaints")
    page = signed_in.get(progress_url()).content.decode()
    assert "Checking the file once more before importing" in page
    assert '<progress class="fh-progress" id="import-progress-bar" aria-labelledby="import-progress-text"></progress>' in page


def test_the_progress_page_writes_nothing_to_the_database(signed_in, manager):
    """On SQLite the import's transaction holds the only write lock: the page must only read."""
    running(manager)
    for state in ("running", "done", "failed"):
        if state == "done":
            progress.finish(TOKEN, created_count=3, already_present_count=0, total=3)
        if state == "failed":
            progress.fail(TOKEN, message="Row 2 (R1): no. Nothing was written.")
        with CaptureQueriesContext(connection) as queries:
            assert signed_in.get(progress_url()).status_code == 200
        statements = {query["sql"].split()[0].upper() for query in queries.captured_queries}
        assert statements <= {"SELECT"}, (state, statements)


def test_a_finished_import_shows_its_result_and_stops_refreshing(signed_in, manager):
    running(manager)
    progress.finish(TOKEN, created_count=9_000, already_present_count=1_000, total=10_000)
    page = signed_in.get(progress_url()).content.decode()
    assert "Register imported" in page
    assert "9,000 complaints imported, 1,000 already imported (nothing changed)" in page
    assert 'http-equiv="refresh"' not in page
    # Still there when the page is opened again.
    assert "Register imported" in signed_in.get(progress_url()).content.decode()


def test_a_failed_import_shows_why_and_the_way_back(signed_in, manager):
    upload(signed_in, csv_bytes([complaint(1)]))
    token = progress.token_for(waiting(manager).stored_name)
    progress.begin(token=token, user_id=manager.pk, kind="complaints")
    progress.fail(token, message="Row 2 (CSC-2021-0001): the extension is to a bank holiday. Nothing was written.")
    page = signed_in.get(progress_url(token)).content.decode()
    assert "The register was not imported" in page
    assert "Row 2 (CSC-2021-0001): the extension is to a bank holiday." in page
    assert f'href="{PREVIEW}"' in page  # the file still waits
    # Without a waiting file, only the way to upload one.
    running(manager, token="e" * 32)
    progress.fail("e" * 32, message="No.")
    assert f'href="{PREVIEW}"' not in signed_in.get(progress_url("e" * 32)).content.decode()


def test_an_import_silent_too_long_is_shown_as_stopped(signed_in, manager):
    with time_machine.travel(clock.now() - progress.STALE_AFTER - timedelta(seconds=1)):
        running(manager)
    page = signed_in.get(progress_url()).content.decode()
    assert "The import stopped without finishing" in page and "Nothing was written" in page


# Starting an import ----------------------------------------------------------------------------


def test_a_quick_import_shows_its_result_at_once_and_leaves_no_progress_file(signed_in, manager, documents_root,
                                                                             django_capture_on_commit_callbacks):
    upload(signed_in, csv_bytes([complaint(1), complaint(2)]))
    pending = waiting(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(CONFIRM, {"pending": pending.pk})
    assert response.status_code == 200
    assert "2 complaints imported, 0 already imported (nothing changed)" in response.content.decode()
    assert progress.read(progress.token_for(pending.stored_name)) is None
    assert not (documents_root / "import-progress").exists() or not list((documents_root / "import-progress").iterdir())


def test_a_long_import_goes_to_its_progress_page(signed_in, manager, monkeypatch):
    upload(signed_in, csv_bytes([complaint(1)]))
    pending = waiting(manager)
    token = progress.token_for(pending.stored_name)
    waited = []

    def start_without_running(*, pending, actor, adjudicator=None, limits=None, today=None):
        progress.begin(token=token, user_id=actor.pk, kind="complaints")
        started = services.StartedImport(token=token)
        real_wait = started.wait
        started.wait = lambda seconds: waited.append(seconds) or real_wait(seconds)
        return started

    monkeypatch.setattr(views, "pending_import_start", start_without_running)
    response = signed_in.post(CONFIRM, {"pending": pending.pk})
    assert response.status_code == 302 and response.url == progress_url(token)
    assert waited == [views.WAIT_SECONDS]
    # While it runs, the preview, the button and the upload page all lead to it.
    assert signed_in.get(PREVIEW).url == progress_url(token)
    monkeypatch.undo()
    assert signed_in.post(CONFIRM, {"pending": pending.pk}).url == progress_url(token)
    page = signed_in.get(UPLOAD).content.decode()
    assert f'href="{progress_url(token)}"' in page
    response = upload(signed_in, csv_bytes([complaint(2)]))
    assert "An import you started is still running" in response.content.decode()
    assert waiting(manager).pk == pending.pk  # the file being imported was not replaced
    assert not Complaint.objects.exists()


def test_a_file_with_problems_posted_anyway_shows_the_preview_with_the_reason(signed_in, manager):
    upload(signed_in, csv_bytes([complaint(1, Received="soon")]))
    pending = waiting(manager)
    response = signed_in.post(CONFIRM, {"pending": pending.pk})
    assert response.status_code == 200
    assert "fix them and check it again. Nothing was written." in response.content.decode()
    assert progress.read(progress.token_for(pending.stored_name)) is None
    assert not Complaint.objects.exists()


# The Stage 2 adjudicator --------------------------------------------------------------------------


@pytest.fixture
def seniors():
    active = UserFactory(first_name="Sam", last_name="Senior", roles=[Role.SENIOR_MANAGER])
    UserFactory(first_name="Ina", last_name="Inactive", roles=[Role.SENIOR_MANAGER], is_active=False)
    UserFactory(first_name="Otto", last_name="Officer", roles=[Role.COMPLAINTS_OFFICER])
    return active


def test_without_stage_two_responses_no_adjudicator_is_asked_for(signed_in, manager, seniors):
    upload(signed_in, csv_bytes([complaint(1)]))
    page = signed_in.get(PREVIEW).content.decode()
    assert "Senior manager who adjudicated at Stage 2" not in page
    assert '<input type="hidden" name="needs_adjudicator" value="False" id="id_needs_adjudicator">' in page


def test_stage_two_responses_need_an_active_senior_manager_chosen(signed_in, manager, seniors,
                                                                  django_capture_on_commit_callbacks):
    upload(signed_in, csv_bytes([complaint(1, **STAGE_2), complaint(2)]))
    pending = waiting(manager)
    page = signed_in.get(PREVIEW).content.decode()
    assert "Senior manager who adjudicated at Stage 2" in page
    assert f'<option value="{seniors.pk}">Sam Senior</option>' in page
    assert "Ina Inactive" not in page and "Otto Officer" not in page

    post = {"pending": pending.pk, "needs_adjudicator": "True"}
    response = signed_in.post(CONFIRM, post)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "Choose the senior manager who adjudicated at Stage 2" in page
    assert 'href="#id_adjudicator"' in page
    officer = UserFactory(roles=[Role.COMPLAINTS_OFFICER])
    page = signed_in.post(CONFIRM, {**post, "adjudicator": officer.pk}).content.decode()
    assert "Choose a senior manager from the list" in page
    assert not Complaint.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(CONFIRM, {**post, "adjudicator": seniors.pk})
    assert "2 complaints imported" in response.content.decode()
    assert AuditEvent.objects.get(verb="stage.adjudicated").actor == seniors


def test_leaving_out_the_adjudicator_by_hand_still_cannot_record_the_wrong_person(signed_in, manager, seniors):
    upload(signed_in, csv_bytes([complaint(1, **STAGE_2)]))
    response = signed_in.post(CONFIRM, {"pending": waiting(manager).pk})  # no needs_adjudicator either
    assert response.status_code == 200
    assert "must be recorded as made by a senior manager" in response.content.decode()
    assert not Complaint.objects.exists()
    assert not AuditEvent.objects.filter(verb="stage.adjudicated").exists()


def test_with_no_senior_manager_to_choose_the_preview_says_why(signed_in, manager):
    upload(signed_in, csv_bytes([complaint(1, **STAGE_2)]))
    page = signed_in.get(PREVIEW).content.decode()
    assert 'id="no-senior-managers"' in page and "Nobody holds the senior manager role" in page
    UserFactory(roles=[Role.SENIOR_MANAGER])
    assert 'id="no-senior-managers"' not in signed_in.get(PREVIEW).content.decode()
