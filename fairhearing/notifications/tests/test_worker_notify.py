"""The GOV.UK Notify delivery backend against a local HTTP server that checks what the client sends."""

import datetime
import logging
import uuid

import jwt
import pytest
from django.utils import timezone

from fairhearing.notifications.choices import OutboxStatus
from fairhearing.notifications.delivery import (
    DjangoEmailDelivery,
    NotifyDelivery,
    delivery_for_settings,
)
from fairhearing.notifications.outbox import outbox_send_due

from .factories import OutboxMessageFactory

pytestmark = pytest.mark.django_db

SERVICE_ID = str(uuid.UUID("26785a09-ab16-4eb0-8407-a37497a57506"))
SECRET = str(uuid.UUID("3d844edf-8d35-48ac-975b-e847b4f122b0"))
API_KEY = f"fair_hearing_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"


@pytest.fixture
def notify_settings(settings, fake_notify):
    settings.EMAIL_DELIVERY = "notify"
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_TEMPLATE_ID = TEMPLATE_ID
    settings.NOTIFY_BASE_URL = fake_notify.url
    settings.EMAIL_TIMEOUT = 5
    return fake_notify


def later():
    return timezone.now() + datetime.timedelta(minutes=1)


def test_the_client_posts_the_message_as_personalisation_of_the_generic_template(notify_settings):
    message = OutboxMessageFactory(
        to_address="parent.person@example.org", subject="We have received your complaint: CSC-2026-0042",
        body_text="Dear Sam\n\nThank you.\n",
    )
    result = outbox_send_due(now=later())
    assert result.sent == 1
    [request] = notify_settings.requests
    assert request["path"] == "/v2/notifications/email"
    assert request["json"] == {
        "email_address": "parent.person@example.org",
        "template_id": TEMPLATE_ID,
        "personalisation": {
            "subject": "We have received your complaint: CSC-2026-0042",
            "body": "Dear Sam\n\nThank you.\n",
        },
        "reference": f"outbox-{message.pk}",
    }
    scheme, token = request["headers"]["Authorization"].split(" ")
    assert scheme == "Bearer"
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])  # signed with the key's secret part
    assert claims["iss"] == SERVICE_ID
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.provider_reference == "740e5834-3a29-46b4-9a6f-16142fde533a"


def test_a_request_notify_refuses_fails_at_once(notify_settings):
    notify_settings.status = 400
    message = OutboxMessageFactory()
    assert outbox_send_due(now=later()).failed == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (OutboxStatus.FAILED, 1, "HTTPError 400")


@pytest.mark.parametrize(("status", "error"), [(500, "HTTPError 500"), (503, "HTTP503Error 503"), (429, "HTTPError 429")])
def test_a_notify_outage_or_rate_limit_is_tried_again(notify_settings, status, error):
    notify_settings.status = status
    message = OutboxMessageFactory()
    assert outbox_send_due(now=later()).retrying == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (OutboxStatus.QUEUED, 1, error)


def test_notify_out_of_reach_is_tried_again(notify_settings, settings):
    with_port = notify_settings.url.rsplit(":", 1)
    settings.NOTIFY_BASE_URL = f"{with_port[0]}:1"  # nothing listens on port 1
    message = OutboxMessageFactory()
    assert outbox_send_due(now=later()).retrying == 1
    message.refresh_from_db()
    assert message.last_error == "HTTP503Error (no response)"


def test_notify_failures_log_no_address_or_text(notify_settings, caplog):
    caplog.set_level(logging.DEBUG)
    notify_settings.status = 400
    OutboxMessageFactory(to_address="parent.person@example.org", subject="Secret subject", body_text="Secret body")
    outbox_send_due(now=later())
    assert "failed for good" in caplog.text
    for secret in ("parent.person@example.org", "Secret subject", "Secret body", API_KEY, SECRET):
        assert secret not in caplog.text


def test_settings_choose_the_backend(settings):
    settings.EMAIL_DELIVERY = "smtp"
    assert isinstance(delivery_for_settings(), DjangoEmailDelivery)
    settings.EMAIL_DELIVERY = "console"
    assert isinstance(delivery_for_settings(), DjangoEmailDelivery)
    settings.EMAIL_DELIVERY = "notify"
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_TEMPLATE_ID = TEMPLATE_ID
    settings.NOTIFY_BASE_URL = "http://127.0.0.1:1"
    backend = delivery_for_settings()
    assert isinstance(backend, NotifyDelivery)
    assert backend.client.base_url == "http://127.0.0.1:1"
