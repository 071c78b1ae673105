"""Staff email pages: editing an email's wording and the outbox, for the complaints manager only."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.tests.factories import make_complaint
from fairhearing.notifications.catalogue import CATALOGUE
from fairhearing.notifications.choices import OutboxStatus
from fairhearing.notifications.models import EmailTemplate, OutboxMessage
from fairhearing.notifications.selectors import email_wording_get
from fairhearing.notifications.tests.factories import OutboxMessageFactory

pytestmark = pytest.mark.django_db

LIST = reverse("staff:email_template_list")
EDIT = reverse("staff:email_template_edit", args=["complaint_acknowledgement"])
OUTBOX = reverse("staff:email_outbox")


@pytest.fixture
def manager():
    return UserFactory(username="manager", roles=[Role.COMPLAINTS_MANAGER])


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def retry_url(message):
    return reverse("staff:email_outbox_retry", args=[message.pk])


@pytest.mark.parametrize("role", [role for role in Role if role != Role.COMPLAINTS_MANAGER])
def test_only_the_complaints_manager_may_open_the_email_pages(client, role):
    client.force_login(UserFactory(roles=[role]))
    message = OutboxMessageFactory(status=OutboxStatus.FAILED)
    for url in (LIST, EDIT, OUTBOX):
        assert client.get(url).status_code == 403
    assert client.post(EDIT, {"subject": "x", "body": "y"}).status_code == 403
    assert client.post(retry_url(message)).status_code == 403
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert not EmailTemplate.objects.exists()


def test_a_superuser_may_open_them(client):
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(LIST).status_code == 200


def test_the_records_hub_links_to_the_email_pages_for_the_manager_only(client, manager_client):
    page = manager_client.get(reverse("staff:records")).content.decode()
    assert LIST in page and OUTBOX in page
    officer = UserFactory(roles=[Role.COMPLAINTS_OFFICER])
    client.force_login(officer)
    page = client.get(reverse("staff:records")).content.decode()
    assert LIST not in page and OUTBOX not in page


def test_the_list_shows_every_email_with_its_audience_and_subject(manager_client, django_assert_max_num_queries):
    EmailTemplate.objects.create(key="daily_digest", subject="{{ due_count }} things due", body="B")
    with django_assert_max_num_queries(8):
        page = manager_client.get(LIST).content.decode()
    for kind in CATALOGUE.values():
        assert kind.name in page
        assert reverse("staff:email_template_edit", args=[kind.key]) in page
    assert "{{ due_count }} things due" in page
    assert "Child or young person who complained" in page


def test_the_edit_page_previews_the_saved_wording_with_example_details(manager_client):
    page = manager_client.get(EDIT).content.decode()
    assert "Preview with example details" in page
    assert "We have received your complaint: CSC-2026-0042" in page  # subject merged with examples
    assert "Dear Sam" in page
    assert "can go in the subject line" in page
    assert "No changes: this is the default wording." in page


def test_an_unknown_email_is_404(manager_client):
    assert manager_client.get(reverse("staff:email_template_edit", args=["nope"])).status_code == 404


def test_saving_changes_the_wording_and_audits_it(manager_client, manager):
    response = manager_client.post(EDIT, {
        "subject": "Complaint {{ reference }} received",
        "body": "Dear {{ complainant_first_name }}\r\n\r\nThanks. We will be in touch by {{ next_steps_date }}.",
        "version": email_wording_get(key="complaint_acknowledgement").version, "action": "save",
    })
    assert response.status_code == 302 and response["Location"] == LIST
    template = EmailTemplate.objects.get(key="complaint_acknowledgement")
    assert template.subject == "Complaint {{ reference }} received"
    assert template.updated_by == manager
    event = AuditEvent.objects.get(verb="email.template_edited")
    assert event.actor == manager
    assert event.changes["subject"] == [CATALOGUE["complaint_acknowledgement"].subject, template.subject]
    page = manager_client.get(LIST).content.decode()
    assert "Wording of ‘Complaint received’ saved" in page
    page = manager_client.get(EDIT).content.decode()
    assert "subject line and wording changed by" in page


def test_preview_of_typed_wording_saves_nothing_and_keeps_what_was_typed(manager_client):
    response = manager_client.post(EDIT, {
        "subject": "Got it: {{ reference }}", "body": "Hi {{ complainant_first_name }}", "action": "preview",
        "version": "default",
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert "This is the wording you typed. It is not saved" in page
    assert "Got it: CSC-2026-0042" in page and "Hi Sam" in page
    assert 'value="Got it: {{ reference }}"' in page
    assert not EmailTemplate.objects.exists()
    assert not AuditEvent.objects.filter(verb="email.template_edited").exists()


@pytest.mark.parametrize(
    ("subject", "body", "message"),
    [
        ("Hello {{ complainant_first_name }}", "Body", "{{ complainant_first_name }} cannot be used in the subject line."),
        ("{{ reference }}", "Dear {{ child_name }}", "{{ child_name }} is not a merge field."),
        ("{{ reference }}", "Dear {{ complainant_first_nam }}", "Did you mean {{ complainant_first_name }}?"),
        ("", "Body", "Enter the subject line"),
        ("{{ reference }}", "", "Enter the wording of the email"),
        ("{{ reference }}", "{% load x %}", "Emails cannot use"),
    ],
)
@pytest.mark.parametrize("action", ["save", "preview"])
def test_bad_wording_shows_a_clear_error_keeps_what_was_typed_and_saves_nothing(manager_client, subject, body,
                                                                                message, action):
    response = manager_client.post(EDIT, {"subject": subject, "body": body, "action": action, "version": "default"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    assert body in page or body.replace("'", "&#x27;") in page
    assert "Preview with example details" not in page
    assert not EmailTemplate.objects.exists()


def test_an_edit_after_someone_elses_is_refused_without_losing_the_typing(manager_client, manager):
    EmailTemplate.objects.create(key="complaint_acknowledgement", subject="Theirs {{ reference }}", body="Theirs")
    response = manager_client.post(EDIT, {
        "subject": "Mine {{ reference }}", "body": "Mine", "version": "default", "action": "save",
    })
    page = response.content.decode()
    assert "Someone else changed this email after you opened it." in page
    assert 'value="Mine {{ reference }}"' in page
    assert EmailTemplate.objects.get().subject == "Theirs {{ reference }}"


def test_start_again_from_the_default_wording_loads_it_without_saving(manager_client):
    EmailTemplate.objects.create(key="complaint_acknowledgement", subject="Ours {{ reference }}", body="Ours")
    page = manager_client.get(EDIT + "?wording=default").content.decode()
    assert "This is the default wording. It is not saved" in page
    assert 'value="We have received your complaint: {{ reference }}"' in page
    assert EmailTemplate.objects.get().subject == "Ours {{ reference }}"


def test_saving_needs_the_csrf_token(manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    assert 'name="csrfmiddlewaretoken"' in client.get(EDIT).content.decode()
    response = client.post(EDIT, {"subject": "S {{ reference }}", "body": "B", "action": "save"})
    assert response.status_code == 403
    message = OutboxMessageFactory(status=OutboxStatus.FAILED)
    assert client.post(retry_url(message)).status_code == 403
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert not EmailTemplate.objects.exists()


def test_the_outbox_shows_counts_and_failed_emails_without_addresses(manager_client):
    complaint = make_complaint()
    failed = OutboxMessageFactory(
        status=OutboxStatus.FAILED, attempts=6, last_error="ConnectionRefusedError",
        to_address="secret.person@example.org", subject="Private subject",
        about_type_id=None,
    )
    failed.about = complaint
    failed.save()
    OutboxMessageFactory.create_batch(2)
    OutboxMessageFactory(attempts=1, last_error="TimeoutError")
    OutboxMessageFactory(status=OutboxStatus.SENT, sent_at=timezone.now())
    page = manager_client.get(OUTBOX).content.decode()
    assert "secret.person@example.org" not in page and "Private subject" not in page
    assert "Complaint received" in page  # the email's name
    assert "Complainant" in page  # who it was to, by role
    assert complaint.reference in page
    assert "The mail server refused the connection" in page and "ConnectionRefusedError" in page
    assert "Try again" in page and retry_url(failed) in page
    assert "1 email could not be sent on the last try and will be tried again." in page
    rows = re.findall(r'<th scope="row" class="govuk-table__header">(?:<a [^>]*>)?([^<]+)(?:</a>)?</th>\s*'
                      r'<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)</td>', page)
    assert rows == [("Failed", "1"), ("Waiting to be sent", "3"), ("Being sent", "0"), ("Sent", "1")]


def test_the_outbox_lists_other_statuses_from_the_query_string(manager_client):
    OutboxMessageFactory(attempts=2, last_error="TimeoutError")
    page = manager_client.get(OUTBOX + "?status=queued").content.decode()
    assert "The mail server did not answer in time." in page and "next try" in page
    assert "Try again" not in page
    # An unknown status shows the failed ones rather than an error page.
    assert manager_client.get(OUTBOX + "?status=nonsense").status_code == 200


def test_the_outbox_pages_its_list_in_queries_that_do_not_grow_with_rows(manager_client, django_assert_max_num_queries):
    complaints = [make_complaint(), make_complaint()]

    def add(count):
        for n in range(count):
            message = OutboxMessageFactory(status=OutboxStatus.FAILED, attempts=6, last_error="TimeoutError")
            message.about = complaints[n % 2]
            message.save()

    add(2)
    with django_assert_max_num_queries(15) as few:
        manager_client.get(OUTBOX)
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = manager_client.get(OUTBOX).content.decode()
    assert page.count("Try again<span") == 22
    add(10)
    page = manager_client.get(OUTBOX).content.decode()
    assert page.count("Try again<span") == 25  # one page
    assert f'href="{OUTBOX}?page=2"' in page


def test_try_again_queues_a_failed_email_and_audits_it(manager_client, manager):
    message = OutboxMessageFactory(status=OutboxStatus.FAILED, attempts=6, last_error="ConnectionRefusedError",
                                   next_attempt_at=timezone.now() - datetime.timedelta(days=1))
    response = manager_client.post(retry_url(message))
    assert response.status_code == 302 and response["Location"] == OUTBOX
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.QUEUED, 0)
    assert message.next_attempt_at > timezone.now() - datetime.timedelta(minutes=1)
    event = AuditEvent.objects.get(verb="email.retried")
    assert event.actor == manager
    assert "queued to be sent again" in manager_client.get(OUTBOX).content.decode()


def test_try_again_on_an_email_no_longer_failed_changes_nothing(manager_client):
    message = OutboxMessageFactory(status=OutboxStatus.SENT, attempts=1)
    manager_client.post(retry_url(message))
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert "Only an email that failed can be tried again." in manager_client.get(OUTBOX).content.decode()


def test_try_again_takes_post_only_and_404s_an_unknown_message(manager_client):
    message = OutboxMessageFactory(status=OutboxStatus.FAILED)
    assert manager_client.get(retry_url(message)).status_code == 405
    assert manager_client.post(reverse("staff:email_outbox_retry", args=[999999])).status_code == 404
    assert OutboxMessage.objects.get().status == OutboxStatus.FAILED
